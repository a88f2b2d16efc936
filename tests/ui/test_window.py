"""The mirror window through pytest-qt, with a scripted camera and tracker."""

from __future__ import annotations

import time

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from mirror_app.catalog.loader import load_catalog
from mirror_app.live.engine import EngineSettings, LiveEngine
from mirror_app.session.state import MirrorSession, Screen, SessionSettings
from mirror_app.staff import PinLock, hash_pin
from mirror_app.tracking.landmarks import Landmark as L
from mirror_app.ui.app import load_fonts
from mirror_app.ui.qimage import qimage_to_rgb
from mirror_app.ui.window import MirrorWindow, UiOptions
from tests.catalog.builders import item_doc, make_catalog
from tests.live.fakes import ScriptedTracker, SyntheticCamera
from tests.synthetic import make_pose

pytestmark = pytest.mark.gui
W, H = 640, 960  # window = camera frame size, no mirroring: screen and frame pixels coincide


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def catalog(tmp_path):
    docs = {
        "tee": item_doc("tee"),
        "shirt": item_doc("shirt", name={"ko": "셔츠", "en": "Shirt"}),
        "dress": item_doc("dress", category="dress", name={"ko": "원피스", "en": "Dress"}),
    }
    return load_catalog(make_catalog(tmp_path / "shop", items=docs))


class Rig:
    """A window on a scripted camera; ``pose`` is what the tracker sees (None: nobody)."""

    def __init__(self, qtbot, catalog, clock=None, pose=None, settings=None):
        self.pose = pose
        self.clock = clock or time.perf_counter
        self.tracker = ScriptedTracker(lambda ts: self.pose, delay_s=0.01)
        self.engine = LiveEngine(
            open_source=lambda: SyntheticCamera(size=(W, H), fps=30),
            make_tracker=lambda: self.tracker,
            settings=EngineSettings(mirror=False),
        )
        self.session = MirrorSession(
            [], settings or SessionSettings(idle_timeout_s=2.0, presence_s=0.2, welcome_s=0.5, countdown_s=1.0)
        )
        load_fonts()
        self.window = MirrorWindow(
            self.engine, catalog, self.session, PinLock(hash_pin("2580")), UiOptions(clock=self.clock)
        )
        qtbot.addWidget(self.window)
        self.window.resize(W, H)
        self.window.show()
        self.engine.set_screen_size((W, H))
        self.engine.start()

    def stop(self):
        self.engine.stop()


@pytest.fixture
def rig(qtbot, catalog):
    r = Rig(qtbot, catalog)
    yield r
    r.stop()


def hand_at(x: float, y: float):
    """A standing pose with the right hand raised to (x, y)."""
    return make_pose(
        {
            L.RIGHT_WRIST: (x, y),
            L.RIGHT_INDEX: (x, y),
            L.RIGHT_PINKY: (x, y),
            L.RIGHT_ELBOW: ((x + 250) / 2, (y + 250) / 2),
        }
    )


def test_states_attract_live_browse_photo_and_back(qtbot, rig):
    s = rig.session
    qtbot.waitUntil(lambda: rig.window.frame is not None, timeout=5000)
    assert s.screen is Screen.ATTRACT
    rig.pose = make_pose()
    qtbot.waitUntil(lambda: s.screen is Screen.WELCOME, timeout=5000)
    qtbot.waitUntil(lambda: s.screen is Screen.LIVE, timeout=5000)
    # Browse with the mouse (installers) and put a top on.
    lay = rig.window.screen_layout()
    cat = next(iter(lay.categories.values()))
    qtbot.mouseClick(rig.window, _button(), pos=_point(cat.center))
    assert s.category is not None
    qtbot.mouseClick(rig.window, _button(), pos=_point(lay.wear.center))
    assert s.outfit == ["shirt"]  # tops come first; items are in folder order
    qtbot.waitUntil(lambda: bool(rig.window.frame and rig.window.frame.drawn), timeout=5000)
    # Photo: countdown, then a still with a QR code.
    qtbot.mouseClick(rig.window, _button(), pos=_point(lay.photo.center))
    assert s.screen is Screen.COUNTDOWN
    qtbot.waitUntil(lambda: s.screen is Screen.PHOTO, timeout=5000)
    assert rig.window.photo is not None and "items=" in rig.window.photo.url and s.outfit[0] in rig.window.photo.url
    assert not rig.window.photo.qr.isNull()
    qtbot.mouseClick(rig.window, _button(), pos=_point(rig.window.screen_layout().close.center))
    assert s.screen is Screen.LIVE
    # The shopper leaves: back to attract, outfit forgotten.
    rig.pose = None
    qtbot.waitUntil(lambda: s.screen is Screen.ATTRACT, timeout=8000)
    assert s.outfit == []


def _button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def _point(xy):
    from PySide6.QtCore import QPoint

    return QPoint(int(xy[0]), int(xy[1]))


