"""A crowd for the benchmark: the bench video with more people in view, made from the video itself.

The main person of a stretch of the video is cut out on every frame with the pose model's own
mask; ``people - 1`` of those cut-outs, each from another moment (so they move on their own), are
pasted smaller at the sides and behind the main person. Made once, then played in a loop at the
video's rate: the same pictures for every mode, on any machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from .capture.sources import Frame, VideoFileSource
from .tracking.pose_estimator import EstimatorSettings, PoseEstimator

U8Image = npt.NDArray[np.uint8]
FloatImage = npt.NDArray[np.float32]

# Where the extra people stand: centre x (fraction of the frame width) and size against the main
# person; smaller ones stand further back (their feet higher up), all behind the main person.
_PLACES = ((0.15, 0.8), (0.85, 0.8), (0.32, 0.65), (0.68, 0.65), (0.05, 0.55), (0.95, 0.55), (0.5, 0.5))


@dataclass(frozen=True, eq=False)
class _Still:
    rgb: U8Image
    person: FloatImage  # the main person's mask on this frame (0–1, frame size)


def _cut(still: _Still) -> tuple[U8Image, FloatImage] | None:
    ys, xs = np.nonzero(still.person > 0.5)
    if len(ys) < 100:
        return None
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    return still.rgb[y0:y1, x0:x1], still.person[y0:y1, x0:x1]


def _paste(
    canvas: U8Image, behind: FloatImage, cut: tuple[U8Image, FloatImage], cx: float, size: float, main: tuple[int, int]
) -> None:
    """Paste ``cut`` ``size`` times as tall as the main person (top y, height ``main``), behind them."""
    h, w = canvas.shape[:2]
    rgb, alpha = cut
    top, tall = main
    k = size * tall / rgb.shape[0]
    pw, ph = max(1, round(rgb.shape[1] * k)), max(1, round(rgb.shape[0] * k))
    person = cv2.resize(rgb, (pw, ph), interpolation=cv2.INTER_AREA).astype(np.float32)
    a = cv2.resize(alpha, (pw, ph), interpolation=cv2.INTER_LINEAR)
    feet = top + tall - round((1.0 - size) * 0.3 * tall)  # further back: feet higher in the picture
    x0, y0 = round(cx * w - pw / 2), feet - ph
    fx0, fy0, fx1, fy1 = max(x0, 0), max(y0, 0), min(x0 + pw, w), min(y0 + ph, h)
    if fx1 <= fx0 or fy1 <= fy0:
        return
    a = a[fy0 - y0 : fy1 - y0, fx0 - x0 : fx1 - x0] * (1.0 - behind[fy0:fy1, fx0:fx1])
    region = canvas[fy0:fy1, fx0:fx1].astype(np.float32)
    src = person[fy0 - y0 : fy1 - y0, fx0 - x0 : fx1 - x0]
    canvas[fy0:fy1, fx0:fx1] = (region + (src - region) * a[..., None]).astype(np.uint8)


def crowd_frames(video: Path, model: Path, size: tuple[int, int], people: int, frames: int = 60) -> list[U8Image]:
    """``frames`` pictures of the video at ``size`` with ``people - 1`` more people pasted in."""
    stills: list[_Still] = []
    source = VideoFileSource(video, loop=True)
    try:
        with PoseEstimator(EstimatorSettings(model, num_poses=1, segmentation=True)) as est:
            for _ in range(frames):
                frame = source.read()
                assert frame is not None
                rgb = _resized(frame, size)
                found = est.estimate(rgb, frame.timestamp_ms)
                mask = found[0].mask if found and found[0].mask is not None else np.zeros(rgb.shape[:2], np.float32)
                stills.append(_Still(rgb, cv2.resize(mask, size, interpolation=cv2.INTER_LINEAR)))
    finally:
        source.close()
    cuts = [_cut(s) for s in stills]
    out = []
    for i, still in enumerate(stills):
        canvas = still.rgb.copy()
        ys = np.nonzero(still.person.max(axis=1) > 0.5)[0]
        body = (int(ys.min()), int(ys.max() - ys.min() + 1)) if len(ys) else (0, canvas.shape[0])
        for j in range(max(people - 1, 0)):
            cut = cuts[(i + 11 * (j + 1)) % len(cuts)] or next((c for c in cuts if c is not None), None)
            if cut is not None:
                cx, scale = _PLACES[j % len(_PLACES)]
                _paste(canvas, still.person, cut, cx, scale, body)
        out.append(canvas)
    return out


def _resized(frame: Frame, size: tuple[int, int]) -> U8Image:
    if (frame.rgb.shape[1], frame.rgb.shape[0]) == size:
        return frame.rgb
    out: U8Image = cv2.resize(frame.rgb, size, interpolation=cv2.INTER_AREA)
    return out


class LoopedFrames:
    """Pictures played like a video file (paced by the engine at ``fps``), looped ``repeat`` times."""

    live = False

    def __init__(self, pictures: list[U8Image], fps: float, total: int) -> None:
        self._pictures, self._fps, self._total, self._i = pictures, fps, total, 0
        self.description = f"crowd clip ({len(pictures)} pictures looped)"

    @property
    def fps(self) -> float | None:
        return self._fps

    def read(self) -> Frame | None:
        import time

        if self._i >= self._total:
            return None
        rgb = self._pictures[self._i % len(self._pictures)]
        frame = Frame(rgb, round(self._i * 1000 / self._fps), self._i, time.perf_counter())
        self._i += 1
        return frame

    def close(self) -> None:
        pass
