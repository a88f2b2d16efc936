"""The demo coat: a double-breasted gabardine trench."""

from __future__ import annotations

import math

import numpy as np

from .canvas import F32, RGB, Canvas, rgb
from .cloth import Look, Relief, light, sew, stitches, twill
from .frames import Picture, Sleeve, TopFrame, draw_sleeve, elbow_creases, quad_along, rounded
from .geometry import Pts, closed, offset, rand_curve, resample, spline, sub
from .trims import buckle, button

COAT_COLOURS: dict[str, dict[str, RGB]] = {
    "honey": {"base": (0.76, 0.63, 0.44), "thread": (0.66, 0.54, 0.36), "button": (0.30, 0.21, 0.15)},
    "navy": {"base": (0.17, 0.21, 0.31), "thread": (0.24, 0.28, 0.39), "button": (0.10, 0.10, 0.12)},
}
HEM_V, KNEE_V = 2.97, 2.70  # first-version units (stretched by the frame)
BELT = (0.925, 1.015)


def _side_u(v: float) -> float:
    return float(np.interp(v, [0.55, 0.97, 1.4, HEM_V], [0.68, 0.61, 0.70, 0.92]))


class _Coat:
    def __init__(self, color: str, seed: int) -> None:
        self.S, W, H = 200.0, 620, 850
        self.fr = TopFrame(
            cx=W / 2, ys=66, S=self.S, theta=32, forearm_bend=4, neck_half=0.2, neck_rise=0.1, side_top=0.68,
            side_hem=0.68, hem=1.4, sleeve_hw=((0, 0.215), (0.6, 0.195), (0.85, 0.18), (1.4, 0.16), (1.7, 0.155)),
        )  # fmt: skip
        self.cv = Canvas(W, H, seed)
        pal = COAT_COLOURS[color]
        self.base, self.thread, self.button = pal["base"], pal["thread"], pal["button"]
        self.sleeves = {sgn: self.fr.sleeve(sgn, t_end=1.70) for sgn in (1, -1)}
        self.vb = self.fr.p(-0.22, 0.42)  # where the lapels cross

    def cloth(self, k: float = 1.0) -> F32:
        b = tuple(np.array(self.base) * k)
        return twill(self.cv, b, tuple(np.array(b) * 0.84), period=1.5, slope=0.38, face_share=0.62, streaks=0.02)  # type: ignore[arg-type]

    def body(self) -> Pts:
        fr, cv, S, rng = self.fr, self.cv, self.S, self.cv.rng
        hem = spline([fr.p(_side_u(HEM_V), HEM_V - 0.015), fr.p(0.4, HEM_V + 0.01), fr.p(0, HEM_V + 0.02),
                      fr.p(-0.4, HEM_V + 0.01), fr.p(-_side_u(HEM_V), HEM_V - 0.015)])  # fmt: skip
        side = {
            sgn: spline([self.sleeves[sgn].armpit - np.array([sgn * 0.01 * S, 0])]
                        + [fr.p(sgn * _side_u(v), v) for v in (0.97, 1.4, 2.1)] + [hem[0 if sgn > 0 else -1]])
            for sgn in (1, -1)
        }  # fmt: skip
        outline = closed([fr.neck_point(1), fr.seam_end(1)], side[1], hem[1:-1], side[-1][::-1],
                         [fr.seam_end(-1), fr.neck_point(-1), self.vb])  # fmt: skip
        body = cv.poly(outline)
        folds = []
        for k in range(9):  # skirt: folds falling from the belt, fanning out
            u = -0.62 + k * 0.155 + rng.uniform(-0.03, 0.03)
            curve = rand_curve(rng, fr.p(u * 0.95, BELT[1] + 0.02), fr.p(u * 1.35, HEM_V), 0.03 * S)
            folds.append((curve, 6.0 + rng.uniform(-1.5, 1.5), 10 + rng.uniform(-2, 3)))
        for sgn in (1, -1):  # blousing above the belt
            for k in range(3):
                u = sgn * (0.2 + 0.14 * k)
                folds.append((rand_curve(rng, fr.p(u - sgn * 0.03, 0.62), fr.p(u, BELT[0] - 0.01), 0.01 * S), 3.5, 6))
            ap = self.sleeves[sgn].armpit
            folds.append(
                (rand_curve(rng, ap + np.array([-sgn * 0.03 * S, 0.04 * S]), fr.p(sgn * 0.3, 0.78), 0.02 * S), 3.0, 7)
            )
        rel = Relief(cv).puff(body, 18, 0.3 * S).folds(folds).add(cv.blur_px(cv.noise(70), 16), 4.0)
        front_edge = spline([self.vb, fr.p(-0.22, BELT[0]), fr.p(-0.235, 1.6), fr.p(-0.25, HEM_V + 0.02)])
        rel.ridge(offset(front_edge, 1.5), 2.0, 2.5).seam(front_edge, 1.2, 0.8)
        for sgn in (1, -1):
            rel.seam(side[sgn], 1.0, 0.9).seam(spline([fr.neck_point(sgn), fr.seam_end(sgn)]), 1.0)
        shade = light(cv, rel.h, body, ao_r=7, ao_k=0.3, cavity_k=0.025)
        cv.paint(body, self.cloth() * shade[..., None])
        lines = [offset(front_edge, -2.5)[2:], offset(hem, -0.03 * S)[3:-3], offset(hem, -0.03 * S - 2.5)[3:-3]]
        stitches(cv, lines, self.thread, shade, width=0.55)
        return hem

    def pockets(self) -> None:
        fr, cv, S = self.fr, self.cv, self.S
        for sgn in (1, -1):
            c = fr.p(sgn * 0.44, 1.3)
            ang = math.radians(-sgn * 24)
            u = np.array([math.cos(ang), math.sin(ang)]) * sgn
            v = np.array([-u[1], u[0]]) * sgn
            hw, hh = 0.10 * S, 0.035 * S
            flap = np.array(
                [c - u * hw - v * hh, c + u * hw - v * hh, c + u * hw + v * hh * 1.1, c - u * hw + v * hh * 1.1]
            )
            fm = cv.poly(flap)
            shade = sew(cv, fm, self.cloth(), Look(puff=(3, 4), shadow=(0.5, 1.3, 1.5, 0.45), ao=(2, 0.25)))
            inner = np.array(
                [flap[0] + (u + v) * 2.5, flap[1] + (v - u) * 2.5, flap[2] - (u + v) * 2.5, flap[3] + (u - v) * 2.5]
            )
            stitches(cv, [inner[[3, 0, 1, 2]]], self.thread, shade, width=0.5, clip=fm)

    def sleeve(self, s: Sleeve) -> None:
        S, cv, rng = self.S, self.cv, self.cv.rng
        folds = elbow_creases(s, S, rng, step=0.12)
        folds.append(
            (rand_curve(rng, s.across(s.t_armpit, -0.5), s.across(s.upper_len - 0.1 * S, 0.1), 0.01 * S), 3.5, 7)
        )
        folds.append(
            (rand_curve(rng, s.across(0.35 * S, 0.45), s.across(s.upper_len + 0.2 * S, 0.45), 0.01 * S), 3.0, 8)
        )
        folds.append(
            (
                rand_curve(rng, s.across(s.upper_len + 0.15 * S, -0.1), s.across(s.t_end - 0.1 * S, 0.0), 0.01 * S),
                3.0,
                7,
            )
        )
        _m, shade, armhole = draw_sleeve(cv, self.fr, s, self.cloth(), folds, puff=(16.0, 0.5), cavity_k=0.025)
        hem = np.array([s.edge(s.t_end - 0.045 * S, 1, 0.97), s.edge(s.t_end - 0.045 * S, -1, 0.97)])
        stitches(cv, [offset(armhole, 2.5 * s.side)[3:-3], hem], self.thread, shade, width=0.55)
        # strap round the wrist, buckled on the outer side
        t0, t1 = s.t_end - 0.3 * S, s.t_end - 0.225 * S
        stm = cv.poly(quad_along(s, t0, t1, s.halfwidth(t0) * 1.03, s.halfwidth(t1) * 1.03))
        sh = sew(cv, stm, self.cloth(0.98), Look(puff=(3, 4), shadow=(0.3, 1.2, 1.2, 0.45), ao=(2, 0.3)))
        ends = [
            np.array([s.across(t, -1) + s.direction(t) * d, s.across(t, 1) + s.direction(t) * d])
            for t, d in ((t0, 2.2), (t1, -2.2))
        ]
        stitches(cv, ends, self.thread, sh, width=0.5, clip=stm)
        tm = (t0 + t1) / 2
        angle = math.degrees(math.atan2(s.direction(tm)[1], s.direction(tm)[0])) - 90
        buckle(cv, s.across(tm, 0.55), 0.075 * S, 0.1 * S, angle=angle)

    def gun_flap_and_lapels(self) -> None:
        fr, cv = self.fr, self.cv
        gf = spline([fr.p(-0.23, -0.08), fr.p(-0.5, -0.005), fr.p(-0.60, 0.05), fr.p(-0.60, 0.2), fr.p(-0.56, 0.34),
                     fr.p(-0.38, 0.40), fr.p(-0.22, 0.40)])  # fmt: skip
        gm = cv.poly(closed(gf, [fr.p(-0.2, 0.0)]))
        shade = sew(cv, gm, self.cloth(), Look(puff=(5, 8), shadow=(0.5, 1.6, 2.0, 0.45), ao=(3, 0.25)))
        stitches(cv, [offset(sub(gf, 0.28, 1.0), 2.6)], self.thread, shade, width=0.5, clip=gm)
        lapel_r = closed(spline([fr.p(-0.2, -0.1), fr.p(-0.2, 0.15), self.vb]),
                         spline([self.vb, fr.p(-0.29, 0.24), fr.p(-0.37, 0.08), fr.p(-0.375, 0.03)]),
                         [fr.p(-0.27, 0.005), fr.p(-0.21, -0.05)])  # fmt: skip
        lapel_l = closed(spline([fr.p(0.2, -0.1), fr.p(0.05, 0.15), self.vb]),
                         spline([self.vb, fr.p(0.02, 0.33), fr.p(0.25, 0.18), fr.p(0.37, 0.07), fr.p(0.385, 0.03)]),
                         [fr.p(0.28, 0.005), fr.p(0.21, -0.05)])  # fmt: skip
        for poly in (lapel_r, lapel_l):
            lm = cv.poly(poly)
            shade = sew(cv, lm, self.cloth(), Look(puff=(6, 0.05 * self.S), shadow=(0.6, 1.8, 2.2, 0.5), ao=(3, 0.3)))
            edge = resample(poly, 1.0)
            stitches(cv, [offset(edge, -2.6)], self.thread, shade, width=0.5, clip=cv.poly(offset(edge, -1.5)) * lm)

    def collar_and_epaulettes(self) -> None:
        fr, cv, S = self.fr, self.cv, self.S
        for sgn in (1, -1):
            top = fr.p(sgn * 0.15, -0.18)
            outer = spline(
                [
                    top,
                    fr.p(sgn * 0.19, -0.21),
                    fr.p(sgn * 0.265, -0.18),
                    fr.p(sgn * 0.35, -0.06),
                    fr.p(sgn * 0.40, 0.025),
                ]
            )
            lower = spline([fr.p(sgn * 0.40, 0.025), fr.p(sgn * 0.3, 0.01), fr.p(sgn * 0.22, -0.035)])
            neck = spline([fr.p(sgn * 0.22, -0.035), fr.p(sgn * 0.175, -0.11), top])
            cm = cv.poly(closed(outer, lower, neck))
            rel = Relief(cv).ridge(neck, 2.0, 3)
            shade = sew(
                cv, cm, self.cloth(), Look(puff=(5, 0.04 * S), shadow=(0.6, 1.6, 2.0, 0.5), ao=(3, 0.25)), relief=rel
            )
            stitches(cv, [offset(np.vstack([outer, lower]), -sgn * 2.6)[2:-2]], self.thread, shade, width=0.5, clip=cm)
        for sgn in (1, -1):
            a = fr.seam_end(sgn) + np.array([-sgn * 0.01 * S, 0.005 * S])
            b = np.array([fr.cx + sgn * 0.28 * S, fr.shoulder_y(0.28) + 0.012 * S])
            d = (b - a) / np.linalg.norm(b - a)
            n = np.array([-d[1], d[0]]) * 0.036 * S
            ep = np.array([a + n, b + n - d * 0.02 * S, b + d * 0.025 * S, b - n - d * 0.02 * S, a - n])
            em = cv.poly(ep)
            shade = sew(cv, em, self.cloth(), Look(puff=(3, 4), shadow=(0.4, 1.2, 1.3, 0.45)))
            stitches(cv, [offset(ep, 2.2 * sgn)], self.thread, shade, width=0.5, clip=em)
            button(cv, b - d * 0.015 * S, 0.026 * S, self.button, holes=4, thread=self.thread)

    def belt(self) -> None:
        fr, cv, S = self.fr, self.cv, self.S
        v0, v1 = BELT
        top = spline([fr.p(-_side_u(v0) - 0.01, v0 + 0.005), fr.p(0, v0 + 0.012), fr.p(_side_u(v0) + 0.01, v0 + 0.005)])
        bottom = spline(
            [fr.p(_side_u(v1) + 0.01, v1 + 0.005), fr.p(0, v1 + 0.012), fr.p(-_side_u(v1) - 0.01, v1 + 0.005)]
        )
        bm = cv.poly(closed(top, bottom)) * cv.a
        shade = sew(cv, bm, self.cloth(0.98), Look(puff=(4, 0.03 * S), shadow=(0.4, 1.8, 2.0, 0.5), ao=(2.5, 0.3)))
        stitches(cv, [offset(top, -2.3)[2:-2], offset(bottom, -2.3)[2:-2]], self.thread, shade, width=0.5, clip=bm)
        bv = (v0 + v1) / 2 + 0.012
        bh = fr.p(0, v1)[1] - fr.p(0, v0)[1]
        tail = np.array([fr.p(0.06, bv) + [0, -bh * 0.42], fr.p(0.33, bv) + [0, -bh * 0.42], fr.p(0.37, bv),
                         fr.p(0.33, bv) + [0, bh * 0.42], fr.p(0.06, bv) + [0, bh * 0.42]])  # fmt: skip
        tm = cv.poly(tail)
        shade = sew(cv, tm, self.cloth(), Look(puff=(3, 5), shadow=(0.4, 1.4, 1.5, 0.5), ao=(2, 0.3)))
        stitches(cv, [offset(tail, -2.3)[1:5]], self.thread, shade, width=0.5, clip=tm)
        for u in (0.17, 0.23):
            e = fr.p(u, bv)
            cv.paint(cv.disc(e, 0.012 * S), rgb(self.button) * 0.8)
            cv.paint(cv.disc(e, 0.0065 * S), rgb(self.base) * 0.35)
        buckle(cv, fr.p(0.08, bv), 0.11 * S, bh * 1.35)
        for sgn in (1, -1):
            lx = sgn * (_side_u(0.97) - 0.04)
            loop = np.array(
                [
                    fr.p(lx - 0.022, v0 - 0.03),
                    fr.p(lx + 0.022, v0 - 0.03),
                    fr.p(lx + 0.022, v1 + 0.03),
                    fr.p(lx - 0.022, v1 + 0.03),
                ]
            )
            sew(cv, cv.poly(loop), self.cloth(1.02), Look(puff=(2, 3), shadow=(0.3, 1.0, 1.0, 0.45), ao=(1.5, 0.3)))


