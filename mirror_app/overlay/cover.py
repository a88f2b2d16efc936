"""The shopper's own clothes must not show around a new garment.

A 2D garment never has exactly the outline of the clothes under it: the shopper's own top shows
at its sides, round its sleeves and at the collar, their shorts beside new jeans. Once per
tracking result (off the display path), at a low resolution, this reads which pixels of the
shopper's mask are their own clothes (not skin) and splits them into their own top and the rest
(colour histograms sampled on the chest and on the thighs), then makes one layer drawn under the
outfit:

- **reach**: old clothes of the kind the garment replaces (a top over the shopper's top, trousers
  over their bottoms) within ``REACH`` of the garment take the garment's own edge fabric, carried
  outwards (push-pull from the garment's pixels) and shaded by the old clothes' folds: the
  garment reaches the clothed outline;
- **clear**: farther old clothes of that kind (a long shirt under a crop top, long sleeves under
  short ones, wide shorts beside straight jeans) are painted with what would be there: skin on the
  arm's and torso's bare core (push-pull from the shopper's bare skin), the background beyond it
  (push-pull from the pixels round the mask).

And for trousers worn without a new top: where the shopper's own top hangs over the waist, it
stays in front of the new waistband (``own_top``).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from ..domain import Category, Fit
from ..tracking.landmarks import Pose
from .body_outline import BodyOutline
from .body_points import BodyPoints
from .garment import Garment
from .occlusion import keep_outside
from .resample import shrink
from .skin import SkinModel, skin_model
from .warp import WarpedLayer

U8Image = npt.NDArray[np.uint8]
F32 = npt.NDArray[np.float32]
Bool = npt.NDArray[np.bool_]

WORK_SIDE = 280  # the person's box is read at most this many pixels on its long side
REACH = 0.22  # old clothes this close to a garment's body (× shoulder span) are covered by its fabric
SLEEVE_REACH = 0.1  # and this close to a sleeve
COLLAR_PAD = 0.05  # the neckline's columns: between the neck's sides and this much (× span) beyond
BARE_ARM = 0.2  # an old sleeve this close to the arm's bone (× span) is the arm's: it stays
TOP_SHARE = 0.6  # a colour is the shopper's own top when this share of its samples were on the chest
BINS = 8  # per channel, for the clothes' colour histograms
MIN_BLOB = 6  # working pixels: specks smaller than this are not worth a layer
SKIN_BRIGHTER = 1.5  # bare skin is at most this × the face's mean luma (plus a little)
PLAIN_BACKGROUND = 10.0  # background std (levels) below which it is painted over old clothes
FOLDS = 0.3  # how much of the old clothes' folds shade the carried fabric (not more: their print would show)


@dataclass(frozen=True, eq=False)
class Cover:
    """What is drawn under the outfit (``layers``) and where the shopper's own top stays in front
    of new trousers (``own_top``: 255 where it does, placed at (x0, y0))."""

    layers: tuple[WarpedLayer, ...]
    own_top: U8Image | None
    x0: int
    y0: int

    def moved(self, dx: int, dy: int) -> Cover:
        """The same cover, shifted by (dx, dy) frame pixels (a body that moved as a whole)."""
        if dx == 0 and dy == 0:
            return self
        layers = tuple(WarpedLayer(p.patch, p.x0 + dx, p.y0 + dy, p.arms) for p in self.layers)
        return Cover(layers, self.own_top, self.x0 + dx, self.y0 + dy)

    def keep_for(self, x0: int, y0: int, w: int, h: int) -> U8Image | None:
        """For a bottoms patch at (x0, y0), w×h: 255 where it may draw, or None if untouched."""
        if self.own_top is None:
            return None
        return keep_outside(self.own_top, self.x0, self.y0, x0, y0, w, h)


def push_pull(values: F32, weight: F32) -> F32:
    """Fill every pixel of ``values`` (h, w, c) from the pixels where ``weight`` (h, w) is > 0,
    smoothly (a pyramid of weighted averages; Gortler et al. 1996). Cheap at a few hundred px."""
    levels: list[tuple[F32, F32]] = []
    v = values * weight[..., None]
    w = weight
    while min(w.shape[:2]) > 4:
        levels.append((v, w))
        v, w = cv2.pyrDown(v), cv2.pyrDown(w)
        if v.ndim == 2:
            v = v[..., None]
    coarse = v / np.maximum(w, 1e-6)[..., None]
    for v, w in reversed(levels):
        up = cv2.pyrUp(coarse, dstsize=(v.shape[1], v.shape[0]))
        if up.ndim == 2:
            up = up[..., None]
        a = np.minimum(w * 8.0, 1.0)[..., None]
        coarse = v / np.maximum(w, 1e-6)[..., None] * a + up * (1.0 - a)
    return np.asarray(coarse, np.float32)


def _capsules(shape: tuple[int, int], segs: list[tuple[npt.NDArray[np.float64], ...]], r: float) -> Bool:
    out = np.zeros(shape, np.uint8)
    for seg in segs:
        for a, b in itertools.pairwise(seg):
            cv2.line(
                out, tuple(int(v) for v in np.round(a)), tuple(int(v) for v in np.round(b)), 1, max(1, round(2 * r))
            )
    return out > 0


def _hist(idx: npt.NDArray[np.intp], where: Bool) -> F32:
    h = np.bincount(idx[where], minlength=BINS**3).astype(np.float32)
    return np.asarray(cv2.GaussianBlur(h.reshape(BINS, BINS * BINS), (3, 3), 0).reshape(-1) / max(h.sum(), 1.0))


def _skin_paint(model: SkinModel, rgb: F32, bare: Bool, folds: F32) -> F32:
    """Bare skin where old clothes were: the shopper's own skin from nearby (push-pull from
    their bare pixels), pulled towards their face's colour a little in shade (a neck or midriff is
    a touch darker than a cheek), with the old clothes' folds."""
    y = model.luma * 0.88
    cr, cb = model.mean
    face = np.array(
        [y + 1.403 * (cr - 128), y - 0.714 * (cr - 128) - 0.344 * (cb - 128), y + 1.773 * (cb - 128)], np.float32
    )
    near = push_pull(rgb, bare.astype(np.float32))
    # Far from any bare pixel the pull is a blur of distant ones: the face's colour is better.
    reach = cv2.GaussianBlur(bare.astype(np.float32), (0, 0), 6.0)[..., None]
    mix = np.clip(reach * 1.5, 0.0, 1.0)
    out = near * mix + np.clip(face, 0, 255)[None, None, :] * (1.0 - mix)
    return np.asarray(out * folds[..., None], np.float32)


