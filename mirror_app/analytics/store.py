"""SQLite storage for events: versioned schema, WAL, retention, and recovery from a broken file.

One ``EventStore`` is used by one thread (the mirror's writer thread, or the report command).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

import platformdirs

from .events import Event, EventKind

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
DEFAULT_RETENTION_DAYS = 180

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    ts REAL NOT NULL,
    kind TEXT NOT NULL,
    visit TEXT NOT NULL,
    item TEXT,
    seconds REAL,
    detail TEXT
);
CREATE INDEX IF NOT EXISTS events_ts ON events (ts);
"""


class StoreError(Exception):
    """The database cannot be used (a newer schema, or a file we may not replace)."""


def default_db_path() -> Path:
    """``analytics.sqlite3`` in the platform's data folder for mirror-app."""
    return Path(platformdirs.user_data_dir("mirror-app", appauthor=False)) / "analytics.sqlite3"


def move_aside(path: Path, now: float | None = None) -> Path:
    """Rename a broken database (and its WAL files) to ``NAME.corrupt-YYYYmmdd-HHMMSS``."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now if now is not None else time.time()))
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    path.replace(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(target.with_name(target.name + suffix))
    return target


class EventStore:
    """Events in SQLite. ``recover=True`` moves a corrupt file aside and starts a new one."""

    def __init__(self, path: Path, *, recover: bool = True, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.moved_aside: Path | None = None
        try:
            self._conn = self._open()
        except sqlite3.DatabaseError as exc:
            if read_only or not recover or not path.exists():
                raise
            log.warning("analytics database %s is unreadable (%s): moving it aside and starting anew", path, exc)
            self.moved_aside = move_aside(path)
            self._conn = self._open()

    def _open(self) -> sqlite3.Connection:
        if self.read_only:
            if not self.path.exists():
                raise StoreError(f"no analytics database at {self.path}")
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=2.0)
        try:
            conn.execute("PRAGMA busy_timeout = 2000")
            version = self._version(conn)
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} has analytics schema {version}, newer than this mirror-app ({SCHEMA_VERSION}); update mirror-app"
                )
            if not self.read_only:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                with conn:
                    conn.executescript(_SCHEMA)
                    conn.execute(
                        "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
                    )
            # a damaged file often opens fine and fails on first read: look now, not mid-shop
            row = conn.execute("PRAGMA quick_check").fetchone()
            if row is None or row[0] != "ok":
                raise sqlite3.DatabaseError(f"quick_check: {row[0] if row else 'no answer'}")
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _version(conn: sqlite3.Connection) -> int:
        has_meta = conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        if not has_meta:
            return 0
        row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0]) if row else 0

    def add_many(self, events: Iterable[Event]) -> int:
        rows = [(e.timestamp, e.kind.value, e.visit, e.item, e.seconds, e.detail) for e in events]
        with self._conn:
            self._conn.executemany(
                "INSERT INTO events (ts, kind, visit, item, seconds, detail) VALUES (?, ?, ?, ?, ?, ?)", rows
            )
        return len(rows)

    def events(self, since: float | None = None, until: float | None = None) -> list[Event]:
        """Events with ``since <= timestamp < until`` (Unix seconds), oldest first."""
        query = "SELECT ts, kind, visit, item, seconds, detail FROM events WHERE ts >= ? AND ts < ? ORDER BY ts, id"
        rows = self._conn.execute(query, (since if since is not None else -1e18, until if until is not None else 1e18))
        out = []
        for ts, kind, visit, item, seconds, detail in rows:
            try:
                out.append(Event(EventKind(kind), ts, visit, item, seconds, detail))
            except ValueError:
                log.debug("skipping a malformed analytics row: %s %s", kind, visit)
        return out

    def count(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM events").fetchone()[0])

    def purge(self, now: float, retention_days: float = DEFAULT_RETENTION_DAYS) -> int:
        """Delete events older than the retention limit; returns how many went."""
        cutoff = now - retention_days * 86400
        with self._conn:
            cur = self._conn.execute("DELETE FROM events WHERE ts < ?", (cutoff,))
        return int(cur.rowcount)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
