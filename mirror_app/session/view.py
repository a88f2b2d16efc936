"""How a camera frame becomes the picture on the screen: rotate, mirror, fill and crop.

One frozen value used both to draw the frame and to map body landmarks to screen points,
so a hand over a button on screen is the hand the shopper sees there.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class ViewTransform:
    """Maps an upright frame of ``frame_wh`` onto a screen of ``screen_wh``: optional mirror,
    then scale to fill the screen with the overflow cropped equally on both sides.
    """

    frame_wh: tuple[int, int]
    screen_wh: tuple[int, int]
    mirror: bool = True

    @property
    def scale(self) -> float:
        fw, fh = self.frame_wh
        sw, sh = self.screen_wh
        return max(sw / max(fw, 1), sh / max(fh, 1))

    @property
    def offset(self) -> tuple[float, float]:
        """Top-left of the scaled frame relative to the screen (≤ 0 where cropped)."""
        fw, fh = self.frame_wh
        sw, sh = self.screen_wh
        s = self.scale
        return (sw - fw * s) / 2.0, (sh - fh * s) / 2.0

    def to_screen(self, xy: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """Frame pixel coordinates (N, 2) → screen coordinates (N, 2)."""
        pts = np.array(xy, dtype=np.float64).reshape(-1, 2)
        if self.mirror:
            pts[:, 0] = (self.frame_wh[0] - 1) - pts[:, 0]
        ox, oy = self.offset
        out: npt.NDArray[np.float64] = pts * self.scale + np.array([ox, oy])
        return out

    def render(self, frame_rgb: U8Image) -> U8Image:
        """The frame as it appears on screen: exactly ``screen_wh``, mirrored and cropped."""
        fh, fw = frame_rgb.shape[:2]
        if (fw, fh) != self.frame_wh:
            raise ValueError(f"expected a frame of {self.frame_wh}, got {(fw, fh)}")
        sw, sh = self.screen_wh
        s = self.scale
        # Crop in frame pixels first (cheaper than resizing what will be cut away).
        vis_w, vis_h = sw / s, sh / s
        x0 = max(0, round((fw - vis_w) / 2))
        y0 = max(0, round((fh - vis_h) / 2))
        crop = frame_rgb[y0 : min(fh, y0 + max(1, round(vis_h))), x0 : min(fw, x0 + max(1, round(vis_w)))]
        interp = cv2.INTER_AREA if s < 1 else cv2.INTER_LINEAR
        out: U8Image = cv2.resize(crop, (sw, sh), interpolation=interp)
        if self.mirror:
            out = cv2.flip(out, 1)
        return out
