"""Pose tracking: MediaPipe adapter, a finder and a follower, smoothing, identities and the
main-shopper choice.

Names are loaded on first use, so ``tracking.defaults`` can be read without OpenCV or numpy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .landmarks import NUM_LANDMARKS, SKELETON, Landmark, Pose, TrackedPerson, TrackingResult
    from .one_euro import LowPassFilter, OneEuroFilter, OneEuroSettings
    from .person_tracks import PersonTracks, TrackingPolicy
    from .pose_tracker import PoseTracker, TrackerSettings

_WHERE = {
    "NUM_LANDMARKS": "landmarks",
    "SKELETON": "landmarks",
    "Landmark": "landmarks",
    "Pose": "landmarks",
    "TrackedPerson": "landmarks",
    "TrackingResult": "landmarks",
    "LowPassFilter": "one_euro",
    "OneEuroFilter": "one_euro",
    "OneEuroSettings": "one_euro",
    "PersonTracks": "person_tracks",
    "TrackingPolicy": "person_tracks",
    "PoseTracker": "pose_tracker",
    "TrackerSettings": "pose_tracker",
}

__all__ = [
    "NUM_LANDMARKS",
    "SKELETON",
    "Landmark",
    "LowPassFilter",
    "OneEuroFilter",
    "OneEuroSettings",
    "PersonTracks",
    "Pose",
    "PoseTracker",
    "TrackedPerson",
    "TrackerSettings",
    "TrackingPolicy",
    "TrackingResult",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
