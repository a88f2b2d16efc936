"""The shopper's hands as pointers: palm points in the frame, then where they are on the screen.

A hand held over a button presses it (``visit.dwell``); this module only says where the hands are.
In compare mode the shopper appears twice, so each hand points from both copies.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ..tracking.landmarks import Landmark as L
from ..tracking.landmarks import Pose
from .transform import ScreenView, screen_copies

HAND_VISIBLE = 0.5  # a wrist seen less surely than this points nowhere
PALM_REACH = 0.8  # the palm's centre: this far from the wrist towards the knuckles

_HANDS = (
    (L.LEFT_WRIST, L.LEFT_INDEX, L.LEFT_PINKY),
    (L.RIGHT_WRIST, L.RIGHT_INDEX, L.RIGHT_PINKY),
)


def palm_points(pose: Pose) -> npt.NDArray[np.float64]:
    """(N, 2) palm centres of the visible hands (N = 0, 1 or 2), in the pose's frame pixels."""
    palms = []
    for wrist, index, pinky in _HANDS:
        if pose.visibility[wrist] < HAND_VISIBLE:
            continue
        knuckles = (pose.xy[index] + pose.xy[pinky]) / 2
        palms.append(pose.xy[wrist] + (knuckles - pose.xy[wrist]) * PALM_REACH)
    return np.array(palms, dtype=np.float64).reshape(-1, 2)


def hands_on_screen(pose: Pose | None, view: ScreenView) -> tuple[tuple[float, float], ...]:
    """Where the shopper's palms are on the screen (each hand twice in a split view)."""
    if pose is None:
        return ()
    palms = palm_points(pose)
    if len(palms) == 0:
        return ()
    return tuple((float(x), float(y)) for copy in screen_copies(view, palms) for x, y in copy)
