"""Alpha compositing of premultiplied patches onto a frame, touching only the patch's box."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

U8Image = npt.NDArray[np.uint8]


def composite_premultiplied(
    canvas_rgb: U8Image,
    patch_rgba: U8Image,
    x0: int,
    y0: int,
    *,
    keep: U8Image | None = None,
    opacity: float = 1.0,
) -> tuple[int, int, int, int] | None:
    """Draw ``patch_rgba`` (h, w, 4, premultiplied) over ``canvas_rgb`` (H, W, 3) in place.

    ``keep`` (h, w) uint8 scales the patch (255 = draw, 0 = leave the canvas as is): it is how
    a shopper's arm stays in front of a garment. Returns the (x0, y0, x1, y1) box of the canvas
    pixels actually changed, or None when nothing was drawn. Uses uint8 OpenCV arithmetic only.
    """
    if canvas_rgb.ndim != 3 or canvas_rgb.shape[2] != 3 or canvas_rgb.dtype != np.uint8:
        raise ValueError(f"expected canvas of shape (H, W, 3) uint8, got {canvas_rgb.shape} {canvas_rgb.dtype}")
    if patch_rgba.ndim != 3 or patch_rgba.shape[2] != 4 or patch_rgba.dtype != np.uint8:
        raise ValueError(f"expected patch of shape (h, w, 4) uint8, got {patch_rgba.shape} {patch_rgba.dtype}")
    if keep is not None and keep.shape != patch_rgba.shape[:2]:
        raise ValueError(f"expected keep of shape {patch_rgba.shape[:2]}, got {keep.shape}")
    ch, cw = canvas_rgb.shape[:2]
    ph, pw = patch_rgba.shape[:2]
    cx0, cy0 = max(0, x0), max(0, y0)
    cx1, cy1 = min(cw, x0 + pw), min(ch, y0 + ph)
    if cx1 <= cx0 or cy1 <= cy0 or opacity <= 0.0:
        return None
    patch = patch_rgba[cy0 - y0 : cy1 - y0, cx0 - x0 : cx1 - x0]
    if keep is not None:
        k = keep[cy0 - y0 : cy1 - y0, cx0 - x0 : cx1 - x0]
        patch = cv2.multiply(patch, cv2.merge([k, k, k, k]), scale=1.0 / 255.0)
    if opacity < 1.0:
        patch = cv2.convertScaleAbs(patch, alpha=opacity)
    alpha = cv2.extractChannel(patch, 3)
    found = cv2.boundingRect(alpha)
    if found[2] == 0 or found[3] == 0:
        return None
    roi = canvas_rgb[cy0:cy1, cx0:cx1]
    inverse = cv2.cvtColor(cv2.bitwise_not(alpha), cv2.COLOR_GRAY2RGB)
    roi[:] = cv2.add(cv2.multiply(roi, inverse, scale=1.0 / 255.0), cv2.cvtColor(patch, cv2.COLOR_RGBA2RGB))
    bx, by, bw, bh = found
    return cx0 + bx, cy0 + by, cx0 + bx + bw, cy0 + by + bh
