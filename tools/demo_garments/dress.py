"""The demo dress: a sleeveless A-line midi in a small floral print."""

from __future__ import annotations

import numpy as np

from .canvas import F32, RGB, Canvas
from .cloth import Relief, floral_print, light, stitches
from .frames import Picture, TopFrame, rounded
from .geometry import Pts, closed, offset, rand_curve, spline

DRESS_COLOURS: dict[str, dict[str, object]] = {
    "cream": {
        "ground": (0.95, 0.92, 0.85),
        "flowers": ((0.86, 0.42, 0.42), (0.93, 0.62, 0.55), (0.42, 0.52, 0.74)),
        "centre": (0.96, 0.80, 0.35),
        "leaf": (0.52, 0.62, 0.47),
        "thread": (0.88, 0.85, 0.78),
    },
    "navy": {
        "ground": (0.13, 0.16, 0.30),
        "flowers": ((0.95, 0.93, 0.88), (0.90, 0.62, 0.65), (0.62, 0.72, 0.88)),
        "centre": (0.96, 0.80, 0.35),
        "leaf": (0.40, 0.55, 0.45),
        "thread": (0.18, 0.21, 0.36),
    },
}
WAIST_V, HEM_V, KNEE_V = 0.95, 2.86, 2.70  # first-version units (stretched by the frame)


def _skirt_u(v: float) -> float:
    return float(np.interp(v, [WAIST_V, 1.4, HEM_V], [0.50, 0.72, 1.0]))


def _skirt(cv: Canvas, fr: TopFrame, albedo: F32, thread: RGB) -> Pts:
    """The gathered skirt (drawn first: the bodice's waist seam sits over it); returns its hem."""
    rng, S = cv.rng, fr.S
    hem = spline([fr.p(_skirt_u(HEM_V), HEM_V - 0.03), fr.p(0.5, HEM_V + 0.015), fr.p(0, HEM_V + 0.03),
                  fr.p(-0.5, HEM_V + 0.015), fr.p(-_skirt_u(HEM_V), HEM_V - 0.03)])  # fmt: skip
    outline = closed(
        [fr.p(-_skirt_u(WAIST_V), WAIST_V - 0.02), fr.p(_skirt_u(WAIST_V), WAIST_V - 0.02)],
        spline([fr.p(_skirt_u(WAIST_V), WAIST_V), fr.p(_skirt_u(1.4), 1.4), fr.p(_skirt_u(2.2) + 0.01, 2.2), hem[0]]),
        hem[1:-1],
        spline(
            [hem[-1], fr.p(-_skirt_u(2.2) - 0.01, 2.2), fr.p(-_skirt_u(1.4), 1.4), fr.p(-_skirt_u(WAIST_V), WAIST_V)]
        ),
    )
    m = cv.poly(outline)
    folds = []
    for k in range(16):  # gathers at the waist
        u = -0.46 + k * 0.0613 + rng.uniform(-0.01, 0.01)
        folds.append(
            (np.array([fr.p(u, WAIST_V + 0.01), fr.p(u * 1.05, WAIST_V + 0.16 + rng.uniform(0, 0.06))]), 2.2, 2.2)
        )
    for k in range(8):  # flare folds opening towards the hem
        u = -0.42 + k * 0.12 + rng.uniform(-0.02, 0.02)
        top = WAIST_V + 0.15 + rng.uniform(0, 0.25)
        folds.append(
            (
                rand_curve(rng, fr.p(u, top), fr.p(u * 2.0, HEM_V + 0.02), 0.03 * S),
                9.0 + rng.uniform(-2, 2),
                12 + rng.uniform(-2, 4),
            )
        )
        folds.append((rand_curve(rng, fr.p(u + 0.06, top + 0.3), fr.p(u * 2.0 + 0.12, HEM_V), 0.03 * S), -5.0, 9))
    rel = Relief(cv).puff(m, 16, 0.3 * S).folds(folds).seam(offset(hem, -0.035 * S), 0.6, 0.8)
    shade = light(cv, rel.h, m, ao_r=7, ao_k=0.3, cavity_k=0.03)
    cv.paint(m, albedo * shade[..., None])
    stitches(cv, [offset(hem, -0.03 * S)[3:-3]], thread, shade, width=0.5)
    return hem


