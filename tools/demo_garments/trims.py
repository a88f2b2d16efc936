"""Small hard parts: buttons, rivets, buckles, eyelets."""

from __future__ import annotations

import math

import numpy as np

from .canvas import RGB, SS, Canvas, _SubCanvas, rgb, sub_canvas
from .cloth import LIGHT
from .geometry import Pts


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


def eyelet(cv: Canvas, c: Pts, r: float) -> None:
    """A metal eyelet: a lit ring round a dark hole."""
    sc = sub_canvas(cv, (c[0] - 12, c[1] - 12, c[0] + 12, c[1] + 12))
    ring = np.clip(sc.disc(c, r) - sc.disc(c, r / 2), 0, 1)
    sc.shadow(ring, 0.4, 0.7, 0.6, 0.45)
    g = np.clip(1.2 - 0.6 * (sc.y - (c[1] - r)) / (2 * r), 0.5, 1.2)
    sc.paint(ring, np.clip(np.array([0.72, 0.70, 0.66], np.float32) * g[..., None], 0, 1))
    sc.paint(sc.disc(c, r / 2), np.array([0.08, 0.07, 0.06], np.float32))
