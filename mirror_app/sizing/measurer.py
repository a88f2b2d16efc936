"""Body measurements from a shopper who stands still for about two seconds.

Fed one pose per frame with the frame's clock; keeps no images, only a few numbers per frame, and
forgets them on ``reset()`` (end of visit) or when the main person changes.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from ..tracking.landmarks import Pose
from .body import (
    LENGTHS,
    MEASUREMENTS,
    STILL_LANDMARKS,
    BodyModel,
    FrameLengths,
    Reason,
    body_from_lengths,
    frame_lengths,
    plausible,
)

# Reasons that make the whole estimate unusable; PARTLY_OUT_OF_FRAME only costs some measurements.
BLOCKING = frozenset(
    {
        Reason.NO_PERSON,
        Reason.MOVING,
        Reason.TOO_FEW_FRAMES,
        Reason.NOT_FACING,
        Reason.INCONSISTENT,
        Reason.LOOSE_CLOTHING_SUSPECTED,
        Reason.NO_WORLD_LANDMARKS,
    }
)


@dataclass(frozen=True)
class BodyEstimate:
    """Measurements in cm (None when not measured), with how far to trust them.

    ``ready`` is False while still collecting (``progress`` 0..1 of the still time needed);
    ``reasons`` says why the estimate is not to be trusted, or which parts are missing.
    ``uncertainty_cm`` is a 1-sigma error per measurement, dominated by the unknown absolute
    scale of one camera (docs/sizing.md).
    """

    shoulder: float | None = None
    chest: float | None = None
    waist: float | None = None
    hip: float | None = None
    torso: float | None = None
    inseam: float | None = None
    height: float | None = None
    confidence: float = 0.0
    reasons: tuple[Reason, ...] = ()
    ready: bool = False
    progress: float = 0.0
    frames: int = 0
    uncertainty_cm: dict[str, float] = field(default_factory=dict)

    @property
    def trustworthy(self) -> bool:
        return self.ready and not any(r in BLOCKING for r in self.reasons)

    def measurements(self) -> dict[str, float]:
        """The measured values by size-chart name (missing ones left out)."""
        out: dict[str, float] = {}
        for name in MEASUREMENTS:
            v = getattr(self, name)
            if v is not None:
                out[name] = float(v)
        return out

    @staticmethod
    def pending(reasons: tuple[Reason, ...], progress: float = 0.0, frames: int = 0) -> BodyEstimate:
        return BodyEstimate(reasons=reasons, progress=progress, frames=frames)


@dataclass(frozen=True)
class MeasurerSettings:
    still_s: float = 2.0  # how long the shopper stands still before we measure
    min_frames: int = 12  # fewer frames in that time (a slow machine): too few to average
    # landmark wander allowed while "still", as a fraction of the body's pixel scale (about
    # shoulder width): 0.08 is ~3 cm, above MediaPipe's jitter and below a sway or a step
    still_tolerance: float = 0.08
    min_visibility: float = 0.5
    max_yaw_deg: float = 35.0  # turned further than this: the model's depth guess is poor
    outlier_mads: float = 3.5  # frames further than this many MADs from the median are dropped
    max_spread: float = 0.06  # median relative spread above this: the frames disagree
    max_silhouette_ratio: float = 1.95  # mask wider than this × shoulder joints: loose clothing
    min_confidence: float = 0.45
    model: BodyModel = field(default_factory=BodyModel)


@dataclass(frozen=True, eq=False)
class _Sample:
    t_ms: int
    xy: npt.NDArray[np.float64]  # STILL_LANDMARKS positions (pixels)
    seen: npt.NDArray[np.bool_]  # which of them the model actually sees (visible landmarks)
    scale: float  # the body's size in pixels (about its shoulder width)
    lengths: FrameLengths


class BodyMeasurer:
    """Collects still frames and turns them into a ``BodyEstimate``.

    Call ``update`` once per tracked frame; it returns the estimate to show now. The best
    finished estimate of the visit is kept while the shopper moves their hands to browse.
    """

    def __init__(self, settings: MeasurerSettings | None = None) -> None:
        self.settings = settings or MeasurerSettings()
        self._window: deque[_Sample] = deque()
        self._best: BodyEstimate | None = None
        self._track_id: int | None = None

    @property
    def best(self) -> BodyEstimate | None:
        return self._best

    def reset(self) -> None:
        """Forget everything (end of visit): nothing of a shopper outlives their visit."""
        self._window.clear()
        self._best = None
        self._track_id = None

    def update(
        self,
        pose: Pose | None,
        timestamp_ms: int,
        *,
        track_id: int | None = None,
        frame_wh: tuple[int, int] | None = None,
        mask: npt.NDArray[np.float32] | None = None,
    ) -> BodyEstimate:
        """Add one frame (``pose`` None: nobody) and return the estimate to show now."""
        s = self.settings
        if track_id is not None and track_id != self._track_id:
            if self._track_id is not None:
                self.reset()
            self._track_id = track_id
        if pose is None:
            self._window.clear()
            return self._best or BodyEstimate.pending((Reason.NO_PERSON,))
        lengths = frame_lengths(pose, frame_wh=frame_wh, mask=mask, min_visibility=s.min_visibility)
        if lengths is None:
            self._window.clear()
            return self._best or BodyEstimate.pending((Reason.NO_WORLD_LANDMARKS,))
        scale = max(pose.body_scale(), 1.0)
        xy = np.asarray(pose.xy[list(STILL_LANDMARKS)], dtype=np.float64)
        seen = np.asarray(pose.visibility[list(STILL_LANDMARKS)] >= s.min_visibility)
        self._window.append(_Sample(int(timestamp_ms), xy, seen, scale, lengths))
        while self._window and timestamp_ms - self._window[0].t_ms > s.still_s * 1000:
            self._window.popleft()
        if self._moving():
            self._window.clear()
            self._window.append(_Sample(int(timestamp_ms), xy, seen, scale, lengths))
            return self._best or BodyEstimate.pending((Reason.MOVING,))
        span_ms = timestamp_ms - self._window[0].t_ms
        progress = min(1.0, span_ms / (s.still_s * 1000))
        if span_ms < s.still_s * 1000 * 0.95:
            return self._best or BodyEstimate.pending((Reason.TOO_FEW_FRAMES,), progress, len(self._window))
        if len(self._window) < s.min_frames:
            # still long enough but too few frames: keep sliding, say so
            return self._best or BodyEstimate.pending((Reason.TOO_FEW_FRAMES,), progress, len(self._window))
        estimate = estimate_from_frames([smp.lengths for smp in self._window], s)
        self._window.clear()
        if self._best is None or _rank(estimate) >= _rank(self._best):
            self._best = estimate
        return self._best

    def _moving(self) -> bool:
        """Any key landmark strayed from its window median by more than the tolerance."""
        if len(self._window) < 2:
            return False
        stack = np.stack([smp.xy for smp in self._window])  # (n, k, 2)
        med = np.median(stack, axis=0)
        scale = float(np.median([smp.scale for smp in self._window]))
        wander = np.linalg.norm(stack[-1] - med, axis=1) / scale
        # Only landmarks the model sees: a guessed knee out of frame wanders on its own.
        seen = self._window[-1].seen
        if seen.sum() >= 3:
            wander = wander[seen]
        # the 80th percentile over landmarks: one flickering ankle is not the person moving
        return bool(np.percentile(wander, 80) > self.settings.still_tolerance)


def _rank(e: BodyEstimate) -> tuple[int, int, float]:
    return (int(e.trustworthy), len(e.measurements()), e.confidence)


def robust_mean(values: npt.NDArray[np.float64], mads: float) -> tuple[float, float, int]:
    """(mean of inliers, relative spread, outliers dropped) of finite ``values``; median/MAD test."""
    v = values[np.isfinite(values)]
    if v.size == 0:
        return math.nan, math.nan, 0
    med = float(np.median(v))
    mad = 1.4826 * float(np.median(np.abs(v - med)))
    floor = 0.005 * abs(med)  # jitter-free synthetic frames have MAD 0; do not drop everything
    keep = np.abs(v - med) <= mads * max(mad, floor)
    inliers = v[keep]
    spread = float(np.std(inliers)) / abs(med) if med else math.inf
    return float(np.mean(inliers)), spread, int(v.size - inliers.size)


def estimate_from_frames(frames: list[FrameLengths], settings: MeasurerSettings) -> BodyEstimate:
    """Average the still frames (outliers dropped) and judge how far to trust the result."""
    n = len(frames)
    if n == 0:
        return BodyEstimate.pending((Reason.TOO_FEW_FRAMES,))
    stack = np.stack([f.lengths_m for f in frames])  # (n, 5)
    reasons: list[Reason] = []
    means = np.full(len(LENGTHS), np.nan)
    spreads: list[float] = []
    dropped = 0
    for i in range(len(LENGTHS)):
        column = stack[:, i]
        if np.isfinite(column).sum() < max(3, n // 2):  # hidden in most frames: not measured
            continue
        m, spread, out = robust_mean(column, settings.outlier_mads)
        means[i], dropped = m, dropped + out
        spreads.append(spread)
    if np.isnan(means).any():
        reasons.append(Reason.PARTLY_OUT_OF_FRAME)
    yaw = float(np.median([f.yaw_deg for f in frames]))
    if yaw > settings.max_yaw_deg:
        reasons.append(Reason.NOT_FACING)
    ratios = [f.silhouette_ratio for f in frames if f.silhouette_ratio is not None]
    if ratios and float(np.median(ratios)) > settings.max_silhouette_ratio:
        reasons.append(Reason.LOOSE_CLOTHING_SUSPECTED)
    values = body_from_lengths(means, settings.model)
    # every output depends on these lengths: missing inputs leave it unknown
    depends = {
        "shoulder": (0,),
        "chest": (0,),
        "hip": (1,),
        "waist": (0, 1),
        "torso": (2,),
        "inseam": (3,),
        "height": (4,),
    }
    known = {k: v for k, v in values.items() if all(np.isfinite(means[j]) for j in depends[k])}
    spread = float(np.median(spreads)) if spreads else math.inf
    if not spreads:
        reasons.append(Reason.PARTLY_OUT_OF_FRAME if Reason.PARTLY_OUT_OF_FRAME not in reasons else Reason.INCONSISTENT)
    elif spread > settings.max_spread or not plausible(known):
        reasons.append(Reason.INCONSISTENT)
    # Confidence: agreement between frames, outliers, how visible the needed landmarks were.
    measured = np.isfinite(means)
    vis = float(np.isfinite(stack[:, measured]).mean()) if measured.any() else 0.0
    c_spread = 1.0 - min(1.0, max(0.0, (spread - 0.01) / 0.06)) if math.isfinite(spread) else 0.0
    c_outliers = max(0.0, 1.0 - 2.0 * dropped / max(1, n * len(spreads or [0])))
    c_frames = min(1.0, n / (1.5 * settings.min_frames))
    confidence = float(np.clip(c_spread * c_outliers * c_frames * (0.5 + 0.5 * vis), 0.0, 1.0))
    if confidence < settings.min_confidence and Reason.INCONSISTENT not in reasons:
        reasons.append(Reason.INCONSISTENT)
    unc = {k: round(v * settings.model.uncertainty.get(k, 0.1), 1) for k, v in known.items()}
    return BodyEstimate(
        **{k: round(v, 1) for k, v in known.items()},
        confidence=round(confidence, 3),
        reasons=tuple(dict.fromkeys(reasons)),
        ready=True,
        progress=1.0,
        frames=n,
        uncertainty_cm=unc,
    )