def _bodice(cv: Canvas, fr: TopFrame, albedo: F32, thread: RGB) -> None:
    rng, S = cv.rng, fr.S
    neck = spline([fr.neck_point(-1), fr.p(-0.155, 0.06), fr.p(0, 0.15), fr.p(0.155, 0.06), fr.neck_point(1)])
    arm = {
        sgn: spline([fr.p(sgn * 0.54, 0.0), fr.p(sgn * 0.49, 0.17), fr.p(sgn * 0.51, 0.28), fr.p(sgn * 0.585, 0.36)])
        for sgn in (1, -1)
    }
    sides = {
        sgn: spline([fr.p(sgn * 0.585, 0.36), fr.p(sgn * 0.56, 0.7), fr.p(sgn * 0.505, WAIST_V + 0.02)])
        for sgn in (1, -1)
    }
    waist = spline([fr.p(0.505, WAIST_V + 0.02), fr.p(0, WAIST_V + 0.035), fr.p(-0.505, WAIST_V + 0.02)])
    m = cv.poly(closed(neck, arm[1], sides[1], waist[1:-1], sides[-1][::-1], arm[-1][::-1]))
    cv.shadow(m, 0.3, 1.8, 2.5, 0.35)
    folds = []
    for sgn in (1, -1):
        folds.append((spline([fr.p(sgn * 0.26, 0.5), fr.p(sgn * 0.24, 0.8), fr.p(sgn * 0.22, WAIST_V)]), -2.0, 4))
        folds.append((rand_curve(rng, fr.p(sgn * 0.5, 0.5), fr.p(sgn * 0.33, 0.66), 0.01 * S), 2.5, 6))
        folds.append((rand_curve(rng, fr.p(sgn * 0.42, 0.72), fr.p(sgn * 0.3, 0.9), 0.01 * S), 2.0, 6))
    rel = Relief(cv).puff(m, 20, 0.28 * S).folds(folds).add(cv.blur_px(cv.noise(50), 12), 3.0)
    for sgn in (1, -1):  # bust darts from the waist, and the shoulder seam
        rel.seam(spline([fr.p(sgn * 0.24, WAIST_V + 0.02), fr.p(sgn * 0.245, 0.75), fr.p(sgn * 0.26, 0.52)]), 1.2, 0.8)
        rel.seam(spline([fr.neck_point(sgn), fr.p(sgn * 0.54, 0.0)]), 0.8)
    shade = light(cv, rel.h, m, ao_r=6, ao_k=0.3, cavity_k=0.02)
    cv.paint(m, albedo * shade[..., None])
    # neckline and armholes are faced: fine topstitch; the waist seam casts a hair of shadow
    stitches(
        cv,
        [offset(neck, -2.4)[3:-3]] + [offset(arm[sgn], sgn * 2.4)[3:-3] for sgn in (1, -1)],
        thread,
        shade,
        width=0.5,
    )
    cv.shade(1 - 0.35 * cv.blur_px(cv.line(waist, 1.6), 0.8))


def draw_floral_dress(color: str = "cream", seed: int = 41) -> Picture:
    """Sleeveless A-line midi dress in a small floral print: scoop neck, bust darts, gathered waist."""
    S, W, H = 215.0, 500, 850
    fr = TopFrame(cx=W / 2, ys=36, S=S, neck_half=0.19, neck_rise=0.09)
    cv = Canvas(W, H, seed)
    pal = DRESS_COLOURS[color]
    albedo = floral_print(
        cv, pal["ground"], pal["flowers"], pal["centre"], pal["leaf"], spacing=0.13 * S, size=0.028 * S
    )  # type: ignore[arg-type]
    thread: RGB = pal["thread"]  # type: ignore[assignment]
    hem = _skirt(cv, fr, albedo, thread)
    _bodice(cv, fr, albedo, thread)
    a: dict[str, Pts] = {
        "left_shoulder": fr.p(0.5, 0), "right_shoulder": fr.p(-0.5, 0),
        "left_hip": fr.p(fr.hip_half, fr.hip_y), "right_hip": fr.p(-fr.hip_half, fr.hip_y),
        "neck": np.array([fr.cx, fr.p(0, -0.02)[1]]), "hem": np.array([fr.cx, hem[len(hem) // 2][1]]),
    }  # fmt: skip
    for sgn, side in ((1, "left"), (-1, "right")):
        a[f"{side}_collar"] = fr.neck_point(sgn)
        a[f"{side}_shoulder_seam"] = fr.p(sgn * 0.54, 0.0)
        a[f"{side}_armpit"] = fr.p(sgn * 0.585, 0.36)
        a[f"{side}_waist"] = fr.p(sgn * 0.505, WAIST_V + 0.02)
        a[f"{side}_knee"] = fr.p(sgn * 0.31, KNEE_V)
    return Picture(cv.rgba8(), rounded(a))
