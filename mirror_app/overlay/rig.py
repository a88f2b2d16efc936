"""The garment's skeleton: a triangle mesh over the item image, bound to body parts.

Each part (a top's body, each sleeve; a bottom's seat, each leg) moves by a moving-least-squares
field that carries the garment's outline marks onto the body's outline (fit.py). Each piece of
fabric has its own copy of the mesh; a vertex follows a blend of its parts' fields, softened over
about one mesh cell, so seams bend instead of tearing. The image is then drawn piecewise-affinely
over the deformed triangles (warp.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

import cv2
import numpy as np
import numpy.typing as npt

from ..domain import Fit
from .affine import fit_similarity
from .body_outline import BodyOutline
from .body_points import BodyPoints
from .categories import CATEGORY_SPECS, Rig
from .fit import Controls, lower_controls, upper_controls
from .garment import Garment
from .garment_shape import LowerShape, UpperShape, is_upper, lower_shape, upper_shape
from .mls import mls_affine

Vec = npt.NDArray[np.float64]
LabelFn = Callable[[Vec], npt.NDArray[np.int64]]

GRID_CELLS = 20  # cells along the item's longer side
BLEND_SIGMA_CELLS = 1.0


class Part(StrEnum):
    TORSO = "torso"  # a top's, dress's or coat's body, down to its hem
    LEFT_SLEEVE = "left_sleeve"
    RIGHT_SLEEVE = "right_sleeve"
    LEFT_FOREARM = "left_forearm"  # a long sleeve below its elbow: its own field, so it bends
    RIGHT_FOREARM = "right_forearm"
    PELVIS = "pelvis"  # a bottom's seat (a skirt: all of it)
    LEFT_LEG = "left_leg"
    RIGHT_LEG = "right_leg"
    RIGID = "rigid"


def _seg_dist(p: Vec, a: Vec, b: Vec) -> Vec:
    """Distance from each point in p (N, 2) to segment a–b."""
    ab = b - a
    t = np.clip(((p - a) @ ab) / max(float(ab @ ab), 1e-12), 0.0, 1.0)
    return np.asarray(np.linalg.norm(p - (a + t[:, None] * ab), axis=1), dtype=np.float64)


# Pieces: parts that move as one stretch of fabric. Each piece has its own copy of the mesh, so a
# sleeve hanging close to the body never drags the body's fabric along (and vice versa); where
# pieces are sewn together (armholes, the crotch) their weights blend across a band.
PIECE_OF: dict[Part, str] = {
    Part.LEFT_SLEEVE: "left_arm",
    Part.RIGHT_SLEEVE: "right_arm",
    Part.LEFT_FOREARM: "left_arm",
    Part.RIGHT_FOREARM: "right_arm",
    Part.LEFT_LEG: "left_leg",
    Part.RIGHT_LEG: "right_leg",
}
PIECE_ORDER = ("body", "left_leg", "right_leg", "left_arm", "right_arm")  # drawing order
ARM_PIECES = frozenset({"left_arm", "right_arm"})
JOINT_BAND_CELLS = 1.5  # how far either side of a seam the two pieces' weights blend
PIECE_OVERLAP_PX = 2  # pieces share this much fabric at a seam: no gap shows between them


def piece_of(part: Part) -> str:
    return PIECE_OF.get(part, "body")


@dataclass(frozen=True, eq=False)
class Piece:
    """One stretch of fabric: its triangles and its own vertex weights over the shared grid."""

    name: str
    triangles: npt.NDArray[np.int32]  # (T, 3) indices into the rig's vertices
    weights: Vec  # (N, P) rows sum to 1
    mask: npt.NDArray[np.uint8]  # (H, W) 255 on this piece's pixels of the item image

    @cached_property
    def used(self) -> npt.NDArray[np.int64]:
        """Indices of the grid vertices this piece's triangles use."""
        return np.unique(self.triangles).astype(np.int64)

    @property
    def arms(self) -> bool:
        """Sleeves: drawn over the shopper's real arm, so the arm occluder does not cut them."""
        return self.name in ARM_PIECES


Shape = UpperShape | LowerShape | None


