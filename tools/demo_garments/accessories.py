"""The demo accessories: a bucket hat, round glasses, a pearl necklace."""

from __future__ import annotations

import numpy as np

from .canvas import F32, Canvas, rgb, smoothstep, sub_canvas
from .cloth import LIGHT, Relief, light, stitches, twill
from .frames import Picture, rounded
from .geometry import Pts, closed, lerp, offset, resample, spline
from .trims import eyelet, rivet


def draw_bucket_hat(color: str = "ecru", seed: int = 71) -> Picture:
    """Cotton canvas bucket hat: six-panel crown with a flat top, metal eyelets, a sloping brim
    with rows of topstitching."""
    T = 260.0  # temple spacing
    W, H = 560, 340
    cx, yb = W / 2, 222.0  # temple line (the body's forehead and temple points)
    cv = Canvas(W, H, seed)
    pal = {
        "ecru": dict(base=(0.85, 0.79, 0.66), thread=(0.78, 0.72, 0.59)),
        "black": dict(base=(0.17, 0.17, 0.18), thread=(0.28, 0.28, 0.29)),
    }[color]
    base, thread = pal["base"], pal["thread"]

    def q(u: float, v: float) -> Pts:
        return np.array([cx + u * T, yb + v * T])

    def cloth() -> F32:
        return twill(cv, base, tuple(np.array(base) * 0.86), period=1.7, slope=0.45, face_share=0.6, streaks=0.02)

    # brim: from the band seam sloping down and out; its front edge is the lowest
    seam_line = spline([q(-0.64, 0.10), q(-0.3, 0.135), q(0, 0.145), q(0.3, 0.135), q(0.64, 0.10)])
    brim_edge = spline([q(1.0, 0.30), q(0.7, 0.37), q(0, 0.405), q(-0.7, 0.37), q(-1.0, 0.30)])
    brim = closed(seam_line, [q(0.66, 0.11)], brim_edge, [q(-0.66, 0.11)])
    bm = cv.poly(brim)
    brel = Relief(cv).puff(bm, 5, 0.05 * T)
    rows = []
    for k in range(6):
        f = (k + 0.6) / 6.5
        rows.append(
            spline(
                [
                    lerp(q(0.67, 0.115), q(0.99, 0.295), f),
                    lerp(q(0, 0.155), q(0, 0.39), f),
                    lerp(q(-0.67, 0.115), q(-0.99, 0.295), f),
                ]
            )
        )
    for r in rows:
        brel.seam(r, 0.5, 0.6)
    brel.folds([(spline([q(-0.5, 0.17), q(-0.5, 0.35)]), 2.5, 8), (spline([q(0.35, 0.17), q(0.33, 0.38)]), 2.0, 10)])
    bsh = light(cv, brel.h, bm, ao_r=3, ao_k=0.35)
    bsh *= 1.0 - 0.18 * smoothstep(0.0, 1.0, (cv.y - yb - 0.1 * T) / (0.3 * T))  # the brim turns away from the light
    cv.paint(bm, cloth() * bsh[..., None])
    stitches(cv, [r[2:-2] for r in rows], thread, bsh, width=0.55, dash=2.2, gap=1.0, clip=bm)
    # crown
    crown = closed(
        spline([q(-0.64, 0.105), q(-0.61, -0.2), q(-0.555, -0.47), q(-0.48, -0.545)]),
        spline([q(-0.48, -0.545), q(0, -0.575), q(0.48, -0.545)]),
        spline([q(0.48, -0.545), q(0.555, -0.47), q(0.61, -0.2), q(0.64, 0.105)]),
        seam_line[::-1],
    )
    cm = cv.poly(crown)
    cv.shadow(cm, 0.5, 2.0, 2.5, 0.4)
    crel = Relief(cv).puff(cm, 22, 0.3 * T)
    panel_seams = [spline([q(u * 1.02, 0.14), q(u, -0.25), q(u * 0.85, -0.54)]) for u in (-0.34, 0.34)]
    for ps in panel_seams:
        crel.seam(ps, 1.0, 0.8)
    top_seam = spline([q(-0.53, -0.485), q(0, -0.515), q(0.53, -0.485)])
    crel.seam(top_seam, 1.2, 0.8)
    crel.folds([(spline([q(-0.15, -0.4), q(-0.12, 0.0)]), 2.0, 10), (spline([q(0.5, -0.42), q(0.53, 0.0)]), 2.5, 8)])
    crel.add(cv.blur_px(cv.noise(30), 8), 2.0)
    csh = light(cv, crel.h, cm, ao_r=5, ao_k=0.3, cavity_k=0.02)
    cv.paint(cm, cloth() * csh[..., None])
    stitches(
        cv,
        [offset(ps, 2.3) for ps in panel_seams] + [offset(top_seam, -2.3)[2:-2], offset(seam_line, 2.5)[2:-2]],
        thread,
        csh,
        width=0.55,
        clip=cm,
    )
    for sgn in (1, -1):  # metal eyelets on the side panels
        for v in (-0.26, -0.15):
            eyelet(cv, q(sgn * 0.5, v), 0.022 * T)
    a = {"left_temple": q(0.5, 0), "right_temple": q(-0.5, 0), "forehead": q(0, 0), "crown": q(0, -0.39)}
    return Picture(cv.rgba8(), rounded(a))


