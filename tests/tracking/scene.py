"""A scripted scene and pose model, so the tracker's decisions can be tested frame by frame.

People are solid-coloured figures (head, torso, legs) on a grey floor, one colour each. The fake
model finds them in whatever picture it is given (the whole frame, a crop, a crop with everyone
else greyed out) by their colour, and answers with the synthetic BODY fitted to each figure: like
MediaPipe, the IMAGE mode finds everyone (up to ``num_poses``), the VIDEO mode keeps following the
figure it found first while it is there, and only then looks again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from mirror_app.tracking.landmarks import Pose
from mirror_app.tracking.pose_estimator import EstimatorSettings, RawPose
from tests.synthetic import BODY

_XY = np.array([BODY[k] for k in sorted(BODY)], np.float64)
_BOX = (_XY[:, 0].min(), _XY[:, 1].min() - 40, _XY[:, 0].max(), _XY[:, 1].max())  # head top above the nose
FLOOR = (128, 128, 128)


@dataclass(frozen=True)
class Figure:
    colour: tuple[int, int, int]
    x: float  # centre, frame pixels
    height: float  # feet to head top
    feet: float  # y of the feet


def pose_in_box(x0: float, y0: float, x1: float, y1: float, visibility: float = 1.0) -> Pose:
    sx, sy = (x1 - x0) / (_BOX[2] - _BOX[0]), (y1 - y0) / (_BOX[3] - _BOX[1])
    xy = (_XY - [_BOX[0], _BOX[1]]) * [sx, sy] + [x0, y0]
    return Pose(xy.astype(np.float32), np.full(33, visibility, np.float32))


def figure_box(f: Figure) -> tuple[float, float, float, float]:
    w = f.height * (_BOX[2] - _BOX[0]) / (_BOX[3] - _BOX[1])
    return f.x - w / 2, f.feet - f.height, f.x + w / 2, f.feet


def draw(figures: list[Figure], wh: tuple[int, int] = (640, 480)) -> np.ndarray:
    """Figures drawn back to front (later ones in front), as the fake model will see them."""
    w, h = wh
    img = np.full((h, w, 3), FLOOR, np.uint8)
    for f in figures:
        pose = pose_in_box(*figure_box(f))
        pts = np.round(pose.xy).astype(np.int32)
        s = max(2, round(pose.body_scale() * 0.35))
        cv2.fillConvexPoly(img, cv2.convexHull(pts[[11, 12, 24, 23]]), f.colour)
        for a, b in (
            (11, 13),
            (13, 15),
            (12, 14),
            (14, 16),
            (23, 25),
            (25, 27),
            (24, 26),
            (26, 28),
            (11, 12),
            (23, 24),
        ):
            cv2.line(img, tuple(int(v) for v in pts[a]), tuple(int(v) for v in pts[b]), f.colour, s)
        cv2.circle(img, tuple(int(v) for v in pts[0]), round(s * 1.3), f.colour, -1)
    return img


def _found(img: np.ndarray) -> list[tuple[int, Pose]]:
    """(pixel count, pose) for each figure colour seen in ``img``."""
    small = img[::2, ::2].astype(np.int32)
    codes = (small[..., 0] << 16) | (small[..., 1] << 8) | small[..., 2]
    values, counts = np.unique(codes, return_counts=True)
    skip = {(c[0] << 16) | (c[1] << 8) | c[2] for c in (FLOOR, (127, 127, 127))}
    out = []
    for code, count in zip(values.tolist(), counts.tolist(), strict=True):
        if code in skip or count < 15:
            continue
        ys, xs = np.nonzero(codes == code)
        out.append((count, pose_in_box(2 * xs.min(), 2 * ys.min(), 2 * xs.max() + 2, 2 * ys.max() + 2)))
    return out


@dataclass
class FakeEstimator:
    settings: EstimatorSettings
    log: list[str] = field(default_factory=list)
    _following: tuple[float, float] | None = None  # VIDEO mode: the centre of whom it tracks

    def estimate(self, frame_rgb: np.ndarray, timestamp_ms: int) -> list[RawPose]:
        mode = "video" if self.settings.video else "image"
        self.log.append(f"{mode}:{self.settings.num_poses}")
        found = _found(frame_rgb)
        if not found:
            self._following = None
            return []
        if not self.settings.video:
            found.sort(key=lambda f: -f[0])
            return [RawPose(p, None) for _, p in found[: self.settings.num_poses]]
        if self._following is not None:  # keeps the one it tracks, like MediaPipe's own ROI
            near = min(found, key=lambda f: float(np.hypot(*(f[1].xy[[11, 12, 23, 24]].mean(0) - self._following))))
        else:
            near = max(found, key=lambda f: f[0])
        pose = near[1]
        self._following = tuple(pose.xy[[11, 12, 23, 24]].mean(0))
        h, w = frame_rgb.shape[:2]
        mask = np.all(
            frame_rgb
            == frame_rgb[
                int(np.clip(pose.xy[11:13, 1].mean(), 0, h - 1)),
                int(np.clip(pose.xy[[11, 12, 23, 24], 0].mean(), 0, w - 1)),
            ],
            axis=2,
        )
        return [RawPose(pose, mask.astype(np.float32) if self.settings.segmentation else None)]

    def close(self) -> None:
        self.log.append("close")


class FakeModel:
    """The factory the tracker gets; remembers every estimator it made."""

    def __init__(self) -> None:
        self.made: list[FakeEstimator] = []

    def __call__(self, settings: EstimatorSettings) -> FakeEstimator:
        self.made.append(FakeEstimator(settings))
        return self.made[-1]

    def calls(self, kind: str) -> int:
        return sum(e.log.count(kind) for e in self.made)
