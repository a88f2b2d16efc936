"""The real mirror window through pytest-qt: scripted camera and tracker, the live engine, the
controller and the driver. Tests go through public faces only: the Scene on screen, the pixels
painted, mouse and keys; waits count camera frames, not seconds."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, Qt

from mirror_app.catalog.loader import load_catalog
from mirror_app.catalog.watch import CatalogWatcher
from mirror_app.domain import ButtonId, Category
from mirror_app.errors import SourceError
from mirror_app.live.engine import EngineSettings, LiveEngine, SourceStatus
from mirror_app.photo import PhotoStore
from mirror_app.session.state import MirrorSession, Screen, SessionSettings
from mirror_app.staff import PinLock, hash_pin
from mirror_app.tracking.landmarks import Landmark as L
from mirror_app.ui.app import load_fonts
from mirror_app.ui.catalog_sync import CatalogSync
from mirror_app.ui.driver import MirrorDriver, ShellHooks
from mirror_app.ui.qimage import qimage_to_rgb
from mirror_app.ui.window import MirrorWindow
from mirror_app.view.transform import SplitView
from mirror_app.visit import MirrorController, OrderLinkDesk
from mirror_app.visit.staff import PinKey
from tests.catalog.builders import item_doc, make_catalog
from tests.live.fakes import ScriptedTracker, SyntheticCamera, is_bare
from tests.synthetic import make_pose

pytestmark = pytest.mark.gui
W, H = 640, 960  # window = camera frame size, no mirroring: screen and frame pixels coincide
FAST = SessionSettings(presence_s=0.0, welcome_s=0.0, idle_timeout_s=2.0, countdown_s=0.3)


@pytest.fixture
def catalog(tmp_path):
    docs = {
        "tee": item_doc("tee"),
        "shirt": item_doc("shirt", name={"ko": "셔츠", "en": "Shirt"}),
        "dress": item_doc("dress", category="dress", name={"ko": "원피스", "en": "Dress"}),
    }
    return load_catalog(make_catalog(tmp_path / "shop", items=docs))


class Clock:
    """The driver's clock: real time plus whatever a test skips ahead."""

    def __init__(self) -> None:
        import time

        self._now = time.perf_counter
        self.skipped = 0.0

    def __call__(self) -> float:
        return self._now() + self.skipped


class Rig:
    """A window on a scripted camera; ``pose`` is what the tracker sees (None: nobody)."""

    def __init__(self, qtbot, catalog, pose=None, settings=FAST, open_source=None, desk=None):
        self.qtbot = qtbot
        self.pose = pose
        self.clock = Clock()
        self.exits: list[int] = []
        self.engine = LiveEngine(
            open_source=open_source or (lambda: SyntheticCamera(size=(W, H), fps=30)),
            make_tracker=lambda: ScriptedTracker(lambda ts: self.pose, delay_s=0.01),
            settings=EngineSettings(mirror=False),
        )
        self.session = MirrorSession([], settings)
        load_fonts()
        self.window = MirrorWindow(self.engine.timings)
        qtbot.addWidget(self.window)
        self.controller = MirrorController(
            catalog, self.session, PinLock(hash_pin("2580", iterations=1000)), screen_wh=(W, H), photos=desk
        )
        self.driver = MirrorDriver(
            self.controller, self.engine, self.window, hooks=ShellHooks(exit=self.exits.append), clock=self.clock
        )
        self.window.resize(W, H)
        self.window.show()
        self.driver.start()
        self.engine.start()

    def stop(self):
        self.driver.stop()
        self.engine.stop()

    @property
    def scene(self):
        return self.window.scene

    def frames(self, n: int, timeout: int = 8000) -> None:
        """Wait until the window has been handed ``n`` more camera frames."""
        start = self.driver.frame.frame_index if self.driver.frame is not None else -1
        self.qtbot.waitUntil(
            lambda: self.driver.frame is not None and self.driver.frame.frame_index >= start + n, timeout=timeout
        )

    def click(self, control):
        button = self.scene.button(control)
        assert button is not None, f"{control} not on screen"
        x, y = button.rect.center
        self.qtbot.mouseClick(self.window, Qt.MouseButton.LeftButton, pos=QPoint(int(x), int(y)))

    def pixels(self):
        return qimage_to_rgb(self.window.grab().toImage())


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


