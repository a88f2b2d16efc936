"""Test clips with known motion, made from real photos: held still, then swayed gently.

Every frame is the photo moved by a known affine, so the true position of any point of the photo
is known on every frame: a landmark found on the still photo, moved by the frame's affine, is
where a tracker should put it. A passer-by can be pasted in, crossing in front of or behind the
people of the photo.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

FPS = 30.0


@dataclass(frozen=True)
class Cutout:
    """A person cut from another photo: RGB and an alpha matte (from the pose model's mask)."""

    rgb: np.ndarray
    alpha: np.ndarray  # float32 (h, w) in [0, 1]


@dataclass(frozen=True)
class Crossing:
    """A passer-by walking across the frame; ``in_front`` of the photo's people or behind them.

    Behind means pasted only where the photo's own people are not (``people_mask``)."""

    cutout: Cutout
    start_frame: int
    frames: int
    height_frac: float = 0.8  # of the frame height
    y_bottom_frac: float = 0.98
    in_front: bool = True
    left_to_right: bool = True


@dataclass(frozen=True)
class SwayClip:
    """``still`` frames of the photo as it is, then ``moving`` frames swayed gently."""

    photo: np.ndarray  # RGB
    still: int = 60
    moving: int = 120
    shift_frac: float = 0.02  # of the frame width, peak
    angle_deg: float = 2.0  # peak rotation around the centre
    zoom: float = 0.02  # peak relative scale change
    period_frames: int = 60
    noise: float = 0.0  # sensor noise (standard deviation, grey levels); 0 keeps still frames identical
    crossings: tuple[Crossing, ...] = ()
    people_mask: np.ndarray | None = None  # where the photo's own people are (for crossings behind)
    seed: int = 7
    _cache: dict[int, np.ndarray] = field(default_factory=dict, compare=False, repr=False)

    @property
    def size(self) -> tuple[int, int]:
        return self.photo.shape[1], self.photo.shape[0]

    def __len__(self) -> int:
        return self.still + self.moving

    def affine(self, i: int) -> np.ndarray:
        """2×3 matrix from photo pixels to frame ``i`` pixels."""
        w, h = self.size
        if i < self.still:
            return np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
        phase = 2 * math.pi * (i - self.still) / self.period_frames
        s = math.sin(phase)
        angle = self.angle_deg * s
        scale = 1.0 + self.zoom * math.sin(phase * 0.5)
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, scale)
        m[0, 2] += self.shift_frac * w * s
        m[1, 2] += 0.3 * self.shift_frac * w * math.sin(phase + 1.0)
        return m

    def moved(self, xy: np.ndarray, i: int) -> np.ndarray:
        """Points of the photo (N, 2) where they are on frame ``i``."""
        m = self.affine(i)
        return np.asarray(xy, np.float64) @ m[:, :2].T + m[:, 2]

    def frame(self, i: int) -> np.ndarray:
        w, h = self.size
        if i < self.still:
            rgb = self.photo.copy()
        else:
            rgb = cv2.warpAffine(
                self.photo, self.affine(i), (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT
            )
        for crossing in self.crossings:
            if crossing.start_frame <= i < crossing.start_frame + crossing.frames:
                behind = None
                if not crossing.in_front and self.people_mask is not None:
                    behind = cv2.warpAffine(self.people_mask, self.affine(i), (w, h), flags=cv2.INTER_LINEAR)
                _paste(rgb, crossing, (i - crossing.start_frame) / max(crossing.frames - 1, 1), behind)
        if self.noise > 0:
            rng = np.random.default_rng(self.seed * 100_003 + i)
            rgb = np.clip(rgb.astype(np.float32) + rng.normal(0, self.noise, rgb.shape), 0, 255).astype(np.uint8)
        return rgb

    def frames(self) -> Iterator[tuple[int, np.ndarray, int]]:
        """(index, RGB frame, timestamp ms) for every frame."""
        for i in range(len(self)):
            yield i, self.frame(i), round(i * 1000 / FPS)


def _paste(rgb: np.ndarray, c: Crossing, progress: float, behind: np.ndarray | None) -> None:
    h, w = rgb.shape[:2]
    k = c.height_frac * h / c.cutout.rgb.shape[0]
    ph, pw = max(1, round(c.cutout.rgb.shape[0] * k)), max(1, round(c.cutout.rgb.shape[1] * k))
    person = cv2.resize(c.cutout.rgb, (pw, ph), interpolation=cv2.INTER_AREA).astype(np.float32)
    alpha = cv2.resize(c.cutout.alpha, (pw, ph), interpolation=cv2.INTER_LINEAR)[..., None]
    span = w + pw
    x_left = -pw + progress * span if c.left_to_right else w - progress * span
    x0, y0 = round(x_left), round(c.y_bottom_frac * h) - ph
    fx0, fy0, fx1, fy1 = max(0, x0), max(0, y0), min(w, x0 + pw), min(h, y0 + ph)
    if fx1 <= fx0 or fy1 <= fy0:
        return
    a = alpha[fy0 - y0 : fy1 - y0, fx0 - x0 : fx1 - x0]
    if behind is not None:
        a = a * (1.0 - np.clip(behind[fy0:fy1, fx0:fx1, None], 0.0, 1.0))
    region = rgb[fy0:fy1, fx0:fx1].astype(np.float32)
    src = person[fy0 - y0 : fy1 - y0, fx0 - x0 : fx1 - x0]
    rgb[fy0:fy1, fx0:fx1] = np.clip(region * (1 - a) + src * a, 0, 255).astype(np.uint8)


def read_rgb(path: Path) -> np.ndarray:
    bgr = cv2.imread(str(path))
    if bgr is None:
        raise FileNotFoundError(path)
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)


def video_frame(path: Path, index: int) -> np.ndarray:
    cap = cv2.VideoCapture(str(path))
    try:
        for _ in range(index):
            cap.grab()
        ok, bgr = cap.read()
    finally:
        cap.release()
    if not ok:
        raise ValueError(f"no frame {index} in {path}")
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)


# -- measures ----------------------------------------------------------------------------------


def still_jitter_rms(xy: np.ndarray) -> float:
    """RMS distance of each landmark from its own mean over still frames, (frames, N, 2) → px."""
    d = xy - xy.mean(axis=0, keepdims=True)
    return float(np.sqrt((d**2).sum(axis=2).mean()))
