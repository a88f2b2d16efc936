"""Garment silhouettes drawn from a few measurements, with their anchors worked out exactly.

The starter catalog (``mirror-app catalog new``) is drawn from these, and the importer's tests
photograph them: each shape knows where its anchors are by construction, following the
conventions in docs/catalog.md, so what the importer finds can be compared with the truth.

Coordinates are image pixels, x to the right, y down; the wearer's left is on the image right.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt

from ..domain import Category, Fit

Pts = npt.NDArray[np.float64]
U8Image = npt.NDArray[np.uint8]

# Body proportions the conventions use, in distances between the two shoulder (or hip) anchors.
HIP_DROP = 1.5  # shoulders → hips on long garments (dresses, coats)
THIGH = 1.15  # hips → knees, in shoulder widths (as the overlay's body model)
UPPER_ARM = 0.85  # shoulder → elbow, in shoulder widths
LONG_SLEEVE = 1.1  # a sleeve reaching this far from the shoulder (× shoulder width) has a wrist
ELBOW_AT = 0.53  # the elbow's share of shoulder → wrist
LEG_THIGH = 1.6  # hips → knees, in hip widths (bottoms)
LONG_LEG = 2.2  # a leg reaching this far from the hip (× hip width) has an ankle
HIP_IN = 1 / 5  # hips sit this share of the garment width in from each side
KNEE_IN = 1 / 4  # knees of skirts, dresses and coats: this share in from each side
SHOULDER_IN = 1 / 8  # shoulders: this share of the shoulder width in from the seam end


@dataclass(frozen=True)
class Shape:
    """An item outline: ``polygons`` (each (N, 2)) filled together, ``holes`` cut out of them."""

    category: Category
    polygons: tuple[Pts, ...]
    anchors: dict[str, tuple[float, float]]
    holes: tuple[Pts, ...] = ()
    fit: Fit = Fit.LEGS
    seams: tuple[Pts, ...] = field(default=())  # polylines drawn as stitching (pictures only)
    tint: tuple[Pts, ...] = field(default=())  # regions drawn see-through (lenses)

    def mask(self, size_wh: tuple[int, int], supersample: int = 4) -> npt.NDArray[np.float32]:
        """Coverage in [0, 1] of shape (H, W), anti-aliased by drawing ``supersample``× larger."""
        w, h = size_wh
        s = supersample
        big = np.zeros((h * s, w * s), np.uint8)
        shift = 4  # fixed-point bits for sub-pixel vertices
        scale = s * (1 << shift)

        def pts(p: Pts) -> npt.NDArray[np.int32]:
            return np.round((p + 0.5) * scale - 0.5 * (1 << shift)).astype(np.int32).reshape(-1, 1, 2)

        # One call per polygon: fillPoly XORs polygons that overlap within a call.
        for p in self.polygons:
            cv2.fillPoly(big, [pts(p)], 255, cv2.LINE_8, shift)
        for p in self.holes:
            cv2.fillPoly(big, [pts(p)], 0, cv2.LINE_8, shift)
        small = cv2.resize(big, (w, h), interpolation=cv2.INTER_AREA)
        return np.asarray(small, np.float32) / 255.0

    def moved(self, offset_xy: tuple[float, float], scale: float = 1.0) -> Shape:
        """The same shape scaled about the origin, then moved by ``offset_xy``."""
        off = np.asarray(offset_xy, dtype=np.float64)

        def m(p: Pts) -> Pts:
            return p * scale + off

        return Shape(
            self.category,
            tuple(m(p) for p in self.polygons),
            {k: (v[0] * scale + off[0], v[1] * scale + off[1]) for k, v in self.anchors.items()},
            tuple(m(p) for p in self.holes),
            self.fit,
            tuple(m(p) for p in self.seams),
            tuple(m(p) for p in self.tint),
        )

    def bbox(self) -> tuple[float, float, float, float]:
        allp = np.vstack(self.polygons)
        return float(allp[:, 0].min()), float(allp[:, 1].min()), float(allp[:, 0].max()), float(allp[:, 1].max())


def _lerp_x(a: Pts, b: Pts, y: float) -> float:
    """X on segment a–b at height y."""
    t = (y - a[1]) / (b[1] - a[1]) if b[1] != a[1] else 0.0
    return float(a[0] + np.clip(t, 0, 1) * (b[0] - a[0]))


def _side_x(chain: list[Pts], y: float) -> float:
    """X of a top-to-bottom polyline at height y."""
    for a, b in itertools.pairwise(chain):
        if a[1] <= y <= b[1]:
            return _lerp_x(a, b, y)
    return float(chain[-1][0] if y > chain[-1][1] else chain[0][0])


def _name(side: int, part: str) -> str:
    """Image right (+1) is the wearer's left."""
    return f"{'left' if side > 0 else 'right'}_{part}"


