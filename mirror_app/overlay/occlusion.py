"""Where the shopper's own forearms and hands are in front of the body, they stay visible.

Capsules along the forearm and hand (from landmarks) say where an arm may be; the person's
segmentation mask, when the tracker was asked for it, trims them to the real arm outline.
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
HAND_RADIUS = 0.12
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
        tip = w + (hand - w) * 1.5
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
    mask = cv2.GaussianBlur(mask, (0, 0), max(1.0, 0.01 * body.scale))
    return Occluder(mask, x0, y0)


def _in_front(pose: Pose, wrist: L) -> bool:
    if pose.world_xyz is None:
        return True
    hips_z = (pose.world_xyz[L.LEFT_HIP, 2] + pose.world_xyz[L.RIGHT_HIP, 2]) / 2
    return bool(pose.world_xyz[wrist, 2] <= hips_z + BEHIND_BODY_M)
