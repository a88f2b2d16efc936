"""Moving-least-squares affine deformation (Schaefer, McPhail and Warren, 2006).

Each point moves by the affine map that best carries the control points to their targets,
weighted by closeness: control points land exactly where they are sent, and the fabric between
them bends smoothly, keeping prints straight locally. Vectorised over points and controls.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Vec = npt.NDArray[np.float64]


def mls_affine(points: Vec, src: Vec, dst: Vec, alpha: float = 1.0, eps: float = 1e-6) -> Vec:
    """Deform ``points`` (N, 2) by the controls ``src`` → ``dst`` (K, 2 each)."""
    v = np.asarray(points, dtype=np.float64)
    p = np.asarray(src, dtype=np.float64)
    q = np.asarray(dst, dtype=np.float64)
    if len(p) == 0:
        return v.copy()
    if len(p) == 1:
        return np.asarray(v + (q[0] - p[0]), dtype=np.float64)
    d2 = ((v[:, None, :] - p[None, :, :]) ** 2).sum(axis=2)  # (N, K)
    w = 1.0 / np.maximum(d2, eps) ** alpha
    wsum = w.sum(axis=1, keepdims=True)
    p_star = (w @ p) / wsum  # (N, 2)
    q_star = (w @ q) / wsum
    ph = p[None, :, :] - p_star[:, None, :]  # (N, K, 2)
    qh = q[None, :, :] - q_star[:, None, :]
    wp = w[:, :, None] * ph
    a = np.einsum("nki,nkj->nij", wp, ph)  # (N, 2, 2)
    b = np.einsum("nki,nkj->nij", wp, qh)
    det = a[:, 0, 0] * a[:, 1, 1] - a[:, 0, 1] * a[:, 1, 0]
    scale = np.maximum(np.abs(a[:, 0, 0]) + np.abs(a[:, 1, 1]), 1e-12)
    ok = np.abs(det) > 1e-9 * scale**2
    inv = np.empty_like(a)
    sdet = np.where(ok, det, 1.0)
    inv[:, 0, 0], inv[:, 1, 1] = a[:, 1, 1] / sdet, a[:, 0, 0] / sdet
    inv[:, 0, 1], inv[:, 1, 0] = -a[:, 0, 1] / sdet, -a[:, 1, 0] / sdet
    m = np.einsum("nij,njk->nik", inv, b)
    out = np.einsum("ni,nij->nj", v - p_star, m) + q_star
    # Collinear controls around a point: fall back to the weighted translation.
    out[~ok] = (v - p_star + q_star)[~ok]
    return np.asarray(out, dtype=np.float64)
