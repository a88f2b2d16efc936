"""Build ``assets/demo/demo_clip.mp4``: the clip the mirror plays when there is no camera.

Made from NASA's public-domain astronaut portrait (as shipped in scikit-image, and in
``../shared/media/astronaut.png``): the photo gently sways, turns and breathes so tracking and
the garments have something live to follow. Portrait 720×960, 30 fps, 8 s, loops seamlessly.

Usage: python tools/make_demo_clip.py [--photo PATH] [--out assets/demo/demo_clip.mp4]
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
W, H, FPS, SECONDS = 720, 960, 30, 8


def stage(photo: np.ndarray) -> np.ndarray:
    """The photo at the bottom of a portrait canvas; the space above continues its background."""
    side = W + 120  # room to sway without showing edges
    person = cv2.resize(photo, (side, side), interpolation=cv2.INTER_CUBIC)
    canvas = np.zeros((H + 120, side, 3), np.uint8)
    top = canvas.shape[0] - side
    canvas[top:] = person
    # Above the photo the wall continues: its top rows' colours, smoothed, fading a little darker.
    wall = cv2.GaussianBlur(person[:6].astype(np.float32).mean(axis=0, keepdims=True), (0, 0), sigmaX=40, sigmaY=0.1)
    shade = np.linspace(0.9, 1.0, top, dtype=np.float32)[:, None, None]
    canvas[:top] = np.clip(np.repeat(wall, top, axis=0) * shade, 0, 255).astype(np.uint8)
    seam = slice(max(0, top - 12), top + 12)
    canvas[seam] = cv2.GaussianBlur(canvas[seam], (0, 0), 4)
    return canvas


def frame_at(base: np.ndarray, t: float) -> np.ndarray:
    sway = 38 * math.sin(2 * math.pi * t / 4)
    tilt = 2.5 * math.sin(2 * math.pi * t / 8 + 0.6)
    zoom = 1.0 + 0.025 * math.sin(2 * math.pi * t / 2.666)
    bh, bw = base.shape[:2]
    centre = (bw / 2, bh * 0.62)
    m = cv2.getRotationMatrix2D(centre, tilt, zoom)
    m[0, 2] += sway - (bw - W) / 2
    m[1, 2] += -(bh - H) / 2
    return cv2.warpAffine(base, m, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photo", type=Path, default=ROOT.parent / "shared" / "media" / "astronaut.png")
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "demo" / "demo_clip.mp4")
    args = parser.parse_args()
    photo = cv2.imread(str(args.photo))
    if photo is None:
        raise SystemExit(f"cannot read {args.photo}")
    base = stage(photo)
    writer = cv2.VideoWriter(str(args.out), cv2.VideoWriter.fourcc(*"mp4v"), FPS, (W, H))
    for i in range(FPS * SECONDS):
        writer.write(frame_at(base, i / FPS))
    writer.release()
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
