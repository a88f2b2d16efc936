"""Frames in, smoothed and identified people out: the tracking stage of the mirror."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np
import numpy.typing as npt

from .landmarks import Pose, TrackedPerson, TrackingResult
from .one_euro import LowPassFilter, OneEuroFilter, OneEuroSettings
from .person_tracks import PersonTracks, TrackingPolicy
from .pose_estimator import EstimatorSettings, PoseEstimator, RawPose


class Estimator(Protocol):
    def estimate(self, frame_rgb: npt.NDArray[np.uint8], timestamp_ms: int) -> list[RawPose]: ...
    def close(self) -> None: ...


@dataclass(frozen=True)
class TrackerSettings:
    model_path: Path
    num_poses: int = 3
    segmentation: bool = False
    detection_long_side: int = 960  # frames are downscaled to this before inference
    smoothing: OneEuroSettings | None = field(default_factory=OneEuroSettings)
    policy: TrackingPolicy = field(default_factory=TrackingPolicy)
    video: bool = True  # False for unrelated stills: MediaPipe's IMAGE mode


class _Smoother:
    def __init__(self, settings: OneEuroSettings) -> None:
        self.xy = OneEuroFilter(settings)
        self.vis = LowPassFilter(0.3)

    def __call__(self, pose: Pose, timestamp_ms: int) -> Pose:
        xy = self.xy(pose.xy, timestamp_ms, scale=_object_scale(pose))
        return Pose(xy, self.vis(pose.visibility), pose.world_xyz)


def _object_scale(pose: Pose) -> float:
    """MediaPipe's object scale: mean of the landmark box's width and height."""
    x0, y0, x1, y1 = pose.bbox()
    return max(((x1 - x0) + (y1 - y0)) / 2.0, 1.0)


class PoseTracker:
    """Runs the estimator, gives people stable ids, smooths each, and picks the main shopper.

    Not thread-safe: one tracker belongs to one worker thread (MediaPipe serializes anyway).
    """

    def __init__(
        self,
        settings: TrackerSettings,
        estimator_factory: Callable[[TrackerSettings], Estimator] | None = None,
    ) -> None:
        self.settings = settings
        self._estimator = (estimator_factory or _mediapipe_estimator)(settings)
        self._tracks = PersonTracks(settings.policy)
        self._smoothers: dict[int, _Smoother] = {}

    def process(self, frame_rgb: npt.NDArray[np.uint8], timestamp_ms: int) -> TrackingResult:
        h, w = frame_rgb.shape[:2]
        small, sx, sy = _downscale(frame_rgb, self.settings.detection_long_side)
        t0 = time.perf_counter()
        raw = self._estimator.estimate(small, timestamp_ms)
        inference_ms = (time.perf_counter() - t0) * 1000.0
        poses = [r.pose.scaled(sx, sy) if (sx, sy) != (1.0, 1.0) else r.pose for r in raw]
        ids = self._tracks.update(poses, timestamp_ms, (w, h))
        for gone in set(self._smoothers) - set(ids):
            del self._smoothers[gone]  # lost people start fresh when they come back
        people = []
        for tid, pose, r in zip(ids, poses, raw, strict=True):
            smoothed = pose
            if self.settings.smoothing is not None:
                smoother = self._smoothers.setdefault(tid, _Smoother(self.settings.smoothing))
                smoothed = smoother(pose, timestamp_ms)
            people.append(TrackedPerson(tid, smoothed, pose, r.mask))
        return TrackingResult(timestamp_ms, (w, h), tuple(people), self._tracks.main_id, inference_ms)

    def reset(self) -> None:
        self._tracks.reset()
        self._smoothers.clear()

    def close(self) -> None:
        self._estimator.close()

    def __enter__(self) -> PoseTracker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _downscale(frame: npt.NDArray[np.uint8], long_side: int) -> tuple[npt.NDArray[np.uint8], float, float]:
    h, w = frame.shape[:2]
    if max(h, w) <= long_side:
        return frame, 1.0, 1.0
    k = long_side / max(h, w)
    nw, nh = max(1, round(w * k)), max(1, round(h * k))
    small = cv2.resize(frame, (nw, nh), interpolation=cv2.INTER_AREA)
    return small, w / nw, h / nh


def _mediapipe_estimator(settings: TrackerSettings) -> Estimator:
    return PoseEstimator(
        EstimatorSettings(
            settings.model_path, num_poses=settings.num_poses, segmentation=settings.segmentation, video=settings.video
        )
    )
