"""A per-phone request budget, so one phone (or a script) cannot keep the mirror's server busy.

A token bucket per client address: ``burst`` requests at once, then ``per_s`` a second. Loading
the page costs a phone 2–4 requests (page, photo, perhaps an icon and the save), so a shopper
never meets the limit; a loop of requests does at once. Time comes from ``clock``.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

BURST = 30
PER_S = 1.0
MAX_CLIENTS = 1024  # addresses remembered; the least recently seen is forgotten first


class ClientLimiter:
    def __init__(
        self,
        burst: int = BURST,
        per_s: float = PER_S,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = MAX_CLIENTS,
    ) -> None:
        self.burst = burst
        self.per_s = per_s
        self._clock = clock
        self._max_clients = max_clients
        self._lock = threading.Lock()
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # client → (tokens, at)

    def allow(self, client: str) -> bool:
        """Spend one request of ``client``'s budget; False when it has none left now."""
        with self._lock:
            now = self._clock()
            tokens, at = self._buckets.pop(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - at) * self.per_s)
            allowed = tokens >= 1.0
            self._buckets[client] = (tokens - 1.0 if allowed else tokens, now)
            while len(self._buckets) > self._max_clients:
                self._buckets.popitem(last=False)
            return allowed

    def retry_after(self, client: str) -> int:
        """Whole seconds until ``client`` may ask again (for the Retry-After header)."""
        with self._lock:
            tokens, _ = self._buckets.get(client, (float(self.burst), 0.0))
        return max(1, int((1.0 - tokens) / self.per_s + 0.999))
