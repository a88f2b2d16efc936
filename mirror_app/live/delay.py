"""How far the screen runs behind the camera, so a frame is shown once its own pose is ready.

Tracking and warping a frame take longer than a camera frame on a shop PC (about 25 + 10 ms at
720p against 20 ms between frames at 50 fps). Shown at once, a frame would be dressed with the pose
of a picture two or three frames older: on a moving body the garment trails behind. Shown
``frames()`` camera frames late, its own pose (or the one just before it) is ready. The delay is
measured, not guessed: the 90th percentile of the time from a frame's capture to its outfit being
ready, in frame periods, between 0 and ``max_frames``.
"""

from __future__ import annotations

import math
from collections import deque

import numpy as np


class DisplayDelay:
    def __init__(self, fixed: int | None = None, max_frames: int = 3, window: int = 60, every: int = 15) -> None:
        self.fixed = fixed
        self.max_frames = max_frames
        self._ready: deque[float] = deque(maxlen=window)
        self._periods: deque[float] = deque(maxlen=window)
        self._last_capture: float | None = None
        self._every = every
        self._count = 0
        self._current = 1 if fixed is None else max(fixed, 0)

    def captured(self, at_s: float) -> None:
        """A camera frame arrived at ``at_s`` (perf_counter seconds)."""
        if self._last_capture is not None and at_s > self._last_capture:
            self._periods.append(at_s - self._last_capture)
        self._last_capture = at_s
        self._count += 1
        if self.fixed is None and self._count % self._every == 0:
            self._current = self._measure()

    def ready(self, latency_s: float) -> None:
        """The outfit for a frame captured ``latency_s`` ago is ready now."""
        self._ready.append(latency_s)

    def frames(self) -> int:
        return self._current

    def _measure(self) -> int:
        if len(self._ready) < 5 or len(self._periods) < 5:
            return self._current
        period = float(np.median(self._periods))
        late = float(np.percentile(self._ready, 90))
        return int(min(max(math.ceil(late / max(period, 1e-3) - 0.05), 0), self.max_frames))
