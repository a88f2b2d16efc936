"""The finder: everyone in view, now and then, so the mirror can choose its shopper.

It runs MediaPipe in IMAGE mode (each call a fresh picture: no tracking state to go stale between
calls far apart) for several people on a downscaled frame. It is slow next to the follower (the
detector runs on every call, then the landmark model once per person), so it runs at a low rate
counted in frames, and at once when the shopper is lost. ``InlineFinder`` runs it in the caller's
thread (render, bench, self-test: deterministic by frame count); ``BackgroundFinder`` on a
low-priority thread of its own (the live mirror: off the follower's critical path).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from typing import Protocol

import cv2
import numpy as np
import numpy.typing as npt

from .landmarks import Pose
from .pose_estimator import RawPose

log = logging.getLogger(__name__)

U8Image = npt.NDArray[np.uint8]


class Estimator(Protocol):
    def estimate(self, frame_rgb: U8Image, timestamp_ms: int) -> list[RawPose]: ...
    def close(self) -> None: ...


@dataclass(frozen=True, eq=False)
class Sighting:
    """Everyone the finder saw on one frame, in that frame's pixels."""

    frame_index: int
    timestamp_ms: int
    frame_wh: tuple[int, int]
    poses: tuple[Pose, ...]
    ms: float = 0.0  # wall time of the search


def downscale(frame: U8Image, long_side: int) -> tuple[U8Image, float]:
    """The frame with its longer side at most ``long_side``, and the factor back to the frame."""
    h, w = frame.shape[:2]
    if max(h, w) <= long_side:
        return frame, 1.0
    k = long_side / max(h, w)
    size = (max(1, round(w * k)), max(1, round(h * k)))
    return cv2.resize(frame, size, interpolation=cv2.INTER_AREA), w / size[0]


class Finder:
    """Everyone in one frame (an IMAGE-mode estimator for several people)."""

    def __init__(self, estimator: Estimator, long_side: int) -> None:
        self._estimator = estimator
        self.long_side = long_side

    def find(self, frame_rgb: U8Image, timestamp_ms: int, frame_index: int) -> Sighting:
        t0 = time.perf_counter()
        small, k = downscale(frame_rgb, self.long_side)
        raw = self._estimator.estimate(small, timestamp_ms)
        poses = tuple(r.pose.scaled(k, k) if k != 1.0 else r.pose for r in raw)
        h, w = frame_rgb.shape[:2]
        return Sighting(frame_index, timestamp_ms, (w, h), poses, (time.perf_counter() - t0) * 1e3)

    def close(self) -> None:
        self._estimator.close()


class FinderRunner(Protocol):
    """Where the finder runs. ``request`` hands it a frame; ``poll`` returns a finished sighting
    once (None when there is none new); ``busy`` is True while a request is not answered yet."""

    def request(self, frame_rgb: U8Image, timestamp_ms: int, frame_index: int) -> None: ...
    def poll(self) -> Sighting | None: ...
    @property
    def busy(self) -> bool: ...
    def close(self) -> None: ...


class InlineFinder:
    """Runs the finder at once, in the caller's thread: results depend only on the frames."""

    def __init__(self, finder: Finder) -> None:
        self._finder = finder
        self._done: Sighting | None = None

    def request(self, frame_rgb: U8Image, timestamp_ms: int, frame_index: int) -> None:
        self._done = self._finder.find(frame_rgb, timestamp_ms, frame_index)

    def poll(self) -> Sighting | None:
        done, self._done = self._done, None
        return done

    @property
    def busy(self) -> bool:
        return False

    def close(self) -> None:
        self._finder.close()


class BackgroundFinder:
    """Runs the finder on its own thread at a lower priority; the newest request wins.

    The frame is handed over by reference: callers must not write into it afterwards (frames are
    never modified in place in Mirror's frame path; dressing works on a copy).
    """

    def __init__(self, finder: Finder, niceness: int = 6) -> None:
        self._finder = finder
        self._niceness = niceness
        self._cond = threading.Condition()
        self._pending: tuple[U8Image, int, int] | None = None
        self._done: Sighting | None = None
        self._working = False
        self._stop = False
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="mirror-finder", daemon=True)
        self._thread.start()

    def request(self, frame_rgb: U8Image, timestamp_ms: int, frame_index: int) -> None:
        with self._cond:
            self._pending = (frame_rgb, timestamp_ms, frame_index)
            self._cond.notify_all()

    def poll(self) -> Sighting | None:
        with self._cond:
            if self.error is not None:
                error, self.error = self.error, None
                raise RuntimeError(f"the finder stopped: {error}") from error
            done, self._done = self._done, None
            return done

    @property
    def busy(self) -> bool:
        with self._cond:
            return self._working or self._pending is not None

    def _run(self) -> None:
        lower_thread_priority(self._niceness)
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._stop or self._pending is not None)
                if self._stop:
                    return
                assert self._pending is not None
                job, self._pending = self._pending, None
                self._working = True
            try:
                sighting = self._finder.find(*job)
            except Exception as exc:  # the native runtime can fail in many ways: the owner restarts
                log.exception("finder failed")
                with self._cond:
                    self.error, self._working = exc, False
                return
            with self._cond:
                self._done, self._working = sighting, False

    def close(self) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        self._thread.join(timeout=10)
        self._finder.close()


def lower_thread_priority(niceness: int) -> None:
    """Raise the calling thread's nice value (Linux threads have their own); elsewhere, nothing."""
    if niceness <= 0 or not hasattr(os, "setpriority"):
        return
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + niceness)
    except OSError as exc:
        log.debug("could not lower the thread's priority: %s", exc)
