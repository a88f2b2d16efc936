"""``mirror-app catalog preview``: every item of a catalog worn, on one contact sheet.

Each tile shows the item's picture with its anchors (the wearer's left in one colour, right in
another, so a swap shows at once) and the item worn on reference bodies: grey mannequins drawn
from bundled landmarks (``assets/reference/poses.json``), a real photo (the bundled public-domain
astronaut, and any photo the owner gives with ``--on``), dressed exactly as the mirror dresses a
shopper (the person's mask, their light). Items the loader skipped get a red tile with the
problem and its fix.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFont

from ..domain import Category
from ..errors import CatalogError
from ..overlay.garment import Garment
from ..overlay.outfit import OutfitRenderer
from ..resources import assets_dir, fonts_dir
from ..tracking.landmarks import Landmark as L
from ..tracking.landmarks import Pose
from .model import Catalog, Item, Problem

U8Image = npt.NDArray[np.uint8]

PANEL_WH = (210, 300)
CAPTION_H = 92
GAP = 14
BACKGROUND = (246, 244, 240)
STUDIO = (236, 233, 228)
MANNEQUIN = (168, 168, 172)
LEFT_COLOUR = (220, 50, 50)  # the wearer's left anchors
RIGHT_COLOUR = (40, 150, 60)  # the wearer's right anchors
MID_COLOUR = (150, 60, 190)
PROBLEM_RED = (200, 30, 30)


@dataclass(frozen=True, eq=False)
class ReferenceBody:
    """A body to dress: its picture (H, W, 3) RGB and pose in that picture's pixels."""

    name: str
    rgb: U8Image
    pose: Pose
    mask: npt.NDArray[np.float32] | None = None  # the person's segmentation (real photos)


def reference_poses_path() -> Path:
    return assets_dir() / "reference" / "poses.json"


def load_reference_poses(path: Path | None = None) -> tuple[tuple[int, int], dict[str, Pose]]:
    """The bundled reference poses: (frame (w, h), {name: Pose})."""
    path = path or reference_poses_path()
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        w, h = (int(v) for v in doc["frame_wh"])
        poses = {
            name: Pose(np.asarray(pts, np.float32).reshape(33, 2), np.ones(33, np.float32))
            for name, pts in doc["poses"].items()
        }
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CatalogError(f"reference poses {path} cannot be read ({exc}); reinstall Mirror") from None
    return (w, h), poses


def _capsule(img: U8Image, a: npt.ArrayLike, b: npt.ArrayLike, r: float, colour: tuple[int, int, int]) -> None:
    pa, pb = np.asarray(a, np.float64), np.asarray(b, np.float64)
    cv2.line(img, _pt(pa), _pt(pb), colour, max(1, round(2 * r)), cv2.LINE_AA)
    cv2.circle(img, _pt(pa), round(r), colour, -1, cv2.LINE_AA)
    cv2.circle(img, _pt(pb), round(r), colour, -1, cv2.LINE_AA)


def _pt(p: npt.NDArray[np.float64]) -> tuple[int, int]:
    return round(float(p[0])), round(float(p[1]))


