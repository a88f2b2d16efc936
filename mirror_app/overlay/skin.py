"""The shopper's own skin colour, sampled from their face: which pixels are bare arm or hand.

Chroma only (YCrCb's Cr and Cb), so light and shade on the skin do not matter; the tolerance
follows the spread of the face's own chroma. Used to cut the occluder along the real arm's edge
and to tell a bare arm or hand from the clothes beside it when reading the body's outline.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np
import numpy.typing as npt

from ..tracking.landmarks import Landmark as L
from ..tracking.landmarks import Pose
from .body_points import MIN_VISIBILITY

U8Image = npt.NDArray[np.uint8]

SKIN_SIDE = 480
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
        ycc = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2YCrCb)
        lut = self._chroma_table
        near = lut[ycc[..., 1], ycc[..., 2]]
        luma = ycc[..., 0]
        near &= (luma >= int(0.35 * self.luma)) & (luma <= int(min(2.0 * self.luma + 10.0, 255.0)))
        m = near.astype(np.uint8) * 255
        m = cv2.morphologyEx(m, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
        out: U8Image = cv2.morphologyEx(m, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
        return out

    @property
    def _chroma_table(self) -> npt.NDArray[np.bool_]:
        return _chroma_table(self.mean, self.tolerance)


@lru_cache(maxsize=8)
def _chroma_table(mean_: tuple[float, float], tolerance: tuple[float, float]) -> npt.NDArray[np.bool_]:
    """Which (Cr, Cb) pairs are skin: near the face's, as saturated, the same hue."""
    cr, cb = np.meshgrid(np.arange(256, dtype=np.float32), np.arange(256, dtype=np.float32), indexing="ij")
    mean = np.array(mean_, np.float32)
    near = (np.abs(cr - mean[0]) <= tolerance[0]) & (np.abs(cb - mean[1]) <= tolerance[1])
    c0 = mean - 128.0
    offset = float(np.hypot(c0[0], c0[1]))
    dr, db = cr - 128.0, cb - 128.0
    strength = np.hypot(dr, db)
    near &= strength >= 0.5 * offset
    # the same hue as the face (navy or teal cloth is far off in direction, if not in distance)
    near &= (dr * c0[0] + db * c0[1]) >= 0.85 * strength * max(offset, 1e-6)
    return np.asarray(near)


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
    # Rounded, so the chroma table is shared between frames of the same shopper.
    return SkinModel(
        (round(float(mean[0]), 1), round(float(mean[1]), 1)),
        (round(float(tol[0]), 1), round(float(tol[1]), 1)),
        float(ycc[:, 0].mean()),
    )


def skin_over(frame_rgb: U8Image, pose: Pose, shape: tuple[int, int] | None = None) -> U8Image | None:
    """The skin map of the frame, computed on at most SKIN_SIDE pixels a side (a bare arm is
    wide; this runs every tracking frame), at that resolution or resized to ``shape`` (h, w)."""
    model = skin_model(frame_rgb, pose)
    if model is None:
        return None
    step = max(1, int(np.ceil(max(frame_rgb.shape[:2]) / SKIN_SIDE)))
    skin = model.mask(frame_rgb[step // 2 :: step, step // 2 :: step])
    if shape is not None and skin.shape != tuple(shape):
        skin = cv2.resize(skin, (shape[1], shape[0]), interpolation=cv2.INTER_NEAREST)
    return skin
