"""Pose tracking: MediaPipe adapter, One Euro smoothing, identities and main-shopper choice."""

from .landmarks import NUM_LANDMARKS, SKELETON, Landmark, Pose, TrackedPerson, TrackingResult
from .one_euro import LowPassFilter, OneEuroFilter, OneEuroSettings
from .person_tracks import PersonTracks, TrackingPolicy
from .pose_tracker import PoseTracker, TrackerSettings

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
