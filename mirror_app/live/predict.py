"""Carry the last tracked pose forward to the moment of a newer camera frame.

Tracking runs on its own thread; each displayed frame uses the newest pose, which is one
tracking frame old. Moving it on by its recent velocity hides most of that lag.
"""

from __future__ import annotations

import numpy as np

from ..tracking.landmarks import Pose

MAX_AHEAD_MS = 80.0
DAMPING = 0.8


def extrapolate(previous: Pose | None, current: Pose, previous_ms: int | None, current_ms: int, target_ms: int) -> Pose:
    if previous is None or previous_ms is None or current_ms <= previous_ms or target_ms <= current_ms:
        return current
    ahead = min(float(target_ms - current_ms), MAX_AHEAD_MS)
    velocity = (current.xy - previous.xy) / float(current_ms - previous_ms)
    xy = (current.xy + velocity * ahead * DAMPING).astype(np.float32)
    return Pose(xy, current.visibility, current.world_xyz)
