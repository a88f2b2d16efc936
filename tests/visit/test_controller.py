"""The visit controller as plain values: frames, input events and a clock in, Scenes out. No Qt."""

from __future__ import annotations

import numpy as np
import pytest

from mirror_app.catalog.loader import load_catalog
from mirror_app.domain import ButtonId, Category, Language
from mirror_app.live.engine import SourceStatus, ViewFrame
from mirror_app.session.state import MirrorSession, Screen, SessionSettings
from mirror_app.sizing import MeasurerSettings
from mirror_app.staff import PinLock, hash_pin
from mirror_app.tracking.landmarks import Landmark as L
from mirror_app.view.transform import SplitView, ViewTransform
from mirror_app.visit import (
    ControllerOptions,
    ExitMirror,
    Key,
    KeyPress,
    MirrorController,
    OrderLinkDesk,
    PhotoHandout,
    PinKey,
    ReloadCatalog,
    Resized,
    TakenPhoto,
    Tap,
    WearOutfit,
)
from tests.catalog.builders import item_doc, make_catalog
from tests.sizing.bodies import EXACT, Camera, SyntheticBody
from tests.sizing.bodies import frames as still_body
from tests.synthetic import make_pose, tracked

W, H = 640, 960  # frame = screen, not mirrored: frame pixels are screen pixels


