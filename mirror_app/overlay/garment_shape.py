"""What the rig reads from a garment picture: its outline marks (collar, shoulder seams, straps,
armpits, sleeve axes and cuffs, sides, waist, crotch, hem), from its anchors where it has them and
measured from the picture's alpha where it does not (old v1 catalogs, partial imports).

Everything is in the picture's own pixels; docs/catalog.md (its anchors section) defines where
each mark sits. Built once per garment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt

from ..domain import Category, Fit
from .garment import Garment

Vec = npt.NDArray[np.float64]

OPAQUE = 128
V1_SEAM_OUT = 1 / 6  # v1 shoulders sit 1/8 of the seam span in: the seam is 1/6 of their span out
SIDE_LEVELS = 16
BENDS_BEYOND = 0.8  # sleeves longer than this (× seam span) from their root bend at the elbow
ELBOW_AT = 0.53  # of a wrist-length sleeve, from its root
LONG_SLEEVE = 1.05  # a sleeve this long from the shoulder (× seam span) is meant to reach the wrist
LEG_STATIONS = 12


@dataclass(frozen=True, eq=False)
class Sleeve:
    seam: Vec  # top of the sleeve's root (the shoulder seam's outer end)
    armpit: Vec  # bottom of the root
    cuff: Vec  # middle of the opening
    elbow: Vec | None  # where it bends; None for sleeves that end above the elbow
    width: float  # across the sleeve, halfway along it (pixels)
    full: bool  # meant to reach the wrist (a long sleeve)
    profile: Vec | None = None  # (K, 3): fraction along top → cuff, edge offsets towards the seam side and away

    def edges_at(self, f: float) -> tuple[float, float]:
        """The sleeve's two edges at fraction ``f`` of its reach: distances from its axis towards
        its top (seam) side and its underside."""
        if self.profile is None or len(self.profile) < 2:
            return self.width / 2, self.width / 2
        p = self.profile
        return float(np.interp(f, p[:, 0], p[:, 1])), float(np.interp(f, p[:, 0], p[:, 2]))

    @property
    def root(self) -> Vec:
        return np.asarray((self.seam + self.armpit) / 2, dtype=np.float64)

    @property
    def length(self) -> float:
        return float(np.linalg.norm(self.cuff - self.root))

    @property
    def axis(self) -> Vec:
        return np.asarray((self.cuff - self.root) / max(self.length, 1e-9), dtype=np.float64)

    @property
    def top(self) -> Vec:
        """Where the sleeve's axis passes the shoulder seam: the shoulder joint's place on it."""
        return np.asarray(self.root + self.axis * float((self.seam - self.root) @ self.axis), dtype=np.float64)

    @property
    def reach(self) -> float:
        """The sleeve's length from its top (as an arm is measured from the shoulder joint)."""
        return float(np.linalg.norm(self.cuff - self.top))


@dataclass(frozen=True, eq=False)
class UpperShape:
    """A top, dress or coat. Sides are x at ``levels`` (picture rows, armpit to hem)."""

    collar: tuple[Vec, Vec]  # left, right (the wearer's; left is on the picture's right)
    seam: tuple[Vec, Vec]
    strap: tuple[Vec, Vec] | None
    neck: Vec
    armpit: tuple[Vec, Vec]
    sleeves: tuple[Sleeve | None, Sleeve | None]
    levels: Vec
    left: Vec
    right: Vec
    hem_y: float
    hip_y: float  # where the skirt of a dress starts to follow the legs (v1 hips' level)
    waist_y: float | None  # a waist seam's level, when marked
    neckline: Vec = field(
        default_factory=lambda: np.zeros((0, 2))
    )  # (K, 2) the front neckline between the collar corners

    @property
    def span(self) -> float:
        return float(np.linalg.norm(self.seam[0] - self.seam[1]))

    def side_x(self, y: Vec | float, left: bool) -> Vec:
        return np.asarray(np.interp(y, self.levels, self.left if left else self.right), dtype=np.float64)


