"""The shopper's real outline: where the neck's base, the top of the shoulders, the torso's sides,
the waist and the legs are, read from the person mask along rays placed by the landmarks.

MediaPipe's shoulder and hip landmarks are joint centres, inside the body: a garment pinned to
them sits too low and too narrow. Here every landmark only says *where to look*; the mask says
where the body ends. Everything is expressed in a body frame (origin between the shoulder joints,
``x`` along the shoulders towards the person's left, ``y`` down the torso) in pixels, so a garment
fitted in that frame follows a leaning or turning body. Without a mask (mannequins, a model that
gives none) the same outline comes from typical proportions, measured on the shared photos.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np
import numpy.typing as npt

from .body_points import BodyPoints

Vec = npt.NDArray[np.float64]
Mask = npt.NDArray[np.uint8]

# Typical outline, in shoulder-joint spans S (medians over the 16 people of media/tryon). Used
# where the mask is missing or implausible; measurements are clamped to a band around them.
PRIOR_NECK_HALF = 0.2  # half the neck's width at its base
PRIOR_NECK_BASE = 0.27  # the neck's base above the shoulder joints' line
PRIOR_SHOULDER_TOP = 0.16  # top of the shoulder above the joint
PRIOR_SEAM = (0.096, -0.096)  # shoulder's top outer point from the joint (outwards, up)
PRIOR_ARMPIT_DEPTH = 0.36  # armpit below the shoulder line
PRIOR_ARM_RADIUS = 0.135  # upper arm's outer half width
PRIOR_FOREARM_RADIUS = 0.108
PRIOR_HALF_WIDTH = (0.46, 0.485, 0.52)  # torso's half width at the chest, waist and hips
PRIOR_THIGH_RADIUS = 0.22
PRIOR_SHIN_RADIUS = 0.13
PRIOR_CROTCH = 0.45  # below the hip joints
PRIOR_WAIST_ABOVE_HIPS = 0.25  # a waistband's level above the hip joints, in torso lengths
SIDE_LEVELS = 12
ARM_INNER = 0.1  # an arm's inner edge, from its bone, in spans
FOREARM_INNER = 0.08  # torso side samples from the armpits to below the hips


@dataclass(frozen=True, eq=False)
class Side:
    """One side of the torso: ``x`` across (signed) at each level ``y`` of the outline's levels."""

    x: Vec


@dataclass(frozen=True, eq=False)
class Limb:
    """A limb's outline along its bones: at each station (a point on the bone polyline, in frame
    pixels) the distances from the bone to its outer and inner edge."""

    stations: Vec  # (K, 2) frame pixels along the bone polyline
    outward: Vec  # (K, 2) unit normals pointing away from the body's centre line
    outer: Vec  # (K,) pixels
    inner: Vec  # (K,)