def draw_round_glasses(color: str = "tortoise", seed: int = 81) -> Picture:
    """Round acetate glasses: thick rims with a gradient and a glint, keyhole bridge, metal rivets,
    tinted lenses (semi-transparent) with a soft reflection."""
    D = 240.0  # distance between the lens centres (= the eyes)
    W, H = 620, 250
    cx, ye = W / 2, 112.0
    cv = Canvas(W, H, seed)
    pal = {
        "tortoise": dict(dark=(0.20, 0.11, 0.06), light=(0.66, 0.40, 0.16), tint=(0.38, 0.30, 0.22)),
        "black": dict(dark=(0.06, 0.06, 0.07), light=(0.16, 0.16, 0.18), tint=(0.25, 0.27, 0.30)),
    }[color]
    r_in, rim = 0.355 * D, 0.05 * D
    lens_c = {sgn: np.array([cx + sgn * D / 2, ye]) for sgn in (1, -1)}
    # lenses first (under the rims): tinted, darker at the top, with a soft diagonal glint
    for sgn in (1, -1):
        c = lens_c[sgn]
        lm = cv.disc(c, r_in + 1.0)
        g = smoothstep(-1.0, 1.0, (c[1] - cv.y) / r_in)
        alpha = (0.20 + 0.09 * g) * lm
        cv.paint(alpha, rgb(pal["tint"]))
        dx, dy = (cv.x - c[0]) / r_in, (cv.y - c[1]) / r_in
        streak = np.exp(-(((dx + dy) * 0.7 + 0.45) ** 2) / 0.02) * np.exp(-((dx - dy) ** 2) / 0.5)
        streak2 = np.exp(-(((dx + dy) * 0.7 + 0.15) ** 2) / 0.004) * np.exp(-((dx - dy) ** 2) / 0.3)
        cv.paint(np.clip(0.45 * streak + 0.25 * streak2, 0, 1) * lm, np.array([1.0, 1.0, 1.0], np.float32))
    # frame mask: two rings, the bridge, the endpieces
    frame = np.zeros(cv.shape, np.float32)
    for sgn in (1, -1):
        c = lens_c[sgn]
        frame = np.maximum(frame, np.clip(cv.disc(c, r_in + rim) - cv.disc(c, r_in), 0, 1))
        end = np.array(
            [
                c + [sgn * (r_in + rim * 0.6), -0.16 * D],
                c + [sgn * (r_in + rim + 0.055 * D), -0.15 * D],
                c + [sgn * (r_in + rim + 0.055 * D), -0.07 * D],
                c + [sgn * (r_in + rim * 0.6), -0.05 * D],
            ]
        )
        frame = np.maximum(frame, cv.poly(end))
    bridge = spline(
        [
            lens_c[-1] + [r_in + rim * 0.3, -0.17 * D],
            (cx - 0.06 * D, ye - 0.24 * D),
            (cx, ye - 0.25 * D),
            (cx + 0.06 * D, ye - 0.24 * D),
            lens_c[1] + [-r_in - rim * 0.3, -0.17 * D],
        ]
    )
    frame = np.maximum(frame, cv.line(bridge, 0.045 * D))
    # temples: seen end-on, short dark bars going back towards the ears
    temples = []
    for sgn in (1, -1):
        c = lens_c[sgn]
        temples.append(np.array([c + [sgn * (r_in + rim + 0.05 * D), -0.11 * D], [cx + sgn * 1.05 * D, ye + 0.06 * D]]))
    tm = cv.lines(temples, 0.035 * D)
    cv.outer_shadow(tm, 0.0, 1.5, 2.0, 0.0)
    # tortoiseshell: amber patches in dark brown
    n = cv.noise(0.05 * D, octaves=3)
    patches = smoothstep(0.1, 0.9, n)
    col = rgb(pal["dark"]) + (rgb(pal["light"]) - rgb(pal["dark"])) * (patches * 0.85)[..., None]
    rel = Relief(cv).puff(frame, 4.0, 0.02 * D)
    sh = light(cv, rel.h, frame, ao_r=1.5, ao_k=0.2, cavity_k=0.0, sheen=0.8)
    cv.paint(tm, rgb(pal["dark"]) * 0.8)
    gloss = np.clip(sh - 1.05, 0, 1) * 1.2
    cv.paint(frame, np.clip(col * sh[..., None] + gloss[..., None] * 0.8, 0, 1))
    # hinge rivets
    for sgn in (1, -1):
        c = lens_c[sgn] + [sgn * (r_in + rim + 0.025 * D), -0.11 * D]
        for dyy in (-0.018 * D, 0.018 * D):
            rivet(cv, c + [0, dyy], 0.009 * D, color=(0.80, 0.80, 0.78))
    a = {
        "left_eye": lens_c[1],
        "right_eye": lens_c[-1],
        "left_ear": np.array([cx + 1.05 * D, ye + 0.06 * D]),
        "right_ear": np.array([cx - 1.05 * D, ye + 0.06 * D]),
    }
    return Picture(cv.rgba8(), rounded(a))


