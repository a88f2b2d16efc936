"""The garment's skeleton: a triangle mesh over the item image, bound to body parts.

Each mesh vertex follows a blend of part transforms (torso, upper arm, forearm, thigh, shin…),
weighted by which part it belongs to, softened over about one mesh cell so joints bend instead
of tearing. The image is then drawn piecewise-affinely over the deformed triangles (warp.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

import cv2
import numpy as np
import numpy.typing as npt

from ..domain import Category, Fit
from .affine import Mat23, apply, area_scale, bone_transform, fit_affine, fit_similarity
from .body_points import BodyPoints
from .categories import CATEGORY_SPECS, Rig
from .garment import Garment

Vec = npt.NDArray[np.float64]
LabelFn = Callable[[Vec], npt.NDArray[np.int64]]

GRID_CELLS = 20  # cells along the item's longer side
BLEND_SIGMA_CELLS = 1.0


class Part(StrEnum):
    CHEST = "chest"  # collar, yoke, lapels: keep their proportions on long torsos
    TORSO = "torso"
    SKIRT = "skirt"
    PELVIS = "pelvis"
    RIGID = "rigid"
    LEFT_UPPER_ARM = "left_upper_arm"
    LEFT_FOREARM = "left_forearm"
    RIGHT_UPPER_ARM = "right_upper_arm"
    RIGHT_FOREARM = "right_forearm"
    LEFT_THIGH = "left_thigh"
    LEFT_SHIN = "left_shin"
    RIGHT_THIGH = "right_thigh"
    RIGHT_SHIN = "right_shin"


# part → (joint from, joint to) for limb bones
BONES: dict[Part, tuple[str, str]] = {
    Part.LEFT_UPPER_ARM: ("left_shoulder", "left_elbow"),
    Part.LEFT_FOREARM: ("left_elbow", "left_wrist"),
    Part.RIGHT_UPPER_ARM: ("right_shoulder", "right_elbow"),
    Part.RIGHT_FOREARM: ("right_elbow", "right_wrist"),
    Part.LEFT_THIGH: ("left_hip", "left_knee"),
    Part.LEFT_SHIN: ("left_knee", "left_ankle"),
    Part.RIGHT_THIGH: ("right_hip", "right_knee"),
    Part.RIGHT_SHIN: ("right_knee", "right_ankle"),
}
_TORSO_POINTS = ("neck", "left_shoulder", "right_shoulder", "left_hip", "right_hip")
_SKIRT_POINTS = ("left_hip", "right_hip", "left_knee", "right_knee")


def _seg_dist(p: Vec, a: Vec, b: Vec) -> Vec:
    """Distance from each point in p (N, 2) to segment a–b."""
    ab = b - a
    t = np.clip(((p - a) @ ab) / max(float(ab @ ab), 1e-12), 0.0, 1.0)
    return np.asarray(np.linalg.norm(p - (a + t[:, None] * ab), axis=1), dtype=np.float64)


def _poly_dist(p: Vec, poly: Vec) -> Vec:
    """0 inside the polygon, else distance to its outline."""
    contour = poly.astype(np.float32).reshape(-1, 1, 2)
    return np.array([max(0.0, -cv2.pointPolygonTest(contour, (float(x), float(y)), True)) for x, y in p])


# Pieces: parts that move as one stretch of fabric. Each piece has its own copy of the mesh, so a
# sleeve hanging close to the body never drags the body's fabric along (and vice versa); where
# pieces are sewn together (shoulder seams, hip joints) their weights blend across a band.
PIECE_OF: dict[Part, str] = {
    Part.LEFT_UPPER_ARM: "left_arm",
    Part.LEFT_FOREARM: "left_arm",
    Part.RIGHT_UPPER_ARM: "right_arm",
    Part.RIGHT_FOREARM: "right_arm",
    Part.LEFT_THIGH: "left_leg",
    Part.LEFT_SHIN: "left_leg",
    Part.RIGHT_THIGH: "right_leg",
    Part.RIGHT_SHIN: "right_leg",
}
PIECE_ORDER = ("body", "left_leg", "right_leg", "left_arm", "right_arm")  # drawing order
ARM_PIECES = frozenset({"left_arm", "right_arm"})
JOINT_BAND_CELLS = 1.5  # how far either side of a seam the two pieces' weights blend


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


@dataclass(frozen=True, eq=False)
class GarmentRig:
    garment: Garment
    vertices: Vec  # (N, 2) source pixels of the grid, shared by all pieces
    parts: tuple[Part, ...]
    pieces: tuple[Piece, ...]  # in drawing order
    cell: float  # mesh cell size in source pixels

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
        parts, label_fn, joints = _labeller(garment)

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
        for k, name in enumerate(names):
            own = fabric & (full_ids == k)
            if not own.any():
                continue
            # Weights blend only through this piece's own fabric (and the seam bands): no pull
            # across the gap between a sleeve and the body.
            reach = (own | (band & fabric)).astype(np.float32)
            occupancy = _vertex_occupancy(reach, (x0, y0), cell, nx, ny)
            weights = on_seam * shared + (1 - on_seam) * _blend(onehot, occupancy, nx, ny)
            cells = _cells_any(own[y0:y1, x0:x1], cell, nx, ny)
            mask = cv2.dilate(own.astype(np.uint8) * 255, np.ones((3, 3), np.uint8))  # 1 px overlap: no seam
            pieces.append(Piece(name, _cell_triangles(cells, nx), weights, mask))
        return GarmentRig(garment, vertices, parts, tuple(pieces), float(cell))

    @property
    def rigid(self) -> bool:
        return self.parts == (Part.RIGID,)

    @property
    def triangles(self) -> npt.NDArray[np.int32]:
        """All pieces' triangles (cells shared by two pieces appear twice)."""
        return np.concatenate([p.triangles for p in self.pieces]) if self.pieces else np.zeros((0, 3), np.int32)

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

    def transforms(self, body: BodyPoints) -> npt.NDArray[np.float64]:
        """One 2×3 affine per part, source pixels → frame pixels."""
        g = self.garment
        have = [n for n in g.anchors if n in body]

        def fit(names: tuple[str, ...]) -> Mat23:
            use = [n for n in names if n in g.anchors and n in body]
            return fit_affine(np.array([g.anchor(n) for n in use]), np.array([body[n] for n in use]))

        out: dict[Part, Mat23] = {}
        if Part.RIGID in self.parts:
            out[Part.RIGID] = fit_similarity(np.array([g.anchor(n) for n in have]), np.array([body[n] for n in have]))
        if Part.TORSO in self.parts:
            out[Part.TORSO] = fit(_TORSO_POINTS)
        if Part.PELVIS in self.parts:
            out[Part.PELVIS] = self._pelvis(body)
        main = out.get(Part.TORSO, out.get(Part.PELVIS))
        if Part.CHEST in self.parts:
            out[Part.CHEST] = self._chest(body, out[Part.TORSO])
        if Part.SKIRT in self.parts:
            skirt = fit(_SKIRT_POINTS)
            # A skirt never turns inside out or balloons: fall back to the body's transform.
            if main is not None and not _similar_scale(skirt, main):
                skirt = main
            out[Part.SKIRT] = skirt
        across = area_scale(main) if main is not None else 1.0
        for part in self.parts:
            if part in BONES:
                a, b = BONES[part]
                out[part] = bone_transform(g.anchor(a), g.anchor(b), body[a], body[b], across)
        return np.stack([out[p] for p in self.parts])

    def _chest(self, body: BodyPoints, torso: Mat23) -> Mat23:
        """Shoulders map exactly; the height scale follows the shoulders' (within limits set by
        the torso), so a collar is not stretched tall on a long torso nor squashed when turning.
        """
        g = self.garment
        ls, rs, ls2, rs2 = (
            g.anchor("left_shoulder"),
            g.anchor("right_shoulder"),
            body["left_shoulder"],
            body["right_shoulder"],
        )
        span, span2 = float(np.linalg.norm(ls - rs)), float(np.linalg.norm(ls2 - rs2))
        u = (ls - rs) / max(span, 1e-9)
        u2 = (ls2 - rs2) / max(span2, 1e-9)
        n, n2 = np.array([-u[1], u[0]]), np.array([-u2[1], u2[0]])
        h = span2 / max(span, 1e-9)
        v_torso = float(np.linalg.norm(torso[:, :2] @ n))
        v = float(np.clip(h, 0.75 * v_torso, v_torso))
        lin = h * np.outer(u2, u) + v * np.outer(n2, n)
        mid, mid2 = (ls + rs) / 2, (ls2 + rs2) / 2
        return np.hstack([lin, (mid2 - lin @ mid)[:, None]])

    def _pelvis(self, body: BodyPoints) -> Mat23:
        """Hips map exactly; height follows the thighs' stretch (a waistband should not fan out
        when the legs spread).
        """
        g = self.garment
        lh, rh = g.anchor("left_hip"), g.anchor("right_hip")
        lh2, rh2 = body["left_hip"], body["right_hip"]
        ratios = [
            float(np.linalg.norm(body[k] - body[h])) / max(float(np.linalg.norm(g.anchor(k) - g.anchor(h))), 1e-9)
            for h, k in (("left_hip", "left_knee"), ("right_hip", "right_knee"))
        ]
        stretch = float(np.clip(np.mean(ratios), 0.3, 3.0))
        width = float(np.linalg.norm(lh - rh))
        down = _down_from(lh, rh, (g.anchor("left_knee") + g.anchor("right_knee")) / 2)
        down2 = _down_from(lh2, rh2, (body["left_knee"] + body["right_knee"]) / 2)
        mid, mid2 = (lh + rh) / 2, (lh2 + rh2) / 2
        src = np.array([lh, rh, mid + down * width])
        dst = np.array([lh2, rh2, mid2 + down2 * width * stretch])
        return np.asarray(cv2.getAffineTransform(src.astype(np.float32), dst.astype(np.float32)), dtype=np.float64)

    def deform(self, body: BodyPoints) -> list[Vec]:
        """Vertex positions in the frame for this body, one array (N, 2) per piece."""
        mats = self.transforms(body)
        moved = np.stack([apply(m, self.vertices) for m in mats], axis=1)  # (N, P, 2)
        return [np.asarray(np.einsum("np,npk->nk", p.weights, moved), dtype=np.float64) for p in self.pieces]


