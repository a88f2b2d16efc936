"""Where each named body point is in the frame, derived from MediaPipe landmarks.

Unreliable landmarks (low visibility, or outside the frame where the model can only guess) are
replaced by deliberate estimates from the reliable ones: a leg out of frame continues straight
along its last visible bone, so a garment is cut by the frame edge instead of flailing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..tracking.landmarks import Landmark as L
from ..tracking.landmarks import Pose

Vec = npt.NDArray[np.float64]

MIN_VISIBILITY = 0.5
FRAME_MARGIN = 0.02  # fraction of the frame a landmark may lie outside and still be trusted

# Typical adult proportions, in shoulder widths (used only to continue what is out of view).
TORSO_LENGTH = 1.3
UPPER_ARM = 0.85
FOREARM = 0.75
THIGH = 1.15
SHIN = 1.1


@dataclass(frozen=True, eq=False)
class BodyPoints:
    """Named points in frame pixels; ``reliable`` says which were seen rather than estimated."""

    points: dict[str, Vec]
    reliable: frozenset[str]
    scale: float  # body size in pixels, steady when the person turns

    def __getitem__(self, name: str) -> Vec:
        return self.points[name]

    def __contains__(self, name: object) -> bool:
        return name in self.points


def _unit(v: Vec) -> Vec:
    n = float(np.linalg.norm(v))
    return v / n if n > 1e-9 else np.array([0.0, 1.0])


def body_points(pose: Pose, frame_wh: tuple[int, int]) -> BodyPoints:
    xy = pose.xy.astype(np.float64)
    w, h = frame_wh
    mx, my = FRAME_MARGIN * w, FRAME_MARGIN * h
    inside = (xy[:, 0] >= -mx) & (xy[:, 0] <= w - 1 + mx) & (xy[:, 1] >= -my) & (xy[:, 1] <= h - 1 + my)
    ok = (pose.visibility >= MIN_VISIBILITY) & inside

    def seen(i: L) -> bool:
        return bool(ok[int(i)])

    pts: dict[str, Vec] = {}
    reliable: set[str] = set()

    def put(name: str, value: Vec, is_reliable: bool) -> None:
        pts[name] = value
        if is_reliable:
            reliable.add(name)

    ls, rs = xy[L.LEFT_SHOULDER], xy[L.RIGHT_SHOULDER]
    shoulder_w = max(float(np.linalg.norm(ls - rs)), 1.0)
    put("left_shoulder", ls, seen(L.LEFT_SHOULDER))
    put("right_shoulder", rs, seen(L.RIGHT_SHOULDER))
    mid_sh = (ls + rs) / 2
    # "down" along the body: from the shoulders towards the hips, else perpendicular to shoulders.
    across = _unit(ls - rs)  # from the person's right to left
    perp = np.array([-across[1], across[0]])
    hips_seen = seen(L.LEFT_HIP) and seen(L.RIGHT_HIP)
    if hips_seen:
        down = _unit((xy[L.LEFT_HIP] + xy[L.RIGHT_HIP]) / 2 - mid_sh)
        lh, rh = xy[L.LEFT_HIP], xy[L.RIGHT_HIP]
    else:
        down = perp if perp[1] >= 0 else -perp
        torso = down * TORSO_LENGTH * shoulder_w
        lh, rh = mid_sh + torso + across * shoulder_w * 0.36, mid_sh + torso - across * shoulder_w * 0.36
    put("left_hip", lh, hips_seen)
    put("right_hip", rh, hips_seen)
    torso_len = float(np.linalg.norm((lh + rh) / 2 - mid_sh))
    scale = max(shoulder_w, torso_len * 0.75)

    _limb(put, xy, seen, "left_elbow", L.LEFT_ELBOW, ls, _hanging(down, across), UPPER_ARM * shoulder_w, None)
    _limb(put, xy, seen, "right_elbow", L.RIGHT_ELBOW, rs, _hanging(down, -across), UPPER_ARM * shoulder_w, None)
    _limb(put, xy, seen, "left_wrist", L.LEFT_WRIST, pts["left_elbow"], down, FOREARM * shoulder_w, ls)
    _limb(put, xy, seen, "right_wrist", L.RIGHT_WRIST, pts["right_elbow"], down, FOREARM * shoulder_w, rs)
    _limb(put, xy, seen, "left_knee", L.LEFT_KNEE, lh, down, THIGH * shoulder_w, None)
    _limb(put, xy, seen, "right_knee", L.RIGHT_KNEE, rh, down, THIGH * shoulder_w, None)
    _limb(put, xy, seen, "left_ankle", L.LEFT_ANKLE, pts["left_knee"], down, SHIN * shoulder_w, lh)
    _limb(put, xy, seen, "right_ankle", L.RIGHT_ANKLE, pts["right_knee"], down, SHIN * shoulder_w, rh)

    # Head. "up" from mouth to eyes follows head tilt; widths from the ears when seen.
    le, re = xy[L.LEFT_EYE], xy[L.RIGHT_EYE]
    eye_mid = (le + re) / 2
    mouth_mid = (xy[L.MOUTH_LEFT] + xy[L.MOUTH_RIGHT]) / 2
    head_seen = all(seen(i) for i in (L.LEFT_EYE, L.RIGHT_EYE, L.MOUTH_LEFT, L.MOUTH_RIGHT))
    eye_mouth = max(float(np.linalg.norm(eye_mid - mouth_mid)), 1e-3)
    up = _unit(eye_mid - mouth_mid)
    head_across = np.array([-up[1], up[0]])  # 90° from up: towards the person's left in a frontal view
    if float(np.dot(head_across, le - re)) < 0:
        head_across = -head_across
    ears_seen = seen(L.LEFT_EAR) and seen(L.RIGHT_EAR)
    ear_span = float(np.linalg.norm(xy[L.LEFT_EAR] - xy[L.RIGHT_EAR]))
    head_w = max(ear_span if ears_seen else 0.0, 2.2 * float(np.linalg.norm(le - re)), 1.0)
    put("nose", xy[L.NOSE], seen(L.NOSE))
    put("left_eye", le, seen(L.LEFT_EYE))
    put("right_eye", re, seen(L.RIGHT_EYE))
    put("left_ear", xy[L.LEFT_EAR], seen(L.LEFT_EAR))
    put("right_ear", xy[L.RIGHT_EAR], seen(L.RIGHT_EAR))
    forehead = eye_mid + up * 0.9 * eye_mouth
    put("forehead", forehead, head_seen)
    put("left_temple", forehead + head_across * head_w * 0.55, head_seen)
    put("right_temple", forehead - head_across * head_w * 0.55, head_seen)
    put("crown", eye_mid + up * 2.6 * eye_mouth, head_seen)
    put("neck", mid_sh + (mouth_mid - mid_sh) * 0.15, seen(L.LEFT_SHOULDER) and seen(L.RIGHT_SHOULDER))
    return BodyPoints(pts, frozenset(reliable), scale)


def _hanging(down: Vec, outward: Vec) -> Vec:
    """A relaxed limb's direction: mostly down, a little away from the body."""
    return _unit(down * 0.97 + outward * 0.26)


def _limb(
    put: Callable[[str, Vec, bool], None],
    xy: Vec,
    seen: Callable[[L], bool],
    name: str,
    index: L,
    parent: Vec,
    down: Vec,
    length: float,
    grandparent: Vec | None,
) -> None:
    """A joint as seen, or continued from its parent along the last bone (else straight down)."""
    if seen(index):
        put(name, xy[index], True)
        return
    direction = _unit(parent - grandparent) if grandparent is not None else down
    put(name, parent + direction * length, False)
