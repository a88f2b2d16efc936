"""From an ordinary product photo to a catalog item: cut the garment out, find its anchors.

Pure functions over numpy (OpenCV only, no model download):

* ``remove_background(photo_bgr) -> item_rgba``: a plain light background is learned from the
  photo's border (a smooth colour surface, so uneven light is fine). Pixels are then garment,
  background or *shadow* (darker than the background by a uniform factor, same hue): shadows
  never become garment. GrabCut, seeded with that map, settles the uncertain pixels; the edge
  is cleaned, feathered and its colours taken from inside the garment (no light fringe).
* ``detect_anchors(item_rgba, category) -> anchors``: body points from the silhouette alone,
  following the conventions in docs/catalog.md (see ``shapes`` for the same rules drawn).

Anything a photo cannot give raises ``ImportProblem`` with the reason and the fix.
"""

from __future__ import annotations

import itertools
import math
import re
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageOps

from ..domain import Category, Fit
from . import loader, writer
from . import shapes as conv
from .model import Manifest, Problem

U8Image = npt.NDArray[np.uint8]
F32 = npt.NDArray[np.float32]
Vec = npt.NDArray[np.float64]
Anchors = dict[str, tuple[float, float]]

MAX_PHOTO_BYTES = 60 * 1024 * 1024
MAX_PHOTO_PIXELS = 80_000_000
MIN_PHOTO_SIDE = 200
WORK_SIDE = 1600  # the item picture is at most this long; the cut-out is computed at this size
GRABCUT_SIDE = 520
MAX_ITEM_SIDE = 1600
SHADOW_MIN = 0.55  # a shadow darkens the background to no less than this share of its light
MIN_BACKGROUND = 0.55  # the background's brightness (0–1) must be at least this
GAP_CLOSING = 1.5  # pixels; measured on the test photos (tests/catalog/photos.py)
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff")


class ImportProblem(Exception):  # noqa: N818 - reads as "the problem with this photo"
    """Why a photo could not become an item, and what to do about it."""

    def __init__(self, reason: str, fix: str) -> None:
        super().__init__(f"{reason}; {fix}")
        self.reason, self.fix = reason, fix


