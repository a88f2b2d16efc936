"""Anonymous shop analytics: events, their SQLite store, a never-blocking log, and the report."""

from .events import Event, EventKind, new_visit_id
from .log import EventLog, LogSettings, LogStats
from .store import DEFAULT_RETENTION_DAYS, EventStore, StoreError, default_db_path
from .visit import VisitRecorder

__all__ = [
    "DEFAULT_RETENTION_DAYS",
    "Event",
    "EventKind",
    "EventLog",
    "EventStore",
    "LogSettings",
    "LogStats",
    "StoreError",
    "VisitRecorder",
    "default_db_path",
    "new_visit_id",
]
