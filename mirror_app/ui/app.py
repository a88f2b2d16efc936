"""``mirror-app run``: wires the configuration, catalog, live engine and window together."""

from __future__ import annotations

import json
import logging
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from ..analytics import EventLog, VisitRecorder
from ..analytics.log import LogSettings
from ..capture.sources import CameraSource, CameraSpec, FrameSource, VideoFileSource
from ..catalog.loader import load_catalog
from ..catalog.model import Catalog
from ..catalog.watch import CatalogUpdate, CatalogWatcher
from ..config import MirrorConfig
from ..domain import Language
from ..errors import MirrorError, SourceError
from ..live.engine import EngineSettings, LiveEngine
from ..live.stats import rss_mb
from ..photo import DEFAULT_URL_TEMPLATE, PhotoStore
from ..pipeline import tracker_settings
from ..resources import default_model_path, demo_catalog_dir, demo_video_path, fonts_dir
from ..session.state import MirrorSession, SessionSettings
from ..share import Listener, PhotoServer, PhotoShelf, ShareError, share_app
from ..sizing import BodyModel, MeasurerSettings
from ..staff import PinLock
from ..tracking.pose_estimator import check_model_file
from ..tracking.pose_tracker import PoseTracker
from ..visit import EXIT_STAFF, ControllerOptions, Key, KeyPress, MirrorController, OrderLinkDesk, PhotoDesk
from ..visit.journal import EventsFile, JournaledDesk, Sinks
from ..visit.photo_desk import LanShareDesk
from . import paint
from .catalog_sync import CatalogSync
from .driver import MirrorDriver, ShellHooks
from .window import MirrorWindow

log = logging.getLogger(__name__)

__all__ = ["EXIT_STAFF", "Mirror", "RunOptions", "build_mirror", "run_mirror"]


@dataclass(frozen=True)
class RunOptions:
    video: Path | None = None
    windowed: bool = False
    exit_after_s: float | None = None
    exit_after_frames: int | None = None  # quit once this many camera frames were shown (tests: frames, not seconds)
    stats_json: Path | None = None
    debug_overlay: bool = False
    window_size: tuple[int, int] = (540, 960)
    sample_every_s: float = 60.0  # memory and fps readings in the stats file (soak runs)
    screenshot: Path | None = None  # saved when the mirror quits (installers, tests)
    wear: tuple[str, ...] = ()  # items worn from the start (demos, benchmarks, soak tests)
    photo_at_s: float | None = None  # press "Take photo" this many seconds after the start
    events: Path | None = None  # append one JSON line per visit event (visit/journal.py)
    # [photo] share = "lan": the socket the command line opened before the privacy lock, or why it could not
    photo_listener: Listener | ShareError | None = None


def load_fonts() -> str:
    """Register the bundled Hangul-capable fonts; returns the family name used."""
    family = paint.FONT_FAMILY
    for name in ("NanumSquareRoundR.ttf", "NanumSquareRoundB.ttf"):
        fid = QFontDatabase.addApplicationFont(str(fonts_dir() / name))
        if fid < 0:
            log.warning("font %s could not be loaded; Korean text may show as boxes", name)
        else:
            family = QFontDatabase.applicationFontFamilies(fid)[0]
    paint.FONT_FAMILY = family
    return family


def choose_source(config: MirrorConfig, video: Path | None) -> tuple[Any, bool]:
    """(a function that opens the frame source, whether it is the demo clip)."""
    if video is not None:
        if not video.exists():
            raise SourceError(f"video not found: {video}")
        VideoFileSource(video).close()  # fail now, with a clear line, if it cannot be read
        return (lambda: VideoFileSource(video, loop=True)), False
    spec = CameraSpec(
        config.camera_device, config.camera_width, config.camera_height, float(config.camera_fps), config.camera_mjpg
    )
    try:
        CameraSource(spec).close()
    except SourceError as exc:
        log.warning("%s; playing the demo clip", exc)
        demo = demo_video_path()
        return (lambda: VideoFileSource(demo, loop=True)), True

    def open_camera() -> FrameSource:
        return CameraSource(spec)

    return open_camera, False