def read_photo(path: Path) -> U8Image:
    """Decode a photo as BGR, upright (EXIF rotation applied), size-checked before decoding."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportProblem(f"cannot open the file ({exc.strerror})", "check the file name") from None
    if size > MAX_PHOTO_BYTES:
        raise ImportProblem(f"the file is too large ({size / 1e6:.0f} MB)", "use a JPEG or PNG under 60 MB")
    if path.suffix.lower() in (".heic", ".heif"):
        raise ImportProblem("HEIC photos cannot be read", "export the photo as JPEG (most phones can share as JPEG)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                w, h = img.size
                if w * h > MAX_PHOTO_PIXELS:
                    raise ImportProblem(f"the photo is {w}×{h} pixels, too large", "use a photo under 80 megapixels")
                img.load()
                upright = ImageOps.exif_transpose(img) or img
                rgb = np.asarray(upright.convert("RGB"), dtype=np.uint8)
    except ImportProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImportProblem("the photo claims an enormous size", "use an ordinary JPEG or PNG photo") from None
    except (OSError, ValueError, SyntaxError):
        raise ImportProblem("the file is not a photo that can be read", "save it as JPEG or PNG") from None
    if min(rgb.shape[:2]) < MIN_PHOTO_SIDE:
        raise ImportProblem(
            f"the photo is only {rgb.shape[1]}×{rgb.shape[0]} pixels", "use a photo at least 800 pixels tall"
        )
    return np.ascontiguousarray(rgb[..., ::-1])


# ---------------------------------------------------------------------------------------------
# Background removal
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Background:
    light: F32  # (H, W, 3) expected background colour in [0, 1]
    noise: float  # per-channel noise, as a share of the background's light


def _resize_max(img: npt.NDArray[np.generic], side: int) -> tuple[npt.NDArray[np.generic], float]:
    h, w = img.shape[:2]
    s = min(1.0, side / max(h, w))
    if s >= 1.0:
        return img, 1.0
    return cv2.resize(img, (max(1, round(w * s)), max(1, round(h * s))), interpolation=cv2.INTER_AREA), s


def _background_model(img: F32) -> _Background:
    """Fit a smooth (quadratic) colour surface to the photo's border, ignoring what is not
    background there; refuse dark, busy or filled-in backgrounds.
    """
    h, w = img.shape[:2]
    b = max(3, round(0.02 * min(h, w)))
    edge = np.zeros((h, w), bool)
    edge[:b], edge[-b:], edge[:, :b], edge[:, -b:] = True, True, True, True
    ys, xs = np.nonzero(edge)
    step = max(1, len(xs) // 20000)
    ys, xs = ys[::step], xs[::step]
    u, v = xs / (w - 1) * 2 - 1, ys / (h - 1) * 2 - 1
    design = np.stack([np.ones_like(u), u, v, u * u, u * v, v * v], axis=1)
    values = img[ys, xs].astype(np.float64)
    # Start from the pixels close to the border's typical colour, then let the surface bend.
    first = np.abs(values - np.median(values, axis=0)).max(axis=1)
    inlier = first < max(0.08, 3 * 1.4826 * float(np.median(first)))
    coef = np.zeros((6, 3))
    for _ in range(5):
        if inlier.sum() < 12:
            break
        coef, *_ = np.linalg.lstsq(design[inlier], values[inlier], rcond=None)
        resid = np.abs(values - design @ coef).max(axis=1)
        mad = float(np.median(resid[inlier]))
        inlier = resid < max(4.0 * 1.4826 * mad, 0.035)
    sides = {
        "top": ys < b,
        "bottom": ys >= h - b,
        "left": xs < b,
        "right": xs >= w - b,
    }
    crowded = [name for name, sel in sides.items() if sel.any() and (~inlier[sel]).mean() > 0.5]
    if len(crowded) >= 3 or inlier.mean() < 0.4:
        light_level = float(np.median(values.mean(axis=1)))
        if light_level < MIN_BACKGROUND:
            raise ImportProblem(
                "the background is dark", "photograph the garment on a plain light background (white or light grey)"
            )
        raise ImportProblem(
            "the garment fills the photo or the background is not plain",
            "step back so the whole garment is in the picture with plain background all around it",
        )
    level = float(np.median(values[inlier].mean(axis=1)))
    light_share = float((values.mean(axis=1) > MIN_BACKGROUND + 0.1).mean())
    if level < MIN_BACKGROUND and light_share > 0.1:
        # Some of the border is light: that is the background, and the garment covers the rest.
        raise ImportProblem(
            "the garment fills the photo and touches its edges",
            "step back so the whole garment is in the picture with background all around it",
        )
    if level < MIN_BACKGROUND:
        raise ImportProblem(
            f"the background is dark ({level:.0%} brightness)",
            "photograph the garment on a plain light background (white paper, a light wall or sheet)",
        )
    resid_in = (values - design @ coef)[inlier]
    noise = float(1.4826 * np.median(np.abs(resid_in))) / max(level, 1e-3)
    if noise > 0.06:
        raise ImportProblem(
            "the background is not plain (pattern or texture behind the garment)",
            "use a plain, smooth light background such as a sheet of paper or a painted wall",
        )
    gy, gx = np.mgrid[0:h, 0:w].astype(np.float32)
    gu, gv = gx / (w - 1) * 2 - 1, gy / (h - 1) * 2 - 1
    terms = (np.ones_like(gu), gu, gv, gu * gu, gu * gv, gv * gv)
    light = sum(t[..., None] * coef[k].astype(np.float32)[None, None, :] for k, t in enumerate(terms))
    return _Background(np.clip(np.asarray(light, np.float32), 0.02, 1.5), noise)


def garment_score(img: F32, bg: _Background) -> tuple[F32, npt.NDArray[np.bool_]]:
    """How unlike background each pixel is (> 1: garment), and where it looks like a shadow.

    A shadow scales the background's colour by one factor (same hue, SHADOW_MIN…1 of its light);
    colour that departs from the background's hue, or is darker or lighter than a shadow can be,
    is garment.
    """
    ratio = img / bg.light
    level = ratio.mean(axis=2)
    hue_dev = np.abs(ratio / np.maximum(level, 1e-3)[..., None] - 1).max(axis=2)
    t_hue = max(0.05, 6 * bg.noise)
    t_light = max(0.04, 5 * bg.noise)
    score = np.maximum.reduce([hue_dev / t_hue, (1 - level) / (1 - SHADOW_MIN), (level - 1) / t_light]).astype(
        np.float32
    )
    shadow = (score <= 1) & (level < 1 - t_light)
    return score, shadow


def _fill_small_holes(mask: U8Image, max_area: float) -> U8Image:
    inv = (mask == 0).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(inv, connectivity=4)
    h, w = mask.shape
    out = mask.copy()
    for k in range(1, n):
        x, y, bw, bh, area = stats[k]
        touches = x == 0 or y == 0 or x + bw >= w or y + bh >= h
        if not touches and area <= max_area:
            out[labels == k] = 1
    return out


def _clean(mask: U8Image) -> U8Image:
    """Keep the garment: no specks, no thin hooks or stands, small holes closed."""
    ys, xs = np.nonzero(mask)
    if len(xs) == 0:
        return mask
    size = max(xs.max() - xs.min(), ys.max() - ys.min()) + 1
    r = max(2, round(0.006 * size))
    disk = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))
    opened = cv2.morphologyEx(mask, cv2.MORPH_OPEN, disk)
    # Opening rounds corners too: give back what lies right next to the opened shape.
    mask = mask & cv2.dilate(opened, disk)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if n <= 1:
        return mask
    areas = stats[1:, cv2.CC_STAT_AREA]
    keep = np.zeros(n, np.uint8)
    keep[1:] = areas >= 0.1 * areas.max()
    mask = keep[labels]
    # Prints and logos close to the background colour leave holes; lenses of glasses are larger.
    return _fill_small_holes(mask, 0.15 * float(mask.sum()))


def _touching(mask: U8Image) -> list[str]:
    b = 2
    sides = {
        "top": mask[:b].any(axis=0).mean(),
        "bottom": mask[-b:].any(axis=0).mean(),
        "left": mask[:, :b].any(axis=1).mean(),
        "right": mask[:, -b:].any(axis=1).mean(),
    }
    return [name for name, share in sides.items() if share > 0.02]


def _decontaminate(rgb: U8Image, alpha: F32) -> U8Image:
    """Edge pixels take the colour of the nearest solid garment pixel (no background fringe)."""
    solid = (alpha > 0.97).astype(np.uint8)
    if solid.sum() == 0:
        return rgb
    _dist, labels = cv2.distanceTransformWithLabels(1 - solid, cv2.DIST_L2, 5, labelType=cv2.DIST_LABEL_PIXEL)
    lut = np.zeros((int(labels.max()) + 1, 3), np.uint8)
    lut[labels[solid > 0]] = rgb[solid > 0]
    out = rgb.copy()
    edge = solid == 0
    out[edge] = lut[labels[edge]]
    return out


def remove_background(photo_bgr: U8Image) -> U8Image:
    """The garment of a product photo (H, W, 3) BGR on a plain light background, as (h, w, 4)
    RGBA with feathered alpha, at most WORK_SIDE pixels on its longer side.
    """
    if photo_bgr.ndim != 3 or photo_bgr.shape[2] != 3 or photo_bgr.dtype != np.uint8:
        raise ValueError(f"expected photo of shape (H, W, 3) uint8, got {photo_bgr.shape} {photo_bgr.dtype}")
    work, _ = _resize_max(photo_bgr, WORK_SIDE)
    work_rgb = np.ascontiguousarray(work[..., ::-1])
    img = cv2.GaussianBlur(work_rgb.astype(np.float32) / 255.0, (0, 0), 1.0)
    bg = _background_model(img)
    score, shadow = garment_score(img, bg)
    seed = np.full(score.shape, cv2.GC_PR_BGD, np.uint8)
    seed[(score <= 0.6) & ~shadow] = cv2.GC_BGD
    seed[score > 1.0] = cv2.GC_PR_FGD
    strong = cv2.erode((score > 2.0).astype(np.uint8), np.ones((3, 3), np.uint8))
    seed[strong > 0] = cv2.GC_FGD
    b = max(2, round(0.01 * min(score.shape)))
    border = np.zeros(score.shape, bool)
    border[:b], border[-b:], border[:, :b], border[:, -b:] = True, True, True, True
    seed[border & (score <= 1.0)] = cv2.GC_BGD
    if (seed == cv2.GC_FGD).sum() < 0.002 * seed.size:
        if shadow.mean() > 0.05:
            raise ImportProblem(
                "no garment found: a grey or white garment looks like a shadow on this background",
                "photograph it on a light coloured background (light blue or beige paper)",
            )
        raise ImportProblem(
            "no garment found: it is too close to the background's colour, or too small in the photo",
            "use a background that contrasts with the garment, and fill most of the photo with it",
        )
    small, _ = _resize_max(work, GRABCUT_SIDE)
    small_seed = cv2.resize(seed, (small.shape[1], small.shape[0]), interpolation=cv2.INTER_NEAREST)
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    try:
        cv2.grabCut(np.ascontiguousarray(small), small_seed, None, bgd, fgd, 3, cv2.GC_INIT_WITH_MASK)
        cut = ((small_seed == cv2.GC_FGD) | (small_seed == cv2.GC_PR_FGD)).astype(np.float32)
        prob = cv2.resize(cut, (score.shape[1], score.shape[0]), interpolation=cv2.INTER_LINEAR)
    except cv2.error:
        prob = (score > 1.0).astype(np.float32)
    # GrabCut decides the body of the garment; at its (coarser) edge the pixel colours decide.
    band = (prob > 0.02) & (prob < 0.98)
    mask = prob >= 0.5
    mask[band] = (score[band] > 1.0) | ((prob[band] >= 0.5) & ~shadow[band] & (score[band] > 0.6))
    mask_u8 = _clean(mask.astype(np.uint8))
    if mask_u8.sum() < 0.005 * mask_u8.size:
        raise ImportProblem(
            "no garment found: it is too close to the background's colour, or too small in the photo",
            "use a background that contrasts with the garment, and fill most of the photo with it",
        )
    touching = _touching(mask_u8)
    if len(touching) == 4:
        raise ImportProblem(
            "the garment fills the photo and touches every edge",
            "step back so the whole garment is in the picture with background all around it",
        )
    if touching:
        raise ImportProblem(
            f"the garment runs off the {' and '.join(touching)} edge of the photo",
            "take the photo again with the whole garment inside the picture",
        )
    alpha = cv2.GaussianBlur(mask_u8.astype(np.float32), (0, 0), 0.8)
    rgb = _decontaminate(work_rgb, alpha)
    return np.dstack([rgb, np.round(alpha * 255).astype(np.uint8)])


def crop_to_item(item_rgba: U8Image, margin: float = 0.03) -> tuple[U8Image, tuple[int, int]]:
    """Crop to the visible item plus ``margin`` of its size; returns (rgba, (x0, y0) of the crop)."""
    ys, xs = np.nonzero(item_rgba[..., 3] > 4)
    if len(xs) == 0:
        raise ImportProblem("nothing is left after removing the background", "check the photo shows the garment")
    pad = round(margin * max(xs.max() - xs.min(), ys.max() - ys.min())) + 4
    h, w = item_rgba.shape[:2]
    x0, y0 = max(0, int(xs.min()) - pad), max(0, int(ys.min()) - pad)
    x1, y1 = min(w, int(xs.max()) + 1 + pad), min(h, int(ys.max()) + 1 + pad)
    return item_rgba[y0:y1, x0:x1].copy(), (x0, y0)


def fit_canvas(item_rgba: U8Image, anchors: Anchors, margin: int = 8) -> tuple[U8Image, Anchors]:
    """Grow the picture with transparent border until every anchor lies inside it (an elbow
    beyond a short sleeve, a knee below a short skirt); anchors move with the picture.
    """
    h, w = item_rgba.shape[:2]
    xs = [x for x, _ in anchors.values()]
    ys = [y for _, y in anchors.values()]
    left = max(0, math.ceil(margin - min(xs, default=margin)))
    top = max(0, math.ceil(margin - min(ys, default=margin)))
    right = max(0, math.ceil(max(xs, default=0) + margin - w))
    bottom = max(0, math.ceil(max(ys, default=0) + margin - h))
    if not (left or top or right or bottom):
        return item_rgba, dict(anchors)
    grown = cv2.copyMakeBorder(item_rgba, top, bottom, left, right, cv2.BORDER_CONSTANT, value=(0, 0, 0, 0))
    return grown, {k: (x + left, y + top) for k, (x, y) in anchors.items()}


def limit_size(item_rgba: U8Image, anchors: Anchors, side: int = MAX_ITEM_SIDE) -> tuple[U8Image, Anchors]:
    out, s = _resize_max(item_rgba, side)
    if s >= 1.0:
        return item_rgba, dict(anchors)
    return np.asarray(out, np.uint8), {k: (x * s, y * s) for k, (x, y) in anchors.items()}


# ---------------------------------------------------------------------------------------------
# Anchors from the silhouette
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Detection:
    """Anchors in the picture's pixels, plus notes on anything that had to be guessed."""

    anchors: Anchors
    fit: Fit = Fit.LEGS
    notes: tuple[str, ...] = ()


