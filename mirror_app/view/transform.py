"""How an upright camera frame becomes the picture on the screen: mirror, fill and crop.

One frozen value used both to draw the frame and to map body landmarks to screen points,
so a hand over a button on screen is the hand the shopper sees there.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from ..tracking.landmarks import Landmark as L
from ..tracking.landmarks import Pose

U8Image = npt.NDArray[np.uint8]
_TORSO = (L.LEFT_SHOULDER, L.RIGHT_SHOULDER, L.LEFT_HIP, L.RIGHT_HIP)


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


@dataclass(frozen=True)
class SplitView:
    """Two copies of the shopper side by side (compare mode): each half of the screen shows a crop
    of the frame centred on the body, so both outfits follow the shopper."""

    frame_wh: tuple[int, int]
    screen_wh: tuple[int, int]
    center_x: float  # the body's centre in frame pixels
    mirror: bool = True

    @staticmethod
    def around(body: Pose | None, view: ViewTransform) -> SplitView:
        """The compare screen for ``view``'s frame, both crops centred on ``body`` (on the frame's
        middle when nobody is seen)."""
        centre = body_centre_x(body) if body is not None else view.frame_wh[0] / 2
        return SplitView(view.frame_wh, view.screen_wh, centre, mirror=view.mirror)

    @property
    def panel_wh(self) -> tuple[int, int]:
        return self.screen_wh[0] // 2, self.screen_wh[1]

    def _crop_box(self) -> tuple[int, int, int, int]:
        fw, fh = self.frame_wh
        pw, ph = self.panel_wh
        scale = max(pw / max(fw, 1), ph / max(fh, 1))
        vis_w, vis_h = min(fw, pw / scale), min(fh, ph / scale)
        x0 = round(min(max(self.center_x - vis_w / 2, 0), fw - vis_w))
        y0 = round((fh - vis_h) / 2)
        return x0, y0, max(1, round(vis_w)), max(1, round(vis_h))

    def panel(self, index: int) -> ViewTransform:
        """The transform of panel ``index`` (0 left, 1 right) as a crop → screen mapping."""
        _x0, _y0, w, h = self._crop_box()
        return ViewTransform((w, h), self.panel_wh, mirror=self.mirror)

    def to_screen(self, index: int, xy: npt.ArrayLike) -> npt.NDArray[np.float64]:
        x0, y0, _w, _h = self._crop_box()
        pts = np.array(xy, dtype=np.float64).reshape(-1, 2) - np.array([x0, y0])
        out = self.panel(index).to_screen(pts)
        out[:, 0] += index * self.panel_wh[0]
        return out

    def render(self, left_rgb: U8Image, right_rgb: U8Image) -> U8Image:
        x0, y0, w, h = self._crop_box()
        sw, sh = self.screen_wh
        out = np.zeros((sh, sw, 3), np.uint8)
        for i, img in enumerate((left_rgb, right_rgb)):
            crop = np.ascontiguousarray(img[y0 : y0 + h, x0 : x0 + w])
            pw = self.panel_wh[0]
            out[:, i * pw : (i + 1) * pw] = self.panel(i).render(crop)
        return out


ScreenView = ViewTransform | SplitView  # how one frame lands on the screen: once, or twice (compare)


def body_centre_x(pose: Pose) -> float:
    """The middle of the torso (shoulders and hips), in frame pixels: where compare crops centre."""
    return float(pose.xy[list(_TORSO), 0].mean())


def screen_copies(view: ScreenView, xy: npt.ArrayLike) -> list[npt.NDArray[np.float64]]:
    """Where frame points appear on the screen: one (N, 2) array per copy of the frame shown
    (one, or two side by side in compare)."""
    if isinstance(view, SplitView):
        return [view.to_screen(i, xy) for i in (0, 1)]
    return [view.to_screen(xy)]