@dataclass(frozen=True, eq=False)
class LegShape:
    """One trouser leg: its centre line from the crotch level to the cuff, and half widths."""

    top: Vec  # centre of the leg at the crotch's level
    knee: Vec
    cuff: Vec
    stations: Vec  # (K, 2) along top → knee → cuff
    outer: Vec  # (K,) distance from the centre line to the outer edge
    inner: Vec


@dataclass(frozen=True, eq=False)
class LowerShape:
    """Trousers, shorts or a skirt."""

    waist: tuple[Vec, Vec]  # waistband's top outer corners (left, right)
    crotch: Vec
    hip: tuple[Vec, Vec]  # v1 hip anchors
    legs: tuple[LegShape, LegShape] | None  # None for skirts
    levels: Vec  # side profile rows, waist to crotch (skirts: to the hem)
    left: Vec
    right: Vec
    hem_y: float

    @property
    def span(self) -> float:
        return float(np.linalg.norm(self.waist[0] - self.waist[1]))

    def side_x(self, y: Vec | float, left: bool) -> Vec:
        return np.asarray(np.interp(y, self.levels, self.left if left else self.right), dtype=np.float64)


def _opaque(g: Garment) -> npt.NDArray[np.bool_]:
    return np.asarray(g.rgba[..., 3] >= OPAQUE)


def _top_edge(opaque: npt.NDArray[np.bool_]) -> Vec:
    """Per column, the first opaque row (inf where the column is empty)."""
    has = opaque.any(axis=0)
    first = np.argmax(opaque, axis=0).astype(np.float64)
    first[~has] = np.inf
    return np.asarray(first, dtype=np.float64)


def _snap_to_top(x: float, top: Vec) -> float:
    xi = int(np.clip(round(x), 0, len(top) - 1))
    lo, hi = max(0, xi - 2), min(len(top), xi + 3)
    y = float(np.min(top[lo:hi]))
    return y if np.isfinite(y) else float("nan")


