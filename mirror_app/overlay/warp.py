"""Piecewise-affine drawing of a deformed garment mesh, limited to the pixels it covers.

The inverse map (frame pixel → item pixel) is computed exactly per triangle on a coarse lattice
(a few samples per mesh cell, rasterised with numpy in one pass), upsampled by OpenCV and sampled
with one ``cv2.remap`` from a premultiplied mip level holding only that layer's pixels. Cost
follows the mesh size and the garment's box, not the frame size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from .garment import U8Image
from .rig import GarmentRig

Vec = npt.NDArray[np.float64]

SAMPLES_PER_CELL = 3
RING = 2  # lattice samples by which each layer's map is extrapolated past its triangles


@dataclass(frozen=True, eq=False)
class WarpedLayer:
    """Premultiplied RGBA ``patch`` whose top-left corner sits at (x0, y0) of the frame.

    ``arms`` layers are sleeves: they are drawn over the shopper's real arm, so the arm
    occluder does not cut them.
    """

    patch: U8Image
    x0: int
    y0: int
    arms: bool

    @property
    def bbox(self) -> tuple[int, int, int, int]:
        h, w = self.patch.shape[:2]
        return self.x0, self.y0, self.x0 + w, self.y0 + h


def warp_rigid(rig: GarmentRig, m: npt.NDArray[np.float64], frame_wh: tuple[int, int]) -> list[WarpedLayer]:
    """An item that moves as one piece (glasses, hats, jewellery): one affine warp of its box."""
    g = rig.garment
    h, w = g.rgba.shape[:2]
    corners = np.array([[0, 0], [w, 0], [0, h], [w, h]], dtype=np.float64) @ m[:, :2].T + m[:, 2]
    fw, fh = frame_wh
    x0, y0 = max(0, math.floor(corners[:, 0].min())), max(0, math.floor(corners[:, 1].min()))
    x1, y1 = min(fw, math.ceil(corners[:, 0].max()) + 1), min(fh, math.ceil(corners[:, 1].max()) + 1)
    if x1 <= x0 or y1 <= y0:
        return []
    scale = math.sqrt(abs(float(np.linalg.det(m[:, :2]))))
    levels = g.premultiplied_levels
    level = int(np.clip(math.floor(math.log2(1.0 / scale)), 0, len(levels) - 1)) if scale > 0 else 0
    k = 2.0**level
    # Level pixel → frame pixel, shifted so the patch starts at (x0, y0).
    to_patch = np.array([[m[0, 0] * k, m[0, 1] * k, m[0, 2] - x0], [m[1, 0] * k, m[1, 1] * k, m[1, 2] - y0]])
    patch = cv2.warpAffine(
        levels[level],
        to_patch,
        (x1 - x0, y1 - y0),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=0,
    )
    return [WarpedLayer(patch, x0, y0, False)]


def warp_piece(rig: GarmentRig, index: int, target: Vec, frame_wh: tuple[int, int]) -> WarpedLayer | None:
    """Draw piece ``index`` of ``rig`` with its vertices moved to ``target`` (N, 2)."""
    piece = rig.pieces[index]
    if len(piece.triangles) == 0:
        return None
    src_tris = rig.vertices[piece.triangles]
    dst_tris = target[piece.triangles]
    # A triangle turned inside out is fabric folded behind itself: not drawn (it would show
    # mirrored content and break the sampling of its neighbours).
    keep = np.sign(_signed_areas(src_tris)) == np.sign(_signed_areas(dst_tris))
    if not keep.any():
        return None
    src_area = _areas(src_tris).sum()
    dst_area = _areas(dst_tris[keep]).sum()
    scale = math.sqrt(dst_area / src_area) if src_area > 0 and dst_area > 0 else 1.0
    levels = rig.piece_levels(index)
    level = int(np.clip(math.floor(math.log2(1.0 / scale)), 0, len(levels) - 1)) if scale > 0 else 0
    step = max(1, int(rig.cell * scale / SAMPLES_PER_CELL))
    return _warp_layer(src_tris[keep], dst_tris[keep], levels[level], 2.0**level, step, frame_wh, piece.arms)


def _signed_areas(tris: Vec) -> Vec:
    a, b, c = tris[:, 0], tris[:, 1], tris[:, 2]
    return np.asarray(0.5 * ((b[:, 0] - a[:, 0]) * (c[:, 1] - a[:, 1]) - (c[:, 0] - a[:, 0]) * (b[:, 1] - a[:, 1])))


def _areas(tris: Vec) -> Vec:
    return np.abs(_signed_areas(tris))


def _inverse_affines(src: Vec, dst: Vec) -> tuple[Vec, npt.NDArray[np.bool_]]:
    """Per triangle, the 2×3 affine dst → src; ``ok`` is False for degenerate triangles.

    Closed form: with edge matrices D = [d1-d0, d2-d0] and S = [s1-s0, s2-s0], the linear part
    is S·D⁻¹ and the translation maps d0 onto s0."""
    d0, s0 = dst[:, 0], src[:, 0]
    d = np.stack([dst[:, 1] - d0, dst[:, 2] - d0], axis=2)  # (T, 2, 2), columns are edges
    s = np.stack([src[:, 1] - s0, src[:, 2] - s0], axis=2)
    det = d[:, 0, 0] * d[:, 1, 1] - d[:, 0, 1] * d[:, 1, 0]
    ok = np.abs(det) > 1e-6
    safe = np.where(ok, det, 1.0)
    d_inv = np.empty_like(d)
    d_inv[:, 0, 0], d_inv[:, 1, 1] = d[:, 1, 1] / safe, d[:, 0, 0] / safe
    d_inv[:, 0, 1], d_inv[:, 1, 0] = -d[:, 0, 1] / safe, -d[:, 1, 0] / safe
    lin = s @ d_inv
    t = s0 - np.einsum("tij,tj->ti", lin, d0)
    return np.concatenate([lin, t[:, :, None]], axis=2), ok


def rasterise_ids(tris: Vec, shape: tuple[int, int]) -> npt.NDArray[np.int64]:
    """For each lattice sample (integer coordinates) of ``shape`` (ny, nx): 1 + the index of a
    triangle containing it (in practice the last one), 0 where none does. Vectorised."""
    ny, nx = shape
    ids = np.zeros(ny * nx, dtype=np.int64)
    lo = np.floor(tris.min(axis=1)).astype(np.int64)
    hi = np.ceil(tris.max(axis=1)).astype(np.int64)
    spans = (hi - lo).max(axis=1) + 1
    # One candidate window size for nearly all triangles; the few stretched ones go one by one.
    nth = int(0.97 * (len(spans) - 1))
    k = int(min(12, max(2, np.partition(spans, nth)[nth])))
    big = spans > k
    small = np.nonzero(~big)[0]
    if len(small):
        oy, ox = np.mgrid[0:k, 0:k]
        px = lo[small, 0][:, None] + ox.ravel()[None, :]  # (t, k*k)
        py = lo[small, 1][:, None] + oy.ravel()[None, :]
        a, b, c = (tris[small, i] for i in range(3))

        def edge(p: Vec, q: Vec) -> Vec:
            return np.asarray((q[:, 0:1] - p[:, 0:1]) * (py - p[:, 1:2]) - (q[:, 1:2] - p[:, 1:2]) * (px - p[:, 0:1]))

        e0, e1, e2 = edge(a, b), edge(b, c), edge(c, a)
        eps = 1e-9
        inside = ((e0 >= -eps) & (e1 >= -eps) & (e2 >= -eps)) | ((e0 <= eps) & (e1 <= eps) & (e2 <= eps))
        inside &= (px >= 0) & (px < nx) & (py >= 0) & (py < ny)
        tri_index = np.broadcast_to(small[:, None] + 1, px.shape)
        # Plain assignment: where samples repeat (on shared edges) any of the triangles is right,
        # the map is continuous there. (np.maximum.at was 10× slower.)
        ids[(py * nx + px)[inside]] = tri_index[inside]
    if big.any():  # rare stretched triangles: OpenCV fills them one by one
        grid = ids.reshape(ny, nx)
        for t in np.nonzero(big)[0]:
            layer = np.zeros((ny, nx), np.uint8)
            cv2.fillConvexPoly(layer, np.round(tris[t] * 16).astype(np.int32), 1, lineType=cv2.LINE_8, shift=4)
            grid[layer > 0] = np.maximum(grid[layer > 0], t + 1)
    return ids.reshape(ny, nx)


def _warp_layer(
    src: Vec, dst: Vec, image: U8Image, level_scale: float, step: int, frame_wh: tuple[int, int], arms: bool
) -> WarpedLayer | None:
    fw, fh = frame_wh
    x0 = max(0, math.floor(float(dst[..., 0].min())))
    y0 = max(0, math.floor(float(dst[..., 1].min())))
    x1 = min(fw, math.ceil(float(dst[..., 0].max())) + 1)
    y1 = min(fh, math.ceil(float(dst[..., 1].max())) + 1)
    if x1 <= x0 or y1 <= y0:
        return None
    w, h = x1 - x0, y1 - y0
    nx, ny = -(-w // step) + 1, -(-h // step) + 1
    origin = np.array([x0, y0], dtype=np.float64)

    # Lattice sample (i, j) sits at frame pixel origin + ((i, j) + 0.5) * step - 0.5, the centre
    # convention of cv2.resize, so upsampling by ``step`` lands each sample on its pixel.
    ids = rasterise_ids((dst - origin + 0.5) / step - 0.5, (ny, nx))
    if RING:
        grown = cv2.dilate(ids.astype(np.float32), np.ones((2 * RING + 1, 2 * RING + 1), np.uint8))
        ids = np.where(ids > 0, ids, grown.astype(np.int64))
    inv, ok = _inverse_affines(src, dst)
    tri = ids - 1
    valid = tri >= 0
    valid[valid] = ok[tri[valid]]
    jj, ii = np.nonzero(valid)
    px = x0 + (ii + 0.5) * step - 0.5
    py = y0 + (jj + 0.5) * step - 0.5
    m = inv[tri[jj, ii]]
    # NaN marks "no triangle": it spreads through upsampling and remaps to transparent.
    map_lr = np.full((ny, nx, 2), np.nan, dtype=np.float32)
    map_lr[jj, ii, 0] = (m[:, 0, 0] * px + m[:, 0, 1] * py + m[:, 0, 2]) / level_scale
    map_lr[jj, ii, 1] = (m[:, 1, 0] * px + m[:, 1, 1] * py + m[:, 1, 2]) / level_scale
    full = cv2.resize(map_lr, (nx * step, ny * step), interpolation=cv2.INTER_LINEAR) if step > 1 else map_lr
    patch = cv2.remap(image, full[:h, :w], None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    return WarpedLayer(patch, x0, y0, arms)
