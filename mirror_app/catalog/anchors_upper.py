"""Anchors of tops, outerwear and dresses from the silhouette, per docs/catalog.md: armpits,
shoulder seams and shoulders, collar corners and neck, straps, each sleeve's cuff and elbow (and
wrist when long), hips, knees on long garments, hem; each with a confidence.

The armpits come first and everything hangs on them: walking down each side from the middle,
the garment's edge jumps inwards where a sleeve's underside meets the body (a sleeve lying against
the body leaves a gap instead, with the same jump). Without a jump the side is an armhole curve
(sleeveless) or could not be read; the two armpits are checked against each other (a garment is
symmetric), so one found on a print or a fold is caught.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from ..domain import Category
from . import shapes as conv
from .findings import EDIT, Findings, add_fix, words
from .photo import U8Image
from .silhouette import Detection, Vec, largest, outline, path_between, row_extent, side_name, top_profile

SLEEVE_DROP = 0.12  # the side steps in by this share of the body's width under a sleeve
CAP_SLEEVE = 0.12  # a sleeve shorter than this (× seam span) from its root is a cap: no elbow
LONG_FROM_ROOT = 0.8  # a sleeve this long (× seam span) from the armhole's middle reaches the wrist
ELBOW_AT = conv.ELBOW_AT
ARMPIT_DEPTH_MIN = 0.15  # one closer than this to its seam is the armhole's top, not its bottom
ARMHOLE_DEPTH_MAX = 0.9  # the same for a sleeveless armhole's bottom
ARMPIT_DEPTH_MAX = 1.3  # an armpit deeper than this (× seam span) below its seam is doubtful
HIPS_BELOW_ARMPITS = 0.55  # dresses and coats: hips at least this far (× seam span) below the armpits


@dataclass(frozen=True)
class _Sleeve:
    cuff: Vec  # centre of the sleeve's end
    line_from: Vec  # the centre line: from here…
    line_dir: Vec  # …in this direction
    slices: int  # how many slices across the sleeve gave its centre line (evidence)


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
    return _Sleeve(end, start, direction, len(ts))


def _reach(m: U8Image, cx: int, side: int, rows: npt.NDArray[np.int64], skip: float) -> Vec:
    """Per row, how far from column ``cx`` (towards ``side``) the first stretch of garment ends;
    the stretch may start up to ``skip`` pixels out (an open front, a V-neck). NaN: none."""
    out = np.full(len(rows), np.nan)
    for i, y in enumerate(rows):
        line = m[y, cx:] if side > 0 else m[y, : cx + 1][::-1]
        on = np.flatnonzero(line)
        if len(on) == 0 or on[0] > skip:
            continue
        first = int(on[0])
        gap = np.flatnonzero(line[first:] == 0)
        out[i] = float(first + (gap[0] if len(gap) else len(line) - first))
    return out


@dataclass(frozen=True)
class _Armpit:
    at: Vec
    confidence: float
    sleeved: bool
    how: str  # "step" (a sleeve's underside), "armhole" (sleeveless), "guess"


def _on_sleeve(pixels: Vec, guess: Vec, axis: Vec) -> tuple[Vec, bool]:
    """``guess`` moved across the sleeve to the middle of its slice there (so an elbow is on the
    sleeve's middle line); False when the sleeve has no cloth at that slice."""
    u = axis / max(float(np.linalg.norm(axis)), 1e-9)
    perp = np.array([-u[1], u[0]])
    rel = pixels - guess
    sel = np.abs(rel @ u) < 2.5
    if sel.sum() < 3:
        return guess, False
    q = rel[sel] @ perp
    return np.asarray(guess + perp * (float(q.min()) + float(q.max())) / 2, np.float64), True


def _find_armpit(m: U8Image, cx: float, side: int, y0: float, limit: float, body_w: float) -> _Armpit | None:
    h, w = m.shape
    col = int(np.clip(round(cx), 0, w - 1))
    rows = np.arange(int(y0 + 0.03 * (limit - y0)), int(min(h - 1, limit)) + 1)
    if len(rows) < 6:
        return None
    # From the middle column where it is cloth (not across a neckline's opening); an open front
    # (a cardigan) has no cloth there: then from the nearest cloth on this side.
    reach = _reach(m, col, side, rows, 0.02 * body_w)
    if np.isfinite(reach).mean() < 0.4:
        reach = _reach(m, col, side, rows, 0.3 * body_w)
    ok = np.isfinite(reach)
    if ok.sum() < 6:
        return None
    window = max(3, int(0.08 * body_w))
    drop = np.zeros(len(rows))
    for k in np.flatnonzero(ok)[1:]:
        before = reach[max(0, k - window) : k]
        after = reach[k : k + max(2, window // 3)]
        if np.isfinite(before).any() and np.isfinite(after).sum() >= max(1, len(after) // 2):
            drop[k] = float(np.nanmax(before) - np.nanmedian(after))  # a step that lasts, not a thin strip
    k = int(np.argmax(drop))
    if drop[k] >= SLEEVE_DROP * body_w:
        # The corner: the first row whose edge is already in at the body's side (a slanted
        # underside steps in over many rows).
        side_at = float(np.nanmedian(reach[k : k + max(2, window // 3)]))
        j = k + int(np.argmax(np.nan_to_num(reach[k:], nan=np.inf) <= side_at + 0.02 * body_w))
        strength = (drop[k] / body_w - SLEEVE_DROP) / 0.25
        conf = 0.6 + 0.4 * float(np.clip(strength, 0, 1))
        return _Armpit(np.array([col + side * reach[j], float(rows[j])]), conf, True, "step")
    # No step: an armhole curving out to the side (sleeveless). The armpit is where the curve
    # turns down into the side: the reach stops growing fast.
    smooth = np.convolve(np.where(ok, reach, np.nanmedian(reach)), np.ones(5) / 5, mode="same")
    slope = np.gradient(smooth)
    steep = np.flatnonzero(slope[3:-3] > 0.6) + 3
    if len(steep) == 0:
        return None
    levels_off = np.flatnonzero((np.arange(len(slope)) > steep[-1]) & (slope < 0.25))
    if len(levels_off) == 0:
        return None
    k = int(levels_off[0])
    at = np.array([col + side * smooth[k], float(rows[k])])
    # Cloth further out below this point is a sleeve hanging there, not an armhole: sleeved,
    # with an armpit nobody should trust.
    below = m[int(at[1]) : int(min(h, at[1] + 0.5 * body_w))]
    outer = below[:, int(at[0] + 0.1 * body_w) :] if side > 0 else below[:, : max(int(at[0] - 0.1 * body_w), 0)]
    if outer.size and outer.mean() > 0.05:
        return _Armpit(at, 0.3, True, "hanging")
    return _Armpit(at, 0.6, False, "armhole")


def _check_pair(pits: dict[int, _Armpit], cx: float, body_w: float) -> tuple[dict[int, _Armpit], str]:
    """A garment is symmetric: two armpits at different heights or distances from the middle
    mean one of them is wrong; both lose confidence."""
    a, b = pits[1], pits[-1]
    dy = abs(a.at[1] - b.at[1]) / body_w
    dx = abs((a.at[0] - cx) - (cx - b.at[0])) / body_w
    if dy <= 0.12 and dx <= 0.25 and a.sleeved == b.sleeved:
        return pits, ""
    why = "the left and right armpits found are not level with each other, so one of them is probably wrong"
    return {s: _Armpit(p.at, min(p.confidence, 0.4), p.sleeved, p.how) for s, p in pits.items()}, why


def _seam_sleeveless(contour: Vec, cx: float, width: float, armpit: Vec, side: int) -> Vec:
    """The armhole's top corner: the outline's point furthest out from the neck → armpit chord."""
    on_side = np.flatnonzero((contour[:, 0] - cx) * side > 0.02 * width)
    i_neck = int(on_side[np.argmin(contour[on_side, 1] + 1e-3 * np.abs(contour[on_side, 0] - cx))])
    i_pit = int(np.argmin(np.linalg.norm(contour - armpit, axis=1)))
    path = path_between(contour, i_neck, i_pit)
    chord = path[-1] - path[0]
    normal = np.array([chord[1], -chord[0]]) * side
    if normal[0] * side < 0:
        normal = -normal
    return np.asarray(path[int(np.argmax((path - path[0]) @ normal))], np.float64)


def _neck_and_collars(top: Vec, seams: dict[int, Vec], f: Findings) -> None:
    """The neck at the neckline's lowest point between the seams; the collar corners at the
    highest points of the top edge beside it."""
    mid = (seams[1][0] + seams[-1][0]) / 2
    sw = max(abs(seams[1][0] - seams[-1][0]), 1.0)
    w = len(top)
    lo = int(np.clip(round(mid - 0.3 * sw), 0, w - 1))
    hi = int(np.clip(round(mid + 0.3 * sw), lo, w - 1))
    band = top[lo : hi + 1]
    finite = np.isfinite(band)
    if not finite.any():
        f.put("neck", (mid, min(seams[1][1], seams[-1][1])), 0.2, "the neckline could not be seen", required=True)
        return
    # The neckline's rims: the highest points of the top edge on each side of the middle; the
    # neck is the deepest point between them (not the band's edge, where the shoulders slope).
    cols = lo + np.flatnonzero(finite)
    ys = top[cols]
    rims = []
    for half in (cols >= mid, cols <= mid):
        c, y = cols[half], ys[half]
        if len(c) == 0:
            rims.append(mid)
            continue
        near = c[y <= float(y.min()) + 0.01 * sw]
        rims.append(float(near[np.argmin(np.abs(near - mid))]))
    between = cols[(cols > min(rims)) & (cols < max(rims))]
    if len(between) and float(top[between].max()) > float(ys.min()) + 0.02 * sw:
        deepest = float(top[between].max())
        at = between[top[between] >= deepest - 1]
        neck = np.array([float(at.mean()), deepest])
    else:
        xm = (rims[0] + rims[1]) / 2
        neck = np.array([xm, float(top[int(np.clip(round(xm), 0, w - 1))])])
    # A neckline that dips shows its corners at the rim's highest points next to the dip; a
    # straight top edge (a crew neck laid flat shows its back neckline) ends where the shoulders
    # start to slope down.
    dips = False
    collars: dict[int, Vec] = {}
    for s in (1, -1):
        a, b = sorted((neck[0], neck[0] + (seams[s][0] - neck[0]) * 0.7))
        cc = np.arange(int(np.floor(a)), int(np.ceil(b)) + 1)
        cc = cc[(cc >= 0) & (cc < w)]
        cc = cc[np.isfinite(top[cc])]
        if len(cc) == 0:
            continue
        best = float(top[cc].min())
        dips = dips or neck[1] - best >= 0.025 * sw
        collars[s] = np.array([float(cc[np.argmin(np.abs(cc - neck[0]) + 1e6 * (top[cc] > best + 0.01 * sw))]), best])
    if not dips:
        for s, c in collars.items():
            a, b = sorted((neck[0], neck[0] + (seams[s][0] - neck[0]) * 0.7))
            cc = np.arange(int(np.floor(a)), int(np.ceil(b)) + 1)
            cc = cc[(cc >= 0) & (cc < w)]
            flat = cc[np.isfinite(top[cc]) & (top[cc] <= c[1] + 0.03 * sw)]
            if len(flat):
                far = flat[np.argmax(np.abs(flat - neck[0]))]
                collars[s] = np.array([float(far), float(top[far])])
    conf, why = 0.85, ""
    if abs(neck[0] - mid) > 0.12 * sw:
        conf, why = 0.3, "the neckline's lowest point is off the garment's middle (a one-shoulder cut, or the photo)"
    elif collars and neck[1] < min(c[1] for c in collars.values()) - 0.03 * sw:
        conf, why = 0.4, "a collar or hood stands up above the shoulders, so the neck dot sits on its top edge"
    f.put("neck", neck, conf, why, required=True)
    for s, c in collars.items():
        apart = abs(c[0] - neck[0]) / sw
        good = (0.85 if dips else 0.7) if apart >= 0.06 else 0.4
        f.put(side_name(s, "collar"), c, min(good, conf + 0.1), "the neckline's corner was hard to see")


def _strap(m: U8Image, top: Vec, collar: Vec | None, seam: Vec, sw: float) -> Vec | None:
    """A narrow strap between collar and seam (camisoles): the middle of its top end."""
    if collar is None:
        return None
    a, b = sorted((collar[0], seam[0]))
    cols = np.arange(int(a), int(b) + 1)
    cols = cols[(cols >= 0) & (cols < len(top))]
    if len(cols) < 3 or not np.isfinite(top[cols]).any():
        return None
    y_top = float(np.nanmin(np.where(np.isfinite(top[cols]), top[cols], np.nan)))
    tip = cols[top[cols] <= y_top + 0.02 * sw]
    x = round(float(tip.mean()))
    # A strap is a narrow band with background on both sides, below its top end.
    probe = int(np.clip(round(y_top + 0.1 * sw), 0, m.shape[0] - 1))
    row = m[probe]
    if not row[x]:
        return None
    off = np.flatnonzero(row == 0)
    left, right = off[off < x], off[off > x]
    if not len(left) or not len(right) or right[0] - left[-1] > 0.2 * sw:
        return None
    return np.array([float(tip.mean()), y_top])


def detect_upper(mask: U8Image, category: Category) -> Detection:
    f = Findings()
    m = largest(mask)
    ys, xs = np.nonzero(m)
    y0, y1 = float(ys.min()), float(ys.max())
    x0, x1 = float(xs.min()), float(xs.max())
    height, width = y1 - y0, x1 - x0
    top = top_profile(m)
    contour = outline(m)
    # The middle: halfway between the outline's sides in the top fifth (prints do not move it).
    band_rows = m[int(y0) : int(y0 + 0.2 * height) + 1]
    band_cols = np.flatnonzero(band_rows.any(axis=0))
    cx = float(band_cols.min() + band_cols.max()) / 2
    # The body's width: the stretch of cloth through the middle, below the chest (sleeves hanging
    # beside it with a gap are not counted).
    col = int(np.clip(round(cx), 0, m.shape[1] - 1))
    probe = np.linspace(y0 + 0.45 * height, y0 + 0.9 * height, 12).astype(np.int64)
    right_r = _reach(m, col, -1, probe, 0.3 * width)
    left_r = _reach(m, col, 1, probe, 0.3 * width)
    runs = (left_r + right_r)[np.isfinite(left_r + right_r)]
    body_w = float(np.median(runs)) if len(runs) else width
    limit = y0 + min(0.8 * height, 1.1 * body_w)

    found = {s: _find_armpit(m, cx, s, y0, limit, body_w) for s in (1, -1)}
    why_pair = ""
    if found[1] is not None and found[-1] is not None:
        pits, why_pair = _check_pair({1: found[1], -1: found[-1]}, cx, body_w)
    else:
        pits = {}
        for s in (1, -1):
            p = found[s]
            if p is None:
                other = found[-s]
                at = (
                    np.array([2 * cx - other.at[0], other.at[1]])
                    if other is not None
                    else np.array([cx + s * 0.42 * body_w, y0 + 0.3 * body_w])
                )
                p = _Armpit(at, 0.2, other.sleeved if other is not None else True, "guess")
            pits[s] = p

    # Shoulder seam ends: above the armpit when a sleeve covers it, else the armhole's corner.
    seams: dict[int, Vec] = {}
    for s in (1, -1):
        a = pits[s].at
        if pits[s].sleeved:
            col = int(np.clip(round(a[0]), 0, m.shape[1] - 1))
            seams[s] = np.array([a[0], float(top[col]) if np.isfinite(top[col]) else y0])
        else:
            seams[s] = _seam_sleeveless(contour, cx, width, a, s)
    sw = max(float(abs(seams[1][0] - seams[-1][0])), 1.0)
    # "Sleeveless" but far wider than its shoulders near the top: sleeves lying against the body
    # (one outline with the body), not armholes. Say so instead of writing a sleeveless top.
    merged = False
    if not pits[1].sleeved and not pits[-1].sleeved:
        upper = [e[1] - e[0] for y in np.linspace(y0, y0 + 0.8 * sw, 12) if (e := row_extent(m, y))]
        merged = bool(upper) and max(upper) > 1.6 * sw
    if merged:
        for s in (1, -1):
            pits[s] = _Armpit(pits[s].at, 0.3, False, "merged")
            side = "left" if s > 0 else "right"
            f.missing(
                f"{side}_elbow",
                f"the {side} sleeve lies against the body in the photo, so it could not be followed: the item "
                f"has no {side} elbow or cuff and that sleeve moves with the body, not with the arm",
                add_fix(f"{side}_elbow") + f"; then add the {side} cuff at the middle of the sleeve's opening "
                "(or photograph the garment with its sleeves spread a little away from the body)",
            )
    for s in (1, -1):
        depth = (pits[s].at[1] - seams[s][1]) / sw
        if depth > (ARMPIT_DEPTH_MAX if pits[s].sleeved else ARMHOLE_DEPTH_MAX):
            pits[s] = _Armpit(pits[s].at, min(pits[s].confidence, 0.35), pits[s].sleeved, "deep")
        elif depth < ARMPIT_DEPTH_MIN:
            pits[s] = _Armpit(pits[s].at, min(pits[s].confidence, 0.35), pits[s].sleeved, "shallow")
    level = abs(seams[1][1] - seams[-1][1]) / sw
    uneven = "the shoulders are not level in the outline (a one-shoulder cut?)"
    for s in (1, -1):
        p = pits[s]
        name = side_name(s, "armpit")
        if p.how == "guess":
            why = (
                f"could not see where the {'left' if s > 0 else 'right'} sleeve meets the body, so the "
                f"{'left' if s > 0 else 'right'} armpit dot was placed from the garment's proportions"
            )
        elif p.how == "merged":
            why = (
                f"the outline shows no {words(name)} (the sleeve lies against the body), so it was put "
                "where the side turns down"
            )
        elif p.how == "deep":
            why = (
                f"the {words(name)} came out far below the shoulder (the sleeve probably lies against the "
                "body down to there, or a hem or tie made the step)"
            )
        elif p.how == "shallow":
            why = f"the {words(name)} came out at the top edge: the armhole could not be read in the outline"
        elif p.how == "hanging":
            why = f"the sleeve hangs close to the body, so the {words(name)} is hard to see"
        else:
            why = why_pair or "the corner under the sleeve was faint in the outline"
        f.put(name, p.at, p.confidence, why)
        seam_conf, seam_why = min(0.85, p.confidence + 0.1), ""
        if p.confidence < 0.5:
            seam_conf = p.confidence
            seam_why = f"it was placed above the {words(name)}, which is itself uncertain"
        elif level >= 0.25:
            seam_conf, seam_why = 0.35, uneven
        f.put(side_name(s, "shoulder_seam"), seams[s], seam_conf, seam_why)
        sx = seams[s][0] - s * conv.SHOULDER_IN * sw
        col = int(np.clip(round(sx), 0, m.shape[1] - 1))
        sy = float(top[col]) if np.isfinite(top[col]) else seams[s][1]
        f.put(side_name(s, "shoulder"), (sx, sy), seam_conf, seam_why, required=True)
    shoulder = {s: np.array(f.anchors[side_name(s, "shoulder")]) for s in (1, -1)}
    sw_anchor = float(np.linalg.norm(shoulder[1] - shoulder[-1]))

    _neck_and_collars(top, seams, f)
    for s in (1, -1):
        if not pits[s].sleeved:
            c = f.anchors.get(side_name(s, "collar"))
            strap = _strap(m, top, np.array(c) if c else None, seams[s], sw)
            if strap is not None:
                f.put(side_name(s, "strap"), strap, 0.8)
    if not merged and not pits[1].sleeved and not pits[-1].sleeved:
        f.notes.append("read as sleeveless: armholes, no sleeves")
    # A top or coat read as sleeveless without straps may have sleeves lying against the body,
    # which the outline cannot tell apart: ask.
    for s in (1, -1):
        side = "left" if s > 0 else "right"
        if pits[s].how == "armhole" and category is not Category.DRESS and not f.has(f"{side}_strap"):
            f.put(
                f"{side}_armpit",
                pits[s].at,
                0.45,
                "read as sleeveless: the outline shows an armhole, not a sleeve",
                f"if it has sleeves, {EDIT} and add the {side} elbow and {side} cuff on the sleeve (choose "
                'them in the Add list); if it is sleeveless, select this note and press "Looks right"',
            )

    body = _sleeves(m, pits, seams, shoulder, sw, sw_anchor, f)

    # The hem in the middle (a tie or a slanted hem hanging lower at one side is not the hem).
    mid = (seams[1][0] + seams[-1][0]) / 2
    lo_c = int(np.clip(round(mid - 0.05 * sw), 0, m.shape[1] - 1))
    rows = np.flatnonzero(body[:, lo_c : round(mid + 0.05 * sw) + 1].any(axis=1))
    by, _bx = np.nonzero(body)
    hem = float(rows.max()) if len(rows) else float(by.max())
    length = hem - y0
    shoulder_y = (shoulder[1][1] + shoulder[-1][1]) / 2
    hem_hip = hem - 0.02 * length
    pit_y = (pits[1].at[1] + pits[-1].at[1]) / 2
    # Hips lie well below the armpits whatever the shoulders say (puff sleeves make them narrow).
    low = max(shoulder_y + conv.HIP_DROP * sw_anchor, pit_y + HIPS_BELOW_ARMPITS * sw)
    hip_y = hem_hip if category is Category.TOP else min(hem_hip, low)
    ext = row_extent(body, hip_y) or (x0, x1)
    w_hip = ext[1] - ext[0]
    f.put("left_hip", (ext[1] - conv.HIP_IN * w_hip, hip_y), 0.8, required=True)
    f.put("right_hip", (ext[0] + conv.HIP_IN * w_hip, hip_y), 0.8, required=True)
    knee_y = hip_y + conv.THIGH * sw_anchor
    if category is not Category.TOP and knee_y <= hem_hip:
        kext = row_extent(body, knee_y)
        if kext is not None:
            w_knee = kext[1] - kext[0]
            f.put("left_knee", (kext[1] - conv.KNEE_IN * w_knee, knee_y), 0.7)
            f.put("right_knee", (kext[0] + conv.KNEE_IN * w_knee, knee_y), 0.7)
    # On the last row of cloth: the rig reads the sides there (a row below is empty).
    f.put("hem", (mid, hem), 0.9 if len(rows) else 0.4, "the hem's middle was hard to see")
    return f.detection()


def _sleeves(
    m: U8Image,
    pits: dict[int, _Armpit],
    seams: dict[int, Vec],
    shoulder: dict[int, Vec],
    sw: float,
    sw_anchor: float,
    f: Findings,
) -> U8Image:
    """Cut along each armhole (seam end → armpit), follow the sleeve outside it: cuff, elbow,
    wrist. Returns the body without its sleeves."""
    cut = m.copy()
    for s in (1, -1):
        if pits[s].sleeved:
            a, e = pits[s].at, seams[s]
            d = e - a
            n = max(float(np.linalg.norm(d)), 1e-6)
            far, start = a + d / n * (m.shape[0] + m.shape[1]), a - d / n * 3
            cv2.line(cut, (round(start[0]), round(start[1])), (round(far[0]), round(far[1])), 0, 3)
    n_lab, labels, stats, cents = cv2.connectedComponentsWithStats(cut, connectivity=4)
    if n_lab <= 1:
        return m
    body_label = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    body: U8Image = np.asarray(labels == body_label, np.uint8)
    total = float(m.sum())
    for s in (1, -1):
        if not pits[s].sleeved:
            continue
        side = "left" if s > 0 else "right"
        a, e = pits[s].at, seams[s]
        best, best_area = None, 0.01 * total
        for lab in range(1, n_lab):
            if lab != body_label and (cents[lab][0] - a[0]) * s > 0 and stats[lab, cv2.CC_STAT_AREA] > best_area:
                best, best_area = lab, stats[lab, cv2.CC_STAT_AREA]
        sl, pixels = None, np.zeros((0, 2))
        if best is not None:
            py, px = np.nonzero(labels == best)
            pixels = np.stack([px, py], axis=1).astype(np.float64)
            sl = _sleeve(pixels, (a + e) / 2)
        if sl is None:
            f.missing(
                f"{side}_elbow",
                f"could not follow the {side} sleeve in the photo (it may lie against the body), so the item "
                f"has no {side} elbow or cuff and that sleeve moves with the body, not with the arm",
                add_fix(f"{side}_elbow") + f"; then add the {side} cuff at the middle of the sleeve's opening "
                "(or photograph the garment with its sleeves spread a little away from the body)",
            )
            continue
        root = (a + e) / 2
        length = float(np.linalg.norm(sl.cuff - root))
        if length < CAP_SLEEVE * sw:
            continue  # a cap sleeve: it ends above the elbow and has no axis to follow
        conf = 0.85 if sl.slices >= 3 else 0.45
        hard = f"the {side} sleeve's end was hard to make out"
        if pits[s].confidence < 0.5:  # the sleeve was cut off at an uncertain armpit
            conf = min(conf, pits[s].confidence + 0.05)
            hard = f"the {side} armpit is uncertain, so what was followed as the {side} sleeve may not be it"
        sh = shoulder[s]
        f.put(f"{side}_cuff", sl.cuff, conf, hard)
        reach = float(np.linalg.norm(sl.cuff - sh))
        # Measured from the armhole's middle, as a dropped shoulder does not make a sleeve long.
        if length >= LONG_FROM_ROOT * sw:
            f.put(f"{side}_wrist", sl.cuff, conf, hard)
            el, inside = _on_sleeve(pixels, sh + ELBOW_AT * (sl.cuff - sh), sl.cuff - root)
        else:
            el = sh + (sl.cuff - sh) / max(reach, 1e-6) * conv.UPPER_ARM * sw_anchor
            inside = True
        off_line = f"the {side} sleeve's direction was unclear, so the {side} elbow may be off its middle line"
        f.put(f"{side}_elbow", el, conf if inside else min(conf, 0.4), hard if inside else off_line)
    return body