def _largest(mask: U8Image) -> U8Image:
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if n <= 1:
        return mask
    k = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    return np.asarray(labels == k, np.uint8)


def _row_extent(mask: U8Image, y: float) -> tuple[float, float] | None:
    row = mask[int(np.clip(round(y), 0, mask.shape[0] - 1))]
    xs = np.flatnonzero(row)
    if len(xs) == 0:
        return None
    return float(xs[0]), float(xs[-1] + 1)


def _top_profile(mask: U8Image) -> npt.NDArray[np.float64]:
    """For each column, the first row with garment (inf where the column is empty)."""
    has = mask.any(axis=0)
    first = np.argmax(mask > 0, axis=0).astype(np.float64)
    first[~has] = np.inf
    return np.asarray(first, np.float64)


def _contour(mask: U8Image) -> npt.NDArray[np.float64]:
    found, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    biggest = max(found, key=cv2.contourArea)
    return np.asarray(biggest.reshape(-1, 2), dtype=np.float64)


def _concavity(contour: Vec, k: int) -> npt.NDArray[np.float64]:
    """Turning angle (degrees) at each contour point over ``k`` points; > 0 where the outline
    bends inward (a concave corner such as an armpit).
    """
    prev = contour - np.roll(contour, k, axis=0)
    nxt = np.roll(contour, -k, axis=0) - contour
    cross = prev[:, 0] * nxt[:, 1] - prev[:, 1] * nxt[:, 0]
    dot = (prev * nxt).sum(axis=1)
    turn = np.degrees(np.arctan2(cross, dot))
    x, y = contour[:, 0], contour[:, 1]
    area2 = float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))
    return np.asarray(-turn if area2 > 0 else turn, np.float64)