def draw_trench_coat(color: str = "honey", seed: int = 31) -> Picture:
    """Double-breasted cotton gabardine trench: lapels and collar, gun flap, epaulettes, belt with
    buckle, slanted pockets, sleeve straps, long skirt."""
    coat = _Coat(color, seed)
    fr = coat.fr
    hem = coat.body()
    coat.pockets()
    for sgn in (1, -1):
        coat.sleeve(coat.sleeves[sgn])
    coat.gun_flap_and_lapels()
    coat.collar_and_epaulettes()
    coat.belt()
    for v in (0.52, 0.74, 1.2, 1.44):  # double-breasted: two columns of buttons
        for u in (-0.14, 0.14):
            button(coat.cv, fr.p(u, v), 0.03 * fr.S, coat.button, holes=4, thread=coat.thread)
    a = fr.anchors(long_sleeves=True, hem_y=float(hem[len(hem) // 2][1]))
    a["neck"] = np.array([fr.cx, fr.p(0, -0.06)[1]])
    for sgn, side in ((1, "left"), (-1, "right")):
        a[f"{side}_knee"] = fr.p(sgn * 0.31, KNEE_V)
        a[f"{side}_waist"] = fr.p(sgn * _side_u(0.97), 0.97)
    return Picture(coat.cv.rgba8(), rounded(a))