def _similar_scale(m: Mat23, ref: Mat23, ratio: float = 2.0) -> bool:
    """Same orientation and an area scale within ``ratio`` of the reference."""
    det, ref_det = float(np.linalg.det(m[:, :2])), float(np.linalg.det(ref[:, :2]))
    if det <= 0 or ref_det <= 0:
        return False
    return bool(1 / ratio <= np.sqrt(det / ref_det) <= ratio)


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


def _down_from(left: Vec, right: Vec, toward: Vec) -> Vec:
    """Unit vector perpendicular to left–right, on the side of ``toward``."""
    across = (left - right) / max(float(np.linalg.norm(left - right)), 1e-9)
    perp = np.array([-across[1], across[0]])
    return perp if float(np.dot(toward - (left + right) / 2, perp)) >= 0 else -perp


Joints = list[tuple[Vec, Vec]]  # seams between pieces, as source-pixel segments


def _labeller(g: Garment) -> tuple[tuple[Part, ...], LabelFn, Joints]:
    spec = CATEGORY_SPECS[g.category]
    if spec.rig is Rig.RIGID:
        return (Part.RIGID,), lambda p: np.zeros(len(p), dtype=np.int64), []
    if g.category is Category.BOTTOM:
        return _bottom_labeller(g)
    return _upper_labeller(g)