@dataclass
class Mirror:
    """The assembled mirror: engine, visit controller, window and what the staff menu can change."""

    app: QApplication
    engine: LiveEngine
    controller: MirrorController
    driver: MirrorDriver
    window: MirrorWindow
    catalog_dir: Path
    options: RunOptions
    exit_code: int = 0

    def quit_with(self, code: int) -> None:
        self.exit_code = code
        self.app.quit()

    catalog_sync: CatalogSync | None = None
    events: EventLog | None = None
    journal: EventsFile | None = None
    photo_server: PhotoServer | None = None
    photo_shelf: PhotoShelf | None = None

    def take_photo(self) -> None:
        """``--photo-at``: as if the shopper pressed "Take photo" (the countdown runs as usual)."""
        if not self.controller.session.outfit:
            log.warning(
                "--photo-at: nothing is worn, and the mirror offers a photo only with an outfit (add --wear ID)"
            )
        self.driver.refresh([KeyPress(Key.PHOTO)])

    def reload_catalog(self) -> None:
        if self.catalog_sync is not None:
            self.catalog_sync.reload_now()

    def apply_catalog(self, update: CatalogUpdate) -> None:
        if update.reloaded and update.catalog is not None:
            self.controller.set_catalog(update.catalog)
        self.controller.set_catalog_notes([str(p) for p in update.problems])
        self.driver.refresh()

    def start(self) -> None:
        if self.photo_server is not None:
            self.photo_server.start()
        self.driver.start()
        self.engine.start()
        if self.catalog_sync is not None:
            self.catalog_sync.start()

    def stop(self) -> None:
        if self.catalog_sync is not None:
            self.catalog_sync.stop()
        self.driver.stop()
        if self.controller.visits is not None:
            self.controller.visits.end(self.driver.clock())
        if self.events is not None:
            self.events.close(timeout=2.0)
        if self.photo_shelf is not None:
            self.photo_shelf.forget_all()  # every shared photo goes with the mirror
        if self.photo_server is not None:
            self.photo_server.stop()
        if self.journal is not None:
            self.journal.close()
        if self.options.screenshot is not None and not self.window.grab().save(str(self.options.screenshot)):
            log.error("cannot write the screenshot %s", self.options.screenshot)
        self.engine.stop()
        if self.options.stats_json is not None:
            write_stats(self.options.stats_json, self.engine, self)
        self.window.close()


def build_mirror(config: MirrorConfig, options: RunOptions) -> Mirror:
    """Everything but the event loop; raises MirrorError with one clear line when it cannot start."""
    catalog_dir = Path(config.catalog_path) if config.catalog_path else demo_catalog_dir()
    model = Path(config.model_path) if config.model_path else default_model_path()
    catalog = load_catalog(catalog_dir)
    for problem in catalog.problems:
        log.warning("catalog: skipped %s", problem)
    try:
        check_model_file(model)
    except MirrorError as exc:  # the mirror still mirrors; the try-on shows as paused until fixed
        log.error("%s", exc)
    open_source, is_demo = choose_source(config, options.video)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setFont(QFont(load_fonts()))
    tracking = tracker_settings(model, config, live=True)  # the finder off the follower's thread
    engine = LiveEngine(
        open_source=open_source,
        make_tracker=lambda: PoseTracker(tracking),
        # The demo clip is already upright: the camera's mounting rotation does not apply to it.
        settings=EngineSettings(rotation=0 if is_demo else config.camera_rotation, mirror=config.camera_mirror),
    )
    session = MirrorSession(
        [], SessionSettings(idle_timeout_s=config.session_idle_timeout_s), lang=Language(config.display_language)
    )
    store = None
    if config.photo_policy == "keep":
        from platformdirs import user_data_dir

        folder = (
            Path(config.photo_folder)
            if config.photo_folder
            else Path(user_data_dir("mirror-app", appauthor=False)) / "photos"
        )
        store = PhotoStore(folder, config.photo_keep_minutes)
        store.purge()
    pin = PinLock(config.effective_pin_hash, config.staff_max_tries, float(config.staff_lockout_s))
    unknown = [i for i in options.wear if catalog.item(i) is None]
    if unknown:
        raise MirrorError(f"--wear: no item {', '.join(unknown)} in {catalog_dir}; see `mirror-app catalog list`")
    journal = EventsFile(options.events) if options.events is not None else None
    events = (
        EventLog(LogSettings(retention_days=float(config.analytics_retention_days))).start()
        if config.analytics_enabled
        else None
    )
    sinks = [sink for sink in (events, journal) if sink is not None]
    controller: MirrorController | None = None

    def current_catalog() -> Catalog:  # the photo page names what the catalog sells *now*
        return controller.catalog if controller is not None else catalog

    url_template = config.photo_qr_url_template or catalog.manifest.qr_url_template or DEFAULT_URL_TEMPLATE
    photos, server = photo_desk(config, options.photo_listener, url_template, store, current_catalog)
    window = MirrorWindow(engine.timings)
    controller = MirrorController(
        catalog,
        session,
        pin,
        screen_wh=options.window_size,
        options=ControllerOptions(
            demo_notice=is_demo,
            debug=options.debug_overlay,
            sizing=MeasurerSettings(model=BodyModel(world_scale=config.sizing_world_scale))
            if config.sizing_enabled
            else None,
        ),
        photos=JournaledDesk(photos, journal) if journal is not None else photos,
        visits=VisitRecorder(Sinks(sinks)) if sinks else None,
        timings=engine.timings,
        frames_dropped=lambda: engine.frames_dropped,
        started_at=time.perf_counter(),
    )
    if options.wear:
        controller.wear(options.wear, time.perf_counter())
    driver = MirrorDriver(controller, engine, window)
    driver.samples.period_s = options.sample_every_s
    mirror = Mirror(app, engine, controller, driver, window, catalog_dir, options, events=events, journal=journal)
    mirror.catalog_sync = CatalogSync(catalog_dir, CatalogWatcher(catalog_dir, current=catalog))
    mirror.catalog_sync.updated.connect(mirror.apply_catalog)
    driver.hooks = ShellHooks(exit=mirror.quit_with, reload_catalog=mirror.reload_catalog)
    if store is not None:
        purge = QTimer(window)
        purge.timeout.connect(store.purge)
        purge.start(60_000)
    if server is not None and isinstance(photos, LanShareDesk):
        mirror.photo_server, mirror.photo_shelf = server, photos.shelf
        expire = QTimer(window)  # a shared photo leaves memory within a second of its time running out
        expire.timeout.connect(photos.shelf.purge)
        expire.start(1000)
    if options.windowed:
        window.resize(*options.window_size)
        window.show()
    else:
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.setCursor(Qt.CursorShape.BlankCursor)
        screen = app.primaryScreen()
        if screen is not None:  # kiosks often run without a window manager to honour "full screen"
            window.setGeometry(screen.geometry())
        window.showFullScreen()
    return mirror