def upper_shape(g: Garment) -> UpperShape:
    a = g.anchors
    opaque = _opaque(g)
    top = _top_edge(opaque)
    ls, rs = g.anchor("left_shoulder"), g.anchor("right_shoulder")
    float(np.linalg.norm(ls - rs))
    neck = g.anchor("neck")

    def seam_for(side: str, shoulder: Vec, other: Vec) -> Vec:
        name = f"{side}_shoulder_seam"
        if name in a:
            return g.anchor(name)
        x = float(shoulder[0] + (shoulder[0] - other[0]) * V1_SEAM_OUT)
        y = _snap_to_top(x, top)
        return np.array([x, y if np.isfinite(y) else shoulder[1]])

    seam_l, seam_r = seam_for("left", ls, rs), seam_for("right", rs, ls)
    span = max(float(np.linalg.norm(seam_l - seam_r)), 1.0)
    strap = (g.anchor("left_strap"), g.anchor("right_strap")) if "left_strap" in a and "right_strap" in a else None

    def collar_for(side: str, seam: Vec) -> Vec:
        name = f"{side}_collar"
        if name in a:
            return g.anchor(name)
        # The highest point of the top edge between the neck and 60 % of the way to the seam.
        x0, x1 = sorted((neck[0], neck[0] + (seam[0] - neck[0]) * 0.6))
        cols = np.arange(int(np.floor(x0)), int(np.ceil(x1)) + 1)
        cols = cols[(cols >= 0) & (cols < len(top))]
        ys = top[cols] if len(cols) else np.array([np.inf])
        if len(cols) and np.isfinite(ys).any():
            best = float(np.min(ys))
            # The innermost column at that height (a flat shoulder line has many).
            near = cols[ys <= best + 0.01 * span]
            xc = float(near[np.argmin(np.abs(near - neck[0]))])
            if abs(xc - neck[0]) > 0.08 * span:
                return np.array([xc, best])
        x = float(neck[0] + np.sign(seam[0] - neck[0]) * 0.2 * span)
        y = _snap_to_top(x, top)
        return np.array([x, y if np.isfinite(y) else seam[1]])

    collar = (collar_for("left", seam_l), collar_for("right", seam_r))
    if strap is not None:
        # Strappy items: the straps are the collar's corners and the armhole's top at once.
        collar = (collar[0] if "left_collar" in a else strap[0], collar[1] if "right_collar" in a else strap[1])
    hip_l, hip_r = g.anchor("left_hip"), g.anchor("right_hip")
    armpits = (
        _armpit(g, opaque, "left", seam_l, hip_l, span),
        _armpit(g, opaque, "right", seam_r, hip_r, span),
    )
    hem_y = float(g.anchor("hem")[1]) if "hem" in a else _hem_y(opaque, neck[0])
    y0 = float(min(armpits[0][1], armpits[1][1]))
    levels = np.linspace(y0, hem_y, SIDE_LEVELS)
    left, right = _sides(opaque, levels, neck[0], armpits, hem_y, span)
    body = _body_region(opaque.shape, levels, left, right, (seam_l, seam_r), armpits)
    sleeves = (
        _sleeve(g, opaque & ~body, "left", seam_l, armpits[0], ls, span),
        _sleeve(g, opaque & ~body, "right", seam_r, armpits[1], rs, span),
    )
    if (sleeves[0] is None) != (sleeves[1] is None) and "left_elbow" not in a and "right_elbow" not in a:
        sleeves = (None, None)  # one sleeve read from the picture is a shoulder's trim, not a sleeve
    waist_y = float((g.anchor("left_waist")[1] + g.anchor("right_waist")[1]) / 2) if "left_waist" in a else None
    neckline = _neckline(top, collar, float(neck[1])) if strap is None else np.zeros((0, 2))
    return UpperShape(
        collar=collar,
        seam=(seam_l, seam_r),
        strap=strap,
        neck=neck,
        armpit=armpits,
        sleeves=sleeves,
        levels=levels,
        left=left,
        right=right,
        hem_y=hem_y,
        hip_y=float((hip_l[1] + hip_r[1]) / 2),
        waist_y=waist_y,
        neckline=neckline,
    )


NECKLINE_POINTS = (0.3, 0.7)  # fractions of the way between the collar corners


def _neckline(top: Vec, collar: tuple[Vec, Vec], neck_y: float) -> Vec:
    """Points of the front neckline between the collar corners: the picture's top edge there,
    never below the neck's own mark (a crew neck keeps its round, a V-neck its point)."""
    pts = []
    for f in NECKLINE_POINTS:
        x = float(collar[1][0] + (collar[0][0] - collar[1][0]) * f)
        y = _snap_to_top(x, top)
        if not np.isfinite(y):
            return np.zeros((0, 2))
        pts.append((x, min(y, max(neck_y, float(collar[0][1]), float(collar[1][1])))))
    return np.array(pts, dtype=np.float64)


def _body_region(
    shape: tuple[int, ...],
    levels: Vec,
    left: Vec,
    right: Vec,
    seams: tuple[Vec, Vec],
    armpits: tuple[Vec, Vec],
) -> npt.NDArray[np.bool_]:
    """The body part's pixels: inside the armhole lines above the armpits, between the sides
    below them."""
    h, w = shape[:2]
    poly = np.concatenate(
        [
            [[seams[1][0], 0.0], [seams[0][0], 0.0], seams[0], armpits[0]],
            np.stack([left, levels], axis=1),
            np.stack([right, levels], axis=1)[::-1],
            [armpits[1], seams[1]],
        ]
    )
    region = np.zeros((h, w), np.uint8)
    cv2.fillPoly(region, [np.round(poly).astype(np.int32)], 1)
    return region > 0