def mannequin(pose: Pose, frame_wh: tuple[int, int]) -> U8Image:
    """A neutral grey figure for ``pose``, drawn from its landmarks (no photo of anyone)."""
    w, h = frame_wh
    s = 2  # drawn twice as large, then reduced: smooth edges
    img = np.zeros((h * s, w * s, 3), np.uint8)
    img[:] = STUDIO
    xy = pose.xy.astype(np.float64) * s
    ls, rs, lh, rh = xy[L.LEFT_SHOULDER], xy[L.RIGHT_SHOULDER], xy[L.LEFT_HIP], xy[L.RIGHT_HIP]
    sw = float(np.linalg.norm(ls - rs))
    col = MANNEQUIN
    for a, b, k, r in (
        (L.LEFT_HIP, L.LEFT_KNEE, L.LEFT_ANKLE, 0.2),
        (L.RIGHT_HIP, L.RIGHT_KNEE, L.RIGHT_ANKLE, 0.2),
    ):
        _capsule(img, xy[a], xy[b], r * sw, col)
        _capsule(img, xy[b], xy[k], 0.15 * sw, col)
        _capsule(img, xy[k], xy[L.LEFT_FOOT_INDEX if a == L.LEFT_HIP else L.RIGHT_FOOT_INDEX], 0.08 * sw, col)
    across = (ls - rs) / max(sw, 1e-6)
    waist_l = ls + (lh - ls) * 0.6 - across * 0.06 * sw
    waist_r = rs + (rh - rs) * 0.6 + across * 0.06 * sw
    torso = np.array(
        [
            rs - across * 0.08 * sw,
            ls + across * 0.08 * sw,
            waist_l,
            lh + across * 0.14 * sw,
            rh - across * 0.14 * sw,
            waist_r,
        ]
    )
    cv2.fillPoly(img, [np.round(torso).astype(np.int32)], col, cv2.LINE_AA)
    for a, b, c in ((L.LEFT_SHOULDER, L.LEFT_ELBOW, L.LEFT_WRIST), (L.RIGHT_SHOULDER, L.RIGHT_ELBOW, L.RIGHT_WRIST)):
        _capsule(img, xy[a], xy[b], 0.11 * sw, col)
        _capsule(img, xy[b], xy[c], 0.085 * sw, col)
        cv2.circle(img, _pt(xy[c] + (xy[c] - xy[b]) * 0.2), round(0.09 * sw), col, -1, cv2.LINE_AA)
    neck_top = (xy[L.MOUTH_LEFT] + xy[L.MOUTH_RIGHT]) / 2
    mid_sh = (ls + rs) / 2
    _capsule(img, mid_sh, neck_top, 0.13 * sw, col)
    # Head: about as wide as the ears are apart, from ~1.9 eye-to-mouth above the eyes to the chin.
    eyes = (xy[L.LEFT_EYE] + xy[L.RIGHT_EYE]) / 2
    eye_mouth = float(np.linalg.norm(neck_top - eyes))
    head_w = float(np.linalg.norm(xy[L.LEFT_EAR] - xy[L.RIGHT_EAR]))
    up = (eyes - neck_top) / max(eye_mouth, 1e-6)
    top, chin = eyes + up * 1.9 * eye_mouth, neck_top - up * 0.8 * eye_mouth
    centre = (top + chin) / 2
    half_h = float(np.linalg.norm(top - chin)) / 2
    angle = float(np.degrees(np.arctan2(up[0], -up[1])))
    cv2.ellipse(img, _pt(centre), (round(0.56 * head_w), round(half_h)), angle, 0, 360, col, -1, cv2.LINE_AA)
    # A little roundness: lighter towards the top left.
    yy, xx = np.mgrid[0 : h * s, 0 : w * s].astype(np.float32)
    body = np.any(img != STUDIO, axis=2)
    light = (1.06 - 0.1 * yy / (h * s) - 0.05 * xx / (w * s))[..., None]
    shaded = np.clip(img.astype(np.float32) * light, 0, 255).astype(np.uint8)
    img[body] = shaded[body]
    return np.asarray(cv2.resize(img, (w, h), interpolation=cv2.INTER_AREA), np.uint8)


def reference_bodies() -> list[ReferenceBody]:
    """The bundled mannequins, one per reference pose."""
    wh, poses = load_reference_poses()
    return [ReferenceBody(name, mannequin(pose, wh), pose) for name, pose in poses.items()]


def astronaut_path() -> Path:
    """The bundled public-domain photo every preview also dresses (assets/reference/README.md)."""
    return assets_dir() / "reference" / "astronaut.png"


# Which part of the body to show for each category (landmarks to frame, plus margin).
_FOCUS: dict[Category, tuple[L, ...]] = {
    Category.HAT: (L.LEFT_EAR, L.RIGHT_EAR, L.NOSE, L.MOUTH_LEFT),
    Category.GLASSES: (L.LEFT_EAR, L.RIGHT_EAR, L.NOSE, L.MOUTH_LEFT),
    Category.ACCESSORY: (L.LEFT_SHOULDER, L.RIGHT_SHOULDER, L.NOSE, L.LEFT_HIP),
    Category.TOP: (L.LEFT_SHOULDER, L.RIGHT_SHOULDER, L.NOSE, L.LEFT_HIP, L.RIGHT_HIP, L.LEFT_WRIST, L.RIGHT_WRIST),
    Category.BOTTOM: (L.LEFT_HIP, L.RIGHT_HIP, L.LEFT_ANKLE, L.RIGHT_ANKLE, L.LEFT_FOOT_INDEX, L.RIGHT_FOOT_INDEX),
    Category.DRESS: (L.NOSE, L.LEFT_SHOULDER, L.RIGHT_SHOULDER, L.LEFT_ANKLE, L.RIGHT_ANKLE, L.LEFT_WRIST),
    Category.OUTERWEAR: (L.NOSE, L.LEFT_SHOULDER, L.RIGHT_SHOULDER, L.LEFT_ANKLE, L.RIGHT_ANKLE, L.LEFT_WRIST),
}