@dataclass(frozen=True, eq=False)
class BodyOutline:
    """The body's outline in its own frame; ``measured`` is False when it is all typical."""

    origin: Vec  # frame pixels, midway between the shoulder joints
    across: Vec  # unit, towards the person's left
    down: Vec  # unit, from the shoulders towards the hips
    span: float  # shoulder-joint distance, pixels
    neck: tuple[Vec, Vec]  # base of the neck, (left, right), body frame
    shoulder_top: tuple[Vec, Vec]  # top of the shoulder above each joint
    seam: tuple[Vec, Vec]  # top outer point of each shoulder (where a shoulder seam lies)
    armpit: tuple[Vec, Vec]
    levels: Vec  # (K,) y of the side samples
    left: Side  # x > 0
    right: Side  # x < 0
    hip_y: float  # level of the hip joints
    waist_y: float  # where a waistband sits
    crotch: Vec  # body frame
    arm_radius: tuple[float, float]  # upper arm half widths (left, right), pixels
    forearm_radius: tuple[float, float]
    arm_profile: tuple[Vec, Vec]  # (K, 3) per arm: distance from the shoulder joint, outer and inner half widths
    legs: tuple[Limb, Limb]  # left, right: along hip → knee → ankle
    feet_y: float  # lowest the body reaches in the frame (ankles, or the frame's edge)
    measured: bool

    def to_frame(self, pts: Vec) -> Vec:
        """Body-frame points (N, 2) to frame pixels."""
        p = np.asarray(pts, dtype=np.float64).reshape(-1, 2)
        return np.asarray(self.origin + p[:, :1] * self.across + p[:, 1:2] * self.down, dtype=np.float64)

    def to_body(self, pts: Vec) -> Vec:
        p = np.asarray(pts, dtype=np.float64).reshape(-1, 2) - self.origin
        return np.stack([p @ self.across, p @ self.down], axis=1)

    def side_x(self, y: Vec | float, left: bool) -> Vec:
        """The torso's side at levels ``y`` (linear between samples, constant beyond)."""
        xs = self.left.x if left else self.right.x
        return np.asarray(np.interp(np.asarray(y, dtype=np.float64), self.levels, xs), dtype=np.float64)

    def arm_radius_at(self, d: float, left: bool) -> float:
        """The arm's outer half width at distance ``d`` from the shoulder joint."""
        prof = self.arm_profile[0 if left else 1]
        return float(np.interp(d, prof[:, 0], prof[:, 1]))

    def arm_edges_at(self, d: float, left: bool) -> tuple[float, float]:
        """The arm's outer and inner half widths (from its bone) at ``d`` from the shoulder."""
        prof = self.arm_profile[0 if left else 1]
        return float(np.interp(d, prof[:, 0], prof[:, 1])), float(np.interp(d, prof[:, 0], prof[:, 2]))

    def leg_edge_x(self, y: Vec | float, left: bool) -> Vec:
        """The outer edge of a leg at levels ``y`` below the crotch (body frame x)."""
        leg = self.legs[0 if left else 1]
        edge = self.to_body(leg.stations + leg.outward * leg.outer[:, None])
        order = np.argsort(edge[:, 1])
        return np.asarray(np.interp(np.asarray(y, dtype=np.float64), edge[order, 1], edge[order, 0]), dtype=np.float64)

    def outer_x(self, y: Vec | float, left: bool) -> Vec:
        """The body's outer side at any level from the armpits down: the torso's side above the
        crotch, below it the wider of that and the legs' outer edge."""
        y = np.asarray(y, dtype=np.float64)
        torso = self.side_x(y, left)
        legs = self.leg_edge_x(y, left)
        below = y > self.levels[-1]
        wider = np.maximum(legs, torso) if left else np.minimum(legs, torso)
        return np.asarray(np.where(below, wider, torso), dtype=np.float64)


# -- measuring ---------------------------------------------------------------------------------


class _Rays:
    """Marches many rays at once through a binary mask laid over the frame."""

    def __init__(self, mask: npt.NDArray[np.generic], frame_wh: tuple[int, int], skin: Mask | None = None) -> None:
        # Read where the rays sample, at each map's own resolution: thresholding or resizing a
        # whole 1080p mask every tracking frame cost milliseconds.
        self.mask = mask
        self.skin = skin
        mh, mw = mask.shape[:2]
        self.sx, self.sy = mw / frame_wh[0], mh / frame_wh[1]
        self.mw, self.mh = mw, mh
        if skin is not None:
            self.kx, self.ky = skin.shape[1] / frame_wh[0], skin.shape[0] / frame_wh[1]

    def bare(self, pts: Vec) -> npt.NDArray[np.bool_]:
        """Skin inside the body at frame points (..., 2) (all False without a skin map)."""
        if self.skin is None:
            return np.zeros(pts.shape[:-1], dtype=bool)
        sh, sw = self.skin.shape[:2]
        kx = np.floor(pts[..., 0] * self.kx).astype(np.int64)
        ky = np.floor(pts[..., 1] * self.ky).astype(np.int64)
        ok = (kx >= 0) & (kx < sw) & (ky >= 0) & (ky < sh)
        out = np.zeros(pts.shape[:-1], dtype=bool)
        out[ok] = self.skin[ky[ok], kx[ok]] > 0
        return out & self.inside(pts)

    def inside(self, pts: Vec) -> npt.NDArray[np.bool_]:
        """Mask value at frame points (..., 2); outside the frame counts as outside the body."""
        mx = np.floor(pts[..., 0] * self.sx).astype(np.int64)
        my = np.floor(pts[..., 1] * self.sy).astype(np.int64)
        ok = (mx >= 0) & (mx < self.mw) & (my >= 0) & (my < self.mh)
        out = np.zeros(pts.shape[:-1], dtype=bool)
        out[ok] = self.mask[my[ok], mx[ok]] > 0.5
        return out

    def off_frame(self, pts: Vec) -> npt.NDArray[np.bool_]:
        mx, my = pts[..., 0] * self.sx, pts[..., 1] * self.sy
        return np.asarray((mx < 0) | (mx >= self.mw) | (my < 0) | (my >= self.mh))

    def exits(self, starts: Vec, dirs: Vec, length: float, stop: Vec | None = None) -> tuple[Vec, Vec]:
        """Distance along each ray (start, unit dir) to where the body ends: the first of two
        consecutive samples outside the mask, or ``stop`` (per ray); NaN when the ray never
        entered the body. Also returns whether the ray left through the frame's edge (1.0)."""
        step = max(1.0, 1.0 / max(self.sx, self.sy))
        t = np.arange(0.0, length + step, step)
        pts = starts[:, None, :] + dirs[:, None, :] * t[None, :, None]
        inside = self.inside(pts)
        if stop is not None:
            inside &= t[None, :] < stop[:, None]
        out2 = ~inside[:, :-1] & ~inside[:, 1:]
        out2 = np.concatenate([out2, np.ones((len(starts), 1), bool)], axis=1)
        entered = np.maximum.accumulate(inside, axis=1)
        candidate = out2 & entered
        first = np.argmax(candidate, axis=1)
        dist = t[first].astype(np.float64)
        dist[~entered[:, -1]] = np.nan
        edge = self.off_frame(pts[np.arange(len(starts)), first]).astype(np.float64)
        return dist, edge