def _hem_y(opaque: npt.NDArray[np.bool_], x: float) -> float:
    col = opaque[:, int(np.clip(round(x), 0, opaque.shape[1] - 1))]
    rows = np.nonzero(col)[0]
    return float(rows.max()) if len(rows) else float(opaque.shape[0] - 1)


def _armpit(g: Garment, opaque: npt.NDArray[np.bool_], side: str, seam: Vec, hip: Vec, span: float) -> Vec:
    """The armpit: an anchor, else where the body's side steps in sharply below the seam (the
    sleeve's underside ends there), else from the proportions."""
    name = f"{side}_armpit"
    if name in g.anchors:
        return g.anchor(name)
    h, w = opaque.shape
    out = 1.0 if seam[0] >= g.anchor("neck")[0] else -1.0
    centre = int(np.clip(round(float(g.anchor("neck")[0])), 0, w - 1))
    rows = np.arange(int(max(0, seam[1])), int(min(h, seam[1] + 1.1 * span)))
    reach = np.full(len(rows), np.nan)
    for i, y in enumerate(rows):
        line = opaque[y, centre:] if out > 0 else opaque[y, : centre + 1][::-1]
        if not line[0]:
            continue
        gap = np.nonzero(~line)[0]
        reach[i] = float(gap[0] if len(gap) else len(line))
    fallback = np.array([seam[0] - out * 0.03 * span, seam[1] + 0.45 * span])
    if np.isfinite(reach).sum() < 3:
        return fallback
    # A sleeve's underside: the side's reach drops sharply within a few rows (a concave corner).
    window = max(2, int(0.06 * span))
    filled = np.where(np.isfinite(reach), reach, 0.0)
    padded = np.concatenate([np.full(window, filled[0]), filled])
    recent = np.lib.stride_tricks.sliding_window_view(padded, window + 1)[:, :-1].max(axis=1)
    drop = recent - filled
    drop[rows < seam[1] + 0.1 * span] = 0
    k = int(np.argmax(drop))
    if drop[k] >= 0.08 * span:
        return np.array([centre + out * float(filled[k]), float(rows[k])])
    # Sleeveless: where the armhole's curve ends (the side comes within a little of its
    # innermost point).
    search = (rows >= seam[1] + 0.15 * span) & (rows <= seam[1] + 0.65 * span) & np.isfinite(reach)
    if search.sum() < 3:
        return fallback
    lowest = float(np.min(reach[search]))
    k = int(np.argmax(search & (reach <= lowest + 0.03 * span)))
    return np.array([centre + out * float(reach[k]), float(rows[k])])


