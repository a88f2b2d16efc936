"""The staff's screens: the PIN pad (with the lockout of ``staff.PinLock``) and the staff menu.

The corner that opens them takes five taps within three seconds, so a shopper never finds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ..domain import ButtonId
from ..staff import PinLock
from ..view.rect import Rect

CORNER_TAPS = 5
CORNER_WINDOW_S = 3.0
MAX_PIN_DIGITS = 12

STAFF_MENU = (ButtonId.STAFF_BACK, ButtonId.STAFF_RELOAD, ButtonId.STAFF_DEBUG, ButtonId.STAFF_EXIT)


class PinKey(StrEnum):
    D1 = "1"
    D2 = "2"
    D3 = "3"
    D4 = "4"
    D5 = "5"
    D6 = "6"
    D7 = "7"
    D8 = "8"
    D9 = "9"
    DELETE = "←"
    D0 = "0"
    OK = "OK"
    BACK = "back"


def pin_pad(screen_wh: tuple[int, int], unit: float) -> dict[PinKey, Rect]:
    """Three columns of big keys in the middle of the screen, "back" across the bottom."""
    w, h = screen_wh
    size, gap = 170 * unit, 22 * unit
    x0 = (w - 3 * size - 2 * gap) / 2
    y0 = h * 0.34
    keys: dict[PinKey, Rect] = {
        key: Rect(x0 + (i % 3) * (size + gap), y0 + (i // 3) * (size + gap), size, size)
        for i, key in enumerate(k for k in PinKey if k is not PinKey.BACK)
    }
    keys[PinKey.BACK] = Rect(x0, y0 + 4 * (size + gap), 3 * size + 2 * gap, 120 * unit)
    return keys


def staff_menu(screen_wh: tuple[int, int], unit: float) -> dict[ButtonId, Rect]:
    w, h = screen_wh
    bw, bh = 560 * unit, 130 * unit
    x, y = (w - bw) / 2, h * 0.18
    return {name: Rect(x, y + i * (bh + 24 * unit), bw, bh) for i, name in enumerate(STAFF_MENU)}


@dataclass
class CornerTaps:
    """Counts taps in the hidden corner; ``tap`` says when they open the staff screens."""

    times: list[float] = field(default_factory=list)

    def tap(self, now: float) -> bool:
        self.times = [t for t in self.times if now - t < CORNER_WINDOW_S] + [now]
        if len(self.times) >= CORNER_TAPS:
            self.times.clear()
            return True
        return False


@dataclass
class PinEntry:
    """The digits typed so far and what the pad says about the last try."""

    lock: PinLock
    digits: str = ""
    wrong: bool = False  # the last PIN was wrong (the pad shows ✕ or the lockout)

    def clear(self) -> None:
        self.digits, self.wrong = "", False

    def type(self, digit: str) -> None:
        if len(self.digits) < MAX_PIN_DIGITS:
            self.digits += digit
        self.wrong = False

    def delete(self) -> None:
        self.digits = self.digits[:-1]

    def submit(self, now: float) -> bool:
        """True when the PIN opens the staff menu; the digits are cleared either way."""
        ok = self.lock.try_pin(self.digits, now)
        self.digits, self.wrong = "", not ok
        return ok
