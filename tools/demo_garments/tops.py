"""The demo tops: a jersey crew-neck T-shirt and an oxford button-down shirt."""

from __future__ import annotations

import numpy as np

from .canvas import F32, RGB, Canvas, smoothstep
from .cloth import Look, Relief, heather, light, neck_band, sew, stitches, weave_plain
from .frames import Picture, Sleeve, TopFrame, body_folds, draw_sleeve, elbow_creases, quad_along, rounded
from .geometry import Pts, closed, lerp, mirror_x, offset, rand_curve, spline
from .trims import button

TEE_COLOURS: dict[str, dict[str, RGB | float]] = {
    "heather": {"base": (0.60, 0.60, 0.61), "spread": 0.075, "thread": (0.52, 0.52, 0.53)},
    "white": {"base": (0.94, 0.94, 0.92), "spread": 0.012, "thread": (0.86, 0.86, 0.84)},
    "navy": {"base": (0.15, 0.19, 0.31), "spread": 0.05, "thread": (0.19, 0.23, 0.36)},
}


def _tee_body(cv: Canvas, fr: TopFrame, sleeves: dict[int, Sleeve]) -> tuple[F32, Pts, Pts, dict[int, Pts]]:
    """The body's outline: (mask, front neckline, hem, side seams)."""
    S, cx = fr.S, fr.cx
    np_l, np_r = fr.neck_point(1), fr.neck_point(-1)
    front_neck = spline([np_r, fr.p(-0.135, -0.025), fr.p(0, 0.07), fr.p(0.135, -0.025), np_l])
    hy = fr.p(0, fr.hem)[1]
    hem = spline(
        [
            (fr.side_x(fr.hem, 1), hy - 0.012 * S),
            (cx + 0.3 * S, hy + 0.004 * S),
            (cx, hy + 0.008 * S),
            (cx - 0.3 * S, hy + 0.004 * S),
            (fr.side_x(fr.hem, -1), hy - 0.012 * S),
        ]
    )
    side = {
        sgn: spline(
            [
                sleeves[sgn].armpit - np.array([sgn * 0.01 * S, 0]),
                (fr.side_x(1.0, sgn), fr.p(0, 1.0)[1]),
                hem[0 if sgn > 0 else -1],
            ]
        )
        for sgn in (1, -1)
    }
    poly = closed(front_neck[::-1], [fr.seam_end(-1)], side[-1], hem[::-1], side[1][::-1], [fr.seam_end(1)])
    return cv.poly(poly), front_neck, hem, side