def _fit_crop(img: U8Image, box: tuple[float, float, float, float], panel_wh: tuple[int, int]) -> U8Image:
    """Cut ``box`` (grown to the panel's shape) out of ``img``, padding with the studio colour."""
    pw, ph = panel_wh
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    bw, bh = max(x1 - x0, 8.0), max(y1 - y0, 8.0)
    if bw / bh > pw / ph:
        bh = bw * ph / pw
    else:
        bw = bh * pw / ph
    scale = pw / bw
    m = np.array([[scale, 0, pw / 2 - cx * scale], [0, scale, ph / 2 - cy * scale]], np.float32)
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    out = cv2.warpAffine(img, m, (pw, ph), flags=interp, borderMode=cv2.BORDER_CONSTANT, borderValue=STUDIO)
    return np.asarray(out, np.uint8)


def worn(item: Item, body: ReferenceBody, panel_wh: tuple[int, int] = PANEL_WH) -> U8Image:
    """``item`` drawn on ``body``, framed on the part of the body it dresses."""
    return worn_garment(item.garment(), body, panel_wh)


def worn_garment(garment: Garment, body: ReferenceBody, panel_wh: tuple[int, int] = PANEL_WH) -> U8Image:
    """``garment`` drawn on ``body``, framed on the part of the body it dresses."""
    canvas = body.rgb.copy()
    drawn = OutfitRenderer().render(
        canvas, body.pose, [garment], person_mask=body.mask, occlusion=body.mask is not None
    )
    pts = body.pose.xy[list(_FOCUS[garment.category])].astype(np.float64)
    x0, y0 = pts.min(axis=0)
    x1, y1 = pts.max(axis=0)
    if garment.category in (Category.HAT, Category.GLASSES):
        head = float(np.linalg.norm(body.pose.xy[L.LEFT_EAR] - body.pose.xy[L.RIGHT_EAR]))
        y0 -= 1.2 * head
    for d in drawn:
        x0, y0 = min(x0, d.bbox[0]), min(y0, d.bbox[1])
        x1, y1 = max(x1, d.bbox[2]), max(y1, d.bbox[3])
    pad = (0.3 if garment.category in (Category.HAT, Category.GLASSES) else 0.08) * max(x1 - x0, y1 - y0)
    h, w = canvas.shape[:2]
    # A photo cut below the waist: frame what there is of the person, not the empty beyond.
    box = (max(x0 - pad, 0.0), max(y0 - pad, 0.0), min(x1 + pad, float(w)), min(y1 + pad, float(h)))
    return _fit_crop(canvas, box, panel_wh)