def upper(
    category: Category = Category.TOP,
    *,
    u: float = 400.0,
    sleeve: str = "short",
    length: float = 1.35,
    neck_half: float = 0.19,
    neck_depth: float = 0.12,
    hem_half: float = 0.52,
    waist: tuple[float, float] | None = None,
    sleeve_angle: float = 35.0,
    sleeve_length: float = 0.35,
    cuff: float = 0.36,
    armhole: float = 0.42,
) -> Shape:
    """A top, dress or coat; ``u`` pixels between the shoulder seam ends, top centre at (0, 0).

    ``sleeve`` is "short", "long" or "none"; ``waist`` = (half width, height) in ``u`` for
    fitted dresses; ``length`` from the top of the shoulders to the hem, in ``u``.
    """
    drop = 0.07
    if sleeve == "none":
        strap, strap_drop = 0.4, 0.03
        pit_half, pit_y = 0.5, 0.45
        end_x, end_y = strap, strap_drop
    else:
        end_x, end_y = 0.5, drop
        pit_half, pit_y = 0.5, drop + armhole
    neck = [np.array([neck_half * math.sin(f), neck_depth * math.cos(f)]) for f in np.linspace(0, math.pi / 2, 12)]
    side_chain = [np.array([pit_half, pit_y])]
    if waist is not None:
        side_chain.append(np.array(waist))
    side_chain.append(np.array([hem_half, length]))

    def half(s: int) -> list[Pts]:
        pts = [p * [s, 1] for p in neck]
        if sleeve == "none":
            pts.append(np.array([s * end_x, end_y]))
            for f in np.linspace(0, math.pi / 2, 12)[1:]:
                pts.append(
                    np.array(
                        [s * (end_x + (pit_half - end_x) * (1 - math.cos(f))), end_y + (pit_y - end_y) * math.sin(f)]
                    )
                )
        else:
            pts.append(np.array([s * end_x, end_y]))
            pts.append(np.array([s * pit_half, pit_y]))
        pts += [p * [s, 1] for p in side_chain[1:]]
        return pts

    right = half(1)
    left = half(-1)
    body = np.array(right + [np.array([0.0, length])] + left[::-1], dtype=np.float64)
    polygons = [body]
    anchors: dict[str, tuple[float, float]] = {"neck": (0.0, neck_depth)}
    # Shoulders: 1/8 of the seam-to-seam width in from the seam end, on the shoulder line.
    sw_seam = 2 * end_x
    sx = end_x - SHOULDER_IN * sw_seam
    sy = end_y * (sx - neck_half) / (end_x - neck_half)
    sw_anchor = 2 * sx
    seams: list[Pts] = [np.array(neck) * [1, 1] + [0, 0.035]]
    for s in (1, -1):
        anchors[_name(s, "shoulder")] = (s * sx, sy)
        if sleeve == "none":
            continue
        a = np.array([s * pit_half, pit_y])
        e = np.array([s * end_x, end_y])
        mid = (a + e) / 2
        th = math.radians(sleeve_angle)
        d = np.array([s * math.cos(th), math.sin(th)])
        n_up = np.array([s * math.sin(th), -math.cos(th)])
        c = mid + d * sleeve_length
        polygons.append(np.array([e, c + n_up * cuff / 2, c - n_up * cuff / 2, a]))
        seams.append(np.array([c + n_up * cuff / 2 - d * 0.05, c - n_up * cuff / 2 - d * 0.05]))
        anchors[_name(s, "armpit")] = (float(a[0]), float(a[1]))
        shoulder = np.array([s * sx, sy])
        reach = float(np.linalg.norm(c - shoulder))
        if reach >= LONG_SLEEVE * sw_anchor:
            anchors[_name(s, "wrist")] = (float(c[0]), float(c[1]))
            # The elbow: on the sleeve's centre line, ELBOW_AT of the way from shoulder to wrist.
            ts = np.linspace(0, 1, 2001)
            line = mid + np.outer(ts, c - mid)
            dist = np.linalg.norm(line - shoulder, axis=1)
            k = int(np.argmin(np.abs(dist - ELBOW_AT * reach)))
            anchors[_name(s, "elbow")] = (float(line[k, 0]), float(line[k, 1]))
        else:
            el = shoulder + (c - shoulder) / reach * UPPER_ARM * sw_anchor
            anchors[_name(s, "elbow")] = (float(el[0]), float(el[1]))
    hem_y = length * 0.98
    hip_y = hem_y if category is Category.TOP else min(hem_y, sy + HIP_DROP * sw_anchor)
    chain = side_chain
    hx = _side_x(chain, hip_y)
    for s in (1, -1):
        anchors[_name(s, "hip")] = (s * (hx - 2 * hx * HIP_IN), hip_y)
    knee_y = hip_y + THIGH * sw_anchor
    if category is not Category.TOP and knee_y <= hem_y:
        kx = _side_x(chain, knee_y)
        for s in (1, -1):
            anchors[_name(s, "knee")] = (s * (kx - 2 * kx * KNEE_IN), knee_y)
    seams.append(np.array([[-hem_half * 0.98, length - 0.04], [hem_half * 0.98, length - 0.04]]))
    shape = Shape(category, tuple(polygons), anchors, seams=tuple(seams))
    return shape.moved((0, 0), u)