def test_holding_a_hand_over_a_button_presses_it(qtbot, catalog):
    rig = Rig(qtbot, catalog, pose=make_pose(), settings=SessionSettings(presence_s=0.0, welcome_s=0.0))
    try:
        s = rig.session
        qtbot.waitUntil(lambda: s.screen is Screen.LIVE, timeout=5000)
        target = next(iter(rig.window.screen_layout().categories.values())).center
        rig.pose = hand_at(*target)
        qtbot.waitUntil(
            lambda: rig.window.dwell.progress.get(next(iter(s.buttons(rig.window.screen_layout()))), 0) > 0.3,
            timeout=3000,
        )
        assert s.category is None  # not yet: the ring is still filling
        qtbot.waitUntil(lambda: s.category is not None, timeout=3000)
    finally:
        rig.stop()


def test_a_hand_passing_over_buttons_presses_nothing(qtbot, catalog):
    rig = Rig(qtbot, catalog, pose=make_pose(), settings=SessionSettings(presence_s=0.0, welcome_s=0.0))
    try:
        s = rig.session
        qtbot.waitUntil(lambda: s.screen is Screen.LIVE, timeout=5000)
        lay = rig.window.screen_layout()
        rects = list(lay.categories.values())
        x = rects[0].center[0]
        # Sweep the hand down the whole column of buttons and back, for three seconds.
        end = time.monotonic() + 3.0
        while time.monotonic() < end:
            phase = (time.monotonic() % 1.0) / 1.0
            y = 80 + abs(phase * 2 - 1) * (H - 160)
            rig.pose = hand_at(x, y)
            qtbot.wait(15)
        assert s.category is None and s.outfit == []
    finally:
        rig.stop()


def test_language_switch_changes_the_screen(qtbot, rig):
    rig.pose = make_pose()
    s = rig.session
    qtbot.waitUntil(lambda: s.screen in (Screen.WELCOME, Screen.LIVE), timeout=5000)
    qtbot.waitUntil(lambda: s.screen is Screen.LIVE, timeout=5000)
    lang_rect = rig.window.screen_layout().lang
    before = qimage_to_rgb(rig.window.grab().toImage())
    qtbot.mouseClick(rig.window, _button(), pos=_point(lang_rect.center))
    assert s.lang == "en"
    after = qimage_to_rgb(rig.window.grab().toImage())
    x0, y0, x1, y1 = int(lang_rect.x), int(lang_rect.y), int(lang_rect.x + lang_rect.w), int(lang_rect.y + lang_rect.h)
    assert np.abs(before[y0:y1, x0:x1].astype(int) - after[y0:y1, x0:x1].astype(int)).mean() > 2


def test_garments_fade_away_when_the_shopper_is_lost(qtbot, rig):
    rig.pose = make_pose()
    s = rig.session
    qtbot.waitUntil(lambda: s.screen is Screen.LIVE, timeout=5000)
    s.press("cat:top", 0)
    s.press("wear", 0)
    rig.window._push_outfit()
    qtbot.waitUntil(lambda: bool(rig.window.frame and rig.window.frame.drawn), timeout=5000)
    rig.pose = None
    qtbot.waitUntil(lambda: rig.window.frame is not None and not rig.window.frame.drawn, timeout=3000)
    assert np.all(rig.window.frame.image_rgb == 90)


def test_staff_pin_with_lockout_and_exit(qtbot, catalog):
    from PySide6.QtCore import Qt

    exits = []
    rig = Rig(qtbot, catalog)
    rig.window.options.on_exit = exits.append
    try:
        qtbot.keyClick(rig.window, Qt.Key.Key_F12)
        assert rig.session.screen is Screen.STAFF_PIN
        for _ in range(5):
            qtbot.keyClicks(rig.window, "1111")
            qtbot.keyClick(rig.window, Qt.Key.Key_Return)
        assert rig.window.pin.locked(time.perf_counter())
        qtbot.keyClicks(rig.window, "2580")
        qtbot.keyClick(rig.window, Qt.Key.Key_Return)
        assert rig.session.screen is Screen.STAFF_PIN  # locked: even the right PIN waits
        rig.window.pin._locked_until = 0.0
        qtbot.keyClicks(rig.window, "2580")
        qtbot.keyClick(rig.window, Qt.Key.Key_Return)
        assert rig.session.screen is Screen.STAFF
        exit_rect = rig.window._staff_buttons()["staff_exit"]
        qtbot.mouseClick(rig.window, _button(), pos=_point(exit_rect.center))
        assert exits == [3]
    finally:
        rig.stop()


def test_screen_size_change_is_followed(qtbot, rig):
    qtbot.waitUntil(lambda: rig.window.frame is not None and rig.window.frame.frame_index >= 0, timeout=5000)
    rig.window.resize(480, 800)
    qtbot.waitUntil(lambda: rig.window.frame.image_rgb.shape[:2] == (800, 480), timeout=5000)
    lay = rig.window.screen_layout()
    assert lay.screen_wh == (480, 800)
    assert all(r.x + r.w <= 480 for r in lay.categories.values())


