"""One Euro filter over arrays of points (Casiez et al., CHI 2012).

MediaPipe's Tasks API returns raw landmarks; this restores the smoothing its legacy graph had:
strong smoothing when still (no jitter), little lag when moving. Velocity is divided by the
person's size in pixels, so one setting works near and far from the camera.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class OneEuroSettings:
    """MediaPipe's own tuning for pose image landmarks (pose_landmark_filtering.pbtxt);
    0.1 / 40 there is for world landmarks.
    """

    min_cutoff: float = 0.05
    beta: float = 80.0
    derivative_cutoff: float = 1.0


def _alpha(cutoff: npt.NDArray[np.float64] | float, dt: float) -> npt.NDArray[np.float64] | float:
    tau = 1.0 / (2.0 * math.pi * np.asarray(cutoff, dtype=np.float64))
    return 1.0 / (1.0 + tau / dt)


class OneEuroFilter:
    """Filters a stream of arrays of one fixed shape; call ``reset`` when the tracked thing is lost."""

    def __init__(self, settings: OneEuroSettings | None = None) -> None:
        self.settings = settings or OneEuroSettings()
        self._last_raw: npt.NDArray[np.float64] | None = None
        self._last_out: npt.NDArray[np.float64] | None = None
        self._last_deriv: npt.NDArray[np.float64] | None = None
        self._last_t_ms: float | None = None

    def reset(self) -> None:
        self._last_raw = self._last_out = self._last_deriv = None
        self._last_t_ms = None

    def __call__(self, value: npt.ArrayLike, timestamp_ms: float, scale: float = 1.0) -> FloatArray:
        """Filter ``value`` observed at ``timestamp_ms``; ``scale`` is the object's size in pixels."""
        x = np.asarray(value, dtype=np.float64)
        if self._last_out is None or self._last_t_ms is None or self._last_raw is None:
            return self._start(x, timestamp_ms)
        if x.shape != self._last_out.shape:
            raise ValueError(f"expected shape {self._last_out.shape}, got {x.shape}")
        dt = (timestamp_ms - self._last_t_ms) / 1000.0
        if dt <= 0:
            return self._last_out.astype(np.float32)
        s = self.settings
        deriv = (x - self._last_raw) / dt / max(scale, 1e-6)
        assert self._last_deriv is not None
        deriv_hat = self._last_deriv + _alpha(s.derivative_cutoff, dt) * (deriv - self._last_deriv)
        cutoff = s.min_cutoff + s.beta * np.abs(deriv_hat)
        out = self._last_out + _alpha(cutoff, dt) * (x - self._last_out)
        self._last_raw, self._last_out, self._last_deriv, self._last_t_ms = x, out, deriv_hat, timestamp_ms
        return out.astype(np.float32)

    def _start(self, x: npt.NDArray[np.float64], timestamp_ms: float) -> FloatArray:
        self._last_raw = x
        self._last_out = x.copy()
        self._last_deriv = np.zeros_like(x)
        self._last_t_ms = timestamp_ms
        return x.astype(np.float32)


class LowPassFilter:
    """Exponential smoothing, for landmark visibility (MediaPipe used alpha 0.1)."""

    def __init__(self, alpha: float = 0.1) -> None:
        if not 0.0 < alpha <= 1.0:
            raise ValueError(f"expected alpha in (0, 1], got {alpha}")
        self.alpha = alpha
        self._last: npt.NDArray[np.float64] | None = None

    def reset(self) -> None:
        self._last = None

    def __call__(self, value: npt.ArrayLike) -> FloatArray:
        x = np.asarray(value, dtype=np.float64)
        self._last = x if self._last is None else self._last + self.alpha * (x - self._last)
        return self._last.astype(np.float32)