class Visits:
    """Records what the controller tells the analytics, as (call, args) values."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple]] = []

    def __getattr__(self, name):
        return lambda *args: self.calls.append((name, args))

    def names(self) -> list[str]:
        return [c for c, _ in self.calls]


class Desk:
    """A photo desk that keeps what it was handed (the shape issue 15's LAN share will have)."""

    def __init__(self) -> None:
        self.photos: list[TakenPhoto] = []
        self.started = 0
        self.ended = 0

    def hand_out(self, photo: TakenPhoto) -> PhotoHandout:
        self.photos.append(photo)
        return PhotoHandout(f"http://10.0.0.2:8080/p/token{len(self.photos)}", note_key="photo_saved")

    def visit_started(self) -> None:
        self.started += 1

    def visit_ended(self) -> None:
        self.ended += 1


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    docs = {
        "tee": item_doc("tee"),
        "shirt": item_doc("shirt", name={"ko": "셔츠", "en": "Shirt"}),
        "dress": item_doc("dress", category="dress", name={"ko": "원피스", "en": "Dress"}),
    }
    return load_catalog(make_catalog(tmp_path_factory.mktemp("shop"), items=docs))


def frame(
    pose=None, index=0, status=SourceStatus.RUNNING, tracking_error="", timestamp_ms=0, frame_wh=(W, H), split=False
) -> ViewFrame:
    """A dressed frame as the engine hands it over: the picture, how it lies on the screen (twice
    side by side when ``split``: compare) and the tracking of its own pose."""
    view = ViewTransform(frame_wh, (W, H), mirror=False)
    return ViewFrame(
        image_rgb=np.full((H, W, 3), 90, np.uint8),
        frame_index=index,
        captured_at=0.0,
        frame_wh=frame_wh,
        view=SplitView.around(pose, view) if split else view,
        status=status,
        tracking=tracked(pose, frame_wh, timestamp_ms),
        tracked_index=index,
        tracking_error=tracking_error,
    )


def hand_at(x: float, y: float):
    """A standing pose with the right palm at (x, y)."""
    return make_pose({L.RIGHT_WRIST: (x, y), L.RIGHT_INDEX: (x, y), L.RIGHT_PINKY: (x, y)})


class Visit:
    """A controller and a clock; ``frame``/``tap``/``key`` advance it and return the Scene."""

    def __init__(self, catalog, *, settings=None, pin="2580", desk=None, visits=None, demo=False, sizing=None):
        self.t = 100.0
        self.session = MirrorSession(
            [], settings or SessionSettings(presence_s=0.0, welcome_s=0.0, idle_timeout_s=5.0, countdown_s=1.0)
        )
        self.visits = visits
        self.c = MirrorController(
            catalog,
            self.session,
            PinLock(hash_pin(pin, iterations=1000), max_tries=3, lockout_s=60),
            screen_wh=(W, H),
            photos=desk,
            visits=visits,
            options=ControllerOptions(demo_notice=demo, sizing=sizing or MeasurerSettings()),
            started_at=self.t,
        )
        self.index = 0
        self.requests: list = []  # every request of every step, in order
        self.scene = self._step(None, [])

    def _step(self, f, events):
        self.scene = self.c.step(f, events, self.t)
        self.requests += self.scene.requests
        return self.scene

    def frame(self, pose=None, dt=1 / 30, **kw):
        self.t += dt
        self.index += 1
        return self._step(frame(pose, self.index, timestamp_ms=round(self.t * 1000), **kw), [])

    def show(self, f):
        """Hand over this dressed frame at the current time."""
        return self._step(f, [])

    def hold(self, pose, seconds: float):
        for _ in range(round(seconds * 30)):
            self.frame(pose)
        return self.scene

    def events(self, *events, dt=0.01):
        self.t += dt
        return self._step(None, list(events))

    def tap(self, control):
        b = self.scene.button(control)
        assert b is not None, f"{control} is not on screen: {[x.control for x in self.scene.buttons]}"
        return self.events(Tap(*b.rect.center))

    def key(self, *keys):
        return self.events(*(KeyPress(k) for k in keys))


def requests_of(scene, kind):
    return [r for r in scene.requests if isinstance(r, kind)]


def test_attract_until_someone_stands_there_then_live_with_the_categories(catalog):
    v = Visit(catalog, settings=SessionSettings(presence_s=0.5, welcome_s=1.0))
    assert v.scene.screen is Screen.ATTRACT and v.scene.buttons == ()
    assert v.scene.shows("거울 앞에 서 보세요") and v.scene.shows("Step in front of the mirror")  # both languages
    v.hold(make_pose(), 0.6)
    assert v.scene.screen is Screen.WELCOME and v.scene.shows("안녕하세요!")
    v.hold(make_pose(), 1.0)
    assert v.scene.screen is Screen.LIVE
    assert [b.control for b in v.scene.buttons] == [Category.TOP, Category.DRESS, ButtonId.LANG]


def test_a_hand_held_on_a_button_presses_it_and_the_ring_fills_first(catalog):
    v = Visit(catalog)
    v.hold(make_pose(), 0.2)
    target = v.scene.button(Category.TOP).rect.center
    v.hold(hand_at(*target), 0.5)
    # then the button shows the ring filling and the cursor is on it, but nothing is chosen yet
    assert 0.5 < v.scene.button(Category.TOP).progress < 1.0
    assert any(c.progress > 0.5 and abs(c.x - target[0]) < 1 for c in v.scene.cursors)
    assert v.session.category is None
    v.hold(hand_at(*target), 0.4)
    assert v.session.category is Category.TOP and v.scene.button(ButtonId.WEAR) is not None


def test_a_hand_sweeping_down_the_column_presses_nothing(catalog):
    v = Visit(catalog)
    v.hold(make_pose(), 0.2)
    x = v.scene.button(Category.TOP).rect.center[0]
    for i in range(90):  # three seconds, down and up the whole column
        phase = (i % 30) / 30
        v.frame(hand_at(x, 80 + abs(phase * 2 - 1) * (H - 160)))
    assert v.session.category is None and v.session.outfit == []


def test_wearing_asks_the_engine_to_draw_the_outfit_and_analytics_follow_the_session(catalog):
    visits = Visits()
    v = Visit(catalog, visits=visits)
    v.hold(make_pose(), 0.1)
    assert visits.names()[:1] == ["start"]
    v.tap(Category.TOP)
    scene = v.tap(ButtonId.WEAR)
    (wear,) = requests_of(scene, WearOutfit)
    assert wear.item_ids == ("shirt",) and wear.compare is None  # tops come first; folder order
    assert ("outfit_changed", (["shirt"], v.t)) in visits.calls
    assert scene.button(ButtonId.WEAR).label == "벗기"  # the same button now takes it off
    assert scene.shows("✓")  # the category is marked as worn


def test_the_shopper_leaving_ends_the_visit_undresses_and_forgets_them(catalog):
    visits, desk = Visits(), Desk()
    v = Visit(catalog, visits=visits, desk=desk)
    v.hold(make_pose(), 0.1)
    v.tap(Category.TOP)
    v.tap(ButtonId.WEAR)
    v.hold(None, 4.9)
    assert v.scene.screen is Screen.LIVE  # a short absence keeps the outfit
    v.requests.clear()
    assert v.hold(None, 0.2).screen is Screen.ATTRACT
    # the next shopper must not appear in this one's clothes
    wears = [r for r in v.requests if isinstance(r, WearOutfit)]
    assert len(wears) == 1 and wears[0].current == ()
    assert visits.names()[-1] == "end" and desk.ended == 1


@pytest.fixture(scope="module")
def sized_catalog(tmp_path_factory):
    chart = {"S": {"shoulder": [40, 43]}, "M": {"shoulder": [43, 45]}, "L": {"shoulder": [45, 47]}}
    manifest = {
        "format": 1,
        "shop": {"ko": "가게", "en": "Shop"},
        "size_charts": {"tops": {"unit": "cm", "sizes": chart}},
    }
    tee = item_doc("tee", sizes=["S", "M", "L"], size_chart="tops")
    return load_catalog(make_catalog(tmp_path_factory.mktemp("sized"), items={"tee": tee}, manifest=manifest))


M_SHOULDERS = SyntheticBody.from_measurements(44.0, 93.5, 76, 170)


def stand(v: Visit, poses, repeat=1):
    """The shopper in front of the mirror; each tracked pose shown on ``repeat`` frames in a row
    (tracking slower than the screen), with the tracker's timestamp."""
    for pose, t_ms in poses:
        v.index += 1  # the frame the pose was tracked on
        for _ in range(repeat):
            v.t += 1 / 30
            v.show(frame(pose, v.index, timestamp_ms=t_ms, frame_wh=Camera().frame_wh))
    return v.scene


def test_size_advice_measures_the_still_shopper_and_forgets_them_when_the_visit_ends(sized_catalog):
    v = Visit(sized_catalog, sizing=MeasurerSettings(model=EXACT))
    clip = still_body(M_SHOULDERS, seconds=2.5)
    stand(v, clip[:3])
    v.tap(Category.TOP)
    assert v.scene.shows("가만히 서 계시면 사이즈를 알려 드릴게요")  # still measuring
    assert stand(v, clip[3:]).shows("추천 사이즈: M")
    v.hold(None, 5.2)  # the shopper leaves; the visit ends
    assert v.scene.screen is Screen.ATTRACT
    later = [(pose, t_ms + 10_000) for pose, t_ms in clip[:15]]  # the same tracked id comes back: half a second
    stand(v, later[:3])
    v.tap(Category.TOP)
    scene = stand(v, later[3:])
    assert not scene.shows("추천 사이즈") and scene.shows("가만히 서 계시면 사이즈를 알려 드릴게요")


def test_a_pose_shown_on_several_frames_is_measured_once(sized_catalog):
    """Tracking at 4 Hz gives too few poses in the 2 s still window to trust; the screen showing
    each of them on 8 frames must not make them enough."""
    v = Visit(sized_catalog, sizing=MeasurerSettings(model=EXACT))
    slow = still_body(M_SHOULDERS, seconds=3.0, fps=4.0)
    stand(v, slow[:1])
    v.tap(Category.TOP)
    scene = stand(v, slow[1:], repeat=8)
    assert not scene.shows("추천 사이즈") and scene.shows("가만히 서 계시면 사이즈를 알려 드릴게요")
    faster = still_body(M_SHOULDERS, seconds=2.5, start_ms=20_000)  # the same shopper, tracked at 30 Hz
    assert stand(v, faster).shows("추천 사이즈: M")


def test_framing_hints_come_from_the_pose_the_controller_sees(catalog):
    v = Visit(catalog)
    v.hold(make_pose(), 0.1)
    shoulders_out = make_pose({L.LEFT_SHOULDER: (900, 250)})
    assert v.frame(shoulders_out).shows("Stand in the middle") is False  # Korean first
    assert v.frame(shoulders_out).shows("어깨가 보이도록")
    assert v.frame(None).shows("찾고 있어요")
    v.key(Key.LANG)
    assert v.frame(None).shows("Looking for you")


def test_compare_shows_each_hand_twice_and_asks_for_both_outfits(catalog):
    v = Visit(catalog)
    v.hold(make_pose(), 0.1)
    v.tap(Category.TOP)
    v.tap(ButtonId.WEAR)
    v.tap(ButtonId.NEXT)
    v.tap(ButtonId.WEAR)
    scene = v.tap(ButtonId.COMPARE)
    (wear,) = requests_of(scene, WearOutfit)
    assert wear.item_ids == ("tee",) and [g.item_id for g in wear.compare] == ["shirt"]
    assert len(v.frame(make_pose()).cursors) == 2  # the engine has not drawn the compare screen yet
    scene = v.frame(make_pose(), split=True)
    assert len(scene.cursors) == 4  # both hands, in both copies of the shopper
    assert {b.control for b in scene.buttons} == {ButtonId.KEEP_A, ButtonId.KEEP_B, ButtonId.COMPARE, ButtonId.LANG}
    assert scene.shows("A · 이전") and scene.shows("B · 지금")
    scene = v.tap(ButtonId.KEEP_A)
    assert requests_of(scene, WearOutfit)[0].item_ids == ("shirt",)


def test_photo_countdown_then_the_still_with_the_desks_qr_code(catalog):
    desk, visits = Desk(), Visits()
    v = Visit(catalog, desk=desk, visits=visits)
    v.hold(make_pose(), 0.1)
    v.tap(Category.TOP)
    v.tap(ButtonId.WEAR)
    assert v.tap(ButtonId.PHOTO).screen is Screen.COUNTDOWN
    assert v.frame(make_pose()).shows("1") or v.scene.shows("2")
    scene = v.hold(make_pose(), 1.1)
    assert scene.screen is Screen.PHOTO
    (taken,) = desk.photos
    assert taken.item_ids == ("shirt",) and taken.rgb.shape == (H, W, 3) and taken.lang is Language.KO
    (qr,) = [e for e in scene.elements if type(e).__name__ == "QrCode"]
    assert qr.data == "http://10.0.0.2:8080/p/token1" and len(qr.modules) == len(qr.modules[0]) > 21
    assert scene.shows("사진은 잠시 후 자동으로 삭제돼요")
    assert {"photo_taken", "qr_shown"} <= set(visits.names())
    assert v.tap(ButtonId.CLOSE).screen is Screen.LIVE


def test_order_link_desk_links_the_outfit_and_says_when_the_photo_was_not_kept(tmp_path):
    from mirror_app.photo import PhotoStore

    rgb = np.zeros((8, 8, 3), np.uint8)
    photo = TakenPhoto(rgb, ("tee", "a b"), Language.EN, 0.0)
    assert OrderLinkDesk("https://s.example/o?i={item_ids}").hand_out(photo) == PhotoHandout(
        "https://s.example/o?i=tee,a%20b"
    )
    blocker = tmp_path / "file"
    blocker.write_text("x")  # the store's folder cannot be made: every save fails
    handout = OrderLinkDesk(store=PhotoStore(blocker / "photos", 10)).hand_out(photo)
    assert handout.error.startswith("photo not saved")
    assert OrderLinkDesk(store=PhotoStore(tmp_path / "ok", 10)).hand_out(photo).note_key == "photo_saved"


def test_five_taps_in_the_corner_open_the_pin_pad_with_lockout_then_the_staff_menu(catalog):
    v = Visit(catalog)
    corner = v.c.layout.staff_corner.center
    for _ in range(4):
        v.events(Tap(*corner))
    assert v.scene.screen is Screen.ATTRACT
    assert v.events(Tap(*corner)).screen is Screen.STAFF_PIN
    for _ in range(3):  # three wrong PINs lock the pad
        v.key(Key.D1, Key.D1, Key.D1, Key.D1, Key.ENTER)
    assert v.scene.shows("잠시 후 다시 시도하세요")
    assert not v.scene.button(PinKey.OK).enabled and v.scene.button(PinKey.BACK).enabled
    v.key(Key.D2, Key.D5, Key.D8, Key.D0, Key.ENTER)
    assert v.scene.screen is Screen.STAFF_PIN  # locked: even the right PIN waits
    v.t += 61
    for key in (PinKey.D2, PinKey.D5, PinKey.D8, PinKey.D0):
        v.tap(key)
    assert v.scene.shows("●●●●")
    assert v.tap(PinKey.OK).screen is Screen.STAFF
    assert requests_of(v.tap(ButtonId.STAFF_RELOAD), ReloadCatalog)
    assert v.tap(ButtonId.STAFF_DEBUG).button(ButtonId.STAFF_DEBUG).selected
    assert requests_of(v.tap(ButtonId.STAFF_EXIT), ExitMirror) == [ExitMirror(3)]
    assert v.tap(ButtonId.STAFF_BACK).screen is Screen.ATTRACT  # back where staff was called from


def test_keys_browse_like_the_buttons(catalog):
    v = Visit(catalog)
    v.hold(make_pose(), 0.1)
    v.key(Key.DOWN)
    assert v.session.category is Category.TOP
    v.key(Key.DOWN)
    assert v.session.category is Category.DRESS
    v.key(Key.UP, Key.RIGHT, Key.ENTER)
    assert v.session.outfit == ["tee"]
    v.key(Key.ESCAPE)
    assert v.session.category is None
    v.key(Key.DEBUG)
    assert v.scene.shows("tracking") and v.scene.shows("screen live")


def test_camera_trouble_and_a_paused_try_on_are_said_on_screen(catalog):
    v = Visit(catalog, demo=True)
    assert v.scene.shows("데모 영상")
    scene = v.frame(None, status=SourceStatus.RECONNECTING)
    assert scene.shows("카메라 다시 연결 중")
    scene = v.frame(None, tracking_error="pose model not found")
    assert any(b.strong and "직원" in b.text for b in scene.banners)


def test_a_new_screen_size_moves_the_buttons_and_a_reloaded_catalog_keeps_what_is_still_sold(catalog, tmp_path):
    v = Visit(catalog)
    v.hold(make_pose(), 0.1)
    v.tap(Category.TOP)
    v.tap(ButtonId.WEAR)
    scene = v.events(Resized((480, 800)))
    assert scene.screen_wh == (480, 800) and all(b.rect.right <= 480 for b in scene.buttons)
    smaller = load_catalog(make_catalog(tmp_path / "smaller", items={"dress": item_doc("dress", category="dress")}))
    v.c.set_catalog(smaller)
    scene = v.frame(make_pose())
    assert v.session.outfit == [] and requests_of(scene, WearOutfit)[-1].current == ()
    assert [b.control for b in scene.buttons][:1] == [Category.DRESS]


def test_the_language_button_switches_the_catalogs_words_too(catalog):
    v = Visit(catalog)
    v.hold(make_pose(), 0.1)
    v.tap(Category.TOP)
    assert v.scene.shows("셔츠") and v.scene.shows("가게") and not v.scene.shows("Shirt")
    v.tap(ButtonId.LANG)
    assert v.scene.shows("Shirt") and v.scene.shows("Shop") and not v.scene.shows("셔츠")
