"""``mirror-app --self-test``: the whole try-on, headless, on 30 frames, with a short report.

It loads what ``run`` would load (model, configured catalog, configured camera; the bundled
demo clip when there is no camera, said so), tracks and dresses 30 frames with a 2–3 item
outfit from the catalog, and reports. Exit 0 when everything worked, 1 with one reason line
when something did not. CI runs it on the frozen build; installers run it after setting up.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..capture.orientation import rotate_frame
from ..capture.sources import CameraSource, CameraSpec, Frame, FrameSource, VideoFileSource
from ..catalog.loader import load_catalog
from ..catalog.model import Catalog, Item
from ..config import MirrorConfig, config_warnings
from ..domain import Category
from ..errors import MirrorError, SourceError
from ..pipeline import TryOnPipeline, tracker_settings
from ..resources import demo_video_path
from ..tracking.pose_estimator import check_model_file
from ..tracking.pose_tracker import PoseTracker
from .common import catalog_path, describe_build, device_exists, identify_model, model_path, quiet_opencv

log = logging.getLogger(__name__)

FRAMES = 30

# One item from each group, in this order, up to three: a top (or a dress), a bottom (unless
# a dress was chosen), then a hat, glasses or accessory.
_OUTFIT_GROUPS: tuple[tuple[Category, ...], ...] = (
    (Category.TOP, Category.OUTERWEAR, Category.DRESS),
    (Category.BOTTOM,),
    (Category.HAT, Category.GLASSES, Category.ACCESSORY),
)


class SelfTestError(MirrorError):
    """One reason the self-test failed, worded for the person who runs it."""


@dataclass
class SelfTestReport:
    lines: list[tuple[str, str]] = field(default_factory=list)  # (label, text), in order
    warnings: list[str] = field(default_factory=list)
    failure: str | None = None
    frames: int = 0
    frames_with_person: int = 0
    frames_dressed: int = 0

    @property
    def passed(self) -> bool:
        return self.failure is None

    def add(self, label: str, text: str) -> None:
        self.lines.append((label, text))
        log.info("self-test: %s %s", label, text)

    def text(self) -> str:
        out = [f"{label:<9} {text}" for label, text in self.lines]
        out += [f"{'warning':<9} {w}" for w in self.warnings]
        out.append("self-test passed" if self.passed else f"self-test FAILED: {self.failure}")
        return "\n".join(out)


def choose_outfit(catalog: Catalog) -> list[Item]:
    """2–3 items that can be worn together (fewer only when the catalog has fewer)."""
    chosen: list[Item] = []
    for group in _OUTFIT_GROUPS:
        if group == (Category.BOTTOM,) and chosen and chosen[0].category is Category.DRESS:
            continue
        for category in group:
            items = catalog.by_category(category)
            if items:
                chosen.append(items[0])
                break
    if len(chosen) < 2:
        chosen += [it for it in catalog.items if it not in chosen][: 2 - len(chosen)]
    return chosen


def _percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=np.float64), q)) if values else 0.0


def run_self_test(
    config: MirrorConfig,
    *,
    video: Path | None = None,
    frames: int = FRAMES,
    open_camera: Callable[[CameraSpec], FrameSource] = CameraSource,
) -> SelfTestReport:
    """Run every step; a failing step ends the test with its reason in ``failure``."""
    report = SelfTestReport()
    report.add("build", describe_build())
    report.add("config", config.source_file or "no configuration file: all defaults")
    try:
        _run(config, report, video, frames, open_camera)
    except SelfTestError as exc:
        report.failure = str(exc)
    except MirrorError as exc:  # model, catalog or source problems, already worded for people
        report.failure = str(exc)
    report.warnings = config_warnings(config) + report.warnings
    return report


def _run(
    config: MirrorConfig,
    report: SelfTestReport,
    video: Path | None,
    frames: int,
    open_camera: Callable[[CameraSpec], FrameSource],
) -> None:
    model = model_path(config)
    check_model_file(model)
    identity = identify_model(model)
    report.add("model", identity.describe())
    if identity.matches is False:
        report.warnings.append(f"the pose model differs from the one shipped ({model})")

    folder = catalog_path(config)
    catalog = load_catalog(folder)
    report.add("catalog", f"{folder}: {len(catalog.items)} items loaded, {len(catalog.problems)} skipped")
    for problem in catalog.problems:
        report.warnings.append(f"catalog: {problem}")
    if not catalog.items:
        raise SelfTestError(f"the catalog {folder} has no usable item (see `mirror-app catalog list {folder}`)")
    outfit = choose_outfit(catalog)
    report.add("outfit", ", ".join(f"{it.id} ({it.category.value})" for it in outfit))
    garments = [it.garment() for it in outfit]

    source, rotation, is_demo = _open_source(config, video, report, open_camera)
    t0 = time.perf_counter()
    settings = tracker_settings(model, config)  # as the mirror runs, but the finder by frame count
    tracking_ms: list[float] = []
    overlay_ms: list[float] = []
    try:
        with PoseTracker(settings) as tracker:
            load_ms = (time.perf_counter() - t0) * 1e3
            pipeline = TryOnPipeline(tracker)
            for _ in range(frames):
                frame = source.read()
                if frame is None:
                    break
                if rotation:
                    frame = Frame(rotate_frame(frame.rgb, rotation), frame.timestamp_ms, frame.index, frame.captured_at)
                rendered = pipeline.process(frame, garments)
                report.frames += 1
                tracking_ms.append(rendered.stages_ms["tracking"])
                overlay_ms.append(rendered.stages_ms["overlay"])
                if rendered.tracking.main is not None:
                    report.frames_with_person += 1
                if rendered.drawn:
                    report.frames_dressed += 1
    finally:
        source.close()

    report.add(
        "frames",
        f"{report.frames} read, {report.frames_with_person} with a person, {report.frames_dressed} dressed "
        f"(model loaded in {load_ms:.0f} ms)",
    )
    if report.frames < frames:
        raise SelfTestError(f"the source gave only {report.frames} of {frames} frames")
    report.add(
        "tracking",
        f"{_percentile(tracking_ms, 50):.1f} ms per frame (median), {_percentile(tracking_ms, 95):.1f} ms p95",
    )
    report.add(
        "overlay", f"{_percentile(overlay_ms, 50):.1f} ms per frame (median), {_percentile(overlay_ms, 95):.1f} ms p95"
    )
    if report.frames_with_person == 0:
        if is_demo or video is not None:
            raise SelfTestError("the pose model found nobody in the test video: tracking does not work")
        report.warnings.append("nobody stood in front of the camera during the test: tracking was not checked")
    elif report.frames_dressed == 0:
        raise SelfTestError("a person was found but no garment was drawn: the overlay does not work")


def _open_source(
    config: MirrorConfig,
    video: Path | None,
    report: SelfTestReport,
    open_camera: Callable[[CameraSpec], FrameSource],
) -> tuple[FrameSource, int, bool]:
    """(source, rotation to apply, whether it is the bundled demo clip)."""
    if video is not None:
        source = VideoFileSource(video, loop=True)
        report.add("source", f"video {video}")
        return source, config.camera_rotation, False
    spec = CameraSpec(
        config.camera_device, config.camera_width, config.camera_height, float(config.camera_fps), config.camera_mjpg
    )
    try:
        if device_exists(spec.device) is False:
            raise SourceError(f"no camera at {spec.device} (no such device)")
        with quiet_opencv():
            camera = open_camera(spec)
    except SourceError as exc:
        demo = demo_video_path()
        report.add("source", f"bundled demo clip {demo} (no camera at {spec.device})")
        report.warnings.append(f"{exc}: the mirror would play the demo clip")
        # The clip is upright: the camera's rotation setting does not apply to it.
        return VideoFileSource(demo, loop=True), 0, True
    actual = getattr(camera, "actual", None)
    mode = f" at {actual[0]}x{actual[1]} {actual[2]:.0f} fps" if actual else ""
    report.add("source", f"camera {config.camera_device}{mode}, rotation {config.camera_rotation}°")
    return camera, config.camera_rotation, False
