"""``mirror-app run --events FILE``: one JSON line per thing the visit did, flushed at once.

For tests and installers who must know *when* something happened (a photo's URL, to open it on
a phone) without reading the screen. The lines come from the session's own actions, the way
analytics gets them: ``EventsFile`` is a sink for the ``VisitRecorder`` (visit started and ended,
item worn and taken off, photo taken, QR shown, size advice), and ``JournaledDesk`` adds "photo
shared" with its URL and expiry after the photo desk handed the photo out.

Each line: ``{"event": "...", "time": UNIX_SECONDS, ...}``; see docs/photo-sharing.md.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from ..analytics.events import Event, EventKind
from ..analytics.visit import Sink
from ..errors import MirrorError
from .photo_desk import PhotoDesk, PhotoHandout, TakenPhoto

log = logging.getLogger(__name__)

NAMES: dict[EventKind, str] = {
    EventKind.VISIT_START: "visit_started",
    EventKind.VISIT_END: "visit_ended",
    EventKind.ITEM_ON: "item_worn",
    EventKind.ITEM_OFF: "item_taken_off",
    EventKind.PHOTO_TAKEN: "photo_taken",
    EventKind.QR_SHOWN: "qr_shown",
    EventKind.SIZE_ADVICE_SHOWN: "size_advice_shown",
}


class EventsFile:
    """Appends events to ``path`` as JSON lines. Opening fails with a clear MirrorError; a write
    that fails later is logged once and the mirror goes on."""

    def __init__(self, path: Path, wall_clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._wall = wall_clock
        self._lock = threading.Lock()
        self._failed = False
        try:
            self._fh: IO[str] | None = open(path, "a", encoding="utf-8")  # noqa: SIM115 (open for the run)
        except OSError as exc:
            raise MirrorError(f"--events {path}: cannot open it for writing ({exc.strerror or exc})") from None

    def now(self) -> float:
        """The wall clock the lines are stamped with (Unix seconds)."""
        return self._wall()

    def write(self, event: str, **fields: Any) -> None:
        line = json.dumps({"event": event, "time": round(self._wall(), 3), **fields}, ensure_ascii=False)
        with self._lock:
            if self._fh is None:
                return
            try:
                self._fh.write(line + "\n")
                self._fh.flush()
            except OSError as exc:
                if not self._failed:
                    log.error("--events %s: cannot write (%s); no more events are written", self.path, exc)
                self._failed = True

    def log(self, event: Event) -> bool:
        """The ``VisitRecorder``'s sink."""
        fields: dict[str, Any] = {"visit": event.visit}
        if event.item is not None:
            fields["item"] = event.item
        if event.seconds is not None:
            fields["seconds"] = event.seconds
        if event.detail is not None:
            fields["detail"] = event.detail
        self.write(NAMES[event.kind], **fields)
        return True

    def close(self) -> None:
        with self._lock:
            if self._fh is not None:
                self._fh.close()
                self._fh = None


class Sinks:
    """Several sinks fed the same events (the analytics log and the events file)."""

    def __init__(self, sinks: Sequence[Sink]) -> None:
        self._sinks = tuple(sinks)

    def log(self, event: Event) -> bool:
        return all([sink.log(event) for sink in self._sinks])


class JournaledDesk:
    """A photo desk that also writes "photo_shared" (URL, expiry) when its photo is served."""

    def __init__(self, desk: PhotoDesk, events: EventsFile) -> None:
        self.desk = desk
        self.events = events

    def hand_out(self, photo: TakenPhoto) -> PhotoHandout:
        handout = self.desk.hand_out(photo)
        if handout.expires_in_s is not None:
            expires_at = self.events.now() + handout.expires_in_s
            self.events.write(
                "photo_shared", url=handout.url, expires_at=round(expires_at, 3), expires_in_s=handout.expires_in_s
            )
        return handout

    def visit_started(self) -> None:
        self.desk.visit_started()

    def visit_ended(self) -> None:
        self.desk.visit_ended()
