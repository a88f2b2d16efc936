"""The live pipeline: a capture thread that shows every camera frame dressed with its own pose,
a tracking thread that follows the shopper on the newest frame (its finder on a low-priority
thread of its own), and a warp thread that warps the outfit to each new pose.

    camera ──► capture thread ──(latest frame)──► tracking thread ──► warp thread
                   ▲   │                               (pose, mask)        │ (prepared outfit)
                   │   └─ dress frame k-1 with the newest pose of a frame ≤ k-1 ◄┘
                   │   └─► latest view frame (``frames``) ──► the visit controller

The steps are the shared frame path's (``pipeline``: track, prepare, dress). The screen shows
each frame a few camera frames late (``delay.DisplayDelay``: as many as tracking and warping
take, measured): by then its own pose is tracked and warped, so the garment sits on the body where
the body is in that picture, also while it moves (the pose's age at display is measured:
``pose_age_ms``). Nothing queues: each
hand-off is a ``LatestSlot``, so stale frames are dropped, never delayed.

The engine only dresses frames: what the shopper's hands press, how they stand and what size
fits them are the visit's decisions (``visit.controller``), made from each ``ViewFrame``'s pose.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

import cv2
import numpy as np
import numpy.typing as npt

from ..capture.orientation import rotate_frame
from ..capture.sources import Frame, FrameSource
from ..errors import MirrorError, SourceError
from ..overlay.garment import Garment
from ..overlay.outfit import DrawnItem, OutfitRenderer, PreparedOutfit
from ..pipeline import dress, prepare_outfit
from ..tracking.finder import lower_thread_priority
from ..tracking.landmarks import Pose, TrackedPerson, TrackingResult
from ..tracking.pose_tracker import PoseTracker
from ..view.transform import ScreenView, SplitView, ViewTransform
from .delay import DisplayDelay
from .fade import GarmentFade
from .slot import LatestSlot
from .stats import Timings

log = logging.getLogger(__name__)

U8Image = npt.NDArray[np.uint8]


class SourceStatus(StrEnum):
    STARTING = "starting"
    RUNNING = "running"
    RECONNECTING = "reconnecting"
    ENDED = "ended"
    FAILED = "failed"


@dataclass(frozen=True)
class EngineSettings:
    rotation: int = 0
    mirror: bool = True
    realtime: bool = True  # play files at their own frame rate (a camera sets its own pace)
    reconnect_initial_s: float = 0.5
    reconnect_max_s: float = 8.0
    warp_niceness: int = 0  # Linux: raise to let the warp thread yield to tracking (it then lags: older poses shown)
    frozen_after_s: float = 3.0  # a live camera showing the very same picture this long is stuck
    tracker_retry_s: float = 20.0  # a model that failed to load is tried again this often
    display_delay_frames: int | None = None  # frames the screen runs behind; None: as tracking needs (≤ 3)


@dataclass(frozen=True, eq=False)
class ViewFrame:
    """One dressed picture for the screen, the pose it was dressed for, and the camera's state."""

    image_rgb: U8Image  # exactly the screen size, mirrored, outfit drawn
    frame_index: int
    captured_at: float  # perf_counter when the camera frame arrived
    frame_wh: tuple[int, int]  # the upright camera frame's size
    view: ScreenView  # how the frame's pixels land on the screen: once, or twice side by side (compare)
    status: SourceStatus
    tracking: TrackingResult | None = None  # frame ``tracked_index``'s tracking, same size as this frame
    drawn: tuple[DrawnItem, ...] = ()
    tracked_index: int | None = None  # frame the pose came from
    message: str = ""
    tracking_error: str = ""  # the try-on is paused (model missing…); the mirror still mirrors
    pose_age_ms: float | None = None  # how much older than this picture its pose's picture is

    @property
    def shopper(self) -> TrackedPerson | None:
        """The main shopper in this picture (pose, identity and mask), if anyone."""
        return self.tracking.main if self.tracking is not None else None

    @property
    def pose(self) -> Pose | None:
        """The main shopper's pose, in upright-frame pixels."""
        shopper = self.shopper
        return shopper.pose if shopper is not None else None


