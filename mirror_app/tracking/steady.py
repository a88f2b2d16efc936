"""Landmark smoothing that knows from the picture whether the body moved.

MediaPipe's landmarks wander by a few pixels on a body that does not move (1–2 px RMS for one
pose on a still photo with camera noise, slowly, about once a second), and a gently swaying body
moves about as fast. A filter that only sees the landmarks cannot tell the two apart: the One
Euro filter either keeps the wander or lags behind the sway. The picture can: optical flow
(pyramidal Lucas–Kanade) at each landmark says how far the image there moved, to a few hundredths
of a pixel. So, per landmark:

- where the image did not move, the output is the running mean of the model's answers since it
  stopped (the best estimate of a fixed point), moved along with the image's own sub-pixel
  motion, and only slowly pulled towards the model after that (``leak``);
- where it moved, the output is a One Euro filter whose speed comes from the flow (precise),
  not from the noisy landmarks: no lag, MediaPipe's own accuracy;
- where the flow cannot be trusted (no texture, occlusion, forward-backward mismatch), plain One
  Euro on the landmarks, as MediaPipe's legacy graph did.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt

from .landmarks import FloatArray, Pose
from .one_euro import LowPassFilter, OneEuroSettings

U8Image = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class SteadySettings:
    one_euro: OneEuroSettings = field(default_factory=OneEuroSettings)
    still_px: float = 0.15  # image motion per frame below this is no motion (the flow's own noise)
    leak: float = 0.01  # per frame, how fast a still landmark drifts to the model's answer
    flow_window: int = 21
    flow_levels: int = 3
    max_fb_px: float = 0.5  # forward-backward flow mismatch above this: the flow is not trusted


def _alpha(cutoff: npt.NDArray[np.float64], dt: float) -> npt.NDArray[np.float64]:
    tau = 1.0 / (2.0 * math.pi * cutoff)
    return np.asarray(1.0 / (1.0 + tau / dt), np.float64)


def landmark_flow(
    prev: U8Image, grey: U8Image, points: FloatArray, settings: SteadySettings
) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """Image motion (N, 2) at ``points`` from ``prev`` to ``grey`` (same-size grey images), and
    where it is trustworthy (found both ways, forward-backward consistent)."""
    pts = points.astype(np.float32).reshape(-1, 1, 2)
    win = (settings.flow_window, settings.flow_window)
    ahead, ok1, _ = cv2.calcOpticalFlowPyrLK(prev, grey, pts, None, winSize=win, maxLevel=settings.flow_levels)
    back, ok2, _ = cv2.calcOpticalFlowPyrLK(grey, prev, ahead, None, winSize=win, maxLevel=settings.flow_levels)
    fb = np.linalg.norm((back - pts).reshape(-1, 2), axis=1)
    ok = (ok1.reshape(-1) == 1) & (ok2.reshape(-1) == 1) & (fb < settings.max_fb_px)
    return (ahead - pts).reshape(-1, 2).astype(np.float32), ok


class SteadyFilter:
    """Smooths one person's landmarks frame by frame; ``reset`` when the person changes."""

    def __init__(self, settings: SteadySettings | None = None) -> None:
        self.settings = settings or SteadySettings()
        self.reset()

    def reset(self) -> None:
        self._y: npt.NDArray[np.float64] | None = None
        self._raw: npt.NDArray[np.float64] | None = None
        self._still_frames: npt.NDArray[np.float64] | None = None
        self._dspeed: npt.NDArray[np.float64] | None = None
        self._t_ms: float | None = None
        self._prev: U8Image | None = None  # the previous frame, grey
        self._vis = LowPassFilter(0.3)

    def __call__(self, pose: Pose, frame_rgb: U8Image, timestamp_ms: float) -> Pose:
        x = pose.xy.astype(np.float64)
        vis = self._vis(pose.visibility)
        grey = cv2.cvtColor(frame_rgb, cv2.COLOR_RGB2GRAY)
        if (
            self._y is None
            or self._t_ms is None
            or self._raw is None
            or self._prev is None
            or self._prev.shape != grey.shape
            or timestamp_ms <= self._t_ms
        ):
            return self._start(pose, x, vis, grey, timestamp_ms)
        s = self.settings
        dt = (timestamp_ms - self._t_ms) / 1000.0
        scale = _object_scale(x)
        flow, ok = self._flow(self._prev, grey)
        step = np.where(ok, np.linalg.norm(flow, axis=1), np.linalg.norm(x - self._raw, axis=1))
        excess = np.maximum(step - s.still_px, 0.0)
        assert self._dspeed is not None and self._still_frames is not None
        # Frames of stillness, discounted by motion: one noisy flow reading barely counts, a real
        # step starts the count again.
        self._still_frames = self._still_frames * np.exp(-excess / s.still_px) + 1.0
        speed = excess / dt / scale
        self._dspeed = self._dspeed + _alpha(np.array(s.one_euro.derivative_cutoff), dt) * (speed - self._dspeed)
        # Where the flow is trusted its speed is exact: no need to low-pass it (that only adds lag).
        rate = np.where(ok, speed, self._dspeed)
        alpha = np.maximum(_alpha(s.one_euro.min_cutoff + s.one_euro.beta * rate, dt), 1.0 / self._still_frames)
        alpha = np.maximum(alpha, s.leak)
        predicted = self._y + np.where(ok[:, None], flow, 0.0)  # carried along with the picture
        self._y = predicted + alpha[:, None] * (x - predicted)
        self._raw, self._t_ms, self._prev = x, timestamp_ms, grey
        return Pose(self._y.astype(np.float32), vis, pose.world_xyz)

    def _flow(self, prev: U8Image, grey: U8Image) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
        """Flow at the current estimate, over the pixels around the body only (same box in both)."""
        assert self._y is not None
        x0, y0, x1, y1 = _region_around(self._y, (grey.shape[1], grey.shape[0]))
        local = (self._y - np.array([x0, y0], np.float64)).astype(np.float32)
        return landmark_flow(prev[y0:y1, x0:x1], grey[y0:y1, x0:x1], local, self.settings)

    def _start(
        self,
        pose: Pose,
        x: npt.NDArray[np.float64],
        vis: FloatArray,
        grey: U8Image,
        timestamp_ms: float,
    ) -> Pose:
        self._y, self._raw = x.copy(), x.copy()
        self._still_frames = np.ones(len(x))
        self._dspeed = np.zeros(len(x))
        self._t_ms, self._prev = timestamp_ms, grey
        return Pose(pose.xy.copy(), vis, pose.world_xyz)


def _object_scale(xy: npt.NDArray[np.float64]) -> float:
    """MediaPipe's object scale: mean of the landmark box's width and height."""
    span = xy.max(axis=0) - xy.min(axis=0)
    return max(float(span.sum()) / 2.0, 1.0)


def _region_around(xy: npt.NDArray[np.float64], frame_wh: tuple[int, int]) -> tuple[int, int, int, int]:
    """A box around the landmarks with room for the flow's window and pyramid."""
    w, h = frame_wh
    margin = 0.15 * _object_scale(xy) + 32
    x0 = int(np.clip(xy[:, 0].min() - margin, 0, w - 1))
    y0 = int(np.clip(xy[:, 1].min() - margin, 0, h - 1))
    x1 = int(np.clip(xy[:, 0].max() + margin, x0 + 1, w))
    y1 = int(np.clip(xy[:, 1].max() + margin, y0 + 1, h))
    return x0, y0, x1, y1
