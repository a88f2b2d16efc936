"""Cameras mounted sideways: turn each frame so the person stands upright (a capture step)."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

U8Image = npt.NDArray[np.uint8]

_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def rotate_frame(frame_rgb: U8Image, degrees: int) -> U8Image:
    """Rotate clockwise by 0/90/180/270 so the person stands upright (cameras mounted sideways)."""
    if degrees % 360 == 0:
        return frame_rgb
    if degrees % 360 not in _ROTATE:
        raise ValueError(f"expected rotation 0, 90, 180 or 270, got {degrees}")
    rotated: U8Image = cv2.rotate(frame_rgb, _ROTATE[degrees % 360])
    return rotated