def bottom(
    *,
    u: float = 400.0,
    length: float = 2.9,
    rise: float = 0.75,
    waist_half: float = 0.45,
    hip_half: float = 0.5,
    leg: float = 0.42,
    gap_half: float = 0.05,
    skirt_hem_half: float | None = None,
) -> Shape:
    """Trousers, shorts or (with ``skirt_hem_half``) a skirt; ``u`` pixels across the hips."""
    hip_at = 0.3
    if skirt_hem_half is not None:
        right = [np.array([waist_half, 0.0]), np.array([hip_half, hip_at]), np.array([skirt_hem_half, length])]
        poly = np.array([np.array([0.0, 0.0])] + right + [np.array([0.0, length])] + [p * [-1, 1] for p in right[::-1]])
        waist_w = 2 * waist_half
        hip_y = 0.28 * waist_w
        hx = _side_x(right, hip_y)
        anchors: dict[str, tuple[float, float]] = {}
        for s in (1, -1):
            anchors[_name(s, "hip")] = (s * (hx - 2 * hx * HIP_IN), hip_y)
        hip_w = 2 * (hx - 2 * hx * HIP_IN)
        knee_y = hip_y + LEG_THIGH * hip_w
        kx = _side_x(right, min(knee_y, length * 0.98))
        for s in (1, -1):
            anchors[_name(s, "knee")] = (s * (kx - 2 * kx * KNEE_IN), knee_y)
        skirt_seams = (np.array([[-waist_half, 0.06], [waist_half, 0.06]]),)
        return Shape(Category.BOTTOM, (poly,), anchors, fit=Fit.SKIRT, seams=skirt_seams).moved((0, 0), u)
    outer = [np.array([waist_half, 0.0]), np.array([hip_half, hip_at]), np.array([gap_half + leg, length])]
    inner = [np.array([0.0, rise]), np.array([gap_half, length])]
    right = outer + inner[::-1]
    poly = np.array([np.array([0.0, 0.0])] + right + [p * [-1, 1] for p in right[::-1]])
    hip_y = rise / 3
    hx = _side_x(outer, hip_y)
    anchors = {"crotch": (0.0, rise)}
    hip_w = 2 * (hx - 2 * hx * HIP_IN)
    for s in (1, -1):
        hip = np.array([s * (hx - 2 * hx * HIP_IN), hip_y])
        anchors[_name(s, "hip")] = (float(hip[0]), hip_y)
        end = np.array([s * (gap_half + leg / 2), length])
        reach = float(np.linalg.norm(end - hip))
        if reach >= LONG_LEG * hip_w:
            anchors[_name(s, "ankle")] = (float(end[0]), float(end[1]))
            ky = (hip_y + length) / 2
            kx = (_side_x(outer, ky) + _side_x(inner, ky)) / 2
            anchors[_name(s, "knee")] = (s * kx, ky)
        else:
            knee = hip + (end - hip) / reach * LEG_THIGH * hip_w
            anchors[_name(s, "knee")] = (float(knee[0]), float(knee[1]))
    seams = (
        np.array([[-waist_half, 0.07], [waist_half, 0.07]]),
        np.array([[0.0, 0.07], [0.0, rise * 0.8]]),
    )
    return Shape(Category.BOTTOM, (poly,), anchors, seams=seams).moved((0, 0), u)