@dataclass(frozen=True, eq=False)
class GarmentRig:
    garment: Garment
    vertices: Vec  # (N, 2) source pixels of the grid, shared by all pieces
    parts: tuple[Part, ...]
    pieces: tuple[Piece, ...]  # in drawing order
    cell: float  # mesh cell size in source pixels
    shape: Shape  # the garment's outline marks (None for rigid items)

    @staticmethod
    def build(garment: Garment, grid_cells: int = GRID_CELLS) -> GarmentRig:
        alpha = garment.rgba[..., 3]
        fabric = alpha > 8
        ys, xs = np.nonzero(fabric)
        if len(xs) == 0:
            raise ValueError(f"item {garment.item_id}: image is fully transparent")
        x0, x1, y0, y1 = int(xs.min()), int(xs.max()) + 1, int(ys.min()), int(ys.max()) + 1
        cell = max(x1 - x0, y1 - y0) / grid_cells
        nx, ny = max(1, int(np.ceil((x1 - x0) / cell))), max(1, int(np.ceil((y1 - y0) / cell)))
        gx, gy = np.meshgrid(x0 + np.arange(nx + 1) * cell, y0 + np.arange(ny + 1) * cell)
        vertices = np.stack([gx.ravel(), gy.ravel()], axis=1).astype(np.float64)
        shape, parts, label_fn, joints = _labeller(garment)

        # Which piece each pixel belongs to (labelled on a fine sample grid, then upsampled).
        h, w = alpha.shape
        step = max(1.0, cell / 4)
        sx = np.arange(x0, x1, step) + step / 2
        sy = np.arange(y0, y1, step) + step / 2
        mx, my = np.meshgrid(sx, sy)
        sample_parts = label_fn(np.stack([mx.ravel(), my.ravel()], axis=1)).reshape(my.shape)
        names = [p for p in PIECE_ORDER if any(piece_of(parts[k]) == p for k in range(len(parts)))]
        piece_id = np.array([names.index(piece_of(part)) for part in parts])[sample_parts].astype(np.uint8)
        full_ids = np.zeros((h, w), np.uint8)
        full_ids[y0:y1, x0:x1] = cv2.resize(piece_id, (x1 - x0, y1 - y0), interpolation=cv2.INTER_NEAREST)
        band = _joint_band(joints, (h, w), JOINT_BAND_CELLS * cell)

        vertex_parts = label_fn(vertices)
        onehot = np.zeros((len(vertices), len(parts)), dtype=np.float32)
        onehot[np.arange(len(vertices)), vertex_parts] = 1.0
        # On a seam both pieces must move their shared edge identically: there they use weights
        # blended over all the fabric; away from seams each piece uses its own (see below).
        shared = _blend(onehot, _vertex_occupancy(fabric.astype(np.float32), (x0, y0), cell, nx, ny), nx, ny)
        radius = JOINT_BAND_CELLS * cell
        seam_d = (
            np.min([_seg_dist(vertices, a, b) for a, b in joints], axis=0) if joints else np.full(len(vertices), np.inf)
        )
        on_seam = np.clip((2 * radius - seam_d) / radius, 0.0, 1.0)[:, None]
        pieces = []
        grow = np.ones((2 * PIECE_OVERLAP_PX + 1, 2 * PIECE_OVERLAP_PX + 1), np.uint8)
        for k, name in enumerate(names):
            own = fabric & (full_ids == k)
            if not own.any():
                continue
            # Weights blend only through this piece's own fabric (and the seam bands): no pull
            # across the gap between a sleeve and the body.
            reach = (own | (band & fabric)).astype(np.float32)
            occupancy = _vertex_occupancy(reach, (x0, y0), cell, nx, ny)
            weights = on_seam * shared + (1 - on_seam) * _blend(onehot, occupancy, nx, ny)
            mask = cv2.dilate(own.astype(np.uint8) * 255, grow) if len(names) > 1 else own.astype(np.uint8) * 255
            cells = _cells_any(mask[y0:y1, x0:x1] > 0, cell, nx, ny)
            pieces.append(Piece(name, _cell_triangles(cells, nx), weights, mask))
        return GarmentRig(garment, vertices, parts, tuple(pieces), float(cell), shape)

    @property
    def rigid(self) -> bool:
        return self.parts == (Part.RIGID,)

    def piece_levels(self, index: int) -> tuple[npt.NDArray[np.uint8], ...]:
        """Premultiplied mip levels holding only piece ``index``'s pixels.

        Sampling a piece never picks up another piece's fabric, even where its inverse map is
        extrapolated past its own triangles; so no per-frame coverage mask is needed.
        """
        return self._piece_levels[index]

    @cached_property
    def _piece_levels(self) -> tuple[tuple[npt.NDArray[np.uint8], ...], ...]:
        levels = self.garment.premultiplied_levels
        if len(self.pieces) == 1:
            return (levels,)
        out = []
        for piece in self.pieces:
            lv = [cv2.bitwise_and(levels[0], levels[0], mask=piece.mask)]
            while len(lv) < len(levels):
                lv.append(cv2.pyrDown(lv[-1]))
            out.append(tuple(lv))
        return tuple(out)

    def rigid_transform(self, body: BodyPoints) -> npt.NDArray[np.float64]:
        """Rigid items: the similarity that carries their anchors onto the body points."""
        g = self.garment
        have = [n for n in g.anchors if n in body]
        return fit_similarity(np.array([g.anchor(n) for n in have]), np.array([body[n] for n in have]))

    def controls(self, body: BodyPoints, outline: BodyOutline) -> dict[Part, Controls]:
        """Each part's control points for this body."""
        if isinstance(self.shape, UpperShape):
            raw = upper_controls(self.shape, outline, body, self.garment.category)
        elif isinstance(self.shape, LowerShape):
            raw = lower_controls(self.shape, outline, body, self.garment.fit)
        else:
            return {}
        names = {
            "torso": Part.TORSO,
            "left_sleeve": Part.LEFT_SLEEVE,
            "right_sleeve": Part.RIGHT_SLEEVE,
            "left_forearm": Part.LEFT_FOREARM,
            "right_forearm": Part.RIGHT_FOREARM,
            "pelvis": Part.PELVIS,
            "left_leg": Part.LEFT_LEG,
            "right_leg": Part.RIGHT_LEG,
        }
        return {names[k]: v for k, v in raw.items() if names[k] in self.parts}

    def deform(self, body: BodyPoints, outline: BodyOutline) -> list[Vec]:
        """Vertex positions in the frame for this body, one array (N, 2) per piece."""
        controls = self.controls(body, outline)
        n = len(self.vertices)
        moved = np.zeros((n, len(self.parts), 2))
        for k, part in enumerate(self.parts):
            need = np.zeros(n, bool)
            for piece in self.pieces:
                need |= piece.weights[:, k] > 1e-4
            c = controls[part]
            moved[need, k] = mls_affine(self.vertices[need], c.src, c.dst)
        return [np.asarray(np.einsum("np,npk->nk", p.weights, moved), dtype=np.float64) for p in self.pieces]


