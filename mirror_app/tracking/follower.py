"""The follower: the shopper alone, every frame, at single-person quality.

A one-pose VIDEO-mode estimator sees only a crop around the shopper (``crop.FollowCrop``), so
MediaPipe tracks one person the way it does best; its first picture of a new shopper shows them
alone. Its answer must be a possible pose (``plausibility``: an impossible one is retried once on
a padded crop by a still-image estimator before anything else), the same body as before (no jump
to someone who overlaps; while settling on a new shopper, nearer them than anyone else the finder
saw) and in the same clothes (``appearance``). Anything else makes the model drop its track, and
the tracker searches at once; only the finder's policy hands the mirror to someone else.
Landmarks and mask come back in frame pixels; the mask holds the shopper's crop only, pasted on
an empty frame.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from .appearance import similarity, torso_signature
from .crop import CropSettings, CropView, FollowCrop, U8Image, cut, isolate, padded
from .finder import Estimator
from .landmarks import FloatArray, Pose
from .person_tracks import torso_center
from .plausibility import PoseProblem, pose_problem

_BLANK = np.full((64, 64, 3), 127, np.uint8)


class Miss(StrEnum):
    """Why a frame has no pose of the shopper."""

    NOT_FOUND = "nobody in the crop"
    JUMPED = "the pose jumped to another body"
    LOOKS_DIFFERENT = "the pose is on someone dressed differently"
    IMPLAUSIBLE = "an impossible pose, also after a retry"


@dataclass(frozen=True, eq=False)
class FollowStep:
    pose: Pose | None  # frame pixels, raw (not smoothed)
    mask: FloatArray | None  # full-frame canvas at the crop's scale, shopper only
    ms: float  # wall time of the model call(s)
    miss: Miss | None = None
    retried: PoseProblem | None = None  # the first answer was impossible; the padded retry was used


def body_change(before: Pose, after: Pose) -> tuple[float, float]:
    """How far the torso centre moved (in body scales) and how much the size changed (log)."""
    scale = before.body_scale()
    shift = float(np.linalg.norm(torso_center(after) - torso_center(before))) / scale
    return shift, abs(float(np.log(after.body_scale() / scale)))


def same_body(before: Pose, after: Pose, frames_apart: int = 1) -> bool:
    """Could ``after`` be the body of ``before`` ``frames_apart`` frames later? Torso centre and
    size may change only a little per frame (people move, they do not teleport)."""
    extra = max(frames_apart - 1, 0)
    shift, size = body_change(before, after)
    return shift <= min(0.45 + 0.1 * extra, 1.0) and size <= min(0.25 + 0.05 * extra, 0.5)


def is_seeded_person(seed: Pose, found: Pose, others: tuple[Pose, ...]) -> bool:
    """The first pose after a seed: the finder's view is coarser than the follower's (and merges
    people who overlap much, like two in a hug), so the test is looser, but the pose must be nearer
    the seeded person than anyone else the finder saw."""
    shift, size = body_change(seed, found)
    if shift > 1.6 or size > 0.6:
        return False
    return all(sum(body_change(other, found)) > shift + size for other in others)


class Follower:
    """One shopper, frame after frame. Not thread-safe: it belongs to the tracking thread."""

    SETTLE_FRAMES = 10
    LOOK_MIN = 0.8  # torso colours less alike than this: someone else (the same person walking: ≥ 0.88)
    LOOK_LEARN = 0.9  # only clear views of the shopper update what they look like

    def __init__(
        self,
        make_video: Callable[[], Estimator],
        make_still: Callable[[], Estimator],
        crop: CropSettings | None = None,
        *,
        video: bool = True,
        retry_pad: float = 0.25,
    ) -> None:
        self._make_video = make_video
        self._make_still = make_still
        self._video = video
        self._estimator: Estimator | None = None
        self._still: Estimator | None = None  # made on first need (a retry, or still pictures)
        self.crop = FollowCrop(crop)
        self.retry_pad = retry_pad
        self.last: Pose | None = None  # the last accepted pose (frame pixels)
        self._last_index = 0
        self._index = 0
        self.active = False
        self._fresh = False  # the next step starts the model on this person: show it them alone
        # While settling on a new person (the first frames after a seed), poses are compared with the
        # finder's (coarser) view of them and with the others it saw, not only with the last one.
        self._seed: tuple[Pose, tuple[Pose, ...]] | None = None
        self._settling = 0
        self.look: FloatArray | None = None  # the shopper's torso colours (appearance.py)
        self.forgets = 0  # times the model was made to drop whom it tracked
        self.retries = 0

    def seed(
        self,
        pose: Pose,
        frame_wh: tuple[int, int],
        frames_ago: int = 0,
        others: tuple[Pose, ...] = (),
        *,
        same_person: bool = False,
    ) -> None:
        """Follow the person at ``pose`` (seen ``frames_ago`` frames before the next step; ``others``
        are the other people seen then). ``same_person``: the shopper found again, so what they
        look like still holds."""
        if not same_person:
            self.look = None
        self._forget_tracking()  # the model's own tracking state belongs to whoever it followed before
        self._fresh = True  # and its first picture shows only the seeded person
        self._seed, self._settling = (pose, others), self.SETTLE_FRAMES
        self.crop.reset()
        self.crop.update(pose, frame_wh)
        self.last = pose
        self._last_index = self._index - frames_ago
        self.active = True

    def stop(self) -> None:
        self.active = False
        self.last = None
        self.look = None
        self.crop.reset()

    def step(self, frame_rgb: U8Image, timestamp_ms: int) -> FollowStep:
        self._index += 1
        assert self.active and self.crop.box is not None and self.last is not None
        h, w = frame_rgb.shape[:2]
        t0 = time.perf_counter()
        view = cut(frame_rgb, self.crop.box, self.crop.settings.long_side)
        estimator = self._video_estimator() if self._video else self._still_estimator()
        frames_apart = self._index - self._last_index
        # A video follower starts on a picture of the seeded person alone; a still is first tried
        # as it is (the whole context helps the model) and alone only if that found someone else.
        picture = isolate(view, self.last) if self._fresh and self._video else view.rgb
        self._fresh = False
        found = estimator.estimate(picture, timestamp_ms)
        if not self._video and (not found or not self._believable(view.pose_to_frame(found[0].pose), frames_apart)):
            found = estimator.estimate(isolate(view, self.last), timestamp_ms)
        settling, self._settling = self._settling, max(self._settling - 1, 0)
        if not found:
            return FollowStep(None, None, _ms(t0), Miss.NOT_FOUND)
        pose, mask = view.pose_to_frame(found[0].pose), found[0].mask
        # An impossible pose is not judged at all: it is retried on a padded crop first.
        retried = pose_problem(pose)
        if retried is not None:
            again, mask, view = self._retry(frame_rgb, view, timestamp_ms)
            self._forget_tracking(timestamp_ms)  # the model's tracking state holds the impossible pose
            if again is None:
                return FollowStep(None, None, _ms(t0), Miss.IMPLAUSIBLE, retried)
            pose = again
        if not self._believable(pose, frames_apart, settling):
            self._forget_tracking(timestamp_ms)  # its tracking state is on someone else now
            return FollowStep(None, None, _ms(t0), Miss.JUMPED, retried)
        look = torso_signature(frame_rgb, pose)
        alike = 1.0 if look is None or self.look is None else similarity(self.look, look)
        if alike < self.LOOK_MIN:
            self._forget_tracking(timestamp_ms)
            return FollowStep(None, None, _ms(t0), Miss.LOOKS_DIFFERENT, retried)
        self.last, self._last_index = pose, self._index
        if look is not None and (self.look is None or alike >= self.LOOK_LEARN):
            self.look = look if self.look is None else (0.95 * self.look + 0.05 * look).astype(np.float32)
        self.crop.update(pose, (w, h))
        canvas = view.mask_to_frame(mask, (w, h)) if mask is not None else None
        return FollowStep(pose, canvas, _ms(t0), None, retried)

    def _believable(self, pose: Pose, frames_apart: int, settling: int | None = None) -> bool:
        """Is ``pose`` the shopper? While settling on a new person (``settling`` frames left), the
        finder's view of them decides; on the very first frame only that."""
        assert self.last is not None
        settling = self._settling if settling is None else settling
        if settling > 0 and self._seed is not None and is_seeded_person(self._seed[0], pose, self._seed[1]):
            return True
        return settling < self.SETTLE_FRAMES and same_body(self.last, pose, frames_apart)

    def _forget_tracking(self, timestamp_ms: int | None = None) -> None:
        """Make the VIDEO-mode model drop whom it tracks: one empty picture loses them (12 ms,
        against 60 ms to make a new model), and the next call detects afresh."""
        if self._estimator is not None and self._video:
            self._estimator.estimate(_BLANK, -1 if timestamp_ms is None else timestamp_ms)
            self.forgets += 1

    def _retry(
        self, frame_rgb: U8Image, view: CropView, timestamp_ms: int
    ) -> tuple[Pose | None, FloatArray | None, CropView]:
        """The crop again with room around it, as a still picture; None if still impossible."""
        self.retries += 1
        again = padded(frame_rgb, view.box, self.retry_pad, self.crop.settings.long_side)
        found = self._still_estimator().estimate(again.rgb, timestamp_ms)
        if not found:
            return None, None, again
        pose = again.pose_to_frame(found[0].pose)
        if pose_problem(pose) is not None:
            return None, None, again
        return pose, found[0].mask, again

    def _video_estimator(self) -> Estimator:
        if self._estimator is None:
            self._estimator = self._make_video()
        return self._estimator

    def _still_estimator(self) -> Estimator:
        if self._still is None:
            self._still = self._make_still()
        return self._still

    def close(self) -> None:
        if self._estimator is not None:
            self._estimator.close()
            self._estimator = None
        if self._still is not None:
            self._still.close()
            self._still = None


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1e3
