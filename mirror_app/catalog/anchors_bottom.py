"""Anchors of trousers and skirts from the silhouette: crotch, hips, knees, ankles; a bottom with
no gap between the legs is read as a skirt.
"""

from __future__ import annotations

import cv2
import numpy as np

from ..domain import Fit
from . import shapes as conv
from .photo import U8Image
from .silhouette import Anchors, Detection, Vec, largest, row_extent, side_name

GAP_CLOSING = 1.5  # pixels; measured on the test photos (tests/catalog/photos.py)


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


def detect_bottom(mask: U8Image) -> Detection:
    notes: list[str] = []
    m = largest(mask)
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
        wext = row_extent(m, y0 + 0.02 * height) or (x0, x1)
        waist_w = wext[1] - wext[0]
        hip_y = y0 + 0.28 * waist_w
        ext = row_extent(m, hip_y) or (x0, x1)
        w_hip = ext[1] - ext[0]
        anchors["left_hip"] = (ext[1] - conv.HIP_IN * w_hip, hip_y)
        anchors["right_hip"] = (ext[0] + conv.HIP_IN * w_hip, hip_y)
        hip_w = anchors["left_hip"][0] - anchors["right_hip"][0]
        knee_y = hip_y + conv.LEG_THIGH * hip_w
        kext = row_extent(m, min(knee_y, y0 + 0.98 * height)) or (x0, x1)
        w_knee = kext[1] - kext[0]
        anchors["left_knee"] = (kext[1] - conv.KNEE_IN * w_knee, knee_y)
        anchors["right_knee"] = (kext[0] + conv.KNEE_IN * w_knee, knee_y)
        return Detection(anchors, fit=Fit.SKIRT, notes=("no gap between legs: read as a skirt",))
    gap_top = crotch
    crotch = _gap_tip(m, gap_top, y0, y1)
    anchors["crotch"] = (float(crotch[0]), float(crotch[1]))
    hip_y = y0 + (crotch[1] - y0) / 3
    ext = row_extent(m, hip_y) or (x0, x1)
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
        hip = np.array(anchors[side_name(s, "hip")])
        leg = legs.get(s)
        if leg is None:
            notes.append(f"could not follow the {'left' if s > 0 else 'right'} leg")
            end = hip + np.array([0.0, conv.LEG_THIGH * hip_w])
        else:
            ly, _lx = np.nonzero(leg)
            yb = float(ly.max())
            rows = np.arange(int(yb - max(1.0, 0.02 * height)), int(yb) + 1)
            mids = [sum(e) / 2 for r in rows if (e := row_extent(leg, float(r))) is not None]
            end = np.array([float(np.mean(mids)), yb + 1])
        reach = float(np.linalg.norm(end - hip))
        if leg is not None and reach >= conv.LONG_LEG * hip_w:
            anchors[side_name(s, "ankle")] = (float(end[0]), float(end[1]))
            ky = (hip[1] + end[1]) / 2
            leg_ext = row_extent(leg, ky)
            kx = sum(leg_ext) / 2 if leg_ext is not None else (hip[0] + end[0]) / 2
            anchors[side_name(s, "knee")] = (float(kx), float(ky))
        else:
            knee = hip + (end - hip) / max(reach, 1e-6) * conv.LEG_THIGH * hip_w
            anchors[side_name(s, "knee")] = (float(knee[0]), float(knee[1]))
    return Detection(anchors, notes=tuple(notes))