def flat(item: Item, panel_wh: tuple[int, int] = PANEL_WH) -> U8Image:
    """The item's picture on a checkerboard (so transparency shows), its anchors marked."""
    rgba = item.rgba
    h, w = rgba.shape[:2]
    pw, ph = panel_wh
    scale = min((pw - 16) / w, (ph - 16) / h)
    sw, sh = max(1, round(w * scale)), max(1, round(h * scale))
    small = cv2.resize(rgba, (sw, sh), interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
    panel = np.empty((ph, pw, 3), np.uint8)
    yy, xx = np.mgrid[0:ph, 0:pw]
    panel[:] = 250
    panel[((yy // 10 + xx // 10) % 2) == 0] = 232
    ox, oy = (pw - sw) // 2, (ph - sh) // 2
    a = small[..., 3:4].astype(np.float32) / 255
    region = panel[oy : oy + sh, ox : ox + sw].astype(np.float32)
    panel[oy : oy + sh, ox : ox + sw] = (small[..., :3] * a + region * (1 - a)).astype(np.uint8)
    for name, (x, y) in item.anchors.items():
        colour = LEFT_COLOUR if name.startswith("left_") else RIGHT_COLOUR if name.startswith("right_") else MID_COLOUR
        p = (round(ox + x * scale), round(oy + y * scale))
        cv2.circle(panel, p, 5, (255, 255, 255), -1, cv2.LINE_AA)
        cv2.circle(panel, p, 4, colour, -1, cv2.LINE_AA)
    return panel


@lru_cache(maxsize=4)
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    name = "NanumSquareRoundB.ttf" if bold else "NanumSquareRoundR.ttf"
    try:
        return ImageFont.truetype(str(fonts_dir() / name), size)
    except OSError:
        return ImageFont.load_default()


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=True) or [""]


@dataclass(frozen=True)
class _Tile:
    image: U8Image  # panels side by side, without the caption
    lines: tuple[tuple[str, tuple[int, int, int], bool], ...]  # (text, colour, bold)


def _item_tile(item: Item, bodies: Sequence[ReferenceBody], currency: str) -> _Tile:
    panels = [flat(item)] + [worn(item, b) for b in bodies]
    gap = np.full((PANEL_WH[1], 4, 3), 255, np.uint8)
    row = np.hstack([p for pair in zip(panels, [gap] * len(panels), strict=True) for p in pair][:-1])
    lines = (
        (f"{item.id}  ·  {item.category.value}", (30, 30, 30), True),
        (f"{item.name.ko}  /  {item.name.en}", (40, 40, 40), False),
        (f"{item.price:,} {currency}" + ("   (price not set)" if item.price == 0 else ""), (40, 40, 40), False),
    )
    return _Tile(row, lines)


def _problem_tile(name: str, problems: Sequence[Problem], width: int) -> _Tile:
    img = np.full((PANEL_WH[1], width, 3), (253, 236, 236), np.uint8)
    cv2.rectangle(img, (1, 1), (width - 2, PANEL_WH[1] - 2), PROBLEM_RED, 3)
    lines: list[tuple[str, tuple[int, int, int], bool]] = [(f"{name}  ·  SKIPPED", PROBLEM_RED, True)]
    return _Tile(img, tuple(lines) + _problem_lines(problems))


def _problem_lines(problems: Sequence[Problem]) -> tuple[tuple[str, tuple[int, int, int], bool], ...]:
    out: list[tuple[str, tuple[int, int, int], bool]] = []
    for p in problems:
        out += [(t, PROBLEM_RED, False) for t in _wrap(f"{p.file}: {p.message}", 80)]
        out += [(t, (90, 30, 30), False) for t in _wrap(f"fix: {p.fix}", 80)]
    return tuple(out)


def contact_sheet(catalog: Catalog, bodies: Sequence[ReferenceBody], columns: int | None = None) -> U8Image:
    """Every item of ``catalog`` worn on ``bodies``, with captions; skipped items in red.

    Returns the sheet as (H, W, 3) RGB.
    """
    if not bodies:
        raise ValueError("contact_sheet needs at least one reference body")
    tiles = [_item_tile(it, bodies, catalog.manifest.currency) for it in catalog.items]
    tile_w = (1 + len(bodies)) * PANEL_WH[0] + 4 * len(bodies)
    by_item: dict[str, list[Problem]] = {}
    general: list[Problem] = []
    for p in catalog.problems:
        (by_item.setdefault(p.item, []) if p.item else general).append(p)
    tiles += [_problem_tile(name, ps, tile_w) for name, ps in sorted(by_item.items())]
    cols = columns or (1 if len(tiles) <= 1 else 2 if len(tiles) <= 4 else 3)
    line_h = 20
    caption_h = max([CAPTION_H] + [8 + line_h * len(t.lines) for t in tiles])
    rows = max(1, -(-len(tiles) // cols))
    header_lines = [
        (f"{catalog.manifest.shop.ko} / {catalog.manifest.shop.en}", (20, 20, 20), True),
        (
            f"{len(catalog.items)} items ready"
            + (f", {len(by_item)} skipped (red)" if by_item else "")
            + f"  ·  {catalog.folder}",
            (60, 60, 60),
            False,
        ),
    ]
    header_lines += list(_problem_lines(general))
    header_h = 26 + line_h * len(header_lines) + 24
    sheet_w = GAP + cols * (tile_w + GAP)
    sheet_h = header_h + rows * (PANEL_WH[1] + caption_h + GAP) + GAP
    sheet = np.full((sheet_h, sheet_w, 3), BACKGROUND, np.uint8)
    for k, tile in enumerate(tiles):
        r, c = divmod(k, cols)
        x, y = GAP + c * (tile_w + GAP), header_h + r * (PANEL_WH[1] + caption_h + GAP)
        tw = tile.image.shape[1]
        sheet[y : y + PANEL_WH[1], x : x + tw] = tile.image
    pil = Image.fromarray(sheet)
    draw = ImageDraw.Draw(pil)
    y = 14
    for text, colour, bold in header_lines:
        draw.text((GAP, y), text, fill=colour, font=_font(18 if bold else 15, bold))
        y += line_h + (6 if bold else 0)
    legend_y = header_h - 26
    for dx, colour, label in ((0, LEFT_COLOUR, "wearer's left"), (150, RIGHT_COLOUR, "wearer's right")):
        draw.ellipse((GAP + dx, legend_y + 3, GAP + dx + 10, legend_y + 13), fill=colour)
        draw.text((GAP + dx + 16, legend_y), label, fill=(60, 60, 60), font=_font(14))
    body_names = ", ".join(b.name for b in bodies)
    draw.text((GAP + 320, legend_y), f"worn on: {body_names}", fill=(60, 60, 60), font=_font(14))
    for k, tile in enumerate(tiles):
        r, c = divmod(k, cols)
        x, y = GAP + c * (tile_w + GAP), header_h + r * (PANEL_WH[1] + caption_h + GAP) + PANEL_WH[1] + 6
        for text, colour, bold in tile.lines:
            draw.text((x + 2, y), text, fill=colour, font=_font(15, bold))
            y += line_h
    return np.asarray(pil, np.uint8)