def hat(*, u: float = 300.0, crown_height: float = 0.6, brim_half: float = 0.85) -> Shape:
    """A hat with a dome crown ``u`` pixels wide at the band; ``brim_half`` 0 for a beanie."""
    f = np.linspace(math.pi, 2 * math.pi, 40)
    crown = np.stack([0.5 * np.cos(f), crown_height + crown_height * np.sin(f)], axis=1)
    polys = [np.vstack([crown, [[0.5, crown_height + 0.02], [-0.5, crown_height + 0.02]]])]
    if brim_half > 0:
        g = np.linspace(0, 2 * math.pi, 60)
        polys.append(np.stack([brim_half * np.cos(g), crown_height + 0.03 + 0.09 * np.sin(g)], axis=1))
        band_y = crown_height - 0.08
    else:
        polys[0] = np.vstack([crown, [[0.5, crown_height + 0.25], [-0.5, crown_height + 0.25]]])
        band_y = crown_height + 0.25 - 0.12 * (crown_height + 0.25)
    half_w = (
        0.5 * math.sqrt(max(0.0, 1 - ((crown_height - band_y) / crown_height) ** 2)) if band_y < crown_height else 0.5
    )
    inset = 0.04 * 2 * half_w
    anchors = {
        "left_temple": (half_w - inset, band_y),
        "right_temple": (-half_w + inset, band_y),
        "forehead": (0.0, band_y),
    }
    seams = (np.array([[-0.5, crown_height - 0.05], [0.5, crown_height - 0.05]]),)
    return Shape(Category.HAT, tuple(polys), anchors, seams=seams).moved((0, 0), u)


def glasses(*, u: float = 300.0) -> Shape:
    """Glasses ``u`` pixels wide: two round lenses, a bridge and the temples' hinges."""
    g = np.linspace(0, 2 * math.pi, 48)
    polys, holes, tint = [], [], []
    anchors: dict[str, tuple[float, float]] = {}
    for s in (1, -1):
        cx = s * 0.26
        polys.append(np.stack([cx + 0.22 * np.cos(g), 0.17 * np.sin(g)], axis=1))
        lens = np.stack([cx + 0.19 * np.cos(g), 0.14 * np.sin(g)], axis=1)
        holes.append(lens)
        tint.append(lens)
        polys.append(np.array([[s * 0.46, -0.1], [s * 0.5, -0.1], [s * 0.5, -0.04], [s * 0.46, -0.04]]))
        anchors[_name(s, "eye")] = (cx, 0.0)
    polys.append(np.array([[-0.06, -0.06], [0.06, -0.06], [0.06, -0.02], [-0.06, -0.02]]))
    return Shape(Category.GLASSES, tuple(polys), anchors, holes=tuple(holes), tint=tuple(tint)).moved((0, 0), u)


def necklace(*, u: float = 200.0) -> Shape:
    """A chain hanging in a U, ``u`` pixels wide at the top, with a pendant."""
    f = np.linspace(0, math.pi, 60)
    outer = np.stack([0.5 * np.cos(f), 0.75 * np.sin(f)], axis=1)
    inner = np.stack([0.46 * np.cos(f), 0.71 * np.sin(f)], axis=1)
    chain = np.vstack([outer, inner[::-1]])
    g = np.linspace(0, 2 * math.pi, 40)
    pendant = np.stack([0.08 * np.cos(g), 0.82 + 0.1 * np.sin(g)], axis=1)
    shape = Shape(Category.ACCESSORY, (chain, pendant), {})
    return Shape(Category.ACCESSORY, shape.polygons, accessory_guess(shape.bbox())).moved((0, 0), u)