def _upper_labeller(g: Garment) -> tuple[tuple[Part, ...], LabelFn, Joints]:
    a = g.anchor
    has = g.anchors.__contains__
    parts: list[Part] = [Part.TORSO, Part.CHEST]
    with_skirt = g.category in (Category.DRESS, Category.OUTERWEAR) and has("left_knee") and has("right_knee")
    if with_skirt:
        parts.append(Part.SKIRT)
    sleeves = []
    for side in ("left", "right"):
        if not has(f"{side}_elbow"):
            continue
        upper = Part(f"{side}_upper_arm")
        parts.append(upper)
        fore = None
        if has(f"{side}_wrist"):
            fore = Part(f"{side}_forearm")
            parts.append(fore)
        shoulder, hip = a(f"{side}_shoulder"), a(f"{side}_hip")
        armpit = a(f"{side}_armpit") if has(f"{side}_armpit") else shoulder + 0.38 * (hip - shoulder)
        sleeves.append((side, upper, fore, shoulder, armpit))
    index = {p: k for k, p in enumerate(parts)}
    sh_mid = (a("left_shoulder") + a("right_shoulder")) / 2
    hip_mid = (a("left_hip") + a("right_hip")) / 2
    axis = hip_mid - sh_mid
    axis_len = max(float(np.linalg.norm(axis)), 1e-9)
    center = (sh_mid + hip_mid) / 2

    def torso_poly() -> Vec:
        pit = {s: (arm if arm is not None else a(f"{s}_shoulder")) for s, _u, _f, _sh, arm in sleeves}
        lpit = pit.get("left", a("left_shoulder") + 0.38 * (a("left_hip") - a("left_shoulder")))
        rpit = pit.get("right", a("right_shoulder") + 0.38 * (a("right_hip") - a("right_shoulder")))
        return np.array([a("right_shoulder"), a("left_shoulder"), lpit, a("left_hip"), a("right_hip"), rpit])

    poly = torso_poly()

    pits = [armpit for _s, _u, _f, _sh, armpit in sleeves] or [poly[2], poly[5]]
    chest_t = float(np.mean([((pit - sh_mid) @ axis) / axis_len for pit in pits]))

    def label(p: Vec) -> npt.NDArray[np.int64]:
        out = np.full(len(p), index[Part.TORSO], dtype=np.int64)
        out[((p - sh_mid) @ axis) / axis_len < chest_t] = index[Part.CHEST]
        if with_skirt:
            below = ((p - sh_mid) @ axis) / axis_len > axis_len
            out[below] = index[Part.SKIRT]
        d_torso = _poly_dist(p, poly)
        for side, upper, fore, shoulder, armpit in sleeves:
            line = armpit - shoulder
            normal = np.array([-line[1], line[0]])
            outer = ((p - shoulder) @ normal) * float((center - shoulder) @ normal) < 0
            elbow = a(f"{side}_elbow")
            d_up = _seg_dist(p, shoulder, elbow)
            d_arm = d_up
            if fore is not None:
                d_fore = _seg_dist(p, elbow, a(f"{side}_wrist"))
                d_arm = np.minimum(d_up, d_fore)
            sleeve = outer & (d_arm < d_torso)
            out[sleeve] = index[upper]
            if fore is not None:
                out[sleeve & (d_fore < d_up)] = index[fore]
        return out

    joints = [(shoulder, armpit) for _s, _u, _f, shoulder, armpit in sleeves]
    return tuple(parts), label, joints