def _sleeve(
    g: Garment,
    opaque: npt.NDArray[np.bool_],
    side: str,
    seam: Vec,
    armpit: Vec,
    shoulder: Vec,
    span: float,
) -> Sleeve | None:
    """The sleeve on ``side``: from a cuff anchor, a v1 wrist or elbow, else found in the picture."""
    a = g.anchors
    root = (seam + armpit) / 2
    # Fabric beyond the armhole line (seam → armpit), on the sleeve's side.
    h, w = opaque.shape
    yy, xx = np.mgrid[0:h, 0:w]
    line = armpit - seam
    normal = np.array([-line[1], line[0]]) / max(float(np.linalg.norm(line)), 1e-9)
    out = 1.0 if seam[0] >= g.anchor("neck")[0] else -1.0
    if normal[0] * out < 0:
        normal = -normal
    beyond = (xx - seam[0]) * normal[0] + (yy - seam[1]) * normal[1] > 0.02 * span
    fabric = (opaque & beyond).astype(np.uint8)
    _count, labels, stats, _ = cv2.connectedComponentsWithStats(fabric, connectivity=8)
    # The sleeve is the part of that fabric touching the root (next to the armhole line).
    probe = root + normal * 0.06 * span
    px, py = int(np.clip(round(probe[0]), 0, w - 1)), int(np.clip(round(probe[1]), 0, h - 1))
    lab = labels[py, px]
    if lab == 0:
        near = labels[max(0, py - 6) : py + 7, max(0, px - 6) : px + 7]
        vals = near[near > 0]
        lab = int(np.bincount(vals).argmax()) if len(vals) else 0
    if lab == 0 or stats[lab, cv2.CC_STAT_AREA] < (0.12 * span) ** 2:
        if f"{side}_cuff" not in a and f"{side}_wrist" not in a:
            return None
        sleeve_px = np.zeros((0, 2))
    else:
        ys, xs = np.nonzero(labels == lab)
        sleeve_px = np.stack([xs, ys], axis=1).astype(np.float64)
    if f"{side}_cuff" in a:
        cuff = g.anchor(f"{side}_cuff")
    elif f"{side}_wrist" in a:
        cuff = g.anchor(f"{side}_wrist")
    else:
        direction = None
        if f"{side}_elbow" in a:
            direction = g.anchor(f"{side}_elbow") - shoulder
        far = _far_end(sleeve_px, root, direction)
        if far is None:
            return None
        cuff = far
    length = float(np.linalg.norm(cuff - root))
    if length < 0.15 * span:
        return None
    axis = (cuff - root) / length
    if f"{side}_elbow" in a and length > BENDS_BEYOND * span and (f"{side}_cuff" in a or f"{side}_wrist" in a):
        elbow: Vec | None = g.anchor(f"{side}_elbow")
    elif length > BENDS_BEYOND * span:
        elbow = root + axis * length * ELBOW_AT
    else:
        elbow = None
    width = _sleeve_width(sleeve_px, root, axis, length, span)
    if width < 0.1 * span:  # a ribbed armhole's edge, not a sleeve
        return None
    sleeve = Sleeve(seam, armpit, cuff, elbow, width, False)
    full = f"{side}_wrist" in a or sleeve.reach >= LONG_SLEEVE * span
    return Sleeve(seam, armpit, cuff, elbow, width, full, _sleeve_profile(sleeve_px, sleeve))


def _far_end(px: Vec, root: Vec, direction: Vec | None) -> Vec | None:
    """The middle of a sleeve's far end: its pixels farthest from the root (along ``direction``)."""
    if len(px) == 0:
        return None
    if direction is None:
        direction = px.mean(axis=0) - root
    n = float(np.linalg.norm(direction))
    if n < 1e-9:
        return None
    u = direction / n
    along = (px - root) @ u
    far = along >= np.percentile(along, 97)
    end = px[far].mean(axis=0)
    # Move to the far edge itself along the axis.
    return np.asarray(root + u * float(np.max(along)) * 0.98 + (end - root - u * float((end - root) @ u)))


def _sleeve_profile(px: Vec, sleeve: Sleeve) -> Vec | None:
    """The sleeve's edges along its axis, from its pixels: (fraction, towards the seam, away)."""
    if len(px) < 20:
        return None
    axis, top, reach = sleeve.axis, sleeve.top, max(sleeve.reach, 1e-9)
    perp = np.array([-axis[1], axis[0]])
    if float((sleeve.seam - sleeve.root) @ perp) < 0:
        perp = -perp
    along = ((px - top) @ axis) / reach
    side = (px - top) @ perp
    rows = []
    for f in np.linspace(0.1, 1.0, 10):
        sel = np.abs(along - f) < 0.04
        if sel.sum() < 5:
            continue
        up, down = float(np.percentile(side[sel], 99)), float(-np.percentile(side[sel], 1))
        if up + down > 0.3 * sleeve.width:
            rows.append((f, max(up, 0.0), max(down, 0.0)))
    return np.array(rows) if len(rows) >= 2 else None


def _sleeve_width(px: Vec, root: Vec, axis: Vec, length: float, span: float) -> float:
    if len(px) == 0:
        return 0.3 * span
    along = (px - root) @ axis
    perp = (px - root) @ np.array([-axis[1], axis[0]])
    mid = np.abs(along - 0.5 * length) < 0.06 * length
    if mid.sum() < 5:
        return 0.3 * span
    return float(np.ptp(perp[mid]))


