#!/usr/bin/env python3
"""Ten product photos as a shop owner might take them with a phone, for trying the catalog
tools end to end (docs/catalog.md, "Ten photos to a working catalog").

Garments are drawn from ``mirror_app.catalog.shapes`` with stripes, checks, a chest print,
denim, dots; photographed on off-white paper with light from one side, a soft shadow, a little
tilt, a hanger hook on the coat, sensor noise and JPEG compression, at 3000×4000 pixels (one
stored sideways with an EXIF rotation, as phones do).

    python tools/make_sample_photos.py OUT_DIR
"""

from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from mirror_app.catalog import shapes
from mirror_app.catalog.shapes import Shape
from mirror_app.overlay import Category

W, H = 3000, 4000


def _pattern(kind: str, rgb: tuple[int, int, int], w: int, h: int, rng: np.random.Generator) -> np.ndarray:
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    base = np.empty((h, w, 3), np.float32)
    base[:] = rgb
    if kind == "stripes":
        stripe = (yy // 46) % 2 == 0
        base[stripe] = (235, 232, 225)
    elif kind == "check":
        a = ((xx // 60) % 2 == 0) ^ ((yy // 60) % 2 == 0)
        base[a] *= 0.78
        line = ((xx % 60) < 5) | ((yy % 60) < 5)
        base[line] = base[line] * 0.6 + np.array([240, 240, 240]) * 0.4
    elif kind == "denim":
        twill = 1 + 0.08 * np.sin((xx + yy) * 0.9) + rng.normal(0, 0.06, (h, w)).astype(np.float32)
        base *= twill[..., None]
    elif kind == "dots":
        d = ((xx % 90 - 45) ** 2 + (yy % 90 - 45) ** 2) < 14**2
        base[d] = (250, 240, 200)
    elif kind == "knit":
        base *= (1 + 0.07 * np.sin(xx * 0.8) * np.sin(yy * 0.5))[..., None]
    return base


def photograph(
    shape: Shape,
    rgb: tuple[int, int, int],
    kind: str,
    *,
    seed: int,
    tilt: float,
    fill: float = 0.7,
    hook: bool = False,
    print_logo: bool = False,
    paper_rgb: tuple[int, int, int] = (241, 238, 231),
) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x0, y0, x1, y1 = shape.bbox()
    scale = fill * min(W / (x1 - x0), H / (y1 - y0))
    cx, cy = W / 2 + rng.uniform(-0.05, 0.05) * W, H / 2 + rng.uniform(-0.04, 0.04) * H
    placed = shape.moved((cx - (x0 + x1) / 2 * scale, cy - (y0 + y1) / 2 * scale), scale)
    cover = placed.mask((W, H), supersample=2)
    rot = cv2.getRotationMatrix2D((cx, cy), tilt, 1.0)
    cover = cv2.warpAffine(cover, rot, (W, H))
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    side = rng.choice([-1, 1])
    light = 0.9 + 0.1 * side * (xx / W - 0.5) * 2 - 0.06 * (yy / H) - 0.1 * ((xx / W - 0.5) ** 2 + (yy / H - 0.5) ** 2)
    paper = np.array(paper_rgb, np.float32) + rng.normal(0, 2, 3).astype(np.float32)
    bg = paper[None, None, :] * light[..., None]
    shadow_src = cover.copy()
    if hook:
        top = np.array(placed.anchors["neck"]) - [0, 0.02 * H]
        p = cv2.transform(np.array([[top]], np.float32), rot)[0, 0]
        hook_mask = np.zeros((H, W), np.float32)
        cv2.line(hook_mask, (int(p[0]), int(p[1])), (int(p[0]), int(p[1] - 0.06 * H)), 1.0, 9, cv2.LINE_AA)
        cv2.ellipse(hook_mask, (int(p[0] + 40), int(p[1] - 0.06 * H)), (40, 40), 0, 180, 360, 1.0, 9, cv2.LINE_AA)
        shadow_src = np.maximum(shadow_src, hook_mask)
    shifted = cv2.warpAffine(shadow_src, np.float32([[1, 0, -side * 0.012 * W], [0, 1, 0.016 * H]]), (W, H))
    bg *= (1 - 0.28 * cv2.GaussianBlur(shifted, (0, 0), 30))[..., None]
    cloth = _pattern(kind, rgb, W, H, rng)
    if print_logo:
        c = cv2.transform(np.array([[placed.anchors["neck"]]], np.float32), rot)[0, 0]
        cv2.rectangle(
            cloth, (int(c[0] - 170), int(c[1] + 260)), (int(c[0] + 170), int(c[1] + 470)), (245, 242, 236), -1
        )
        ink = np.zeros((H, W), np.uint8)
        cv2.putText(ink, "MIRROR", (int(c[0] - 150), int(c[1] + 395)), cv2.FONT_HERSHEY_DUPLEX, 2.6, 255, 6)
        cloth[ink > 0] = (40, 40, 40)
    folds = 1 + 0.06 * np.sin(xx / 90 + 2 * np.sin(yy / 140)) * np.sin(yy / 200)
    inside = (cover > 0.5).astype(np.uint8)
    rim = 0.86 + 0.14 * np.clip(cv2.distanceTransform(inside, cv2.DIST_L2, 5) / 30, 0, 1)
    cloth *= (light * folds * rim)[..., None]
    img = cloth * cover[..., None] + bg * (1 - cover[..., None])
    if hook:
        img = img * (1 - hook_mask[..., None]) + np.array([90, 90, 95]) * hook_mask[..., None]
    img += rng.normal(0, 3.5, img.shape).astype(np.float32)
    return np.clip(img, 0, 255).astype(np.uint8)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    out = parser.parse_args().out
    plan = {
        "tops/striped-tee.jpg": (shapes.upper(Category.TOP), (30, 50, 110), "stripes", {}),
        # The same tee taken again on light blue paper: its white stripes are not the paper's colour.
        "retake/striped-tee.jpg": (shapes.upper(Category.TOP), (30, 50, 110), "stripes", {"paper_rgb": (214, 228, 242)}),
        "tops/logo-tee.jpg": (shapes.upper(Category.TOP, hem_half=0.55), (60, 120, 80), "plain", {"print_logo": True}),
        "tops/oxford-shirt.jpg": (
            shapes.upper(Category.TOP, sleeve="long", sleeve_angle=60, sleeve_length=1.05, cuff=0.22, length=1.45),
            (110, 150, 200), "check", {},
        ),
        "tops/knit-vest.jpg": (
            shapes.upper(Category.TOP, sleeve="none", neck_half=0.22, neck_depth=0.3, length=1.3),
            (150, 120, 90), "knit", {},
        ),
        "bottoms/denim-jeans.jpg": (shapes.bottom(gap_half=0.09, leg=0.4), (60, 80, 120), "denim", {}),
        "bottoms/chino-shorts.jpg": (shapes.bottom(length=1.15, leg=0.46, gap_half=0.04), (190, 160, 110), "plain", {}),
        "bottoms/pleated-skirt.jpg": (shapes.bottom(length=1.5, skirt_hem_half=0.8), (120, 40, 60), "knit", {}),
        "outerwear/trench-coat.jpg": (
            shapes.upper(Category.OUTERWEAR, sleeve="long", length=2.2, hem_half=0.62, sleeve_angle=70,
                         sleeve_length=1.05, cuff=0.25),
            (180, 150, 100), "plain", {"hook": True},
        ),
        "dresses/summer-dress.jpg": (
            shapes.upper(Category.DRESS, sleeve="short", sleeve_length=0.25, cuff=0.3, length=2.3,
                         waist=(0.4, 0.8), hem_half=0.78),
            (40, 110, 150), "dots", {},
        ),
        "hats/bucket-hat.jpg": (shapes.hat(crown_height=0.5, brim_half=0.75), (90, 110, 70), "knit", {}),
    }  # fmt: skip
    for k, (rel, (shape, rgb, kind, extra)) in enumerate(plan.items()):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        img = photograph(shape, rgb, kind, seed=k, tilt=float(np.random.default_rng(k).uniform(-4, 4)), **extra)
        pil = Image.fromarray(img)
        if "oxford" in rel:  # stored sideways with an EXIF rotation, like a phone held upright
            pil = pil.transpose(Image.Transpose.ROTATE_90)
            exif = Image.Exif()
            exif[0x0112] = 6
            pil.save(path, quality=88, exif=exif)
        else:
            pil.save(path, quality=88)
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
