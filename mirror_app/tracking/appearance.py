"""What the shopper's torso looks like: a colour signature that tells two overlapping people apart.

Positions alone cannot tell the shopper from a passer-by who walks through them: for a few frames
both bodies are in the same place, and the pose model may slide from one to the other. Their
clothes differ. The signature is a small hue-saturation histogram of the torso (between the
shoulders and the hips, shrunk away from its edges) plus a brightness histogram for greys, black
and white; it costs well under a millisecond and needs no learned model.
"""

from __future__ import annotations

import cv2
import numpy as np

from .landmarks import FloatArray, Pose
from .landmarks import Landmark as L

_QUAD = [L.LEFT_SHOULDER, L.RIGHT_SHOULDER, L.RIGHT_HIP, L.LEFT_HIP]
_HUE_BINS, _SAT_BINS, _VALUE_BINS = 12, 3, 8
_COLOURFUL = 50  # saturation from which a pixel's hue counts


def torso_signature(frame_rgb: np.ndarray, pose: Pose, shrink: float = 0.25) -> FloatArray | None:
    """The torso's colour signature (a 1-D histogram summing to 2), or None when the torso is too
    small or out of the frame to say."""
    quad = pose.xy[_QUAD].astype(np.float64)
    centre = quad.mean(axis=0)
    quad = centre + (quad - centre) * (1.0 - shrink)
    h, w = frame_rgb.shape[:2]
    x0, y0 = np.floor(quad.min(axis=0)).astype(int)
    x1, y1 = np.ceil(quad.max(axis=0)).astype(int) + 1
    x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, w), min(y1, h)
    if x1 - x0 < 6 or y1 - y0 < 6:
        return None
    region = frame_rgb[y0:y1, x0:x1]
    k = min(1.0, 48.0 / max(x1 - x0, y1 - y0))
    if k < 1.0:
        region = cv2.resize(region, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
    inside = np.zeros(region.shape[:2], np.uint8)
    cv2.fillConvexPoly(inside, np.round((quad - [x0, y0]) * k).astype(np.int32), 1)
    if int(inside.sum()) < 12:
        return None
    hsv = cv2.cvtColor(np.ascontiguousarray(region), cv2.COLOR_RGB2HSV)[inside > 0].astype(np.int32)
    colourful = hsv[:, 1] >= _COLOURFUL
    hue = np.zeros(_HUE_BINS * _SAT_BINS, np.float64)
    if colourful.any():
        c = hsv[colourful]
        idx = (c[:, 0] * _HUE_BINS // 180) * _SAT_BINS + np.minimum(
            (c[:, 1] - _COLOURFUL) * _SAT_BINS // (256 - _COLOURFUL), _SAT_BINS - 1
        )
        hue = np.bincount(idx, minlength=_HUE_BINS * _SAT_BINS).astype(np.float64)
    value = np.bincount(hsv[:, 2] * _VALUE_BINS // 256, minlength=_VALUE_BINS).astype(np.float64)
    # Neighbouring bins share their counts, so a slightly lighter or shifted colour stays alike.
    hue = _spread(hue.reshape(_HUE_BINS, _SAT_BINS), circular=True).reshape(-1)
    value = _spread(value[:, None], circular=False).reshape(-1)
    # Share of colourful pixels, then their hues; brightness of all pixels.
    share = float(colourful.mean())
    hue = hue / max(hue.sum(), 1e-9) * share
    out = np.concatenate([hue, [1.0 - share], value / value.sum()])
    return out.astype(np.float32)


def _spread(hist: np.ndarray, circular: bool) -> np.ndarray:
    """Each bin gives a quarter of its count to each neighbour along the first axis."""
    if circular:
        before, after = np.roll(hist, 1, axis=0), np.roll(hist, -1, axis=0)
    else:
        pad = np.zeros_like(hist[:1])
        before, after = np.vstack([pad, hist[:-1]]), np.vstack([hist[1:], pad])
    spread: np.ndarray = 0.5 * hist + 0.25 * (before + after)
    return spread


def similarity(a: FloatArray, b: FloatArray) -> float:
    """Bhattacharyya coefficient of two signatures, 0 (nothing alike) to 1 (the same)."""
    return float(np.sqrt(np.clip(a, 0, None) * np.clip(b, 0, None)).sum() / 2.0)
