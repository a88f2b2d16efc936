#!/usr/bin/env python3
"""Draw Mirror's demo catalog (``catalogs/demo``): garment pictures made procedurally, with anchors.

Every picture is a front view of a garment as worn with the arms slightly away from the body
(A-pose). Each one is built from silhouette curves and then given fabric texture, soft volume
from a height field (rounded pieces, folds, seams), stitching, trims and small cast shadows. It
is drawn at ``SS``× the output size and reduced with area averaging, so edges are anti-aliased.

Everything is deterministic (fixed seeds, no clock, no threads racing), so running the script
again writes byte-identical PNGs.

    python tools/make_demo_catalog.py                 # write catalogs/demo
    python tools/make_demo_catalog.py --only crew-tee --out /tmp/demo
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

F32 = npt.NDArray[np.float32]
Pts = npt.NDArray[np.float64]
RGB = tuple[float, float, float]

SS = 3  # supersampling factor
LIGHT = np.array([-0.35, -0.6, 1.0]) / np.linalg.norm([-0.35, -0.6, 1.0])  # from the upper left, in front
ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------------------------
# Geometry helpers (all coordinates in output pixels, x right, y down)
# --------------------------------------------------------------------------------------------


def P(*xy: float) -> Pts:
    return np.array(xy, dtype=np.float64)


def spline(points: Sequence[Sequence[float]], closed: bool = False, per_seg: int = 16) -> Pts:
    """Centripetal Catmull-Rom curve through ``points`` (a smooth outline through control points)."""
    p = np.asarray(points, dtype=np.float64)
    if len(p) < 3:
        return p
    if closed:
        ext = np.vstack([p[-1], p, p[0], p[1]])
    else:
        ext = np.vstack([2 * p[0] - p[1], p, 2 * p[-1] - p[-2]])
    out = []
    for i in range(len(ext) - 3):
        p0, p1, p2, p3 = ext[i : i + 4]
        t0 = 0.0
        t1 = t0 + max(np.linalg.norm(p1 - p0), 1e-6) ** 0.5
        t2 = t1 + max(np.linalg.norm(p2 - p1), 1e-6) ** 0.5
        t3 = t2 + max(np.linalg.norm(p3 - p2), 1e-6) ** 0.5
        for t in np.linspace(t1, t2, per_seg, endpoint=False):
            a1 = (t1 - t) / (t1 - t0) * p0 + (t - t0) / (t1 - t0) * p1
            a2 = (t2 - t) / (t2 - t1) * p1 + (t - t1) / (t2 - t1) * p2
            a3 = (t3 - t) / (t3 - t2) * p2 + (t - t2) / (t3 - t2) * p3
            b1 = (t2 - t) / (t2 - t0) * a1 + (t - t0) / (t2 - t0) * a2
            b2 = (t3 - t) / (t3 - t1) * a2 + (t - t1) / (t3 - t1) * a3
            out.append((t2 - t) / (t2 - t1) * b1 + (t - t1) / (t2 - t1) * b2)
    if not closed:
        out.append(p[-1])
    return np.array(out)


def polyline_length(p: Pts) -> float:
    return float(np.linalg.norm(np.diff(p, axis=0), axis=1).sum())


def resample(p: Pts, step: float) -> Pts:
    """Points every ``step`` pixels along the polyline."""
    seg = np.linalg.norm(np.diff(p, axis=0), axis=1)
    s = np.concatenate([[0.0], np.cumsum(seg)])
    n = max(2, int(s[-1] / step) + 1)
    ts = np.linspace(0, s[-1], n)
    return np.stack([np.interp(ts, s, p[:, 0]), np.interp(ts, s, p[:, 1])], axis=1)


def offset(p: Pts, d: float) -> Pts:
    """The polyline moved sideways by ``d`` pixels (to its left when walking along it, y down)."""
    t = np.gradient(p, axis=0)
    t /= np.maximum(np.linalg.norm(t, axis=1, keepdims=True), 1e-9)
    n = np.stack([t[:, 1], -t[:, 0]], axis=1)
    return p + n * d


def sub(p: Pts, a: float, b: float) -> Pts:
    """The part of a polyline between fractions ``a`` and ``b`` of its length."""
    seg = np.linalg.norm(np.diff(p, axis=0), axis=1)
    s = np.concatenate([[0.0], np.cumsum(seg)]) / max(seg.sum(), 1e-9)
    ts = np.linspace(a, b, max(2, int(len(p) * abs(b - a)) + 2))
    return np.stack([np.interp(ts, s, p[:, 0]), np.interp(ts, s, p[:, 1])], axis=1)


def point_at(p: Pts, f: float) -> Pts:
    return sub(p, f, f)[0]


def lerp(a: Pts, b: Pts, t: float) -> Pts:
    return a + (b - a) * t


def mirror_x(p: Pts, cx: float) -> Pts:
    q = np.array(p, dtype=np.float64).copy()
    q[..., 0] = 2 * cx - q[..., 0]
    return q


def rgb(hex_or_tuple: str | RGB) -> npt.NDArray[np.float32]:
    if isinstance(hex_or_tuple, str):
        h = hex_or_tuple.lstrip("#")
        return np.array([int(h[i : i + 2], 16) / 255.0 for i in (0, 2, 4)], dtype=np.float32)
    return np.array(hex_or_tuple, dtype=np.float32)


# --------------------------------------------------------------------------------------------
# Fields: blur, noise
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Canvas: supersampled premultiplied RGBA with drawing primitives
# --------------------------------------------------------------------------------------------


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


def dash_segments(p: Pts, dash: float, gap: float, phase: float = 0.0) -> list[Pts]:
    q = resample(p, 0.5)
    seg = np.linalg.norm(np.diff(q, axis=0), axis=1)
    s = np.concatenate([[0.0], np.cumsum(seg)])
    out = []
    start = phase
    while start < s[-1]:
        end = min(start + dash, s[-1])
        ts = np.linspace(start, end, max(2, int((end - start) / 0.5) + 1))
        out.append(np.stack([np.interp(ts, s, q[:, 0]), np.interp(ts, s, q[:, 1])], axis=1))
        start += dash + gap
    return out


# --------------------------------------------------------------------------------------------
# Fabric: height field → light; textures
# --------------------------------------------------------------------------------------------


class Relief:
    """A height field (in output pixels) for one piece of cloth: folds, seams, volume."""

    def __init__(self, cv: Canvas) -> None:
        self.cv = cv
        self.h = np.zeros(cv.shape, np.float32)

    def add(self, f: F32, k: float = 1.0) -> Relief:
        self.h += f * k
        return self

    def folds(self, curves: Iterable[tuple[Pts, float, float]]) -> Relief:
        """Soft folds: (polyline, height px (+ridge / -valley), half-width px); tapered at the ends."""
        groups: dict[float, F32] = {}
        for pts, amp, width in curves:
            g = groups.setdefault(round(width, 1), np.zeros(self.cv.shape, np.float32))
            q = resample(np.asarray(pts, dtype=np.float64), 2.0)
            n = len(q) - 1
            for i in range(n):
                t = (i + 0.5) / n
                taper = math.sin(math.pi * t) ** 0.7
                a = Canvas._fix(q[i : i + 2]).reshape(-1, 2) / 16.0
                cv2.line(
                    g,
                    tuple(np.round(a[0]).astype(int)),
                    tuple(np.round(a[1]).astype(int)),
                    float(amp * taper),
                    max(1, SS),
                    cv2.LINE_8,
                )
        for width, g in groups.items():
            sigma = max(width, 0.3) * SS
            th = max(1, SS)
            self.h += blur(g, sigma) * (math.sqrt(2 * math.pi) * sigma / th)
        return self

    def seam(self, pts: Pts, depth: float = 0.8, width: float = 0.7) -> Relief:
        """A sewn seam: a narrow groove."""
        m = self.cv.line(pts, max(width, 0.4))
        self.h -= blur(m, width * SS * 0.6) * depth
        return self

    def ridge(self, pts: Pts, height: float = 0.8, width: float = 1.2) -> Relief:
        m = self.cv.line(pts, max(width, 0.4))
        self.h += blur(m, width * SS * 0.6) * height
        return self

    def puff(self, mask: F32, height: float, radius: float) -> Relief:
        """Rounded volume over a region (a cylinder-like profile near its outline)."""
        d = self.cv.dist(mask)
        t = np.clip(d / max(radius, 1e-3), 0.0, 1.0)
        self.h += blur(height * (1.0 - (1.0 - t) ** 2), radius * SS * 0.35)
        return self


def light(
    cv: Canvas,
    height: F32,
    mask: F32,
    ao_r: float = 6.0,
    ao_k: float = 0.25,
    cavity_r: float = 14.0,
    cavity_k: float = 0.03,
    contrast: float = 1.0,
    sheen: float = 0.0,
) -> F32:
    """Shading factor (H, W) from a height field: lambert light, edge darkening, crevices."""
    gx = cv2.Sobel(height, cv2.CV_32F, 1, 0, ksize=3) * (SS / 8.0) * contrast
    gy = cv2.Sobel(height, cv2.CV_32F, 0, 1, ksize=3) * (SS / 8.0) * contrast
    inv = 1.0 / np.sqrt(gx * gx + gy * gy + 1.0)
    ndotl = (-gx * LIGHT[0] - gy * LIGHT[1] + LIGHT[2]) * inv
    diffuse = ndotl / LIGHT[2]
    shade = 0.30 + 0.70 * np.clip(diffuse, 0.0, 1.6)
    if sheen > 0:
        # a broad soft highlight where the surface faces the light a bit more than average
        shade += sheen * np.clip(diffuse - 1.0, 0.0, 1.0) ** 1.5
    d = cv.dist(mask)
    shade *= 1.0 - ao_k * np.exp(-d / max(ao_r, 1e-3))
    if cavity_k:
        lo = blur(height, cavity_r * SS)
        shade *= 1.0 + cavity_k * np.clip(height - lo, -6, 6)
    return shade.astype(np.float32)


def weave_plain(
    cv: Canvas, warp: RGB, weft: RGB, period: float = 1.9, warp_share: float = 0.6, slub: float = 0.05
) -> F32:
    """Plain / oxford weave: warp and weft threads of two colours, each thread a little uneven."""
    x, y = cv.x, cv.y
    rng = cv.rng
    col = np.floor(x / period).astype(np.int32)
    row = np.floor(y / period).astype(np.int32)
    cvar = rng.normal(0, 1, col.max() + 2).astype(np.float32)
    rvar = rng.normal(0, 1, row.max() + 2).astype(np.float32)
    over = 0.5 + 0.5 * np.sin(2 * np.pi * x / (2 * period)) * np.sin(2 * np.pi * y / (2 * period))
    share = np.clip(warp_share + 0.35 * (over - 0.5) + 0.06 * cvar[col] - 0.04 * rvar[row], 0, 1)
    w1, w2 = rgb(warp), rgb(weft)
    alb = w2 + (w1 - w2) * share[..., None]
    alb *= (1.0 + slub * cv.noise(3.0) * 0.5 + 0.5 * slub * cv.noise(25))[..., None]
    return alb.astype(np.float32)


def twill(
    cv: Canvas,
    face: RGB,
    back: RGB,
    period: float = 2.2,
    slope: float = 0.5,
    face_share: float = 0.72,
    streaks: float = 0.06,
) -> F32:
    """Twill: diagonal ribs (rising to the right) of face and back yarn; vertical slub streaks."""
    x, y = cv.x, cv.y
    phase = (x + slope * y) / period
    rib = 0.5 + 0.5 * np.cos(2 * np.pi * phase)
    share = np.clip(face_share + 0.3 * (rib - 0.5), 0, 1)
    # streaks: long in y, narrow in x (uneven warp yarn)
    sh = cv.shape
    g = cv.rng.standard_normal((max(2, sh[0] // (SS * 40)), max(2, int(sh[1] / (SS * 1.3))))).astype(np.float32)
    st = cv2.resize(g, (sh[1], sh[0]), interpolation=cv2.INTER_CUBIC)
    share = np.clip(share + streaks * st, 0, 1)
    f1, f2 = rgb(face), rgb(back)
    alb = f2 + (f1 - f2) * share[..., None]
    alb *= (1.0 + 0.03 * cv.noise(2.0))[..., None]
    return alb.astype(np.float32)


def heather(cv: Canvas, base: RGB, spread: float = 0.06) -> F32:
    """Heathered jersey: a fine speckle of lighter and darker fibres, a little elongated."""
    b = rgb(base)
    sh = cv.shape
    g = cv.rng.standard_normal((int(sh[0] / (SS * 0.9)), int(sh[1] / (SS * 0.5)))).astype(np.float32)
    fib = cv2.resize(g, (sh[1], sh[0]), interpolation=cv2.INTER_LINEAR)
    fib = cv2.GaussianBlur(fib, (0, 0), 0.35 * SS)
    fib /= fib.std() + 1e-6
    var = spread * np.tanh(fib * 0.8) + 0.02 * cv.noise(6) + 0.015 * cv.noise(40)
    alb = b[None, None, :] * (1.0 + var)[..., None]
    # knit wales: faint vertical lines
    alb *= (1 + 0.02 * np.sin(2 * np.pi * cv.x / 1.4))[..., None]
    return alb.astype(np.float32)


def solid(cv: Canvas, color: RGB, grain: float = 0.025, cell: float = 2.0) -> F32:
    alb = np.empty(cv.shape + (3,), np.float32)
    alb[:] = rgb(color)
    alb *= (1.0 + grain * cv.noise(cell) + grain * 0.6 * cv.noise(18))[..., None]
    return alb


# --------------------------------------------------------------------------------------------
# Small parts: buttons, rivets, eyelets, buckles
# --------------------------------------------------------------------------------------------


def button(
    cv: Canvas,
    c: Pts,
    r: float,
    color: RGB,
    holes: int = 4,
    thread: RGB | None = None,
    rim: float = 0.22,
    shadow: float = 0.45,
) -> None:
    """A sew-through button with a raised rim and thread through its holes, casting a small shadow."""
    c = np.asarray(c, dtype=np.float64)
    x0, y0, x1, y1 = (
        int((c[0] - r * 2.5) * SS),
        int((c[1] - r * 2.5) * SS),
        int((c[0] + r * 2.5) * SS) + 1,
        int((c[1] + r * 2.5) * SS) + 1,
    )
    sl = (slice(max(0, y0), y1), slice(max(0, x0), x1))
    sub_cv = _SubCanvas(cv, sl)
    disc = sub_cv.disc(c, r)
    sub_cv.shadow(disc, r * 0.25, r * 0.4, r * 0.35, shadow)
    base = rgb(color)
    dx = (sub_cv.x - c[0]) / r
    dy = (sub_cv.y - c[1]) / r
    rr = np.sqrt(dx * dx + dy * dy)
    # dish: rim raised, centre dipped; light from upper left
    h = np.where(rr > 1 - rim, 1.0 - ((rr - (1 - rim / 2)) / (rim / 2)) ** 2, 0.5 + 0.25 * rr**2)
    gxx = np.gradient(h, axis=1) * SS * r * 0.15
    gyy = np.gradient(h, axis=0) * SS * r * 0.15
    lit = (-gxx * LIGHT[0] - gyy * LIGHT[1] + LIGHT[2]) / np.sqrt(gxx**2 + gyy**2 + 1) / LIGHT[2]
    shade = np.clip(0.55 + 0.45 * lit - 0.08 * (dx + dy), 0.3, 1.5)
    spec = np.exp(-(((dx + 0.35) ** 2 + (dy + 0.45) ** 2) / 0.06)) * 0.35
    col = base * shade[..., None] + spec[..., None]
    sub_cv.paint(disc, np.clip(col, 0, 1))
    if holes:
        hr = r * 0.13
        offs = [(-0.28, -0.28), (0.28, -0.28), (-0.28, 0.28), (0.28, 0.28)] if holes == 4 else [(-0.25, 0), (0.25, 0)]
        hole_pts = [c + np.array(o) * r for o in offs]
        if thread is not None:
            th = rgb(thread)
            if holes == 4:
                segs = [np.array([hole_pts[0], hole_pts[3]]), np.array([hole_pts[1], hole_pts[2]])]
            else:
                segs = [np.array([hole_pts[0], hole_pts[1]])]
            m = sub_cv.lines(segs, max(0.5, r * 0.16))
            sub_cv.paint(m, th * 0.95)
        for hp in hole_pts:
            sub_cv.paint(sub_cv.disc(hp, hr) * 0.75, base * 0.35)


def rivet(cv: Canvas, c: Pts, r: float, color: RGB = (0.72, 0.45, 0.22)) -> None:
    c = np.asarray(c, dtype=np.float64)
    sl = (
        slice(max(0, int((c[1] - r * 3) * SS)), int((c[1] + r * 3) * SS) + 1),
        slice(max(0, int((c[0] - r * 3) * SS)), int((c[0] + r * 3) * SS) + 1),
    )
    s = _SubCanvas(cv, sl)
    d = s.disc(c, r)
    s.shadow(d, r * 0.3, r * 0.45, r * 0.4, 0.5)
    dx = (s.x - c[0]) / r
    dy = (s.y - c[1]) / r
    dome = np.clip(1 - dx * dx - dy * dy, 0, 1)
    lit = np.clip(0.55 + 0.6 * (-0.5 * dx - 0.6 * dy) * np.sqrt(dome + 0.05), 0.25, 1.3)
    spec = np.exp(-(((dx + 0.35) ** 2 + (dy + 0.4) ** 2) / 0.05))
    col = rgb(color) * lit[..., None] + 0.55 * spec[..., None]
    s.paint(d, np.clip(col, 0, 1))
    s.paint(s.disc(c, r * 0.35) * 0.35, rgb(color) * 0.45)


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


# --------------------------------------------------------------------------------------------
# Body frame for tops: where shoulders, sleeves and hips go (front view, A-pose)
# --------------------------------------------------------------------------------------------


@dataclass
class Sleeve:
    side: int  # +1 = image right (wearer's left), -1 = image left
    shoulder: Pts  # shoulder anchor
    dirs: tuple[Pts, Pts]  # upper-arm and forearm directions (unit)
    elbow: Pts
    wrist: Pts
    seam_end: Pts  # where the shoulder seam ends
    armpit: Pts
    t_armpit: float
    t_end: float  # where the sleeve ends, along its centre line (px)
    halfwidth: Callable[[float], float]
    upper_len: float

    def centre(self, t: float) -> Pts:
        if t <= self.upper_len:
            return self.shoulder + self.dirs[0] * t
        return self.elbow + self.dirs[1] * (t - self.upper_len)

    def direction(self, t: float) -> Pts:
        return self.dirs[0] if t <= self.upper_len else self.dirs[1]

    def outward(self, t: float) -> Pts:
        d = self.direction(t)
        n = np.array([d[1], -d[0]])  # perpendicular
        if n[0] * self.side < 0:
            n = -n
        return n

    def edge(self, t: float, side: int, scale: float = 1.0) -> Pts:
        """Point on the outer (side=+1) or inner (side=-1) edge at t along the centre line."""
        return self.centre(t) + self.outward(t) * self.halfwidth(t) * side * scale

    def across(self, t: float, f: float) -> Pts:
        """f in [-1, 1]: from the inner edge to the outer edge at t."""
        return self.centre(t) + self.outward(t) * self.halfwidth(t) * f


@dataclass
class TopFrame:
    """Proportions of a top in the picture, from the shoulder-anchor spacing S (px)."""

    cx: float
    ys: float  # shoulder line (anchors) y
    S: float
    theta: float = 30.0  # sleeves from vertical, degrees
    forearm_bend: float = 4.0  # forearm a little more vertical
    neck_half: float = 0.19  # where the shoulder seam meets the neckline
    neck_rise: float = 0.10  # how much higher than the shoulder anchor that point is
    side_top: float = 0.63  # body side at the armpit (× S from centre)
    side_hem: float = 0.645
    hem: float = 1.38  # hem below the shoulder line
    hip_y: float = 1.40
    hip_half: float = 0.31  # MediaPipe's hip landmarks are ~1/1.6 of the shoulder spacing apart
    sleeve_hw: Sequence[tuple[float, float]] = ((0.0, 0.19), (0.6, 0.175), (0.85, 0.155), (1.45, 0.125), (1.7, 0.12))
    upper_arm: float = 0.85
    forearm: float = 0.75
    sleeves: dict[int, Sleeve] = field(default_factory=dict)

    def p(self, u: float, v: float) -> Pts:
        return np.array([self.cx + u * self.S, self.ys + v * self.S])

    def shoulder_y(self, u: float) -> float:
        """y of the shoulder line at u (× S from centre), sloping down from the neck."""
        k = self.neck_rise / (0.5 - self.neck_half)
        return self.ys + (-self.neck_rise + k * (abs(u) - self.neck_half)) * self.S

    def side_x(self, v: float, sgn: int) -> float:
        t = np.clip((v - 0.5) / (self.hem - 0.5), 0, 1)
        return self.cx + sgn * (self.side_top + (self.side_hem - self.side_top) * t) * self.S

    def seam_end(self, sgn: int) -> Pts:
        u = 0.5 + 1 / 6
        return np.array([self.cx + sgn * u * self.S, self.shoulder_y(u)])

    def neck_point(self, sgn: int) -> Pts:
        return self.p(sgn * self.neck_half, -self.neck_rise)

    def sleeve(self, sgn: int, t_end: float | None = None, underarm: float | None = None) -> Sleeve:
        S = self.S
        th = math.radians(self.theta)
        th2 = math.radians(self.theta - self.forearm_bend)
        d1 = np.array([sgn * math.sin(th), math.cos(th)])
        d2 = np.array([sgn * math.sin(th2), math.cos(th2)])
        sh = self.p(sgn * 0.5, 0.0)
        ts = [a * S for a, _ in self.sleeve_hw]
        ws = [b * S for _, b in self.sleeve_hw]

        def hw(t: float) -> float:
            return float(np.interp(t, ts, ws))

        elbow = sh + d1 * self.upper_arm * S
        wrist = elbow + d2 * self.forearm * S
        sl = Sleeve(sgn, sh, (d1, d2), elbow, wrist, self.seam_end(sgn), sh, 0.0, 0.0, hw, self.upper_arm * S)
        # armpit: where the inner edge of the sleeve crosses the body side
        t = 0.0
        while t < 1.6 * S:
            q = sl.edge(t, -1)
            if sgn * (q[0] - self.side_x((q[1] - self.ys) / S, sgn)) >= 0:
                break
            t += 0.5
        sl.t_armpit = t
        sl.armpit = sl.edge(t, -1)
        if t_end is not None:
            sl.t_end = t_end * S
        else:
            sl.t_end = t + (underarm or 0.12) * S
        self.sleeves[sgn] = sl
        return sl

    def anchors(self, long_sleeves: bool | None) -> dict[str, list[float]]:
        a = {
            "neck": None,
            "left_shoulder": self.p(0.5, 0),
            "right_shoulder": self.p(-0.5, 0),
            "left_hip": self.p(self.hip_half, self.hip_y),
            "right_hip": self.p(-self.hip_half, self.hip_y),
        }
        if long_sleeves is not None:
            for sgn, side in ((1, "left"), (-1, "right")):
                s = self.sleeves[sgn]
                a[f"{side}_elbow"] = s.elbow
                if long_sleeves:
                    a[f"{side}_wrist"] = s.wrist
                a[f"{side}_armpit"] = s.armpit
        return {k: [round(float(v[0]), 1), round(float(v[1]), 1)] for k, v in a.items() if v is not None}


def sleeve_outline(fr: TopFrame, s: Sleeve, cuff_flare: float = 0.0) -> tuple[Pts, Pts, Pts, Pts]:
    """Outer edge (seam end → end), end edge, inner edge (end → armpit), armhole (armpit → seam end)."""
    S = fr.S
    t_end = s.t_end
    ts_out = [t for t in np.linspace(0.32 * S, t_end, 7)]
    outer_ctrl = [s.seam_end, s.edge(0.2 * S, 1, 0.93)] + [s.edge(t, 1) for t in ts_out]
    outer = spline(outer_ctrl)
    inner_ctrl = [s.edge(t, -1) for t in np.linspace(t_end, s.t_armpit, 5)]
    inner = spline(inner_ctrl)
    end = np.array([outer[-1], inner[0]])
    mid = lerp(s.seam_end, s.armpit, 0.5)
    into_body = np.array([-s.side * 0.06 * S, 0.0])
    armhole = spline([s.armpit, lerp(s.armpit, s.seam_end, 0.3) + into_body * 0.8, mid + into_body, s.seam_end])
    return outer, end, inner, armhole


def closed(*parts: Pts) -> Pts:
    return np.vstack(parts)


# --------------------------------------------------------------------------------------------
# Items
# --------------------------------------------------------------------------------------------


@dataclass
class Picture:
    image: npt.NDArray[np.uint8]
    anchors: dict[str, list[float]]


def draw_fabric(cv: Canvas, mask: F32, albedo: F32, relief: Relief, **light_kw: float) -> F32:
    """Light a piece of cloth and paint it; returns the shading used (for stitches on it)."""
    shade = light(cv, relief.h, mask, **light_kw)
    cv.paint(mask, albedo * shade[..., None])
    return shade


def stitches(
    cv: Canvas,
    lines_: Iterable[Pts],
    color: RGB,
    shade: F32 | None,
    width: float = 0.55,
    dash: float = 2.2,
    gap: float = 1.1,
    opacity: float = 0.9,
    clip: F32 | None = None,
) -> None:
    segs: list[Pts] = []
    for i, p in enumerate(lines_):
        segs += dash_segments(np.asarray(p, dtype=np.float64), dash, gap, phase=(i * 0.7) % (dash + gap))
    m = cv.lines(segs, width) * opacity
    if clip is not None:
        m *= clip
    col = rgb(color)
    field_ = col[None, None, :] * (shade[..., None] if shade is not None else 1.0)
    # thread sits a little proud: tiny shadow under it
    cv.shadow(m, 0.25, 0.35, 0.35, 0.25)
    cv.paint(m, np.clip(field_, 0, 1))


def rand_curve(rng: np.random.Generator, a: Pts, b: Pts, wobble: float, n: int = 4) -> Pts:
    """A gently wandering curve from a to b (a fold line)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    d = b - a
    nrm = np.array([-d[1], d[0]]) / max(float(np.linalg.norm(d)), 1e-9)
    pts = [a + d * (k / n) + nrm * (rng.uniform(-wobble, wobble) if 0 < k < n else 0.0) for k in range(n + 1)]
    return spline(pts)


