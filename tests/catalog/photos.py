"""Product photos made for the importer's tests: a known garment on a light background, with
uneven light, a soft drop shadow, fabric shading, sensor noise and JPEG compression.
The truth (coverage and anchors, in photo pixels) comes with each photo.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from mirror_app.catalog import shapes
from mirror_app.catalog.shapes import Shape
from mirror_app.overlay import Category


@dataclass(frozen=True, eq=False)
class Photo:
    bgr: np.ndarray  # (H, W, 3) uint8
    coverage: np.ndarray  # (H, W) float32 in [0, 1]: the garment's true outline
    anchors: dict[str, tuple[float, float]]  # true anchors, photo pixels
    width: float  # the garment's width in pixels (tolerances are a share of it)
    shadow: np.ndarray  # (H, W) bool: where only the shadow is


def photograph(
    shape: Shape,
    colour_rgb: tuple[int, int, int],
    *,
    size_wh: tuple[int, int] = (1200, 1500),
    fill: float = 0.72,
    background_rgb: tuple[int, int, int] = (238, 235, 228),
    shadow_offset: tuple[float, float] = (0.018, 0.022),
    shadow_strength: float = 0.32,
    noise: float = 3.0,
    jpeg_quality: int | None = 90,
    seed: int = 0,
) -> Photo:
    """``shape`` centred, ``fill`` of the photo's height (or width) tall, lit from the top left."""
    rng = np.random.default_rng(seed)
    w, h = size_wh
    x0, y0, x1, y1 = shape.bbox()
    scale = fill * min(w / (x1 - x0), h / (y1 - y0))
    ox = w / 2 - (x0 + x1) / 2 * scale
    oy = h / 2 - (y0 + y1) / 2 * scale
    placed = shape.moved((ox, oy), scale)
    cover = placed.mask((w, h))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    # Light falls off from the top left, with a little vignetting.
    light = 1.0 - 0.10 * (xx / w) - 0.12 * (yy / h) - 0.06 * (((xx / w - 0.5) ** 2 + (yy / h - 0.5) ** 2) * 2)
    bg = np.array(background_rgb, np.float32)[None, None, :] * light[..., None]
    dx, dy = shadow_offset[0] * w, shadow_offset[1] * h
    shifted = cv2.warpAffine(cover, np.float32([[1, 0, dx], [0, 1, dy]]), (w, h))
    shade = cv2.GaussianBlur(shifted, (0, 0), 0.012 * max(w, h))
    bg = bg * (1 - shadow_strength * shade)[..., None]
    # Cloth: soft folds, weave and darker edges.
    folds = 1 + 0.05 * np.sin(xx / 37.0 + np.sin(yy / 53.0) * 2) * np.sin(yy / 71.0)
    weave = 1 + rng.normal(0, 0.015, (h, w)).astype(np.float32)
    inside = (cover > 0.5).astype(np.uint8)
    rim = 0.85 + 0.15 * np.clip(cv2.distanceTransform(inside, cv2.DIST_L2, 5) / 12.0, 0, 1)
    cloth = np.array(colour_rgb, np.float32)[None, None, :] * (light * folds * weave * rim)[..., None]
    img = cloth * cover[..., None] + bg * (1 - cover[..., None])
    img += rng.normal(0, noise, img.shape).astype(np.float32)
    rgb = np.clip(img, 0, 255).astype(np.uint8)
    bgr = np.ascontiguousarray(rgb[..., ::-1])
    if jpeg_quality is not None:
        ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, jpeg_quality])
        assert ok
        bgr = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    px0, _py0, px1, _py1 = placed.bbox()
    return Photo(bgr, cover, dict(placed.anchors), px1 - px0, (shade > 0.1) & (cover < 0.01))


# The garments the importer is tested on, with colours a shop might photograph.
GARMENTS: dict[str, tuple[Shape, tuple[int, int, int]]] = {
    "tee": (shapes.upper(Category.TOP), (40, 90, 170)),
    "long-sleeve": (
        shapes.upper(Category.TOP, sleeve="long", sleeve_angle=62, sleeve_length=1.05, cuff=0.24),
        (170, 40, 50),
    ),
    "tank": (shapes.upper(Category.TOP, sleeve="none", neck_half=0.24, neck_depth=0.28, length=1.4), (40, 140, 90)),
    "coat": (
        shapes.upper(
            Category.OUTERWEAR, sleeve="long", length=2.3, hem_half=0.6, sleeve_angle=68, sleeve_length=1.05, cuff=0.24
        ),
        (120, 85, 60),
    ),
    "dress": (
        shapes.upper(
            Category.DRESS, sleeve="none", length=2.4, neck_half=0.22, neck_depth=0.25, waist=(0.42, 0.85), hem_half=0.8
        ),
        (190, 60, 120),
    ),
    "trousers": (shapes.bottom(gap_half=0.1), (50, 50, 60)),
    "slim-trousers": (shapes.bottom(gap_half=0.05, leg=0.36), (70, 80, 110)),
    "shorts": (shapes.bottom(length=1.1, leg=0.48), (200, 170, 110)),
    "skirt": (shapes.bottom(length=1.4, skirt_hem_half=0.75), (30, 100, 120)),
    "cap": (shapes.hat(), (150, 120, 80)),
    "beanie": (shapes.hat(brim_half=0), (180, 60, 40)),
    "sunglasses": (shapes.glasses(), (35, 35, 40)),
}