def _sides(
    opaque: npt.NDArray[np.bool_],
    levels: Vec,
    centre_x: float,
    armpits: tuple[Vec, Vec],
    hem_y: float,
    span: float,
) -> tuple[Vec, Vec]:
    """Left and right side of the body part at each level: the edge of the opaque run through
    the centre, kept within the envelope of the armpits and the hem's corners (so a sleeve hanging
    against the side is not taken for the body)."""
    h, w = opaque.shape
    cx = int(np.clip(round(centre_x), 0, w - 1))
    out_l, out_r = [], []
    for y in levels:
        row = opaque[int(np.clip(round(y), 0, h - 1))]
        right_run = np.nonzero(~row[cx:])[0]
        left_run = np.nonzero(~row[: cx + 1][::-1])[0]
        out_l.append(cx + (right_run[0] if len(right_run) else w - cx) - 0.5)
        out_r.append(cx - (left_run[0] if len(left_run) else cx + 1) + 0.5)
    left, right = np.array(out_l, dtype=np.float64), np.array(out_r, dtype=np.float64)
    # Envelope: no wider than the armpit-to-hem-corner line plus a little flare.
    lim_l = np.maximum(armpits[0][0], left[-1]) + 0.1 * span
    lim_r = np.minimum(armpits[1][0], right[-1]) - 0.1 * span
    left = np.minimum(left, np.interp(levels, [levels[0], levels[-1]], [armpits[0][0] + 0.06 * span, lim_l]))
    right = np.maximum(right, np.interp(levels, [levels[0], levels[-1]], [armpits[1][0] - 0.06 * span, lim_r]))
    return left, right


def lower_shape(g: Garment) -> LowerShape:
    a = g.anchors
    opaque = _opaque(g)
    _h, _w = opaque.shape
    rows = np.nonzero(opaque.any(axis=1))[0]
    y_top, y_bottom = int(rows.min()), int(rows.max())
    hip_l, hip_r = g.anchor("left_hip"), g.anchor("right_hip")
    if "left_waist" in a and "right_waist" in a:
        waist = (g.anchor("left_waist"), g.anchor("right_waist"))
    else:
        band = opaque[y_top : y_top + max(2, int(0.03 * (y_bottom - y_top)))]
        cols = np.nonzero(band.any(axis=0))[0]
        y = float(y_top)
        waist = (np.array([float(cols.max()), y]), np.array([float(cols.min()), y]))
    span = max(float(np.linalg.norm(waist[0] - waist[1])), 1.0)
    knee_l, knee_r = g.anchor("left_knee"), g.anchor("right_knee")
    centre_x = float((waist[0][0] + waist[1][0]) / 2)
    skirt = g.fit is Fit.SKIRT
    if "crotch" in a:
        crotch = g.anchor("crotch")
    elif skirt:
        crotch = np.array([centre_x, float(hip_l[1] + hip_r[1]) / 2 + 0.3 * span])
    else:
        crotch = _crotch(opaque, centre_x, float(waist[0][1]), float((knee_l[1] + knee_r[1]) / 2))
    hem_y = float(g.anchor("hem")[1]) if "hem" in a else float(y_bottom)
    end = hem_y if skirt else float(crotch[1])
    levels = np.linspace(float(max(waist[0][1], waist[1][1])), end, SIDE_LEVELS)
    left, right = _lower_sides(opaque, levels, centre_x)
    legs = None
    if not skirt:
        legs = (
            _leg(g, opaque, "left", crotch, knee_l, centre_x, float(y_bottom)),
            _leg(g, opaque, "right", crotch, knee_r, centre_x, float(y_bottom)),
        )
    return LowerShape(waist, crotch, (hip_l, hip_r), legs, levels, left, right, hem_y)


