"""The LAN share as the visit uses it: the controller hands the photo to ``LanShareDesk``, the QR
code opens the served page, the photo screen shows the Wi-Fi code, and the shop's choice of
when the photo goes (after keep_minutes, or at the next visit) holds. Plain values, no Qt."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
import pytest

from mirror_app.catalog.loader import load_catalog
from mirror_app.domain import Language
from mirror_app.live.engine import SourceStatus, ViewFrame
from mirror_app.photo import PhotoStore
from mirror_app.session.state import MirrorSession, Screen, SessionSettings
from mirror_app.share import Missing, PhotoShelf, WifiNetwork
from mirror_app.share.server import answer
from mirror_app.share.shelf import TOKEN
from mirror_app.staff import PinLock, hash_pin
from mirror_app.view.transform import ViewTransform
from mirror_app.visit import Key, KeyPress, MirrorController, TakenPhoto
from mirror_app.visit.photo_desk import LanShareDesk
from tests.catalog.builders import item_doc, make_catalog
from tests.synthetic import make_pose, tracked

from .conftest import FakeClock, photo_rgb

W, H = 360, 640
BASE = "http://192.168.0.23:8080"


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    docs = {
        "tee": item_doc("tee", price=19000),
        "shirt": item_doc("shirt", name={"ko": "셔츠", "en": "Shirt"}, price=39000),
    }
    manifest = {"format": 1, "shop": {"ko": "미러 부티크", "en": "Mirror Boutique"}, "currency": "KRW"}
    return load_catalog(make_catalog(tmp_path_factory.mktemp("shop"), items=docs, manifest=manifest))


def desk_for(catalog, clock=None, **kw) -> LanShareDesk:
    shelf = PhotoShelf(600, clock=clock or FakeClock())
    return LanShareDesk(shelf, BASE, lambda: catalog, url_template="https://shop.example/o?i={item_ids}", **kw)


def served(desk: LanShareDesk, url: str, query: str = ""):
    from mirror_app.share import ClientLimiter

    path = url.removeprefix(BASE)
    env = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "REMOTE_ADDR": "192.168.0.50"}
    return answer(desk.shelf, ClientLimiter(), env)


def test_the_handout_is_a_lan_url_with_a_fresh_token_and_the_page_names_the_outfit(catalog):
    desk = desk_for(catalog)
    rgb = photo_rgb(W, H)
    handout = desk.hand_out(TakenPhoto(rgb, ("shirt", "tee"), Language.EN, 0.0))
    assert handout.url.startswith(f"{BASE}/p/") and TOKEN.fullmatch(handout.url.rsplit("/", 1)[1])
    assert handout.scan_key == "photo_scan_lan" and handout.note_key == "photo_shared" and handout.expires_in_s == 600
    page = served(desk, handout.url).body.decode()
    assert '<html lang="en">' in page and "Mirror Boutique" in page
    assert page.index("Shirt") < page.index("T-shirt")  # in the order worn
    assert 'href="https://shop.example/o?i=shirt"' in page and 'href="https://shop.example/o?i=shirt,tee"' in page
    assert "₩39,000" in page
    jpeg = served(desk, handout.url + "/photo.jpg").body
    decoded = cv2.cvtColor(cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    assert decoded.shape == rgb.shape and np.abs(decoded.astype(int) - rgb).mean() < 4
    assert desk.hand_out(TakenPhoto(rgb, ("tee",), Language.KO, 0.0)).url != handout.url


def test_items_the_catalog_no_longer_sells_are_left_off_the_page(catalog):
    desk = desk_for(catalog)
    handout = desk.hand_out(TakenPhoto(photo_rgb(), ("gone-item", "tee"), Language.KO, 0.0))
    page = served(desk, handout.url).body.decode()
    assert "티셔츠" in page and "gone-item" not in page.split("<ul>")[1].split("</ul>")[0]


def test_the_guest_wifi_code_comes_with_the_handout(catalog):
    desk = desk_for(catalog, wifi=WifiNetwork("Shop;Guest", "hello1234"))
    handout = desk.hand_out(TakenPhoto(photo_rgb(), ("tee",), Language.KO, 0.0))
    assert handout.join_wifi == "WIFI:T:WPA;S:Shop\\;Guest;P:hello1234;;" and handout.wifi_name == "Shop;Guest"


def test_by_default_a_photo_outlives_the_visit_until_keep_minutes(catalog):
    clock = FakeClock()
    desk = desk_for(catalog, clock)
    url = desk.hand_out(TakenPhoto(photo_rgb(), ("tee",), Language.KO, 0.0)).url
    desk.visit_ended()
    desk.visit_started()  # the next shopper: the last one may still be saving their photo
    assert served(desk, url).status == "200 OK"
    clock.advance(600)
    assert served(desk, url).status == "410 Gone" and len(desk.shelf) == 0


def test_with_next_visit_the_photo_is_gone_when_the_next_shopper_arrives(catalog):
    desk = desk_for(catalog, forget_at_next_visit=True)
    url = desk.hand_out(TakenPhoto(photo_rgb(), ("tee",), Language.KO, 0.0)).url
    desk.visit_ended()
    assert served(desk, url).status == "200 OK"  # the shopper walking away can still open it
    desk.visit_started()
    assert served(desk, url).status == "410 Gone" and desk.shelf.bytes_held == 0


def test_with_policy_keep_the_same_jpeg_is_also_written_to_disk(catalog, tmp_path):
    desk = desk_for(catalog, store=PhotoStore(tmp_path / "photos", 10))
    handout = desk.hand_out(TakenPhoto(photo_rgb(), ("tee",), Language.KO, 0.0))
    (saved,) = (tmp_path / "photos").glob("mirror-*.jpg")
    assert handout.note_key == "photo_saved"
    assert saved.read_bytes() == served(desk, handout.url + "/photo.jpg").body


def test_a_photo_that_cannot_be_encoded_still_shows_with_the_order_link(catalog):
    desk = desk_for(catalog)
    handout = desk.hand_out(TakenPhoto(np.zeros((0, 0, 3), np.uint8), ("tee",), Language.KO, 0.0))
    assert handout.url == "https://shop.example/o?i=tee" and handout.error and handout.expires_in_s is None
    assert len(desk.shelf) == 0


# -- through the controller --------------------------------------------------------------------
def view_frame(index: int) -> ViewFrame:
    return ViewFrame(
        image_rgb=photo_rgb(W, H, seed=index % 3),
        frame_index=index,
        captured_at=0.0,
        frame_wh=(W, H),
        view=ViewTransform((W, H), (W, H), mirror=False),
        status=SourceStatus.RUNNING,
        tracking=tracked(make_pose(), (W, H)),
        tracked_index=index,
    )


class Visit:
    def __init__(self, catalog, desk, idle_timeout_s: float = 3.0) -> None:
        settings = SessionSettings(presence_s=0.0, welcome_s=0.0, idle_timeout_s=idle_timeout_s, countdown_s=1.0)
        self.t, self.index = 100.0, 0
        self.c = MirrorController(
            catalog,
            MirrorSession([], settings),
            PinLock(hash_pin("2580", iterations=1000)),
            screen_wh=(W, H),
            photos=desk,
        )

    def frames(self, n: int, present: bool = True, events=()):
        scene = None
        for i in range(n):
            self.t += 1 / 30
            self.index += 1
            f = view_frame(self.index)
            if not present:
                f = replace(f, tracking=tracked(None, (W, H)))
            scene = self.c.step(f, list(events) if i == 0 else [], self.t)
        return scene


def test_the_photo_screen_shows_the_wifi_code_then_the_photo_code(catalog):
    desk = desk_for(catalog, wifi=WifiNetwork("ShopGuest", "hello1234"))
    v = Visit(catalog, desk)
    v.frames(3)
    v.c.wear(["tee"], v.t)
    scene = v.frames(40, events=[KeyPress(Key.PHOTO)])
    assert scene.screen is Screen.PHOTO
    wifi, photo = [e for e in scene.elements if type(e).__name__ == "QrCode"]
    assert wifi.data == "WIFI:T:WPA;S:ShopGuest;P:hello1234;;" and photo.data.startswith(f"{BASE}/p/")
    assert wifi.rect.right <= photo.rect.x  # side by side: first the Wi-Fi, then the photo
    assert scene.shows("① 매장 와이파이 연결") and scene.shows("② 사진 받기") and scene.shows("ShopGuest")
    assert served(desk, photo.data).status == "200 OK"


def test_without_wifi_the_photo_screen_has_one_code_that_opens_the_photo(catalog):
    v = Visit(catalog, desk_for(catalog))
    v.frames(3)
    v.c.wear(["tee"], v.t)
    scene = v.frames(40, events=[KeyPress(Key.PHOTO)])
    (qr,) = [e for e in scene.elements if type(e).__name__ == "QrCode"]
    assert qr.data.startswith(f"{BASE}/p/") and scene.shows("QR 코드를 찍으면 휴대폰으로 사진을 받아요")


def test_the_controller_tells_the_desk_when_the_next_visit_starts(catalog):
    desk = desk_for(catalog, forget_at_next_visit=True)
    v = Visit(catalog, desk, idle_timeout_s=3.0)
    v.frames(3)
    v.c.wear(["tee"], v.t)
    scene = v.frames(40, events=[KeyPress(Key.PHOTO)])
    (qr,) = [e for e in scene.elements if type(e).__name__ == "QrCode"]
    v.frames(1, events=[KeyPress(Key.ENTER)])  # "Close"
    v.frames(30 * 4, present=False)  # the shopper leaves: the visit ends after the idle timeout
    assert v.c.screen is Screen.ATTRACT
    assert served(desk, qr.data).status == "200 OK"  # still theirs on the way out
    v.frames(5)  # the next shopper steps in
    assert v.c.screen is not Screen.ATTRACT
    assert desk.shelf.look_up(qr.data.rsplit("/", 1)[1]) is Missing.EXPIRED
