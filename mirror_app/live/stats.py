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
