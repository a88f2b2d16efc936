"""Small 2-D transform fits used by the rig. Points are float64 arrays of shape (N, 2)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Mat23 = npt.NDArray[np.float64]
Points = npt.NDArray[np.float64]


def apply(m: Mat23, pts: Points) -> Points:
    return np.asarray(pts, dtype=np.float64) @ m[:, :2].T + m[:, 2]


def fit_affine(src: Points, dst: Points) -> Mat23:
    """Least-squares affine src → dst; needs three or more points not all on one line."""
    src = np.asarray(src, dtype=np.float64)
    dst = np.asarray(dst, dtype=np.float64)
    if len(src) < 3:
        return fit_similarity(src, dst)
    a = np.hstack([src, np.ones((len(src), 1))])
    sol, _res, rank, _sv = np.linalg.lstsq(a, dst, rcond=None)
    if rank < 3:
        return fit_similarity(src, dst)
    return np.asarray(sol.T, dtype=np.float64)


def fit_similarity(src: Points, dst: Points) -> Mat23:
    """Least-squares rotation + uniform scale + translation (Umeyama, no reflection)."""
    src = np.asarray(src, dtype=np.float64)
    dst = np.asarray(dst, dtype=np.float64)
    if len(src) == 0:
        return np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    mu_s, mu_d = src.mean(axis=0), dst.mean(axis=0)
    if len(src) == 1:
        return np.array([[1.0, 0.0, mu_d[0] - mu_s[0]], [0.0, 1.0, mu_d[1] - mu_s[1]]])
    s, d = src - mu_s, dst - mu_d
    var = float((s**2).sum())
    if var < 1e-12:
        return np.array([[1.0, 0.0, mu_d[0] - mu_s[0]], [0.0, 1.0, mu_d[1] - mu_s[1]]])
    # Complex-number form: dst ≈ z * src, z = a + ib.
    a = float((s[:, 0] * d[:, 0] + s[:, 1] * d[:, 1]).sum()) / var
    b = float((s[:, 0] * d[:, 1] - s[:, 1] * d[:, 0]).sum()) / var
    rot = np.array([[a, -b], [b, a]])
    t = mu_d - rot @ mu_s
    return np.hstack([rot, t[:, None]])


def bone_transform(a: Points, b: Points, a2: Points, b2: Points, across: float, min_along: float = 0.25) -> Mat23:
    """Maps segment a→b onto a2→b2: stretch along the bone by the length ratio, ``across`` scale
    across it. Sleeves and legs keep their width when the limb is foreshortened.
    """
    a, b, a2, b2 = (np.asarray(v, dtype=np.float64) for v in (a, b, a2, b2))
    v, v2 = b - a, b2 - a2
    n1, n2 = float(np.linalg.norm(v)), float(np.linalg.norm(v2))
    if n1 < 1e-9:
        return fit_similarity(np.array([a]), np.array([a2]))
    u = v / n1
    if n2 < 1e-9:
        u2, along = u, min_along * across
    else:
        u2, along = v2 / n2, max(n2 / n1, min_along * across)
    perp, perp2 = np.array([-u[1], u[0]]), np.array([-u2[1], u2[0]])
    lin = along * np.outer(u2, u) + across * np.outer(perp2, perp)
    t = a2 - lin @ a
    return np.hstack([lin, t[:, None]])


def area_scale(m: Mat23) -> float:
    return float(np.sqrt(abs(np.linalg.det(m[:, :2]))))