@dataclass(frozen=True)
class _Outfits:
    current: tuple[Garment, ...]
    compare: tuple[Garment, ...] | None = None


@dataclass(frozen=True, eq=False)
class _Prepared:
    """The outfit warped for one tracking result (on the warp thread)."""

    tracked: _Tracked
    outfits: _Outfits
    current: PreparedOutfit | None
    compare: PreparedOutfit | None


@dataclass(frozen=True, eq=False)
class _Tracked:
    result: TrackingResult
    frame_index: int
    captured_at: float = 0.0
    rgb: U8Image | None = None  # the frame the pose came from (the outfit's light and the shopper's skin)


class _Recent:
    """The last few tracking results and prepared outfits, so a frame shown late can be dressed
    with the pose of its own frame (or the newest one before it), not with a newer one."""

    def __init__(self, delay: DisplayDelay, keep: int = 8) -> None:
        self.tracked: deque[_Tracked] = deque(maxlen=keep)
        self.prepared: deque[_Prepared] = deque(maxlen=keep)
        self.delay = delay
        self._versions = (0, 0)

    def update(self, tracked: tuple[_Tracked | None, int], prepared: tuple[_Prepared | None, int]) -> None:
        (t, tv), (p, pv) = tracked, prepared
        if t is not None and tv != self._versions[0]:
            self.tracked.append(t)
        if p is not None and pv != self._versions[1]:
            self.prepared.append(p)
            if p.tracked.captured_at > 0:
                self.delay.ready(time.perf_counter() - p.tracked.captured_at)
        self._versions = (tv, pv)

    def tracked_for(self, index: int) -> _Tracked | None:
        return next((t for t in reversed(self.tracked) if t.frame_index <= index), None)

    def prepared_for(self, index: int) -> _Prepared | None:
        return next((p for p in reversed(self.prepared) if p.tracked.frame_index <= index), None)

    def clear(self) -> None:
        self.tracked.clear()
        self.prepared.clear()


