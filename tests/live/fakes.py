"""Scripted stand-ins for a camera and the pose model, so the live engine runs deterministically."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import numpy as np

from mirror_app.capture.sources import Frame
from mirror_app.errors import SourceError
from mirror_app.tracking.landmarks import Pose, TrackedPerson, TrackingResult


class SyntheticCamera:
    """Grey (90) frames at ``fps``; the top-left eighth flickers 90/91, like a sensor's noise."""

    live = True

    def __init__(
        self, size=(640, 960), fps: float = 60.0, fail_at: int | None = None, frames: int | None = None
    ) -> None:
        self.description = "synthetic camera"
        self.size, self._period, self.fail_at, self.frames = size, 1.0 / fps, fail_at, frames
        self.i = 0
        self.closed = False
        self._next = time.perf_counter()

    @property
    def fps(self) -> float:
        return 1.0 / self._period

    def read(self) -> Frame | None:
        if self.frames is not None and self.i >= self.frames:
            return None
        if self.fail_at is not None and self.i == self.fail_at:
            raise SourceError("synthetic camera unplugged")
        # Like a real camera: frames come on a fixed clock, whatever the reader does in between.
        self._next += self._period
        delay = self._next - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        else:
            self._next = time.perf_counter()
        w, h = self.size
        rgb = np.full((h, w, 3), 90, np.uint8)
        # A real sensor never repeats a picture exactly (the engine treats one that does for 3 s as
        # a hung camera): one cell of its 8×8 thumbnail flickers by one grey level.
        rgb[: h // 8, : w // 8] += np.uint8(self.i % 2)
        frame = Frame(rgb, int(self.i * self._period * 1000), self.i, time.perf_counter())
        self.i += 1
        return frame

    def close(self) -> None:
        self.closed = True


def is_bare(rgb: np.ndarray) -> bool:
    """The picture is the synthetic camera's own: nothing drawn on it."""
    return bool(np.all((rgb == 90) | (rgb == 91)))


class ScriptedTracker:
    """Returns ``pose_at(timestamp_ms)`` (None: nobody) as the main person."""

    def __init__(self, pose_at: Callable[[int], Pose | None], delay_s: float = 0.005) -> None:
        self.pose_at, self.delay_s = pose_at, delay_s
        self.calls = 0
        self.closed = threading.Event()

    def process(self, frame_rgb: np.ndarray, timestamp_ms: int) -> TrackingResult:
        self.calls += 1
        time.sleep(self.delay_s)
        h, w = frame_rgb.shape[:2]
        pose = self.pose_at(timestamp_ms)
        if pose is None:
            return TrackingResult(timestamp_ms, (w, h))
        return TrackingResult(timestamp_ms, (w, h), (TrackedPerson(1, pose, pose),), 1, self.delay_s * 1e3)

    def close(self) -> None:
        self.closed.set()
