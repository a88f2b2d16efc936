"""Piecewise-affine drawing of a deformed garment mesh, limited to the pixels it covers.

The inverse map (frame pixel → item pixel) is computed exactly per triangle on a coarse lattice
(a few samples per mesh cell), upsampled by OpenCV, and sampled with one ``cv2.remap`` from a
premultiplied mip level of the item, so cost follows the mesh size, not the frame size.
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
_SHIFT = 4  # fixed-point bits for sub-pixel triangle filling
_OFF = -1.0e5  # source coordinate for "no triangle here": samples as transparent


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


def warp_rig(rig: GarmentRig, target: Vec, frame_wh: tuple[int, int]) -> list[WarpedLayer]:
    """Draw ``rig``'s item with its vertices moved to ``target`` (N, 2); body layer first."""
    if len(rig.triangles) == 0:
        return []
    src_tris = rig.vertices[rig.triangles]
    dst_tris = target[rig.triangles]
    # A triangle turned inside out is fabric folded behind itself: not drawn (it would show
    # mirrored content and break the sampling of its neighbours).
    keep = np.sign(_signed_areas(src_tris)) == np.sign(_signed_areas(dst_tris))
    if not keep.any():
        return []
    src_area = _areas(src_tris).sum()
    dst_area = _areas(dst_tris).sum()
    scale = math.sqrt(dst_area / src_area) if src_area > 0 else 1.0
    levels = rig.garment.premultiplied_levels
    level = int(np.clip(math.floor(math.log2(1.0 / scale)) if scale > 0 else 0, 0, len(levels) - 1))
    step = max(1, int(rig.cell * scale / SAMPLES_PER_CELL))
    layers = []
    for arms in (False, True):
        sel = (rig.tri_arm == arms) & keep
        if not sel.any():
            continue
        layer = _warp_layer(src_tris[sel], dst_tris[sel], levels[level], 2.0**level, step, frame_wh, arms)
        if layer is not None:
            layers.append(layer)
    return layers


def _signed_areas(tris: Vec) -> Vec:
    a, b, c = tris[:, 0], tris[:, 1], tris[:, 2]
    return np.asarray(0.5 * ((b[:, 0] - a[:, 0]) * (c[:, 1] - a[:, 1]) - (c[:, 0] - a[:, 0]) * (b[:, 1] - a[:, 1])))


def _areas(tris: Vec) -> Vec:
    return np.abs(_signed_areas(tris))


def _inverse_affines(src: Vec, dst: Vec) -> tuple[Vec, npt.NDArray[np.bool_]]:
    """Per triangle, the 2×3 affine dst → src; ``ok`` is False for degenerate triangles."""
    q = np.concatenate([dst.transpose(0, 2, 1), np.ones((len(dst), 1, 3))], axis=1)  # (T, 3, 3)
    det = np.linalg.det(q)
    ok = np.abs(det) > 1e-6
    q[~ok] = np.eye(3)
    return src.transpose(0, 2, 1) @ np.linalg.inv(q), ok


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

    # Which triangle covers each lattice sample (later triangles win), then extend by two
    # samples so upsampling near edges blends only sensible coordinates.
    lattice = ((dst - origin + 0.5) / step - 0.5) * (1 << _SHIFT)
    lattice_pts = np.round(lattice).astype(np.int32)
    ids = np.zeros((ny, nx), dtype=np.float32)
    for t in range(len(lattice_pts)):
        cv2.fillConvexPoly(ids, lattice_pts[t], float(t + 1), lineType=cv2.LINE_8, shift=_SHIFT)
    grown = cv2.dilate(ids, np.ones((5, 5), np.uint8))
    ids = np.where(ids > 0, ids, grown)

    inv, ok = _inverse_affines(src, dst)
    tri = ids.astype(np.int64) - 1
    valid = tri >= 0
    valid[valid] = ok[tri[valid]]
    jj, ii = np.nonzero(valid)
    px = x0 + (ii + 0.5) * step - 0.5
    py = y0 + (jj + 0.5) * step - 0.5
    m = inv[tri[jj, ii]]
    map_lr = np.full((ny, nx, 2), _OFF, dtype=np.float32)
    map_lr[jj, ii, 0] = (m[:, 0, 0] * px + m[:, 0, 1] * py + m[:, 0, 2]) / level_scale
    map_lr[jj, ii, 1] = (m[:, 1, 0] * px + m[:, 1, 1] * py + m[:, 1, 2]) / level_scale
    # The lattice covers a little more than the box; work at its size and crop views at the end.
    full = cv2.resize(map_lr, (nx * step, ny * step), interpolation=cv2.INTER_LINEAR) if step > 1 else map_lr
    patch = cv2.remap(image, full, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    # Only pixels inside a triangle count: outside them the upsampled map is extrapolated.
    coverage = np.zeros(full.shape[:2], dtype=np.uint8)
    polys = np.round((dst - origin) * (1 << _SHIFT)).astype(np.int32)
    cv2.fillPoly(coverage, list(polys), 255, lineType=cv2.LINE_8, shift=_SHIFT)
    patch = cv2.bitwise_and(patch, patch, mask=coverage)
    return WarpedLayer(patch[:h, :w], x0, y0, arms)
