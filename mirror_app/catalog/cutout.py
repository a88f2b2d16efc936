"""The garment of a product photo, cut out of its plain light background.

A plain light background is learned from the photo's border (a smooth colour surface, so uneven
light is fine). Pixels are then garment, background or *shadow* (darker than the background by a
uniform factor, same hue): shadows never become garment. GrabCut, seeded with that map, settles
the uncertain pixels; the edge is cleaned, feathered and its colours taken from inside the
garment (no light fringe).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from .cutout_check import SALIENT, CutoutCheck, compare, judge
from .photo import ImportProblem, U8Image, resize_max
from .review import CUTOUT, ReviewNote
from .saliency import SaliencyUnavailable, saliency
from .silhouette import fill_small_holes

F32 = npt.NDArray[np.float32]
Bool = npt.NDArray[np.bool_]
UNCHECKED_FIX = "compare the item with the photo in catalog edit; reinstall Mirror if this happens on every photo"

WORK_SIDE = 1600  # the item picture is at most this long; the cut-out is computed at this size
GRABCUT_SIDE = 520
SHADOW_MIN = 0.55  # a shadow darkens the background to no less than this share of its light
MIN_BACKGROUND = 0.55  # the background's brightness (0–1) must be at least this


@dataclass(frozen=True)
class _Background:
    light: F32  # (H, W, 3) expected background colour in [0, 1]
    noise: float  # per-channel noise, as a share of the background's light


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
    return fill_small_holes(mask, 0.15 * float(mask.sum()))


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


Saliency = Callable[[U8Image], F32]


@dataclass(frozen=True, eq=False)
class Cutout:
    """The garment as (h, w, 4) RGBA at the work size, and what the owner should check on it."""

    rgba: U8Image
    review: tuple[ReviewNote, ...] = ()
    check: CutoutCheck | None = None  # None: the cut-out could not be compared with the saliency map


def _seeds(score: F32, shadow: Bool, salient: F32 | None) -> U8Image:
    """GrabCut's starting map from both cues: colour unlike the backdrop, and the saliency map.

    Colour alone loses a white tee on white; saliency alone misses thin straps and has a soft,
    coarse edge. So each cue can make a pixel garment on its own, and only a pixel that both call
    background (or shadow) is background for sure.
    """
    seed = np.full(score.shape, cv2.GC_PR_BGD, np.uint8)
    if salient is None:
        seed[(score <= 0.6) & ~shadow] = cv2.GC_BGD
        seed[score > 1.0] = cv2.GC_PR_FGD
    else:
        seed[(salient < 0.15) & (score <= 1.0)] = cv2.GC_BGD
        seed[(score > 1.0) & (salient >= 0.05)] = cv2.GC_PR_FGD
        seed[salient >= SALIENT] = cv2.GC_PR_FGD
    strong = cv2.erode((score > 2.0).astype(np.uint8), np.ones((3, 3), np.uint8))
    seed[strong > 0] = cv2.GC_FGD
    if salient is not None:
        r = max(2, round(0.012 * max(score.shape)))
        inner = cv2.erode(
            (salient >= 0.85).astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1,) * 2)
        )
        seed[inner > 0] = cv2.GC_FGD
    b = max(2, round(0.01 * min(score.shape)))
    border = np.zeros(score.shape, bool)
    border[:b], border[-b:], border[:, :b], border[:, -b:] = True, True, True, True
    seed[border & (score <= 1.0)] = cv2.GC_BGD
    return seed


def _no_garment(shadow: Bool) -> ImportProblem:
    if shadow.mean() > 0.05:
        return ImportProblem(
            "no garment found: a grey or white garment looks like a shadow on this background",
            "photograph it on a light coloured background (light blue or beige paper)",
        )
    return ImportProblem(
        "no garment found: it is too close to the background's colour, or too small in the photo",
        "use a background that contrasts with the garment, and fill most of the photo with it",
    )


def cut_out(photo_bgr: U8Image, salient_of: Saliency | None = saliency) -> Cutout:
    """The garment of a product photo (H, W, 3) BGR on a plain light background, as RGBA with
    feathered alpha, at most WORK_SIDE pixels on its longer side, checked against the saliency
    map of ``salient_of`` (the shipped model; None: colour only, and the item says it is unchecked).
    """
    if photo_bgr.ndim != 3 or photo_bgr.shape[2] != 3 or photo_bgr.dtype != np.uint8:
        raise ValueError(f"expected photo of shape (H, W, 3) uint8, got {photo_bgr.shape} {photo_bgr.dtype}")
    work, _ = resize_max(photo_bgr, WORK_SIDE)
    work_rgb = np.ascontiguousarray(work[..., ::-1])
    img = cv2.GaussianBlur(work_rgb.astype(np.float32) / 255.0, (0, 0), 1.0)
    bg = _background_model(img)
    score, shadow = garment_score(img, bg)
    review: list[ReviewNote] = []
    salient: F32 | None = None
    if salient_of is not None:
        try:
            salient = salient_of(work_rgb)
        except SaliencyUnavailable as exc:
            review.append(ReviewNote(CUTOUT, f"the cut-out could not be checked ({exc})", UNCHECKED_FIX))
    seed = _seeds(score, shadow, salient)
    if (seed == cv2.GC_FGD).sum() < 0.002 * seed.size:
        raise _no_garment(shadow)
    small, _ = resize_max(work, GRABCUT_SIDE)
    small_seed = cv2.resize(seed, (small.shape[1], small.shape[0]), interpolation=cv2.INTER_NEAREST)
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    try:
        cv2.grabCut(np.ascontiguousarray(small), small_seed, None, bgd, fgd, 3, cv2.GC_INIT_WITH_MASK)
        cut = ((small_seed == cv2.GC_FGD) | (small_seed == cv2.GC_PR_FGD)).astype(np.float32)
        prob = cv2.resize(cut, (score.shape[1], score.shape[0]), interpolation=cv2.INTER_LINEAR)
    except cv2.error:
        prob = (score > 1.0).astype(np.float32)
    # GrabCut decides the body of the garment; at its (coarser) edge the pixel colours decide,
    # and where colour cannot tell (white on white) the saliency map does.
    band = (prob > 0.02) & (prob < 0.98)
    mask = prob >= 0.5
    keep = (prob[band] >= 0.5) & ~shadow[band] & (score[band] > 0.6)
    if salient is not None:
        keep |= (prob[band] >= 0.5) & (salient[band] >= SALIENT)
    mask[band] = (score[band] > 1.0) | keep
    mask_u8 = _clean(mask.astype(np.uint8))
    if mask_u8.sum() < 0.005 * mask_u8.size:
        raise _no_garment(shadow)
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
    check = None
    if salient is not None:
        check = compare(mask_u8 > 0, salient)
        review.extend(judge(check))
    elif salient_of is None:
        review.append(ReviewNote(CUTOUT, "the cut-out was not checked (colour only)", UNCHECKED_FIX))
    alpha = cv2.GaussianBlur(mask_u8.astype(np.float32), (0, 0), 0.8)
    rgb = _decontaminate(work_rgb, alpha)
    return Cutout(np.dstack([rgb, np.round(alpha * 255).astype(np.uint8)]), tuple(review), check)


def remove_background(photo_bgr: U8Image, salient_of: Saliency | None = saliency) -> U8Image:
    """Just the picture of ``cut_out``."""
    return cut_out(photo_bgr, salient_of).rgba


def one_piece(item_rgba: U8Image) -> None:
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
