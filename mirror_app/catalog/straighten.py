"""The item's canvas: cropped to the garment, turned upright when photographed askew, grown to
hold every anchor, limited in size. Each step says how it moved the pixels.
"""

from __future__ import annotations

import math

import cv2
import numpy as np
import numpy.typing as npt

from .photo import ImportProblem, U8Image, resize_max
from .silhouette import Anchors

MAX_ITEM_SIDE = 1600


def crop_to_item(item_rgba: U8Image, margin: float = 0.03) -> tuple[U8Image, tuple[int, int]]:
    """Crop to the visible item plus ``margin`` of its size; returns (rgba, (x0, y0) of the crop)."""
    ys, xs = np.nonzero(item_rgba[..., 3] > 4)
    if len(xs) == 0:
        raise ImportProblem("nothing is left after removing the background", "check the photo shows the garment")
    pad = round(margin * max(xs.max() - xs.min(), ys.max() - ys.min())) + 4
    h, w = item_rgba.shape[:2]
    x0, y0 = max(0, int(xs.min()) - pad), max(0, int(ys.min()) - pad)
    x1, y1 = min(w, int(xs.max()) + 1 + pad), min(h, int(ys.max()) + 1 + pad)
    return item_rgba[y0:y1, x0:x1].copy(), (x0, y0)


def fit_canvas(item_rgba: U8Image, anchors: Anchors, margin: int = 8) -> tuple[U8Image, Anchors]:
    """Grow the picture with transparent border until every anchor lies inside it (an elbow
    beyond a short sleeve, a knee below a short skirt); anchors move with the picture.
    """
    h, w = item_rgba.shape[:2]
    xs = [x for x, _ in anchors.values()]
    ys = [y for _, y in anchors.values()]
    left = max(0, math.ceil(margin - min(xs, default=margin)))
    top = max(0, math.ceil(margin - min(ys, default=margin)))
    right = max(0, math.ceil(max(xs, default=0) + margin - w))
    bottom = max(0, math.ceil(max(ys, default=0) + margin - h))
    if not (left or top or right or bottom):
        return item_rgba, dict(anchors)
    grown = cv2.copyMakeBorder(item_rgba, top, bottom, left, right, cv2.BORDER_CONSTANT, value=(0, 0, 0, 0))
    return grown, {k: (x + left, y + top) for k, (x, y) in anchors.items()}


def limit_size(item_rgba: U8Image, anchors: Anchors, side: int = MAX_ITEM_SIDE) -> tuple[U8Image, Anchors]:
    out, s = resize_max(item_rgba, side)
    if s >= 1.0:
        return item_rgba, dict(anchors)
    return np.asarray(out, np.uint8), {k: (x * s, y * s) for k, (x, y) in anchors.items()}


def _symmetry_angle(mask: U8Image, limit: float = 12.0) -> float:
    """The turn (degrees, as ``cv2.getRotationMatrix2D`` counts) that makes the garment most
    mirror-symmetric left to right: how far the photo was taken askew. Garments are symmetric.
    """
    small, _ = resize_max(mask * 255, 200)
    small = np.asarray(small, np.float32) / 255.0
    h, w = small.shape
    ys, xs = np.nonzero(small > 0.5)
    if len(xs) < 20:
        return 0.0
    centre = (float(xs.mean()), float(ys.mean()))

    def score(angle: float) -> float:
        rot = cv2.warpAffine(small, cv2.getRotationMatrix2D(centre, angle, 1.0), (w, h))
        mx = float((rot.sum(axis=0) * np.arange(w)).sum() / max(rot.sum(), 1e-6))
        flip = cv2.warpAffine(rot, np.array([[-1, 0, 2 * mx], [0, 1, 0]], np.float32), (w, h))
        return float(np.minimum(rot, flip).sum() / max(np.maximum(rot, flip).sum(), 1e-6))

    best = max(np.arange(-limit, limit + 0.1, 1.0), key=score)
    best = max(np.arange(best - 0.9, best + 0.95, 0.25), key=score)
    return float(best) if score(float(best)) > score(0.0) + 0.005 else 0.0


def affine3(m: npt.ArrayLike) -> npt.NDArray[np.float64]:
    out = np.eye(3)
    out[:2] = np.asarray(m, np.float64).reshape(2, 3)
    return out


def straighten(item_rgba: U8Image) -> tuple[U8Image, npt.NDArray[np.float64]]:
    """Turn a garment photographed askew upright; returns (rgba, 3×3 matrix input → output)."""
    angle = _symmetry_angle((item_rgba[..., 3] > 127).astype(np.uint8))
    if abs(angle) < 0.75:
        return item_rgba, np.eye(3)
    h, w = item_rgba.shape[:2]
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(rot[0, 0]), abs(rot[0, 1])
    nw, nh = math.ceil(w * cos + h * sin), math.ceil(w * sin + h * cos)
    rot[0, 2] += nw / 2 - w / 2
    rot[1, 2] += nh / 2 - h / 2
    out = cv2.warpAffine(
        item_rgba, rot, (nw, nh), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0, 0)
    )
    return np.asarray(out, np.uint8), affine3(rot)
