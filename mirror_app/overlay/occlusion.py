"""Where the shopper's own forearms and hands are in front of the body, they stay visible.

Capsules along the forearm and hand (from landmarks) say where an arm may be; the shopper's own
skin colour (sampled from their face) and the person's segmentation mask trim them to the real
hand and bare forearm, so the cut never shows the shopper's own clothes through a garment.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from ..tracking.landmarks import Landmark as L
from ..tracking.landmarks import Pose
from .body_points import MIN_VISIBILITY, BodyPoints

U8Image = npt.NDArray[np.uint8]

FOREARM_RADIUS = 0.11  # × body scale
HAND_RADIUS = 0.11
HAND_REACH = 1.25  # the capsule runs this far past the knuckles, in wrist-to-knuckle lengths
BEHIND_BODY_M = 0.12  # a wrist this far behind the hips (world z) is behind the body


@dataclass(frozen=True, eq=False)
class Occluder:
    """``mask`` (h, w) uint8, 255 where a real arm is in front, placed at (x0, y0) of the frame."""

    mask: U8Image
    x0: int
    y0: int

    def keep_for(self, x0: int, y0: int, w: int, h: int) -> U8Image | None:
        """For a patch at (x0, y0) of size w×h: 255 where the patch may draw, or None if untouched."""
        mh, mw = self.mask.shape
        ix0, iy0 = max(x0, self.x0), max(y0, self.y0)
        ix1, iy1 = min(x0 + w, self.x0 + mw), min(y0 + h, self.y0 + mh)
        if ix1 <= ix0 or iy1 <= iy0:
            return None
        keep = np.full((h, w), 255, dtype=np.uint8)
        keep[iy0 - y0 : iy1 - y0, ix0 - x0 : ix1 - x0] = cv2.bitwise_not(
            self.mask[iy0 - self.y0 : iy1 - self.y0, ix0 - self.x0 : ix1 - self.x0]
        )
        return keep


def arm_occluder(
    pose: Pose,
    body: BodyPoints,
    frame_wh: tuple[int, int],
    person_mask: npt.NDArray[np.float32] | None = None,
    frame_rgb: U8Image | None = None,
) -> Occluder | None:
    """The region of forearms and hands that should cover garments, or None when no arm is seen."""
    segments: list[tuple[np.ndarray, np.ndarray, float]] = []
    for side in ("left", "right"):
        elbow, wrist = L[f"{side.upper()}_ELBOW"], L[f"{side.upper()}_WRIST"]
        index, pinky = L[f"{side.upper()}_INDEX"], L[f"{side.upper()}_PINKY"]
        if pose.visibility[wrist] < MIN_VISIBILITY or not _in_front(pose, wrist):
            continue
        w = pose.xy[wrist].astype(np.float64)
        hand = (pose.xy[index] + pose.xy[pinky]).astype(np.float64) / 2
        tip = w + (hand - w) * HAND_REACH
        segments.append((w, tip, HAND_RADIUS * body.scale))
        if pose.visibility[elbow] >= MIN_VISIBILITY:
            segments.append((pose.xy[elbow].astype(np.float64), w, FOREARM_RADIUS * body.scale))
    if not segments:
        return None
    pts = np.array([p for a, b, _r in segments for p in (a, b)])
    pad = max(r for _a, _b, r in segments) + 2
    fw, fh = frame_wh
    x0, y0 = max(0, math.floor(pts[:, 0].min() - pad)), max(0, math.floor(pts[:, 1].min() - pad))
    x1, y1 = min(fw, math.ceil(pts[:, 0].max() + pad)), min(fh, math.ceil(pts[:, 1].max() + pad))
    if x1 <= x0 or y1 <= y0:
        return None
    mask = np.zeros((y1 - y0, x1 - x0), dtype=np.uint8)
    origin = np.array([x0, y0])
    for a, b, r in segments:
        pa, pb = tuple(np.round(a - origin).astype(int)), tuple(np.round(b - origin).astype(int))
        cv2.line(mask, pa, pb, 255, thickness=max(1, round(2 * r)), lineType=cv2.LINE_AA)
    if person_mask is not None:
        mh, mw = person_mask.shape
        sx, sy = mw / fw, mh / fh
        # The mask's pixels that cover this box, resized to it.
        m0x, m0y = int(x0 * sx), int(y0 * sy)
        m1x, m1y = max(m0x + 1, math.ceil(x1 * sx)), max(m0y + 1, math.ceil(y1 * sy))
        crop = person_mask[m0y:m1y, m0x:m1x]
        person = cv2.resize(crop, (x1 - x0, y1 - y0), interpolation=cv2.INTER_LINEAR)
        mask = (mask.astype(np.float32) * np.clip(person, 0.0, 1.0)).astype(np.uint8)
    if frame_rgb is not None:
        skin = skin_mask(frame_rgb, pose, (x0, y0, x1, y1))
        if skin is not None:
            mask = cv2.bitwise_and(mask, skin)
    mask = cv2.GaussianBlur(mask, (0, 0), max(1.0, 0.01 * body.scale))
    return Occluder(mask, x0, y0)


def skin_mask(frame_rgb: U8Image, pose: Pose, box: tuple[int, int, int, int]) -> U8Image | None:
    """255 where the box's pixels have the colour of the shopper's face (YCrCb chroma), or None
    when the face is not seen well enough to sample.
    """
    if (
        pose.visibility[L.NOSE] < MIN_VISIBILITY
        or pose.visibility[L.LEFT_EYE] < MIN_VISIBILITY
        or pose.visibility[L.RIGHT_EYE] < MIN_VISIBILITY
    ):
        return None
    h, w = frame_rgb.shape[:2]
    eyes = float(np.linalg.norm(pose.xy[L.LEFT_EYE] - pose.xy[L.RIGHT_EYE]))
    half = max(2, int(0.35 * eyes))
    # Cheeks and nose: between the eyes and the mouth.
    cx, cy = ((pose.xy[L.NOSE] * 2 + pose.xy[L.MOUTH_LEFT] / 2 + pose.xy[L.MOUTH_RIGHT] / 2) / 3).astype(int)
    fx0, fy0, fx1, fy1 = max(0, cx - half), max(0, cy - half), min(w, cx + half), min(h, cy + half)
    if fx1 - fx0 < 3 or fy1 - fy0 < 3:
        return None
    face = (
        cv2.cvtColor(np.ascontiguousarray(frame_rgb[fy0:fy1, fx0:fx1]), cv2.COLOR_RGB2YCrCb)
        .reshape(-1, 3)[:, 1:]
        .astype(np.float32)
    )
    mean, std = face.mean(axis=0), face.std(axis=0)
    x0, y0, x1, y1 = box
    roi = cv2.cvtColor(np.ascontiguousarray(frame_rgb[y0:y1, x0:x1]), cv2.COLOR_RGB2YCrCb)[..., 1:].astype(np.float32)
    tol = 2.5 * std + 7.0
    near = np.all(np.abs(roi - mean) <= tol, axis=-1).astype(np.uint8) * 255
    near = cv2.morphologyEx(near, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    opened: U8Image = cv2.morphologyEx(near, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    return opened


def _in_front(pose: Pose, wrist: L) -> bool:
    if pose.world_xyz is None:
        return True
    hips_z = (pose.world_xyz[L.LEFT_HIP, 2] + pose.world_xyz[L.RIGHT_HIP, 2]) / 2
    return bool(pose.world_xyz[wrist, 2] <= hips_z + BEHIND_BODY_M)