def photo_desk(
    config: MirrorConfig,
    listener: Listener | ShareError | None,
    url_template: str,
    store: PhotoStore | None,
    catalog: Callable[[], Catalog],
) -> tuple[PhotoDesk, PhotoServer | None]:
    """Who hands the photo out: the LAN share when it is on and listening, else the order link."""
    if config.photo_share != "lan":
        return OrderLinkDesk(url_template, store), None
    if not isinstance(listener, Listener):
        why = listener or "the mirror was started without a listening socket"
        log.error("%s; the photo's QR code opens the order page instead", why)
        return OrderLinkDesk(url_template, store), None
    shelf = PhotoShelf(config.photo_keep_minutes * 60.0)
    desk = LanShareDesk(
        shelf,
        listener.base_url,
        catalog,
        url_template=url_template,
        forget_at_next_visit=config.photo_share_until == "next_visit",
        wifi=config.guest_wifi,
        store=store,
    )
    return desk, PhotoServer(listener, share_app(shelf))


def run_mirror(config: MirrorConfig, options: RunOptions) -> int:
    mirror = build_mirror(config, options)
    mirror.start()
    # --- kiosk: systemd READY/WATCHDOG from the UI thread, stall dump (ui/supervision.py) ---
    from .supervision import STALL_TIMEOUT_S, Supervision

    supervision = Supervision(
        mirror.window, stall_timeout_s=None if options.windowed else STALL_TIMEOUT_S, status="mirror is running"
    )
    supervision.start()
    # --- end kiosk ---
    if options.exit_after_s is not None:
        QTimer.singleShot(int(options.exit_after_s * 1000), lambda: mirror.quit_with(0))
    if options.photo_at_s is not None:
        QTimer.singleShot(int(options.photo_at_s * 1000), mirror.take_photo)
    if options.exit_after_frames is not None:
        frames = options.exit_after_frames

        def quit_when_shown() -> None:
            if mirror.engine.timings.count("display") >= frames:
                mirror.quit_with(0)

        counter = QTimer(mirror.window)
        counter.timeout.connect(quit_when_shown)
        counter.start(50)
    signal.signal(signal.SIGINT, lambda *_: mirror.quit_with(130))
    signal.signal(signal.SIGTERM, lambda *_: mirror.quit_with(0))
    wake = QTimer(mirror.window)  # lets Python handle signals while Qt's loop runs
    wake.timeout.connect(lambda: None)
    wake.start(200)
    try:
        mirror.app.exec()
    finally:
        supervision.stop()  # kiosk: STOPPING=1, no stall dump while shutting down
        mirror.stop()
    QGuiApplication.processEvents()
    return mirror.exit_code


def stats_document(engine: LiveEngine, samples: list[dict[str, float]] | None = None) -> dict[str, Any]:
    t = engine.timings
    latency = t.percentiles("latency")
    return {
        "display_fps": round(t.rate("display"), 2),
        "tracking_hz": round(t.rate("tracking"), 2),
        "latency_ms_p50": latency["p50"],
        "latency_ms_p95": latency["p95"],
        "frames_dropped": engine.frames_dropped,
        "frames_displayed": t.count("display"),
        "frames_tracked": t.count("tracking"),
        "stages_ms": {stage: t.percentiles(stage) for stage in t.stages() if stage != "latency"},
        "rss_mb": round(rss_mb(), 1),
        "samples": samples or [],
    }


def write_stats(path: Path, engine: LiveEngine, mirror: Mirror) -> None:
    doc = stats_document(engine, mirror.driver.samples.rows)
    doc["screen"] = mirror.controller.screen.value
    doc["status"] = engine.status.value
    try:
        path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    except OSError as exc:
        log.error("cannot write stats to %s: %s", path, exc)
