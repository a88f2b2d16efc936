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

# Typical proportions of MediaPipe landmarks, in shoulder-landmark widths (measured on the
# shared photos and street video); used only to continue what is out of view.
TORSO_LENGTH = 1.45
HIP_HALF_WIDTH = 0.31
UPPER_ARM = 0.85
FOREARM = 0.75
THIGH = 1.3
SHIN = 1.2
CROWN_ABOVE_EYES = 1.8  # top of the head, in eye-to-mouth distances


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
    hips_seen = seen(L.LEFT_HIP) and seen(L.RIGHT_HIP) and _plausible_torso(xy, shoulder_w, perp)
    if hips_seen:
        down = _unit((xy[L.LEFT_HIP] + xy[L.RIGHT_HIP]) / 2 - mid_sh)
        lh, rh = xy[L.LEFT_HIP], xy[L.RIGHT_HIP]
    else:
        down = perp if perp[1] >= 0 else -perp
        torso = down * TORSO_LENGTH * shoulder_w
        lh = mid_sh + torso + across * shoulder_w * HIP_HALF_WIDTH
        rh = mid_sh + torso - across * shoulder_w * HIP_HALF_WIDTH
    put("left_hip", lh, hips_seen)
    put("right_hip", rh, hips_seen)
    torso_len = float(np.linalg.norm((lh + rh) / 2 - mid_sh))
    scale = max(shoulder_w, torso_len * 0.75)

    limb = _Limbs(put, xy, seen, down)
    limb("left_elbow", L.LEFT_ELBOW, ls, UPPER_ARM * shoulder_w, toward=_hanging(down, across))
    limb("right_elbow", L.RIGHT_ELBOW, rs, UPPER_ARM * shoulder_w, toward=_hanging(down, -across))
    limb("left_wrist", L.LEFT_WRIST, pts["left_elbow"], FOREARM * shoulder_w, grandparent=ls)
    limb("right_wrist", L.RIGHT_WRIST, pts["right_elbow"], FOREARM * shoulder_w, grandparent=rs)
    # Legs hang below the hips: a knee "seen" above its hip is the model guessing.
    limb("left_knee", L.LEFT_KNEE, lh, THIGH * shoulder_w, descends=True)
    limb("right_knee", L.RIGHT_KNEE, rh, THIGH * shoulder_w, descends=True)
    limb("left_ankle", L.LEFT_ANKLE, pts["left_knee"], SHIN * shoulder_w, grandparent=lh, descends=True)
    limb("right_ankle", L.RIGHT_ANKLE, pts["right_knee"], SHIN * shoulder_w, grandparent=rh, descends=True)

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
    put("crown", eye_mid + up * CROWN_ABOVE_EYES * eye_mouth, head_seen)
    put("neck", mid_sh + (mouth_mid - mid_sh) * 0.15, seen(L.LEFT_SHOULDER) and seen(L.RIGHT_SHOULDER))
    return BodyPoints(pts, frozenset(reliable), scale)


def _hanging(down: Vec, outward: Vec) -> Vec:
    """A relaxed limb's direction: mostly down, a little away from the body."""
    return _unit(down * 0.97 + outward * 0.26)


def _plausible_torso(xy: Vec, shoulder_w: float, perp: Vec) -> bool:
    """Hips a torso's length below the shoulders, roughly square to them."""
    mid_sh = (xy[L.LEFT_SHOULDER] + xy[L.RIGHT_SHOULDER]) / 2
    torso = (xy[L.LEFT_HIP] + xy[L.RIGHT_HIP]) / 2 - mid_sh
    length = float(np.linalg.norm(torso))
    if not 0.5 * shoulder_w <= length <= 2.8 * shoulder_w:
        return False
    return abs(float(np.dot(torso / max(length, 1e-9), perp))) >= 0.5


class _Limbs:
    """Places limb joints: as seen when plausible, else continued from the parent joint."""

    MIN_RATIO, MAX_RATIO = 0.3, 2.0  # seen bone length / typical length
    MIN_DESCENT = 0.25  # legs: how far below the parent (in typical lengths) a joint must be

    def __init__(self, put: Callable[[str, Vec, bool], None], xy: Vec, seen: Callable[[L], bool], down: Vec) -> None:
        self.put, self.xy, self.seen, self.down = put, xy, seen, down

    def __call__(
        self,
        name: str,
        index: L,
        parent: Vec,
        length: float,
        *,
        grandparent: Vec | None = None,
        toward: Vec | None = None,
        descends: bool = False,
    ) -> None:
        joint = self.xy[index]
        if self.seen(index):
            bone = joint - parent
            bone_len = float(np.linalg.norm(bone))
            ok = self.MIN_RATIO * length <= bone_len <= self.MAX_RATIO * length
            if descends:
                ok = ok and float(np.dot(bone, self.down)) >= self.MIN_DESCENT * length
            if ok:
                self.put(name, joint, True)
                return
        if grandparent is not None:
            direction = _unit(parent - grandparent)
            if descends and float(np.dot(direction, self.down)) < 0.3:
                direction = self.down
        else:
            direction = toward if toward is not None else self.down
        self.put(name, parent + direction * length, False)
