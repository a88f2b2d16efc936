"""Turns what the session does into events, so the UI only reports what happened.

Pure apart from the ``EventLog`` it is given: durations come from the monotonic ``now`` the
session already uses; event times from a wall clock (hours of the day are what shops ask about).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Protocol

from .events import Event, EventKind, new_visit_id


class Sink(Protocol):
    def log(self, event: Event) -> bool: ...


class VisitRecorder:
    """One shopper's visit at a time: start, outfit changes, photo, QR, size advice, end."""

    def __init__(self, sink: Sink, wall_clock: Callable[[], float] = time.time) -> None:
        self._sink = sink
        self._wall = wall_clock
        self.visit: str | None = None
        self._worn: dict[str, float] = {}  # item id → monotonic time put on
        self._advised: set[tuple[str, str]] = set()

    def _emit(
        self, kind: EventKind, item: str | None = None, seconds: float | None = None, detail: str | None = None
    ) -> None:
        if self.visit is not None:
            self._sink.log(Event(kind, self._wall(), self.visit, item, seconds, detail))

    def start(self, now: float) -> None:
        """A shopper arrived (the welcome screen): a fresh random visit id."""
        if self.visit is not None:
            self.end(now)
        self.visit = new_visit_id()
        self._worn.clear()
        self._advised.clear()
        self._emit(EventKind.VISIT_START)

    def outfit_changed(self, outfit: Iterable[str], now: float) -> None:
        """The outfit now is ``outfit`` (item ids): logs what came off (with time worn) and on."""
        if self.visit is None:
            self.start(now)
        current = list(dict.fromkeys(outfit))
        for item in [i for i in self._worn if i not in current]:
            worn = max(0.0, now - self._worn.pop(item))
            self._emit(EventKind.ITEM_OFF, item, round(worn, 1))
        for item in current:
            if item not in self._worn:
                self._worn[item] = now
                self._emit(EventKind.ITEM_ON, item)

    def photo_taken(self) -> None:
        self._emit(EventKind.PHOTO_TAKEN)

    def qr_shown(self) -> None:
        self._emit(EventKind.QR_SHOWN)

    def size_advice_shown(self, item: str, size: str | None) -> None:
        """Advice for ``item`` appeared on screen (``size`` None: we asked to stand still etc.).
        Logged once per item and size in a visit, however long it stays on screen."""
        key = (item, size or "none")
        if key in self._advised:
            return
        self._advised.add(key)
        self._emit(EventKind.SIZE_ADVICE_SHOWN, item, detail=size or "none")

    def end(self, now: float) -> None:
        """The shopper left (attract screen) or the mirror closes: take everything off, end."""
        if self.visit is None:
            return
        self.outfit_changed((), now)
        self._emit(EventKind.VISIT_END)
        self.visit = None
