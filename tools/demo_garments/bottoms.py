"""The demo bottoms: five-pocket straight jeans and a knife-pleated midi skirt."""

from __future__ import annotations

import math

import cv2
import numpy as np

from .canvas import F32, RGB, SS, Canvas, rgb, smoothstep, sub_canvas
from .cloth import Look, Relief, light, sew, solid, stitches, twill
from .frames import BottomFrame, Picture, rounded
from .geometry import Pts, closed, lerp, offset, rand_curve, spline
from .trims import button, rivet

JEANS_COLOURS: dict[str, dict[str, RGB]] = {
    "indigo": {"face": (0.15, 0.23, 0.41), "back": (0.70, 0.72, 0.76), "fade": (0.42, 0.54, 0.72), "thread": (0.86, 0.55, 0.20)},
    "black": {"face": (0.12, 0.12, 0.14), "back": (0.40, 0.40, 0.42), "fade": (0.30, 0.30, 0.33), "thread": (0.55, 0.55, 0.55)},
}  # fmt: skip
WB = (-0.46, -0.33)  # jeans' waistband top, bottom
DENIM_STITCH = {"width": 0.8, "dash": 2.6, "gap": 1.3}


class _Jeans:
    def __init__(self, color: str, seed: int) -> None:
        self.fr = BottomFrame(cx=210, yh=100, Hs=184.0)
        self.cv = Canvas(420, 880, seed)
        self.pal = JEANS_COLOURS[color]
        self.knee_v = self.fr.thigh
        self.ankle_v = self.fr.thigh + self.fr.shin
        self.hem_v = self.ankle_v + 0.1
        self.legs = {sgn: self._leg(sgn) for sgn in (1, -1)}

    def _leg(self, sgn: int) -> tuple[Pts, Pts]:
        p, kv, hv = self.fr.p, self.knee_v, self.hem_v
        outer = spline([p(sgn * 0.80, WB[1]), p(sgn * 0.85, 0.0), p(sgn * 0.83, 0.6), p(sgn * 0.84, 1.3),
                        p(sgn * 0.86, kv), p(sgn * 0.865, 3.0), p(sgn * 0.87, hv)])  # fmt: skip
        inner = spline(
            [
                p(sgn * 0.235, hv),
                p(sgn * 0.22, 3.0),
                p(sgn * 0.19, kv),
                p(sgn * 0.12, 1.2),
                p(sgn * 0.04, 0.55),
                p(0, 0.40),
            ]
        )
        return outer, inner

    def albedo(self) -> F32:
        """Indigo twill, faded over thighs and knees, with whiskers from the fly."""
        cv, fr, Hs, rng = self.cv, self.fr, self.fr.Hs, self.cv.rng
        pal = self.pal
        alb = twill(cv, pal["face"], pal["back"], period=2.0, slope=0.5, face_share=0.74, streaks=0.07)
        faded = twill(cv, pal["fade"], pal["back"], period=2.0, slope=0.5, face_share=0.62, streaks=0.09)
        fade = np.zeros(cv.shape, np.float32)
        for sgn in (1, -1):
            fade += 0.55 * cv.blur_px(
                cv.line(np.array([fr.p(sgn * 0.46, 0.25), fr.p(sgn * 0.5, 1.7)]), 0.32 * Hs), 0.22 * Hs
            )
            fade += 0.35 * cv.blur_px(cv.disc(fr.p(sgn * 0.52, self.knee_v - 0.1), 0.2 * Hs), 0.15 * Hs)
            shin = np.array([fr.p(sgn * 0.53, self.knee_v + 0.3), fr.p(sgn * 0.55, self.ankle_v - 0.4)])
            fade += 0.25 * cv.blur_px(cv.line(shin, 0.2 * Hs), 0.2 * Hs)
        whiskers = []
        for sgn in (1, -1):
            for k in range(5):
                v = 0.02 + 0.075 * k + rng.uniform(-0.02, 0.02)
                a = fr.p(sgn * (0.1 + 0.02 * k), v + 0.12)
                b = fr.p(sgn * (0.55 - 0.03 * k + rng.uniform(-0.04, 0.04)), v - 0.08 + 0.02 * k)
                whiskers.append(spline([a, lerp(a, b, 0.5) + np.array([0, 0.015 * Hs]), b]))
        wm = cv.lines(whiskers, 0.02 * Hs)
        fade += 0.9 * cv.blur_px(wm, 0.012 * Hs) * smoothstep(0.0, 1.0, cv.blur_px(wm, 0.03 * Hs) * 3)
        fade = np.clip(fade + 0.06 * cv.noise(30) + 0.05 * cv.noise(6), 0, 1)
        return alb + (faded - alb) * fade[..., None]

    def relief(self) -> Relief:
        cv, fr, Hs, rng = self.cv, self.fr, self.fr.Hs, self.cv.rng
        rel = Relief(cv)
        for sgn in (1, -1):
            rel.puff(cv.poly(closed(self.legs[sgn][0], self.legs[sgn][1], [fr.p(0, WB[1])])), 14, 0.22 * Hs)
        folds = []
        for sgn in (1, -1):
            for k in range(4):
                v = 0.05 + 0.08 * k
                folds.append((spline([fr.p(sgn * 0.08, v + 0.12), fr.p(sgn * (0.45 - 0.04 * k), v - 0.04)]), 2.5, 3.5))
            for k in range(3):
                v = self.knee_v - 0.15 + 0.13 * k
                folds.append(
                    (rand_curve(rng, fr.p(sgn * 0.3, v + 0.04), fr.p(sgn * 0.75, v - 0.03), 0.01 * Hs), 2.2, 4)
                )
            for k in range(4):  # stacking above the hem
                v = self.ankle_v - 0.5 + 0.13 * k + rng.uniform(-0.03, 0.03)
                a, b = fr.p(sgn * 0.27, v + rng.uniform(-0.04, 0.04)), fr.p(sgn * 0.82, v + rng.uniform(-0.06, 0.06))
                folds.append((rand_curve(rng, a, b, 0.02 * Hs), 4.0, 4.5))
            folds.append((rand_curve(rng, fr.p(sgn * 0.5, 0.7), fr.p(sgn * 0.5, self.knee_v - 0.3), 0.04 * Hs), 3.0, 9))
            folds.append(
                (
                    rand_curve(
                        rng, fr.p(sgn * 0.5, self.knee_v + 0.25), fr.p(sgn * 0.52, self.ankle_v - 0.6), 0.04 * Hs
                    ),
                    3.0,
                    9,
                )
            )
        return rel.folds(folds).add(cv.blur_px(cv.noise(40), 10), 2.5)

    def body(self) -> None:
        cv, fr = self.cv, self.fr
        legs = self.legs
        m = cv.poly(
            closed(
                [fr.p(-0.80, WB[1]), fr.p(0.80, WB[1])],
                legs[1][0][1:],
                legs[1][1],
                legs[-1][1][::-1][1:],
                legs[-1][0][::-1],
            )
        )
        alb = self.albedo()
        self.alb = alb
        rel = self.relief()
        fly = spline([fr.p(0.17, WB[1]), fr.p(0.17, 0.12), fr.p(0.13, 0.27), fr.p(0.03, 0.36)])
        pocket = {
            sgn: spline(
                [fr.p(sgn * 0.42, WB[1]), fr.p(sgn * 0.50, -0.16), fr.p(sgn * 0.68, -0.05), fr.p(sgn * 0.845, -0.03)]
            )
            for sgn in (1, -1)
        }
        coin = np.array([fr.p(-0.72, WB[1]), fr.p(-0.72, -0.14), fr.p(-0.53, -0.135), fr.p(-0.52, WB[1])])
        for sgn in (1, -1):
            rel.seam(legs[sgn][0][1:], 1.2, 1.0).seam(legs[sgn][1], 1.2, 1.0).seam(pocket[sgn], 2.0, 1.0)
            rel.seam(np.array([fr.p(sgn * 0.87, self.hem_v - 0.065), fr.p(sgn * 0.23, self.hem_v - 0.065)]), 1.2, 0.9)
        rel.seam(np.array([fr.p(0, WB[1]), fr.p(0, 0.40)]), 1.6, 1.0).seam(fly, 1.2, 0.9).seam(coin[1:3], 1.0, 0.8)
        rel.ridge(np.array([fr.p(0.09, WB[1]), fr.p(0.09, 0.3)]), 1.0, 4)
        shade = light(cv, rel.h, m, ao_r=6, ao_k=0.35, cavity_k=0.03)
        cv.paint(m, alb * shade[..., None])
        for sgn in (1, -1):  # pocket openings: the facing shows (a darker step) and casts a shadow
            cv.shade(1 - 0.22 * cv.poly(closed(pocket[sgn], [fr.p(sgn * 0.84, WB[1])])))
            cv.shadow(cv.line(pocket[sgn], 1.2), -0.3 * sgn, -1.0, 1.2, 0.4)
        cv.shade(1 - 0.35 * cv.blur_px(cv.line(np.array([fr.p(0.0, WB[1]), fr.p(0.0, 0.33)]), 1.0), 0.6))
        double = [offset(fly, -2.6)[1:-1], coin + np.array([[2.5, 0], [2.5, -2.5], [-2.5, -2.5], [-2.5, 0]]),
                  np.array([fr.p(-0.72, -0.165), fr.p(-0.53, -0.16)])]  # fmt: skip
        for sgn in (1, -1):
            double += [offset(pocket[sgn], sgn * 2.5)[2:-2], offset(pocket[sgn], sgn * 5.0)[2:-2]]
            double += [
                offset(legs[sgn][1], -sgn * 2.8)[4:-6],
                offset(legs[sgn][1], -sgn * 5.4)[4:-6],
                offset(legs[sgn][0][2:], sgn * 3.0),
            ]
            double += [np.array([fr.p(sgn * 0.86, self.hem_v - 0.055), fr.p(sgn * 0.245, self.hem_v - 0.055)])]
        stitches(cv, double, self.pal["thread"], shade, opacity=0.95, clip=m, **DENIM_STITCH)
        stitches(
            cv, [np.array([fr.p(0.03, 0.355), fr.p(0.06, 0.33)])], self.pal["thread"], shade, width=1.4, dash=6, gap=0.1
        )

    def waistband(self) -> None:
        cv, fr, Hs, thread = self.cv, self.fr, self.fr.Hs, self.pal["thread"]
        band = closed(spline([fr.p(-0.80, WB[0]), fr.p(0, WB[0] + 0.01), fr.p(0.80, WB[0])]),
                      spline([fr.p(0.80, WB[1]), fr.p(0, WB[1] + 0.01), fr.p(-0.80, WB[1])]))  # fmt: skip
        wm = cv.poly(band)
        shade = sew(cv, wm, self.alb * 0.97, Look(puff=(4, 0.04 * Hs), shadow=(0.3, 1.3, 1.5, 0.45), ao=(2, 0.3)))
        rows = [spline([fr.p(-0.79, WB[0] + 0.025), fr.p(0, WB[0] + 0.035), fr.p(0.79, WB[0] + 0.025)]),
                spline([fr.p(-0.79, WB[1] - 0.025), fr.p(0, WB[1] - 0.015), fr.p(0.79, WB[1] - 0.025)])]  # fmt: skip
        stitches(cv, rows, thread, shade, clip=wm, **DENIM_STITCH)
        for u in (-0.83, -0.5, 0.5, 0.83):  # belt loops
            lp = np.array(
                [
                    fr.p(u - 0.045, WB[0] - 0.04),
                    fr.p(u + 0.045, WB[0] - 0.04),
                    fr.p(u + 0.045, WB[1] + 0.05),
                    fr.p(u - 0.045, WB[1] + 0.05),
                ]
            )
            if abs(u) > 0.8:
                lp[:, 0] = np.clip(lp[:, 0], fr.p(-0.84, 0)[0], fr.p(0.84, 0)[0])
            lm = cv.poly(lp)
            sew(cv, lm, self.alb, Look(puff=(3, 0.03 * Hs), shadow=(0.4, 1.2, 1.2, 0.5), ao=(1.5, 0.3)))
            bars = [np.array([fr.p(u - 0.04, WB[0] - 0.02), fr.p(u + 0.04, WB[0] - 0.02)]),
                    np.array([fr.p(u - 0.04, WB[1] + 0.03), fr.p(u + 0.04, WB[1] + 0.03)])]  # fmt: skip
            stitches(cv, bars, thread, None, width=1.1, dash=8, gap=0.1, clip=lm)

    def rivets(self) -> None:
        cv, fr, Hs = self.cv, self.fr, self.fr.Hs
        for sgn in (1, -1):
            rivet(cv, fr.p(sgn * 0.43, WB[1] + 0.03), 0.028 * Hs)
            rivet(cv, fr.p(sgn * 0.825, -0.03), 0.028 * Hs)
        rivet(cv, fr.p(-0.71, WB[1] + 0.02), 0.022 * Hs)
        rivet(cv, fr.p(-0.535, WB[1] + 0.02), 0.022 * Hs)
        bc = fr.p(0.0, sum(WB) / 2)
        rivet(cv, bc, 0.075 * Hs, color=(0.70, 0.68, 0.64))
        sc = sub_canvas(cv, (bc[0] - 20, bc[1] - 20, bc[0] + 20, bc[1] + 20))
        sc.paint(np.clip(sc.disc(bc, 0.06 * Hs) - sc.disc(bc, 0.05 * Hs), 0, 1) * 0.6, rgb((0.35, 0.34, 0.32)))

    def anchors(self) -> dict[str, list[float]]:
        fr = self.fr
        a: dict[str, Pts] = {"crotch": fr.p(0, 0.40)}
        for sgn, side in ((1, "left"), (-1, "right")):
            a[f"{side}_hip"] = fr.p(sgn * 0.5, 0)
            a[f"{side}_knee"] = fr.p(sgn * 0.52, self.knee_v)
            a[f"{side}_ankle"] = fr.p(sgn * 0.55, self.ankle_v)
            a[f"{side}_waist"] = fr.p(sgn * 0.80, WB[0])
            a[f"{side}_cuff"] = fr.p(sgn * 0.555, self.hem_v - 0.01)
        return rounded(a)