def _bottom_labeller(g: Garment) -> tuple[tuple[Part, ...], LabelFn, Joints]:
    a = g.anchor
    has = g.anchors.__contains__
    hip_mid = (a("left_hip") + a("right_hip")) / 2
    knee_mid = (a("left_knee") + a("right_knee")) / 2
    axis = knee_mid - hip_mid
    axis_len = max(float(np.linalg.norm(axis)), 1e-9)
    if g.fit is Fit.SKIRT:
        parts = (Part.PELVIS, Part.SKIRT)

        def label_skirt(p: Vec) -> npt.NDArray[np.int64]:
            t = ((p - hip_mid) @ axis) / axis_len
            return np.where(t > 0.1 * axis_len, 1, 0).astype(np.int64)

        return parts, label_skirt, []
    crotch = a("crotch") if has("crotch") else hip_mid + 0.3 * axis
    crotch_t = float((crotch - hip_mid) @ axis) / axis_len
    legs: list[Part] = [Part.PELVIS, Part.LEFT_THIGH, Part.RIGHT_THIGH]
    if has("left_ankle"):
        legs.append(Part.LEFT_SHIN)
    if has("right_ankle"):
        legs.append(Part.RIGHT_SHIN)
    index = {p: k for k, p in enumerate(legs)}
    side_normal = np.array([-axis[1], axis[0]])
    left_sign = np.sign(float((a("left_hip") - hip_mid) @ side_normal)) or 1.0

    def label(p: Vec) -> npt.NDArray[np.int64]:
        out = np.full(len(p), index[Part.PELVIS], dtype=np.int64)
        t = ((p - hip_mid) @ axis) / axis_len
        is_left = np.sign((p - crotch) @ side_normal) == left_sign
        for side, mask in (("left", is_left), ("right", ~is_left)):
            knee = a(f"{side}_knee")
            sel = mask & (t > crotch_t)
            out[sel] = index[Part(f"{side}_thigh")]
            shin = Part(f"{side}_shin")
            if shin in index:
                d_thigh = _seg_dist(p, a(f"{side}_hip"), knee)
                d_shin = _seg_dist(p, knee, a(f"{side}_ankle"))
                out[sel & (d_shin < d_thigh)] = index[shin]
        return out

    # Each leg is sewn to the seat along the crotch level, from the crotch out past its hip.
    joints = [(crotch, crotch + (a(f"{side}_hip") - hip_mid) * 2.4) for side in ("left", "right")]
    return tuple(legs), label, joints