@dataclass
class LiveEngine:
    """Camera in, dressed ``ViewFrame`` out (in ``frames``, a latest-value slot: readers take the
    newest and the engine never waits for them)."""

    open_source: Callable[[], FrameSource]
    make_tracker: Callable[[], PoseTracker]
    settings: EngineSettings = field(default_factory=EngineSettings)
    timings: Timings = field(default_factory=Timings)

    def __post_init__(self) -> None:
        self.frames: LatestSlot[ViewFrame] = LatestSlot()
        self._to_track: LatestSlot[Frame] = LatestSlot()
        self._tracked: LatestSlot[_Tracked] = LatestSlot()
        self._outfit: LatestSlot[_Outfits] = LatestSlot()
        self._screen: LatestSlot[tuple[int, int]] = LatestSlot()
        self._outfit.put(_Outfits(()))
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.status = SourceStatus.STARTING
        self.error: str = ""
        self.tracking_error: str = ""
        self.skipped_frames = 0
        self._prepared: LatestSlot[_Prepared] = LatestSlot()
        self._shown: _Prepared | None = None  # capture thread only: what a fading outfit keeps

    # -- control (any thread) -----------------------------------------------------------------
    def set_screen_size(self, wh: tuple[int, int]) -> None:
        if wh[0] > 0 and wh[1] > 0:
            self._screen.put((int(wh[0]), int(wh[1])))

    def set_outfit(self, garments: Sequence[Garment], compare_with: Sequence[Garment] | None = None) -> None:
        """What to draw; with ``compare_with``, the screen shows the shopper twice, side by side:
        ``compare_with`` on the left (A), ``garments`` on the right (B)."""
        self._outfit.put(_Outfits(tuple(garments), None if compare_with is None else tuple(compare_with)))

    def start(self) -> None:
        self._stop.clear()
        self._threads = [
            threading.Thread(target=self._guard(self._capture_loop), name="mirror-capture", daemon=True),
            threading.Thread(target=self._guard(self._tracking_loop), name="mirror-tracking", daemon=True),
            threading.Thread(target=self._guard(self._warp_loop), name="mirror-warp", daemon=True),
        ]
        for t in self._threads:
            t.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout)
        self._threads = []

    @property
    def frames_dropped(self) -> int:
        """Camera frames never shown: skipped to catch up, or replaced before the UI took them."""
        return self.skipped_frames + self.frames.dropped

    def _guard(self, loop: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                loop()
            except Exception as exc:
                log.exception("%s stopped", threading.current_thread().name)
                self.status, self.error = SourceStatus.FAILED, f"{type(exc).__name__}: {exc}"
                self._publish_status()

        return run

    # -- tracking thread ------------------------------------------------------------------------
    def _tracking_loop(self) -> None:
        """Runs the model on the newest frame; if the model cannot be loaded or fails, the mirror
        keeps mirroring (without garments) and the model is tried again every so often."""
        while not self._stop.is_set():
            try:
                tracker = self.make_tracker()
            except MirrorError as exc:
                self._tracking_failed(str(exc))
                self._stop.wait(self.settings.tracker_retry_s)
                continue
            if self.tracking_error:
                log.info("tracking available again")
            self.tracking_error = ""
            try:
                self._track_with(tracker)
            except Exception as exc:  # the native runtime can fail in many ways
                log.exception("tracking failed; restarting the pose model")
                self._tracking_failed(f"pose model stopped: {type(exc).__name__}: {exc}")
                self._stop.wait(1.0)
            finally:
                tracker.close()

    def _tracking_failed(self, message: str) -> None:
        if message != self.tracking_error:
            log.error("tracking unavailable: %s", message)
        self.tracking_error = message
        self._publish_status()

    def _track_with(self, tracker: PoseTracker) -> None:
        version = 0
        while not self._stop.is_set():
            frame, version = self._to_track.take_newer(version, timeout=0.2)
            if frame is None:
                continue
            t0 = time.perf_counter()
            result = tracker.process(frame.rgb, frame.timestamp_ms)
            self.timings.add("tracking", (time.perf_counter() - t0) * 1e3)
            self.timings.add("inference", result.inference_ms)
            if result.finder_ms > 0:
                self.timings.add("finder", result.finder_ms)
            self.timings.event("tracking", time.perf_counter())
            self._tracked.put(_Tracked(result, frame.index, frame.captured_at, frame.rgb))

    # -- capture thread ---------------------------------------------------------------------------
    def _capture_loop(self) -> None:
        fade = GarmentFade()
        recent = _Recent(DisplayDelay(self.settings.display_delay_frames))
        pending: deque[Frame] = deque()  # captured, not shown yet (as many as the delay says)
        backoff = self.settings.reconnect_initial_s
        source: FrameSource | None = None
        next_due: float | None = None
        freeze = _FreezeWatch(self.settings.frozen_after_s)
        while not self._stop.is_set():
            if source is None:
                try:
                    source = self.open_source()
                    freeze = _FreezeWatch(self.settings.frozen_after_s)
                    self.status, self.error = SourceStatus.RUNNING, ""
                    backoff = self.settings.reconnect_initial_s
                    next_due = None
                except SourceError as exc:
                    self._wait_reconnect(str(exc), backoff)
                    backoff = min(backoff * 2, self.settings.reconnect_max_s)
                    continue
            t0 = time.perf_counter()
            try:
                frame = source.read()
                if frame is not None and source.live:
                    self._check_frame(frame, freeze)
            except SourceError as exc:
                log.warning("%s; reconnecting", exc)
                source.close()
                source = None
                pending.clear()
                recent.clear()
                self._wait_reconnect(str(exc), backoff)
                continue
            if frame is None:
                while pending:  # the last frames are shown too
                    recent.update(self._tracked.peek(), self._prepared.peek())
                    self._compose(pending.popleft(), recent, fade)
                self.status = SourceStatus.ENDED
                self._publish_status()
                source.close()
                return
            captured_at = frame.captured_at
            if self.settings.realtime and not source.live and source.fps:
                # A file plays like a camera: each frame "arrives" at its time, or is dropped if late.
                next_due = self._pace(next_due, 1.0 / source.fps)
                if next_due is None:
                    self.skipped_frames += 1
                    continue
                captured_at = time.perf_counter()
                t0 = captured_at
            upright = rotate_frame(frame.rgb, self.settings.rotation)
            frame = Frame(upright, frame.timestamp_ms, frame.index, captured_at)
            self.timings.add("capture", (time.perf_counter() - t0) * 1e3)
            self._to_track.put(frame)
            pending.append(frame)
            recent.delay.captured(frame.captured_at)
            recent.update(self._tracked.peek(), self._prepared.peek())
            while len(pending) > recent.delay.frames():
                self._compose(pending.popleft(), recent, fade)
        if source is not None:
            source.close()

    @staticmethod
    def _check_frame(frame: Frame, freeze: _FreezeWatch) -> None:
        """A camera that sends broken or frozen pictures is treated like one unplugged."""
        rgb = frame.rgb
        if (
            not isinstance(rgb, np.ndarray)
            or rgb.dtype != np.uint8
            or rgb.ndim != 3
            or rgb.shape[2] != 3
            or min(rgb.shape[:2]) < 16
        ):
            shape = getattr(rgb, "shape", None)
            raise SourceError(f"camera delivered an unusable picture ({shape})")
        if freeze.frozen(rgb, frame.captured_at):
            raise SourceError("camera picture is frozen")

    def _pace(self, next_due: float | None, period: float) -> float | None:
        now = time.perf_counter()
        if next_due is None:
            return now + period
        if now < next_due:
            self._stop.wait(next_due - now)
            return next_due + period
        if now - next_due > period:
            return None if now - next_due < 5 * period else now + period
        return next_due + period

    def _wait_reconnect(self, message: str, delay: float) -> None:
        self.status, self.error = SourceStatus.RECONNECTING, message
        self._publish_status()
        self._stop.wait(delay)

    # -- warp thread ------------------------------------------------------------------------------
    def _warp_loop(self) -> None:
        """Warps the outfit for each new pose (or outfit): the display path only composites."""
        lower_thread_priority(self.settings.warp_niceness)  # the model comes first when cores are short
        renderer = OutfitRenderer()
        seen_tracked = seen_outfit = 0
        latest: _Tracked | None = None
        while not self._stop.is_set():
            tracked, version = self._tracked.peek()
            outfits, outfit_version = self._outfit.peek()
            if version == seen_tracked and outfit_version == seen_outfit:
                self._stop.wait(0.003)
                continue
            seen_tracked, seen_outfit = version, outfit_version
            latest = tracked or latest
            if latest is None or outfits is None:
                continue
            main = latest.result.main
            wh = latest.result.frame_wh
            t0 = time.perf_counter()
            current = compare = None
            if main is not None:
                current = prepare_outfit(renderer, main, outfits.current, wh, latest.rgb) if outfits.current else None
                if outfits.compare is not None:
                    compare = prepare_outfit(renderer, main, outfits.compare, wh, latest.rgb)
                self.timings.add("warp", (time.perf_counter() - t0) * 1e3)
            self._prepared.put(_Prepared(latest, outfits, current, compare))

    def _compose(self, frame: Frame, recent: _Recent, fade: GarmentFade) -> None:
        t0 = time.perf_counter()
        tracked = recent.tracked_for(frame.index)
        h, w = frame.rgb.shape[:2]
        screen, _ = self._screen.peek()
        view = ViewTransform((w, h), screen or (w, h), mirror=self.settings.mirror)
        outfits, _ = self._outfit.peek()
        outfits = outfits or _Outfits(())
        tracking = tracked.result if tracked is not None and tracked.result.frame_wh == (w, h) else None
        main = tracking.main if tracking is not None else None
        pose = main.pose if main is not None else None
        opacity = fade.update(pose is not None, time.perf_counter())
        prepared = recent.prepared_for(frame.index)
        if prepared is not None and prepared.current is not None and prepared.current.frame_wh == (w, h):
            self._shown = prepared  # while the shopper is lost, the last outfit fades out in place
        elif pose is None and opacity > 0.0:
            prepared = self._shown
        if opacity <= 0.0 or (prepared is not None and not outfits.current):
            self._shown = None
        age_ms = None
        dressed_by = prepared.tracked if prepared is not None and pose is not None else None
        if dressed_by is not None:  # the pose the garment is drawn with, against this picture
            age_ms = max(frame.captured_at - dressed_by.captured_at, 0.0) * 1e3
            self.timings.add("pose_age_ms", age_ms)
            self.timings.add("pose_age_frames", float(frame.index - dressed_by.frame_index))
            self.timings.add("display_delay_frames", float(recent.delay.frames()))
        # The mask that goes with the outfit's pose: the shopper's own, from the same frame.
        person = prepared.tracked.result.main if prepared is not None else None

        def dressed(outfit: PreparedOutfit | None) -> tuple[U8Image, tuple[DrawnItem, ...]]:
            return dress(frame.rgb, outfit, person, opacity=opacity)

        source = self._shown if pose is None else prepared
        canvas, drawn = dressed(source.current if source is not None and outfits.current else None)
        t1 = time.perf_counter()
        shown: ScreenView = view
        if outfits.compare is not None:  # the shopper twice, side by side: A (before) left, B right
            left, _ = dressed(source.compare if source is not None else None)
            body = pose or (source.current.pose if source is not None and source.current is not None else None)
            shown = SplitView.around(body, view)
            t1 = time.perf_counter()
            image = shown.render(left, canvas)
        else:
            image = view.render(canvas)
        t2 = time.perf_counter()
        self.timings.add("overlay", (t1 - t0) * 1e3)
        self.timings.add("view", (t2 - t1) * 1e3)
        self.frames.put(
            ViewFrame(
                image_rgb=image,
                frame_index=frame.index,
                captured_at=frame.captured_at,
                frame_wh=(w, h),
                view=shown,
                status=self.status,
                tracking=tracking,
                drawn=drawn,
                tracked_index=tracked.frame_index if tracked else None,
                message=self.error,
                tracking_error=self.tracking_error,
                pose_age_ms=age_ms,
            )
        )
        self.timings.event("compose", time.perf_counter())

    def _publish_status(self) -> None:
        """The camera's or the model's state changed: the last picture (or a black one) says so,
        without a pose (none is current any more)."""
        previous, _ = self.frames.peek()
        if previous is None:
            screen, _ = self._screen.peek()
            wh = screen or (640, 480)
            previous = ViewFrame(
                image_rgb=np.zeros((wh[1], wh[0], 3), np.uint8),
                frame_index=-1,
                captured_at=time.perf_counter(),
                frame_wh=wh,
                view=ViewTransform(wh, wh),
                status=self.status,
            )
        self.frames.put(
            replace(
                previous,
                status=self.status,
                message=self.error,
                tracking_error=self.tracking_error,
                tracking=None,
                drawn=(),
                tracked_index=None,
                pose_age_ms=None,
            )
        )


class _FreezeWatch:
    """Notices a live picture that stops changing at all (a hung driver repeats its last frame).

    Compares an 8×8 thumbnail: sensor noise makes real frames differ even in a still scene."""

    def __init__(self, after_s: float) -> None:
        self.after_s = after_s
        self._thumb: bytes | None = None
        self._since = 0.0

    def frozen(self, rgb: U8Image, now: float) -> bool:
        thumb = cv2.resize(rgb, (8, 8), interpolation=cv2.INTER_AREA).tobytes()
        if thumb != self._thumb:
            self._thumb, self._since = thumb, now
            return False
        return now - self._since >= self.after_s