def draw_denim_jeans(color: str = "indigo", seed: int = 51) -> Picture:
    """Straight five-pocket jeans in indigo twill: orange topstitching, rivets, whiskers and fades."""
    jeans = _Jeans(color, seed)
    jeans.body()
    jeans.waistband()
    jeans.rivets()
    return Picture(jeans.cv.rgba8(), jeans.anchors())


SKIRT_COLOURS: dict[str, dict[str, RGB]] = {
    "mocha": {"base": (0.56, 0.43, 0.34), "thread": (0.50, 0.38, 0.30)},
    "navy": {"base": (0.16, 0.20, 0.33), "thread": (0.20, 0.24, 0.38)},
}
SKIRT_WB = (-0.44, -0.32)
PLEATS = 13  # per half (across the front)


def _pleat_half(v: float, hem_v: float) -> float:
    return float(np.interp(v, [SKIRT_WB[1], 0.05, 0.45, hem_v], [0.73, 0.87, 0.93, 1.28]))


def _pleats(cv: Canvas, fr: BottomFrame, hem_v: float) -> tuple[F32, F32, F32]:
    """The pleats' height field (a sawtooth round the body), their fold edges, and the depth ramp."""
    hh = (cv.y - fr.yh) / fr.Hs
    halfw = np.interp(hh, [SKIRT_WB[1], 0.05, 0.45, hem_v], [0.73, 0.87, 0.93, 1.28]) * fr.Hs
    u = np.clip((cv.x - fr.cx) / halfw, -0.999, 0.999)
    phase = (np.arcsin(u) / math.pi + 0.5) * (2 * PLEATS)
    saw = phase - np.floor(phase)
    depth = smoothstep(0.05, 0.5, hh) * (5.5 + 4.0 * np.clip((hh - 0.5) / 1.8, 0, 1))
    height = cv2.GaussianBlur((saw * depth).astype(np.float32), (0, 0), 0.8 * SS)
    edge = np.clip(1 - saw * 14, 0, 1) * smoothstep(0.0, 0.3, hh)
    return height, edge.astype(np.float32), hh.astype(np.float32)


