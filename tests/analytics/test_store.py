"""EventStore: round trip, retention, schema version, corrupt files; Event validation."""

from __future__ import annotations

import sqlite3

import pytest

from mirror_app.analytics import Event, EventKind, EventStore, StoreError, default_db_path, new_visit_id
from mirror_app.analytics.store import SCHEMA_VERSION

V1, V2 = "0123456789abcdef", "fedcba9876543210"
DAY = 86400.0


def ev(kind: str, ts: float, visit: str = V1, item: str | None = None, **kw) -> Event:
    return Event(EventKind(kind), ts, visit, item, **kw)


def test_round_trip(tmp_path) -> None:
    events = [
        ev("visit_start", 100.0),
        ev("item_on", 101.0, item="crew-tee"),
        ev("size_advice_shown", 102.0, item="crew-tee", detail="M"),
        ev("item_off", 140.5, item="crew-tee", seconds=39.5),
        ev("photo_taken", 141.0),
        ev("qr_shown", 142.0),
        ev("visit_end", 160.0),
    ]
    with EventStore(tmp_path / "a.sqlite3") as store:
        assert store.add_many(events) == 7
    with EventStore(tmp_path / "a.sqlite3") as store:
        assert store.events() == events
        assert store.events(since=141.0, until=160.0) == events[4:6]


def test_wal_and_schema_version(tmp_path) -> None:
    path = tmp_path / "a.sqlite3"
    EventStore(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    conn.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        EventStore(path)


def test_retention_purge(tmp_path) -> None:
    now = 1_000 * DAY
    with EventStore(tmp_path / "a.sqlite3") as store:
        store.add_many(
            [
                ev("visit_start", now - 200 * DAY),
                ev("visit_start", now - 181 * DAY),
                ev("visit_start", now - 179 * DAY),
                ev("visit_start", now),
            ]
        )
        assert store.purge(now, retention_days=180) == 2
        assert [e.timestamp for e in store.events()] == [now - 179 * DAY, now]
        assert store.purge(now, retention_days=30) == 1


@pytest.mark.parametrize("garbage", [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000])
def test_corrupt_file_is_moved_aside(tmp_path, garbage) -> None:
    path = tmp_path / "a.sqlite3"
    path.write_bytes(garbage)
    with EventStore(path) as store:
        assert store.moved_aside is not None and store.moved_aside.read_bytes() == garbage
        assert store.moved_aside.name.startswith("a.sqlite3.corrupt-")
        store.add_many([ev("visit_start", 1.0)])
        assert store.count() == 1


def test_corrupt_file_is_not_touched_read_only(tmp_path) -> None:
    path = tmp_path / "a.sqlite3"
    path.write_bytes(b"garbage" * 1000)
    with pytest.raises(sqlite3.DatabaseError):
        EventStore(path, read_only=True)
    assert path.read_bytes() == b"garbage" * 1000


def test_default_path_is_in_the_data_folder(tmp_path) -> None:
    assert default_db_path() == tmp_path / "user-data" / "analytics.sqlite3"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "item_on", "timestamp": 1.0, "visit": V1}, "needs an item"),
        ({"kind": "visit_start", "timestamp": 1.0, "visit": "Kim Minji"}, "visit id"),
        ({"kind": "item_on", "timestamp": 1.0, "visit": V1, "item": "../../etc"}, "item id"),
        ({"kind": "item_off", "timestamp": 1.0, "visit": V1, "item": "crew-tee", "seconds": -3}, "seconds"),
        ({"kind": "size_advice_shown", "timestamp": 1.0, "visit": V1, "item": "crew-tee", "detail": "chest 96 cm, she"}, "short key"),
        ({"kind": "selfie", "timestamp": 1.0, "visit": V1}, "selfie"),
    ],
)  # fmt: skip
def test_event_refuses_anything_personal_or_odd(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        Event(**kwargs)


def test_visit_ids_are_random() -> None:
    ids = {new_visit_id() for _ in range(1000)}
    assert len(ids) == 1000 and all(len(i) == 16 for i in ids)
