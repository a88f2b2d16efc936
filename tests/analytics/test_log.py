"""EventLog: never blocks the mirror, survives a broken database; VisitRecorder's events."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from mirror_app.analytics import Event, EventKind, EventLog, EventStore, LogSettings, VisitRecorder

V1 = "0123456789abcdef"


def ev(ts: float = 1.0) -> Event:
    return Event(EventKind.VISIT_START, ts, V1)


def settings(tmp_path: Path, **kw) -> LogSettings:
    return LogSettings(path=tmp_path / "a.sqlite3", **{"flush_interval_s": 0.05, **kw})


def test_events_reach_the_database(tmp_path) -> None:
    with EventLog(settings(tmp_path)) as log:
        for i in range(500):
            assert log.log(ev(float(i)))
        assert log.flush(5.0)
        assert log.stats().written == 500
    with EventStore(tmp_path / "a.sqlite3") as store:
        assert store.count() == 500


def test_close_writes_what_is_queued(tmp_path) -> None:
    log = EventLog(settings(tmp_path, flush_interval_s=10.0)).start()
    for i in range(50):
        log.log(ev(float(i)))
    log.close(timeout=5.0)
    with EventStore(tmp_path / "a.sqlite3") as store:
        assert store.count() == 50


class StuckStore(EventStore):
    """A database that hangs on write (a network drive gone, a lock held forever)."""

    release = threading.Event()

    def add_many(self, events) -> int:
        self.release.wait(10)
        return super().add_many(events)


def test_a_stuck_writer_never_blocks_log(tmp_path) -> None:
    StuckStore.release = threading.Event()
    log = EventLog(settings(tmp_path, queue_size=100), store_factory=StuckStore).start()
    try:
        log.log(ev())
        time.sleep(0.2)  # the writer takes it and hangs
        t0 = time.perf_counter()
        accepted = sum(log.log(ev(float(i))) for i in range(10_000))
        worst = time.perf_counter() - t0
        assert worst < 0.5  # 10,000 calls; each returns at once
        assert accepted == 100
        assert log.stats().dropped == 10_000 - 100
    finally:
        StuckStore.release.set()
        log.close(timeout=5.0)


def test_close_does_not_hang_on_a_stuck_writer(tmp_path) -> None:
    StuckStore.release = threading.Event()
    log = EventLog(settings(tmp_path, queue_size=10), store_factory=StuckStore).start()
    log.log(ev())
    time.sleep(0.2)
    for i in range(20):
        log.log(ev(float(i)))
    t0 = time.perf_counter()
    log.close(timeout=0.3)
    assert time.perf_counter() - t0 < 1.0
    StuckStore.release.set()


class FlakyStore(EventStore):
    """Fails the first ``failures`` writes with ``error``."""

    failures = 0
    error: Exception = sqlite3.OperationalError("database or disk is full")

    def add_many(self, events) -> int:
        if FlakyStore.failures > 0:
            FlakyStore.failures -= 1
            raise FlakyStore.error
        return super().add_many(events)


def test_disk_full_once_is_retried(tmp_path) -> None:
    FlakyStore.failures, FlakyStore.error = 1, sqlite3.OperationalError("database or disk is full")
    with EventLog(settings(tmp_path), store_factory=FlakyStore) as log:
        log.log(ev())
        assert log.flush(5.0)
        log.log(ev(2.0))
        assert log.flush(5.0)
        stats = log.stats()
    assert stats.errors == 1 and stats.lost == 0 and stats.written == 2
    assert "disk is full" in (stats.last_error or "")


def test_locked_twice_loses_the_batch_and_carries_on(tmp_path) -> None:
    FlakyStore.failures, FlakyStore.error = 2, sqlite3.OperationalError("database is locked")
    with EventLog(settings(tmp_path), store_factory=FlakyStore) as log:
        log.log(ev())
        log.flush(5.0)
        log.log(ev(2.0))  # retried with the first, fails again: both are let go
        log.flush(5.0)
        log.log(ev(3.0))  # the database is back
        log.flush(5.0)
        stats = log.stats()
    assert (stats.lost, stats.written, stats.errors) == (2, 1, 2)


def test_file_corrupted_while_running_is_moved_aside(tmp_path) -> None:
    FlakyStore.failures, FlakyStore.error = 1, sqlite3.DatabaseError("database disk image is malformed")
    with EventLog(settings(tmp_path), store_factory=FlakyStore) as log:
        log.log(ev())
        log.flush(5.0)
        log.log(ev(2.0))
        log.flush(5.0)
        stats = log.stats()
    assert stats.written == 2 and stats.lost == 0
    assert list(tmp_path.glob("a.sqlite3.corrupt-*"))


def test_corrupt_file_at_start_is_moved_aside(tmp_path) -> None:
    (tmp_path / "a.sqlite3").write_bytes(b"not sqlite" * 500)
    with EventLog(settings(tmp_path)) as log:
        log.log(ev())
        assert log.flush(5.0)
        assert log.stats().written == 1
    assert len(list(tmp_path.glob("a.sqlite3.corrupt-*"))) == 1


def test_unopenable_database_does_not_stop_the_mirror(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    log = EventLog(LogSettings(path=blocker / "sub" / "a.sqlite3", flush_interval_s=0.05)).start()
    assert log.log(ev())
    log.flush(2.0)
    log.close(2.0)
    assert log.stats().errors >= 1


def test_old_events_are_purged_on_start(tmp_path) -> None:
    now = 400 * 86400.0
    with EventStore(tmp_path / "a.sqlite3") as store:
        store.add_many([ev(now - 200 * 86400), ev(now - 10 * 86400)])
    with EventLog(settings(tmp_path, retention_days=180), clock=lambda: now) as log:
        assert log.flush(5.0)
    with EventStore(tmp_path / "a.sqlite3") as store:
        assert store.count() == 1


class ListSink:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def log(self, event: Event) -> bool:
        self.events.append(event)
        return True


def test_visit_recorder_turns_outfits_into_events() -> None:
    sink, wall = ListSink(), iter(range(1000, 2000))
    rec = VisitRecorder(sink, wall_clock=lambda: float(next(wall)))
    rec.start(now=10.0)
    rec.outfit_changed(["crew-tee"], now=12.0)
    rec.size_advice_shown("crew-tee", "M")
    rec.size_advice_shown("crew-tee", "M")  # still on screen: logged once
    rec.outfit_changed(["crew-tee", "denim-jeans"], now=20.0)
    rec.outfit_changed(["oxford-shirt-long", "denim-jeans"], now=42.5)  # a new top replaces the tee
    rec.photo_taken()
    rec.qr_shown()
    rec.end(now=60.0)
    got = [(e.kind.value, e.item, e.seconds, e.detail) for e in sink.events]
    assert got == [
        ("visit_start", None, None, None),
        ("item_on", "crew-tee", None, None),
        ("size_advice_shown", "crew-tee", None, "M"),
        ("item_on", "denim-jeans", None, None),
        ("item_off", "crew-tee", 30.5, None),
        ("item_on", "oxford-shirt-long", None, None),
        ("photo_taken", None, None, None),
        ("qr_shown", None, None, None),
        ("item_off", "denim-jeans", 40.0, None),
        ("item_off", "oxford-shirt-long", 17.5, None),
        ("visit_end", None, None, None),
    ]
    assert len({e.visit for e in sink.events}) == 1
    rec.start(now=100.0)
    rec.outfit_changed([], now=101.0)
    assert sink.events[-1].visit != sink.events[0].visit  # a new visit, a new random id