def _cell_triangles(cells: npt.NDArray[np.uint8], nx: int) -> npt.NDArray[np.int32]:
    tris = []
    for j, i in zip(*np.nonzero(cells), strict=True):
        v00 = j * (nx + 1) + i
        v01, v10, v11 = v00 + 1, v00 + nx + 1, v00 + nx + 2
        tris += [(v00, v01, v11), (v00, v11, v10)]
    return np.array(tris, dtype=np.int32).reshape(-1, 3)


def _vertex_occupancy(mask: npt.NDArray[np.float32], origin: tuple[int, int], cell: float, nx: int, ny: int) -> Vec:
    """Fraction of ``mask`` in the cell-sized square around each grid vertex, (ny+1, nx+1)."""
    x0, y0 = origin
    half = cell / 2
    h, w = mask.shape
    ox, oy = int(np.floor(x0 - half)), int(np.floor(y0 - half))
    tw, th = int(np.ceil((nx + 1) * cell)), int(np.ceil((ny + 1) * cell))
    padded = np.zeros((th, tw), np.float32)
    sx0, sy0 = max(0, ox), max(0, oy)
    sx1, sy1 = min(w, ox + tw), min(h, oy + th)
    if sx1 > sx0 and sy1 > sy0:
        padded[sy0 - oy : sy1 - oy, sx0 - ox : sx1 - ox] = mask[sy0:sy1, sx0:sx1]
    return np.asarray(cv2.resize(padded, (nx + 1, ny + 1), interpolation=cv2.INTER_AREA), dtype=np.float64)


def _blend(onehot: npt.NDArray[np.float32], occupancy: Vec, nx: int, ny: int) -> Vec:
    """Soften part labels over about a cell, weighting by fabric (normalised convolution)."""
    n_parts = onehot.shape[1]
    grid = onehot.reshape(ny + 1, nx + 1, n_parts)
    occ = occupancy.astype(np.float32)
    norm = cv2.GaussianBlur(occ, (0, 0), BLEND_SIGMA_CELLS)
    blurred = np.stack(
        [cv2.GaussianBlur(grid[..., k] * occ, (0, 0), BLEND_SIGMA_CELLS) for k in range(n_parts)], axis=-1
    )
    soft = blurred / np.maximum(norm[..., None], 1e-6)
    weak = norm < 0.05  # no fabric nearby: keep the hard label
    soft[weak] = grid[weak]
    soft = soft.reshape(-1, n_parts)
    return np.asarray(soft / np.maximum(soft.sum(axis=1, keepdims=True), 1e-9), dtype=np.float64)


def _joint_band(joints: list[tuple[Vec, Vec]], shape: tuple[int, int], radius: float) -> npt.NDArray[np.bool_]:
    """Pixels within ``radius`` of a seam between pieces."""
    band = np.zeros(shape, np.uint8)
    for a, b in joints:
        cv2.line(
            band,
            tuple(int(v) for v in np.round(a)),
            tuple(int(v) for v in np.round(b)),
            255,
            thickness=max(1, int(2 * radius)),
        )
    return band > 0


