"""Where the shopper's own forearm or hand crosses in front of the body, it stays visible.

Only an arm in front of the body occludes: a forearm or hand whose bone runs inside the outline
of the torso or of a leg (arms crossed, a hand on the chest or belly, a hand on the front of the
thigh). An arm hanging beside the body or a hand on the hip is outside the fitted garment
already, and nothing is cut there. The cut follows the real
arm's edge: inside a capsule around the forearm and hand, only pixels with the colour of the
shopper's skin (sampled from their face) are kept, at full resolution with a one-pixel soft edge.
Without a face to sample, nothing occludes: an occluder never shows the shopper's other clothes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from ..tracking.landmarks import Landmark as L
from ..tracking.landmarks import Pose
from .body_outline import BodyOutline, legs_polygons, outline_polygon
from .body_points import MIN_VISIBILITY, BodyPoints
from .skin import skin_model

U8Image = npt.NDArray[np.uint8]

CAPSULE = 1.3  # capsule radius around forearm and hand, × the forearm's measured half width
HAND_REACH = 1.4  # the capsule runs this far past the knuckles, in wrist-to-knuckle lengths
INSIDE_BY = 0.05  # a bone point counts as in front of the torso this far inside (× span)
BEHIND_BODY_M = 0.12  # a wrist this far behind the hips (world z) is behind the body
EDGE_SIGMA = 0.6  # pixels: the cut's soft edge


@dataclass(frozen=True, eq=False)
class Occluder:
    """``mask`` (h, w) uint8, 255 where a real arm is in front, placed at (x0, y0) of the frame."""

    mask: U8Image
    x0: int
    y0: int

    def keep_for(self, x0: int, y0: int, w: int, h: int) -> U8Image | None:
        """For a patch at (x0, y0) of size w×h: 255 where the patch may draw, or None if untouched."""
        return keep_outside(self.mask, self.x0, self.y0, x0, y0, w, h)


def crossing_arms(
    pose: Pose, body: BodyPoints, outline: BodyOutline
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(elbow, wrist, hand tip) of each forearm whose bone runs in front of the torso or a leg."""
    polys = [p.astype(np.float32).reshape(-1, 1, 2) for p in (outline_polygon(outline), *legs_polygons(outline))]
    inside_by = INSIDE_BY * outline.span
    out = []
    for side in ("LEFT", "RIGHT"):
        _elbow, wrist = L[f"{side}_ELBOW"], L[f"{side}_WRIST"]
        index, pinky = L[f"{side}_INDEX"], L[f"{side}_PINKY"]
        if pose.visibility[wrist] < MIN_VISIBILITY or not _in_front(pose, wrist):
            continue
        e = body[f"{side.lower()}_elbow"]
        w = pose.xy[wrist].astype(np.float64)
        hand = (pose.xy[index] + pose.xy[pinky]).astype(np.float64) / 2
        tip = w + (hand - w) * HAND_REACH
        samples = np.concatenate(
            [e + (w - e) * np.linspace(0, 1, 8)[:, None], w + (tip - w) * np.linspace(0, 1, 5)[:, None]]
        )
        depth = [cv2.pointPolygonTest(poly, (float(x), float(y)), True) for poly in polys for x, y in samples]
        if max(depth) > inside_by:
            out.append((e, w, tip))
    return out


def arm_occluder(
    pose: Pose,
    body: BodyPoints,
    outline: BodyOutline,
    frame_rgb: U8Image,
    *,
    above_hips: bool = False,
) -> Occluder | None:
    """Forearms and hands in front of the body, cut to the shopper's skin; None when none is.
    ``above_hips``: only hands above the hips' line (a hand in a trouser pocket is in front of the
    trousers but under a top or coat that hangs over it)."""
    arms = crossing_arms(pose, body, outline)
    if above_hips:
        hip_y = outline.hip_y
        arms = [arm for arm in arms if float(outline.to_body(arm[1][None])[0][1]) < hip_y]
    if not arms:
        return None
    fh, fw = frame_rgb.shape[:2]
    radius = CAPSULE * max(outline.forearm_radius)
    pts = np.array([p for arm in arms for p in arm])
    x0, y0 = max(0, math.floor(pts[:, 0].min() - radius - 2)), max(0, math.floor(pts[:, 1].min() - radius - 2))
    x1, y1 = min(fw, math.ceil(pts[:, 0].max() + radius + 2)), min(fh, math.ceil(pts[:, 1].max() + radius + 2))
    if x1 <= x0 or y1 <= y0:
        return None
    model = skin_model(frame_rgb, pose)
    if model is None:
        return None
    skin = model.mask(frame_rgb[y0:y1, x0:x1])
    capsule = np.zeros((y1 - y0, x1 - x0), dtype=np.uint8)
    origin = np.array([x0, y0])
    for e, w, tip in arms:
        for a, b in ((e, w), (w, tip)):
            pa, pb = tuple(np.round(a - origin).astype(int)), tuple(np.round(b - origin).astype(int))
            cv2.line(capsule, pa, pb, 255, thickness=max(1, round(2 * radius)), lineType=cv2.LINE_8)
    mask = cv2.bitwise_and(capsule, skin)
    # Only skin that is the arm itself: the parts touching the forearm's and hand's bone line (a
    # bare midriff or neckline inside the capsule is not in front of the garment).
    bone = np.zeros_like(capsule)
    for e, w, tip in arms:
        for a, b in ((e, w), (w, tip)):
            pa, pb = tuple(np.round(a - origin).astype(int)), tuple(np.round(b - origin).astype(int))
            cv2.line(bone, pa, pb, 255, thickness=max(3, round(0.5 * radius)), lineType=cv2.LINE_8)
    _count, labels = cv2.connectedComponents((mask > 0).astype(np.uint8))
    touching = np.unique(labels[(bone > 0) & (mask > 0)])
    touching = touching[touching > 0]
    mask = np.where(np.isin(labels, touching), mask, 0).astype(np.uint8)
    if not mask.any():
        return None
    mask = cv2.GaussianBlur(mask, (0, 0), EDGE_SIGMA)
    return Occluder(mask, x0, y0)


def _in_front(pose: Pose, wrist: L) -> bool:
    if pose.world_xyz is None:
        return True
    hips_z = (pose.world_xyz[L.LEFT_HIP, 2] + pose.world_xyz[L.RIGHT_HIP, 2]) / 2
    return bool(pose.world_xyz[wrist, 2] <= hips_z + BEHIND_BODY_M)


def keep_outside(mask: U8Image, mx0: int, my0: int, x0: int, y0: int, w: int, h: int) -> U8Image | None:
    """For a patch at (x0, y0) of size w×h, under a 0/255 ``mask`` placed at (mx0, my0) in the
    frame: 255 where the patch may draw (outside the mask), or None if the two do not overlap."""
    mh, mw = mask.shape
    ix0, iy0 = max(x0, mx0), max(y0, my0)
    ix1, iy1 = min(x0 + w, mx0 + mw), min(y0 + h, my0 + mh)
    if ix1 <= ix0 or iy1 <= iy0:
        return None
    keep = np.full((h, w), 255, dtype=np.uint8)
    keep[iy0 - y0 : iy1 - y0, ix0 - x0 : ix1 - x0] = cv2.bitwise_not(mask[iy0 - my0 : iy1 - my0, ix0 - mx0 : ix1 - mx0])
    return keep