def test_states_attract_live_browse_photo_and_back(qtbot, catalog):
    rig = Rig(
        qtbot, catalog, settings=SessionSettings(idle_timeout_s=2.0, presence_s=0.2, welcome_s=0.5, countdown_s=0.5)
    )
    try:
        rig.frames(3)
        assert rig.scene.screen is Screen.ATTRACT
        rig.pose = make_pose()
        qtbot.waitUntil(lambda: rig.scene.screen is Screen.WELCOME, timeout=5000)
        qtbot.waitUntil(lambda: rig.scene.screen is Screen.LIVE, timeout=5000)
        rig.click(Category.TOP)
        rig.click(ButtonId.WEAR)
        assert rig.session.outfit == ["shirt"]  # tops come first; items are in folder order
        qtbot.waitUntil(lambda: bool(rig.driver.frame.drawn), timeout=5000)  # the engine dresses the shopper
        rig.click(ButtonId.PHOTO)
        assert rig.scene.screen is Screen.COUNTDOWN
        qtbot.waitUntil(lambda: rig.scene.screen is Screen.PHOTO, timeout=5000)
        qr = [e for e in rig.scene.elements if type(e).__name__ == "QrCode"]
        assert qr and "items=shirt" in qr[0].data
        rig.click(ButtonId.CLOSE)
        assert rig.scene.screen is Screen.LIVE
        rig.pose = None  # the shopper leaves: back to attract, outfit forgotten, engine undressed
        qtbot.waitUntil(lambda: rig.scene.screen is Screen.ATTRACT, timeout=8000)
        assert rig.session.outfit == []
        rig.frames(20)
        assert not rig.driver.frame.drawn
    finally:
        rig.stop()


def test_holding_a_hand_over_a_button_presses_it(qtbot, catalog):
    rig = Rig(qtbot, catalog, pose=make_pose())
    try:
        qtbot.waitUntil(lambda: rig.scene.screen is Screen.LIVE, timeout=5000)
        target = rig.scene.button(Category.TOP).rect.center
        rig.pose = hand_at(*target)
        qtbot.waitUntil(lambda: rig.scene.button(Category.TOP).progress > 0.3, timeout=3000)
        assert rig.session.category is None  # not yet: the ring is still filling
        assert any(c.progress > 0.3 for c in rig.scene.cursors)
        qtbot.waitUntil(lambda: rig.session.category is Category.TOP, timeout=3000)
    finally:
        rig.stop()


def test_a_hand_passing_over_buttons_presses_nothing(qtbot, catalog):
    rig = Rig(qtbot, catalog, pose=make_pose())
    try:
        qtbot.waitUntil(lambda: rig.scene.screen is Screen.LIVE, timeout=5000)
        x = rig.scene.button(Category.TOP).rect.center[0]
        for i in range(60):  # sweep down the whole column and back, moving with every frame
            phase = (i % 20) / 20
            rig.pose = hand_at(x, 80 + abs(phase * 2 - 1) * (H - 160))
            rig.frames(1)
        assert rig.session.category is None and rig.session.outfit == []
    finally:
        rig.stop()


def test_language_switch_changes_the_screen(qtbot, rig):
    rig.pose = make_pose()
    qtbot.waitUntil(lambda: rig.scene.screen is Screen.LIVE, timeout=5000)
    rect = rig.scene.button(ButtonId.LANG).rect
    before = rig.pixels()
    rig.click(ButtonId.LANG)
    assert rig.scene.button(ButtonId.LANG).label == "한국어"
    after = rig.pixels()
    x0, y0, x1, y1 = int(rect.x), int(rect.y), int(rect.right), int(rect.bottom)
    assert np.abs(before[y0:y1, x0:x1].astype(int) - after[y0:y1, x0:x1].astype(int)).mean() > 2


def test_garments_fade_away_when_the_shopper_is_lost(qtbot, rig):
    rig.pose = make_pose()
    qtbot.waitUntil(lambda: rig.scene.screen is Screen.LIVE, timeout=5000)
    rig.click(Category.TOP)
    rig.click(ButtonId.WEAR)
    qtbot.waitUntil(lambda: bool(rig.driver.frame.drawn), timeout=5000)
    rig.pose = None
    qtbot.waitUntil(lambda: not rig.driver.frame.drawn, timeout=3000)
    assert is_bare(rig.scene.image_rgb)


def test_staff_pin_with_lockout_and_exit(qtbot, rig):
    qtbot.keyClick(rig.window, Qt.Key.Key_F12)
    assert rig.scene.screen is Screen.STAFF_PIN
    for _ in range(5):
        qtbot.keyClicks(rig.window, "1111")
        qtbot.keyClick(rig.window, Qt.Key.Key_Return)
    assert not rig.scene.button(PinKey.OK).enabled  # locked
    qtbot.keyClicks(rig.window, "2580")
    qtbot.keyClick(rig.window, Qt.Key.Key_Return)
    assert rig.scene.screen is Screen.STAFF_PIN  # locked: even the right PIN waits
    rig.clock.skipped += 61  # the lockout passes
    qtbot.keyClicks(rig.window, "2580")
    qtbot.keyClick(rig.window, Qt.Key.Key_Return)
    assert rig.scene.screen is Screen.STAFF
    rig.click(ButtonId.STAFF_EXIT)
    assert rig.exits == [3]


