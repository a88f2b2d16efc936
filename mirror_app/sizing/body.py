"""From one pose to raw skeleton lengths, and from skeleton lengths to garment measurements.

Two steps kept apart on purpose: ``frame_lengths`` is geometry (what the model saw, in its own
world units), ``body_from_lengths`` is the anthropometric model (how a shop's size chart relates
to a skeleton). docs/sizing.md explains every ratio and how unsure it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from ..tracking.landmarks import Landmark as L
from ..tracking.landmarks import Pose

FloatArray = npt.NDArray[np.float64]


class Reason(StrEnum):
    """Why an estimate should not be trusted (keys for texts.py)."""

    NO_PERSON = "no_person"
    MOVING = "moving"
    TOO_FEW_FRAMES = "too_few_frames"
    PARTLY_OUT_OF_FRAME = "partly_out_of_frame"
    NOT_FACING = "not_facing"
    INCONSISTENT = "inconsistent"
    LOOSE_CLOTHING_SUSPECTED = "loose_clothing_suspected"
    NO_WORLD_LANDMARKS = "no_world_landmarks"


# -- raw skeleton lengths ---------------------------------------------------------------------------
# Order of the columns of a frame's length vector (metres, in MediaPipe's world units).
LENGTHS = ("shoulder_joints", "hip_joints", "torso", "leg", "nose_to_ankle")
I_SHOULDER, I_HIP, I_TORSO, I_LEG, I_NOSE_ANKLE = range(len(LENGTHS))

# Landmarks each length needs, so that a hidden landmark only costs the lengths that use it.
NEEDS: dict[int, tuple[L, ...]] = {
    I_SHOULDER: (L.LEFT_SHOULDER, L.RIGHT_SHOULDER),
    I_HIP: (L.LEFT_HIP, L.RIGHT_HIP),
    I_TORSO: (L.LEFT_SHOULDER, L.RIGHT_SHOULDER, L.LEFT_HIP, L.RIGHT_HIP),
}
# Legs and the nose-to-ankle height need one whole side: hip, knee, ankle (and the nose).

# Landmarks whose motion says whether the shopper stands still (hands may move: they press buttons).
STILL_LANDMARKS = (
    L.NOSE, L.LEFT_SHOULDER, L.RIGHT_SHOULDER, L.LEFT_HIP, L.RIGHT_HIP,
    L.LEFT_KNEE, L.RIGHT_KNEE, L.LEFT_ANKLE, L.RIGHT_ANKLE,
)  # fmt: skip


@dataclass(frozen=True, eq=False)
class FrameLengths:
    """One frame's skeleton lengths (NaN where a needed landmark was hidden or off-frame).

    ``lengths_m`` (5,) float64 in MediaPipe world units (roughly metres); ``yaw_deg`` is how far
    the shoulders are turned from facing the camera; ``silhouette_ratio`` is the person mask's
    width just below the shoulders over the shoulder-joint width in pixels (None without a mask).
    """

    lengths_m: FloatArray
    visible: npt.NDArray[np.bool_]
    yaw_deg: float
    silhouette_ratio: float | None = None


def landmarks_in_view(pose: Pose, frame_wh: tuple[int, int] | None, min_visibility: float) -> npt.NDArray[np.bool_]:
    """(33,) bool: visible enough and, when the frame size is known, inside it (2 % margin)."""
    ok = pose.visibility >= min_visibility
    if frame_wh is not None:
        w, h = frame_wh
        mx, my = 0.02 * w, 0.02 * h
        x, y = pose.xy[:, 0], pose.xy[:, 1]
        ok &= (x >= mx) & (x <= w - 1 - mx) & (y >= my) & (y <= h - 1 - my)
    return np.asarray(ok, dtype=np.bool_)


def frame_lengths(
    pose: Pose,
    *,
    frame_wh: tuple[int, int] | None = None,
    mask: npt.NDArray[np.float32] | None = None,
    min_visibility: float = 0.5,
) -> FrameLengths | None:
    """Skeleton lengths of one pose, or None when the model gave no world landmarks."""
    if pose.world_xyz is None:
        return None
    w = pose.world_xyz.astype(np.float64)
    visible = landmarks_in_view(pose, frame_wh, min_visibility)

    def dist(a: L, b: L) -> float:
        return float(np.linalg.norm(w[a] - w[b]))

    out = np.full(len(LENGTHS), np.nan)
    mid_sh = (w[L.LEFT_SHOULDER] + w[L.RIGHT_SHOULDER]) / 2
    mid_hip = (w[L.LEFT_HIP] + w[L.RIGHT_HIP]) / 2
    out[I_SHOULDER] = dist(L.LEFT_SHOULDER, L.RIGHT_SHOULDER)
    out[I_HIP] = dist(L.LEFT_HIP, L.RIGHT_HIP)
    out[I_TORSO] = float(np.linalg.norm(mid_sh - mid_hip))
    for i, needed in NEEDS.items():
        if not all(visible[n] for n in needed):
            out[i] = np.nan
    # Legs and ankles per side: one hidden ankle (a bag, the other leg) leaves the other side.
    legs, ankles = [], []
    for hip, knee, ankle in ((L.LEFT_HIP, L.LEFT_KNEE, L.LEFT_ANKLE), (L.RIGHT_HIP, L.RIGHT_KNEE, L.RIGHT_ANKLE)):
        if visible[hip] and visible[knee] and visible[ankle]:
            legs.append(dist(hip, knee) + dist(knee, ankle))
        if visible[ankle]:
            ankles.append(w[ankle])
    out[I_LEG] = float(np.mean(legs)) if legs else np.nan
    if ankles and visible[L.NOSE]:
        out[I_NOSE_ANKLE] = float(np.linalg.norm(w[L.NOSE] - np.mean(ankles, axis=0)))
    d = w[L.LEFT_SHOULDER] - w[L.RIGHT_SHOULDER]
    yaw = math.degrees(math.atan2(abs(float(d[2])), max(abs(float(d[0])), 1e-9)))
    ratio = silhouette_ratio(pose, mask, frame_wh) if mask is not None else None
    return FrameLengths(out, visible, yaw, ratio)


def silhouette_ratio(
    pose: Pose, mask: npt.NDArray[np.float32], frame_wh: tuple[int, int] | None = None, depth: float = 0.12
) -> float | None:
    """Width of the person mask ``depth`` of the torso below the shoulder line, over the
    shoulder-joint distance as it would look facing the camera. Bare or fitted shoulders give
    about 1.4-1.8 (deltoids and sleeves stick out past the joints); a puffy coat gives more.

    The joint distance in pixels comes from the world skeleton scaled by the torso's pixel
    length, so a shopper turned a little does not look wider than they are.
    """
    if pose.world_xyz is None:
        return None
    mh, mw = mask.shape[:2]
    fw, fh = frame_wh if frame_wh is not None else (mw, mh)
    to_mask = np.array([mw / fw, mh / fh])
    xy = pose.xy.astype(np.float64) * to_mask
    world = pose.world_xyz.astype(np.float64)
    mid_sh = (xy[L.LEFT_SHOULDER] + xy[L.RIGHT_SHOULDER]) / 2
    mid_hip = (xy[L.LEFT_HIP] + xy[L.RIGHT_HIP]) / 2
    torso_px = float(np.linalg.norm(mid_sh - mid_hip))
    torso_m = float(
        np.linalg.norm(world[[L.LEFT_SHOULDER, L.RIGHT_SHOULDER]].mean(0) - world[[L.LEFT_HIP, L.RIGHT_HIP]].mean(0))
    )
    shoulder_px = (
        float(np.linalg.norm(world[L.LEFT_SHOULDER] - world[L.RIGHT_SHOULDER])) * torso_px / max(torso_m, 1e-6)
    )
    pt = mid_sh + (mid_hip - mid_sh) * depth
    x, y = round(float(pt[0])), round(float(pt[1]))
    if not (0 <= y < mh and 0 <= x < mw) or shoulder_px < 4:
        return None
    row = mask[y] > 0.5
    if not row[x]:
        return None
    # the run of mask pixels that holds the torso centre
    left = np.flatnonzero(~row[:x])
    right = np.flatnonzero(~row[x:])
    x0 = int(left[-1]) + 1 if left.size else 0
    x1 = x + int(right[0]) if right.size else mw
    return float(x1 - x0) / shoulder_px


# -- the anthropometric model -------------------------------------------------------------------
@dataclass(frozen=True)
class BodyModel:
    """Ratios from skeleton lengths to what size charts list; docs/sizing.md gives the reasoning.

    All are population averages for adults; a person's build (fat, muscle) is invisible to a
    skeleton, so circumferences are predictions with wide error bars (``uncertainty``).
    """

    # MediaPipe's world skeleton comes out pulled towards one average adult whatever the real
    # size (the standing man of the shared photo measures 1.50 m). One camera cannot know the
    # scale: the default leaves it as the model gives it, which puts an average adult's
    # shoulders in a size M; an installer calibrates it with `[sizing] world_scale`.
    world_scale: float = 1.0
    # across-back shoulder width (seam to seam) over the shoulder-joint distance
    shoulder_from_joints: float = 1.30
    # chest circumference over across-back shoulder width
    chest_from_shoulder: float = 2.15
    # hip circumference over the distance of MediaPipe's hip landmarks
    hip_from_joints: float = 3.75
    # waist circumference over the mean of chest and hip circumference
    waist_from_chest_hip: float = 0.84
    # inseam (crotch to floor) over hip-to-ankle joint length: the ankle's height above the
    # floor (~4 % of stature) about cancels the crotch's drop below the hip joints (~3.5 %)
    inseam_from_leg: float = 1.0
    # nose tip to ankle joints as a fraction of stature (nose ~0.90 H, ankle ~0.04 H)
    nose_to_ankle_of_height: float = 0.861
    # 1-sigma uncertainty of each output, as a fraction, mostly from the unknown absolute scale
    uncertainty: dict[str, float] = field(
        default_factory=lambda: {
            "shoulder": 0.07,
            "chest": 0.09,
            "waist": 0.11,
            "hip": 0.08,
            "torso": 0.08,
            "inseam": 0.07,
            "height": 0.07,
        }
    )


MEASUREMENTS = ("shoulder", "chest", "waist", "hip", "torso", "inseam", "height")


def body_from_lengths(lengths_m: FloatArray, model: BodyModel) -> dict[str, float]:
    """Garment measurements in cm from one set of skeleton lengths (NaN where unknown)."""
    s = 100.0 * model.world_scale
    shoulder_j, hip_j, torso, leg, nose_ankle = (float(v) * s for v in lengths_m)
    shoulder = shoulder_j * model.shoulder_from_joints
    chest = shoulder * model.chest_from_shoulder
    hip = hip_j * model.hip_from_joints
    waist = model.waist_from_chest_hip * (chest + hip) / 2
    return {
        "shoulder": shoulder,
        "chest": chest,
        "waist": waist,
        "hip": hip,
        "torso": torso,
        "inseam": leg * model.inseam_from_leg,
        "height": nose_ankle / model.nose_to_ankle_of_height,
    }


def plausible(values: dict[str, float]) -> bool:
    """Adult human proportions (wide bounds): a wrong skeleton usually breaks one of them."""
    h = values.get("height", math.nan)
    checks = [
        ("shoulder", 30.0, 60.0),
        ("torso", 30.0, 70.0),
        ("inseam", 55.0, 100.0),
        ("height", 130.0, 210.0),
    ]
    for key, lo, hi in checks:
        v = values.get(key, math.nan)
        if not math.isnan(v) and not lo <= v <= hi:
            return False
    inseam = values.get("inseam", math.nan)
    return math.isnan(h) or math.isnan(inseam) or 0.38 <= inseam / h <= 0.54