def make_cover(
    frame_rgb: U8Image,
    person_mask: npt.NDArray[np.floating],
    pose: Pose,
    body: BodyPoints,
    outline: BodyOutline,
    garments: tuple[Garment, ...],
    items: tuple[tuple[str, tuple[WarpedLayer, ...]], ...],
) -> Cover | None:
    """The cover of an outfit (``items``: its lit layers) for the frame it was prepared from.
    Without the shopper's face to sample their skin nothing is covered: old clothes cannot be
    told from bare arms."""
    model = skin_model(frame_rgb, pose)
    if model is None:
        return None
    fh, fw = frame_rgb.shape[:2]
    upper_ids = {g.item_id for g in garments if g.category in (Category.TOP, Category.OUTERWEAR, Category.DRESS)}
    trouser_ids = {g.item_id for g in garments if g.category is Category.BOTTOM and g.fit is Fit.LEGS}
    if not upper_ids and not trouser_ids:
        return None
    # The person's box, read at a low resolution.
    m = np.asarray(person_mask, np.float32)
    sy, sx = m.shape[0] / fh, m.shape[1] / fw
    ys, xs = np.nonzero(m[:: max(1, m.shape[0] // 160), :: max(1, m.shape[1] // 120)] > 0.5)
    if len(xs) == 0:
        return None
    step_y, step_x = max(1, m.shape[0] // 160), max(1, m.shape[1] // 120)
    pad = 0.2 * outline.span
    x0 = max(0, math.floor(xs.min() * step_x / sx - pad))
    x1 = min(fw, math.ceil((xs.max() + 1) * step_x / sx + pad))
    y0 = max(0, math.floor(ys.min() * step_y / sy - pad))
    y1 = min(fh, math.ceil((ys.max() + 1) * step_y / sy + pad))
    bw, bh = x1 - x0, y1 - y0
    if bw < 8 or bh < 8:
        return None
    s = min(1.0, WORK_SIDE / max(bw, bh))
    ww, wh = max(8, round(bw * s)), max(8, round(bh * s))
    s_x, s_y = ww / bw, wh / bh

    def crop(img: npt.NDArray[np.generic], kx: float, ky: float) -> npt.NDArray[np.generic]:
        cx0, cy0 = round(x0 * kx), round(y0 * ky)
        cx1, cy1 = max(cx0 + 1, round(x1 * kx)), max(cy0 + 1, round(y1 * ky))
        return shrink(img[cy0:cy1, cx0:cx1], (ww, wh))

    rgb = crop(frame_rgb, 1.0, 1.0).astype(np.float32)
    m_work = np.asarray(crop(m, sx, sy), np.float32)
    person = m_work > 0.5
    reached = m_work > 0.2  # the mask's soft edge still shows the old clothes' colour
    bare = model.mask(rgb.astype(np.uint8)) > 0
    # Stricter on brightness than the outline's skin test: a light top in shade has a dark
    # skin's hue; the arm's own highlights are rarely this much brighter than the face.
    luma = cv2.cvtColor(rgb.astype(np.uint8), cv2.COLOR_RGB2GRAY).astype(np.float32)
    bare &= luma <= SKIN_BRIGHTER * model.luma + 12.0
    # Garment coverage and colour at the working resolution, drawn in order (premultiplied).
    g_rgb = {k: np.zeros((wh, ww, 3), np.float32) for k in ("upper", "trousers")}
    g_a = {k: np.zeros((wh, ww), np.float32) for k in ("upper", "trousers")}
    all_a = np.zeros((wh, ww), np.float32)
    sleeved = False  # an upper garment with sleeves (its sleeve pieces are ``arms`` layers)
    sleeve_a = np.zeros((wh, ww), np.float32)
    for item_id, layers in items:
        kind = "upper" if item_id in upper_ids else "trousers" if item_id in trouser_ids else None
        for piece in layers:
            lx0, ly0 = piece.x0, piece.y0
            ax0, ay0 = (lx0 - x0) * s_x, (ly0 - y0) * s_y
            m_aff = np.array([[s_x, 0, ax0], [0, s_y, ay0]], np.float64)
            p = cv2.warpAffine(piece.patch, m_aff, (ww, wh), flags=cv2.INTER_AREA, borderValue=0).astype(np.float32)
            a = p[..., 3] / 255.0
            all_a = all_a + a * (1 - all_a)
            if kind == "upper" and piece.arms:
                sleeved = True
            if kind is not None:
                g_rgb[kind] = g_rgb[kind] * (1 - a[..., None]) + p[..., :3]
                g_a[kind] = g_a[kind] + a * (1 - g_a[kind])
                if piece.arms:
                    sleeve_a = sleeve_a + a * (1 - sleeve_a)
    covered = all_a > 0.5
    cloth = reached & ~bare
    # The shopper's own top against their other clothes, by colour.
    q = (rgb.astype(np.int32) * BINS) // 256
    idx = (q[..., 0] * BINS + q[..., 1]) * BINS + q[..., 2]
    o2w = np.array([[s_x, 0], [0, s_y]])

    def w(pts: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.asarray((np.asarray(pts, np.float64).reshape(-1, 2) - [x0, y0]) @ o2w)

    span = outline.span * s_x
    mid_s = w((body["left_shoulder"] + body["right_shoulder"]) / 2)[0]
    mid_h = w((body["left_hip"] + body["right_hip"]) / 2)[0]
    chest = np.zeros((wh, ww), np.uint8)
    c0 = mid_s + (mid_h - mid_s) * 0.3
    c1 = mid_s + (mid_h - mid_s) * 0.7
    cv2.line(chest, tuple(int(v) for v in c0), tuple(int(v) for v in c1), 1, max(1, round(0.5 * span)))
    top_sample = cloth & (chest > 0)
    legs_segs = [tuple(w(body[f"{sd}_{j}"])[0] for j in ("hip", "knee", "ankle")) for sd in ("left", "right")]
    thighs = _capsules((wh, ww), [(a, a + (b - a) * 0.9) for a, b, _c in legs_segs], 0.12 * span)
    below_crotch = np.arange(wh)[:, None] > w(outline.to_frame(outline.crotch))[0][1]
    bottom_sample = cloth & thighs & below_crotch
    surely_top = np.zeros((wh, ww), bool)  # by colour alone: no bottoms sampled have it
    if top_sample.sum() < 20:
        own_top = np.zeros((wh, ww), bool)
    else:
        ht = _hist(idx, top_sample)
        hb = _hist(idx, bottom_sample) if bottom_sample.sum() >= 20 else np.zeros_like(ht)
        share = ht / np.maximum(ht + hb, 1e-9)
        top_like = cloth & (share[idx] > TOP_SHARE) & (ht[idx] > 0.2 / BINS**3)
        top_like = cv2.morphologyEx(top_like.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)) > 0
        # Only the top itself: the parts connected to the chest.
        _n, labels = cv2.connectedComponents(top_like.astype(np.uint8))
        keep = np.unique(labels[top_like & (chest > 0)])
        own_top = np.isin(labels, keep[keep > 0]) & top_like
        if bottom_sample.sum() >= 20:
            surely_top = own_top & (share[idx] > 0.95)
    # Above the armpits and on the upper arms every piece of clothing is the top's.
    arm_segs = [tuple(w(body[f"{sd}_{j}"])[0] for j in ("shoulder", "elbow", "wrist")) for sd in ("left", "right")]
    armpit_y = float(mid_s[1] + (mid_h[1] - mid_s[1]) * 0.3)
    upper_arms = _capsules((wh, ww), [(a, b) for a, b, _c in arm_segs], 0.35 * span)
    own_top |= cloth & ((np.arange(wh)[:, None] < armpit_y) | upper_arms)
    waist_y = float(w(outline.to_frame(np.array([0.0, outline.waist_y])))[0][1])
    neck_y = float(w(outline.to_frame(np.array([0.0, float(outline.neck[0][1])])))[0][1])
    below_neck = np.arange(wh)[:, None] > neck_y - 0.05 * span
    arm_core = _capsules((wh, ww), arm_segs, BARE_ARM * span)
    torso_core = np.zeros((wh, ww), np.uint8)
    cv2.line(torso_core, tuple(int(v) for v in mid_s), tuple(int(v) for v in mid_h), 1, max(1, round(0.9 * span)))
    reach_px = max(2, round(REACH * span))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach_px + 1, 2 * reach_px + 1))
    sleeve_px = max(2, round(SLEEVE_REACH * span))
    sleeve_kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * sleeve_px + 1, 2 * sleeve_px + 1))
    out_rgb = np.zeros((wh, ww, 3), np.float32)
    out_a = np.zeros((wh, ww), np.float32)
    reach_w = np.zeros((wh, ww), np.float32)  # 1 where the garment's fabric is carried out
    lum = cv2.cvtColor(rgb.astype(np.uint8), cv2.COLOR_RGB2GRAY).astype(np.float32) + 4.0
    folds = np.clip(lum / cv2.GaussianBlur(lum, (0, 0), max(1.0, 0.08 * span)), 0.75, 1.15) ** FOLDS
    todo: list[tuple[str, Bool]] = []
    if upper_ids:
        todo.append(("upper", own_top & below_neck))
    if trouser_ids:
        hands = _capsules((wh, ww), [(b, c, c + (c - b) * 0.45) for _a, b, c in arm_segs], 0.25 * span)
        todo.append(
            (
                "trousers",
                cloth
                & ~surely_top
                & ~hands
                & ~(np.arange(wh)[:, None] < w(outline.to_frame(np.array([0.0, outline.waist_y])))[0][1] - 0.1 * span),
            )
        )
    background = (~cv2.dilate(reached.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)).astype(np.float32)
    bg_fill: F32 | None = None
    skin_fill: F32 | None = None
    plain = np.zeros((wh, ww), bool)
    for kind, old in todo:
        a = g_a[kind]
        if not (a > 0.5).any():
            continue
        old = old & ~covered
        # Not below the new garment's hem (a tee over jeans stays a tee, cropped trousers leave
        # the jeans under them as they are); columns beside it take the nearest covered one's hem.
        rows = np.where((a > 0.5).any(axis=0), wh - 1 - np.argmax((a > 0.5)[::-1], axis=0), -1)
        valid = rows >= 0
        if valid.any():
            cols = np.arange(ww)
            rows = np.interp(cols, cols[valid], rows[valid])
        if kind == "trousers":
            # Nor above the waistband: the top it meets keeps its own hem, crisp.
            tops_ = np.where((a > 0.5).any(axis=0), np.argmax(a > 0.5, axis=0), -1)
            if valid.any():
                tops_ = np.interp(np.arange(ww), np.arange(ww)[valid], tops_[valid])
            rows_ = np.arange(wh)[:, None]
            old &= (rows_ <= rows[None, :]) & (rows_ >= tops_[None, :])
        if kind == "upper":
            hip_row = float(mid_h[1])
            old &= (
                (np.arange(wh)[:, None] <= rows[None, :])
                | upper_arms
                | (surely_top & (np.arange(wh)[:, None] < hip_row))
                | (np.arange(wh)[:, None] < armpit_y)
            )
        # The body's fabric reaches far (to an arm hanging close, to the old top's wide sides);
        # a sleeve only a little (its cuff must not grow down an old long sleeve).
        body_a = (a > 0.5) & ~(sleeve_a > 0.5) if kind == "upper" else a > 0.5
        near = cv2.dilate(body_a.astype(np.uint8), kernel) > 0
        if kind == "upper":
            near |= cv2.dilate((sleeve_a > 0.5).astype(np.uint8), sleeve_kernel) > 0
        reach = old & near & person
        above_collar = np.zeros_like(reach)
        if kind == "upper":
            # Inside the neckline the old collar stays as it is: fabric carried up grew a
            # turtleneck, painted skin showed its cut (a top under the new one reads as a layer).
            solid = a > 0.5
            top_rows = np.where(solid.any(axis=0), np.argmax(solid, axis=0), wh)
            nx0, nx1 = sorted(float(w(outline.to_frame(p_))[0][0]) for p_ in outline.neck)
            cols = np.arange(ww)
            in_neck = (cols >= nx0 - COLLAR_PAD * span) & (cols <= nx1 + COLLAR_PAD * span)
            above_collar = old & in_neck[None, :] & (np.arange(wh)[:, None] < top_rows[None, :])
            reach &= ~above_collar
        if kind == "upper" and not sleeved:
            # A sleeveless garment's fabric is not carried onto the arms or shoulder caps: the
            # shopper's own sleeves beside a vest read as a layer under it.
            caps = _capsules((wh, ww), [(a_, a_) for a_, _b, _c in arm_segs], 0.3 * span)
            reach &= ~(arm_core | caps)
        if reach.any():
            fabric = push_pull(
                np.asarray(g_rgb[kind] / np.maximum(a, 1e-6)[..., None], np.float32),
                cv2.erode((a > 0.9).astype(np.uint8), np.ones((5, 5), np.uint8)).astype(np.float32),
            )
            fabric = fabric * folds[..., None]
            out_rgb[reach] = fabric[reach]
            out_a[reach] = 1.0
            reach_w[reach] = 1.0
        clear = old & ~near & ~above_collar
        if kind == "trousers":
            ankles_y = min(float(w(body["left_ankle"])[0][1]), float(w(body["right_ankle"])[0][1]))
            clear &= (below_crotch | ~torso_core.astype(bool)) & (np.arange(wh)[:, None] < ankles_y - 0.1 * span)
        else:
            clear &= (np.arange(wh)[:, None] < waist_y) | upper_arms | surely_top
        if clear.any():
            if bg_fill is None:
                bg_fill = push_pull(rgb, background)
                # Only a plain background is painted in: a shop's shelves or a seat, smoothed
                # over, would be a ghost patch more visible than the old clothes.
                spread = push_pull(rgb * rgb, background) - bg_fill * bg_fill
                plain = np.sqrt(np.maximum(spread, 0.0)).mean(axis=2) < PLAIN_BACKGROUND
            if kind == "upper":
                # An old sleeve over the arm itself stays (a long sleeve under a short one reads
                # as layered; painted skin would not): only what flares beyond the arm goes.
                clear &= ~arm_core
            core = (torso_core > 0) & ~upper_arms if kind == "upper" else np.zeros_like(arm_core)
            to_skin = clear & core
            if to_skin.any():
                if skin_fill is None:
                    skin_fill = _skin_paint(model, rgb, bare & person, folds)
                out_rgb[to_skin] = skin_fill[to_skin]
            to_bg = clear & ~core & plain
            clear &= ~(~core & ~plain)
            out_rgb[to_bg] = bg_fill[to_bg]
            out_a[clear] = 1.0
    own_top_full: U8Image | None = None
    if trouser_ids and not upper_ids and own_top.any():
        rows_ = np.arange(wh)[:, None]
        waist_zone = (rows_ > neck_y + 0.8 * span) & (rows_ < mid_h[1] + 0.25 * span)
        ot = (surely_top & waist_zone).astype(np.float32)
        if ot.any():
            own_top_full = np.asarray(
                np.clip(
                    cv2.resize(cv2.GaussianBlur(ot, (0, 0), 0.7), (bw, bh), interpolation=cv2.INTER_LINEAR) * 255,
                    0,
                    255,
                ),
                np.uint8,
            )
    blobs: list[WarpedLayer] = []
    if out_a.any():
        out_a = cv2.GaussianBlur(out_a, (0, 0), 0.8)
        pre = np.dstack([out_rgb * out_a[..., None], out_a * 255.0]).astype(np.float32)
        # One layer per blob, each only as big as its box: compositing a still shopper touches
        # only the few strips the cover paints.
        n, _labels, stats, _c = cv2.connectedComponentsWithStats((out_a > 0.004).astype(np.uint8))
        for j in range(1, n):
            bx, by, bw_, bh_ = (int(v) for v in stats[j, :4])
            if stats[j, cv2.CC_STAT_AREA] < MIN_BLOB:
                continue
            fx0, fy0 = math.floor(bx / s_x), math.floor(by / s_y)
            fx1, fy1 = min(bw, math.ceil((bx + bw_) / s_x)), min(bh, math.ceil((by + bh_) / s_y))
            if fx1 <= fx0 or fy1 <= fy0:
                continue
            # Work pixel → frame pixel of this box (pixel centres aligned as cv2.resize does).
            m_up = np.array([[s_x, 0, 0.5 * s_x - 0.5 + fx0 * s_x], [0, s_y, 0.5 * s_y - 0.5 + fy0 * s_y]])
            patch = cv2.warpAffine(
                pre, m_up, (fx1 - fx0, fy1 - fy0), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderValue=0
            )
            # Carried fabric ends where the shopper's mask ends, at full resolution (a crisp
            # edge, not the working resolution's); cleared clothes are painted over its edge.
            r_up = cv2.warpAffine(
                reach_w, m_up, (fx1 - fx0, fy1 - fy0), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderValue=0
            )
            gx0, gy0, gx1, gy1 = x0 + fx0, y0 + fy0, x0 + fx1, y0 + fy1
            mx0, my0 = int(gx0 * sx), int(gy0 * sy)
            mx1, my1 = max(mx0 + 1, math.ceil(gx1 * sx)), max(my0 + 1, math.ceil(gy1 * sy))
            m_full = cv2.resize(np.ascontiguousarray(m[my0:my1, mx0:mx1], np.float32), (fx1 - fx0, fy1 - fy0))
            factor = r_up * np.clip(m_full * 1.5 - 0.25, 0.0, 1.0) + (1.0 - r_up)
            patch *= factor[..., None]
            blobs.append(WarpedLayer(np.clip(patch, 0, 255).astype(np.uint8), gx0, gy0, False))
    if not blobs and own_top_full is None:
        return None
    return Cover(tuple(blobs), own_top_full, x0, y0)
