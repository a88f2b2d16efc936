"""One frame through the try-on: track the shopper, draw the outfit. Shared by the headless
render command, the live mirror, the benchmark and the self-test.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from .capture.sources import Frame
from .overlay.garment import Garment
from .overlay.outfit import DrawnItem, OutfitRenderer
from .tracking.landmarks import TrackingResult
from .tracking.pose_tracker import PoseTracker


@dataclass(frozen=True, eq=False)
class RenderedFrame:
    frame: Frame
    rgb: npt.NDArray[np.uint8]  # the frame with the outfit drawn on the main shopper
    tracking: TrackingResult
    drawn: tuple[DrawnItem, ...]
    stages_ms: dict[str, float] = field(default_factory=dict)


class TryOnPipeline:
    """Tracker + outfit renderer. Not thread-safe: owned by one worker thread."""

    def __init__(self, tracker: PoseTracker, renderer: OutfitRenderer | None = None) -> None:
        self.tracker = tracker
        self.renderer = renderer or OutfitRenderer()

    def track(self, frame: Frame) -> TrackingResult:
        return self.tracker.process(frame.rgb, frame.timestamp_ms)

    def draw(
        self,
        frame: Frame,
        tracking: TrackingResult,
        garments: Sequence[Garment],
        *,
        opacity: float = 1.0,
        copy: bool = True,
    ) -> tuple[npt.NDArray[np.uint8], tuple[DrawnItem, ...]]:
        canvas = frame.rgb.copy() if copy else frame.rgb
        main = tracking.main
        if main is None or not garments or opacity <= 0.0:
            return canvas, ()
        drawn = self.renderer.render(canvas, main.pose, garments, person_mask=main.mask, opacity=opacity)
        return canvas, tuple(drawn)

    def process(self, frame: Frame, garments: Sequence[Garment], *, opacity: float = 1.0) -> RenderedFrame:
        t0 = time.perf_counter()
        tracking = self.track(frame)
        t1 = time.perf_counter()
        rgb, drawn = self.draw(frame, tracking, garments, opacity=opacity)
        t2 = time.perf_counter()
        return RenderedFrame(frame, rgb, tracking, drawn, {"tracking": (t1 - t0) * 1e3, "overlay": (t2 - t1) * 1e3})

    def close(self) -> None:
        self.tracker.close()
