"""Anchors of trousers and skirts from the silhouette: waistband corners, crotch, hips, knees,
ankles and each leg's cuff (skirts: the hem), each with a confidence; a bottom with no gap between
the legs is read as a skirt.
"""

from __future__ import annotations

import cv2
import numpy as np

from ..domain import Fit
from . import shapes as conv
from .findings import EDIT, Findings
from .photo import U8Image
from .silhouette import Detection, Vec, largest, row_extent, side_name, top_profile

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


def _waist(m: U8Image, y0: float, height: float, width: float, f: Findings) -> None:
    """The waistband's top corners: the ends of the top edge; sure when that edge is straight."""
    band = m[int(y0) : int(y0 + max(2.0, 0.03 * height))]
    cols = np.flatnonzero(band.any(axis=0))
    top = top_profile(m)
    inner = cols[int(0.1 * len(cols)) : max(int(0.9 * len(cols)), 1)]
    straight = len(inner) > 0 and float(np.ptp(top[inner])) < 0.06 * width
    conf = 0.9 if straight else 0.55
    why = "the waistband's top edge is not straight in the photo (a folded or tied waist)"
    f.put("left_waist", (float(cols.max()) + 1, float(top[cols.max()])), conf, why)
    f.put("right_waist", (float(cols.min()), float(top[cols.min()])), conf, why)


def detect_bottom(mask: U8Image) -> Detection:
    f = Findings()
    m = largest(mask)
    ys, xs = np.nonzero(m)
    y0, y1 = float(ys.min()), float(ys.max())
    x0, x1 = float(xs.min()), float(xs.max())
    height, width = y1 - y0, x1 - x0
    cx = (x0 + x1) / 2
    found, _ = cv2.findContours(m, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    cnt = max(found, key=cv2.contourArea)
    crotch = None
    best = 0.0
    hull = cv2.convexHull(cnt, returnPoints=False)
    try:
        defects = cv2.convexityDefects(cnt, hull)
    except cv2.error:
        defects = None
    if defects is not None:
        for _start_i, _end_i, far_i, depth in defects.reshape(-1, 4):
            fx, fy = cnt[far_i, 0]
            if abs(fx - cx) < 0.25 * width and fy > y0 + 0.15 * height and depth / 256 > max(best, 0.1 * height):
                best, crotch = depth / 256, np.array([float(fx), float(fy)])
    _waist(m, y0, height, width, f)
    if crotch is None:
        # A skirt: one piece from the waist.
        wext = row_extent(m, y0 + 0.02 * height) or (x0, x1)
        waist_w = wext[1] - wext[0]
        hip_y = y0 + 0.28 * waist_w
        ext = row_extent(m, hip_y) or (x0, x1)
        w_hip = ext[1] - ext[0]
        f.put("left_hip", (ext[1] - conv.HIP_IN * w_hip, hip_y), 0.8, required=True)
        f.put("right_hip", (ext[0] + conv.HIP_IN * w_hip, hip_y), 0.8, required=True)
        hip_w = f.anchors["left_hip"][0] - f.anchors["right_hip"][0]
        knee_y = hip_y + conv.LEG_THIGH * hip_w
        kext = row_extent(m, min(knee_y, y0 + 0.98 * height)) or (x0, x1)
        w_knee = kext[1] - kext[0]
        f.put("left_knee", (kext[1] - conv.KNEE_IN * w_knee, knee_y), 0.7, required=True)
        f.put("right_knee", (kext[0] + conv.KNEE_IN * w_knee, knee_y), 0.7, required=True)
        col = m[:, int(np.clip(round(cx), 0, m.shape[1] - 1))]
        rows = np.flatnonzero(col)
        hem_y = float(rows.max()) if len(rows) else y1
        # A skirt's middle reaches about as low as its sides; one that stops far above them is
        # more likely trousers whose legs touch (or a gap the cut-out filled) than a skirt.
        short = hem_y < y0 + 0.85 * height
        f.put(
            "hem",
            (cx, hem_y),
            0.3 if short else 0.9,
            "read as a skirt, but its middle ends far above its sides: it may be trousers whose legs "
            "touch in the photo",
            f'{EDIT}: if it is a skirt, select this note and press "Looks right"; if they are trousers, '
            "photograph them again with a little background showing between the legs",
        )
        f.notes.append("no gap between legs: read as a skirt")
        return f.detection(Fit.SKIRT)
    gap_top = crotch
    crotch = _gap_tip(m, gap_top, y0, y1)
    deep = best / max(height, 1.0)
    f.put(
        "crotch",
        crotch,
        0.9 if deep > 0.25 else 0.6 if deep > 0.15 else 0.4,
        "the gap between the legs is short in the photo, so the crotch was hard to place",
    )
    hip_y = y0 + (crotch[1] - y0) / 3
    ext = row_extent(m, hip_y) or (x0, x1)
    w_hip = ext[1] - ext[0]
    f.put("left_hip", (ext[1] - conv.HIP_IN * w_hip, hip_y), 0.8, required=True)
    f.put("right_hip", (ext[0] + conv.HIP_IN * w_hip, hip_y), 0.8, required=True)
    hip_w = f.anchors["left_hip"][0] - f.anchors["right_hip"][0]
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
        side = "left" if s > 0 else "right"
        hip = np.array(f.anchors[side_name(s, "hip")])
        leg = legs.get(s)
        if leg is None:
            end = hip + np.array([0.0, conv.LEG_THIGH * hip_w])
            knee = hip + (end - hip) / max(float(np.linalg.norm(end - hip)), 1e-6) * conv.LEG_THIGH * hip_w
            f.put(
                side_name(s, "knee"),
                knee,
                0.25,
                f"could not follow the {side} leg in the photo, so the {side} knee was placed straight below "
                f"the hip and the leg has no cuff",
                required=True,
            )
            continue
        ly, _lx = np.nonzero(leg)
        yb = float(ly.max())
        rows = np.arange(int(yb - max(1.0, 0.02 * height)), int(yb) + 1)
        mids = [sum(e) / 2 for r in rows if (e := row_extent(leg, float(r))) is not None]
        end = np.array([float(np.mean(mids)), yb + 1])
        f.put(side_name(s, "cuff"), end, 0.9)
        reach = float(np.linalg.norm(end - hip))
        if reach >= conv.LONG_LEG * hip_w:
            f.put(side_name(s, "ankle"), end, 0.9)
            ky = (hip[1] + end[1]) / 2
            leg_ext = row_extent(leg, ky)
            kx = sum(leg_ext) / 2 if leg_ext is not None else (hip[0] + end[0]) / 2
            f.put(side_name(s, "knee"), (kx, ky), 0.8 if leg_ext is not None else 0.45, required=True)
        else:
            knee = hip + (end - hip) / max(reach, 1e-6) * conv.LEG_THIGH * hip_w
            f.put(side_name(s, "knee"), knee, 0.75, required=True)
    return f.detection()
