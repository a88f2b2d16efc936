"""What the shopper or the staff did, as the window reports it: a tap, a key, a new screen size.

Keys are named by what they mean here, not by the keyboard: the window maps Qt's keys to these.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Key(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    UP = "up"
    DOWN = "down"
    ENTER = "enter"  # also space: choose
    ESCAPE = "escape"  # back
    BACKSPACE = "backspace"
    DEBUG = "debug"  # F1: the debug overlay
    STAFF = "staff"  # F12 or Ctrl+Shift+S: the staff menu
    PHOTO = "photo"  # P
    LANG = "lang"  # L
    CLEAR = "clear"  # C
    D0 = "0"
    D1 = "1"
    D2 = "2"
    D3 = "3"
    D4 = "4"
    D5 = "5"
    D6 = "6"
    D7 = "7"
    D8 = "8"
    D9 = "9"

    @property
    def digit(self) -> str | None:
        return self.value if self.value.isdigit() else None


@dataclass(frozen=True)
class Tap:
    """A touch or mouse click at (x, y) screen pixels."""

    x: float
    y: float


@dataclass(frozen=True)
class KeyPress:
    key: Key


@dataclass(frozen=True)
class Resized:
    """The window is now ``wh`` (width, height) pixels."""

    wh: tuple[int, int]


InputEvent = Tap | KeyPress | Resized
