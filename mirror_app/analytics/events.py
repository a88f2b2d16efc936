"""Anonymous shop events: what was tried on and for how long, never who tried it.

An event holds a kind, a time, a random visit id (made fresh for every visit, never stored
anywhere else), and at most an item id, seconds worn, and a short key (a size label). No
pictures, no body measurements, no track or face data.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from enum import StrEnum


class EventKind(StrEnum):
    VISIT_START = "visit_start"
    VISIT_END = "visit_end"
    ITEM_ON = "item_on"
    ITEM_OFF = "item_off"  # with seconds worn
    PHOTO_TAKEN = "photo_taken"
    QR_SHOWN = "qr_shown"
    SIZE_ADVICE_SHOWN = "size_advice_shown"  # with the item and the size shown (or "none")


NEEDS_ITEM = frozenset({EventKind.ITEM_ON, EventKind.ITEM_OFF, EventKind.SIZE_ADVICE_SHOWN})

_ITEM = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")  # the catalog's id rule
_VISIT = re.compile(r"^[0-9a-f]{16}$")
_DETAIL = re.compile(r"^[A-Za-z0-9_.-]{1,16}$")  # a size label or a reason key, nothing free-form


def new_visit_id() -> str:
    """A random id for one visit: 64 bits, unrelated to anything about the person."""
    return secrets.token_hex(8)


@dataclass(frozen=True)
class Event:
    """One thing that happened at the mirror. ``timestamp`` is Unix seconds (UTC)."""

    kind: EventKind
    timestamp: float
    visit: str
    item: str | None = None
    seconds: float | None = None
    detail: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", EventKind(self.kind))
        if not _VISIT.match(self.visit):
            raise ValueError(f"expected a 16-hex-digit visit id, got {self.visit!r}")
        if self.item is not None and not _ITEM.match(self.item):
            raise ValueError(f"expected a catalog item id, got {self.item!r}")
        if self.kind in NEEDS_ITEM and self.item is None:
            raise ValueError(f"{self.kind} needs an item")
        if self.seconds is not None and not 0 <= self.seconds < 86400:
            raise ValueError(f"expected seconds worn in [0, 86400), got {self.seconds}")
        if self.detail is not None and not _DETAIL.match(self.detail):
            raise ValueError(f"expected a short key as detail, got {self.detail!r}")