def _crotch(opaque: npt.NDArray[np.bool_], x: float, waist_y: float, knee_y: float) -> Vec:
    """The top of the gap between the legs: going up the centre column from the knees."""
    col = opaque[:, int(np.clip(round(x), 0, opaque.shape[1] - 1))]
    y = int(knee_y)
    while y > waist_y and not col[y]:
        y -= 1
    if y >= knee_y - 1:  # no gap between the knees: a guess
        return np.array([x, waist_y + 0.35 * (knee_y - waist_y)])
    return np.array([x, float(y)])


def _lower_sides(opaque: npt.NDArray[np.bool_], levels: Vec, centre_x: float) -> tuple[Vec, Vec]:
    h, _w = opaque.shape
    left, right = [], []
    for y in levels:
        row = opaque[int(np.clip(round(y), 0, h - 1))]
        cols = np.nonzero(row)[0]
        if len(cols) == 0:
            left.append(centre_x)
            right.append(centre_x)
            continue
        left.append(float(cols.max()) + 0.5)
        right.append(float(cols.min()) - 0.5)
    return np.array(left), np.array(right)


def _leg(
    g: Garment,
    opaque: npt.NDArray[np.bool_],
    side: str,
    crotch: Vec,
    knee: Vec,
    centre_x: float,
    bottom_y: float,
) -> LegShape:
    a = g.anchors
    h, w = opaque.shape
    if f"{side}_cuff" in a:
        cuff = g.anchor(f"{side}_cuff")
    elif f"{side}_ankle" in a:
        cuff = g.anchor(f"{side}_ankle")
    else:
        # The middle of the lowest opaque run on this leg's side.
        y = int(bottom_y)
        row = opaque[y]
        cols = np.nonzero(row)[0]
        mine = cols[(cols > centre_x) if knee[0] > centre_x else (cols < centre_x)]
        x = float(mine.mean()) if len(mine) else float(knee[0])
        cuff = np.array([x, float(y)])
    # The leg's centre at the crotch level: the middle of its opaque run there.
    y = int(np.clip(round(crotch[1]) + 2, 0, h - 1))
    row = opaque[y]
    cols = np.nonzero(row)[0]
    mine = cols[(cols > crotch[0]) if knee[0] > crotch[0] else (cols < crotch[0])]
    top = np.array([float((mine.min() + mine.max()) / 2) if len(mine) else float(knee[0]), float(y)])
    if float(knee[1]) > float(cuff[1]) - 1:  # shorts: the knee lies beyond the hem
        knee = top + (cuff - top) * 0.999
    t = np.linspace(0.0, 1.0, LEG_STATIONS)
    upper = float(np.linalg.norm(knee - top))
    lower = float(np.linalg.norm(cuff - knee))
    total = max(upper + lower, 1e-9)
    s = t * total
    stations = np.where(
        (s <= upper)[:, None],
        top + (knee - top) * (s / max(upper, 1e-9))[:, None],
        knee + (cuff - knee) * ((s - upper) / max(lower, 1e-9))[:, None],
    )
    tang = np.gradient(stations, axis=0)
    tang /= np.maximum(np.linalg.norm(tang, axis=1, keepdims=True), 1e-9)
    normal = np.stack([-tang[:, 1], tang[:, 0]], axis=1)
    flip = (normal[:, 0] * np.sign(knee[0] - centre_x)) < 0
    normal[flip] *= -1
    outer: list[float] = []
    inner: list[float] = []
    for p, n in zip(stations, normal, strict=True):
        for sign, out in ((1.0, outer), (-1.0, inner)):
            d = 0.0
            while d < 0.8 * max(w, h):
                q = p + n * sign * (d + 1)
                qx, qy = round(q[0]), round(q[1])
                if not (0 <= qx < w and 0 <= qy < h) or not opaque[qy, qx]:
                    break
                d += 1
            out.append(d + 0.5)
    return LegShape(top, knee, cuff, stations, np.array(outer), np.array(inner))


def is_upper(category: Category) -> bool:
    return category in (Category.TOP, Category.OUTERWEAR, Category.DRESS)