def _name(side: int, part: str) -> str:
    return f"{'left' if side > 0 else 'right'}_{part}"


def _path_between(contour: Vec, i: int, j: int) -> Vec:
    """The shorter way along a closed contour from index i to j."""
    n = len(contour)
    fwd = (j - i) % n
    idx = (i + np.arange(fwd + 1)) % n if fwd <= n - fwd else (i - np.arange(n - fwd + 1)) % n
    return contour[idx]


@dataclass(frozen=True)
class _Sleeve:
    cuff: Vec  # centre of the sleeve's end
    line_from: Vec  # the centre line: from here…
    line_dir: Vec  # …in this direction


def _sleeve(pixels_xy: Vec, root: Vec) -> _Sleeve | None:
    """The sleeve's centre line (midpoints of slices across it) and where it ends."""
    if len(pixels_xy) < 30:
        return None
    axis = pixels_xy.mean(axis=0) - root
    if float(np.linalg.norm(axis)) < 1e-6:
        return None
    axis /= np.linalg.norm(axis)
    perp = np.array([-axis[1], axis[0]])
    rel = pixels_xy - root
    t, q = rel @ axis, rel @ perp
    t_max = float(t.max())
    bins = np.linspace(0.35 * t_max, 0.92 * t_max, 16)
    ts, qs = [], []
    for a, b in itertools.pairwise(bins):
        sel = (t >= a) & (t < b)
        if sel.sum() >= 4:
            ts.append((a + b) / 2)
            qs.append((q[sel].min() + q[sel].max()) / 2)
    if len(ts) >= 3:
        slope, offset = np.polyfit(ts, qs, 1)
    elif ts:
        slope, offset = 0.0, float(np.mean(qs))
    else:
        return None
    start = root + perp * offset
    direction = axis + perp * slope
    direction /= np.linalg.norm(direction)
    # Walk the centre line outwards until it leaves the sleeve.
    occupied = {(int(x), int(y)) for x, y in np.round(pixels_xy).astype(int)}
    s = float(0.9 * t_max)
    end = start + direction * s
    while s < 1.6 * t_max:
        p = start + direction * (s + 1)
        if (round(p[0]), round(p[1])) not in occupied and (round(p[0] + 1), round(p[1])) not in occupied:
            break
        s += 1
        end = p
    return _Sleeve(end, start, direction)


