"""Stable identities for the people in view, and the choice of the one being dressed.

MediaPipe returns poses in no particular order; a shop mirror must keep dressing the same
shopper while passers-by cross behind them. Matching is by torso position and size, so it needs
no appearance model and costs microseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .landmarks import Landmark, Pose

_TORSO = [Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER, Landmark.LEFT_HIP, Landmark.RIGHT_HIP]


def torso_center(pose: Pose) -> np.ndarray:
    return np.asarray(pose.xy[_TORSO].mean(axis=0), dtype=np.float64)


@dataclass
class _Track:
    track_id: int
    center: np.ndarray
    scale: float
    last_seen_ms: int


@dataclass(frozen=True)
class TrackingPolicy:
    """How long identities survive and how reluctant the mirror is to change shopper."""

    max_match_distance: float = 0.9  # in body scales
    forget_after_ms: int = 1500  # longer than the finder's interval: people are seen now and then
    main_grace_ms: int = 900  # keep waiting for the lost main shopper this long
    takeover_ratio: float = 1.8  # another person must be this much more prominent…
    takeover_ms: int = 1500  # …for this long, to become the main shopper


class PersonTracks:
    """Assigns track ids to poses frame by frame and keeps the main-shopper choice sticky."""

    def __init__(self, policy: TrackingPolicy | None = None) -> None:
        self.policy = policy or TrackingPolicy()
        self._tracks: dict[int, _Track] = {}
        self._next_id = 1
        self.main_id: int | None = None
        self._main_lost_since: int | None = None
        self._challenger: tuple[int, int] | None = None  # (track id, since ms)

    def update(
        self, poses: list[Pose], timestamp_ms: int, frame_wh: tuple[int, int], main_index: int | None = None
    ) -> list[int]:
        """Returns one track id per pose (same order) and updates ``main_id``.

        ``main_index``: that pose is known to be the main shopper's (the follower saw them there),
        whatever its distance to the others."""
        ids = self._match(poses, timestamp_ms, main_index)
        self._forget(timestamp_ms)
        self._choose_main(dict(zip(ids, poses, strict=True)), timestamp_ms, frame_wh)
        return ids

    def observe(self, track_id: int, pose: Pose, timestamp_ms: int) -> None:
        """One person seen between updates (the follower's view of the main shopper)."""
        tr = self._tracks.get(track_id)
        if tr is not None:
            tr.center, tr.scale = torso_center(pose), pose.body_scale()
            tr.last_seen_ms = max(tr.last_seen_ms, timestamp_ms)
            if track_id == self.main_id:
                self._main_lost_since = None

    def distance(self, a: Pose, b: Pose) -> float:
        """How far apart two poses are, in body scales plus size change: the matching cost."""
        scale = max(b.body_scale(), 1.0)
        return float(np.linalg.norm(torso_center(a) - torso_center(b))) / scale + abs(
            float(np.log(a.body_scale() / scale))
        )

    # -- identities ---------------------------------------------------------------------------
    def _match(self, poses: list[Pose], now: int, main_index: int | None) -> list[int]:
        centers = [torso_center(p) for p in poses]
        scales = [p.body_scale() for p in poses]
        ids: list[int | None] = [None] * len(poses)
        taken: set[int] = set()
        if main_index is not None and self.main_id in self._tracks:
            ids[main_index] = self.main_id
            taken.add(self.main_id)
        pairs: list[tuple[float, int, int]] = []
        for i, (c, s) in enumerate(zip(centers, scales, strict=True)):
            for tid, tr in self._tracks.items():
                size_change = abs(np.log(s / tr.scale))
                cost = float(np.linalg.norm(c - tr.center)) / max(tr.scale, 1.0) + size_change
                if cost < self.policy.max_match_distance:
                    pairs.append((cost, i, tid))
        pairs.sort()
        for _cost, i, tid in pairs:
            if ids[i] is None and tid not in taken:
                ids[i] = tid
                taken.add(tid)
        out: list[int] = []
        for i, matched in enumerate(ids):
            tid = matched if matched is not None else self._new_track(centers[i], scales[i], now)
            tr = self._tracks[tid]
            tr.center, tr.scale, tr.last_seen_ms = centers[i], scales[i], max(tr.last_seen_ms, now)
            out.append(tid)
        return out

    def _new_track(self, center: np.ndarray, scale: float, now: int) -> int:
        tid = self._next_id
        self._next_id += 1
        self._tracks[tid] = _Track(tid, center, scale, now)
        return tid

    def _forget(self, now: int) -> None:
        for tid in [t for t, tr in self._tracks.items() if now - tr.last_seen_ms > self.policy.forget_after_ms]:
            del self._tracks[tid]

    # -- main shopper -------------------------------------------------------------------------
    @staticmethod
    def prominence(pose: Pose, frame_wh: tuple[int, int]) -> float:
        """Bigger (closer) and more central people are more likely the shopper at the mirror."""
        w = max(frame_wh[0], 1)
        off_center = abs(float(torso_center(pose)[0]) - w / 2) / (w / 2)
        return pose.body_scale() * (1.0 - 0.5 * min(off_center, 1.0))

    def _choose_main(self, visible: dict[int, Pose], now: int, frame_wh: tuple[int, int]) -> None:
        p = self.policy
        if not visible:
            self._challenger = None
            if self.main_id is not None:
                self._main_lost_since = self._main_lost_since or now
                if now - self._main_lost_since > p.main_grace_ms:
                    self.main_id = None
            return
        ranked = sorted(visible, key=lambda t: self.prominence(visible[t], frame_wh), reverse=True)
        best = ranked[0]
        if self.main_id in visible:
            self._main_lost_since = None
            self._consider_takeover(visible, best, now, frame_wh)
            return
        if self.main_id is not None:
            self._main_lost_since = self._main_lost_since or now
            if now - self._main_lost_since <= p.main_grace_ms:
                return  # the shopper may reappear (occlusion, a missed frame)
        self.main_id, self._main_lost_since, self._challenger = best, None, None

    def _consider_takeover(self, visible: dict[int, Pose], best: int, now: int, frame_wh: tuple[int, int]) -> None:
        assert self.main_id is not None
        main_score = self.prominence(visible[self.main_id], frame_wh)
        if best == self.main_id or self.prominence(visible[best], frame_wh) < self.policy.takeover_ratio * main_score:
            self._challenger = None
            return
        if self._challenger is None or self._challenger[0] != best:
            self._challenger = (best, now)
        elif now - self._challenger[1] >= self.policy.takeover_ms:
            self.main_id, self._challenger = best, None