def accessory_guess(bbox: tuple[float, float, float, float]) -> dict[str, tuple[float, float]]:
    """Anchors for an accessory read as a necklace: its top ends at the sides of the neck."""
    x0, y0, x1, _y1 = bbox
    cx, w = (x0 + x1) / 2, x1 - x0
    shoulders = w / 0.45  # a necklace opens to about 0.45 of the shoulder width
    neck_y = y0 + 0.05 * w
    return {
        "neck": (cx, neck_y),
        "left_shoulder": (cx + shoulders / 2, neck_y + 0.05 * shoulders),
        "right_shoulder": (cx - shoulders / 2, neck_y + 0.05 * shoulders),
    }


def starter_shapes() -> dict[str, Shape]:
    """One of each category, for the starter catalog."""
    return {
        "tee": upper(Category.TOP, u=360),
        "coat": upper(
            Category.OUTERWEAR,
            u=380,
            sleeve="long",
            length=2.3,
            hem_half=0.6,
            sleeve_angle=68,
            sleeve_length=1.05,
            cuff=0.24,
        ),
        "dress": upper(
            Category.DRESS,
            u=340,
            sleeve="none",
            length=2.4,
            neck_half=0.22,
            neck_depth=0.25,
            waist=(0.42, 0.85),
            hem_half=0.8,
        ),
        "trousers": bottom(u=360),
        "cap": hat(u=300),
        "sunglasses": glasses(u=300),
        "necklace": necklace(u=200),
    }


def render_rgba(
    shape: Shape, rgb: tuple[int, int, int], *, margin: int = 24, seed: int = 0
) -> tuple[U8Image, dict[str, tuple[float, float]]]:
    """A picture of ``shape`` (cropped to it plus ``margin``, anchors included): soft top-left
    light, faint weave, stitched seams and see-through lenses. Returns (rgba, anchors in it).
    """
    x0, y0, x1, y1 = shape.bbox()
    ax = np.array(list(shape.anchors.values())) if shape.anchors else np.zeros((0, 2))
    if len(ax):
        x0, y0 = min(x0, ax[:, 0].min()), min(y0, ax[:, 1].min())
        x1, y1 = max(x1, ax[:, 0].max()), max(y1, ax[:, 1].max())
    moved = shape.moved((margin - x0, margin - y0))
    w, h = math.ceil(x1 - x0 + 2 * margin), math.ceil(y1 - y0 + 2 * margin)
    cover = moved.mask((w, h))
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    light = 1.08 - 0.18 * (yy / h) - 0.08 * (xx / w)
    weave = 1 + 0.025 * np.sin(xx * 1.7) * np.sin(yy * 1.7) + rng.normal(0, 0.012, (h, w)).astype(np.float32)
    # Shade near the outline: the cloth turns away from the light at its edges.
    inside = (cover > 0.5).astype(np.uint8)
    dist = cv2.distanceTransform(inside, cv2.DIST_L2, 5)
    rim = 0.82 + 0.18 * np.clip(dist / 14.0, 0, 1)
    shade = (light * weave * rim)[..., None]
    colour = np.clip(np.array(rgb, np.float32)[None, None, :] * shade, 0, 255)
    stitch = np.zeros((h, w), np.uint8)
    for line in moved.seams:
        cv2.polylines(stitch, [np.round(line).astype(np.int32)], False, 255, 2, cv2.LINE_AA)
    colour = colour * (1 - 0.25 * (stitch[..., None] / 255.0))
    alpha = cover.copy()
    if moved.tint:
        lens = Shape(shape.category, moved.tint, {}).mask((w, h))
        colour = colour * (1 - lens[..., None]) + np.array([40, 45, 55], np.float32) * lens[..., None]
        alpha = np.maximum(alpha, lens * 0.75)
    out = np.dstack([colour, alpha * 255]).round().astype(np.uint8)
    return out, moved.anchors