def draw_pleated_skirt(color: str = "mocha", seed: int = 61) -> Picture:
    """Knife-pleated midi skirt: a waistband with a covered button, pleats stitched down over the
    hips and falling open below."""
    fr = BottomFrame(cx=300, yh=100, Hs=196.0)
    cv = Canvas(600, 790, seed)
    pal = SKIRT_COLOURS[color]
    knee_v = fr.thigh
    hem_v = knee_v + 1.2  # midi: to mid-calf
    half = lambda v: _pleat_half(v, hem_v)  # noqa: E731
    hem = np.array([fr.p(math.sin(math.asin(np.clip(-1 + k / PLEATS, -1, 1))) * half(hem_v),
                         hem_v + 0.03 * math.cos(math.asin(np.clip(-1 + k / PLEATS, -1, 1))) + (0.012 if k % 2 else 0))
                    for k in range(2 * PLEATS + 1)])  # fmt: skip
    wb1 = SKIRT_WB[1]
    outline = closed(
        [fr.p(-half(wb1), wb1), fr.p(half(wb1), wb1)],
        spline([fr.p(half(wb1), wb1), fr.p(half(0.05), 0.05), fr.p(half(0.45), 0.45), fr.p(half(1.3), 1.3), hem[-1]]),
        hem[::-1][1:-1],
        spline(
            [hem[0], fr.p(-half(1.3), 1.3), fr.p(-half(0.45), 0.45), fr.p(-half(0.05), 0.05), fr.p(-half(wb1), wb1)]
        ),
    )
    m = cv.poly(outline)
    pleat_h, edge, _ = _pleats(cv, fr, hem_v)
    rel = Relief(cv).puff(m, 14, 0.35 * fr.Hs).add(pleat_h).add(cv.blur_px(cv.noise(50), 12), 3.0)
    alb = (
        solid(cv, pal["base"], grain=0.03, cell=1.5)
        * (1 + 0.02 * np.sin(2 * np.pi * (cv.x + 0.4 * cv.y) / 1.6))[..., None]
    )
    shade = light(cv, rel.h, m, ao_r=7, ao_k=0.3, cavity_r=4, cavity_k=0.04)
    shade *= 1 - 0.2 * cv2.GaussianBlur(edge, (0, 0), 0.5 * SS)  # each pleat's fold edge: a crisp dark line
    cv.paint(m, alb * shade[..., None])
    sewn = [np.array([fr.p(math.sin(math.asin(-1 + k / PLEATS)) * half(wb1 + 0.01) - 0.012, wb1 + 0.01),
                      fr.p(math.sin(math.asin(-1 + k / PLEATS)) * half(0.05) - 0.012, 0.1)]) for k in range(1, 2 * PLEATS)]  # fmt: skip
    stitches(cv, sewn, pal["thread"], shade, width=0.55, opacity=0.8, clip=m)
    stitches(cv, [offset(hem, 2.8)[1:-1]], pal["thread"], shade, width=0.5, opacity=0.7, clip=m)
    wb0 = SKIRT_WB[0]
    wm = cv.poly(np.array([fr.p(-0.735, wb0), fr.p(0.735, wb0), fr.p(0.74, wb1 + 0.01), fr.p(-0.74, wb1 + 0.01)]))
    wshade = sew(
        cv,
        wm,
        solid(cv, pal["base"], grain=0.03, cell=1.5),
        Look(puff=(4, 0.04 * fr.Hs), shadow=(0.3, 1.4, 1.6, 0.45), ao=(2, 0.3)),
    )
    rows = [
        np.array([fr.p(-0.73, wb0 + 0.02), fr.p(0.73, wb0 + 0.02)]),
        np.array([fr.p(-0.73, wb1 - 0.01), fr.p(0.73, wb1 - 0.01)]),
    ]
    stitches(cv, rows, pal["thread"], wshade, width=0.5, clip=wm)
    button(cv, fr.p(0.5, (wb0 + wb1) / 2), 0.035 * fr.Hs, tuple(np.array(pal["base"]) * 0.75), holes=0)  # type: ignore[arg-type]
    a: dict[str, Pts] = {"hem": fr.p(0, hem_v + 0.03)}
    for sgn, side in ((1, "left"), (-1, "right")):
        a[f"{side}_hip"] = fr.p(sgn * 0.5, 0)
        a[f"{side}_knee"] = fr.p(sgn * 0.5, knee_v)
        a[f"{side}_waist"] = fr.p(sgn * 0.735, wb0)
    return Picture(cv.rgba8(), rounded(a))