def _rib_collar(cv: Canvas, fr: TopFrame, front_neck: Pts, albedo: F32, thread: RGB, shade: F32) -> None:
    band, band_low = neck_band(cv, front_neck, 0.05 * fr.S)
    cv.shadow(band, 0.4, 1.6, 1.8, 0.35)
    ang = np.arctan2(cv.y - (fr.ys - 0.5 * fr.S), cv.x - fr.cx)
    rib = 1.0 + 0.07 * np.sin(ang * (0.5 * fr.S * 2 * np.pi / 2.6))
    sew(cv, band, albedo * (rib * 0.95)[..., None], Look(puff=(3.0, 0.02 * fr.S), shadow=None))
    below = band_low[len(band_low) // 2][1] > front_neck[len(front_neck) // 2][1]
    stitches(cv, [offset(band_low, 2.2 if below else -2.2)[2:-2]], thread, shade, width=0.55)


def _tee_sleeve(cv: Canvas, fr: TopFrame, s: Sleeve, albedo: F32, thread: RGB) -> None:
    S, rng = fr.S, cv.rng
    folds = []
    for k in range(2):
        t0 = s.t_armpit * (0.55 + 0.25 * k) + rng.uniform(-0.02, 0.02) * S
        curve = spline([s.across(t0, -0.95), s.across(t0 + 0.05 * S, -0.2), s.across(t0 + 0.1 * S, 0.3 + 0.3 * k)])
        folds.append((curve, 3.0 - k, 5.0 + k))
    folds.append((rand_curve(rng, s.across(0.3 * S, 0.5), s.across(s.t_end, 0.4), 0.01 * S), 3.0, 6.0))
    _m, shade, _armhole = draw_sleeve(cv, fr, s, albedo, folds, puff=(16.0, 0.3))
    hems = [np.array([s.edge(s.t_end - f * S, 1, 0.97), s.edge(s.t_end - f * S, -1, 0.97)]) for f in (0.05, 0.068)]
    stitches(cv, hems, thread, shade, width=0.55)


def draw_crew_tee(color: str = "heather", seed: int = 11) -> Picture:
    """Cotton jersey T-shirt: rib crew neck, short set-in sleeves with twin-needle hems."""
    S, W, H = 300.0, 900, 730
    fr = TopFrame(
        cx=W / 2, ys=100, S=S, theta=35, neck_half=0.175, neck_rise=0.09, side_top=0.64, side_hem=0.655, hem=1.56,
        sleeve_hw=((0, 0.215), (0.5, 0.205), (0.8, 0.19)),
    )  # fmt: skip
    cv = Canvas(W, H, seed)
    pal = TEE_COLOURS[color]
    base, spread, thread = pal["base"], float(pal["spread"]), pal["thread"]  # type: ignore[arg-type]
    sleeves = {sgn: fr.sleeve(sgn, underarm=0.13) for sgn in (1, -1)}
    body, front_neck, hem, side = _tee_body(cv, fr, sleeves)
    alb = heather(cv, base, spread)  # type: ignore[arg-type]
    # back neck band, seen inside at the sides of the neck (the wearer's neck hides its middle)
    back_neck = spline([fr.neck_point(-1), fr.p(-0.1, -0.085), fr.p(0, -0.075), fr.p(0.1, -0.085), fr.neck_point(1)])
    bband, _ = neck_band(cv, back_neck, 0.035 * S)
    cv.paint(bband * smoothstep(0.12 * S, 0.15 * S, np.abs(cv.x - fr.cx)), alb * 0.72)
    rel = Relief(cv).puff(body, 26, 0.32 * S)
    folds = body_folds(cv.rng, fr, sleeves, hem=fr.hem)
    folds += [(rand_curve(cv.rng, fr.p(sgn * 0.3, 0.12), fr.p(sgn * 0.12, 0.4), 0.02 * S), 2.5, 12) for sgn in (1, -1)]
    rel.folds(folds).add(cv.blur_px(cv.noise(60), 14), 4.0)
    for sgn in (1, -1):
        rel.seam(spline([fr.neck_point(sgn), fr.seam_end(sgn)]), 1.0)
        rel.seam(side[sgn], 0.7, 0.8)
    rel.seam(offset(hem, -0.07 * S), 0.8, 0.9)
    shade = light(cv, rel.h, body, ao_r=7, ao_k=0.3, cavity_k=0.02)
    cv.paint(body, alb * shade[..., None])
    stitches(cv, [offset(hem, -0.05 * S)[3:-3], offset(hem, -0.068 * S)[3:-3]], thread, shade, width=0.55)  # type: ignore[arg-type]
    _rib_collar(cv, fr, front_neck, heather(cv, base, spread * 0.8), thread, shade)  # type: ignore[arg-type]
    for sgn in (1, -1):
        _tee_sleeve(cv, fr, sleeves[sgn], heather(cv, base, spread), thread)  # type: ignore[arg-type]
    a = fr.anchors(long_sleeves=False, hem_y=float(hem[len(hem) // 2][1]))
    a["neck"] = np.array([fr.cx, fr.p(0, 0.04)[1]])
    return Picture(cv.rgba8(), rounded(a))


SHIRT_COLOURS: dict[str, dict[str, RGB]] = {
    "blue": {"warp": (0.47, 0.63, 0.85), "weft": (0.93, 0.95, 0.97), "thread": (0.62, 0.74, 0.90), "button": (0.93, 0.92, 0.88)},
    "white": {"warp": (0.95, 0.95, 0.94), "weft": (0.90, 0.90, 0.89), "thread": (0.90, 0.90, 0.89), "button": (0.95, 0.94, 0.91)},
}  # fmt: skip
DASH = {"width": 0.5, "dash": 2.0, "gap": 0.9}


def _shirt_body(cv: Canvas, fr: TopFrame, sleeves: dict[int, Sleeve], cloth: F32, thread: RGB) -> Pts:
    """Body with shirt-tail hem, yoke, placket; returns the hem."""
    S, cx, rng = fr.S, fr.cx, cv.rng
    hy = fr.p(0, fr.hem)[1]
    side_x = {sgn: fr.side_x(1.35, sgn) for sgn in (1, -1)}
    hem = spline(
        [(side_x[1], fr.p(0, 1.43)[1]), (cx + 0.52 * S, fr.p(0, 1.485)[1]), (cx + 0.3 * S, hy + 0.01 * S), (cx, hy + 0.02 * S),
         (cx - 0.3 * S, hy + 0.01 * S), (cx - 0.52 * S, fr.p(0, 1.485)[1]), (side_x[-1], fr.p(0, 1.43)[1])]
    )  # fmt: skip
    side = {
        sgn: spline([sleeves[sgn].armpit - np.array([sgn * 0.01 * S, 0]), (fr.side_x(0.9, sgn), fr.p(0, 0.9)[1]), hem[0 if sgn > 0 else -1]])
        for sgn in (1, -1)
    }  # fmt: skip
    top_edge = spline([fr.neck_point(-1), fr.p(-0.1, -0.05), fr.p(0, -0.02), fr.p(0.1, -0.05), fr.neck_point(1)])
    body = cv.poly(closed(top_edge, [fr.seam_end(1)], side[1], hem[1:-1], side[-1][::-1], [fr.seam_end(-1)]))
    rel = Relief(cv).puff(body, 22, 0.3 * S)
    folds = body_folds(rng, fr, sleeves, hem=fr.hem, n_drag=2)
    folds += [(rand_curve(rng, fr.p(sgn * 0.42, 0.1), fr.p(sgn * 0.1, 0.35), 0.02 * S), 2.0, 9) for sgn in (1, -1)]
    rel.folds(folds).add(cv.blur_px(cv.noise(60), 14), 3.0)
    yoke = spline([fr.p(-0.2, -0.04), fr.p(-0.45, 0.035), fr.seam_end(-1) + np.array([-0.005 * S, 0.04 * S])])
    yokes = {-1: yoke, 1: mirror_x(yoke, cx)}
    px = 0.052 * S
    for sgn in (1, -1):
        rel.seam(yokes[sgn], 1.0, 0.8)
        rel.seam(side[sgn], 0.8, 0.8)
        rel.seam(np.array([(cx + sgn * px, fr.p(0, -0.02)[1]), (cx + sgn * px, hy + 0.02 * S)]), 1.2, 0.8)
    rel.ridge(np.array([(cx - px - 0.3, fr.p(0, 0)[1]), (cx - px - 0.3, hy)]), 0.8, 2.0)
    shade = light(cv, rel.h, body, ao_r=6, ao_k=0.3, cavity_k=0.02)
    cv.paint(body, cloth * shade[..., None])
    placket = [
        np.array([(cx + sgn * (px - 2.2), fr.p(0, 0)[1]), (cx + sgn * (px - 2.2), hy + 0.015 * S)]) for sgn in (1, -1)
    ]
    lines = [*placket, offset(hem, -3.0)[4:-4], offset(yokes[-1], -2.2), offset(yokes[1], 2.2)]
    stitches(cv, lines, thread, shade, **DASH)
    edge = cv.line(np.array([(cx - px - 0.8, fr.p(0, 0)[1]), (cx - px - 0.8, hy)]), 1.0)
    cv.shade(1 - 0.25 * cv.blur_px(edge, 0.8))
    return hem


def _chest_pocket(cv: Canvas, fr: TopFrame, cloth: F32, thread: RGB, body_relief: F32 | None = None) -> None:
    x0, x1, y0, y1 = 0.14, 0.37, 0.26, 0.53
    pk = np.array([fr.p(x0, y0), fr.p(x1, y0), fr.p(x1, y1), fr.p((x0 + x1) / 2, y1 + 0.04), fr.p(x0, y1)])
    pm = cv.poly(pk)
    rel = Relief(cv).seam(np.array([fr.p(x0, y0 + 0.045), fr.p(x1, y0 + 0.045)]), 1.0, 0.8)
    rel.folds([(rand_curve(cv.rng, fr.p(x0 + 0.06, y0 + 0.1), fr.p(x0 + 0.08, y1 - 0.02), 3), 1.5, 5)])
    shade = sew(cv, pm, cloth, Look(puff=(3.0, 6.0), shadow=(0.4, 0.9, 1.2, 0.35)), relief=rel)
    i = 2.3
    outline = np.array(
        [fr.p(x0, y0 + 0.045) + [i, 0], fr.p(x0, y1) + [i, -i * 0.4], fr.p((x0 + x1) / 2, y1 + 0.04) + [0, -i],
         fr.p(x1, y1) + [-i, -i * 0.4], fr.p(x1, y0 + 0.045) + [-i, 0]]
    )  # fmt: skip
    top = np.array([fr.p(x0, y0 + 0.03), fr.p(x1, y0 + 0.03)]) + [[i, 0], [-i, 0]]
    stitches(cv, [outline, top], thread, shade, **DASH)


def _shirt_sleeve(cv: Canvas, fr: TopFrame, s: Sleeve, cloth: F32, thread: RGB, button_rgb: RGB) -> None:
    S, rng = fr.S, cv.rng
    folds = elbow_creases(s, S, rng)
    folds.append((rand_curve(rng, s.across(s.t_armpit, -0.5), s.across(s.upper_len - 0.1 * S, 0.1), 0.01 * S), 3.0, 6))
    folds.append((rand_curve(rng, s.across(0.3 * S, 0.45), s.across(s.upper_len, 0.5), 0.01 * S), 2.5, 7))
    for f in (-0.45, -0.1, 0.3):  # gathered into the cuff
        folds.append(
            (np.array([s.across(s.t_end - 0.02 * S, f), s.across(s.t_end - 0.13 * S, f * 1.1 + 0.05)]), 2.5, 2.5)
        )
    folds.append(
        (rand_curve(rng, s.across(s.upper_len + 0.1 * S, 0.0), s.across(s.t_end - 0.15 * S, -0.2), 0.01 * S), 2.5, 6)
    )
    _m, shade, armhole = draw_sleeve(cv, fr, s, cloth, folds, puff=(14.0, 0.5), ao_r=6)
    stitches(cv, [offset(armhole, 2.3 * s.side)[3:-3]], thread, shade, **DASH)
    c0, c1 = s.t_end - 0.02 * S, s.t_end + 0.14 * S
    cm = cv.poly(quad_along(s, c0, c1, 0.118 * S, 0.114 * S))
    cshade = sew(cv, cm, cloth, Look(puff=(6.0, 0.05 * S), shadow=(-s.side * 0.3, 1.0, 1.5, 0.35)))
    ends = [
        np.array([s.across(c0, -1) + s.direction(c0) * 2.3, s.across(c0, 1) + s.direction(c0) * 2.3]),
        np.array([s.across(c1, -1) - s.direction(c1) * 2.3, s.across(c1, 1) - s.direction(c1) * 2.3]),
    ]
    stitches(cv, ends, thread, cshade, clip=cm, **DASH)
    button(cv, s.across((c0 + c1) / 2, 0.72), 0.02 * S, button_rgb, holes=4, thread=thread)


def _button_down_collar(cv: Canvas, fr: TopFrame, cloth: F32, thread: RGB, button_rgb: RGB) -> None:
    S = fr.S
    centre = fr.p(0, -0.08)
    stand = cv.poly(np.array([fr.p(-0.06, -0.095), fr.p(0.06, -0.095), fr.p(0.06, -0.015), fr.p(-0.06, -0.015)]))
    cv.paint(stand, cloth * 0.88)
    button(cv, fr.p(0, -0.048), 0.019 * S, button_rgb, holes=4, thread=thread)
    for sgn in (1, -1):
        tip_top, point = fr.p(sgn * 0.165, -0.2), fr.p(sgn * 0.215, 0.11)
        fold_edge = spline([centre, fr.p(sgn * 0.075, -0.12), fr.p(sgn * 0.13, -0.17), tip_top])
        outer_edge = spline([tip_top, fr.p(sgn * 0.215, -0.14), fr.p(sgn * 0.25, -0.03), point])
        lower_edge = spline(
            [point, fr.p(sgn * 0.13, 0.035), fr.p(sgn * 0.03, -0.045), centre + np.array([0, 0.005 * S])]
        )
        leaf = cv.poly(closed(fold_edge, outer_edge, lower_edge))
        rel = Relief(cv).ridge(fold_edge, 1.5, 3)
        shade = sew(
            cv, leaf, cloth, Look(puff=(5.0, 0.035 * S), shadow=(0.6, 1.5, 2.0, 0.4), ao=(2.5, 0.2)), relief=rel
        )
        edges = [
            offset(spline([fr.p(sgn * 0.215, -0.14), fr.p(sgn * 0.25, -0.03), point]), -sgn * 2.3)[2:-1],
            offset(spline([point, fr.p(sgn * 0.13, 0.035), fr.p(sgn * 0.03, -0.045)]), -sgn * 2.3)[1:-3],
        ]
        stitches(cv, edges, thread, shade, clip=leaf, **DASH)
        button(cv, lerp(point, fr.p(sgn * 0.19, 0.04), 0.55), 0.014 * S, button_rgb, holes=2, thread=thread)


def draw_oxford_shirt(color: str = "blue", seed: int = 21) -> Picture:
    """Oxford cloth button-down shirt: collar, placket, chest pocket, long sleeves with cuffs."""
    S, W, H = 280.0, 860, 700
    fr = TopFrame(
        cx=W / 2, ys=76, S=S, theta=30, forearm_bend=3, neck_half=0.185, neck_rise=0.10, side_top=0.64, side_hem=0.66,
        hem=1.62, sleeve_hw=((0, 0.19), (0.6, 0.175), (0.85, 0.162), (1.35, 0.145), (1.55, 0.14)),
    )  # fmt: skip
    cv = Canvas(W, H, seed)
    pal = SHIRT_COLOURS[color]
    thread = pal["thread"]

    def cloth() -> F32:
        return weave_plain(cv, pal["warp"], pal["weft"], period=1.7, warp_share=0.62, slub=0.035)

    sleeves = {sgn: fr.sleeve(sgn, t_end=1.52) for sgn in (1, -1)}
    hem = _shirt_body(cv, fr, sleeves, cloth(), thread)
    _chest_pocket(cv, fr, cloth(), thread)
    for sgn in (1, -1):
        _shirt_sleeve(cv, fr, sleeves[sgn], cloth(), thread, pal["button"])
    _button_down_collar(cv, fr, cloth(), thread, pal["button"])
    for v in (0.2, 0.43, 0.66, 0.89, 1.12, 1.35):
        button(cv, fr.p(0, v), 0.021 * S, pal["button"], holes=4, thread=thread)
    cuff_t = sleeves[1].t_end + 0.14 * S
    a = fr.anchors(long_sleeves=True, hem_y=float(hem[len(hem) // 2][1]), cuff_t=cuff_t)
    a["neck"] = np.array([fr.cx, fr.p(0, -0.05)[1]])
    return Picture(cv.rgba8(), rounded(a))
