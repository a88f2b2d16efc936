"""Anchors of tops, outerwear and dresses from the silhouette: armpits, shoulders, neck, sleeves,
hips (and knees on long garments), per docs/catalog.md.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import cv2
import numpy as np

from ..domain import Category
from . import shapes as conv
from .photo import U8Image
from .silhouette import (
    Anchors,
    Detection,
    Vec,
    concavity,
    largest,
    outline,
    path_between,
    row_extent,
    side_name,
    top_profile,
)


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


def detect_upper(mask: U8Image, category: Category) -> Detection:
    notes: list[str] = []
    m = largest(mask)
    ys, xs = np.nonzero(m)
    y0, y1 = float(ys.min()), float(ys.max())
    x0, x1 = float(xs.min()), float(xs.max())
    height, width = y1 - y0, x1 - x0
    cx = float(xs.mean())
    top = top_profile(m)
    contour = outline(m)
    k = max(4, len(contour) // 90)
    bend = concavity(contour, k)

    # Armpits lie within about half a shoulder width below the top (not at a dress's waist).
    top_row = row_extent(m, y0 + 0.03 * height) or (x0, x1)
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
        path = path_between(contour, i_neck, i_pit)
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
        anchors[side_name(s, "shoulder")] = (float(sx), sy)
    shoulder = {s: np.array(anchors[side_name(s, "shoulder")]) for s in (1, -1)}
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
        anchors[side_name(s, "armpit")] = (float(a[0]), float(a[1]))
        sh = shoulder[s]
        reach = float(np.linalg.norm(sl.cuff - sh))
        if reach >= conv.LONG_SLEEVE * sw_anchor:
            anchors[side_name(s, "wrist")] = (float(sl.cuff[0]), float(sl.cuff[1]))
            span = float((sl.cuff - sl.line_from) @ sl.line_dir)
            ts = np.linspace(0, span, 800)
            line = sl.line_from + np.outer(ts, sl.line_dir)
            dist = np.linalg.norm(line - sh, axis=1)
            el = line[int(np.argmin(np.abs(dist - conv.ELBOW_AT * reach)))]
        else:
            el = sh + (sl.cuff - sh) / max(reach, 1e-6) * conv.UPPER_ARM * sw_anchor
        anchors[side_name(s, "elbow")] = (float(el[0]), float(el[1]))
    for s in (1, -1):
        if sleeved[s] and side_name(s, "elbow") not in anchors:
            notes.append(f"could not follow the {'left' if s > 0 else 'right'} sleeve; it moves with the body")

    by, _bx = np.nonzero(body)
    hem = float(by.max())
    length = hem - y0
    shoulder_y = (shoulder[1][1] + shoulder[-1][1]) / 2
    hem_hip = hem - 0.02 * length
    hip_y = hem_hip if category is Category.TOP else min(hem_hip, shoulder_y + conv.HIP_DROP * sw_anchor)
    ext = row_extent(body, hip_y) or (x0, x1)
    w_hip = ext[1] - ext[0]
    anchors["left_hip"] = (ext[1] - conv.HIP_IN * w_hip, hip_y)
    anchors["right_hip"] = (ext[0] + conv.HIP_IN * w_hip, hip_y)
    knee_y = hip_y + conv.THIGH * sw_anchor
    if category is not Category.TOP and knee_y <= hem_hip:
        kext = row_extent(body, knee_y)
        if kext is not None:
            w_knee = kext[1] - kext[0]
            anchors["left_knee"] = (kext[1] - conv.KNEE_IN * w_knee, knee_y)
            anchors["right_knee"] = (kext[0] + conv.KNEE_IN * w_knee, knee_y)
    return Detection(anchors, notes=tuple(notes))
