"""One frame through the try-on: track the shopper, warp the outfit to their pose, dress the frame.

The live mirror, ``render``, the bench and the self-test all run these same three steps:

    track(frame) ─► TrackingResult ─► prepare(result, garments) ─► PreparedOutfit ─► dress(frame, …)

``TryOnPipeline.process`` runs them in a row for one frame; ``process_video`` runs a whole source
through them with the decoding, the tracking and the dressing of successive frames overlapped on
threads (results in frame order, and the same as in a row: tracking stays sequential); the live
engine runs each step on its own thread. ``tracker_settings`` is the one place their tracking
settings come from.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from .capture.sources import Frame, FrameSource
from .overlay.garment import Garment
from .overlay.outfit import DrawnItem, OutfitRenderer, PreparedOutfit, composite_outfit
from .tracking.landmarks import TrackedPerson, TrackingResult
from .tracking.pose_tracker import PoseTracker, TrackerSettings

if TYPE_CHECKING:
    from .config import MirrorConfig

U8Image = npt.NDArray[np.uint8]


def tracker_settings(
    model: Path, config: MirrorConfig | None = None, *, live: bool = False, still: bool = False
) -> TrackerSettings:
    """Tracking settings for a frame path: the product's defaults (``TrackerSettings``), the
    configuration's ``[tracking]`` keys over them, and what the path needs: ``live`` runs the finder
    on its own thread (off the follower's critical path); ``still`` is for unrelated pictures."""
    s = TrackerSettings(model)
    if config is not None:
        s = replace(
            s,
            num_poses=config.tracking_num_poses,
            segmentation=config.tracking_segmentation,
            detection_long_side=config.tracking_detection_size,
        )
    if still:
        s = replace(s, video=False, smoothing=None)
    return replace(s, finder_thread=live and not still)


@dataclass(frozen=True, eq=False)
class RenderedFrame:
    frame: Frame
    rgb: U8Image  # the frame with the outfit drawn on the main shopper
    tracking: TrackingResult
    drawn: tuple[DrawnItem, ...]
    stages_ms: dict[str, float] = field(default_factory=dict)


def prepare_outfit(
    renderer: OutfitRenderer,
    person: TrackedPerson,
    garments: Sequence[Garment],
    frame_wh: tuple[int, int],
    frame_rgb: U8Image | None = None,
) -> PreparedOutfit:
    """The outfit warped to the shopper: the one place every frame path calls ``prepare``.
    ``person.mask`` is the shopper's own mask (whole frame, nobody else's pixels): it gives the
    body's outline; ``frame_rgb``, the frame the pose came from, gives the room's light and the
    shopper's skin."""
    return renderer.prepare(person.pose, garments, frame_wh, person_mask=person.mask, frame_rgb=frame_rgb)


def dress(
    frame_rgb: U8Image,
    prepared: PreparedOutfit | None,
    person: TrackedPerson | None,
    *,
    opacity: float = 1.0,
) -> tuple[U8Image, tuple[DrawnItem, ...]]:
    """A copy of the frame with the prepared outfit composited on the shopper (their arms in
    front, by their own mask); the frame itself unchanged when there is nothing to draw."""
    if prepared is None or opacity <= 0.0 or prepared.frame_wh != (frame_rgb.shape[1], frame_rgb.shape[0]):
        return frame_rgb, ()
    canvas = frame_rgb.copy()
    mask = person.mask if person is not None else None
    return canvas, tuple(composite_outfit(canvas, prepared, person_mask=mask, opacity=opacity))


class TryOnPipeline:
    """Tracker and outfit renderer for one frame path. Not thread-safe: ``track`` belongs to one
    thread and ``prepare`` to one thread (they may be two, as in ``process_video``)."""

    def __init__(self, tracker: PoseTracker, renderer: OutfitRenderer | None = None) -> None:
        self.tracker = tracker
        self.renderer = renderer or OutfitRenderer()

    def track(self, frame: Frame) -> TrackingResult:
        return self.tracker.process(frame.rgb, frame.timestamp_ms)

    def prepare(
        self, tracking: TrackingResult, garments: Sequence[Garment], frame_rgb: U8Image | None = None
    ) -> PreparedOutfit | None:
        main = tracking.main
        if main is None or not garments:
            return None
        return prepare_outfit(self.renderer, main, garments, tracking.frame_wh, frame_rgb)

    def dress(
        self, frame: Frame, tracking: TrackingResult, garments: Sequence[Garment], *, opacity: float = 1.0
    ) -> tuple[U8Image, tuple[DrawnItem, ...], dict[str, float]]:
        t0 = time.perf_counter()
        prepared = self.prepare(tracking, garments, frame.rgb)
        t1 = time.perf_counter()
        rgb, drawn = dress(frame.rgb, prepared, tracking.main, opacity=opacity)
        t2 = time.perf_counter()
        return rgb, drawn, {"warp": (t1 - t0) * 1e3, "overlay": (t2 - t0) * 1e3}

    def process(self, frame: Frame, garments: Sequence[Garment], *, opacity: float = 1.0) -> RenderedFrame:
        t0 = time.perf_counter()
        tracking = self.track(frame)
        tracking_ms = (time.perf_counter() - t0) * 1e3
        rgb, drawn, stages = self.dress(frame, tracking, garments, opacity=opacity)
        return RenderedFrame(frame, rgb, tracking, drawn, {"tracking": tracking_ms, **stages})


_END = object()


def process_video(
    source: FrameSource,
    pipeline: TryOnPipeline,
    garments: Sequence[Garment],
    on_frame: Callable[[RenderedFrame], None],
    *,
    max_frames: int | None = None,
    overlap: bool = True,
) -> int:
    """Every frame of ``source`` through the pipeline; ``on_frame`` gets each result in order.

    With ``overlap`` three threads share the work: one decodes ahead, this one tracks, one warps,
    dresses and hands the frame to ``on_frame`` (writing a video there overlaps too). Tracking is
    sequential and the finder runs by frame count, so the results do not depend on timing.
    Returns the number of frames; an exception in any step stops the run and is raised here."""
    if not overlap:
        n = 0
        while (max_frames is None or n < max_frames) and (frame := source.read()) is not None:
            on_frame(pipeline.process(frame, garments))
            n += 1
        return n
    frames: queue.Queue[object] = queue.Queue(maxsize=4)
    tracked: queue.Queue[object] = queue.Queue(maxsize=4)
    failure: list[BaseException] = []
    stop = threading.Event()

    def put(q: queue.Queue[object], item: object) -> bool:
        while not stop.is_set():
            try:
                q.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            n = 0
            while (max_frames is None or n < max_frames) and (frame := source.read()) is not None:
                if not put(frames, frame):
                    return
                n += 1
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            failure.append(exc)
        put(frames, _END)

    def dress_all() -> None:
        try:
            while True:
                item = tracked.get()
                if item is _END:
                    return
                assert isinstance(item, tuple)
                frame, tracking, tracking_ms = item
                rgb, drawn, stages = pipeline.dress(frame, tracking, garments)
                on_frame(RenderedFrame(frame, rgb, tracking, drawn, {"tracking": tracking_ms, **stages}))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            failure.append(exc)
            stop.set()

    reader = threading.Thread(target=read, name="mirror-decode", daemon=True)
    dresser = threading.Thread(target=dress_all, name="mirror-dress", daemon=True)
    reader.start()
    dresser.start()
    count = 0
    try:
        while not stop.is_set():
            item = frames.get()
            if item is _END:
                break
            assert isinstance(item, Frame)
            t0 = time.perf_counter()
            tracking = pipeline.track(item)
            if not put(tracked, (item, tracking, (time.perf_counter() - t0) * 1e3)):
                break
            count += 1
    except BaseException:
        stop.set()
        raise
    finally:
        put(tracked, _END)
        dresser.join()
        stop.set()
        reader.join(timeout=5)
    if failure:
        raise failure[0]
    return count
