"""Cloth: a height field (volume, folds, seams) lit into shading, woven and knitted textures,
prints, stitching; and ``sew``, which draws one piece of cloth from all of these."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from .canvas import F32, RGB, SS, Canvas, blur, rgb
from .geometry import Pts, closed, dash_segments, offset, resample

LIGHT = np.array([-0.35, -0.6, 1.0]) / np.linalg.norm([-0.35, -0.6, 1.0])  # from the upper left, in front


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


def neck_band(cv: Canvas, neckline: Pts, width: float) -> tuple[F32, Pts]:
    """A band of ``width`` px below a neckline curve; returns its mask and its lower edge."""
    lower = offset(neckline, width)
    if lower[len(lower) // 2][1] < neckline[len(neckline) // 2][1]:
        lower = offset(neckline, -width)
    return cv.poly(closed(neckline, lower[::-1])), lower


@dataclass(frozen=True)
class Look:
    """How one piece of cloth is lit and shadowed (``sew``'s settings)."""

    puff: tuple[float, float] = (4.0, 4.0)  # rounded volume: height px, radius px
    shadow: tuple[float, float, float, float] | None = (0.4, 1.2, 1.3, 0.45)  # dx, dy, blur, strength
    ao: tuple[float, float] = (2.5, 0.25)  # edge darkening radius px, strength
    cavity_k: float = 0.0


def sew(
    cv: Canvas,
    mask: F32,
    albedo: F32,
    look: Look = Look(),
    *,
    relief: Relief | None = None,
    thread: RGB | None = None,
    seams: Sequence[Pts] = (),
    stitch_width: float = 0.5,
) -> F32:
    """Draw one piece of cloth through ``mask``: its shadow on what is below, its volume (plus an
    optional ``relief`` already holding folds), light, colour and topstitching. Returns the
    shading (for details drawn on it)."""
    if look.shadow is not None:
        cv.shadow(mask, *look.shadow)
    rel = relief if relief is not None else Relief(cv)
    rel.puff(mask, *look.puff)
    shade = light(cv, rel.h, mask, ao_r=look.ao[0], ao_k=look.ao[1], cavity_k=look.cavity_k)
    cv.paint(mask, albedo * shade[..., None])
    if thread is not None and seams:
        stitches(cv, seams, thread, shade, width=stitch_width, clip=mask)
    return shade


def inset_lines(poly: Pts, by: float) -> Pts:
    """The closed outline ``poly`` moved inwards by ``by`` px (for topstitching along its edge)."""
    edge = resample(np.vstack([poly, poly[:1]]), 1.0)
    inner = offset(edge, by)
    centre = poly.mean(axis=0)
    if np.linalg.norm(inner - centre, axis=1).mean() > np.linalg.norm(edge - centre, axis=1).mean():
        inner = offset(edge, -by)
    return inner
