"""The 33 BlazePose landmarks and the pose result types the rest of Mirror reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]

NUM_LANDMARKS = 33


class Landmark(IntEnum):
    """BlazePose indices. LEFT/RIGHT are the person's own sides, not the image's."""

    NOSE = 0
    LEFT_EYE_INNER = 1
    LEFT_EYE = 2
    LEFT_EYE_OUTER = 3
    RIGHT_EYE_INNER = 4
    RIGHT_EYE = 5
    RIGHT_EYE_OUTER = 6
    LEFT_EAR = 7
    RIGHT_EAR = 8
    MOUTH_LEFT = 9
    MOUTH_RIGHT = 10
    LEFT_SHOULDER = 11
    RIGHT_SHOULDER = 12
    LEFT_ELBOW = 13
    RIGHT_ELBOW = 14
    LEFT_WRIST = 15
    RIGHT_WRIST = 16
    LEFT_PINKY = 17
    RIGHT_PINKY = 18
    LEFT_INDEX = 19
    RIGHT_INDEX = 20
    LEFT_THUMB = 21
    RIGHT_THUMB = 22
    LEFT_HIP = 23
    RIGHT_HIP = 24
    LEFT_KNEE = 25
    RIGHT_KNEE = 26
    LEFT_ANKLE = 27
    RIGHT_ANKLE = 28
    LEFT_HEEL = 29
    RIGHT_HEEL = 30
    LEFT_FOOT_INDEX = 31
    RIGHT_FOOT_INDEX = 32


# Pairs drawn by the debug skeleton.
SKELETON: tuple[tuple[int, int], ...] = (
    (11, 12), (11, 13), (13, 15), (12, 14), (14, 16), (11, 23), (12, 24), (23, 24),
    (23, 25), (25, 27), (24, 26), (26, 28), (27, 29), (28, 30), (29, 31), (30, 32),
    (15, 19), (16, 20), (0, 2), (0, 5), (2, 7), (5, 8), (9, 10),
)  # fmt: skip


@dataclass(frozen=True, eq=False)
class Pose:
    """One person's landmarks in image pixels.

    ``xy`` has shape (33, 2) in pixels of the frame the pose belongs to; ``visibility`` (33,) in
    [0, 1]; ``world_xyz`` (33, 3) in metres around the hips, or None when the model gave none.
    """

    xy: FloatArray
    visibility: FloatArray
    world_xyz: FloatArray | None = None

    def __post_init__(self) -> None:
        if self.xy.shape != (NUM_LANDMARKS, 2):
            raise ValueError(f"expected xy of shape (33, 2), got {self.xy.shape}")
        if self.visibility.shape != (NUM_LANDMARKS,):
            raise ValueError(f"expected visibility of shape (33,), got {self.visibility.shape}")
        if self.world_xyz is not None and self.world_xyz.shape != (NUM_LANDMARKS, 3):
            raise ValueError(f"expected world_xyz of shape (33, 3), got {self.world_xyz.shape}")

    def bbox(self, min_visibility: float = 0.0) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) around the landmarks at least this visible (all when none are)."""
        keep = self.visibility >= min_visibility
        pts = self.xy[keep] if keep.any() else self.xy
        x0, y0 = pts.min(axis=0)
        x1, y1 = pts.max(axis=0)
        return float(x0), float(y0), float(x1), float(y1)

    def shoulder_width(self) -> float:
        return float(np.linalg.norm(self.xy[Landmark.LEFT_SHOULDER] - self.xy[Landmark.RIGHT_SHOULDER]))

    def body_scale(self) -> float:
        """A size in pixels that stays steady as the person turns: the larger of shoulder width
        and half the shoulder-to-hip distance.
        """
        mid_sh = (self.xy[Landmark.LEFT_SHOULDER] + self.xy[Landmark.RIGHT_SHOULDER]) / 2
        mid_hip = (self.xy[Landmark.LEFT_HIP] + self.xy[Landmark.RIGHT_HIP]) / 2
        return max(self.shoulder_width(), float(np.linalg.norm(mid_sh - mid_hip)) * 0.5, 1.0)

    def scaled(self, sx: float, sy: float) -> Pose:
        return Pose(
            (self.xy * np.array([sx, sy], np.float32)).astype(np.float32),
            self.visibility,
            self.world_xyz,
        )


@dataclass(frozen=True, eq=False)
class TrackedPerson:
    """A pose with a stable identity across frames, and its segmentation mask when asked for.

    ``mask`` is float32 (h, w) in [0, 1] covering the whole frame, at a resolution with the
    frame's aspect that may be smaller than the frame: scale it by ``frame_wh / (w, h)`` to lay it
    over the frame. The main shopper's mask holds only the shopper (the follower's crop pasted on
    an empty frame); nobody else's pixels.
    """

    track_id: int
    pose: Pose
    raw_pose: Pose
    mask: FloatArray | None = None


@dataclass(frozen=True, eq=False)
class TrackingResult:
    """Everything the tracker knows about one frame.

    ``people`` holds the main shopper (when followed on this frame: pose, raw pose, mask) and the
    others as the finder last saw them (raw poses, no mask; they may be a few frames old).
    """

    timestamp_ms: int
    frame_wh: tuple[int, int]
    people: tuple[TrackedPerson, ...] = field(default_factory=tuple)
    main_track_id: int | None = None
    inference_ms: float = 0.0  # the follower's model call(s) on this frame
    searched: bool = False  # the finder was asked to look at this frame
    finder_ms: float = 0.0  # a search that finished on this frame took this long (0: none)

    @property
    def main(self) -> TrackedPerson | None:
        for person in self.people:
            if person.track_id == self.main_track_id:
                return person
        return None