def _cells_any(mask: npt.NDArray[np.bool_], cell: float, nx: int, ny: int) -> npt.NDArray[np.uint8]:
    out = np.zeros((ny, nx), dtype=np.uint8)
    ys, xs = np.nonzero(mask)
    out[np.minimum((ys / cell).astype(int), ny - 1), np.minimum((xs / cell).astype(int), nx - 1)] = 1
    return out


Joints = list[tuple[Vec, Vec]]  # seams between pieces, as source-pixel segments


def _labeller(g: Garment) -> tuple[Shape, tuple[Part, ...], LabelFn, Joints]:
    spec = CATEGORY_SPECS[g.category]
    if spec.rig is Rig.RIGID:
        return None, (Part.RIGID,), lambda p: np.zeros(len(p), dtype=np.int64), []
    if is_upper(g.category):
        return _upper_labeller(g, upper_shape(g))
    return _lower_labeller(g, lower_shape(g))


def _upper_labeller(g: Garment, shape: UpperShape) -> tuple[Shape, tuple[Part, ...], LabelFn, Joints]:
    parts: list[Part] = [Part.TORSO]
    sleeves = []
    forearms = []
    for sleeve, part, fore in zip(
        shape.sleeves, (Part.LEFT_SLEEVE, Part.RIGHT_SLEEVE), (Part.LEFT_FOREARM, Part.RIGHT_FOREARM), strict=True
    ):
        if sleeve is not None:
            parts.append(part)
            sleeves.append((sleeve, part))
            if sleeve.elbow is not None:
                parts.append(fore)
                forearms.append((sleeve, part, fore))
    index = {p: k for k, p in enumerate(parts)}
    body_poly = np.concatenate(
        [
            [[shape.seam[1][0], -1e6], [shape.seam[0][0], -1e6], shape.seam[0], shape.armpit[0]],
            np.stack([shape.left, shape.levels], axis=1),
            [[shape.left[-1], 1e6], [shape.right[-1], 1e6]],
            np.stack([shape.right, shape.levels], axis=1)[::-1],
            [shape.armpit[1], shape.seam[1]],
        ]
    )

    def label(p: Vec) -> npt.NDArray[np.int64]:
        out = np.full(len(p), index[Part.TORSO], dtype=np.int64)
        contour = body_poly.astype(np.float32).reshape(-1, 1, 2)
        inside = np.array([cv2.pointPolygonTest(contour, (float(x), float(y)), False) >= 0 for x, y in p])
        for sleeve, part in sleeves:
            line = sleeve.armpit - sleeve.seam
            normal = np.array([-line[1], line[0]])
            if float((sleeve.cuff - sleeve.seam) @ normal) < 0:
                normal = -normal
            beyond = (p - sleeve.seam) @ normal > 0
            # Near the sleeve's own axis: a flared hem's corner outside the sides stays body.
            near = _seg_dist(p, sleeve.top, sleeve.cuff) < max(sleeve.width, 0.25 * shape.span)
            out[beyond & near & ~inside] = index[part]
        for sleeve, part, fore in forearms:
            assert sleeve.elbow is not None
            past = (p - sleeve.elbow) @ sleeve.axis > 0
            out[(out == index[part]) & past] = index[fore]
        return out

    joints = [(sleeve.seam, sleeve.armpit) for sleeve, _ in sleeves]
    return shape, tuple(parts), label, joints


def _lower_labeller(g: Garment, shape: LowerShape) -> tuple[Shape, tuple[Part, ...], LabelFn, Joints]:
    if g.fit is Fit.SKIRT or shape.legs is None:
        return shape, (Part.PELVIS,), lambda p: np.zeros(len(p), dtype=np.int64), []
    parts = (Part.PELVIS, Part.LEFT_LEG, Part.RIGHT_LEG)
    crotch = shape.crotch
    centre_x = float((shape.waist[0][0] + shape.waist[1][0]) / 2)
    left_sign = 1.0 if shape.legs[0].knee[0] >= centre_x else -1.0

    def label(p: Vec) -> npt.NDArray[np.int64]:
        out = np.zeros(len(p), dtype=np.int64)
        below = p[:, 1] > crotch[1]
        is_left = np.sign(p[:, 0] - crotch[0]) == left_sign
        out[below & is_left] = 1
        out[below & ~is_left] = 2
        return out

    # Each leg is sewn to the seat along the crotch level, from the crotch out past its side.
    width = shape.span
    joints = [
        (crotch, crotch + np.array([left_sign * width, 0.0])),
        (crotch, crotch - np.array([left_sign * width, 0.0])),
    ]
    return shape, parts, label, joints