def _detect_upper(mask: U8Image, category: Category) -> Detection:
    notes: list[str] = []
    m = _largest(mask)
    ys, xs = np.nonzero(m)
    y0, y1 = float(ys.min()), float(ys.max())
    x0, x1 = float(xs.min()), float(xs.max())
    height, width = y1 - y0, x1 - x0
    cx = float(xs.mean())
    top = _top_profile(m)
    contour = _contour(m)
    k = max(4, len(contour) // 90)
    bend = _concavity(contour, k)

    # Armpits lie within about half a shoulder width below the top (not at a dress's waist).
    top_row = _row_extent(m, y0 + 0.03 * height) or (x0, x1)
    reach_down = min(0.7 * height, 0.75 * (top_row[1] - top_row[0]))
    armpits: dict[int, Vec] = {}
    for s in (1, -1):
        off = (contour[:, 0] - cx) * s
        ok = (off > 0.15 * width) & (contour[:, 1] > y0 + 0.05 * height) & (contour[:, 1] < y0 + reach_down)
        cand = np.where(ok & (bend > 20), bend, -np.inf)
        if np.isfinite(cand).any():
            armpits[s] = contour[int(np.argmax(cand))]
    if len(armpits) < 2:
        notes.append("could not find the armpits; placed them from the garment's proportions")
        for s in (1, -1):
            armpits.setdefault(s, np.array([cx + s * 0.3 * width, y0 + 0.35 * height]))

    # Shoulder seam ends: above the armpit when a sleeve or shoulder covers it, else the strap's
    # outer corner (the point of the outline furthest out from neck → armpit).
    ends: dict[int, Vec] = {}
    sleeved: dict[int, bool] = {}
    for s in (1, -1):
        a = armpits[s]
        col = int(np.clip(round(a[0]), 0, m.shape[1] - 1))
        above = float(top[col]) if np.isfinite(top[col]) else a[1]
        sleeved[s] = a[1] - above > 0.5 * (a[1] - y0)
        if sleeved[s]:
            ends[s] = np.array([a[0], above])
            continue
        side = (contour[:, 0] - cx) * s > 0.02 * width
        idx_side = np.flatnonzero(side)
        i_neck = int(idx_side[np.argmin(contour[idx_side, 1] + 1e-3 * np.abs(contour[idx_side, 0] - cx))])
        i_pit = int(np.argmin(np.linalg.norm(contour - a, axis=1)))
        path = _path_between(contour, i_neck, i_pit)
        chord = path[-1] - path[0]
        normal = np.array([chord[1], -chord[0]]) * s
        if normal[0] * s < 0:
            normal = -normal
        d = (path - path[0]) @ normal
        ends[s] = path[int(np.argmax(d))]

    sw_seam = float(abs(ends[1][0] - ends[-1][0]))
    anchors: Anchors = {}
    for s in (1, -1):
        sx = ends[s][0] - s * conv.SHOULDER_IN * sw_seam
        col = int(np.clip(round(sx), 0, m.shape[1] - 1))
        sy = float(top[col]) if np.isfinite(top[col]) else ends[s][1]
        anchors[_name(s, "shoulder")] = (float(sx), sy)
    shoulder = {s: np.array(anchors[_name(s, "shoulder")]) for s in (1, -1)}
    sw_anchor = float(np.linalg.norm(shoulder[1] - shoulder[-1]))

    lo = int(np.clip(round(cx - 0.3 * sw_seam), 0, m.shape[1] - 1))
    hi = int(np.clip(round(cx + 0.3 * sw_seam), lo, m.shape[1] - 1))
    centre_top = top[lo : hi + 1]
    finite = np.isfinite(centre_top)
    if finite.any():
        deepest = float(centre_top[finite].max())
        cols = lo + np.flatnonzero(finite & (centre_top >= deepest - 1))
        anchors["neck"] = (float(cols.mean()), deepest)
    else:
        anchors["neck"] = (cx, y0)
        notes.append("could not find the neckline")

    # Sleeves: cut along the armhole (shoulder end → armpit) and follow what lies outside.
    body = m.copy()
    cut = m.copy()
    for s in (1, -1):
        if sleeved[s]:
            a, e = armpits[s], ends[s]
            d = e - a
            far = a + d / max(float(np.linalg.norm(d)), 1e-6) * (m.shape[0] + m.shape[1])
            start = a - d / max(float(np.linalg.norm(d)), 1e-6) * 3
            cv2.line(cut, (round(start[0]), round(start[1])), (round(far[0]), round(far[1])), 0, 3)
    n, labels, stats, cents = cv2.connectedComponentsWithStats(cut, connectivity=4)
    if n > 1:
        body_label = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
        body = (labels == body_label).astype(np.uint8)
    total = float(m.sum())
    for s in (1, -1):
        if not sleeved[s] or n <= 1:
            continue
        a, e = armpits[s], ends[s]
        best, best_area = None, 0.015 * total
        for lab in range(1, n):
            if lab == body_label:
                continue
            c = cents[lab]
            if (c[0] - a[0]) * s > 0 and stats[lab, cv2.CC_STAT_AREA] > best_area:
                best, best_area = lab, stats[lab, cv2.CC_STAT_AREA]
        if best is None:
            continue
        py, px = np.nonzero(labels == best)
        sl = _sleeve(np.stack([px, py], axis=1).astype(np.float64), (a + e) / 2)
        if sl is None:
            continue
        anchors[_name(s, "armpit")] = (float(a[0]), float(a[1]))
        sh = shoulder[s]
        reach = float(np.linalg.norm(sl.cuff - sh))
        if reach >= conv.LONG_SLEEVE * sw_anchor:
            anchors[_name(s, "wrist")] = (float(sl.cuff[0]), float(sl.cuff[1]))
            span = float((sl.cuff - sl.line_from) @ sl.line_dir)
            ts = np.linspace(0, span, 800)
            line = sl.line_from + np.outer(ts, sl.line_dir)
            dist = np.linalg.norm(line - sh, axis=1)
            el = line[int(np.argmin(np.abs(dist - conv.ELBOW_AT * reach)))]
        else:
            el = sh + (sl.cuff - sh) / max(reach, 1e-6) * conv.UPPER_ARM * sw_anchor
        anchors[_name(s, "elbow")] = (float(el[0]), float(el[1]))
    for s in (1, -1):
        if sleeved[s] and _name(s, "elbow") not in anchors:
            notes.append(f"could not follow the {'left' if s > 0 else 'right'} sleeve; it moves with the body")

    by, _bx = np.nonzero(body)
    hem = float(by.max())
    length = hem - y0
    shoulder_y = (shoulder[1][1] + shoulder[-1][1]) / 2
    hem_hip = hem - 0.02 * length
    hip_y = hem_hip if category is Category.TOP else min(hem_hip, shoulder_y + conv.HIP_DROP * sw_anchor)
    ext = _row_extent(body, hip_y) or (x0, x1)
    w_hip = ext[1] - ext[0]
    anchors["left_hip"] = (ext[1] - conv.HIP_IN * w_hip, hip_y)
    anchors["right_hip"] = (ext[0] + conv.HIP_IN * w_hip, hip_y)
    knee_y = hip_y + conv.THIGH * sw_anchor
    if category is not Category.TOP and knee_y <= hem_hip:
        kext = _row_extent(body, knee_y)
        if kext is not None:
            w_knee = kext[1] - kext[0]
            anchors["left_knee"] = (kext[1] - conv.KNEE_IN * w_knee, knee_y)
            anchors["right_knee"] = (kext[0] + conv.KNEE_IN * w_knee, knee_y)
    return Detection(anchors, notes=tuple(notes))


def _gap_tip(m: U8Image, top: Vec, y0: float, y1: float) -> Vec:
    """Where the legs' inner edges meet: the narrow tip of the gap is lost to blur and shadow,
    so extend the two edges below it until they cross.
    """
    rows, lefts, rights = [], [], []
    width = m.shape[1]
    span = y1 - top[1]
    for y in range(int(top[1] + 0.05 * span) + 2, int(top[1] + 0.35 * span) + 1):
        row = m[y]
        col = int(np.clip(round(top[0]), 0, width - 1))
        if row[col]:
            near = np.flatnonzero(row[max(0, col - width // 10) : col + width // 10] == 0)
            if len(near) == 0:
                continue
            col = max(0, col - width // 10) + int(near[np.argmin(np.abs(near + max(0, col - width // 10) - col))])
        left = col
        while left > 0 and not row[left - 1]:
            left -= 1
        right = col
        while right < width - 1 and not row[right + 1]:
            right += 1
        if left == 0 or right == width - 1:
            continue
        rows.append(y)
        lefts.append(left - 0.5)
        rights.append(right + 0.5)
    if len(rows) < 5:
        return top
    gap = np.array(rights) - np.array(lefts)
    slope, offset = np.polyfit(rows, gap, 1)
    if slope < 1e-3:  # edges parallel or parting upwards: keep the gap's top
        return top
    # The cut-out closes a narrow gap by about GAP_CLOSING px (blur, feathering): where the
    # fitted width reaches -GAP_CLOSING is where the edges really meet.
    tip_y = float(np.clip((-GAP_CLOSING - offset) / slope, top[1] - 0.5 * (top[1] - y0), top[1]))
    mid_slope, mid_offset = np.polyfit(rows, (np.array(rights) + np.array(lefts)) / 2, 1)
    return np.array([float(mid_offset + mid_slope * tip_y), tip_y])


def _detect_bottom(mask: U8Image) -> Detection:
    notes: list[str] = []
    m = _largest(mask)
    ys, xs = np.nonzero(m)
    y0, y1 = float(ys.min()), float(ys.max())
    x0, x1 = float(xs.min()), float(xs.max())
    height, width = y1 - y0, x1 - x0
    cx = (x0 + x1) / 2
    found, _ = cv2.findContours(m, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    cnt = max(found, key=cv2.contourArea)
    crotch = None
    hull = cv2.convexHull(cnt, returnPoints=False)
    try:
        defects = cv2.convexityDefects(cnt, hull)
    except cv2.error:
        defects = None
    if defects is not None:
        best = 0.0
        for start_i, end_i, far_i, depth in defects.reshape(-1, 4):
            fx, fy = cnt[far_i, 0]
            if abs(fx - cx) < 0.25 * width and fy > y0 + 0.15 * height and depth / 256 > max(best, 0.1 * height):
                best, crotch = depth / 256, np.array([float(fx), float(fy)])
            _ = (start_i, end_i)
    anchors: Anchors = {}
    if crotch is None:
        # A skirt: one piece from the waist.
        wext = _row_extent(m, y0 + 0.02 * height) or (x0, x1)
        waist_w = wext[1] - wext[0]
        hip_y = y0 + 0.28 * waist_w
        ext = _row_extent(m, hip_y) or (x0, x1)
        w_hip = ext[1] - ext[0]
        anchors["left_hip"] = (ext[1] - conv.HIP_IN * w_hip, hip_y)
        anchors["right_hip"] = (ext[0] + conv.HIP_IN * w_hip, hip_y)
        hip_w = anchors["left_hip"][0] - anchors["right_hip"][0]
        knee_y = hip_y + conv.LEG_THIGH * hip_w
        kext = _row_extent(m, min(knee_y, y0 + 0.98 * height)) or (x0, x1)
        w_knee = kext[1] - kext[0]
        anchors["left_knee"] = (kext[1] - conv.KNEE_IN * w_knee, knee_y)
        anchors["right_knee"] = (kext[0] + conv.KNEE_IN * w_knee, knee_y)
        return Detection(anchors, fit=Fit.SKIRT, notes=("no gap between legs: read as a skirt",))
    gap_top = crotch
    crotch = _gap_tip(m, gap_top, y0, y1)
    anchors["crotch"] = (float(crotch[0]), float(crotch[1]))
    hip_y = y0 + (crotch[1] - y0) / 3
    ext = _row_extent(m, hip_y) or (x0, x1)
    w_hip = ext[1] - ext[0]
    anchors["left_hip"] = (ext[1] - conv.HIP_IN * w_hip, hip_y)
    anchors["right_hip"] = (ext[0] + conv.HIP_IN * w_hip, hip_y)
    hip_w = anchors["left_hip"][0] - anchors["right_hip"][0]
    start = int(gap_top[1]) + 2
    legs_mask = np.zeros_like(m)
    legs_mask[start:] = m[start:]
    n, labels, stats, cents = cv2.connectedComponentsWithStats(legs_mask, connectivity=4)
    order: list[int] = [int(v) + 1 for v in np.argsort(-stats[1:, cv2.CC_STAT_AREA])[:2]] if n > 1 else []
    legs: dict[int, U8Image] = {}
    for lab in order:
        s = 1 if cents[lab][0] > crotch[0] else -1
        legs.setdefault(s, (labels == lab).astype(np.uint8))
    for s in (1, -1):
        hip = np.array(anchors[_name(s, "hip")])
        leg = legs.get(s)
        if leg is None:
            notes.append(f"could not follow the {'left' if s > 0 else 'right'} leg")
            end = hip + np.array([0.0, conv.LEG_THIGH * hip_w])
        else:
            ly, _lx = np.nonzero(leg)
            yb = float(ly.max())
            rows = np.arange(int(yb - max(1.0, 0.02 * height)), int(yb) + 1)
            mids = [sum(e) / 2 for r in rows if (e := _row_extent(leg, float(r))) is not None]
            end = np.array([float(np.mean(mids)), yb + 1])
        reach = float(np.linalg.norm(end - hip))
        if leg is not None and reach >= conv.LONG_LEG * hip_w:
            anchors[_name(s, "ankle")] = (float(end[0]), float(end[1]))
            ky = (hip[1] + end[1]) / 2
            leg_ext = _row_extent(leg, ky)
            kx = sum(leg_ext) / 2 if leg_ext is not None else (hip[0] + end[0]) / 2
            anchors[_name(s, "knee")] = (float(kx), float(ky))
        else:
            knee = hip + (end - hip) / max(reach, 1e-6) * conv.LEG_THIGH * hip_w
            anchors[_name(s, "knee")] = (float(knee[0]), float(knee[1]))
    return Detection(anchors, notes=tuple(notes))


def _detect_hat(mask: U8Image) -> Detection:
    ys, xs = np.nonzero(mask)
    y0, y1 = int(ys.min()), int(ys.max())
    height = y1 - y0 + 1
    widths = np.zeros(height)
    for i, y in enumerate(range(y0, y1 + 1)):
        e = _row_extent(mask, y)
        widths[i] = (e[1] - e[0]) if e else 0
    wmax = float(widths.max())
    yb = y0 + int(np.argmax(widths >= 0.8 * wmax))
    probe = yb - round(0.04 * height)
    pe = _row_extent(mask, probe) if probe >= y0 else None
    brimmed = pe is not None and (pe[1] - pe[0]) < 0.77 * wmax and yb > y0 + 0.3 * height
    band_y = float(probe) if brimmed else y1 + 1 - 0.12 * height
    ext = _row_extent(mask, band_y) or (float(xs.min()), float(xs.max()))
    inset = 0.04 * (ext[1] - ext[0])
    anchors = {
        "left_temple": (ext[1] - inset, band_y),
        "right_temple": (ext[0] + inset, band_y),
        "forehead": ((ext[0] + ext[1]) / 2, band_y),
    }
    return Detection(anchors)


def _detect_glasses(mask: U8Image) -> Detection:
    filled = _fill_small_holes(mask, float(mask.size))
    ys, xs = np.nonzero(filled)
    cx = (float(xs.min()) + float(xs.max())) / 2
    anchors: Anchors = {}
    for s in (1, -1):
        half = filled.copy()
        if s > 0:
            half[:, : int(cx)] = 0
        else:
            half[:, math.ceil(cx) :] = 0
        dist = cv2.distanceTransform(half, cv2.DIST_L2, 5)
        top = float(dist.max())
        py, px = np.nonzero(dist >= 0.9 * top)
        anchors[_name(s, "eye")] = (float(px.mean()), float(py.mean()))
    _ = ys
    return Detection(anchors)


def detect(item_rgba: U8Image, category: Category) -> Detection:
    """Anchors (and a bottom's fit) from the item's silhouette, per docs/catalog.md."""
    if item_rgba.ndim != 3 or item_rgba.shape[2] != 4:
        raise ValueError(f"expected rgba of shape (H, W, 4), got {item_rgba.shape}")
    mask = (item_rgba[..., 3] > 127).astype(np.uint8)
    if mask.sum() < 50:
        raise ImportProblem("the garment is too small in the picture", "fill most of the photo with the garment")
    if category in (Category.TOP, Category.OUTERWEAR, Category.DRESS):
        return _detect_upper(mask, category)
    if category is Category.BOTTOM:
        return _detect_bottom(mask)
    if category is Category.HAT:
        return _detect_hat(mask)
    if category is Category.GLASSES:
        return _detect_glasses(mask)
    ys, xs = np.nonzero(mask)
    bbox = (float(xs.min()), float(ys.min()), float(xs.max() + 1), float(ys.max() + 1))
    return Detection(
        conv.accessory_guess(bbox), notes=("accessory anchors are a guess (a necklace); check them in catalog edit",)
    )


def detect_anchors(item_rgba: U8Image, category: Category) -> Anchors:
    """Just the anchors of ``detect``."""
    return detect(item_rgba, category).anchors


def _one_piece(item_rgba: U8Image) -> None:
    """A garment comes out as one piece; several large pieces mean that parts of it (white
    stripes, a pale panel) were taken for background.
    """
    n, _labels, stats, _ = cv2.connectedComponentsWithStats((item_rgba[..., 3] > 127).astype(np.uint8))
    areas = np.sort(stats[1:, cv2.CC_STAT_AREA])[::-1]
    pieces = int((areas >= 0.05 * areas[0]).sum()) if n > 1 else 0
    if pieces > 2:
        raise ImportProblem(
            f"the garment came out in {pieces} pieces: parts of it have the background's colour",
            "photograph it on paper of another light colour (light blue or beige for white parts)",
        )


def _symmetry_angle(mask: U8Image, limit: float = 12.0) -> float:
    """The turn (degrees, as ``cv2.getRotationMatrix2D`` counts) that makes the garment most
    mirror-symmetric left to right: how far the photo was taken askew. Garments are symmetric.
    """
    small, _ = _resize_max(mask * 255, 200)
    small = np.asarray(small, np.float32) / 255.0
    h, w = small.shape
    ys, xs = np.nonzero(small > 0.5)
    if len(xs) < 20:
        return 0.0
    centre = (float(xs.mean()), float(ys.mean()))

    def score(angle: float) -> float:
        rot = cv2.warpAffine(small, cv2.getRotationMatrix2D(centre, angle, 1.0), (w, h))
        mx = float((rot.sum(axis=0) * np.arange(w)).sum() / max(rot.sum(), 1e-6))
        flip = cv2.warpAffine(rot, np.array([[-1, 0, 2 * mx], [0, 1, 0]], np.float32), (w, h))
        return float(np.minimum(rot, flip).sum() / max(np.maximum(rot, flip).sum(), 1e-6))

    best = max(np.arange(-limit, limit + 0.1, 1.0), key=score)
    best = max(np.arange(best - 0.9, best + 0.95, 0.25), key=score)
    return float(best) if score(float(best)) > score(0.0) + 0.005 else 0.0


def _affine3(m: npt.ArrayLike) -> npt.NDArray[np.float64]:
    out = np.eye(3)
    out[:2] = np.asarray(m, np.float64).reshape(2, 3)
    return out


def straighten(item_rgba: U8Image) -> tuple[U8Image, npt.NDArray[np.float64]]:
    """Turn a garment photographed askew upright; returns (rgba, 3×3 matrix input → output)."""
    angle = _symmetry_angle((item_rgba[..., 3] > 127).astype(np.uint8))
    if abs(angle) < 0.75:
        return item_rgba, np.eye(3)
    h, w = item_rgba.shape[:2]
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(rot[0, 0]), abs(rot[0, 1])
    nw, nh = math.ceil(w * cos + h * sin), math.ceil(w * sin + h * cos)
    rot[0, 2] += nw / 2 - w / 2
    rot[1, 2] += nh / 2 - h / 2
    out = cv2.warpAffine(
        item_rgba, rot, (nw, nh), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0, 0)
    )
    return np.asarray(out, np.uint8), _affine3(rot)


@dataclass(frozen=True, eq=False)
class PreparedItem:
    """An item ready to write: picture, anchors, fit, notes, and ``photo_from_item`` (3×3): where
    an item pixel was in the photo.
    """

    rgba: U8Image
    anchors: Anchors
    fit: Fit
    notes: tuple[str, ...]
    photo_from_item: npt.NDArray[np.float64]

    def to_photo(self, x: float, y: float) -> tuple[float, float]:
        p = self.photo_from_item @ np.array([x, y, 1.0])
        return float(p[0]), float(p[1])


def prepare(photo_bgr: U8Image, category: Category) -> PreparedItem:
    """Photo → cut out, straightened, cropped, anchored, padded to hold its anchors, ≤ 1600 px."""
    _work, s_work = _resize_max(photo_bgr, WORK_SIDE)
    cut = remove_background(photo_bgr)
    cropped, (cx0, cy0) = crop_to_item(cut)
    chain = _affine3([[1, 0, -cx0], [0, 1, -cy0]]) @ np.diag([s_work, s_work, 1.0])
    if category is not Category.ACCESSORY:
        upright, turn = straighten(cropped)
        if turn is not None and not np.allclose(turn, np.eye(3)):
            cropped, (ux0, uy0) = crop_to_item(upright)
            chain = _affine3([[1, 0, -ux0], [0, 1, -uy0]]) @ turn @ chain
    if category not in (Category.GLASSES, Category.ACCESSORY):
        _one_piece(cropped)
    det = detect(cropped, category)
    grown, anchors = fit_canvas(cropped, det.anchors)
    first = next(iter(anchors))
    pad_x, pad_y = anchors[first][0] - det.anchors[first][0], anchors[first][1] - det.anchors[first][1]
    final, anchors = limit_size(grown, anchors)
    s_final = final.shape[1] / grown.shape[1]
    chain = np.diag([s_final, s_final, 1.0]) @ _affine3([[1, 0, pad_x], [0, 1, pad_y]]) @ chain
    rounded = {k: (round(x, 1), round(y, 1)) for k, (x, y) in anchors.items()}
    return PreparedItem(final, rounded, det.fit, det.notes, np.asarray(np.linalg.inv(chain), np.float64))


def slug(text: str) -> str:
    """An item id from a file name: lowercase letters, digits and dashes ("" if none are left)."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:64].strip("-")


# ---------------------------------------------------------------------------------------------
# The thin writer: photo file → item folder
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    """One photo's outcome: the new item's id, or why it failed (``reason``, ``fix``)."""

    photo: Path
    item_id: str | None = None
    reason: str | None = None
    fix: str | None = None
    notes: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.item_id is not None


def display_name(photo: Path) -> str:
    """A readable name from a file name: "blue_linen-shirt.jpg" → "Blue linen shirt"."""
    words = re.sub(r"[_\-.]+", " ", photo.stem).strip()
    words = re.sub(r"\s+", " ", words)[: loader.MAX_NAME_CHARS]
    return (words[:1].upper() + words[1:]) if words else "New item"


def import_photo(photo: Path, category: Category, catalog_root: Path, *, taken: set[str] | None = None) -> Imported:
    """Read, cut out, anchor and write one photo as a new item (atomically); then load it back
    with the catalog loader and remove it again if the loader finds any problem.
    """
    start = time.perf_counter()
    try:
        prepared = prepare(read_photo(photo), category)
    except ImportProblem as exc:
        return Imported(photo, reason=exc.reason, fix=exc.fix, seconds=time.perf_counter() - start)
    wanted = slug(photo.stem) or f"{category.value}-item"
    item_id = writer.unique_id(catalog_root, wanted, taken)
    name = display_name(photo)
    doc: dict[str, object] = {
        "id": item_id,
        "category": category.value,
        "name": {"ko": name, "en": name},
        "price": 0,
        "image": "image.png",
        "anchors": {k: [x, y] for k, (x, y) in prepared.anchors.items()},
    }
    if category is Category.BOTTOM and prepared.fit is not Fit.LEGS:
        doc["fit"] = prepared.fit.value
    folder = writer.add_item(catalog_root, doc, {"image.png": writer.png_bytes(prepared.rgba)})
    manifest = loader.load_manifest(catalog_root)
    checked = loader.load_item(catalog_root, folder, manifest if isinstance(manifest, Manifest) else None)
    if isinstance(checked, Problem):
        writer.remove_item(folder)
        return Imported(
            photo,
            reason=f"the item it made does not load ({checked.message})",
            fix="report this photo to Mirror's developers; meanwhile try another photo",
            seconds=time.perf_counter() - start,
        )
    return Imported(photo, item_id, notes=prepared.notes, seconds=time.perf_counter() - start)
