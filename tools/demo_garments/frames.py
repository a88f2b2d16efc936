"""Where a garment's parts go in its picture: the body frame of tops (shoulders, sleeves, hips)
and of bottoms, the anchors (v1 and the v2 outline marks) they give, and the sleeve every top
shares."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from .canvas import F32, Canvas
from .cloth import Relief, light
from .geometry import Pts, closed, lerp, spline

# A body's shoulder line to hip joints, in shoulder-anchor spacings, as MediaPipe sees real
# people (tops' pictures are drawn for it: their length then reads right on the mirror).
TORSO = 1.78
V1_TORSO = 1.40  # what the first demo pictures were drawn for


@dataclass
class Picture:
    image: npt.NDArray[np.uint8]
    anchors: dict[str, list[float]]


def rounded(a: dict[str, Pts]) -> dict[str, list[float]]:
    return {k: [round(float(v[0]), 1), round(float(v[1]), 1)] for k, v in a.items() if v is not None}


@dataclass
class Sleeve:
    side: int  # +1 = image right (wearer's left), -1 = image left
    shoulder: Pts  # shoulder anchor
    dirs: tuple[Pts, Pts]  # upper-arm and forearm directions (unit)
    elbow: Pts
    wrist: Pts
    seam_end: Pts  # where the shoulder seam ends
    armpit: Pts
    t_armpit: float
    t_end: float  # where the sleeve ends, along its centre line (px)
    halfwidth: Callable[[float], float]
    upper_len: float

    def centre(self, t: float) -> Pts:
        if t <= self.upper_len:
            return self.shoulder + self.dirs[0] * t
        return self.elbow + self.dirs[1] * (t - self.upper_len)

    def direction(self, t: float) -> Pts:
        return self.dirs[0] if t <= self.upper_len else self.dirs[1]

    def outward(self, t: float) -> Pts:
        d = self.direction(t)
        n = np.array([d[1], -d[0]])  # perpendicular
        if n[0] * self.side < 0:
            n = -n
        return n

    def edge(self, t: float, side: int, scale: float = 1.0) -> Pts:
        """Point on the outer (side=+1) or inner (side=-1) edge at t along the centre line."""
        return self.centre(t) + self.outward(t) * self.halfwidth(t) * side * scale

    def across(self, t: float, f: float) -> Pts:
        """f in [-1, 1]: from the inner edge to the outer edge at t."""
        return self.centre(t) + self.outward(t) * self.halfwidth(t) * f


@dataclass
class TopFrame:
    """Proportions of a top in the picture, from the shoulder-anchor spacing S (px). Heights
    below the shoulder line (v > 0) are in first-version units, stretched by TORSO / V1_TORSO."""

    cx: float
    ys: float  # shoulder line (anchors) y
    S: float
    theta: float = 30.0  # sleeves from vertical, degrees
    forearm_bend: float = 4.0  # forearm a little more vertical
    neck_half: float = 0.19  # where the shoulder seam meets the neckline
    neck_rise: float = 0.10  # how much higher than the shoulder anchor that point is
    side_top: float = 0.63  # body side at the armpit (× S from centre)
    side_hem: float = 0.645
    hem: float = 1.38  # hem below the shoulder line
    hip_y: float = 1.40
    hip_half: float = 0.31  # MediaPipe's hip landmarks are ~1/1.6 of the shoulder spacing apart
    sleeve_hw: Sequence[tuple[float, float]] = ((0.0, 0.19), (0.6, 0.175), (0.85, 0.155), (1.45, 0.125), (1.7, 0.12))
    upper_arm: float = 0.85
    forearm: float = 0.75
    sleeves: dict[int, Sleeve] = field(default_factory=dict)

    @property
    def stretch(self) -> float:
        return TORSO / V1_TORSO

    def p(self, u: float, v: float) -> Pts:
        k = self.stretch if v > 0 else 1.0
        return np.array([self.cx + u * self.S, self.ys + v * k * self.S])

    def v_of(self, y: float) -> float:
        v = (y - self.ys) / self.S
        return v / self.stretch if v > 0 else v

    def shoulder_y(self, u: float) -> float:
        """y of the shoulder line at u (× S from centre), sloping down from the neck."""
        k = self.neck_rise / (0.5 - self.neck_half)
        return self.ys + (-self.neck_rise + k * (abs(u) - self.neck_half)) * self.S

    def side_x(self, v: float, sgn: int) -> float:
        t = np.clip((v - 0.5) / (self.hem - 0.5), 0, 1)
        return self.cx + sgn * (self.side_top + (self.side_hem - self.side_top) * t) * self.S

    def seam_end(self, sgn: int) -> Pts:
        u = 0.5 + 1 / 6
        return np.array([self.cx + sgn * u * self.S, self.shoulder_y(u)])

    def neck_point(self, sgn: int) -> Pts:
        return self.p(sgn * self.neck_half, -self.neck_rise)

    def sleeve(self, sgn: int, t_end: float | None = None, underarm: float | None = None) -> Sleeve:
        S = self.S
        th = math.radians(self.theta)
        th2 = math.radians(self.theta - self.forearm_bend)
        d1 = np.array([sgn * math.sin(th), math.cos(th)])
        d2 = np.array([sgn * math.sin(th2), math.cos(th2)])
        sh = self.p(sgn * 0.5, 0.0)
        ts = [a * S for a, _ in self.sleeve_hw]
        ws = [b * S for _, b in self.sleeve_hw]

        def hw(t: float) -> float:
            return float(np.interp(t, ts, ws))

        elbow = sh + d1 * self.upper_arm * S
        wrist = elbow + d2 * self.forearm * S
        sl = Sleeve(sgn, sh, (d1, d2), elbow, wrist, self.seam_end(sgn), sh, 0.0, 0.0, hw, self.upper_arm * S)
        # armpit: where the inner edge of the sleeve crosses the body side
        t = 0.0
        while t < 1.6 * S:
            q = sl.edge(t, -1)
            if sgn * (q[0] - self.side_x(self.v_of(q[1]), sgn)) >= 0:
                break
            t += 0.5
        sl.t_armpit = t
        sl.armpit = sl.edge(t, -1)
        sl.t_end = t_end * S if t_end is not None else t + (underarm or 0.12) * S
        self.sleeves[sgn] = sl
        return sl

    def anchors(self, long_sleeves: bool | None, hem_y: float, cuff_t: float | None = None) -> dict[str, Pts]:
        """v1 anchors and the v2 outline marks (docs/catalog.md)."""
        a: dict[str, Pts] = {
            "left_shoulder": self.p(0.5, 0),
            "right_shoulder": self.p(-0.5, 0),
            "left_hip": self.p(self.hip_half, self.hip_y),
            "right_hip": self.p(-self.hip_half, self.hip_y),
            "hem": np.array([self.cx, hem_y]),
        }
        for sgn, side in ((1, "left"), (-1, "right")):
            a[f"{side}_collar"] = self.neck_point(sgn)
            a[f"{side}_shoulder_seam"] = self.seam_end(sgn)
        if long_sleeves is not None:
            for sgn, side in ((1, "left"), (-1, "right")):
                s = self.sleeves[sgn]
                a[f"{side}_elbow"] = s.elbow
                if long_sleeves:
                    a[f"{side}_wrist"] = s.wrist
                a[f"{side}_armpit"] = s.armpit
                a[f"{side}_cuff"] = s.centre(cuff_t if cuff_t is not None else s.t_end)
        return a


def sleeve_outline(fr: TopFrame, s: Sleeve) -> tuple[Pts, Pts, Pts, Pts]:
    """Outer edge (seam end → end), end edge, inner edge (end → armpit), armhole (armpit → seam end)."""
    S = fr.S
    t_end = s.t_end
    ts_out = list(np.linspace(0.32 * S, t_end, 7))
    outer = spline([s.seam_end, s.edge(0.2 * S, 1, 0.93)] + [s.edge(t, 1) for t in ts_out])
    inner = spline([s.edge(t, -1) for t in np.linspace(t_end, s.t_armpit, 5)])
    end = np.array([outer[-1], inner[0]])
    mid = lerp(s.seam_end, s.armpit, 0.5)
    into_body = np.array([-s.side * 0.06 * S, 0.0])
    armhole = spline([s.armpit, lerp(s.armpit, s.seam_end, 0.3) + into_body * 0.8, mid + into_body, s.seam_end])
    return outer, end, inner, armhole


def draw_sleeve(
    cv: Canvas,
    fr: TopFrame,
    s: Sleeve,
    albedo: F32,
    folds: list[tuple[Pts, float, float]],
    *,
    puff: tuple[float, float] = (16.0, 0.5),  # height px, at this fraction × S along the sleeve
    ao_r: float = 7.0,
    cavity_k: float = 0.02,
) -> tuple[F32, F32, Pts]:
    """A set-in sleeve: its cloth with ``folds``, the armhole seam, a shadow on the body.
    Returns its mask, its shading and its armhole curve."""
    outer, _end, inner, armhole = sleeve_outline(fr, s)
    m = cv.poly(closed(outer, inner, armhole))
    cv.shadow(m, -s.side * 0.6, 1.4, 3.5, 0.3)
    rel = Relief(cv).puff(m, puff[0], s.halfwidth(puff[1] * fr.S) * 0.9)
    rel.folds(folds)
    rel.seam(armhole, 1.5, 1.0)
    shade = light(cv, rel.h, m, ao_r=ao_r, ao_k=0.3, cavity_k=cavity_k)
    cv.paint(m, albedo * shade[..., None])
    return m, shade, armhole


def elbow_creases(
    s: Sleeve, span: float, rng: np.random.Generator, n: int = 3, step: float = 0.1
) -> list[tuple[Pts, float, float]]:
    """Creases across the inside of a long sleeve at the elbow."""
    out = []
    for k in range(n):
        t0 = s.upper_len + (k - 1) * step * span + rng.uniform(-0.02, 0.02) * span
        curve = spline(
            [s.across(t0, -0.95), s.across(t0 - 0.03 * span, -0.2), s.across(t0 - 0.07 * span, 0.5 - 0.1 * k)]
        )
        out.append((curve, 3.0, 4.0))
    return out


def body_folds(
    rng: np.random.Generator, fr: TopFrame, sleeves: dict[int, Sleeve], *, hem: float, n_drag: int = 3, n_fall: int = 3
) -> list[tuple[Pts, float, float]]:
    """Drag folds from the armpits and folds falling to the hem, on both sides of a top."""
    from .geometry import rand_curve

    S = fr.S
    out: list[tuple[Pts, float, float]] = []
    for sgn in (1, -1):
        ap = sleeves[sgn].armpit
        for k in range(n_drag):
            a = ap + np.array([-sgn * (0.015 + 0.02 * k) * S, (0.02 + 0.07 * k) * S])
            b = fr.p(sgn * (0.24 - 0.03 * k + rng.uniform(-0.03, 0.03)), 0.72 + 0.14 * k)
            out.append((rand_curve(rng, a, b, 0.03 * S), 3.2 - 0.8 * k, 6 + 2 * k))
        for k in range(n_fall):
            u = sgn * (0.12 + 0.17 * k + rng.uniform(-0.03, 0.03))
            top = 1.0 + rng.uniform(-0.1, 0.05)
            out.append(
                (rand_curve(rng, fr.p(u, top), fr.p(u * 1.04, hem + 0.02), 0.02 * S), 3.5 + rng.uniform(-1, 1), 9)
            )
            valley = rand_curve(rng, fr.p(u + sgn * 0.075, top + 0.1), fr.p(u * 1.04 + sgn * 0.08, hem), 0.02 * S)
            out.append((valley, -2.5, 7))
    return out


def quad_along(s: Sleeve, t0: float, t1: float, hw0: float, hw1: float | None = None) -> Pts:
    """A band around a sleeve's centre line from t0 to t1 (cuffs, straps)."""
    hw1 = hw0 if hw1 is None else hw1
    c0, c1 = s.centre(t0), s.centre(t1)
    n0, n1 = s.outward(t0), s.outward(t1)
    return np.array([c0 + n0 * hw0, c1 + n1 * hw1, c1 - n1 * hw1, c0 - n0 * hw0])


@dataclass
class BottomFrame:
    """Proportions of trousers and skirts from the hip-anchor spacing Hs (px).

    MediaPipe's hip landmarks sit about 0.6 of the garment's hip width apart (1/5 in from each
    side); thigh (hip → knee) ≈ 2.1 and shin (knee → ankle) ≈ 1.95 hip spacings on real people."""

    cx: float
    yh: float  # hip anchors' y
    Hs: float
    thigh: float = 2.1
    shin: float = 1.95

    def p(self, u: float, v: float) -> Pts:
        return np.array([self.cx + u * self.Hs, self.yh + v * self.Hs])