def _unit(v: Vec) -> Vec:
    n = float(np.linalg.norm(v))
    return v / n if n > 1e-9 else np.array([0.0, 1.0])


def _seg_dist(p: Vec, a: Vec, b: Vec) -> Vec:
    ab = b - a
    t = np.clip(((p - a) @ ab) / max(float(ab @ ab), 1e-12), 0.0, 1.0)
    return np.asarray(np.linalg.norm(p - (a + t[..., None] * ab), axis=-1), dtype=np.float64)


def _clamp(value: float, prior: float, lo: float, hi: float) -> float:
    """A measurement kept within [lo, hi] × prior; NaN gives the prior."""
    if not np.isfinite(value):
        return prior
    return float(np.clip(value, prior * lo, prior * hi))


def _plausible(value: float, prior: float, lo: float, hi: float) -> float:
    """A measurement if it is within [lo, hi] × prior, else the prior (hair over a shoulder, a
    hand on it: the mask does not show the body there)."""
    if not np.isfinite(value) or not prior * lo <= value <= prior * hi:
        return prior
    return float(value)


def body_outline(
    body: BodyPoints,
    frame_wh: tuple[int, int],
    person_mask: npt.NDArray[np.floating] | None = None,
    skin: Mask | None = None,
) -> BodyOutline:
    """The outline of the person at ``body``: measured on ``person_mask`` (float (h, w) in
    [0, 1] over the whole frame, any resolution with the frame's aspect), else typical.
    ``skin`` (uint8, the mask's resolution, 255 on the shopper's skin colour) tells a bare arm or
    hand from the clothes beside it."""
    prior = typical_outline(body, frame_wh)
    if person_mask is None or person_mask.size == 0:
        return prior
    mask = np.asarray(person_mask)
    step = max(1, min(mask.shape[:2]) // 64)
    if not (mask[::step, ::step] > 0.5).any() and not (mask > 0.5).any():
        return prior
    return _measure(body, frame_wh, _Rays(mask, frame_wh, skin), prior)


def _frame_of(body: BodyPoints) -> tuple[Vec, Vec, Vec, float, float]:
    ls, rs = body["left_shoulder"], body["right_shoulder"]
    origin = (ls + rs) / 2
    across = _unit(ls - rs)
    down = np.array([-across[1], across[0]])
    mid_hip = (body["left_hip"] + body["right_hip"]) / 2
    if float(np.dot(mid_hip - origin, down)) < 0:
        down = -down
    span = max(float(np.linalg.norm(ls - rs)), 1.0)
    torso = max(float(np.dot(mid_hip - origin, down)), 0.5 * span)
    return origin, across, down, span, torso


def typical_outline(body: BodyPoints, frame_wh: tuple[int, int]) -> BodyOutline:
    """The outline a typical body has at these landmarks (no mask)."""
    origin, across, down, s, torso = _frame_of(body)

    def bf(p: Vec) -> Vec:
        d = p - origin
        return np.array([float(d @ across), float(d @ down)])

    lh, rh = bf(body["left_hip"]), bf(body["right_hip"])
    hip_y = float((lh[1] + rh[1]) / 2)
    crotch_y = hip_y + PRIOR_CROTCH * s
    levels = np.linspace(PRIOR_ARMPIT_DEPTH * s, crotch_y, SIDE_LEVELS)
    waist_y = hip_y - PRIOR_WAIST_ABOVE_HIPS * torso
    chest, waist, hips = (f * s for f in PRIOR_HALF_WIDTH)
    half = np.interp(levels, [levels[0], waist_y, hip_y, levels[-1]], [chest, waist, hips, hips])
    cx = np.interp(levels, [0.0, hip_y], [0.0, float((lh[0] + rh[0]) / 2)])
    top = PRIOR_SHOULDER_TOP * s
    neck_half = PRIOR_NECK_HALF * s
    neck_y = -PRIOR_NECK_BASE * s
    seam_x, seam_y = s / 2 + PRIOR_SEAM[0] * s, PRIOR_SEAM[1] * s
    legs = tuple(_typical_leg(body, side, s) for side in ("left", "right"))
    return BodyOutline(
        origin=origin,
        across=across,
        down=down,
        span=s,
        neck=(np.array([neck_half, neck_y]), np.array([-neck_half, neck_y])),
        shoulder_top=(np.array([s / 2, -top]), np.array([-s / 2, -top])),
        seam=(np.array([seam_x, seam_y]), np.array([-seam_x, seam_y])),
        armpit=(np.array([cx[0] + half[0], levels[0]]), np.array([cx[0] - half[0], levels[0]])),
        levels=levels,
        left=Side(cx + half),
        right=Side(cx - half),
        hip_y=hip_y,
        waist_y=waist_y,
        crotch=np.array([float((lh[0] + rh[0]) / 2), crotch_y]),
        arm_radius=(PRIOR_ARM_RADIUS * s, PRIOR_ARM_RADIUS * s),
        forearm_radius=(PRIOR_FOREARM_RADIUS * s, PRIOR_FOREARM_RADIUS * s),
        arm_profile=(_typical_arm(body, "left", s), _typical_arm(body, "right", s)),
        legs=(legs[0], legs[1]),
        feet_y=_feet_y(body, origin, down, frame_wh),
        measured=False,
    )


ARM_STATIONS = ((0.08, 0.3, 0.55, 0.8), (0.3, 0.7))  # fractions of upper arm and forearm
LEG_STATIONS = 17  # along hip → knee → ankle


def _arm_distances(body: BodyPoints, side: str) -> tuple[Vec, float, float]:
    sh, el, wr = body[f"{side}_shoulder"], body[f"{side}_elbow"], body[f"{side}_wrist"]
    upper, fore = float(np.linalg.norm(el - sh)), float(np.linalg.norm(wr - el))
    d = np.array([f * upper for f in ARM_STATIONS[0]] + [upper + f * fore for f in ARM_STATIONS[1]])
    return d, upper, fore


def _typical_arm(body: BodyPoints, side: str, s: float) -> Vec:
    d, upper, _fore = _arm_distances(body, side)
    r = np.where(d <= upper, PRIOR_ARM_RADIUS * s, PRIOR_FOREARM_RADIUS * s)
    r[0] *= 1.1  # the deltoid
    return np.stack([d, r, r], axis=1)


def _leg_polyline(body: BodyPoints, side: str) -> Vec:
    """Stations along hip → knee → ankle: half of them on the thigh, half on the shin."""
    hip, knee, ankle = body[f"{side}_hip"], body[f"{side}_knee"], body[f"{side}_ankle"]
    half = LEG_STATIONS // 2
    t = np.linspace(0.0, 1.0, half + 1)
    return np.concatenate([hip + (knee - hip) * t[:, None], knee + (ankle - knee) * t[1:, None]])


def _leg_stations(body: BodyPoints, side: str) -> tuple[Vec, Vec]:
    pts = _leg_polyline(body, side)
    other = _leg_polyline(body, "right" if side == "left" else "left")
    tang = np.gradient(pts, axis=0)
    tang /= np.maximum(np.linalg.norm(tang, axis=1, keepdims=True), 1e-9)
    normal = np.stack([-tang[:, 1], tang[:, 0]], axis=1)
    # Outward: away from the point midway between the two legs at the same station.
    flip = np.einsum("ij,ij->i", normal, pts - (pts + other) / 2) < 0
    normal[flip] *= -1
    return pts, normal


def _typical_leg(body: BodyPoints, side: str, s: float) -> Limb:
    pts, normal = _leg_stations(body, side)
    t = np.linspace(0.0, 1.0, LEG_STATIONS)
    radius = np.interp(t, [0.0, 0.5, 1.0], [PRIOR_THIGH_RADIUS, PRIOR_SHIN_RADIUS * 1.15, PRIOR_SHIN_RADIUS * 0.8]) * s
    return Limb(pts, normal, radius * 1.05, radius * 0.95)


def _feet_y(body: BodyPoints, origin: Vec, down: Vec, frame_wh: tuple[int, int]) -> float:
    """How far down the body goes: the lower ankle, else the frame's bottom edge along ``down``."""
    ankles = [float((body[n] - origin) @ down) for n in ("left_ankle", "right_ankle") if n in body.reliable]
    w, h = frame_wh
    corners = np.array([[0, 0], [w, 0], [0, h], [w, h]], dtype=np.float64)
    frame_end = float(((corners - origin) @ down).max())
    return max(ankles) if ankles else frame_end


def _measure(body: BodyPoints, frame_wh: tuple[int, int], rays: _Rays, prior: BodyOutline) -> BodyOutline:
    origin, across, down, s, _torso = prior.origin, prior.across, prior.down, prior.span, 0.0
    max(prior.hip_y, 0.5 * s)
    up = -down

    def fp(x: float, y: float) -> Vec:
        return origin + x * across + y * down

    ls, rs = body["left_shoulder"], body["right_shoulder"]
    le, re = body["left_elbow"], body["right_elbow"]
    lw, rw = body["left_wrist"], body["right_wrist"]

    # Arms: outer half widths along each arm (the inner edge may touch the body).
    def arm_profile(side: str, toward_out: Vec, prior_profile: Vec) -> Vec:
        sh, el, wr = body[f"{side}_shoulder"], body[f"{side}_elbow"], body[f"{side}_wrist"]
        d, upper, _fore = _arm_distances(body, side)
        starts, normals = [], []
        for dist in d:
            a, b = (sh, el) if dist <= upper else (el, wr)
            bone = _unit(b - a)
            t = dist if dist <= upper else dist - upper
            n = np.array([-bone[1], bone[0]])
            if abs(float(n @ toward_out)) < 0.3:  # a raised arm: its outer side is its top
                n = n if float(n @ up) > 0 else -n
            elif float(n @ toward_out) < 0:
                n = -n
            starts.append(a + bone * t)
            normals.append(n)
        starts_a, normals_a = np.array(starts), np.array(normals)
        r, _ = rays.exits(starts_a, normals_a, 0.6 * s)
        prior_r = prior_profile[:, 1]
        r = np.array([_clamp(float(v), float(p), 0.6, 1.8) for v, p in zip(r, prior_r, strict=True)])
        # The inner edge, where the arm is clear of the body (else as wide as the outer half).
        inner, _ = rays.exits(starts_a, -normals_a, 0.35 * s)
        inner = np.where(np.isfinite(inner) & (inner < 0.34 * s), inner, r)
        inner = np.clip(inner, 0.45 * r, 1.3 * r)
        return np.stack([d, r, inner], axis=1)

    profiles = (
        arm_profile("left", across, prior.arm_profile[0]),
        arm_profile("right", -across, prior.arm_profile[1]),
    )
    n_upper = len(ARM_STATIONS[0])
    arm_r = (float(np.median(profiles[0][1:n_upper, 1])), float(np.median(profiles[1][1:n_upper, 1])))
    fore_r = (float(np.median(profiles[0][n_upper:, 1])), float(np.median(profiles[1][n_upper:, 1])))
    arms = [(ls, le, lw, arm_r[0], fore_r[0]), (rs, re, rw, arm_r[1], fore_r[1])]

    # Shoulder tops above the joints, and the top outer point at 45°.
    starts = np.array([ls, rs, ls, rs])
    dirs = np.array([up, up, _unit(up + across), _unit(up - across)])
    d, _ = rays.exits(starts, dirs, 0.6 * s)
    top_l = _plausible(d[0], PRIOR_SHOULDER_TOP * s, 0.4, 1.7)
    top_r = _plausible(d[1], PRIOR_SHOULDER_TOP * s, 0.4, 1.7)
    prior_seam = float(np.hypot(*PRIOR_SEAM)) * s
    seam_l = _plausible(d[2], prior_seam, 0.5, 1.5) / np.sqrt(2)
    seam_r = _plausible(d[3], prior_seam, 0.5, 1.5) / np.sqrt(2)

    # Top contour between neck and shoulder: rays up from the shoulder line.
    xs = np.linspace(0.22, 0.5, 6) * s
    col_starts = np.array([fp(x, 0.0) for x in xs] + [fp(-x, 0.0) for x in xs])
    dt, _ = rays.exits(col_starts, np.repeat(up[None], len(col_starts), axis=0), 0.7 * s)
    tops_l, tops_r = dt[: len(xs)], dt[len(xs) :]

    # Neck: its width a little above the shoulder tops.
    neck_y = -max(top_l, top_r) - 0.12 * s
    nose_x = float((body["nose"] - origin) @ across) if "nose" in body else 0.0
    neck_c = fp(float(np.clip(nose_x, -0.15 * s, 0.15 * s)), neck_y)
    dn, _ = rays.exits(np.array([neck_c, neck_c]), np.array([across, -across]), 0.6 * s)
    neck_l = _plausible(dn[0], PRIOR_NECK_HALF * s, 0.6, 1.4)
    neck_r = _plausible(dn[1], PRIOR_NECK_HALF * s, 0.6, 1.4)
    neck_cx = float((neck_c - origin) @ across)

    def base_y(tops: Vec, neck_x: float, sign: float) -> float:
        """The shoulder's top line continued in to the neck's side (the neck's base)."""
        expected = PRIOR_SHOULDER_TOP * s + (s / 2 - xs) * 0.25
        ok = np.isfinite(tops) & (tops > 0.5 * expected) & (tops < 1.5 * expected)
        if ok.sum() < 2:
            return -PRIOR_NECK_BASE * s
        slope, icpt = np.polyfit(xs[ok], -tops[ok], 1)
        y = float(slope * abs(neck_x) + icpt)
        return float(np.clip(y, -0.36 * s, -0.18 * s))

    nl = np.array([neck_cx + neck_l, base_y(tops_l, neck_cx + neck_l, 1.0)])
    nr = np.array([neck_cx - neck_r, base_y(tops_r, neck_cx - neck_r, -1.0)])

    # Torso sides: rays out from the centre line, stopped by the arms (a hanging arm touches the
    # body: its inner edge, not the arm's outer edge, is where the torso ends).
    crotch = _crotch(body, rays, origin, across, down, prior)
    levels = np.linspace(float(prior.levels[0]), float(crotch[1]), SIDE_LEVELS)
    cx_at = np.interp(levels, [0.0, prior.hip_y, float(crotch[1])], [0.0, float(crotch[0]), float(crotch[0])])
    prior_left = np.interp(levels, prior.levels, prior.left.x)
    prior_right = np.interp(levels, prior.levels, prior.right.x)
    centres = np.array([fp(x, y) for x, y in zip(cx_at, levels, strict=True)])
    sides = []
    for sign in (1.0, -1.0):
        direction = across * sign
        length = 1.2 * s
        t = np.arange(0.0, length, 1.0)
        pts = centres[:, None, :] + direction[None, None, :] * t[None, :, None]
        np.full(len(levels), np.inf)
        bare = rays.bare(pts)
        bare = bare & np.roll(bare, -1, axis=1) & np.roll(bare, -2, axis=1)  # three in a row
        stop_up = np.full(len(levels), np.inf)
        stop_fore = np.full(len(levels), np.inf)
        skin_stop = np.full(len(levels), np.inf)  # where a bare forearm or hand starts
        for a, b, c, r1, r2 in arms:
            # A hanging arm touches the body: the torso ends at the arm's inner edge, a fixed
            # distance in from its bone (the outer half width may include a loose sleeve) or,
            # for a bare arm, where its skin starts.
            hand = c + (c - b) * 0.35
            d_up, d_fore = _seg_dist(pts, a, b), _seg_dist(pts, b, hand)
            far = t[None, :] > 0.25 * s
            for dist, inner, r, out, fore in (
                (d_up, ARM_INNER, r1, stop_up, False),
                (d_fore, FOREARM_INNER, r2, stop_fore, True),
            ):
                on_skin = bare & (dist < 1.4 * r) & far
                near = (dist < inner * s) | on_skin
                hit = np.where(near.any(axis=1), np.argmax(near, axis=1), len(t))
                # An arm the ray starts on crosses the belly: it hides the side, it does not end it.
                hit = np.where(near[:, :3].any(axis=1), len(t), hit)
                np.minimum(out, np.where(hit < len(t), t[np.minimum(hit, len(t) - 1)], np.inf), out=out)
                if fore:
                    first = np.where(on_skin.any(axis=1), np.argmax(on_skin, axis=1), len(t))
                    np.minimum(
                        skin_stop, np.where(first < len(t), t[np.minimum(first, len(t) - 1)], np.inf), out=skin_stop
                    )
        d, _ = rays.exits(
            centres, np.repeat(direction[None], len(levels), axis=0), length, stop=np.minimum(stop_up, stop_fore)
        )
        # A bare hand on the hip or in a pocket lies on the body: where the shopper's clothes
        # show beyond it (a run of them, not the hand's shaded rim), the side is their far edge.
        full, _ = rays.exits(centres, np.repeat(direction[None], len(levels), axis=0), length, stop=stop_up)
        cloth = rays.inside(pts) & ~rays.bare(pts)
        run = max(2, int(0.025 * s))
        kernel = np.ones(run)
        for j in np.nonzero(np.isfinite(skin_stop) & (skin_stop <= stop_fore + 1) & (stop_fore < stop_up))[0]:
            end = np.nan_to_num(full[j], nan=0.0)
            beyond = cloth[j] & (t > skin_stop[j]) & (t <= end)
            solid = np.convolve(beyond.astype(float), kernel, mode="same") >= run - 0.5
            if solid.any():
                d[j] = float(t[np.nonzero(beyond)[0][-1]])
        sides.append(cx_at + sign * d)
    left_x, right_x = _smooth_side(sides[0], prior_left, True), _smooth_side(sides[1], prior_right, False)

    armpit_l = np.array([left_x[0], levels[0]])
    armpit_r = np.array([right_x[0], levels[0]])

    legs = (
        _measure_leg(body, "left", rays, prior.legs[0], arms, s),
        _measure_leg(body, "right", rays, prior.legs[1], arms, s),
    )
    return replace(
        prior,
        neck=(nl, nr),
        shoulder_top=(np.array([s / 2, -top_l]), np.array([-s / 2, -top_r])),
        seam=(np.array([s / 2 + seam_l, -seam_l]), np.array([-s / 2 - seam_r, -seam_r])),
        armpit=(armpit_l, armpit_r),
        levels=levels,
        left=Side(left_x),
        right=Side(right_x),
        crotch=crotch,
        arm_radius=arm_r,
        forearm_radius=fore_r,
        arm_profile=profiles,
        legs=legs,
        measured=True,
    )


def _smooth_side(x: Vec, prior: Vec, left: bool) -> Vec:
    """A side profile from raw samples: implausible ones (NaN, far from typical) replaced by the
    typical profile shifted to the good ones, then a light median smoothing across levels."""
    half = np.abs(x)
    p = np.abs(prior)
    ok = np.isfinite(half) & (half > 0.55 * p) & (half < 1.8 * p)
    if ok.sum() < 3:
        return prior.copy()
    ratio = float(np.median(half[ok] / p[ok]))
    filled = np.where(ok, half, p * ratio)
    padded = np.concatenate([filled[:1], filled, filled[-1:]])
    med = np.median(np.stack([padded[:-2], padded[1:-1], padded[2:]]), axis=0)
    return np.asarray(med if left else -med, dtype=np.float64)


def _crotch(body: BodyPoints, rays: _Rays, origin: Vec, across: Vec, down: Vec, prior: BodyOutline) -> Vec:
    """Top of the gap between the legs, found going up from between the knees."""
    mid_knee = (body["left_knee"] + body["right_knee"]) / 2
    mid_hip = (body["left_hip"] + body["right_hip"]) / 2
    if rays.inside(mid_knee[None])[0]:
        return prior.crotch
    length = float(np.linalg.norm(mid_knee - mid_hip))
    t = np.arange(0.0, length, 1.0)
    pts = mid_knee[None] + _unit(mid_hip - mid_knee)[None] * t[:, None]
    inside = rays.inside(pts)
    if not inside.any():
        return prior.crotch
    hit = pts[int(np.argmax(inside))]
    d = hit - origin
    y = float(d @ down)
    y = float(np.clip(y, prior.hip_y + 0.02 * prior.span, prior.crotch[1] + 0.35 * prior.span))
    return np.array([float(d @ across), y])


def _measure_leg(body: BodyPoints, side: str, rays: _Rays, prior: Limb, arms: list, s: float) -> Limb:  # type: ignore[type-arg]
    """A leg's outer and inner half widths along its bones (the other leg bounds the inner). Where
    a hand or forearm lies on the leg's outer side, the mask there shows the hand, not the leg:
    those stations take their width from the free stations around them."""
    other = "right" if side == "left" else "left"
    pts, normal = prior.stations, prior.outward
    other_pts = _leg_polyline(body, other)
    gap = np.linalg.norm(other_pts - pts, axis=1)
    outer, _ = rays.exits(pts, normal, 0.8 * s)
    t = np.arange(0.0, 0.8 * s, 1.0)
    ray_pts = pts[:, None, :] + normal[:, None, :] * t[None, :, None]
    hidden = np.zeros(len(pts), bool)
    for _a, b, c, _r1, r2 in arms:
        hand = c + (c - b) * 0.6
        near = (_seg_dist(ray_pts, b, c) < r2 * 1.2) | (_seg_dist(ray_pts, c, hand) < r2 * 1.4)
        before_exit = t[None, :] <= np.nan_to_num(outer, nan=0.8 * s)[:, None] + 2
        hidden |= (near & before_exit).any(axis=1)
    inner, _ = rays.exits(pts, -normal, 0.8 * s, stop=gap / 2)
    outer = np.where(np.isfinite(outer), outer, prior.outer)
    # A clothed leg with a bare hand on it: the leg is the cloth along the ray, up to the last
    # cloth before the mask ends (the hand may lie on the leg's edge or beyond it).
    inside = rays.inside(ray_pts)
    bare = rays.bare(ray_pts)
    cloth = inside & ~bare
    for j in np.nonzero(hidden)[0]:
        if not cloth[j, :3].any() or not bare[j].any():
            continue
        end = int(min(np.nan_to_num(outer[j], nan=0.0), t[-1]))
        run = np.nonzero(cloth[j, : end + 1])[0]
        if len(run):
            outer[j] = float(t[run[-1]])
            hidden[j] = False
    free = ~hidden
    if free.sum() >= 2:
        idx = np.arange(len(pts))
        ratio = np.interp(idx, idx[free], outer[free] / prior.outer[free])
        outer = np.where(hidden, prior.outer * ratio, outer)
    elif hidden.any():
        outer = np.where(hidden, prior.outer, outer)
    inner = np.where(np.isfinite(inner), inner, prior.inner)
    outer = np.clip(outer, 0.5 * prior.outer, 2.2 * prior.outer)
    inner = np.clip(inner, 0.3 * prior.inner, 2.2 * prior.inner)
    return Limb(pts, normal, outer, inner)


def outline_moved(a: BodyOutline, b: BodyOutline) -> float:
    """How far (pixels) the farthest point of outline ``b`` lies from the same point of ``a``."""
    if a.levels.shape != b.levels.shape or a.legs[0].stations.shape != b.legs[0].stations.shape:
        return float("inf")

    def points(o: BodyOutline) -> Vec:
        body = np.concatenate(
            [np.array([*o.neck, *o.shoulder_top, *o.seam, *o.armpit, o.crotch]),
             np.stack([o.left.x, o.levels], axis=1), np.stack([o.right.x, o.levels], axis=1)]
        )  # fmt: skip
        legs = [leg.stations + leg.outward * leg.outer[:, None] for leg in o.legs]
        legs += [leg.stations - leg.outward * leg.inner[:, None] for leg in o.legs]
        arms = np.concatenate([p[:, 1:] for p in o.arm_profile]).reshape(-1, 1) * np.ones((1, 2))
        return np.concatenate([o.to_frame(body), *legs, arms])

    return float(np.abs(points(a) - points(b)).max())


def outline_polygon(outline: BodyOutline) -> Vec:
    """The torso's outline (neck base, shoulders, sides) as a closed polygon in frame pixels."""
    left = np.stack([outline.left.x, outline.levels], axis=1)
    right = np.stack([outline.right.x, outline.levels], axis=1)[::-1]
    pts = np.concatenate(
        [
            [outline.neck[1], outline.neck[0], outline.shoulder_top[0], outline.seam[0]],
            left,
            right,
            [outline.seam[1], outline.shoulder_top[1]],
        ]
    )
    return outline.to_frame(pts)


def legs_polygons(outline: BodyOutline) -> list[Vec]:
    """Each leg's outline (outer edge down, inner edge up) as a polygon in frame pixels."""
    out = []
    for leg in outline.legs:
        outer = leg.stations + leg.outward * leg.outer[:, None]
        inner = leg.stations - leg.outward * leg.inner[:, None]
        out.append(np.concatenate([outer, inner[::-1]]))
    return out


def draw_debug(rgb: npt.NDArray[np.uint8], outline: BodyOutline) -> npt.NDArray[np.uint8]:
    """The outline drawn over a frame (for the panels tool and for looking at it)."""
    out = rgb.copy()
    poly = outline_polygon(outline).astype(np.int32)
    cv2.polylines(out, [poly], True, (255, 0, 255), 2, cv2.LINE_AA)
    for p in (*outline.neck, *outline.seam, *outline.armpit, outline.crotch):
        x, y = outline.to_frame(p)[0]
        cv2.circle(out, (int(x), int(y)), 5, (0, 255, 255), -1, cv2.LINE_AA)
    for y in (outline.waist_y, outline.hip_y):
        a = outline.to_frame(np.array([outline.side_x(y, False), y]))[0]
        b = outline.to_frame(np.array([outline.side_x(y, True), y]))[0]
        cv2.line(out, tuple(int(v) for v in a), tuple(int(v) for v in b), (0, 200, 255), 1, cv2.LINE_AA)
    for leg in outline.legs:
        for p, n, o, i in zip(leg.stations, leg.outward, leg.outer, leg.inner, strict=True):
            a, b = p + n * o, p - n * i
            cv2.line(out, tuple(int(v) for v in a), tuple(int(v) for v in b), (0, 255, 0), 1, cv2.LINE_AA)
    return out
