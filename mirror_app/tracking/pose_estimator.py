"""The one adapter around MediaPipe's ``PoseLandmarker``: the only module that imports mediapipe."""

from __future__ import annotations

import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import ModelError
from .landmarks import NUM_LANDMARKS, FloatArray, Pose
from .native_log import captured_native_stderr

log = logging.getLogger(__name__)

_REQUIRED_MEMBERS = {"pose_detector.tflite", "pose_landmarks_detector.tflite"}
_FIX = "rebuild it with `python tools/build_pose_model.py` or set `model` in the configuration to a pose_landmarker_*.task file"


@dataclass(frozen=True)
class EstimatorSettings:
    model_path: Path
    num_poses: int  # no default: the tracker's finder and follower each say (pose_tracker.py)
    segmentation: bool = False
    min_detection_confidence: float = 0.5
    min_presence_confidence: float = 0.5
    min_tracking_confidence: float = 0.5
    video: bool = True  # False: every call is an independent still (runs the detector each time)


@dataclass(frozen=True, eq=False)
class RawPose:
    """One person as the model saw them, in pixels of the image it was given."""

    pose: Pose
    mask: FloatArray | None


def check_model_file(path: Path) -> None:
    """Raise ModelError with one actionable line when ``path`` is not a usable pose model."""
    if not path.exists():
        raise ModelError(f"pose model not found: {path}; {_FIX}")
    if not path.is_file():
        raise ModelError(f"pose model path is not a file: {path}; {_FIX}")
    try:
        with zipfile.ZipFile(path) as bundle:
            names = set(bundle.namelist())
            bad = bundle.testzip()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ModelError(f"pose model is corrupt or not a .task bundle: {path} ({exc}); {_FIX}") from None
    if bad is not None:
        raise ModelError(f"pose model is corrupt (damaged member {bad}): {path}; {_FIX}")
    missing = _REQUIRED_MEMBERS - names
    if missing:
        raise ModelError(f"not a pose landmarker model (missing {', '.join(sorted(missing))}): {path}; {_FIX}")


class PoseEstimator:
    """MediaPipe pose, synchronous. VIDEO mode tracks between frames (strictly rising timestamps);
    IMAGE mode treats each call as a new picture.
    """

    def __init__(self, settings: EstimatorSettings) -> None:
        check_model_file(settings.model_path)
        self.settings = settings
        native_log: list[str] = []
        try:
            with captured_native_stderr(native_log):
                from mediapipe.tasks.python import BaseOptions, vision

                options = vision.PoseLandmarkerOptions(
                    base_options=BaseOptions(model_asset_path=str(settings.model_path)),
                    running_mode=vision.RunningMode.VIDEO if settings.video else vision.RunningMode.IMAGE,
                    num_poses=settings.num_poses,
                    min_pose_detection_confidence=settings.min_detection_confidence,
                    min_pose_presence_confidence=settings.min_presence_confidence,
                    min_tracking_confidence=settings.min_tracking_confidence,
                    output_segmentation_masks=settings.segmentation,
                )
                self._landmarker = vision.PoseLandmarker.create_from_options(options)
        except Exception as exc:  # noqa: BLE001 - the runtime raises many types; keep one line
            log.debug("MediaPipe said: %s", "".join(native_log))
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ModelError(f"pose model could not be loaded: {settings.model_path} ({first}); {_FIX}") from None
        log.debug("MediaPipe said: %s", "".join(native_log))
        self._last_ts = -1
        self._first_call = True

    def estimate(self, frame_rgb: npt.NDArray[np.uint8], timestamp_ms: int) -> list[RawPose]:
        """Poses in ``frame_rgb`` (H, W, 3) uint8 RGB; timestamps are forced strictly increasing."""
        if frame_rgb.ndim != 3 or frame_rgb.shape[2] != 3 or frame_rgb.dtype != np.uint8:
            raise ValueError(f"expected (H, W, 3) uint8 RGB, got {frame_rgb.shape} {frame_rgb.dtype}")
        import mediapipe as mp

        ts = max(int(timestamp_ms), self._last_ts + 1)
        self._last_ts = ts
        image = mp.Image(image_format=mp.ImageFormat.SRGB, data=np.ascontiguousarray(frame_rgb))
        if self._first_call:  # the runtime logs its set-up on first inference
            sink: list[str] = []
            with captured_native_stderr(sink):
                result = self._detect(image, ts)
            self._first_call = False
        else:
            result = self._detect(image, ts)
        h, w = frame_rgb.shape[:2]
        masks = result.segmentation_masks or []
        out: list[RawPose] = []
        for i, landmarks in enumerate(result.pose_landmarks):
            if len(landmarks) != NUM_LANDMARKS:
                continue
            arr = np.array([(lm.x, lm.y, lm.visibility or 0.0) for lm in landmarks], dtype=np.float32)
            xy = arr[:, :2] * np.array([w, h], dtype=np.float32)
            world = None
            if i < len(result.pose_world_landmarks):
                world = np.array([(p.x, p.y, p.z) for p in result.pose_world_landmarks[i]], dtype=np.float32)
            mask = None
            if i < len(masks):
                mask = np.array(masks[i].numpy_view(), dtype=np.float32).reshape(h, w)
            out.append(RawPose(Pose(xy, arr[:, 2].copy(), world), mask))
        return out

    def _detect(self, image: object, ts: int) -> Any:
        if self.settings.video:
            return self._landmarker.detect_for_video(image, ts)
        return self._landmarker.detect(image)

    def close(self) -> None:
        landmarker = getattr(self, "_landmarker", None)
        if landmarker is not None:
            with captured_native_stderr([]):  # the runtime logs its teardown
                landmarker.close()
            self._landmarker = None

    def __enter__(self) -> PoseEstimator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