def test_camera_reconnecting_is_shown_not_crashed(qtbot, catalog):
    from mirror_app.live.engine import SourceStatus

    rig = Rig(qtbot, catalog)
    try:
        qtbot.waitUntil(lambda: rig.window.frame is not None and rig.window.frame.frame_index >= 0, timeout=5000)
        rig.engine.status = SourceStatus.RECONNECTING
        rig.engine.error = "camera 0 stopped delivering frames"
        rig.engine._publish_status()
        qtbot.waitUntil(lambda: rig.window.frame.status is SourceStatus.RECONNECTING, timeout=3000)
        img = qimage_to_rgb(rig.window.grab().toImage())
        assert img.mean() < 120  # dimmed, with the message on top
    finally:
        rig.stop()


def test_compare_is_chosen_hands_free_and_shows_two_shoppers(qtbot, catalog):
    rig = Rig(qtbot, catalog, pose=make_pose(), settings=SessionSettings(presence_s=0.0, welcome_s=0.0))
    try:
        s = rig.session
        qtbot.waitUntil(lambda: s.screen is Screen.LIVE, timeout=5000)
        s.press("cat:top", 0)
        s.press("wear", 0)
        s.press("next", 0)
        s.press("wear", 0)
        rig.window.refresh_outfit()
        target = rig.window.screen_layout().compare.center
        rig.pose = hand_at(*target)
        qtbot.waitUntil(lambda: s.comparing, timeout=4000)
        qtbot.waitUntil(lambda: rig.window.frame is not None and rig.window.frame.split is not None, timeout=3000)
        frame = rig.window.frame
        # Both halves show the shopper dressed (the outfits differ: tee vs shirt in this catalog).
        assert frame.image_rgb.shape[:2] == (H, W)
        assert len(frame.hands) >= 2 and len(frame.hands) % 2 == 0  # every hand is seen in both copies
    finally:
        rig.stop()


def test_photo_on_a_full_or_unwritable_disk_still_shows_the_photo_and_says_so(qtbot, catalog, tmp_path):
    from mirror_app.photo import PhotoStore

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")  # the photo folder's parent is a file: every write fails, even as root
    rig = Rig(
        qtbot, catalog, pose=make_pose(), settings=SessionSettings(presence_s=0.0, welcome_s=0.0, countdown_s=0.3)
    )
    rig.window.options.photo_store = PhotoStore(blocker / "photos", 10)
    try:
        s = rig.session
        qtbot.waitUntil(lambda: s.screen is Screen.LIVE, timeout=5000)
        s.press("cat:top", 0)
        s.press("wear", 0)
        rig.window.refresh_outfit()
        qtbot.mouseClick(rig.window, _button(), pos=_point(rig.window.screen_layout().photo.center))
        qtbot.waitUntil(lambda: s.screen is Screen.PHOTO, timeout=5000)
        photo = rig.window.photo
        assert photo is not None and not photo.image.isNull() and not photo.qr.isNull()
        assert photo.error.startswith("photo not saved")
    finally:
        rig.stop()


def test_catalog_edits_reach_the_running_mirror_and_nonsense_keeps_the_last_good_one(qtbot, tmp_path):
    import json

    from mirror_app.catalog.watch import CatalogWatcher
    from mirror_app.ui.catalog_sync import CatalogSync

    root = make_catalog(tmp_path / "live", items={"tee": item_doc("tee")})
    rig = Rig(qtbot, load_catalog(root))
    sync = CatalogSync(root, CatalogWatcher(root, debounce_s=0.2, current=rig.window.catalog), period_s=0.1)
    sync.updated.connect(
        lambda u: (
            u.reloaded and rig.window.set_catalog(u.catalog),
            rig.window.set_catalog_notes([str(p) for p in u.problems]),
        )
    )
    sync.start()
    try:
        assert [it.id for it in rig.session.items] == ["tee"]
        new = root / "items" / "cap"
        new.mkdir()
        (new / "item.json").write_text(json.dumps(item_doc("cap")), encoding="utf-8")
        (new / "image.png").write_bytes((root / "items" / "tee" / "image.png").read_bytes())
        qtbot.waitUntil(lambda: {it.id for it in rig.session.items} == {"tee", "cap"}, timeout=5000)
        (root / "catalog.json").write_text("{ this is not json", encoding="utf-8")
        qtbot.waitUntil(lambda: any("catalog.json" in n for n in rig.window.options.skipped), timeout=5000)
        assert {it.id for it in rig.session.items} == {"tee", "cap"}  # the last good catalog stays
        import shutil

        shutil.rmtree(root)
        qtbot.waitUntil(
            lambda: any("put the catalog folder back" in n for n in rig.window.options.skipped), timeout=5000
        )
        assert {it.id for it in rig.session.items} == {"tee", "cap"}
    finally:
        sync.stop()
        rig.stop()
