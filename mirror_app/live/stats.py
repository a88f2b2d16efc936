"""Rolling timings for the stats file and the debug overlay."""

from __future__ import annotations

import threading
from collections import deque

import numpy as np


class Timings:
    """Thread-safe rolling samples per named stage (ms), and event rates (Hz)."""

    def __init__(self, window: int = 600) -> None:
        self._lock = threading.Lock()
        self._samples: dict[str, deque[float]] = {}
        self._events: dict[str, deque[float]] = {}
        self._counts: dict[str, int] = {}
        self._window = window

    def add(self, stage: str, ms: float) -> None:
        with self._lock:
            self._samples.setdefault(stage, deque(maxlen=self._window)).append(ms)

    def event(self, name: str, at_s: float) -> None:
        with self._lock:
            self._events.setdefault(name, deque(maxlen=self._window)).append(at_s)
            self._counts[name] = self._counts.get(name, 0) + 1

    def count(self, name: str) -> int:
        with self._lock:
            return self._counts.get(name, 0)

    def rate(self, name: str) -> float:
        with self._lock:
            ts = self._events.get(name)
            if not ts or len(ts) < 2 or ts[-1] <= ts[0]:
                return 0.0
            return (len(ts) - 1) / (ts[-1] - ts[0])

    def percentiles(self, stage: str) -> dict[str, float]:
        with self._lock:
            data = list(self._samples.get(stage, ()))
        if not data:
            return {"p50": 0.0, "p95": 0.0}
        arr = np.asarray(data)
        return {"p50": round(float(np.percentile(arr, 50)), 2), "p95": round(float(np.percentile(arr, 95)), 2)}

    def stages(self) -> list[str]:
        with self._lock:
            return sorted(self._samples)


def rss_mb() -> float:
    """Resident memory of this process now (Linux: /proc; elsewhere the peak so far)."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        import os

        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


class Samples:
    """A reading of memory and rates every ``period_s`` (for soak runs and the stats file)."""

    def __init__(self, timings: Timings, period_s: float = 60.0) -> None:
        self.timings = timings
        self.period_s = period_s
        self.rows: list[dict[str, float]] = []
        self._t0: float | None = None
        self._next = 0.0
        self._counts = (0, 0)

    def poll(self, now: float) -> None:
        if self._t0 is None:
            self._t0, self._next = now, now
        if now < self._next:
            return
        shown, tracked = self.timings.count("display"), self.timings.count("tracking")
        dt = self.period_s if self.rows else 0.0
        row = {"t_s": round(now - self._t0, 1), "rss_mb": round(rss_mb(), 1)}
        if dt > 0:
            row["display_fps"] = round((shown - self._counts[0]) / dt, 2)
            row["tracking_hz"] = round((tracked - self._counts[1]) / dt, 2)
        self.rows.append(row)
        self._counts = (shown, tracked)
        self._next += self.period_s
