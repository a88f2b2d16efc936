"""Frames in, the shopper out: a finder that sees everyone now and then, a follower that tracks
only the shopper every frame, and the policy that chooses who the shopper is.

    every frame ─► follower (one pose, VIDEO mode, crop around the shopper) ─► smoothed pose + mask
    every N frames, or at once when the shopper is lost ─► finder (IMAGE mode, all people, small)
                     └─► PersonTracks: identities, prominence, stickiness, slow takeover
                            └─► a new shopper (or the lost one found again) seeds the follower

Asking MediaPipe for several people on every frame runs its detector every frame and makes the
landmarks jump between candidates (17 px RMS on a still street scene, against 1 px for one pose);
one pose on a crop tracks as well as MediaPipe does for a person alone. Only the policy hands the
mirror to someone else: the follower refuses a pose that jumps to another body.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from . import defaults
from .crop import CropSettings
from .finder import BackgroundFinder, Estimator, Finder, FinderRunner, InlineFinder, Sighting
from .follower import Follower, FollowStep, same_body
from .landmarks import Pose, TrackedPerson, TrackingResult
from .one_euro import OneEuroSettings
from .person_tracks import PersonTracks, TrackingPolicy
from .pose_estimator import EstimatorSettings, PoseEstimator
from .steady import SteadyFilter, SteadySettings

U8Image = npt.NDArray[np.uint8]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrackerSettings:
    """How the mirror tracks. The defaults are the product's; ``pipeline.tracker_settings``
    derives the live, render, bench and self-test settings from the configuration."""

    model_path: Path
    num_poses: int = defaults.FINDER_PEOPLE  # people the finder looks for (the shopper is followed alone)
    segmentation: bool = defaults.SEGMENTATION  # the shopper's mask (for occlusion and sizing)
    detection_long_side: int = defaults.FINDER_LONG_SIDE  # the finder sees the frame scaled down to this
    follow_long_side: int = 384  # the follower's crop is scaled down to this (the landmark model sees 256)
    find_every: int = 20  # frames between searches while the shopper is followed
    search_every: int = 3  # frames between searches while nobody is followed
    smoothing: OneEuroSettings | None = field(default_factory=OneEuroSettings)  # see steady.py
    policy: TrackingPolicy = field(default_factory=TrackingPolicy)
    video: bool = True  # False for unrelated stills: every frame is searched and followed afresh
    finder_thread: bool = False  # the live mirror: the finder runs on its own low-priority thread
    finder_niceness: int = 6
    min_detection_confidence: float = 0.3  # the finder: people half hidden in a crowd count too
    crop: CropSettings = field(default_factory=CropSettings)


EstimatorFactory = Callable[[EstimatorSettings], Estimator]


@dataclass
class TrackerStats:
    searches: int = 0
    seeds: int = 0
    misses: dict[str, int] = field(default_factory=dict)


class PoseTracker:
    """The shopper's pose and mask for each frame. Not thread-safe: one tracker belongs to one
    thread (with ``finder_thread`` it starts one more of its own)."""

    HISTORY = 90  # frames of the follower's poses kept, to recognise the shopper in a late sighting
    CONFIRM = 10  # frames followed before a lost shopper is waited for (the policy's grace period)

    def __init__(self, settings: TrackerSettings, estimator_factory: EstimatorFactory | None = None) -> None:
        self.settings = settings
        make = estimator_factory or PoseEstimator
        s = settings
        find = EstimatorSettings(
            s.model_path,
            num_poses=s.num_poses,
            segmentation=False,
            video=False,
            min_detection_confidence=s.min_detection_confidence,
        )
        one = EstimatorSettings(s.model_path, num_poses=1, segmentation=s.segmentation, video=True)
        finder = Finder(make(find), s.detection_long_side)
        self._finder: FinderRunner = (
            BackgroundFinder(finder, s.finder_niceness) if s.finder_thread and s.video else InlineFinder(finder)
        )
        self._follower = Follower(
            lambda: make(one),
            lambda: make(replace(one, video=False)),
            replace(s.crop, long_side=s.follow_long_side),
            video=s.video,
        )
        self._tracks = PersonTracks(s.policy)
        self._smoother: SteadyFilter | None = None
        self._history: dict[int, Pose] = {}
        self._others: tuple[TrackedPerson, ...] = ()
        self._sighted_main: Pose | None = None  # the finder's view of the shopper, last sighting
        self._followed_id: int | None = None  # the track the follower was last seeded with
        self._followed_frames = 0  # frames the follower has had the shopper since that seed
        self._last_search: int | None = None
        self._lost_at: int | None = None  # frame the follower last failed (a search is due at once)
        self._count = 0
        self._ts_offset = 0
        self._last_ts: int | None = None
        self.stats = TrackerStats()

    def process(self, frame_rgb: U8Image, timestamp_ms: int) -> TrackingResult:
        """The tracking result for the next frame. The tracker counts frames itself (searches are
        due by that count), so a source that starts again at frame 0 changes nothing."""
        index = self._count
        self._count += 1
        timestamp_ms = self._clock(timestamp_ms)
        h, w = frame_rgb.shape[:2]
        if not self.settings.video:
            self._forget_all()
        searched = self._maybe_search(frame_rgb, timestamp_ms, index)
        step = self._follow(frame_rgb, timestamp_ms, index) if self._follower.active else None
        sighting = self._finder.poll()
        finder_ms = 0.0
        if sighting is not None:
            finder_ms = sighting.ms
            if self._apply(sighting, index):
                step = self._follow(frame_rgb, timestamp_ms, index)  # a new shopper: follow them from this frame
        people: list[TrackedPerson] = []
        main_id = self._tracks.main_id
        if step is not None and step.pose is not None and main_id is not None:
            smoothed = step.pose
            if self.settings.smoothing is not None and self.settings.video:
                if self._smoother is None:
                    self._smoother = SteadyFilter(SteadySettings(one_euro=self.settings.smoothing))
                smoothed = self._smoother(step.pose, frame_rgb, timestamp_ms)
            people.append(TrackedPerson(main_id, smoothed, step.pose, step.mask))
        elif not self.settings.video and main_id is not None and self._sighted_main is not None:
            # A still whose crop did not give the shopper again: the finder's own view of them.
            people.append(TrackedPerson(main_id, self._sighted_main, self._sighted_main))
        people += [p for p in self._others if p.track_id != main_id]
        return TrackingResult(
            timestamp_ms,
            (w, h),
            tuple(people),
            main_id,
            step.ms if step is not None else 0.0,
            searched=searched,
            finder_ms=finder_ms,
        )

    def _clock(self, timestamp_ms: int) -> int:
        """Strictly rising milliseconds, also when a reconnected camera starts its clock again."""
        ts = int(timestamp_ms) + self._ts_offset
        if self._last_ts is not None and ts <= self._last_ts:
            self._ts_offset += self._last_ts + 1 - ts
            ts = self._last_ts + 1
        self._last_ts = ts
        return ts

    # -- the finder -------------------------------------------------------------------------------
    def _maybe_search(self, frame_rgb: U8Image, timestamp_ms: int, index: int) -> bool:
        s = self.settings
        since = None if self._last_search is None else index - self._last_search
        if self._follower.active and self._lost_at is None:
            due = since is None or since >= s.find_every
        else:
            just_lost = self._lost_at is not None and self._lost_at == index - 1
            due = since is None or since >= s.search_every or just_lost
        if not due or self._finder.busy:
            return False
        self._finder.request(frame_rgb, timestamp_ms, index)
        self._last_search = index
        self.stats.searches += 1
        return True

    def _apply(self, sighting: Sighting, index: int) -> bool:
        """Fold a sighting into the identities; True when the follower was (re)seeded."""
        poses = list(sighting.poses)
        main_index = None
        if self._lost_at is not None and self._followed_frames < self.CONFIRM:
            # Lost before they were ever really followed (a ghost of two people merged, a glimpse):
            # nobody to wait for, choose again from whoever is in view.
            self._tracks.main_id = None
        mine = self._follower_pose_near(sighting.frame_index)
        if mine is not None:
            # The finder's view of the shopper gives way to the follower's (single-person quality).
            if poses:
                j = min(range(len(poses)), key=lambda i: self._tracks.distance(poses[i], mine))
                if self._tracks.distance(poses[j], mine) < self._tracks.policy.max_match_distance:
                    poses.pop(j)
            poses.append(mine)
            main_index = len(poses) - 1
        ids = self._tracks.update(poses, sighting.timestamp_ms, sighting.frame_wh, main_index=main_index)
        main = self._tracks.main_id
        self._others = tuple(
            TrackedPerson(tid, pose, pose) for tid, pose in zip(ids, poses, strict=True) if tid != main
        )
        if main is None:
            self._follower.stop()
            self._smoother = None
            return False
        self._sighted_main = poses[ids.index(main)] if main in ids else None
        if main_index is not None and ids[main_index] == main:
            return False  # the follower is on the shopper
        if main not in ids:
            return False  # the shopper is missed by the finder too: the policy's grace period runs
        seed = poses[ids.index(main)]
        frames_ago = index - sighting.frame_index
        last = self._follower.last
        if (
            self._follower.active
            and self._lost_at is None
            and last is not None
            and same_body(last, seed, frames_ago + 1)
        ):
            return False  # found again by the follower itself meanwhile (the sighting is late)
        others = tuple(pose for tid, pose in zip(ids, poses, strict=True) if tid != main)
        log.debug("following track %d from frame %d (%d others in view)", main, index, len(others))
        self._follower.seed(seed, sighting.frame_wh, frames_ago, others, same_person=main == self._followed_id)
        self._followed_id = main
        self._smoother = None
        self.stats.seeds += 1
        return True

    def _follower_pose_near(self, frame_index: int) -> Pose | None:
        """The follower's pose on that frame, or on the frame just before it."""
        for k in (frame_index, frame_index - 1, frame_index - 2):
            if k in self._history:
                return self._history[k]
        return None

    # -- the follower -----------------------------------------------------------------------------
    def _follow(self, frame_rgb: U8Image, timestamp_ms: int, index: int) -> FollowStep:
        step = self._follower.step(frame_rgb, timestamp_ms)
        if step.pose is None:
            self._lost_at = index
            assert step.miss is not None
            self.stats.misses[step.miss.name] = self.stats.misses.get(step.miss.name, 0) + 1
            return step
        self._lost_at = None
        self._followed_frames += 1
        self._history[index] = step.pose
        for old in [k for k in self._history if k <= index - self.HISTORY]:
            del self._history[old]
        if self._tracks.main_id is not None:
            self._tracks.observe(self._tracks.main_id, step.pose, timestamp_ms)
        return step

    def _forget_all(self) -> None:
        """Stills are unrelated pictures: nobody carries over."""
        self._tracks = PersonTracks(self.settings.policy)
        self._follower.stop()
        self._history.clear()
        self._others = ()
        self._sighted_main = None
        self._last_search = None
        self._lost_at = None

    def close(self) -> None:
        self._finder.close()
        self._follower.close()

    def __enter__(self) -> PoseTracker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