def draw_pearl_necklace(color: str = "white", seed: int = 91) -> Picture:
    """A single strand of round pearls with a lustre highlight, lying around the base of the neck,
    casting a faint shadow on the skin."""
    S = 560.0
    W, H = 640, 240
    cx, ys = W / 2, 60.0
    cv = Canvas(W, H, seed)
    rng = cv.rng
    pal = {
        "white": dict(body=(0.93, 0.91, 0.86), tint=(0.98, 0.90, 0.88)),
        "gold": dict(body=(0.90, 0.80, 0.58), tint=(0.98, 0.90, 0.70)),
    }[color]
    # the visible front of the strand: from the sides of the neck down to the hollow of the throat
    strand = spline(
        [
            (cx - 0.175 * S, ys - 0.05 * S),
            (cx - 0.15 * S, ys + 0.06 * S),
            (cx - 0.08 * S, ys + 0.13 * S),
            (cx, ys + 0.155 * S),
            (cx + 0.08 * S, ys + 0.13 * S),
            (cx + 0.15 * S, ys + 0.06 * S),
            (cx + 0.175 * S, ys - 0.05 * S),
        ],
        per_seg=40,
    )
    r = 0.0135 * S
    pts = resample(strand, 2 * r * 1.02)
    # pearls at the ends go round behind the neck: a little smaller, darker
    n = len(pts)
    shadow = np.zeros(cv.shape, np.float32)
    for c in pts:
        shadow = np.maximum(shadow, cv.disc(c + [0.0, 0.3 * r], r * 0.95))
    cv.outer_shadow(shadow, 0.2 * r, 0.5 * r, 0.35 * r, 0.35)
    silk = cv.line(strand, 0.1 * r)
    cv.paint(silk * 0.6, rgb((0.85, 0.83, 0.78)))
    for i, c in enumerate(pts):
        end = min(i, n - 1 - i) / 4.0
        k = 0.8 + 0.2 * min(end, 1.0)
        rr = r * (0.93 + 0.07 * min(end, 1.0)) * rng.uniform(0.96, 1.03)
        sc = sub_canvas(cv, (c[0] - 2 * rr, c[1] - 2 * rr, c[0] + 2 * rr, c[1] + 2 * rr))
        d = sc.disc(c, rr)
        dx, dy = (sc.x - c[0]) / rr, (sc.y - c[1]) / rr
        z = np.sqrt(np.clip(1 - dx * dx - dy * dy, 0, 1))
        ndl = np.clip(-dx * LIGHT[0] - dy * LIGHT[1] + z * LIGHT[2], 0, 1)
        body = rgb(pal["body"]) * (0.45 + 0.6 * ndl)[..., None]
        # orient lustre: pinkish rim, sharp window highlight, soft secondary one
        rimc = (1 - z) ** 2
        body = body * (1 - 0.25 * rimc)[..., None] + rgb(pal["tint"]) * (0.18 * rimc)[..., None]
        hl = np.exp(-(((dx + 0.38) ** 2 + (dy + 0.42) ** 2) / 0.03))
        hl2 = np.exp(-(((dx - 0.35) ** 2 + (dy - 0.4) ** 2) / 0.08)) * 0.15
        colr = np.clip(body * k + (hl * 0.85 + hl2)[..., None], 0, 1)
        sc.paint(d, colr)
    a = {
        "neck": np.array([cx, ys - 0.03 * S]),
        "left_shoulder": np.array([cx + 0.5 * S, ys]),
        "right_shoulder": np.array([cx - 0.5 * S, ys]),
    }
    return Picture(cv.rgba8(), rounded(a))