def neck_band(cv: Canvas, neckline: Pts, width: float) -> tuple[F32, Pts]:
    """A band of ``width`` px below a neckline curve; returns its mask and its lower edge."""
    lower = offset(neckline, width)
    if lower[len(lower) // 2][1] < neckline[len(neckline) // 2][1]:
        lower = offset(neckline, -width)
    return cv.poly(closed(neckline, lower[::-1])), lower


def draw_crew_tee(color: str = "heather", seed: int = 11) -> Picture:
    """Cotton jersey T-shirt: rib crew neck, short set-in sleeves with twin-needle hems."""
    S = 300.0
    W, H = 900, 680
    fr = TopFrame(
        cx=W / 2,
        ys=100,
        S=S,
        theta=35,
        neck_half=0.175,
        neck_rise=0.09,
        side_top=0.64,
        side_hem=0.655,
        hem=1.56,
        sleeve_hw=((0, 0.215), (0.5, 0.205), (0.8, 0.19)),
    )
    cv = Canvas(W, H, seed)
    rng = cv.rng
    pal = {
        "heather": dict(base=(0.60, 0.60, 0.61), spread=0.075, thread=(0.52, 0.52, 0.53)),
        "white": dict(base=(0.94, 0.94, 0.92), spread=0.012, thread=(0.86, 0.86, 0.84)),
        "navy": dict(base=(0.15, 0.19, 0.31), spread=0.05, thread=(0.19, 0.23, 0.36)),
    }[color]
    sleeves = {sgn: fr.sleeve(sgn, underarm=0.13) for sgn in (1, -1)}
    cx = fr.cx
    npL, npR = fr.neck_point(1), fr.neck_point(-1)
    front_neck = spline([npR, fr.p(-0.135, -0.025), fr.p(0, 0.07), fr.p(0.135, -0.025), npL])
    hy = fr.p(0, fr.hem)[1]
    hem = spline(
        [
            (fr.side_x(fr.hem, 1), hy - 0.012 * S),
            (cx + 0.3 * S, hy + 0.004 * S),
            (cx, hy + 0.008 * S),
            (cx - 0.3 * S, hy + 0.004 * S),
            (fr.side_x(fr.hem, -1), hy - 0.012 * S),
        ]
    )
    side = {
        sgn: spline(
            [
                sleeves[sgn].armpit - np.array([sgn * 0.01 * S, 0]),
                (fr.side_x(1.0, sgn), fr.p(0, 1.0)[1]),
                hem[0 if sgn > 0 else -1],
            ]
        )
        for sgn in (1, -1)
    }
    body_poly = closed(front_neck[::-1], [fr.seam_end(-1)], side[-1], hem[::-1], side[1][::-1], [fr.seam_end(1)])
    body = cv.poly(body_poly)
    alb = heather(cv, pal["base"], pal["spread"])

    # back neck band, seen inside at the sides of the neck (the wearer's neck hides its middle)
    back_neck = spline([npR, fr.p(-0.1, -0.085), fr.p(0, -0.075), fr.p(0.1, -0.085), npL])
    bband, _ = neck_band(cv, back_neck, 0.035 * S)
    bband *= smoothstep(0.12 * S, 0.15 * S, np.abs(cv.x - cx))
    cv.paint(bband, alb * 0.72)

    rel = Relief(cv).puff(body, 26, 0.32 * S)
    folds = []
    for sgn in (1, -1):
        ap = sleeves[sgn].armpit
        for k in range(3):
            a = ap + np.array([-sgn * (0.015 + 0.02 * k) * S, (0.02 + 0.07 * k) * S])
            b = fr.p(sgn * (0.24 - 0.03 * k + rng.uniform(-0.03, 0.03)), 0.72 + 0.14 * k)
            folds.append((rand_curve(rng, a, b, 0.03 * S), 3.2 - 0.8 * k, 6 + 2 * k))
        for k in range(3):
            u = sgn * (0.12 + 0.17 * k + rng.uniform(-0.03, 0.03))
            top = 1.05 + rng.uniform(-0.1, 0.05)
            folds.append(
                (rand_curve(rng, fr.p(u, top), fr.p(u * 1.04, fr.hem + 0.02), 0.02 * S), 3.5 + rng.uniform(-1, 1), 10)
            )
            folds.append(
                (
                    rand_curve(rng, fr.p(u + sgn * 0.075, top + 0.1), fr.p(u * 1.04 + sgn * 0.08, fr.hem), 0.02 * S),
                    -2.5,
                    8,
                )
            )
        folds.append((rand_curve(rng, fr.p(sgn * 0.3, 0.12), fr.p(sgn * 0.12, 0.4), 0.02 * S), 2.5, 12))
    rel.folds(folds)
    rel.add(cv.blur_px(cv.noise(60), 14), 4.0)
    for sgn in (1, -1):
        rel.seam(spline([fr.neck_point(sgn), fr.seam_end(sgn)]), 1.0)
        rel.seam(side[sgn], 0.7, 0.8)
    rel.seam(offset(hem, -0.07 * S), 0.8, 0.9)
    shade = light(cv, rel.h, body, ao_r=7, ao_k=0.3, cavity_k=0.02)
    cv.paint(body, alb * shade[..., None])
    stitches(cv, [offset(hem, -0.05 * S)[3:-3], offset(hem, -0.068 * S)[3:-3]], pal["thread"], shade, width=0.55)

    # rib collar
    band, band_low = neck_band(cv, front_neck, 0.05 * S)
    cv.shadow(band, 0.4, 1.6, 1.8, 0.35)
    ang = np.arctan2(cv.y - (fr.ys - 0.5 * S), cv.x - cx)
    rib = 1.0 + 0.07 * np.sin(ang * (0.5 * S * 2 * np.pi / 2.6))
    balb = heather(cv, pal["base"], pal["spread"] * 0.8) * (rib * 0.95)[..., None]
    brel = Relief(cv).puff(band, 3.0, 0.02 * S)
    bshade = light(cv, brel.h, band, ao_r=2.5, ao_k=0.25)
    cv.paint(band, balb * bshade[..., None])
    stitches(
        cv,
        [
            offset(band_low, 2.2 if band_low[len(band_low) // 2][1] > front_neck[len(front_neck) // 2][1] else -2.2)[
                2:-2
            ]
        ],
        pal["thread"],
        shade,
        width=0.55,
    )

    # sleeves
    for sgn in (1, -1):
        s = sleeves[sgn]
        outer, end, inner, armhole = sleeve_outline(fr, s)
        m = cv.poly(closed(outer, inner, armhole))
        cv.shadow(m, -sgn * 0.6, 1.4, 3.5, 0.3)
        srel = Relief(cv).puff(m, 16, s.halfwidth(0.3 * S) * 0.9)
        sf = []
        for k in range(2):
            t0 = s.t_armpit * (0.55 + 0.25 * k) + rng.uniform(-0.02, 0.02) * S
            sf.append(
                (
                    spline([s.across(t0, -0.95), s.across(t0 + 0.05 * S, -0.2), s.across(t0 + 0.1 * S, 0.3 + 0.3 * k)]),
                    3.0 - k,
                    5 + k,
                )
            )
        sf.append((rand_curve(rng, s.across(0.3 * S, 0.5), s.across(s.t_end, 0.4), 0.01 * S), 3.0, 6))
        srel.folds(sf)
        hem_t = s.t_end - 0.07 * S
        srel.seam(np.array([s.edge(hem_t, 1, 1.05), s.edge(hem_t, -1, 1.05)]), 0.8, 0.9)
        srel.seam(armhole, 1.5, 1.0)
        sshade = light(cv, srel.h, m, ao_r=7, ao_k=0.3, cavity_k=0.02)
        cv.paint(m, heather(cv, pal["base"], pal["spread"]) * sshade[..., None])
        stitches(
            cv,
            [np.array([s.edge(s.t_end - f * S, 1, 0.97), s.edge(s.t_end - f * S, -1, 0.97)]) for f in (0.05, 0.068)],
            pal["thread"],
            sshade,
            width=0.55,
        )
    a = fr.anchors(long_sleeves=False)
    a["neck"] = [round(cx, 1), round(fr.p(0, 0.04)[1], 1)]
    return Picture(cv.rgba8(), a)


def quad_along(s: Sleeve, t0: float, t1: float, hw0: float, hw1: float | None = None, round_: float = 0.0) -> Pts:
    """A band around a sleeve's centre line from t0 to t1 (cuffs, straps)."""
    hw1 = hw0 if hw1 is None else hw1
    c0, c1 = s.centre(t0), s.centre(t1)
    n0, n1 = s.outward(t0), s.outward(t1)
    pts = [c0 + n0 * hw0, c1 + n1 * hw1, c1 - n1 * hw1, c0 - n0 * hw0]
    if round_ <= 0:
        return np.array(pts)
    d = (c1 - c0) / max(float(np.linalg.norm(c1 - c0)), 1e-9)
    r = round_
    return np.array(
        [
            pts[0] + d * r,
            pts[1] - d * r,
            c1 + n1 * (hw1 - r) + d * r * 0.3,
            c1 - n1 * (hw1 - r) + d * r * 0.3,
            pts[2] - d * r,
            pts[3] + d * r,
            c0 - n0 * (hw0 - r) - d * r * 0.3,
            c0 + n0 * (hw0 - r) - d * r * 0.3,
        ]
    )[[0, 1, 2, 3, 4, 5, 6, 7]]


def draw_oxford_shirt(color: str = "blue", seed: int = 21) -> Picture:
    """Oxford cloth button-down shirt: collar, placket, chest pocket, long sleeves with cuffs."""
    S = 280.0
    W, H = 860, 590
    fr = TopFrame(
        cx=W / 2,
        ys=76,
        S=S,
        theta=30,
        forearm_bend=3,
        neck_half=0.185,
        neck_rise=0.10,
        side_top=0.64,
        side_hem=0.66,
        hem=1.56,
        sleeve_hw=((0, 0.19), (0.6, 0.175), (0.85, 0.162), (1.35, 0.145), (1.55, 0.14)),
    )
    cv = Canvas(W, H, seed)
    rng = cv.rng
    pal = {
        "blue": dict(
            warp=(0.47, 0.63, 0.85), weft=(0.93, 0.95, 0.97), thread=(0.62, 0.74, 0.90), button=(0.93, 0.92, 0.88)
        ),
        "white": dict(
            warp=(0.95, 0.95, 0.94), weft=(0.90, 0.90, 0.89), thread=(0.90, 0.90, 0.89), button=(0.95, 0.94, 0.91)
        ),
    }[color]
    sleeves = {sgn: fr.sleeve(sgn, t_end=1.52) for sgn in (1, -1)}
    cx = fr.cx

    def cloth() -> F32:
        return weave_plain(cv, pal["warp"], pal["weft"], period=1.7, warp_share=0.62, slub=0.035)

    # --- body -------------------------------------------------------------------------------
    hy = fr.p(0, fr.hem)[1]
    sideL = {sgn: fr.side_x(1.35, sgn) for sgn in (1, -1)}
    hem = spline(
        [
            (sideL[1], fr.p(0, 1.43)[1]),
            (cx + 0.52 * S, fr.p(0, 1.485)[1]),
            (cx + 0.3 * S, hy + 0.01 * S),
            (cx, hy + 0.02 * S),
            (cx - 0.3 * S, hy + 0.01 * S),
            (cx - 0.52 * S, fr.p(0, 1.485)[1]),
            (sideL[-1], fr.p(0, 1.43)[1]),
        ]
    )
    side = {
        sgn: spline(
            [
                sleeves[sgn].armpit - np.array([sgn * 0.01 * S, 0]),
                (fr.side_x(0.9, sgn), fr.p(0, 0.9)[1]),
                hem[0 if sgn > 0 else -1],
            ]
        )
        for sgn in (1, -1)
    }
    top_edge = spline([fr.neck_point(-1), fr.p(-0.1, -0.05), fr.p(0, -0.02), fr.p(0.1, -0.05), fr.neck_point(1)])
    body_poly = closed(top_edge, [fr.seam_end(1)], side[1], hem[1:-1], side[-1][::-1], [fr.seam_end(-1)])
    body = cv.poly(body_poly)
    rel = Relief(cv).puff(body, 22, 0.3 * S)
    folds = []
    for sgn in (1, -1):
        ap = sleeves[sgn].armpit
        for k in range(2):
            a = ap + np.array([-sgn * (0.02 + 0.02 * k) * S, (0.03 + 0.08 * k) * S])
            b = fr.p(sgn * (0.22 - 0.05 * k), 0.78 + 0.12 * k)
            folds.append((rand_curve(rng, a, b, 0.02 * S), 3.5 - k, 5 + 2 * k))
        for k in range(3):
            u = sgn * (0.13 + 0.16 * k + rng.uniform(-0.025, 0.025))
            top = 0.95 + rng.uniform(-0.12, 0.05)
            folds.append(
                (rand_curve(rng, fr.p(u, top), fr.p(u * 1.05, fr.hem), 0.015 * S), 3.0 + rng.uniform(-0.5, 1.0), 7)
            )
            folds.append(
                (
                    rand_curve(rng, fr.p(u + sgn * 0.07, top + 0.08), fr.p(u * 1.05 + sgn * 0.075, fr.hem), 0.015 * S),
                    -2.5,
                    5,
                )
            )
        # yoke: pull from the shoulder to the placket
        folds.append((rand_curve(rng, fr.p(sgn * 0.42, 0.1), fr.p(sgn * 0.1, 0.35), 0.02 * S), 2.0, 9))
    rel.folds(folds)
    rel.add(cv.blur_px(cv.noise(60), 14), 3.0)
    yoke = spline([fr.p(-0.2, -0.04), fr.p(-0.45, 0.035), fr.seam_end(-1) + np.array([-0.005 * S, 0.04 * S])])
    yokeL = mirror_x(yoke, cx)
    for sgn, yk in ((1, yokeL), (-1, yoke)):
        rel.seam(yk, 1.0, 0.8)
        rel.seam(side[sgn], 0.8, 0.8)
    placket_x = 0.052 * S
    for sgn in (1, -1):
        rel.seam(np.array([(cx + sgn * placket_x, fr.p(0, -0.02)[1]), (cx + sgn * placket_x, hy + 0.02 * S)]), 1.2, 0.8)
    rel.ridge(np.array([(cx - placket_x - 0.3, fr.p(0, 0)[1]), (cx - placket_x - 0.3, hy)]), 0.8, 2.0)
    shade = light(cv, rel.h, body, ao_r=6, ao_k=0.3, cavity_k=0.02)
    cv.paint(body, cloth() * shade[..., None])
    thread = pal["thread"]
    # placket: its edge casts a hair of shadow; stitches both sides; narrow hem
    stitches(
        cv,
        [
            np.array([(cx + sgn * (placket_x - 2.2), fr.p(0, 0)[1]), (cx + sgn * (placket_x - 2.2), hy + 0.015 * S)])
            for sgn in (1, -1)
        ],
        thread,
        shade,
        width=0.5,
        dash=2.0,
        gap=0.9,
    )
    stitches(cv, [offset(hem, -3.0)[4:-4]], thread, shade, width=0.5, dash=2.0, gap=0.9)
    stitches(cv, [offset(yoke, -2.2), offset(yokeL, 2.2)], thread, shade, width=0.5, dash=2.0, gap=0.9)
    edge_sh = cv.line(np.array([(cx - placket_x - 0.8, fr.p(0, 0)[1]), (cx - placket_x - 0.8, hy)]), 1.0)
    cv.shade(1 - 0.25 * cv.blur_px(edge_sh, 0.8))

    # --- chest pocket (wearer's left) --------------------------------------------------------
    px0, px1, py0, py1 = 0.14, 0.37, 0.26, 0.53
    pk = np.array([fr.p(px0, py0), fr.p(px1, py0), fr.p(px1, py1), fr.p((px0 + px1) / 2, py1 + 0.04), fr.p(px0, py1)])
    pm = cv.poly(pk)
    cv.shadow(pm, 0.4, 0.9, 1.2, 0.35)
    prel = Relief(cv).puff(pm, 3.0, 6).add(rel.h * 0.6)
    top_fold = np.array([fr.p(px0, py0 + 0.045), fr.p(px1, py0 + 0.045)])
    prel.seam(top_fold, 1.0, 0.8)
    prel.folds([(rand_curve(rng, fr.p(px0 + 0.06, py0 + 0.1), fr.p(px0 + 0.08, py1 - 0.02), 3), 1.5, 5)])
    pshade = light(cv, prel.h, pm, ao_r=2.5, ao_k=0.25)
    cv.paint(pm, cloth() * pshade[..., None])
    inset = 2.3
    pk_in = np.array(
        [
            fr.p(px0, py0 + 0.045) + [inset, 0],
            fr.p(px0, py1) + [inset, -inset * 0.4],
            fr.p((px0 + px1) / 2, py1 + 0.04) + [0, -inset],
            fr.p(px1, py1) + [-inset, -inset * 0.4],
            fr.p(px1, py0 + 0.045) + [-inset, 0],
        ]
    )
    stitches(
        cv,
        [pk_in, np.array([fr.p(px0, py0 + 0.03), fr.p(px1, py0 + 0.03)]) + [[inset, 0], [-inset, 0]]],
        thread,
        pshade,
        width=0.5,
        dash=2.0,
        gap=0.9,
    )

    # --- sleeves and cuffs -------------------------------------------------------------------
    for sgn in (1, -1):
        s = sleeves[sgn]
        outer, end, inner, armhole = sleeve_outline(fr, s)
        m = cv.poly(closed(outer, inner, armhole))
        cv.shadow(m, -sgn * 0.6, 1.4, 3.5, 0.3)
        srel = Relief(cv).puff(m, 14, s.halfwidth(0.5 * S) * 0.9)
        sf = []
        # elbow: a few creases across the inner side
        for k in range(3):
            t0 = s.upper_len + (k - 1) * 0.1 * S + rng.uniform(-0.02, 0.02) * S
            sf.append(
                (
                    spline(
                        [s.across(t0, -0.95), s.across(t0 - 0.03 * S, -0.2), s.across(t0 - 0.07 * S, 0.5 - 0.1 * k)]
                    ),
                    3.0,
                    4,
                )
            )
        # upper arm: long drape fold from the armpit
        sf.append((rand_curve(rng, s.across(s.t_armpit, -0.5), s.across(s.upper_len - 0.1 * S, 0.1), 0.01 * S), 3.0, 6))
        sf.append((rand_curve(rng, s.across(0.3 * S, 0.45), s.across(s.upper_len, 0.5), 0.01 * S), 2.5, 7))
        # gathered into the cuff: little pleats
        for f in (-0.45, -0.1, 0.3):
            sf.append(
                (np.array([s.across(s.t_end - 0.02 * S, f), s.across(s.t_end - 0.13 * S, f * 1.1 + 0.05)]), 2.5, 2.5)
            )
        sf.append(
            (
                rand_curve(rng, s.across(s.upper_len + 0.1 * S, 0.0), s.across(s.t_end - 0.15 * S, -0.2), 0.01 * S),
                2.5,
                6,
            )
        )
        srel.folds(sf)
        srel.seam(armhole, 1.5, 1.0)
        sshade = light(cv, srel.h, m, ao_r=6, ao_k=0.3, cavity_k=0.02)
        cv.paint(m, cloth() * sshade[..., None])
        stitches(cv, [offset(armhole, 2.3 * sgn)[3:-3]], thread, sshade, width=0.5, dash=2.0, gap=0.9)
        # cuff
        c0, c1 = s.t_end - 0.02 * S, s.t_end + 0.14 * S
        cq = quad_along(s, c0, c1, 0.118 * S, 0.114 * S)
        cm = cv.poly(cq)
        cv.shadow(cm, -sgn * 0.3, 1.0, 1.5, 0.35)
        crel = Relief(cv).puff(cm, 6, 0.05 * S)
        cshade = light(cv, crel.h, cm, ao_r=2.5, ao_k=0.25)
        cv.paint(cm, cloth() * cshade[..., None])
        e0, e1 = 2.3, 2.3
        stitches(
            cv,
            [
                np.array([s.across(c0, -1) + s.direction(c0) * e0, s.across(c0, 1) + s.direction(c0) * e0]),
                np.array([s.across(c1, -1) - s.direction(c1) * e1, s.across(c1, 1) - s.direction(c1) * e1]),
            ],
            thread,
            cshade,
            width=0.5,
            dash=2.0,
            gap=0.9,
            clip=cm,
        )
        button(cv, s.across((c0 + c1) / 2, 0.72), 0.02 * S, pal["button"], holes=4, thread=thread)

    # --- collar ------------------------------------------------------------------------------
    cm_pt = fr.p(0, -0.08)
    stand = cv.poly(np.array([fr.p(-0.06, -0.095), fr.p(0.06, -0.095), fr.p(0.06, -0.015), fr.p(-0.06, -0.015)]))
    cv.paint(stand, cloth() * 0.88)
    button(cv, fr.p(0, -0.048), 0.019 * S, pal["button"], holes=4, thread=thread)
    for sgn in (1, -1):
        ct = fr.p(sgn * 0.165, -0.2)
        pt = fr.p(sgn * 0.215, 0.11)
        fold_edge = spline([cm_pt, fr.p(sgn * 0.075, -0.12), fr.p(sgn * 0.13, -0.17), ct])
        outer_edge = spline([ct, fr.p(sgn * 0.215, -0.14), fr.p(sgn * 0.25, -0.03), pt])
        lower_edge = spline([pt, fr.p(sgn * 0.13, 0.035), fr.p(sgn * 0.03, -0.045), cm_pt + np.array([0, 0.005 * S])])
        leaf = cv.poly(closed(fold_edge, outer_edge, lower_edge))
        cv.shadow(leaf, 0.6, 1.5, 2.0, 0.4)
        lrel = Relief(cv).puff(leaf, 5, 0.035 * S).ridge(fold_edge, 1.5, 3)
        lshade = light(cv, lrel.h, leaf, ao_r=2.5, ao_k=0.2)
        cv.paint(leaf, cloth() * lshade[..., None])
        stitches(
            cv,
            [
                offset(spline([fr.p(sgn * 0.215, -0.14), fr.p(sgn * 0.25, -0.03), pt]), -sgn * 2.3)[2:-1],
                offset(spline([pt, fr.p(sgn * 0.13, 0.035), fr.p(sgn * 0.03, -0.045)]), -sgn * 2.3)[1:-3],
            ],
            thread,
            lshade,
            width=0.5,
            dash=2.0,
            gap=0.9,
            clip=leaf,
        )
        button(cv, lerp(pt, fr.p(sgn * 0.19, 0.04), 0.55), 0.014 * S, pal["button"], holes=2, thread=thread)
    # placket buttons
    for v in (0.2, 0.43, 0.66, 0.89, 1.12, 1.35):
        button(cv, fr.p(0, v), 0.021 * S, pal["button"], holes=4, thread=thread)

    a = fr.anchors(long_sleeves=True)
    a["neck"] = [round(cx, 1), round(fr.p(0, -0.05)[1], 1)]
    return Picture(cv.rgba8(), a)


def buckle(cv: Canvas, c: Pts, w: float, h: float, color: RGB = (0.72, 0.62, 0.42), angle: float = 0.0) -> None:
    """A rectangular metal buckle frame with a prong, lit from the upper left."""
    ca, sa = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    rot = np.array([[ca, -sa], [sa, ca]])

    def box(hw: float, hh: float) -> Pts:
        return np.array([[-hw, -hh], [hw, -hh], [hw, hh], [-hw, hh]]) @ rot.T + c

    t = min(w, h) * 0.16
    sc = sub_canvas(cv, (c[0] - w, c[1] - h, c[0] + w, c[1] + h))
    ring = np.clip(sc.poly(box(w / 2, h / 2)) - sc.poly(box(w / 2 - t, h / 2 - t)), 0, 1)
    sc.shadow(ring, 0.5, 0.9, 0.8, 0.5)
    gy = (sc.y - (c[1] - h / 2)) / h
    gx = (sc.x - (c[0] - w / 2)) / w
    metal = rgb(color)[None, None, :] * (1.25 - 0.55 * gy - 0.2 * gx)[..., None]
    sc.paint(ring, np.clip(metal, 0, 1))
    prong = sc.line(np.array([c + rot @ np.array([-w / 2 + t / 2, 0]), c + rot @ np.array([w * 0.1, 0])]), t * 0.7)
    sc.shadow(prong, 0.4, 0.6, 0.6, 0.4)
    sc.paint(prong, np.clip(rgb(color) * 1.05, 0, 1))


def draw_trench_coat(color: str = "honey", seed: int = 31) -> Picture:
    """Double-breasted cotton gabardine trench: lapels and collar, gun flap, epaulettes, belt with
    buckle, slanted pockets, sleeve straps, long skirt."""
    S = 228.0
    W, H = 700, 780
    fr = TopFrame(
        cx=W / 2,
        ys=76,
        S=S,
        theta=32,
        forearm_bend=4,
        neck_half=0.2,
        neck_rise=0.1,
        side_top=0.68,
        side_hem=0.68,
        hem=1.4,
        sleeve_hw=((0, 0.215), (0.6, 0.195), (0.85, 0.18), (1.4, 0.16), (1.7, 0.155)),
    )
    cv = Canvas(W, H, seed)
    rng = cv.rng
    pal = {
        "honey": dict(base=(0.76, 0.63, 0.44), thread=(0.66, 0.54, 0.36), button=(0.30, 0.21, 0.15)),
        "navy": dict(base=(0.17, 0.21, 0.31), thread=(0.24, 0.28, 0.39), button=(0.10, 0.10, 0.12)),
    }[color]
    base = pal["base"]
    thread = pal["thread"]
    sleeves = {sgn: fr.sleeve(sgn, t_end=1.70) for sgn in (1, -1)}
    cx = fr.cx
    hem_v, knee_v = 2.97, 2.70  # knees: thigh ≈ 2.1 × hip spacing below the hips

    def cloth(k: float = 1.0) -> F32:
        b = tuple(np.array(base) * k)
        return twill(cv, b, tuple(np.array(b) * 0.84), period=1.5, slope=0.38, face_share=0.62, streaks=0.02)

    def side_u(v: float) -> float:
        return float(np.interp(v, [0.55, 0.97, 1.4, hem_v], [0.68, 0.61, 0.70, 0.92]))

    VB = fr.p(-0.22, 0.42)
    hem = spline(
        [
            fr.p(side_u(hem_v), hem_v - 0.015),
            fr.p(0.4, hem_v + 0.01),
            fr.p(0, hem_v + 0.02),
            fr.p(-0.4, hem_v + 0.01),
            fr.p(-side_u(hem_v), hem_v - 0.015),
        ]
    )
    side = {
        sgn: spline(
            [sleeves[sgn].armpit - np.array([sgn * 0.01 * S, 0])]
            + [fr.p(sgn * side_u(v), v) for v in (0.97, 1.4, 2.1)]
            + [hem[0 if sgn > 0 else -1]]
        )
        for sgn in (1, -1)
    }
    npL, npR = fr.neck_point(1), fr.neck_point(-1)
    body_poly = closed([npL, fr.seam_end(1)], side[1], hem[1:-1], side[-1][::-1], [fr.seam_end(-1), npR, VB])
    body = cv.poly(body_poly)
    belt_v0, belt_v1 = 0.925, 1.015
    rel = Relief(cv).puff(body, 18, 0.3 * S)
    folds = []
    # skirt: folds falling from the belt, fanning out
    for k in range(9):
        u = -0.62 + k * 0.155 + rng.uniform(-0.03, 0.03)
        top = belt_v1 + 0.02
        folds.append(
            (
                rand_curve(rng, fr.p(u * 0.95, top), fr.p(u * 1.35, hem_v), 0.03 * S),
                6.0 + rng.uniform(-1.5, 1.5),
                10 + rng.uniform(-2, 3),
            )
        )
    # blousing above the belt
    for sgn in (1, -1):
        for k in range(3):
            u = sgn * (0.2 + 0.14 * k)
            folds.append((rand_curve(rng, fr.p(u - sgn * 0.03, 0.62), fr.p(u, belt_v0 - 0.01), 0.01 * S), 3.5, 6))
        ap = sleeves[sgn].armpit
        folds.append(
            (rand_curve(rng, ap + np.array([-sgn * 0.03 * S, 0.04 * S]), fr.p(sgn * 0.3, 0.78), 0.02 * S), 3.0, 7)
        )
    rel.folds(folds)
    rel.add(cv.blur_px(cv.noise(70), 16), 4.0)
    front_edge = spline([VB, fr.p(-0.22, belt_v0), fr.p(-0.235, 1.6), fr.p(-0.25, hem_v + 0.02)])
    rel.ridge(offset(front_edge, 1.5), 2.0, 2.5)
    rel.seam(front_edge, 1.2, 0.8)
    for sgn in (1, -1):
        rel.seam(side[sgn], 1.0, 0.9)
        rel.seam(spline([fr.neck_point(sgn), fr.seam_end(sgn)]), 1.0)
    shade = light(cv, rel.h, body, ao_r=7, ao_k=0.3, cavity_k=0.025)
    cv.paint(body, cloth() * shade[..., None])
    stitches(
        cv,
        [offset(front_edge, -2.5)[2:], offset(hem, -0.03 * S)[3:-3], offset(hem, -0.03 * S - 2.5)[3:-3]],
        thread,
        shade,
        width=0.55,
    )

    # slanted pockets with flaps
    for sgn in (1, -1):
        c = fr.p(sgn * 0.44, 1.3)
        ang = math.radians(-sgn * 24)
        u_dir = np.array([math.cos(ang), math.sin(ang)]) * sgn
        v_dir = np.array([-u_dir[1], u_dir[0]]) * sgn
        hw_, hh_ = 0.10 * S, 0.035 * S
        flap = np.array(
            [
                c - u_dir * hw_ - v_dir * hh_,
                c + u_dir * hw_ - v_dir * hh_,
                c + u_dir * hw_ + v_dir * hh_ * 1.1,
                c - u_dir * hw_ + v_dir * hh_ * 1.1,
            ]
        )
        fm = cv.poly(flap)
        cv.shadow(fm, 0.5, 1.3, 1.5, 0.45)
        frel = Relief(cv).puff(fm, 3, 4).add(rel.h * 0.5)
        fsh = light(cv, frel.h, fm, ao_r=2, ao_k=0.25)
        cv.paint(fm, cloth() * fsh[..., None])
        inner = np.array(
            [
                flap[0] + u_dir * 2.5 + v_dir * 2.5,
                flap[1] - u_dir * 2.5 + v_dir * 2.5,
                flap[2] - u_dir * 2.5 - v_dir * 2.5,
                flap[3] + u_dir * 2.5 - v_dir * 2.5,
            ]
        )
        stitches(cv, [inner[[3, 0, 1, 2]]], thread, fsh, width=0.5, clip=fm)

    # sleeves with straps
    for sgn in (1, -1):
        s = sleeves[sgn]
        outer, end, inner, armhole = sleeve_outline(fr, s)
        m = cv.poly(closed(outer, inner, armhole))
        cv.shadow(m, -sgn * 0.6, 1.4, 3.5, 0.3)
        srel = Relief(cv).puff(m, 16, s.halfwidth(0.5 * S) * 0.9)
        sf = []
        for k in range(3):
            t0 = s.upper_len + (k - 1) * 0.12 * S
            sf.append(
                (spline([s.across(t0, -0.95), s.across(t0 - 0.03 * S, -0.2), s.across(t0 - 0.07 * S, 0.4)]), 3.5, 5)
            )
        sf.append((rand_curve(rng, s.across(s.t_armpit, -0.5), s.across(s.upper_len - 0.1 * S, 0.1), 0.01 * S), 3.5, 7))
        sf.append((rand_curve(rng, s.across(0.35 * S, 0.45), s.across(s.upper_len + 0.2 * S, 0.45), 0.01 * S), 3.0, 8))
        sf.append(
            (
                rand_curve(rng, s.across(s.upper_len + 0.15 * S, -0.1), s.across(s.t_end - 0.1 * S, 0.0), 0.01 * S),
                3.0,
                7,
            )
        )
        srel.folds(sf)
        srel.seam(armhole, 1.6, 1.0)
        sshade = light(cv, srel.h, m, ao_r=7, ao_k=0.3, cavity_k=0.025)
        cv.paint(m, cloth() * sshade[..., None])
        stitches(
            cv,
            [
                offset(armhole, 2.5 * sgn)[3:-3],
                np.array([s.edge(s.t_end - 0.045 * S, 1, 0.97), s.edge(s.t_end - 0.045 * S, -1, 0.97)]),
            ],
            thread,
            sshade,
            width=0.55,
        )
        # strap round the wrist, buckled on the outer side
        t0, t1 = s.t_end - 0.3 * S, s.t_end - 0.225 * S
        st = quad_along(s, t0, t1, s.halfwidth(t0) * 1.03, s.halfwidth(t1) * 1.03)
        stm = cv.poly(st)
        cv.shadow(stm, 0.3, 1.2, 1.2, 0.45)
        strel = Relief(cv).puff(stm, 3, 4)
        stsh = light(cv, strel.h, stm, ao_r=2, ao_k=0.3)
        cv.paint(stm, cloth(0.98) * stsh[..., None])
        tm = (t0 + t1) / 2
        stitches(
            cv,
            [
                np.array([s.across(t0, -1) + s.direction(t0) * 2.2, s.across(t0, 1) + s.direction(t0) * 2.2]),
                np.array([s.across(t1, -1) - s.direction(t1) * 2.2, s.across(t1, 1) - s.direction(t1) * 2.2]),
            ],
            thread,
            stsh,
            width=0.5,
            clip=stm,
        )
        bc = s.across(tm, 0.55)
        buckle(cv, bc, 0.075 * S, 0.1 * S, angle=math.degrees(math.atan2(s.direction(tm)[1], s.direction(tm)[0])) - 90)

    # gun flap (wearer's right chest)
    gf = spline(
        [
            fr.p(-0.23, -0.08),
            fr.p(-0.5, -0.005),
            fr.p(-0.60, 0.05),
            fr.p(-0.60, 0.2),
            fr.p(-0.56, 0.34),
            fr.p(-0.38, 0.40),
            fr.p(-0.22, 0.40),
        ]
    )
    gm = cv.poly(closed(gf, [fr.p(-0.2, 0.0)]))
    cv.shadow(gm, 0.5, 1.6, 2.0, 0.45)
    grel = Relief(cv).puff(gm, 5, 8).add(rel.h * 0.7)
    gsh = light(cv, grel.h, gm, ao_r=3, ao_k=0.25)
    cv.paint(gm, cloth() * gsh[..., None])
    stitches(cv, [offset(sub(gf, 0.28, 1.0), 2.6)], thread, gsh, width=0.5, clip=gm)

    # lapels
    lapel_r = closed(
        spline([fr.p(-0.2, -0.1), fr.p(-0.2, 0.15), VB]),
        spline([VB, fr.p(-0.29, 0.24), fr.p(-0.37, 0.08), fr.p(-0.375, 0.03)]),
        [fr.p(-0.27, 0.005), fr.p(-0.21, -0.05)],
    )
    lapel_l = closed(
        spline([fr.p(0.2, -0.1), fr.p(0.05, 0.15), VB]),
        spline([VB, fr.p(0.02, 0.33), fr.p(0.25, 0.18), fr.p(0.37, 0.07), fr.p(0.385, 0.03)]),
        [fr.p(0.28, 0.005), fr.p(0.21, -0.05)],
    )
    for poly in (lapel_r, lapel_l):
        lm = cv.poly(poly)
        cv.shadow(lm, 0.6, 1.8, 2.2, 0.5)
        lrel = Relief(cv).puff(lm, 6, 0.05 * S)
        lsh = light(cv, lrel.h, lm, ao_r=3, ao_k=0.3)
        cv.paint(lm, cloth() * lsh[..., None])
        edge = resample(poly, 1.0)
        stitches(cv, [offset(edge, -2.6)], thread, lsh, width=0.5, clip=cv.poly(offset(edge, -1.5)) * lm)
    # collar
    for sgn in (1, -1):
        top = fr.p(sgn * 0.15, -0.18)
        outer_ = spline(
            [top, fr.p(sgn * 0.19, -0.21), fr.p(sgn * 0.265, -0.18), fr.p(sgn * 0.35, -0.06), fr.p(sgn * 0.40, 0.025)]
        )
        lower_ = spline([fr.p(sgn * 0.40, 0.025), fr.p(sgn * 0.3, 0.01), fr.p(sgn * 0.22, -0.035)])
        neck_ = spline([fr.p(sgn * 0.22, -0.035), fr.p(sgn * 0.175, -0.11), top])
        cpoly = closed(outer_, lower_, neck_)
        cm = cv.poly(cpoly)
        cv.shadow(cm, 0.6, 1.6, 2.0, 0.5)
        crel = Relief(cv).puff(cm, 5, 0.04 * S).ridge(neck_, 2.0, 3)
        csh = light(cv, crel.h, cm, ao_r=3, ao_k=0.25)
        cv.paint(cm, cloth() * csh[..., None])
        stitches(cv, [offset(np.vstack([outer_, lower_]), -sgn * 2.6)[2:-2]], thread, csh, width=0.5, clip=cm)
    # epaulettes
    for sgn in (1, -1):
        a_ = fr.seam_end(sgn) + np.array([-sgn * 0.01 * S, 0.005 * S])
        b_ = np.array([cx + sgn * 0.28 * S, fr.shoulder_y(0.28) + 0.012 * S])
        d = (b_ - a_) / np.linalg.norm(b_ - a_)
        n = np.array([-d[1], d[0]]) * 0.036 * S
        ep = np.array([a_ + n, b_ + n - d * 0.02 * S, b_ + d * 0.025 * S, b_ - n - d * 0.02 * S, a_ - n])
        em = cv.poly(ep)
        cv.shadow(em, 0.4, 1.2, 1.3, 0.45)
        erel = Relief(cv).puff(em, 3, 4)
        esh = light(cv, erel.h, em, ao_r=2, ao_k=0.25)
        cv.paint(em, cloth() * esh[..., None])
        stitches(cv, [offset(ep, 2.2 * sgn)[[0, 1, 2, 3, 4]]], thread, esh, width=0.5, clip=em)
        button(cv, b_ - d * 0.015 * S, 0.026 * S, pal["button"], holes=4, thread=thread)

    # belt
    belt_top = spline(
        [
            fr.p(-side_u(belt_v0) - 0.01, belt_v0 + 0.005),
            fr.p(0, belt_v0 + 0.012),
            fr.p(side_u(belt_v0) + 0.01, belt_v0 + 0.005),
        ]
    )
    belt_bot = spline(
        [
            fr.p(side_u(belt_v1) + 0.01, belt_v1 + 0.005),
            fr.p(0, belt_v1 + 0.012),
            fr.p(-side_u(belt_v1) - 0.01, belt_v1 + 0.005),
        ]
    )
    bm = cv.poly(closed(belt_top, belt_bot)) * cv.a
    cv.shadow(bm, 0.4, 1.8, 2.0, 0.5)
    brel = Relief(cv).puff(bm, 4, 0.03 * S)
    bsh = light(cv, brel.h, bm, ao_r=2.5, ao_k=0.3)
    cv.paint(bm, cloth(0.98) * bsh[..., None])
    stitches(cv, [offset(belt_top, -2.3)[2:-2], offset(belt_bot, -2.3)[2:-2]], thread, bsh, width=0.5, clip=bm)
    # belt tail through the buckle, ending in a point
    bv = (belt_v0 + belt_v1) / 2 + 0.012
    bh = (belt_v1 - belt_v0) * S
    tail = np.array(
        [
            fr.p(0.06, bv) + [0, -bh * 0.42],
            fr.p(0.33, bv) + [0, -bh * 0.42],
            fr.p(0.37, bv) + [0, 0],
            fr.p(0.33, bv) + [0, bh * 0.42],
            fr.p(0.06, bv) + [0, bh * 0.42],
        ]
    )
    tm = cv.poly(tail)
    cv.shadow(tm, 0.4, 1.4, 1.5, 0.5)
    trel = Relief(cv).puff(tm, 3, 5)
    tsh = light(cv, trel.h, tm, ao_r=2, ao_k=0.3)
    cv.paint(tm, cloth(1.0) * tsh[..., None])
    stitches(cv, [offset(tail, -2.3)[1:5]], thread, tsh, width=0.5, clip=tm)
    for u in (0.17, 0.23):
        e = fr.p(u, bv)
        cv.paint(cv.disc(e, 0.012 * S), rgb(pal["button"]) * 0.8)
        cv.paint(cv.disc(e, 0.0065 * S), rgb(base) * 0.35)
    buckle(cv, fr.p(0.08, bv), 0.11 * S, (belt_v1 - belt_v0) * S * 1.35)
    for sgn in (1, -1):
        lx = sgn * (side_u(0.97) - 0.04)
        loop = np.array(
            [
                fr.p(lx - 0.022, belt_v0 - 0.03),
                fr.p(lx + 0.022, belt_v0 - 0.03),
                fr.p(lx + 0.022, belt_v1 + 0.03),
                fr.p(lx - 0.022, belt_v1 + 0.03),
            ]
        )
        lm = cv.poly(loop)
        cv.shadow(lm, 0.3, 1.0, 1.0, 0.45)
        cv.paint(lm, cloth(1.02) * light(cv, Relief(cv).puff(lm, 2, 3).h, lm, ao_r=1.5, ao_k=0.3)[..., None])
    # buttons: double-breasted, two columns
    for v in (0.52, 0.74, 1.2, 1.44):
        for u in (-0.14, 0.14):
            button(cv, fr.p(u, v), 0.03 * S, pal["button"], holes=4, thread=thread)

    a = fr.anchors(long_sleeves=True)
    a["neck"] = [round(cx, 1), round(fr.p(0, -0.06)[1], 1)]
    kx = 0.31
    a["left_knee"] = [round(cx + kx * S, 1), round(fr.p(0, knee_v)[1], 1)]
    a["right_knee"] = [round(cx - kx * S, 1), round(fr.p(0, knee_v)[1], 1)]
    return Picture(cv.rgba8(), a)


def floral_print(
    cv: Canvas, ground: RGB, flowers: Sequence[RGB], centre: RGB, leaf: RGB, spacing: float, size: float
) -> F32:
    """A small scattered floral print (drawn straight at the supersampled size with OpenCV)."""
    rng = np.random.default_rng(cv.rng.integers(1 << 30))
    img = np.empty(cv.shape + (3,), np.uint8)
    img[:] = np.round(rgb(ground) * 255).astype(np.uint8)

    def c8(c: RGB, k: float = 1.0) -> tuple[int, int, int]:
        v = np.clip(rgb(c) * k, 0, 1) * 255
        return int(v[0]), int(v[1]), int(v[2])

    def ell(c: Pts, ax: tuple[float, float], ang: float, col: tuple[int, int, int]) -> None:
        cc = np.round((np.asarray(c) * SS + (SS - 1) / 2) * 16).astype(int)
        axes = (max(1, int(ax[0] * SS * 16)), max(1, int(ax[1] * SS * 16)))
        cv2.ellipse(img, (int(cc[0]), int(cc[1])), axes, float(ang), 0, 360, col, -1, cv2.LINE_AA, shift=4)

    ny, nx = int(cv.h / spacing) + 2, int(cv.w / spacing) + 2
    for j in range(ny):
        for i in range(nx):
            x = (i + 0.5 * (j % 2) + rng.uniform(-0.3, 0.3)) * spacing
            y = (j + rng.uniform(-0.3, 0.3)) * spacing * 0.9
            r = size * rng.uniform(0.75, 1.2)
            rot = rng.uniform(0, 360)
            # two leaves
            for k in (0, 1):
                a = math.radians(rot + 140 + 100 * k)
                lc = (x + math.cos(a) * r * 1.25, y + math.sin(a) * r * 1.25)
                ell(lc, (r * 0.75, r * 0.3), math.degrees(a), c8(leaf, rng.uniform(0.9, 1.05)))
            col = flowers[int(rng.integers(len(flowers)))]
            for k in range(5):
                a = math.radians(rot + k * 72)
                pc = (x + math.cos(a) * r * 0.55, y + math.sin(a) * r * 0.55)
                ell(pc, (r * 0.55, r * 0.38), math.degrees(a), c8(col, rng.uniform(0.92, 1.05)))
            for k in range(5):
                a = math.radians(rot + k * 72)
                pc = (x + math.cos(a) * r * 0.3, y + math.sin(a) * r * 0.3)
                ell(pc, (r * 0.22, r * 0.1), math.degrees(a), c8(col, 0.8))
            ell((x, y), (r * 0.2, r * 0.2), 0, c8(centre))
            # tiny buds in between
            if rng.random() < 0.6:
                bx, by = x + spacing * 0.5, y + spacing * 0.35 * rng.uniform(-1, 1)
                ell((bx, by), (r * 0.22, r * 0.22), 0, c8(flowers[int(rng.integers(len(flowers)))], 0.95))
    out = img.astype(np.float32) / 255.0
    out *= (1.0 + 0.03 * cv.noise(1.5) + 0.02 * cv.noise(20))[..., None]
    return out


def draw_floral_dress(color: str = "cream", seed: int = 41) -> Picture:
    """Sleeveless A-line midi dress in a small floral print: scoop neck, bust darts, gathered waist."""
    S = 250.0
    W, H = 560, 840
    fr = TopFrame(cx=W / 2, ys=40, S=S, neck_half=0.19, neck_rise=0.09)
    cv = Canvas(W, H, seed)
    rng = cv.rng
    pal = {
        "cream": dict(
            ground=(0.95, 0.92, 0.85),
            flowers=((0.86, 0.42, 0.42), (0.93, 0.62, 0.55), (0.42, 0.52, 0.74)),
            centre=(0.96, 0.80, 0.35),
            leaf=(0.52, 0.62, 0.47),
            thread=(0.88, 0.85, 0.78),
        ),
        "navy": dict(
            ground=(0.13, 0.16, 0.30),
            flowers=((0.95, 0.93, 0.88), (0.90, 0.62, 0.65), (0.62, 0.72, 0.88)),
            centre=(0.96, 0.80, 0.35),
            leaf=(0.40, 0.55, 0.45),
            thread=(0.18, 0.21, 0.36),
        ),
    }[color]
    cx = fr.cx
    waist_v, hem_v, knee_v = 0.95, 2.86, 2.70

    def skirt_u(v: float) -> float:
        return float(np.interp(v, [waist_v, 1.4, hem_v], [0.50, 0.72, 1.0]))

    alb = floral_print(cv, pal["ground"], pal["flowers"], pal["centre"], pal["leaf"], spacing=0.13 * S, size=0.028 * S)
    thread = pal["thread"]
    # skirt first (the bodice's waist seam sits over it)
    hem = spline(
        [
            fr.p(skirt_u(hem_v), hem_v - 0.03),
            fr.p(0.5, hem_v + 0.015),
            fr.p(0, hem_v + 0.03),
            fr.p(-0.5, hem_v + 0.015),
            fr.p(-skirt_u(hem_v), hem_v - 0.03),
        ]
    )
    sk = closed(
        [fr.p(-skirt_u(waist_v), waist_v - 0.02), fr.p(skirt_u(waist_v), waist_v - 0.02)],
        spline([fr.p(skirt_u(waist_v), waist_v), fr.p(skirt_u(1.4), 1.4), fr.p(skirt_u(2.2) + 0.01, 2.2), hem[0]]),
        hem[1:-1],
        spline([hem[-1], fr.p(-skirt_u(2.2) - 0.01, 2.2), fr.p(-skirt_u(1.4), 1.4), fr.p(-skirt_u(waist_v), waist_v)]),
    )
    skm = cv.poly(sk)
    srel = Relief(cv).puff(skm, 16, 0.3 * S)
    folds = []
    # gathers at the waist, and big flare folds opening towards the hem
    for k in range(16):
        u = -0.46 + k * 0.0613 + rng.uniform(-0.01, 0.01)
        folds.append(
            (np.array([fr.p(u, waist_v + 0.01), fr.p(u * 1.05, waist_v + 0.16 + rng.uniform(0, 0.06))]), 2.2, 2.2)
        )
    for k in range(8):
        u = -0.42 + k * 0.12 + rng.uniform(-0.02, 0.02)
        top = waist_v + 0.15 + rng.uniform(0, 0.25)
        folds.append(
            (
                rand_curve(rng, fr.p(u, top), fr.p(u * 2.0, hem_v + 0.02), 0.03 * S),
                9.0 + rng.uniform(-2, 2),
                12 + rng.uniform(-2, 4),
            )
        )
        folds.append((rand_curve(rng, fr.p(u + 0.06, top + 0.3), fr.p(u * 2.0 + 0.12, hem_v), 0.03 * S), -5.0, 9))
    srel.folds(folds)
    srel.seam(offset(hem, -0.035 * S), 0.6, 0.8)
    ssh = light(cv, srel.h, skm, ao_r=7, ao_k=0.3, cavity_k=0.03)
    cv.paint(skm, alb * ssh[..., None])
    stitches(cv, [offset(hem, -0.03 * S)[3:-3]], thread, ssh, width=0.5)

    # bodice
    npL, npR = fr.neck_point(1), fr.neck_point(-1)
    neck = spline([npR, fr.p(-0.155, 0.06), fr.p(0, 0.15), fr.p(0.155, 0.06), npL])
    strap_end = {sgn: fr.p(sgn * 0.54, 0.0) for sgn in (1, -1)}
    arm = {
        sgn: spline([strap_end[sgn], fr.p(sgn * 0.49, 0.17), fr.p(sgn * 0.5, 0.36), fr.p(sgn * 0.585, 0.47)])
        for sgn in (1, -1)
    }
    sides = {
        sgn: spline([fr.p(sgn * 0.585, 0.47), fr.p(sgn * 0.56, 0.7), fr.p(sgn * 0.505, waist_v + 0.02)])
        for sgn in (1, -1)
    }
    waist = spline([fr.p(0.505, waist_v + 0.02), fr.p(0, waist_v + 0.035), fr.p(-0.505, waist_v + 0.02)])
    bod = closed(neck[::-1], arm[1], sides[1], waist[1:-1], sides[-1][::-1], arm[-1][::-1])
    bm = cv.poly(bod)
    cv.shadow(bm, 0.3, 1.8, 2.5, 0.35)
    brel = Relief(cv).puff(bm, 20, 0.28 * S)
    bf = []
    for sgn in (1, -1):
        bf.append((spline([fr.p(sgn * 0.26, 0.5), fr.p(sgn * 0.24, 0.8), fr.p(sgn * 0.22, waist_v)]), -2.0, 4))
        bf.append((rand_curve(rng, fr.p(sgn * 0.5, 0.5), fr.p(sgn * 0.33, 0.66), 0.01 * S), 2.5, 6))
        bf.append((rand_curve(rng, fr.p(sgn * 0.42, 0.72), fr.p(sgn * 0.3, 0.9), 0.01 * S), 2.0, 6))
    brel.folds(bf)
    brel.add(cv.blur_px(cv.noise(50), 12), 3.0)
    for sgn in (1, -1):
        # bust darts from the waist, and the shoulder seam
        brel.seam(spline([fr.p(sgn * 0.24, waist_v + 0.02), fr.p(sgn * 0.245, 0.75), fr.p(sgn * 0.26, 0.52)]), 1.2, 0.8)
        brel.seam(spline([fr.neck_point(sgn), strap_end[sgn]]), 0.8)
    bsh = light(cv, brel.h, bm, ao_r=6, ao_k=0.3, cavity_k=0.02)
    cv.paint(bm, alb * bsh[..., None])
    # neckline and armholes are faced: fine topstitch; waist seam with a tiny shadow
    stitches(
        cv, [offset(neck, -2.4)[3:-3]] + [offset(arm[sgn], sgn * 2.4)[3:-3] for sgn in (1, -1)], thread, bsh, width=0.5
    )
    wl = cv.line(waist, 1.6)
    cv.shade(1 - 0.35 * cv.blur_px(wl, 0.8))
    a = fr.anchors(long_sleeves=None)
    a["neck"] = [round(cx, 1), round(fr.p(0, -0.02)[1], 1)]
    a["left_knee"] = [round(cx + 0.31 * S, 1), round(fr.p(0, knee_v)[1], 1)]
    a["right_knee"] = [round(cx - 0.31 * S, 1), round(fr.p(0, knee_v)[1], 1)]
    return Picture(cv.rgba8(), a)


@dataclass
class BottomFrame:
    """Proportions of trousers and skirts from the hip-anchor spacing Hs (px).

    MediaPipe's hip landmarks sit about 0.6 of the garment's hip width apart (1/5 in from each
    side); thigh (hip → knee) ≈ 2.1 and shin (knee → ankle) ≈ 1.95 hip spacings on real people."""

    cx: float
    yh: float  # hip anchors' y
    Hs: float
    thigh: float = 2.1
    shin: float = 1.95

    def p(self, u: float, v: float) -> Pts:
        return np.array([self.cx + u * self.Hs, self.yh + v * self.Hs])


def draw_denim_jeans(color: str = "indigo", seed: int = 51) -> Picture:
    """Straight five-pocket jeans in indigo twill: orange topstitching, rivets, whiskers and fades."""
    Hs = 184.0
    W, H = 420, 880
    fr = BottomFrame(cx=W / 2, yh=100, Hs=Hs)
    cv = Canvas(W, H, seed)
    rng = cv.rng
    pal = {
        "indigo": dict(
            face=(0.15, 0.23, 0.41), back=(0.70, 0.72, 0.76), fade=(0.42, 0.54, 0.72), thread=(0.86, 0.55, 0.20)
        ),
        "black": dict(
            face=(0.12, 0.12, 0.14), back=(0.40, 0.40, 0.42), fade=(0.30, 0.30, 0.33), thread=(0.55, 0.55, 0.55)
        ),
    }[color]
    thread = pal["thread"]
    knee_v, ankle_v = fr.thigh, fr.thigh + fr.shin
    hem_v = ankle_v + 0.1
    wb0, wb1 = -0.46, -0.33  # waistband top, bottom
    centre = {sgn: [fr.p(sgn * 0.5, 0), fr.p(sgn * 0.52, knee_v), fr.p(sgn * 0.55, ankle_v)] for sgn in (1, -1)}

    def leg(sgn: int) -> tuple[Pts, Pts]:
        outer = spline(
            [
                fr.p(sgn * 0.80, wb1),
                fr.p(sgn * 0.85, 0.0),
                fr.p(sgn * 0.83, 0.6),
                fr.p(sgn * 0.84, 1.3),
                fr.p(sgn * 0.86, knee_v),
                fr.p(sgn * 0.865, 3.0),
                fr.p(sgn * 0.87, hem_v),
            ]
        )
        inner = spline(
            [
                fr.p(sgn * 0.235, hem_v),
                fr.p(sgn * 0.22, 3.0),
                fr.p(sgn * 0.19, knee_v),
                fr.p(sgn * 0.12, 1.2),
                fr.p(sgn * 0.04, 0.55),
                fr.p(0, 0.40),
            ]
        )
        return outer, inner

    legs = {sgn: leg(sgn) for sgn in (1, -1)}
    shape = closed(
        [fr.p(-0.80, wb1), fr.p(0.80, wb1)], legs[1][0][1:], legs[1][1], legs[-1][1][::-1][1:], legs[-1][0][::-1]
    )
    m = cv.poly(shape)
    alb = twill(cv, pal["face"], pal["back"], period=2.0, slope=0.5, face_share=0.74, streaks=0.07)
    faded = twill(cv, pal["fade"], pal["back"], period=2.0, slope=0.5, face_share=0.62, streaks=0.09)
    fade = np.zeros(cv.shape, np.float32)
    for sgn in (1, -1):
        # sand-blasted fronts of the thighs and knees
        th = cv.line(np.array([fr.p(sgn * 0.46, 0.25), fr.p(sgn * 0.5, 1.7)]), 0.32 * Hs)
        fade += 0.55 * cv.blur_px(th, 0.22 * Hs)
        kn = cv.disc(fr.p(sgn * 0.52, knee_v - 0.1), 0.2 * Hs)
        fade += 0.35 * cv.blur_px(kn, 0.15 * Hs)
        sh_ = cv.line(np.array([fr.p(sgn * 0.53, knee_v + 0.3), fr.p(sgn * 0.55, ankle_v - 0.4)]), 0.2 * Hs)
        fade += 0.25 * cv.blur_px(sh_, 0.2 * Hs)
    # whiskers: light streaks fanning out from the fly
    wh = []
    for sgn in (1, -1):
        for k in range(5):
            v = 0.02 + 0.075 * k + rng.uniform(-0.02, 0.02)
            a_ = fr.p(sgn * (0.1 + 0.02 * k), v + 0.12)
            b_ = fr.p(sgn * (0.55 - 0.03 * k + rng.uniform(-0.04, 0.04)), v - 0.08 + 0.02 * k)
            wh.append(spline([a_, lerp(a_, b_, 0.5) + np.array([0, 0.015 * Hs]), b_]))
    wmask = cv.lines(wh, 0.02 * Hs)
    fade += 0.9 * cv.blur_px(wmask, 0.012 * Hs) * smoothstep(0.0, 1.0, cv.blur_px(wmask, 0.03 * Hs) * 3)
    fade += 0.06 * cv.noise(30) + 0.05 * cv.noise(6)
    fade = np.clip(fade, 0, 1)
    alb = alb + (faded - alb) * fade[..., None]
    rel = Relief(cv)
    for sgn in (1, -1):
        lm = cv.poly(closed(legs[sgn][0], legs[sgn][1], [fr.p(0, wb1)]))
        rel.puff(lm, 14, 0.22 * Hs)
    folds = []
    for sgn in (1, -1):
        for k in range(4):
            v = 0.05 + 0.08 * k
            folds.append((spline([fr.p(sgn * 0.08, v + 0.12), fr.p(sgn * (0.45 - 0.04 * k), v - 0.04)]), 2.5, 3.5))
        for k in range(3):
            v = knee_v - 0.15 + 0.13 * k
            folds.append((rand_curve(rng, fr.p(sgn * 0.3, v + 0.04), fr.p(sgn * 0.75, v - 0.03), 0.01 * Hs), 2.2, 4))
        # stacking above the hem
        for k in range(4):
            v = ankle_v - 0.5 + 0.13 * k + rng.uniform(-0.03, 0.03)
            folds.append(
                (
                    rand_curve(
                        rng,
                        fr.p(sgn * 0.27, v + rng.uniform(-0.04, 0.04)),
                        fr.p(sgn * 0.82, v + rng.uniform(-0.06, 0.06)),
                        0.02 * Hs,
                    ),
                    4.0,
                    4.5,
                )
            )
        folds.append((rand_curve(rng, fr.p(sgn * 0.5, 0.7), fr.p(sgn * 0.5, knee_v - 0.3), 0.04 * Hs), 3.0, 9))
        folds.append(
            (rand_curve(rng, fr.p(sgn * 0.5, knee_v + 0.25), fr.p(sgn * 0.52, ankle_v - 0.6), 0.04 * Hs), 3.0, 9)
        )
    rel.folds(folds)
    rel.add(cv.blur_px(cv.noise(40), 10), 2.5)
    # seams: inseams, outseams, crotch, waistband, fly, pockets
    fly_j = spline([fr.p(0.17, wb1), fr.p(0.17, 0.12), fr.p(0.13, 0.27), fr.p(0.03, 0.36)])
    pocket = {
        sgn: spline([fr.p(sgn * 0.42, wb1), fr.p(sgn * 0.50, -0.16), fr.p(sgn * 0.68, -0.05), fr.p(sgn * 0.845, -0.03)])
        for sgn in (1, -1)
    }
    coin = np.array([fr.p(-0.72, wb1), fr.p(-0.72, -0.14), fr.p(-0.53, -0.135), fr.p(-0.52, wb1)])
    for sgn in (1, -1):
        rel.seam(legs[sgn][0][1:], 1.2, 1.0)
        rel.seam(legs[sgn][1], 1.2, 1.0)
        rel.seam(pocket[sgn], 2.0, 1.0)
    rel.seam(np.array([fr.p(0, wb1), fr.p(0, 0.40)]), 1.6, 1.0)
    rel.seam(fly_j, 1.2, 0.9)
    rel.ridge(np.array([fr.p(0.09, wb1), fr.p(0.09, 0.3)]), 1.0, 4)
    rel.seam(coin[1:3], 1.0, 0.8)
    for sgn in (1, -1):
        rel.seam(np.array([fr.p(sgn * 0.87, hem_v - 0.065), fr.p(sgn * 0.23, hem_v - 0.065)]), 1.2, 0.9)
    sh = light(cv, rel.h, m, ao_r=6, ao_k=0.35, cavity_k=0.03)
    cv.paint(m, alb * sh[..., None])
    # pocket openings: the pocket facing shows (a darker step) and casts a shadow
    for sgn in (1, -1):
        facing = cv.poly(closed(pocket[sgn], [fr.p(sgn * 0.84, wb1)]))
        cv.shade(1 - 0.22 * facing)
        cv.shadow(cv.line(pocket[sgn], 1.2), -0.3 * sgn, -1.0, 1.2, 0.4)
    cv.shade(1 - 0.35 * cv.blur_px(cv.line(np.array([fr.p(0.0, wb1), fr.p(0.0, 0.33)]), 1.0), 0.6))
    tw, td, tg = 0.8, 2.6, 1.3
    dbl = []
    for sgn in (1, -1):
        dbl += [offset(pocket[sgn], sgn * 2.5)[2:-2], offset(pocket[sgn], sgn * 5.0)[2:-2]]
        dbl += [offset(legs[sgn][1], -sgn * 2.8)[4:-6], offset(legs[sgn][1], -sgn * 5.4)[4:-6]]
        dbl += [offset(legs[sgn][0][2:], sgn * 3.0)]
        dbl += [np.array([fr.p(sgn * 0.86, hem_v - 0.055), fr.p(sgn * 0.245, hem_v - 0.055)])]
    dbl += [offset(fly_j, -2.6)[1:-1]]
    dbl += [
        coin[[0, 1, 2, 3]] + np.array([[2.5, 0], [2.5, -2.5], [-2.5, -2.5], [-2.5, 0]]),
        np.array([fr.p(-0.72, -0.165), fr.p(-0.53, -0.16)]),
    ]
    stitches(cv, dbl, thread, sh, width=tw, dash=td, gap=tg, opacity=0.95, clip=m)
    bartacks = [fr.p(0.03, 0.355), fr.p(0.06, 0.33)]
    stitches(cv, [np.array(bartacks)], thread, sh, width=1.4, dash=6, gap=0.1)
    # waistband
    wband = closed(
        spline([fr.p(-0.80, wb0), fr.p(0, wb0 + 0.01), fr.p(0.80, wb0)]),
        spline([fr.p(0.80, wb1), fr.p(0, wb1 + 0.01), fr.p(-0.80, wb1)]),
    )
    wm = cv.poly(wband)
    cv.shadow(wm, 0.3, 1.3, 1.5, 0.45)
    wrel = Relief(cv).puff(wm, 4, 0.04 * Hs)
    wsh = light(cv, wrel.h, wm, ao_r=2, ao_k=0.3)
    cv.paint(wm, alb * wsh[..., None] * 0.97)
    stitches(
        cv,
        [
            spline([fr.p(-0.79, wb0 + 0.025), fr.p(0, wb0 + 0.035), fr.p(0.79, wb0 + 0.025)]),
            spline([fr.p(-0.79, wb1 - 0.025), fr.p(0, wb1 - 0.015), fr.p(0.79, wb1 - 0.025)]),
        ],
        thread,
        wsh,
        width=tw,
        dash=td,
        gap=tg,
        clip=wm,
    )
    # belt loops
    for u in (-0.83, -0.5, 0.5, 0.83):
        lp = np.array(
            [
                fr.p(u - 0.045, wb0 - 0.04),
                fr.p(u + 0.045, wb0 - 0.04),
                fr.p(u + 0.045, wb1 + 0.05),
                fr.p(u - 0.045, wb1 + 0.05),
            ]
        )
        if abs(u) > 0.8:
            lp[:, 0] = np.clip(lp[:, 0], fr.p(-0.84, 0)[0], fr.p(0.84, 0)[0])
        lmask = cv.poly(lp)
        cv.shadow(lmask, 0.4, 1.2, 1.2, 0.5)
        lrel = Relief(cv).puff(lmask, 3, 0.03 * Hs)
        cv.paint(lmask, alb * light(cv, lrel.h, lmask, ao_r=1.5, ao_k=0.3)[..., None])
        stitches(
            cv,
            [
                np.array([fr.p(u - 0.04, wb0 - 0.02), fr.p(u + 0.04, wb0 - 0.02)]),
                np.array([fr.p(u - 0.04, wb1 + 0.03), fr.p(u + 0.04, wb1 + 0.03)]),
            ],
            thread,
            None,
            width=1.1,
            dash=8,
            gap=0.1,
            clip=lmask,
        )
    # rivets and the shank button
    for sgn in (1, -1):
        rivet(cv, fr.p(sgn * 0.43, wb1 + 0.03), 0.028 * Hs)
        rivet(cv, fr.p(sgn * 0.825, -0.03), 0.028 * Hs)
    rivet(cv, fr.p(-0.71, wb1 + 0.02), 0.022 * Hs)
    rivet(cv, fr.p(-0.535, wb1 + 0.02), 0.022 * Hs)
    bc = fr.p(0.0, (wb0 + wb1) / 2)
    rivet(cv, bc, 0.075 * Hs, color=(0.70, 0.68, 0.64))
    sc = sub_canvas(cv, (bc[0] - 20, bc[1] - 20, bc[0] + 20, bc[1] + 20))
    ring = np.clip(sc.disc(bc, 0.06 * Hs) - sc.disc(bc, 0.05 * Hs), 0, 1)
    sc.paint(ring * 0.6, rgb((0.35, 0.34, 0.32)))
    a = {
        "left_hip": fr.p(0.5, 0),
        "right_hip": fr.p(-0.5, 0),
        "left_knee": centre[1][1],
        "right_knee": centre[-1][1],
        "left_ankle": centre[1][2],
        "right_ankle": centre[-1][2],
        "crotch": fr.p(0, 0.40),
    }
    return Picture(cv.rgba8(), {k: [round(float(v[0]), 1), round(float(v[1]), 1)] for k, v in a.items()})


def draw_pleated_skirt(color: str = "mocha", seed: int = 61) -> Picture:
    """Knife-pleated midi skirt: a waistband with a covered button, pleats stitched down over the
    hips and falling open below."""
    Hs = 196.0
    W, H = 600, 590
    fr = BottomFrame(cx=W / 2, yh=100, Hs=Hs)
    cv = Canvas(W, H, seed)
    pal = {
        "mocha": dict(base=(0.56, 0.43, 0.34), thread=(0.50, 0.38, 0.30)),
        "navy": dict(base=(0.16, 0.20, 0.33), thread=(0.20, 0.24, 0.38)),
    }[color]
    base, thread = pal["base"], pal["thread"]
    wb0, wb1 = -0.44, -0.32
    knee_v = fr.thigh
    hem_v = knee_v + 0.22
    n_pleats = 13  # per half (across the front)

    def half(v: float) -> float:
        return float(np.interp(v, [wb1, 0.05, 0.45, hem_v], [0.73, 0.87, 0.93, 1.28]))

    # hem zig-zags a little: each pleat's fold edge hangs lower
    hem_pts = []
    for k in range(2 * n_pleats + 1):
        f = -1 + k / n_pleats
        ang = math.asin(np.clip(f, -1, 1))
        u = math.sin(ang) * half(hem_v)
        hem_pts.append(fr.p(u, hem_v + 0.03 * math.cos(ang) + (0.012 if k % 2 else 0)))
    hem = np.array(hem_pts)
    outline = closed(
        [fr.p(-half(wb1), wb1), fr.p(half(wb1), wb1)],
        spline([fr.p(half(wb1), wb1), fr.p(half(0.05), 0.05), fr.p(half(0.45), 0.45), fr.p(half(1.3), 1.3), hem[-1]]),
        hem[::-1][1:-1],
        spline(
            [hem[0], fr.p(-half(1.3), 1.3), fr.p(-half(0.45), 0.45), fr.p(-half(0.05), 0.05), fr.p(-half(wb1), wb1)]
        ),
    )
    m = cv.poly(outline)
    # pleat height field: sawtooth across the skirt (uniform on the body's round, so narrower at the sides)
    hh = (cv.y - fr.yh) / Hs
    halfw = np.interp(hh, [wb1, 0.05, 0.45, hem_v], [0.73, 0.87, 0.93, 1.28]) * Hs
    u = np.clip((cv.x - fr.cx) / halfw, -0.999, 0.999)
    ang = np.arcsin(u)
    phase = (ang / math.pi + 0.5) * (2 * n_pleats)
    saw = phase - np.floor(phase)
    depth = smoothstep(0.05, 0.5, hh) * (5.5 + 4.0 * np.clip((hh - 0.5) / 1.8, 0, 1))
    pleat_h = (saw * depth).astype(np.float32)
    pleat_h = cv2.GaussianBlur(pleat_h, (0, 0), 0.8 * SS)
    rel = Relief(cv).puff(m, 14, 0.35 * Hs).add(pleat_h)
    rel.add(cv.blur_px(cv.noise(50), 12), 3.0)
    alb = solid(cv, base, grain=0.03, cell=1.5)
    alb *= (1 + 0.02 * np.sin(2 * np.pi * (cv.x + 0.4 * cv.y) / 1.6))[..., None]
    sh = light(cv, rel.h, m, ao_r=7, ao_k=0.3, cavity_r=4, cavity_k=0.04)
    # the fold edges: a crisp dark line where each pleat's underlay hides
    edge = np.clip(1 - saw * 14, 0, 1) * smoothstep(0.0, 0.3, hh)
    sh *= 1 - 0.2 * cv2.GaussianBlur(edge.astype(np.float32), (0, 0), 0.5 * SS)
    cv.paint(m, alb * sh[..., None])
    # the pleats are stitched down over the hips
    st = []
    for k in range(1, 2 * n_pleats):
        f = -1 + k / n_pleats
        a_ = math.asin(f)
        st.append(
            np.array(
                [
                    fr.p(math.sin(a_) * half(wb1 + 0.01) - 0.012, wb1 + 0.01),
                    fr.p(math.sin(a_) * half(0.05) - 0.012, 0.1),
                ]
            )
        )
    stitches(cv, st, thread, sh, width=0.55, opacity=0.8, clip=m)
    stitches(cv, [offset(hem, 2.8)[1:-1]], thread, sh, width=0.5, opacity=0.7, clip=m)
    # waistband
    wband = np.array([fr.p(-0.735, wb0), fr.p(0.735, wb0), fr.p(0.74, wb1 + 0.01), fr.p(-0.74, wb1 + 0.01)])
    wm = cv.poly(wband)
    cv.shadow(wm, 0.3, 1.4, 1.6, 0.45)
    wrel = Relief(cv).puff(wm, 4, 0.04 * Hs)
    wsh = light(cv, wrel.h, wm, ao_r=2, ao_k=0.3)
    cv.paint(wm, solid(cv, base, grain=0.03, cell=1.5) * wsh[..., None])
    stitches(
        cv,
        [
            np.array([fr.p(-0.73, wb0 + 0.02), fr.p(0.73, wb0 + 0.02)]),
            np.array([fr.p(-0.73, wb1 - 0.01), fr.p(0.73, wb1 - 0.01)]),
        ],
        thread,
        wsh,
        width=0.5,
        clip=wm,
    )
    button(cv, fr.p(0.5, (wb0 + wb1) / 2), 0.035 * Hs, tuple(np.array(base) * 0.75), holes=0)
    a = {
        "left_hip": fr.p(0.5, 0),
        "right_hip": fr.p(-0.5, 0),
        "left_knee": fr.p(0.5, knee_v),
        "right_knee": fr.p(-0.5, knee_v),
    }
    return Picture(cv.rgba8(), {k: [round(float(v[0]), 1), round(float(v[1]), 1)] for k, v in a.items()})


def draw_bucket_hat(color: str = "ecru", seed: int = 71) -> Picture:
    """Cotton canvas bucket hat: six-panel crown with a flat top, metal eyelets, a sloping brim
    with rows of topstitching."""
    T = 260.0  # temple spacing
    W, H = 560, 340
    cx, yb = W / 2, 222.0  # temple line (the body's forehead and temple points)
    cv = Canvas(W, H, seed)
    pal = {
        "ecru": dict(base=(0.85, 0.79, 0.66), thread=(0.78, 0.72, 0.59)),
        "black": dict(base=(0.17, 0.17, 0.18), thread=(0.28, 0.28, 0.29)),
    }[color]
    base, thread = pal["base"], pal["thread"]

    def q(u: float, v: float) -> Pts:
        return np.array([cx + u * T, yb + v * T])

    def cloth() -> F32:
        return twill(cv, base, tuple(np.array(base) * 0.86), period=1.7, slope=0.45, face_share=0.6, streaks=0.02)

    # brim: from the band seam sloping down and out; its front edge is the lowest
    seam_line = spline([q(-0.64, 0.10), q(-0.3, 0.135), q(0, 0.145), q(0.3, 0.135), q(0.64, 0.10)])
    brim_edge = spline([q(1.0, 0.30), q(0.7, 0.37), q(0, 0.405), q(-0.7, 0.37), q(-1.0, 0.30)])
    brim = closed(seam_line, [q(0.66, 0.11)], brim_edge, [q(-0.66, 0.11)])
    bm = cv.poly(brim)
    brel = Relief(cv).puff(bm, 5, 0.05 * T)
    rows = []
    for k in range(6):
        f = (k + 0.6) / 6.5
        rows.append(
            spline(
                [
                    lerp(q(0.67, 0.115), q(0.99, 0.295), f),
                    lerp(q(0, 0.155), q(0, 0.39), f),
                    lerp(q(-0.67, 0.115), q(-0.99, 0.295), f),
                ]
            )
        )
    for r in rows:
        brel.seam(r, 0.5, 0.6)
    brel.folds([(spline([q(-0.5, 0.17), q(-0.5, 0.35)]), 2.5, 8), (spline([q(0.35, 0.17), q(0.33, 0.38)]), 2.0, 10)])
    bsh = light(cv, brel.h, bm, ao_r=3, ao_k=0.35)
    bsh *= 1.0 - 0.18 * smoothstep(0.0, 1.0, (cv.y - yb - 0.1 * T) / (0.3 * T))  # the brim turns away from the light
    cv.paint(bm, cloth() * bsh[..., None])
    stitches(cv, [r[2:-2] for r in rows], thread, bsh, width=0.55, dash=2.2, gap=1.0, clip=bm)
    # crown
    crown = closed(
        spline([q(-0.64, 0.105), q(-0.61, -0.2), q(-0.555, -0.47), q(-0.48, -0.545)]),
        spline([q(-0.48, -0.545), q(0, -0.575), q(0.48, -0.545)]),
        spline([q(0.48, -0.545), q(0.555, -0.47), q(0.61, -0.2), q(0.64, 0.105)]),
        seam_line[::-1],
    )
    cm = cv.poly(crown)
    cv.shadow(cm, 0.5, 2.0, 2.5, 0.4)
    crel = Relief(cv).puff(cm, 22, 0.3 * T)
    panel_seams = [spline([q(u * 1.02, 0.14), q(u, -0.25), q(u * 0.85, -0.54)]) for u in (-0.34, 0.34)]
    for ps in panel_seams:
        crel.seam(ps, 1.0, 0.8)
    top_seam = spline([q(-0.53, -0.485), q(0, -0.515), q(0.53, -0.485)])
    crel.seam(top_seam, 1.2, 0.8)
    crel.folds([(spline([q(-0.15, -0.4), q(-0.12, 0.0)]), 2.0, 10), (spline([q(0.5, -0.42), q(0.53, 0.0)]), 2.5, 8)])
    crel.add(cv.blur_px(cv.noise(30), 8), 2.0)
    csh = light(cv, crel.h, cm, ao_r=5, ao_k=0.3, cavity_k=0.02)
    cv.paint(cm, cloth() * csh[..., None])
    stitches(
        cv,
        [offset(ps, 2.3) for ps in panel_seams] + [offset(top_seam, -2.3)[2:-2], offset(seam_line, 2.5)[2:-2]],
        thread,
        csh,
        width=0.55,
        clip=cm,
    )
    # metal eyelets on the side panels
    for sgn in (1, -1):
        for v in (-0.26, -0.15):
            c = q(sgn * 0.5, v)
            sc = sub_canvas(cv, (c[0] - 12, c[1] - 12, c[0] + 12, c[1] + 12))
            ring = np.clip(sc.disc(c, 0.022 * T) - sc.disc(c, 0.011 * T), 0, 1)
            sc.shadow(ring, 0.4, 0.7, 0.6, 0.45)
            g = np.clip(1.2 - 0.6 * (sc.y - (c[1] - 0.022 * T)) / (0.044 * T), 0.5, 1.2)
            sc.paint(ring, np.clip(np.array([0.72, 0.70, 0.66], np.float32) * g[..., None], 0, 1))
            sc.paint(sc.disc(c, 0.011 * T), np.array([0.08, 0.07, 0.06], np.float32))
    a = {"left_temple": q(0.5, 0), "right_temple": q(-0.5, 0), "forehead": q(0, 0), "crown": q(0, -0.39)}
    return Picture(cv.rgba8(), {k: [round(float(v[0]), 1), round(float(v[1]), 1)] for k, v in a.items()})


def draw_round_glasses(color: str = "tortoise", seed: int = 81) -> Picture:
    """Round acetate glasses: thick rims with a gradient and a glint, keyhole bridge, metal rivets,
    tinted lenses (semi-transparent) with a soft reflection."""
    D = 240.0  # distance between the lens centres (= the eyes)
    W, H = 620, 250
    cx, ye = W / 2, 112.0
    cv = Canvas(W, H, seed)
    pal = {
        "tortoise": dict(dark=(0.20, 0.11, 0.06), light=(0.66, 0.40, 0.16), tint=(0.38, 0.30, 0.22)),
        "black": dict(dark=(0.06, 0.06, 0.07), light=(0.16, 0.16, 0.18), tint=(0.25, 0.27, 0.30)),
    }[color]
    r_in, rim = 0.355 * D, 0.05 * D
    lens_c = {sgn: np.array([cx + sgn * D / 2, ye]) for sgn in (1, -1)}
    # lenses first (under the rims): tinted, darker at the top, with a soft diagonal glint
    for sgn in (1, -1):
        c = lens_c[sgn]
        lm = cv.disc(c, r_in + 1.0)
        g = smoothstep(-1.0, 1.0, (c[1] - cv.y) / r_in)
        alpha = (0.20 + 0.09 * g) * lm
        cv.paint(alpha, rgb(pal["tint"]))
        dx, dy = (cv.x - c[0]) / r_in, (cv.y - c[1]) / r_in
        streak = np.exp(-(((dx + dy) * 0.7 + 0.45) ** 2) / 0.02) * np.exp(-((dx - dy) ** 2) / 0.5)
        streak2 = np.exp(-(((dx + dy) * 0.7 + 0.15) ** 2) / 0.004) * np.exp(-((dx - dy) ** 2) / 0.3)
        cv.paint(np.clip(0.45 * streak + 0.25 * streak2, 0, 1) * lm, np.array([1.0, 1.0, 1.0], np.float32))
    # frame mask: two rings, the bridge, the endpieces
    frame = np.zeros(cv.shape, np.float32)
    for sgn in (1, -1):
        c = lens_c[sgn]
        frame = np.maximum(frame, np.clip(cv.disc(c, r_in + rim) - cv.disc(c, r_in), 0, 1))
        end = np.array(
            [
                c + [sgn * (r_in + rim * 0.6), -0.16 * D],
                c + [sgn * (r_in + rim + 0.055 * D), -0.15 * D],
                c + [sgn * (r_in + rim + 0.055 * D), -0.07 * D],
                c + [sgn * (r_in + rim * 0.6), -0.05 * D],
            ]
        )
        frame = np.maximum(frame, cv.poly(end))
    bridge = spline(
        [
            lens_c[-1] + [r_in + rim * 0.3, -0.17 * D],
            (cx - 0.06 * D, ye - 0.24 * D),
            (cx, ye - 0.25 * D),
            (cx + 0.06 * D, ye - 0.24 * D),
            lens_c[1] + [-r_in - rim * 0.3, -0.17 * D],
        ]
    )
    frame = np.maximum(frame, cv.line(bridge, 0.045 * D))
    # temples: seen end-on, short dark bars going back towards the ears
    temples = []
    for sgn in (1, -1):
        c = lens_c[sgn]
        temples.append(np.array([c + [sgn * (r_in + rim + 0.05 * D), -0.11 * D], [cx + sgn * 1.05 * D, ye + 0.06 * D]]))
    tm = cv.lines(temples, 0.035 * D)
    cv.outer_shadow(tm, 0.0, 1.5, 2.0, 0.0)
    # tortoiseshell: amber patches in dark brown
    n = cv.noise(0.05 * D, octaves=3)
    patches = smoothstep(0.1, 0.9, n)
    col = rgb(pal["dark"]) + (rgb(pal["light"]) - rgb(pal["dark"])) * (patches * 0.85)[..., None]
    rel = Relief(cv).puff(frame, 4.0, 0.02 * D)
    sh = light(cv, rel.h, frame, ao_r=1.5, ao_k=0.2, cavity_k=0.0, sheen=0.8)
    cv.paint(tm, rgb(pal["dark"]) * 0.8)
    gloss = np.clip(sh - 1.05, 0, 1) * 1.2
    cv.paint(frame, np.clip(col * sh[..., None] + gloss[..., None] * 0.8, 0, 1))
    # hinge rivets
    for sgn in (1, -1):
        c = lens_c[sgn] + [sgn * (r_in + rim + 0.025 * D), -0.11 * D]
        for dyy in (-0.018 * D, 0.018 * D):
            rivet(cv, c + [0, dyy], 0.009 * D, color=(0.80, 0.80, 0.78))
    a = {
        "left_eye": lens_c[1],
        "right_eye": lens_c[-1],
        "left_ear": np.array([cx + 1.05 * D, ye + 0.06 * D]),
        "right_ear": np.array([cx - 1.05 * D, ye + 0.06 * D]),
    }
    return Picture(cv.rgba8(), {k: [round(float(v[0]), 1), round(float(v[1]), 1)] for k, v in a.items()})


def draw_pearl_necklace(color: str = "white", seed: int = 91) -> Picture:
    """A single strand of round pearls with a lustre highlight, lying around the base of the neck,
    casting a faint shadow on the skin."""
    S = 560.0
    W, H = 640, 240
    cx, ys = W / 2, 60.0
    cv = Canvas(W, H, seed)
    rng = cv.rng
    pal = {
        "white": dict(body=(0.93, 0.91, 0.86), tint=(0.98, 0.90, 0.88)),
        "gold": dict(body=(0.90, 0.80, 0.58), tint=(0.98, 0.90, 0.70)),
    }[color]
    # the visible front of the strand: from the sides of the neck down to the hollow of the throat
    strand = spline(
        [
            (cx - 0.175 * S, ys - 0.05 * S),
            (cx - 0.15 * S, ys + 0.06 * S),
            (cx - 0.08 * S, ys + 0.13 * S),
            (cx, ys + 0.155 * S),
            (cx + 0.08 * S, ys + 0.13 * S),
            (cx + 0.15 * S, ys + 0.06 * S),
            (cx + 0.175 * S, ys - 0.05 * S),
        ],
        per_seg=40,
    )
    r = 0.0135 * S
    pts = resample(strand, 2 * r * 1.02)
    # pearls at the ends go round behind the neck: a little smaller, darker
    n = len(pts)
    shadow = np.zeros(cv.shape, np.float32)
    for c in pts:
        shadow = np.maximum(shadow, cv.disc(c + [0.0, 0.3 * r], r * 0.95))
    cv.outer_shadow(shadow, 0.2 * r, 0.5 * r, 0.35 * r, 0.35)
    silk = cv.line(strand, 0.1 * r)
    cv.paint(silk * 0.6, rgb((0.85, 0.83, 0.78)))
    for i, c in enumerate(pts):
        end = min(i, n - 1 - i) / 4.0
        k = 0.8 + 0.2 * min(end, 1.0)
        rr = r * (0.93 + 0.07 * min(end, 1.0)) * rng.uniform(0.96, 1.03)
        sc = sub_canvas(cv, (c[0] - 2 * rr, c[1] - 2 * rr, c[0] + 2 * rr, c[1] + 2 * rr))
        d = sc.disc(c, rr)
        dx, dy = (sc.x - c[0]) / rr, (sc.y - c[1]) / rr
        z = np.sqrt(np.clip(1 - dx * dx - dy * dy, 0, 1))
        ndl = np.clip(-dx * LIGHT[0] - dy * LIGHT[1] + z * LIGHT[2], 0, 1)
        body = rgb(pal["body"]) * (0.45 + 0.6 * ndl)[..., None]
        # orient lustre: pinkish rim, sharp window highlight, soft secondary one
        rimc = (1 - z) ** 2
        body = body * (1 - 0.25 * rimc)[..., None] + rgb(pal["tint"]) * (0.18 * rimc)[..., None]
        hl = np.exp(-(((dx + 0.38) ** 2 + (dy + 0.42) ** 2) / 0.03))
        hl2 = np.exp(-(((dx - 0.35) ** 2 + (dy - 0.4) ** 2) / 0.08)) * 0.15
        colr = np.clip(body * k + (hl * 0.85 + hl2)[..., None], 0, 1)
        sc.paint(d, colr)
    a = {
        "neck": np.array([cx, ys - 0.03 * S]),
        "left_shoulder": np.array([cx + 0.5 * S, ys]),
        "right_shoulder": np.array([cx - 0.5 * S, ys]),
    }
    return Picture(cv.rgba8(), {k: [round(float(v[0]), 1), round(float(v[1]), 1)] for k, v in a.items()})


# --------------------------------------------------------------------------------------------
# Catalog
# --------------------------------------------------------------------------------------------


def save_png(path: Path, rgba: npt.NDArray[np.uint8]) -> None:
    bgra = cv2.cvtColor(rgba, cv2.COLOR_RGBA2BGRA)
    ok, buf = cv2.imencode(".png", bgra, [cv2.IMWRITE_PNG_COMPRESSION, 9])
    if not ok:
        raise RuntimeError(f"could not encode {path}")
    path.write_bytes(buf.tobytes())


CATALOG = {
    "format": 1,
    "shop": {"ko": "미러 데모 부티크", "en": "Mirror Demo Boutique"},
    "currency": "KRW",
    "promotion": {
        "ko": "오늘만 전 품목 10% 할인 · 거울 앞에서 입어 보세요",
        "en": "10% off everything today · try it on in the mirror",
    },
    "qr_url_template": "https://shop.example/order?items={item_ids}",
    "size_charts": {
        "tops": {
            "unit": "cm",
            "sizes": {
                "S": {"shoulder": [40, 43], "chest": [84, 90], "waist": [68, 74]},
                "M": {"shoulder": [43, 45], "chest": [90, 96], "waist": [74, 80]},
                "L": {"shoulder": [45, 47], "chest": [96, 102], "waist": [80, 86]},
                "XL": {"shoulder": [47, 50], "chest": [102, 110], "waist": [86, 94]},
            },
        },
        "bottoms": {
            "unit": "cm",
            "sizes": {
                "S": {"waist": [66, 71], "hip": [86, 91], "inseam": [72, 76]},
                "M": {"waist": [71, 76], "hip": [91, 96], "inseam": [74, 78]},
                "L": {"waist": [76, 81], "hip": [96, 101], "inseam": [76, 80]},
                "XL": {"waist": [81, 88], "hip": [101, 107], "inseam": [78, 82]},
            },
        },
    },
}


@dataclass(frozen=True)
class Item:
    id: str
    sku: str
    category: str
    name: tuple[str, str]  # ko, en
    price: int
    draw: Callable[..., Picture]
    default: str  # colour drawn as image.png
    variants: tuple[tuple[str, str, str], ...] = ()  # (colour id, ko, en)
    sizes: tuple[str, ...] = ()
    size_chart: str | None = None
    fit: str | None = None
    tags: tuple[str, ...] = ()


ITEMS: tuple[Item, ...] = (
    Item(
        "oxford-shirt-long",
        "MD-TP-101",
        "top",
        ("옥스퍼드 버튼다운 셔츠", "Oxford button-down shirt"),
        49000,
        draw_oxford_shirt,
        "blue",
        (("white", "화이트", "White"),),
        ("S", "M", "L", "XL"),
        "tops",
        None,
        ("shirt", "cotton", "long-sleeve"),
    ),
    Item(
        "crew-tee",
        "MD-TP-102",
        "top",
        ("코튼 크루넥 티셔츠", "Cotton crew-neck T-shirt"),
        19900,
        draw_crew_tee,
        "heather",
        (("white", "화이트", "White"), ("navy", "네이비", "Navy")),
        ("S", "M", "L", "XL"),
        "tops",
        None,
        ("t-shirt", "cotton", "basic"),
    ),
    Item(
        "trench-coat",
        "MD-OW-201",
        "outerwear",
        ("더블 트렌치코트", "Double-breasted trench coat"),
        189000,
        draw_trench_coat,
        "honey",
        (("navy", "네이비", "Navy"),),
        ("S", "M", "L"),
        "tops",
        None,
        ("coat", "gabardine", "new"),
    ),
    Item(
        "floral-dress",
        "MD-DR-301",
        "dress",
        ("플로럴 민소매 원피스", "Floral sleeveless dress"),
        69000,
        draw_floral_dress,
        "cream",
        (("navy", "네이비", "Navy"),),
        ("S", "M", "L"),
        "tops",
        None,
        ("dress", "floral", "summer"),
    ),
    Item(
        "denim-jeans",
        "MD-BT-401",
        "bottom",
        ("스트레이트 데님 팬츠", "Straight-leg jeans"),
        59000,
        draw_denim_jeans,
        "indigo",
        (("black", "블랙", "Black"),),
        ("S", "M", "L", "XL"),
        "bottoms",
        "legs",
        ("denim", "jeans", "best"),
    ),
    Item(
        "pleated-skirt",
        "MD-BT-402",
        "bottom",
        ("플리츠 미디 스커트", "Pleated midi skirt"),
        45000,
        draw_pleated_skirt,
        "mocha",
        (("navy", "네이비", "Navy"),),
        ("S", "M", "L"),
        "bottoms",
        "skirt",
        ("skirt", "pleated"),
    ),
    Item(
        "bucket-hat",
        "MD-AC-501",
        "hat",
        ("코튼 버킷햇", "Cotton bucket hat"),
        29000,
        draw_bucket_hat,
        "ecru",
        (("black", "블랙", "Black"),),
        ("FREE",),
        None,
        None,
        ("hat", "cotton"),
    ),
    Item(
        "round-glasses",
        "MD-AC-502",
        "glasses",
        ("라운드 뿔테 안경", "Round tortoiseshell glasses"),
        89000,
        draw_round_glasses,
        "tortoise",
        (("black", "블랙", "Black"),),
        (),
        None,
        None,
        ("eyewear", "acetate"),
    ),
    Item(
        "pearl-necklace",
        "MD-AC-503",
        "accessory",
        ("담수 진주 목걸이", "Freshwater pearl necklace"),
        39000,
        draw_pearl_necklace,
        "white",
        (),
        (),
        None,
        None,
        ("jewellery", "pearl", "gift"),
    ),
)


def item_json(it: Item, pic: Picture) -> dict[str, object]:
    d: dict[str, object] = {
        "id": it.id,
        "sku": it.sku,
        "category": it.category,
        "name": {"ko": it.name[0], "en": it.name[1]},
        "price": it.price,
    }
    if it.sizes:
        d["sizes"] = list(it.sizes)
    if it.size_chart:
        d["size_chart"] = it.size_chart
    if it.fit:
        d["fit"] = it.fit
    d["image"] = "image.png"
    d["anchors"] = pic.anchors
    if it.variants:
        d["variants"] = [
            {"id": v, "name": {"ko": ko, "en": en}, "image": f"image-{v}.png"} for v, ko, en in it.variants
        ]
    if it.tags:
        d["tags"] = list(it.tags)
    return d


def check_picture(it: Item, pic: Picture) -> None:
    h, w = pic.image.shape[:2]
    if not 500 <= max(h, w) <= 900:
        raise AssertionError(f"{it.id}: long side {max(h, w)} px is outside 500–900")
    for name, (x, y) in pic.anchors.items():
        if not (0 <= x < w and 0 <= y < h):
            raise AssertionError(f"{it.id}: anchor {name} {x, y} is outside the {w}×{h} picture")


def write_item(out: Path, it: Item) -> None:
    d = out / "items" / it.id
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    pic = it.draw(it.default)
    check_picture(it, pic)
    save_png(d / "image.png", pic.image)
    for v, _ko, _en in it.variants:
        vp = it.draw(v)
        if vp.anchors != pic.anchors or vp.image.shape != pic.image.shape:
            raise AssertionError(f"{it.id}: variant {v} does not match the main picture's size and anchors")
        save_png(d / f"image-{v}.png", vp.image)
    (d / "item.json").write_text(json.dumps(item_json(it, pic), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{it.id}: {pic.image.shape[1]}×{pic.image.shape[0]}, {1 + len(it.variants)} picture(s)")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Draw Mirror's demo catalog.")
    ap.add_argument(
        "--out", type=Path, default=ROOT / "catalogs" / "demo", help="catalog folder (default: catalogs/demo)"
    )
    ap.add_argument("--only", help="comma-separated item ids to redraw (others are left as they are)")
    args = ap.parse_args(argv)
    out: Path = args.out
    only = set(args.only.split(",")) if args.only else None
    unknown = (only or set()) - {it.id for it in ITEMS}
    if unknown:
        ap.error(f"unknown item ids: {', '.join(sorted(unknown))}")
    (out / "items").mkdir(parents=True, exist_ok=True)
    (out / "catalog.json").write_text(json.dumps(CATALOG, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for it in ITEMS:
        if only is None or it.id in only:
            write_item(out, it)
    return 0


if __name__ == "__main__":
    sys.exit(main())
