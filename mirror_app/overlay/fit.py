"""Where each of a garment's outline marks goes on a body: the control points of the rig.

Tops, dresses and coats: collar → base of the neck, shoulder seams → top of the shoulders, the
sides → the torso's sides (plus a small ease), sleeves along upper arm and forearm, as wide as the
arm at least. Bottoms: waistband → waist, crotch → crotch, legs → the legs' outline. Lengths come
from the garment's own proportions, scaled by how its shoulders (tops) or its rise (bottoms) fit;
hems stop above the feet. All in frame pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..domain import Category, Fit
from .body_outline import BodyOutline
from .body_points import BodyPoints
from .garment_shape import LegShape, LowerShape, Sleeve, UpperShape

Vec = npt.NDArray[np.float64]

EASE = 0.015  # the garment's sides beyond the body's, × the body's half width
COLLAR_EASE = 0.03  # the collar stands this far (× shoulder span) out from the neck
WORN = 0.64  # a tube's front width / its flat width (2/π): how wide a sleeve or leg looks worn
MIN_SLEEVE = 1.06  # a sleeve is at least this × the arm's width
MIN_FORE_SLEEVE = 1.0  # below the elbow a sleeve is at least the forearm's own width
MAX_SLEEVE = 1.12  # a wide sleeve is drawn at most this × the arm's width
MIN_LEG = 1.0
MAX_LEG = 1.05  # a wide trouser leg is drawn at most this × the leg's own width (bare legs look thin)
TAPER = 0.18  # a trouser leg narrows by at most this × its top width from one station to the next
REACHES_ANKLE = 0.85
ABOVE_FEET = 0.08
TORSO_PER_SEAM_SPAN = 1.34  # shoulder line to hip joints, in shoulder-seam spans (typical body)
CHEST_PER_SEAM_SPAN = 0.95  # a flat top's width below the armpits, in its seam spans (tees and shirts measured)


@dataclass(frozen=True, eq=False)
class Controls:
    """Control points: garment picture pixels ``src`` → frame pixels ``dst`` (K, 2 each)."""

    src: Vec
    dst: Vec


def _pairs(pairs: list[tuple[Vec, Vec]]) -> Controls:
    src = np.array([p for p, _ in pairs], dtype=np.float64).reshape(-1, 2)
    dst = np.array([q for _, q in pairs], dtype=np.float64).reshape(-1, 2)
    return Controls(src, dst)


# -- tops, dresses, coats ---------------------------------------------------------------------


def upper_controls(
    shape: UpperShape, outline: BodyOutline, body: BodyPoints, category: Category
) -> dict[str, Controls]:
    """Controls for the body part ("torso") and each sleeve ("left_sleeve", "right_sleeve")."""
    o = outline
    g_mid = (shape.seam[0] + shape.seam[1]) / 2
    b_seam = (o.seam[0], o.seam[1])
    b_mid = (b_seam[0] + b_seam[1]) / 2
    k = float(np.linalg.norm(b_seam[0] - b_seam[1])) / max(shape.span, 1e-9)
    # Lengths: the garment's length in its own shoulder widths, laid on the body's torso in
    # typical shoulder widths (steady when the shopper turns and the shoulders look narrow).
    # A sleeveless top's shoulders are cut in: its seam span understates its size (a vest would
    # reach mid-thigh), so its width across the chest sets the scale when that is larger.
    ref = shape.span
    if shape.sleeves[0] is None or shape.sleeves[1] is None:
        chest = float(shape.side_x(shape.levels[1], True) - shape.side_x(shape.levels[1], False))
        ref = max(ref, chest / CHEST_PER_SEAM_SPAN)
    k_len = (o.hip_y - float(b_mid[1])) / (TORSO_PER_SEAM_SPAN * max(ref, 1e-9))

    def level(y_g: Vec | float) -> Vec:
        """Garment row → body level, linear from the shoulder seams."""
        return np.asarray(b_mid[1] + (np.asarray(y_g, dtype=np.float64) - g_mid[1]) * k_len, dtype=np.float64)

    # A hem never runs past the feet: what lies below the hips is shortened to fit.
    limit = o.feet_y - ABOVE_FEET * o.span
    hip_b = max(float(level(shape.hip_y)), o.hip_y)
    hem_b = float(level(shape.hem_y))

    def level_clamped(y_g: Vec | float) -> Vec:
        y = level(y_g)
        if hem_b > limit and hem_b > hip_b + 1:
            squeeze = max(limit - hip_b, 0.0) / (hem_b - hip_b)
            y = np.where(y > hip_b, hip_b + (y - hip_b) * squeeze, y)
        return np.asarray(y, dtype=np.float64)

    centre_g = float(shape.neck[0])
    hip_half_g = max(float(shape.side_x(shape.hip_y, True) - shape.side_x(shape.hip_y, False)) / 2, 1.0)
    hip_half_b = max(float(o.side_x(o.hip_y, True) - o.side_x(o.hip_y, False)) / 2, 1.0)
    skirted = category in (Category.DRESS, Category.OUTERWEAR)

    def side_target(y_g: float, left: bool) -> Vec:
        y_b = float(level_clamped(y_g))
        x_b = float(o.outer_x(y_b, left))
        centre_b = float(o.crotch[0]) if y_b > o.hip_y else float(np.interp(y_b, [0, o.hip_y], [0, o.crotch[0]]))
        half = abs(x_b - centre_b) * (1 + EASE)
        if skirted and y_g > shape.hip_y:
            # Below the hips a skirt keeps its own flare, set by how its hips fit.
            g_half = abs(float(shape.side_x(y_g, left)) - centre_g)
            half = max(half, g_half / hip_half_g * hip_half_b * (1 + EASE))
        return np.array([centre_b + (half if left else -half), y_b])

    pairs: list[tuple[Vec, Vec]] = []
    collar_mid_g = (shape.collar[0] + shape.collar[1]) / 2
    neck_mid_b = (o.neck[0] + o.neck[1]) / 2
    strappy = shape.strap is not None
    for i, sign in ((0, 1.0), (1, -1.0)):
        pairs.append((shape.seam[i], o.to_frame(b_seam[i])[0]))
        if strappy:
            assert shape.strap is not None
            on_top = o.neck[i] + (b_seam[i] - o.neck[i]) * 0.45 + np.array([0.0, -0.02 * o.span])
            pairs.append((shape.strap[i], o.to_frame(on_top)[0]))
        if not strappy or not np.allclose(shape.collar[i], shape.strap[i] if shape.strap else shape.collar[i]):
            target = o.neck[i] + np.array([sign * COLLAR_EASE * o.span, 0.0])
            pairs.append((shape.collar[i], o.to_frame(target)[0]))
    neck_b = neck_mid_b + (shape.neck - collar_mid_g) * np.array([k, k_len])
    if not strappy:
        pairs.append((shape.neck, o.to_frame(neck_b)[0]))
        # The neckline between: its own curve, laid between where the collar corners go (a
        # crew neck stays round, not pulled into a V by corners set wider than the picture's).
        c_l = o.neck[0] + np.array([COLLAR_EASE * o.span, 0.0])
        c_r = o.neck[1] + np.array([-COLLAR_EASE * o.span, 0.0])
        g_dx = float(shape.collar[0][0] - shape.collar[1][0])
        if abs(g_dx) > 1e-6:
            for p_g in shape.neckline:
                f = float(p_g[0] - shape.collar[1][0]) / g_dx
                base_g = shape.collar[1][1] + (shape.collar[0][1] - shape.collar[1][1]) * f
                if float(p_g[1]) < float(base_g) + 0.03 * shape.span:
                    continue  # a stand collar or a flat stretch: the corners place it well
                base_b = c_r + (c_l - c_r) * f
                target = base_b + np.array([0.0, (float(p_g[1]) - float(base_g)) * k])
                pairs.append((p_g, o.to_frame(target)[0]))
    for i, left in ((0, True), (1, False)):
        pit = shape.armpit[i]
        pairs.append((pit, o.to_frame(side_target(float(pit[1]), left))[0]))
        for y_g, x_g in zip(shape.levels[1:], (shape.left if left else shape.right)[1:], strict=True):
            pairs.append((np.array([x_g, y_g]), o.to_frame(side_target(float(y_g), left))[0]))
    hem_c = np.array([centre_g, shape.hem_y])
    hem_y_b = float(level_clamped(shape.hem_y))
    pairs.append((hem_c, o.to_frame(np.array([float(o.crotch[0]) if hem_y_b > o.hip_y else 0.0, hem_y_b]))[0]))
    out = {"torso": _pairs(pairs)}
    for i, (sleeve, side) in enumerate(zip(shape.sleeves, ("left", "right"), strict=True)):
        if sleeve is not None:
            seam_f = o.to_frame(b_seam[i])[0]
            pit_f = pairs_target(out["torso"], shape.armpit[i])
            upper_c, fore_c = _sleeve_controls(sleeve, side, seam_f, pit_f, outline, body, k, k_len)
            out[f"{side}_sleeve"] = upper_c
            if sleeve.elbow is not None:
                out[f"{side}_forearm"] = fore_c
    return out


def pairs_target(c: Controls, src_point: Vec) -> Vec:
    """The target of the control at ``src_point`` (it must be one of ``c``'s sources)."""
    i = int(np.argmin(np.linalg.norm(c.src - src_point, axis=1)))
    return np.asarray(c.dst[i], dtype=np.float64)


SLEEVE_STATIONS = (0.12, 0.35, 0.65, 1.0)


def _sleeve_controls(
    sleeve: Sleeve, side: str, seam_b: Vec, armpit_b: Vec, o: BodyOutline, body: BodyPoints, k: float, k_len: float
) -> tuple[Controls, Controls]:
    """A sleeve laid along the arm: its root on the body's armhole (the same targets as the
    body's), then stations along its axis on the arm, at least as wide as the arm there. Distances
    along the sleeve start where its axis passes the shoulder seam (the shoulder joint's level).
    Returns the controls of the sleeve down to its elbow and of its forearm part (from the elbow
    on: one field each, so a bent arm's sleeve bends instead of folding over itself)."""
    i = 0 if side == "left" else 1
    shoulder, elbow, wrist = body[f"{side}_shoulder"], body[f"{side}_elbow"], body[f"{side}_wrist"]
    upper, fore = float(np.linalg.norm(elbow - shoulder)), float(np.linalg.norm(wrist - elbow))
    arm_len = upper + fore
    axis_g = sleeve.axis
    top_g = sleeve.top
    g_len = sleeve.reach
    length = arm_len if sleeve.full else min(g_len * k_len, arm_len * 1.02)

    def arm_at(d: float) -> tuple[Vec, Vec, float, float]:
        """Bone point, unit direction, the arm's outer and inner half widths at ``d`` from the shoulder."""
        r_out, r_in = o.arm_edges_at(d, i == 0)
        if d <= upper or fore < 1e-6:
            u = (elbow - shoulder) / max(upper, 1e-9)
            return shoulder + u * d, u, r_out, r_in
        u = (wrist - elbow) / max(fore, 1e-9)
        return elbow + u * (d - upper), u, r_out, r_in

    perp_g = np.array([-axis_g[1], axis_g[0]])
    if float((sleeve.seam - sleeve.root) @ perp_g) < 0:
        perp_g = -perp_g  # towards the sleeve's top (seam) edge
    f_root = float((sleeve.root - top_g) @ axis_g) / max(g_len, 1e-9)
    f_elbow = None
    if sleeve.elbow is not None and length > upper:
        f_elbow = float((sleeve.elbow - top_g) @ axis_g) / max(g_len, 1e-9)
    stations = [f_root + (1 - f_root) * t for t in SLEEVE_STATIONS]
    if f_elbow is not None:
        stations = sorted({*stations, round(f_elbow, 3)})

    def along(f: float) -> float:
        """Garment fraction → distance along the arm; a bending sleeve's elbow on the elbow."""
        if f_elbow is None:
            return f * length
        if f <= f_elbow:
            return f / max(f_elbow, 1e-9) * upper
        return upper + (f - f_elbow) / max(1 - f_elbow, 1e-9) * (length - upper)

    pairs: list[tuple[Vec, Vec]] = [(sleeve.seam, seam_b), (sleeve.armpit, armpit_b)]
    fore_pairs: list[tuple[Vec, Vec]] = []
    f_bend = f_elbow
    if f_bend is None and sleeve.elbow is not None:
        f_bend = float((sleeve.elbow - top_g) @ axis_g) / max(g_len, 1e-9)
    if f_bend is not None:
        stations = sorted({*stations, round(f_bend, 3)})
    u_up = (elbow - shoulder) / max(upper, 1e-9)
    turn = -1.0 if float((armpit_b - shoulder) @ np.array([-u_up[1], u_up[0]])) > 0 else 1.0
    for f in stations:
        bone, u_b, r_out, r_in = arm_at(along(f))
        # Towards the arm's top (seam) side, away from the armpit: the side is chosen on the
        # upper arm and kept turning with the arm (a forearm bent across the body is not mirrored).
        perp_b = np.array([-u_b[1], u_b[0]]) * turn
        c_b = bone + perp_b * (r_out - r_in) / 2  # the arm's own middle
        up_g, down_g = sleeve.edges_at(f)
        arm_w = r_out + r_in
        # Below the elbow a sleeve hangs close round the forearm (its own width, but no wider
        # than the least ease: a wide coat sleeve over a slim forearm would stand off it).
        upper_part = f_bend is None or f <= f_bend + 1e-3
        least, widest = (MIN_SLEEVE, MAX_SLEEVE) if upper_part else (MIN_FORE_SLEEVE, MIN_SLEEVE)
        half_b = float(np.clip((up_g + down_g) * k * WORN, arm_w * least, arm_w * widest)) / 2
        c_g = top_g + axis_g * (f * g_len) + perp_g * (up_g - down_g) / 2  # the sleeve's own middle
        half_g = (up_g + down_g) / 2
        trio = [
            (c_g, c_b),
            (c_g + perp_g * half_g, c_b + perp_b * half_b),
            (c_g - perp_g * half_g, c_b - perp_b * half_b),
        ]
        if f_bend is None or f <= f_bend + 1e-3:
            pairs += trio
        else:
            # The sleeve above the elbow also sees its forearm's stations as if the arm were
            # straight: its field stays as well held as one sleeve's was (no drift at the shoulder).
            d = along(f)
            u_up = (elbow - shoulder) / max(upper, 1e-9)
            bone_s = shoulder + u_up * d
            perp_s = np.array([-u_up[1], u_up[0]]) * turn
            c_s = bone_s + perp_s * (r_out - r_in) / 2
            pairs += [
                (c_g, c_s),
                (c_g + perp_g * half_g, c_s + perp_s * half_b),
                (c_g - perp_g * half_g, c_s - perp_s * half_b),
            ]
        if f_bend is not None and f >= f_bend - 1e-3:
            fore_pairs += trio
    return _pairs(pairs), _pairs(fore_pairs if len(fore_pairs) >= 6 else pairs)


# -- bottoms ---------------------------------------------------------------------------------


def lower_controls(shape: LowerShape, outline: BodyOutline, body: BodyPoints, fit: Fit) -> dict[str, Controls]:
    """Controls for the seat ("pelvis") and each leg ("left_leg", "right_leg"); skirts only
    have "pelvis", which runs down to their hem."""
    o = outline
    waist_y_b = o.waist_y
    g_waist_y = float((shape.waist[0][1] + shape.waist[1][1]) / 2)
    waist_half_b = max(float(o.side_x(waist_y_b, True) - o.side_x(waist_y_b, False)) / 2, 1.0)
    if fit is Fit.SKIRT or shape.legs is None:
        k = 2 * waist_half_b / max(shape.span * 0.8, 1e-9)
    else:
        k = (float(o.crotch[1]) - waist_y_b) / max(float(shape.crotch[1]) - g_waist_y, 1e-9)
        k_width = 2 * waist_half_b / max(shape.span * 0.8, 1e-9)
        k = float(np.clip(k, 0.6 * k_width, 1.6 * k_width))
    centre_g = float((shape.waist[0][0] + shape.waist[1][0]) / 2)
    limit = o.feet_y - ABOVE_FEET * o.span

    def level(y_g: float) -> float:
        return waist_y_b + (y_g - g_waist_y) * k

    hem_b = level(shape.hem_y)
    hip_b = o.hip_y

    def level_clamped(y_g: float) -> float:
        y = level(y_g)
        if fit is Fit.SKIRT and hem_b > limit and y > hip_b and hem_b > hip_b + 1:
            y = hip_b + (y - hip_b) * max(limit - hip_b, 0.0) / (hem_b - hip_b)
        return y

    g_hip_y = float((shape.hip[0][1] + shape.hip[1][1]) / 2)
    g_hip_half = max(float(shape.side_x(g_hip_y, True) - shape.side_x(g_hip_y, False)) / 2, 1.0)
    b_hip_half = max(float(o.side_x(hip_b, True) - o.side_x(hip_b, False)) / 2, 1.0)

    def side_target(y_g: float, left: bool) -> Vec:
        y_b = level_clamped(y_g)
        x_b = float(o.outer_x(y_b, left))
        centre_b = float(np.interp(y_b, [0.0, o.hip_y], [0.0, float(o.crotch[0])]))
        half = abs(x_b - centre_b) * (1 + EASE)
        if fit is Fit.SKIRT and y_g > g_hip_y:
            g_half = abs(float(shape.side_x(y_g, left)) - centre_g)
            half = max(half, g_half / g_hip_half * b_hip_half * (1 + EASE))
        return np.array([centre_b + (half if left else -half), y_b])

    pairs: list[tuple[Vec, Vec]] = []
    for i, left in ((0, True), (1, False)):
        pairs.append((shape.waist[i], o.to_frame(side_target(float(shape.waist[i][1]), left))[0]))
        for y_g, x_g in zip(shape.levels[1:], (shape.left if left else shape.right)[1:], strict=True):
            pairs.append((np.array([x_g, y_g]), o.to_frame(side_target(float(y_g), left))[0]))
    top_c = np.array([centre_g, g_waist_y])
    pairs.append((top_c, o.to_frame(np.array([0.0, waist_y_b]) + np.array([float(o.crotch[0]) * 0.5, 0.0]))[0]))
    out: dict[str, Controls] = {}
    if fit is Fit.SKIRT or shape.legs is None:
        hem_y_b = level_clamped(shape.hem_y)
        pairs.append((np.array([centre_g, shape.hem_y]), o.to_frame(np.array([float(o.crotch[0]), hem_y_b]))[0]))
        out["pelvis"] = _pairs(pairs)
        return out
    crotch_b = o.to_frame(o.crotch)[0]
    pairs.append((shape.crotch, crotch_b))
    out["pelvis"] = _pairs(pairs)
    for i, side in enumerate(("left", "right")):
        leg = shape.legs[i]
        top_outer_b = pairs[1 + (len(shape.levels) - 1)] if False else None
        del top_outer_b
        outer_top = o.to_frame(side_target(float(shape.crotch[1]), i == 0))[0]
        out[f"{side}_leg"] = _leg_controls(leg, side, shape, o, body, k, crotch_b, outer_top, limit)
    return out


def _leg_controls(
    leg: LegShape,
    side: str,
    shape: LowerShape,
    o: BodyOutline,
    body: BodyPoints,
    k: float,
    crotch_b: Vec,
    outer_top_b: Vec,
    limit: float,
) -> Controls:
    i = 0 if side == "left" else 1
    limb = o.legs[i]
    hip, knee, ankle = body[f"{side}_hip"], body[f"{side}_knee"], body[f"{side}_ankle"]
    thigh, shin = float(np.linalg.norm(knee - hip)), float(np.linalg.norm(ankle - knee))
    # Where the crotch's level crosses the thigh: the leg's top on the body.
    crotch_frame_y = float(o.to_body(crotch_b)[0][1])
    hip_y, knee_y = float(o.to_body(hip[None])[0][1]), float(o.to_body(knee[None])[0][1])
    t0 = float(np.clip((crotch_frame_y - hip_y) / max(knee_y - hip_y, 1e-9), 0.0, 0.6))
    s0 = t0 * thigh
    g_d = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(leg.stations, axis=0), axis=1))])
    g_len = max(float(g_d[-1]), 1e-9)
    g_knee = float(np.linalg.norm(leg.knee - leg.top))
    body_len = thigh + shin - s0
    # Ankle height along the leg, not past the feet.
    feet_room = max(0.0, (limit - float(o.to_body(ankle[None])[0][1])) + ABOVE_FEET * o.span)
    max_len = body_len + min(feet_room, 0.1 * o.span)
    full = g_len * k >= REACHES_ANKLE * body_len

    def body_d(d_g: float) -> float:
        if full:
            if d_g <= g_knee and g_knee > 1e-6:
                return s0 + d_g / g_knee * (thigh - s0)
            return thigh + (d_g - g_knee) / max(g_len - g_knee, 1e-9) * (max_len - (thigh - s0))
        return min(s0 + d_g * k, s0 + max_len)

    def at(d: float) -> tuple[Vec, Vec, float, float]:
        if d <= thigh:
            u = (knee - hip) / max(thigh, 1e-9)
            c = hip + u * d
        else:
            u = (ankle - knee) / max(shin, 1e-9)
            c = knee + u * (d - thigh)
        # The limb's stations run hip → knee → ankle evenly in two halves.
        half = (len(limb.stations) - 1) / 2
        idx = d / max(thigh, 1e-9) * half if d <= thigh else half + (d - thigh) / max(shin, 1e-9) * half
        idx = float(np.clip(idx, 0, len(limb.stations) - 1))
        grid = np.arange(len(limb.stations))
        n = np.array([np.interp(idx, grid, limb.outward[:, 0]), np.interp(idx, grid, limb.outward[:, 1])])
        n /= max(float(np.linalg.norm(n)), 1e-9)
        return c, n, float(np.interp(idx, grid, limb.outer)), float(np.interp(idx, grid, limb.inner))

    np.array([-leg.stations[1][1] + leg.stations[0][1], leg.stations[1][0] - leg.stations[0][0]])
    tang = np.gradient(leg.stations, axis=0)
    placed = []
    for j in range(len(leg.stations)):
        c_b, n_b, r_out, r_in = at(body_d(float(g_d[j])))
        leg_w = r_out + r_in
        own = (leg.outer[j] + leg.inner[j]) * k * WORN  # the trouser leg's own width, worn
        placed.append((c_b, n_b, r_out / max(leg_w, 1e-9), float(np.clip(own, leg_w * MIN_LEG, leg_w * MAX_LEG))))
    # Cloth hangs: a trouser leg's outer side comes in gradually below wide thighs (shorts under
    # it, bare calves); its inner side follows the leg (the gap between the legs stays open).
    outer_b = np.array([w * share for _c, _n, share, w in placed])
    inner_b = np.array([w * (1 - share) for _c, _n, share, w in placed])
    for j in range(1, len(outer_b)):
        outer_b[j] = max(outer_b[j], outer_b[j - 1] - TAPER * outer_b[0])
    pairs: list[tuple[Vec, Vec]] = []
    for j in range(len(leg.stations)):
        c_g = leg.stations[j]
        t = tang[j] / max(float(np.linalg.norm(tang[j])), 1e-9)
        n_g = np.array([-t[1], t[0]])
        if (n_g[0] * (leg.knee[0] - float((shape.waist[0][0] + shape.waist[1][0]) / 2))) < 0:
            n_g = -n_g  # outwards, away from the other leg
        c_b, n_b, _share, _w = placed[j]
        pairs.append((c_g, c_b))
        pairs.append((c_g + n_g * leg.outer[j], c_b + n_b * outer_b[j]))
        pairs.append((c_g - n_g * leg.inner[j], c_b - n_b * inner_b[j]))
    # The leg's top meets the seat: crotch inside, the seat's side outside.
    pairs.append((shape.crotch, crotch_b))
    return _pairs(pairs)
