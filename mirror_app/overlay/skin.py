"""The shopper's own skin colour, sampled from their face: which pixels are bare arm or hand.

Chroma only (YCrCb's Cr and Cb), so light and shade on the skin do not matter; the tolerance
follows the spread of the face's own chroma. Used to cut the occluder along the real arm's edge
and to tell a bare arm or hand from the clothes beside it when reading the body's outline.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from ..tracking.landmarks import Landmark as L
from ..tracking.landmarks import Pose
from .body_points import MIN_VISIBILITY

U8Image = npt.NDArray[np.uint8]

MAX_TOLERANCE = 16.0  # chroma levels: a face sample with shadows or a beard is not all skin


@dataclass(frozen=True)
class SkinModel:
    """Mean chroma (Cr, Cb) of the face and how far from it a pixel may be and still be skin."""

    mean: tuple[float, float]
    tolerance: tuple[float, float]
    luma: float  # the face's mean luma

    def mask(self, rgb: U8Image) -> U8Image:
        """255 where ``rgb`` (h, w, 3) has the shopper's skin colour, cleaned of specks. Besides
        the chroma, a skin pixel is about as saturated as the face (black, grey and white cloth
        have nearly no chroma, whatever the skin's) and not far brighter or darker."""
        ycc = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2YCrCb).astype(np.float32)
        chroma = ycc[..., 1:]
        mean = np.array(self.mean, np.float32)
        near = np.all(np.abs(chroma - mean) <= np.array(self.tolerance, np.float32), axis=-1)
        c0 = mean - 128.0
        offset = float(np.hypot(c0[0], c0[1]))
        cr, cb = chroma[..., 0] - 128.0, chroma[..., 1] - 128.0
        strength = np.hypot(cr, cb)
        near &= strength >= 0.5 * offset
        # the same hue as the face (navy or teal cloth is far off in direction, if not in distance)
        near &= (cr * c0[0] + cb * c0[1]) >= 0.85 * strength * max(offset, 1e-6)
        near &= (ycc[..., 0] >= 0.35 * self.luma) & (ycc[..., 0] <= min(2.0 * self.luma + 10.0, 255.0))
        m = near.astype(np.uint8) * 255
        m = cv2.morphologyEx(m, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
        out: U8Image = cv2.morphologyEx(m, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
        return out


def skin_model(frame_rgb: U8Image, pose: Pose) -> SkinModel | None:
    """The shopper's skin from their cheeks and nose, or None when the face is not seen well."""
    if (
        pose.visibility[L.NOSE] < MIN_VISIBILITY
        or pose.visibility[L.LEFT_EYE] < MIN_VISIBILITY
        or pose.visibility[L.RIGHT_EYE] < MIN_VISIBILITY
    ):
        return None
    h, w = frame_rgb.shape[:2]
    eyes = float(np.linalg.norm(pose.xy[L.LEFT_EYE] - pose.xy[L.RIGHT_EYE]))
    half = max(2, int(0.35 * eyes))
    cx, cy = ((pose.xy[L.NOSE] * 2 + pose.xy[L.MOUTH_LEFT] / 2 + pose.xy[L.MOUTH_RIGHT] / 2) / 3).astype(int)
    x0, y0, x1, y1 = max(0, cx - half), max(0, cy - half), min(w, cx + half), min(h, cy + half)
    if x1 - x0 < 3 or y1 - y0 < 3:
        return None
    ycc = cv2.cvtColor(np.ascontiguousarray(frame_rgb[y0:y1, x0:x1]), cv2.COLOR_RGB2YCrCb).reshape(-1, 3)
    face = ycc[:, 1:].astype(np.float32)
    mean, std = face.mean(axis=0), face.std(axis=0)
    tol = np.minimum(2.5 * std + 7.0, MAX_TOLERANCE)
    return SkinModel((float(mean[0]), float(mean[1])), (float(tol[0]), float(tol[1])), float(ycc[:, 0].mean()))


def skin_over(frame_rgb: U8Image, pose: Pose, shape: tuple[int, int]) -> U8Image | None:
    """The skin map of the whole frame at ``shape`` (h, w) (the person mask's resolution)."""
    model = skin_model(frame_rgb, pose)
    if model is None:
        return None
    small = cv2.resize(frame_rgb, (shape[1], shape[0]), interpolation=cv2.INTER_AREA)
    return model.mask(small)
