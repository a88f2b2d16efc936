"""Curves and polylines for drawing garments (output pixels, x right, y down)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

Pts = npt.NDArray[np.float64]


def P(*xy: float) -> Pts:
    return np.array(xy, dtype=np.float64)


def spline(points: Sequence[Sequence[float]], closed: bool = False, per_seg: int = 16) -> Pts:
    """Centripetal Catmull-Rom curve through ``points`` (a smooth outline through control points)."""
    p = np.asarray(points, dtype=np.float64)
    if len(p) < 3:
        return p
    if closed:
        ext = np.vstack([p[-1], p, p[0], p[1]])
    else:
        ext = np.vstack([2 * p[0] - p[1], p, 2 * p[-1] - p[-2]])
    out = []
    for i in range(len(ext) - 3):
        p0, p1, p2, p3 = ext[i : i + 4]
        t0 = 0.0
        t1 = t0 + max(np.linalg.norm(p1 - p0), 1e-6) ** 0.5
        t2 = t1 + max(np.linalg.norm(p2 - p1), 1e-6) ** 0.5
        t3 = t2 + max(np.linalg.norm(p3 - p2), 1e-6) ** 0.5
        for t in np.linspace(t1, t2, per_seg, endpoint=False):
            a1 = (t1 - t) / (t1 - t0) * p0 + (t - t0) / (t1 - t0) * p1
            a2 = (t2 - t) / (t2 - t1) * p1 + (t - t1) / (t2 - t1) * p2
            a3 = (t3 - t) / (t3 - t2) * p2 + (t - t2) / (t3 - t2) * p3
            b1 = (t2 - t) / (t2 - t0) * a1 + (t - t0) / (t2 - t0) * a2
            b2 = (t3 - t) / (t3 - t1) * a2 + (t - t1) / (t3 - t1) * a3
            out.append((t2 - t) / (t2 - t1) * b1 + (t - t1) / (t2 - t1) * b2)
    if not closed:
        out.append(p[-1])
    return np.array(out)


def polyline_length(p: Pts) -> float:
    return float(np.linalg.norm(np.diff(p, axis=0), axis=1).sum())


def resample(p: Pts, step: float) -> Pts:
    """Points every ``step`` pixels along the polyline."""
    seg = np.linalg.norm(np.diff(p, axis=0), axis=1)
    s = np.concatenate([[0.0], np.cumsum(seg)])
    n = max(2, int(s[-1] / step) + 1)
    ts = np.linspace(0, s[-1], n)
    return np.stack([np.interp(ts, s, p[:, 0]), np.interp(ts, s, p[:, 1])], axis=1)


def offset(p: Pts, d: float) -> Pts:
    """The polyline moved sideways by ``d`` pixels (to its left when walking along it, y down)."""
    t = np.gradient(p, axis=0)
    t /= np.maximum(np.linalg.norm(t, axis=1, keepdims=True), 1e-9)
    n = np.stack([t[:, 1], -t[:, 0]], axis=1)
    return p + n * d


def sub(p: Pts, a: float, b: float) -> Pts:
    """The part of a polyline between fractions ``a`` and ``b`` of its length."""
    seg = np.linalg.norm(np.diff(p, axis=0), axis=1)
    s = np.concatenate([[0.0], np.cumsum(seg)]) / max(seg.sum(), 1e-9)
    ts = np.linspace(a, b, max(2, int(len(p) * abs(b - a)) + 2))
    return np.stack([np.interp(ts, s, p[:, 0]), np.interp(ts, s, p[:, 1])], axis=1)


def point_at(p: Pts, f: float) -> Pts:
    return sub(p, f, f)[0]


def lerp(a: Pts, b: Pts, t: float) -> Pts:
    return a + (b - a) * t


def mirror_x(p: Pts, cx: float) -> Pts:
    q = np.array(p, dtype=np.float64).copy()
    q[..., 0] = 2 * cx - q[..., 0]
    return q


def closed(*parts: Pts) -> Pts:
    return np.vstack(parts)


def rand_curve(rng: np.random.Generator, a: Pts, b: Pts, wobble: float, n: int = 4) -> Pts:
    """A gently wandering curve from a to b (a fold line)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    d = b - a
    nrm = np.array([-d[1], d[0]]) / max(float(np.linalg.norm(d)), 1e-9)
    pts = [a + d * (k / n) + nrm * (rng.uniform(-wobble, wobble) if 0 < k < n else 0.0) for k in range(n + 1)]
    return spline(pts)


def dash_segments(p: Pts, dash: float, gap: float, phase: float = 0.0) -> list[Pts]:
    q = resample(p, 0.5)
    seg = np.linalg.norm(np.diff(q, axis=0), axis=1)
    s = np.concatenate([[0.0], np.cumsum(seg)])
    out = []
    start = phase
    while start < s[-1]:
        end = min(start + dash, s[-1])
        ts = np.linspace(start, end, max(2, int((end - start) / 0.5) + 1))
        out.append(np.stack([np.interp(ts, s, q[:, 0]), np.interp(ts, s, q[:, 1])], axis=1))
        start += dash + gap
    return out
