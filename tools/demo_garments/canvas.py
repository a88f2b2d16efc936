"""A supersampled premultiplied RGBA canvas with anti-aliased drawing primitives, and the
noise fields textures are made of."""

from __future__ import annotations

import math
from collections.abc import Iterable

import cv2
import numpy as np
import numpy.typing as npt

from .geometry import Pts, dash_segments

F32 = npt.NDArray[np.float32]
RGB = tuple[float, float, float]

SS = 3  # supersampling factor


def rgb(hex_or_tuple: str | RGB) -> npt.NDArray[np.float32]:
    if isinstance(hex_or_tuple, str):
        h = hex_or_tuple.lstrip("#")
        return np.array([int(h[i : i + 2], 16) / 255.0 for i in (0, 2, 4)], dtype=np.float32)
    return np.array(hex_or_tuple, dtype=np.float32)


def blur(img: F32, sigma: float) -> F32:
    """Gaussian blur; large sigmas are done on a reduced copy (same look, a fraction of the time)."""
    if sigma <= 0:
        return img
    if sigma < 6:
        return cv2.GaussianBlur(img, (0, 0), sigma)
    f = int(sigma // 3)
    h, w = img.shape[:2]
    small = cv2.resize(img, (max(1, w // f), max(1, h // f)), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), sigma / f)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)


def noise(rng: np.random.Generator, shape: tuple[int, int], cell: float) -> F32:
    """Smooth value noise with features about ``cell`` array pixels across, unit std."""
    h, w = shape
    gh, gw = max(2, int(h / cell) + 3), max(2, int(w / cell) + 3)
    g = rng.standard_normal((gh, gw)).astype(np.float32)
    big = cv2.resize(g, (int(gw * cell), int(gh * cell)), interpolation=cv2.INTER_CUBIC)[:h, :w]
    if big.shape != (h, w):
        big = cv2.resize(big, (w, h), interpolation=cv2.INTER_LINEAR)
    s = float(big.std()) or 1.0
    return ((big - big.mean()) / s).astype(np.float32)


def fbm(rng: np.random.Generator, shape: tuple[int, int], cell: float, octaves: int = 3) -> F32:
    out = np.zeros(shape, np.float32)
    amp, tot = 1.0, 0.0
    for _ in range(octaves):
        out += amp * noise(rng, shape, max(cell, 1.5))
        tot += amp * amp
        amp *= 0.5
        cell /= 2.0
    return out / math.sqrt(tot)


def smoothstep(e0: float, e1: float, x: F32) -> F32:
    t = np.clip((x - e0) / (e1 - e0), 0.0, 1.0)
    return t * t * (3 - 2 * t)


class Canvas:
    """An RGBA picture ``w``×``h`` output pixels, held at SS× in float32, premultiplied."""

    def __init__(self, w: int, h: int, seed: int) -> None:
        self.w, self.h = w, h
        self.W, self.H = w * SS, h * SS
        self.rgb = np.zeros((self.H, self.W, 3), np.float32)
        self.a = np.zeros((self.H, self.W), np.float32)
        self.rng = np.random.default_rng(seed)
        xs = (np.arange(self.W, dtype=np.float32) - (SS - 1) / 2) / SS
        ys = (np.arange(self.H, dtype=np.float32) - (SS - 1) / 2) / SS
        self.x, self.y = np.meshgrid(xs, ys)

    @property
    def shape(self) -> tuple[int, int]:
        return self.H, self.W

    # -- masks ---------------------------------------------------------------------------------

    @staticmethod
    def _fix(pts: Pts) -> npt.NDArray[np.int32]:
        q = (np.asarray(pts, dtype=np.float64) * SS + (SS - 1) / 2) * 16
        return np.round(q).astype(np.int32).reshape(-1, 1, 2)

    def poly(self, *contours: Pts) -> F32:
        """Filled polygon(s), anti-aliased, 0..1 (union of the contours)."""
        m = np.zeros(self.shape, np.uint8)
        for c in contours:
            tmp = np.zeros(self.shape, np.uint8)
            cv2.fillPoly(tmp, [self._fix(c)], 255, lineType=cv2.LINE_AA, shift=4)
            np.maximum(m, tmp, out=m)
        return m.astype(np.float32) / 255.0

    def lines(self, polylines: Iterable[Pts], width: float, closed: bool = False) -> F32:
        m = np.zeros(self.shape, np.uint8)
        th = max(1, int(round(width * SS)))
        cv2.polylines(m, [self._fix(p) for p in polylines], closed, 255, thickness=th, lineType=cv2.LINE_AA, shift=4)
        return m.astype(np.float32) / 255.0

    def line(self, p: Pts, width: float, closed: bool = False) -> F32:
        return self.lines([p], width, closed)

    def dashes(self, p: Pts, width: float, dash: float, gap: float, phase: float = 0.0) -> F32:
        """A stitched line: dashes of ``dash`` px with ``gap`` px between them."""
        return self.lines(dash_segments(p, dash, gap, phase), width)

    def disc(self, c: Pts, r: float) -> F32:
        m = np.zeros(self.shape, np.uint8)
        cc = np.round((np.asarray(c) * SS + (SS - 1) / 2) * 16).astype(int)
        cv2.circle(m, (int(cc[0]), int(cc[1])), int(round(r * SS * 16)), 255, -1, cv2.LINE_AA, shift=4)
        return m.astype(np.float32) / 255.0

    def ellipse(self, c: Pts, axes: tuple[float, float], angle: float = 0.0) -> F32:
        m = np.zeros(self.shape, np.uint8)
        pts = cv2.ellipse2Poly((0, 0), (1000, 1000), 0, 0, 360, 3).astype(np.float64) / 1000.0
        pts = pts * np.array(axes)
        ca, sa = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        pts = pts @ np.array([[ca, sa], [-sa, ca]]) + np.asarray(c)
        cv2.fillPoly(m, [self._fix(pts)], 255, lineType=cv2.LINE_AA, shift=4)
        return m.astype(np.float32) / 255.0

    def blur_px(self, f: F32, sigma_out_px: float) -> F32:
        return blur(f, sigma_out_px * SS)

    def dist(self, mask: F32) -> F32:
        """Distance to the mask's outline in output pixels (0 outside)."""
        m8 = (mask > 0.5).astype(np.uint8)
        return cv2.distanceTransform(m8, cv2.DIST_L2, 5).astype(np.float32) / SS

    def noise(self, cell_px: float, octaves: int = 1) -> F32:
        if octaves == 1:
            return noise(self.rng, self.shape, cell_px * SS)
        return fbm(self.rng, self.shape, cell_px * SS, octaves)

    # -- painting ------------------------------------------------------------------------------

    def paint(self, mask: F32, color: npt.ArrayLike, opacity: float = 1.0) -> None:
        """Draw ``color`` (RGB or an (H, W, 3) field, straight alpha) over the canvas through ``mask``."""
        m = mask if opacity == 1.0 else mask * opacity
        col = np.asarray(color, dtype=np.float32)
        self.rgb *= (1.0 - m)[..., None]
        self.rgb += m[..., None] * col
        self.a *= 1.0 - m
        self.a += m

    def paint_on(self, mask: F32, color: npt.ArrayLike, opacity: float = 1.0) -> None:
        """Like paint, but only where the canvas is already covered (alpha unchanged)."""
        m = mask * self.a * opacity
        col = np.asarray(color, dtype=np.float32)
        self.rgb *= (1.0 - m)[..., None]
        self.rgb += (m[..., None] * col) * 1.0

    def shade(self, factor: F32) -> None:
        """Multiply existing colour by ``factor`` (H, W) (shadows, highlights)."""
        self.rgb *= factor[..., None]

    def shadow(self, mask: F32, dx: float, dy: float, blur_px: float, strength: float) -> None:
        """Cast a soft shadow of ``mask`` (offset by dx, dy) onto what is already drawn."""
        m = np.roll(mask, (int(round(dy * SS)), int(round(dx * SS))), axis=(0, 1))
        m = self.blur_px(m, blur_px)
        self.rgb *= (1.0 - strength * np.clip(m, 0, 1))[..., None]

    def outer_shadow(
        self, mask: F32, dx: float, dy: float, blur_px: float, strength: float, color: RGB = (0, 0, 0)
    ) -> None:
        """A semi-transparent shadow that also falls outside the picture's pixels (on the wearer)."""
        m = np.roll(mask, (int(round(dy * SS)), int(round(dx * SS))), axis=(0, 1))
        m = np.clip(self.blur_px(m, blur_px), 0, 1) * strength
        self.paint(m, color)

    # -- output --------------------------------------------------------------------------------

    def rgba8(self) -> npt.NDArray[np.uint8]:
        rgb_s = cv2.resize(self.rgb, (self.w, self.h), interpolation=cv2.INTER_AREA)
        a_s = cv2.resize(self.a, (self.w, self.h), interpolation=cv2.INTER_AREA)
        a_s = np.clip(a_s, 0.0, 1.0)
        straight = rgb_s / np.maximum(a_s, 1e-6)[..., None]
        out = np.zeros((self.h, self.w, 4), np.uint8)
        out[..., :3] = np.clip(np.round(straight * 255.0), 0, 255).astype(np.uint8)
        out[..., 3] = np.clip(np.round(a_s * 255.0), 0, 255).astype(np.uint8)
        out[out[..., 3] == 0] = 0
        return out


class _SubCanvas(Canvas):
    """A window onto a canvas (shares its pixels) for drawing small parts quickly."""

    def __init__(self, parent: Canvas, sl: tuple[slice, slice]) -> None:
        self.parent = parent
        ys, xs = sl
        y0, y1 = ys.start, min(ys.stop, parent.H)
        x0, x1 = xs.start, min(xs.stop, parent.W)
        self.rgb = parent.rgb[y0:y1, x0:x1]
        self.a = parent.a[y0:y1, x0:x1]
        self.x = parent.x[y0:y1, x0:x1]
        self.y = parent.y[y0:y1, x0:x1]
        self.H, self.W = y1 - y0, x1 - x0
        self.w, self.h = self.W // SS, self.H // SS
        self.ox, self.oy = x0, y0
        self.rng = parent.rng

    def _fix(self, pts: Pts) -> npt.NDArray[np.int32]:  # type: ignore[override]
        q = (np.asarray(pts, dtype=np.float64) * SS + (SS - 1) / 2 - np.array([self.ox, self.oy])) * 16
        return np.round(q).astype(np.int32).reshape(-1, 1, 2)

    def disc(self, c: Pts, r: float) -> F32:
        m = np.zeros(self.shape, np.uint8)
        cc = np.round((np.asarray(c) * SS + (SS - 1) / 2 - np.array([self.ox, self.oy])) * 16).astype(int)
        cv2.circle(m, (int(cc[0]), int(cc[1])), int(round(r * SS * 16)), 255, -1, cv2.LINE_AA, shift=4)
        return m.astype(np.float32) / 255.0

    def ellipse(self, c: Pts, axes: tuple[float, float], angle: float = 0.0) -> F32:
        return super().ellipse(c, axes, angle)

    def shadow(self, mask: F32, dx: float, dy: float, blur_px: float, strength: float) -> None:
        m = np.roll(mask, (int(round(dy * SS)), int(round(dx * SS))), axis=(0, 1))
        m = cv2.GaussianBlur(m, (0, 0), max(blur_px * SS, 0.5))
        self.rgb *= (1.0 - strength * np.clip(m, 0, 1))[..., None]


def sub_canvas(cv: Canvas, box: tuple[float, float, float, float]) -> _SubCanvas:
    x0, y0, x1, y1 = box
    return _SubCanvas(
        cv, (slice(max(0, int(y0 * SS)), int(y1 * SS) + 1), slice(max(0, int(x0 * SS)), int(x1 * SS) + 1))
    )
