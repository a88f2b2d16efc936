"""Poses no human body can take, recognised before a garment is drawn on them.

MediaPipe sometimes returns a confident but impossible pose (seen on a full-body photo with
little margin: both shoulders on one point). Dressing it draws a collapsed body. These checks use
only proportions that hold for any person, any size, turned or not, so a real pose passes.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np

from .landmarks import Landmark as L
from .landmarks import Pose

_SEEN = 0.5  # visibility from which a landmark counts


class PoseProblem(StrEnum):
    COLLAPSED_SHOULDERS = "shoulders collapsed onto one point"
    TWISTED_TORSO = "shoulders and hips face opposite ways"
    OVERLONG_LIMB = "a limb longer than a body allows"
    COLLAPSED_TORSO = "shoulders on the hips"


# Longest a bone can look, in torso heights (shoulder centre to hip centre), with room for
# perspective: a real upper arm is about 0.6 of the torso, a thigh about 0.9.
_MAX_BONE = {
    (L.LEFT_SHOULDER, L.LEFT_ELBOW): 1.2,
    (L.RIGHT_SHOULDER, L.RIGHT_ELBOW): 1.2,
    (L.LEFT_ELBOW, L.LEFT_WRIST): 1.2,
    (L.RIGHT_ELBOW, L.RIGHT_WRIST): 1.2,
    (L.LEFT_HIP, L.LEFT_KNEE): 1.7,
    (L.RIGHT_HIP, L.RIGHT_KNEE): 1.7,
    (L.LEFT_KNEE, L.LEFT_ANKLE): 1.7,
    (L.RIGHT_KNEE, L.RIGHT_ANKLE): 1.7,
}


def _side_on(pose: Pose) -> bool:
    """The 3D shoulders are mostly one behind the other (the person is turned to the side)."""
    if pose.world_xyz is None:
        return False
    d = pose.world_xyz[L.LEFT_SHOULDER].astype(np.float64) - pose.world_xyz[L.RIGHT_SHOULDER]
    return bool(abs(d[2]) > 0.6 * max(float(np.linalg.norm(d)), 1e-6))


def pose_problem(pose: Pose) -> PoseProblem | None:
    """What is impossible about ``pose``, or None when it could be a real body."""
    xy = pose.xy.astype(np.float64)
    seen = pose.visibility >= _SEEN
    ls, rs, lh, rh = L.LEFT_SHOULDER, L.RIGHT_SHOULDER, L.LEFT_HIP, L.RIGHT_HIP
    if not (seen[ls] and seen[rs]):
        return None  # too little of the body in view to judge
    shoulders = xy[ls] - xy[rs]
    sw = float(np.linalg.norm(shoulders))
    head = float(np.linalg.norm(xy[L.LEFT_EAR] - xy[L.RIGHT_EAR])) if seen[L.LEFT_EAR] and seen[L.RIGHT_EAR] else 0.0
    if not (seen[lh] and seen[rh]):
        # Upper body only: shoulders are always wider apart than the ears unless the person is side-on
        # (then the ears overlap too).
        return PoseProblem.COLLAPSED_SHOULDERS if head > 0 and sw < 0.35 * head and not _side_on(pose) else None
    hips = xy[lh] - xy[rh]
    hw = float(np.linalg.norm(hips))
    torso = float(np.linalg.norm((xy[ls] + xy[rs]) / 2 - (xy[lh] + xy[rh]) / 2))
    size = max(torso, sw, hw, 1.0)
    if torso < 0.2 * size:
        return PoseProblem.COLLAPSED_TORSO
    # Turning narrows shoulders and hips alike (side-on, both nearly vanish and the 3D shoulders
    # lie one behind the other); only a failure narrows the shoulders alone.
    if not _side_on(pose) and (
        sw < 0.12 * torso or (hw > 0.25 * torso and sw < 0.45 * hw) or (head > 0 and sw < 0.35 * head)
    ):
        return PoseProblem.COLLAPSED_SHOULDERS
    if sw > 0.25 * torso and hw > 0.15 * torso and float(np.dot(shoulders, hips)) < 0:
        return PoseProblem.TWISTED_TORSO
    reach = max(torso, 1.2 * sw)
    for (a, b), longest in _MAX_BONE.items():
        if seen[a] and seen[b] and float(np.linalg.norm(xy[a] - xy[b])) > longest * reach:
            return PoseProblem.OVERLONG_LIMB
    return None