def test_screen_size_change_is_followed(qtbot, rig):
    rig.frames(2)
    rig.window.resize(480, 800)
    qtbot.waitUntil(lambda: rig.driver.frame.image_rgb.shape[:2] == (800, 480), timeout=5000)
    assert rig.scene.screen_wh == (480, 800)
    rig.pose = make_pose()
    qtbot.waitUntil(lambda: rig.scene.screen is Screen.LIVE, timeout=5000)
    assert all(b.rect.right <= 480 for b in rig.scene.buttons)


def test_camera_reconnecting_is_shown_not_crashed(qtbot, catalog):
    opened = []

    def open_camera():
        opened.append(1)
        if len(opened) > 1:
            raise SourceError("camera 0 is not there")
        return SyntheticCamera(size=(W, H), fps=30, fail_at=10)

    rig = Rig(qtbot, catalog, open_source=open_camera)
    try:
        qtbot.waitUntil(lambda: rig.driver.frame is not None and rig.driver.frame.status is SourceStatus.RECONNECTING)
        qtbot.waitUntil(lambda: rig.scene.shows("카메라 다시 연결 중"), timeout=3000)
        assert rig.pixels().mean() < 120  # dimmed, with the message on top
    finally:
        rig.stop()


def test_compare_is_chosen_hands_free_and_shows_two_shoppers(qtbot, catalog):
    rig = Rig(qtbot, catalog, pose=make_pose())
    try:
        qtbot.waitUntil(lambda: rig.scene.screen is Screen.LIVE, timeout=5000)
        rig.click(Category.TOP)
        rig.click(ButtonId.WEAR)
        rig.click(ButtonId.NEXT)
        rig.click(ButtonId.WEAR)
        rig.pose = hand_at(*rig.scene.button(ButtonId.COMPARE).rect.center)
        qtbot.waitUntil(lambda: rig.session.comparing, timeout=4000)
        qtbot.waitUntil(
            lambda: isinstance(rig.driver.frame.view, SplitView) and bool(rig.driver.frame.drawn), timeout=3000
        )
        assert rig.scene.image_rgb.shape[:2] == (H, W)
        assert len(rig.scene.cursors) == 4  # both hands, each seen in both copies of the shopper
        assert rig.scene.button(ButtonId.KEEP_B) is not None
    finally:
        rig.stop()


def test_photo_on_a_full_or_unwritable_disk_still_shows_the_photo_and_says_so(qtbot, catalog, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")  # the photo folder's parent is a file: every write fails, even as root
    rig = Rig(qtbot, catalog, pose=make_pose(), desk=OrderLinkDesk(store=PhotoStore(blocker / "photos", 10)))
    try:
        qtbot.waitUntil(lambda: rig.scene.screen is Screen.LIVE, timeout=5000)
        rig.click(Category.TOP)
        rig.click(ButtonId.WEAR)
        rig.click(ButtonId.PHOTO)
        qtbot.waitUntil(lambda: rig.scene.screen is Screen.PHOTO, timeout=5000)
        assert any(type(e).__name__ == "Picture" for e in rig.scene.elements)
        assert rig.scene.shows("photo not saved")
    finally:
        rig.stop()


def test_catalog_edits_reach_the_running_mirror_and_nonsense_keeps_the_last_good_one(qtbot, tmp_path):
    root = make_catalog(tmp_path / "live", items={"tee": item_doc("tee")})
    rig = Rig(qtbot, load_catalog(root))
    sync = CatalogSync(root, CatalogWatcher(root, debounce_s=0.2, current=rig.controller.catalog), period_s=0.1)

    def apply(update):
        if update.reloaded and update.catalog is not None:
            rig.controller.set_catalog(update.catalog)
        rig.controller.set_catalog_notes([str(p) for p in update.problems])

    sync.updated.connect(apply)
    sync.start()
    try:
        assert [it.id for it in rig.session.items] == ["tee"]
        new = root / "items" / "cap"
        new.mkdir()
        (new / "item.json").write_text(json.dumps(item_doc("cap")), encoding="utf-8")
        (new / "image.png").write_bytes((root / "items" / "tee" / "image.png").read_bytes())
        qtbot.waitUntil(lambda: {it.id for it in rig.session.items} == {"tee", "cap"}, timeout=5000)
        (root / "catalog.json").write_text("{ this is not json", encoding="utf-8")
        qtbot.waitUntil(lambda: any("catalog.json" in n for n in rig.controller.notes), timeout=5000)
        assert {it.id for it in rig.session.items} == {"tee", "cap"}  # the last good catalog stays
        shutil.rmtree(root)
        qtbot.waitUntil(lambda: any("put the catalog folder back" in n for n in rig.controller.notes), timeout=5000)
        assert {it.id for it in rig.session.items} == {"tee", "cap"}
    finally:
        sync.stop()
        rig.stop()
