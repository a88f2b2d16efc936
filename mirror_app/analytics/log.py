"""The mirror's side of analytics: ``log()`` never blocks, a writer thread does the SQLite work.

Bounded queue → writer thread → batched inserts, with a sentinel to stop. Whatever goes wrong
with the database (locked, disk full, corrupt), the mirror carries on: the error is logged,
the batch is retried once, then dropped and counted.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .events import Event
from .store import DEFAULT_RETENTION_DAYS, EventStore, StoreError, default_db_path, move_aside

log = logging.getLogger(__name__)

_STOP = object()


@dataclass(frozen=True)
class LogSettings:
    path: Path | None = None  # None: the platform's data folder
    retention_days: float = DEFAULT_RETENTION_DAYS
    queue_size: int = 2000  # events waiting for the writer; more are dropped (and counted)
    batch_size: int = 200
    flush_interval_s: float = 2.0  # the writer waits at most this long to fill a batch
    purge_every_s: float = 6 * 3600.0
    reopen_after_s: float = 30.0  # after the database could not be opened at all


@dataclass(frozen=True)
class LogStats:
    queued: int
    written: int
    dropped: int  # the queue was full (the writer is stuck or slow)
    lost: int  # the database refused a batch twice
    errors: int
    last_error: str | None


class EventLog:
    """Non-blocking front for the event store; start it once, close it on exit."""

    def __init__(
        self,
        settings: LogSettings | None = None,
        *,
        store_factory: Callable[[Path], EventStore] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings or LogSettings()
        self.path = self.settings.path or default_db_path()
        self._factory = store_factory or (lambda p: EventStore(p))
        self._clock = clock
        self._queue: queue.Queue[object] = queue.Queue(maxsize=self.settings.queue_size)
        self._thread: threading.Thread | None = None
        self._dropped = 0  # only the logging (UI) thread writes these two
        self._written = 0  # only the writer thread writes these
        self._lost = 0
        self._errors = 0
        self._last_error: str | None = None

    # -- the UI thread ------------------------------------------------------------------------------
    def start(self) -> EventLog:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="analytics-writer", daemon=True)
            self._thread.start()
        return self

    def log(self, event: Event) -> bool:
        """Queue ``event``; returns at once. False (and counted) when the queue is full."""
        try:
            self._queue.put_nowait(event)
        except queue.Full:
            self._dropped += 1
            return False
        return True

    def flush(self, timeout: float = 2.0) -> bool:
        """Wait until what was logged so far is written (or ``timeout``): for exit and tests."""
        if self._thread is None or not self._thread.is_alive():
            return False
        done = threading.Event()
        try:
            self._queue.put(done, timeout=timeout)
        except queue.Full:
            return False
        return done.wait(timeout)

    def close(self, timeout: float = 3.0) -> None:
        """Write what is queued and stop the writer; gives up after ``timeout`` (never hangs exit)."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        try:
            self._queue.put(_STOP, timeout=timeout)
        except queue.Full:
            log.warning("analytics: writer did not take the stop request; %d events not written", self._queue.qsize())
            return
        thread.join(timeout)
        if thread.is_alive():
            log.warning("analytics: writer still busy after %.1f s; leaving it", timeout)

    def stats(self) -> LogStats:
        return LogStats(self._queue.qsize(), self._written, self._dropped, self._lost, self._errors, self._last_error)

    def __enter__(self) -> EventLog:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the writer thread --------------------------------------------------------------------------
    def _error(self, what: str, exc: BaseException) -> None:
        self._errors += 1
        self._last_error = f"{what}: {type(exc).__name__}: {exc}"
        log.warning("analytics: %s", self._last_error)

    def _open(self) -> EventStore | None:
        try:
            store = self._factory(self.path)
        except (sqlite3.Error, StoreError, OSError) as exc:
            self._error(f"cannot open {self.path}", exc)
            return None
        try:
            store.purge(self._clock(), self.settings.retention_days)
        except sqlite3.Error as exc:
            self._error("purge failed", exc)
        return store

    def _run(self) -> None:
        s = self.settings
        store = self._open()
        opened_at = last_purge = time.monotonic()
        pending: list[Event] = []
        retried = False
        stop = False
        while not stop:
            markers: list[threading.Event] = []
            batch: list[object] = []
            try:
                batch.append(self._queue.get(timeout=s.flush_interval_s))
                while len(batch) < s.batch_size:
                    batch.append(self._queue.get_nowait())
            except queue.Empty:
                pass
            for obj in batch:
                if obj is _STOP:
                    stop = True
                elif isinstance(obj, threading.Event):
                    markers.append(obj)
                elif isinstance(obj, Event):
                    pending.append(obj)
            if store is None and time.monotonic() - opened_at >= s.reopen_after_s:
                store, opened_at = self._open(), time.monotonic()
            if pending and store is not None:
                store, pending, retried = self._write(store, pending, retried)
            elif pending and store is None and (len(pending) > s.queue_size or stop):
                self._lost += len(pending)  # no database at all: do not grow without end
                pending = []
            if store is not None and time.monotonic() - last_purge >= s.purge_every_s:
                last_purge = time.monotonic()
                try:
                    store.purge(self._clock(), s.retention_days)
                except sqlite3.Error as exc:
                    self._error("purge failed", exc)
            for marker in markers:
                marker.set()
        if store is not None:
            store.close()

    def _write(
        self, store: EventStore, pending: list[Event], retried: bool
    ) -> tuple[EventStore | None, list[Event], bool]:
        """Insert ``pending``; returns the store to use next, what is left, and the retry flag."""
        try:
            self._written += store.add_many(pending)
            return store, [], False
        except sqlite3.DatabaseError as exc:
            corrupt = not isinstance(exc, sqlite3.OperationalError) or "malformed" in str(exc)
            self._error("write failed", exc)
            if corrupt:  # a damaged file: put it aside, start a new one, try again next round
                store.close()
                try:
                    move_aside(self.path)
                except OSError as move_exc:
                    self._error("could not move the damaged database aside", move_exc)
                return self._open(), pending, False
            if retried:  # locked or disk full twice in a row: let this batch go
                self._lost += len(pending)
                return store, [], False
            return store, pending, True
