"""Cheap reading of a big frame at a low resolution: every k-th pixel first, then an area average.

An area average of a whole 1080p box costs milliseconds; the low frequencies the light, the
outline's thumbnail and the cover read survive a strided pick that leaves about two source
pixels per output pixel, at a fraction of the cost.
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt


def shrink(img: npt.NDArray[np.generic], out_wh: tuple[int, int]) -> npt.NDArray[np.generic]:
    """``img`` (h, w[, c]) resized to ``out_wh`` (w, h), reading every k-th pixel first, so about
    two source pixels per output pixel are averaged."""
    h, w = img.shape[:2]
    ow, oh = max(1, out_wh[0]), max(1, out_wh[1])
    k = max(1, min(w // (2 * ow), h // (2 * oh)))
    picked = img[k // 2 :: k, k // 2 :: k] if k > 1 else img
    return np.asarray(cv2.resize(np.ascontiguousarray(picked), (ow, oh), interpolation=cv2.INTER_AREA))
