from mirror_app.domain import Category
from mirror_app.session.layout import make_layout
from mirror_app.session.state import Action, ItemCard, MirrorSession, Screen, SessionSettings

ITEMS = [
    ItemCard("tee", Category.TOP, "티", "Tee", 19000),
    ItemCard("shirt", Category.TOP, "셔츠", "Shirt", 39000),
    ItemCard("dress", Category.DRESS, "원피스", "Dress", 59000),
    ItemCard("jeans", Category.BOTTOM, "청바지", "Jeans", 49000),
    ItemCard("cap", Category.HAT, "모자", "Cap", 15000),
    ItemCard("bag", Category.ACCESSORY, "가방", "Bag", 29000),
    ItemCard("neck", Category.ACCESSORY, "목걸이", "Necklace", 9000),
    ItemCard("ring", Category.ACCESSORY, "반지", "Ring", 9000),
]


def session(**kw):
    return MirrorSession(
        list(ITEMS),
        SessionSettings(idle_timeout_s=10, presence_s=0.5, welcome_s=3, countdown_s=3, photo_show_s=20, **kw),
    )


def test_attract_then_welcome_then_live_then_back_to_attract_when_alone():
    s = session()
    s.observe(0.0, False)
    assert s.screen is Screen.ATTRACT
    s.observe(1.0, True)
    s.observe(1.3, True)
    assert s.screen is Screen.ATTRACT  # not yet: a passer-by glimpsed for 0.3 s
    s.observe(1.6, True)
    assert s.screen is Screen.WELCOME
    s.observe(4.7, True)
    assert s.screen is Screen.LIVE
    s.press("cat:top", 5.0)
    s.press("wear", 5.0)
    assert s.outfit == ["tee"]
    s.observe(6.0, False)
    s.observe(15.0, False)
    assert s.screen is Screen.LIVE  # short absence: keep the outfit
    s.observe(16.5, False)
    assert s.screen is Screen.ATTRACT and s.outfit == [] and s.category is None


def test_browsing_and_wearing_rules():
    s = session()
    s.press("cat:top", 0)
    assert s.current_item().id == "tee"
    s.press("next", 0)
    assert s.current_item().id == "shirt"
    s.press("next", 0)
    assert s.current_item().id == "tee"  # wraps around
    s.press("prev", 0)
    assert s.press("wear", 0) == [Action.OUTFIT_CHANGED]
    assert s.outfit == ["shirt"]
    s.press("prev", 0)
    s.press("wear", 0)
    assert s.outfit == ["tee"]  # one top at a time
    s.press("cat:bottom", 0)
    s.press("wear", 0)
    s.press("cat:dress", 0)
    s.press("wear", 0)
    assert s.outfit == ["dress"]  # a dress replaces top and bottom
    s.press("cat:accessory", 0)
    for _ in range(3):
        s.press("wear", 0)
        s.press("next", 0)
    assert [i for i in s.outfit if i in ("bag", "neck", "ring")] == ["neck", "ring"]  # at most two
    s.press("wear", 0)  # the current one (bag) again, after wrapping: replaces the oldest
    s.press("clear", 0)
    assert s.outfit == []


def test_wear_again_takes_it_off():
    s = session()
    s.press("cat:hat", 0)
    s.press("wear", 0)
    s.press("wear", 0)
    assert s.outfit == []


def test_photo_countdown_then_capture_then_back_to_live():
    s = session()
    s.screen = Screen.LIVE
    assert s.press("photo", 0) == []
    assert s.screen is Screen.LIVE  # nothing worn: no photo button
    s.press("cat:hat", 0)
    s.press("wear", 0)
    s.press("photo", 10.0)
    assert s.screen is Screen.COUNTDOWN and s.countdown_left(10.2) == 3 and s.countdown_left(12.5) == 1
    assert s.tick(12.9) == []
    assert s.tick(13.0) == [Action.CAPTURE_PHOTO]
    assert s.screen is Screen.PHOTO
    assert set(s.buttons(make_layout((1080, 1920), s.categories()))) == {"close"}
    s.press("close", 14)
    assert s.screen is Screen.LIVE


def test_language_switch():
    s = session()
    assert s.lang == "ko"
    s.press("lang", 0)
    assert s.lang == "en" and s.items[0].name(s.lang) == "Tee"
    s.press("lang", 0)
    assert s.lang == "ko"


def test_buttons_follow_the_screen():
    s = session()
    lay = make_layout((1080, 1920), s.categories())
    assert s.buttons(lay) == {}  # attract: nothing to press by hand
    s.screen = Screen.LIVE
    names = set(s.buttons(lay))
    assert {"cat:top", "cat:dress", "cat:bottom", "cat:hat", "cat:accessory", "lang"} == names
    s.press("cat:top", 0)
    assert {"prev", "next", "wear"} <= set(s.buttons(lay))
    s.press("wear", 0)
    assert {"clear", "photo"} <= set(s.buttons(lay))


def test_reloaded_catalog_drops_items_no_longer_sold():
    s = session()
    s.press("cat:hat", 0)
    s.press("wear", 0)
    s.set_items([it for it in ITEMS if it.id != "cap"])
    assert s.outfit == [] and s.category is None


def test_layout_keeps_buttons_on_screen_and_apart():
    for wh in ((1080, 1920), (540, 960), (1920, 1080), (720, 1280)):
        lay = make_layout(wh, list(Category))
        rects = [*lay.categories.values(), lay.prev, lay.card, lay.next, lay.wear, lay.clear, lay.photo, lay.lang]
        for r in rects:
            assert r.x >= 0 and r.x + r.w <= wh[0] and r.y >= 0 and r.y + r.h <= wh[1], (wh, r)
        for i, a in enumerate(rects):
            for b in rects[i + 1 :]:
                overlap = min(a.x + a.w, b.x + b.w) > max(a.x, b.x) and min(a.y + a.h, b.y + b.h) > max(a.y, b.y)
                assert not overlap, (wh, a, b)


def test_compare_the_last_two_outfits_and_keep_either():
    s = session()
    s.screen = Screen.LIVE
    lay = make_layout((1080, 1920), s.categories())
    s.press("cat:top", 0)
    s.press("wear", 0)  # tee
    assert "compare" not in s.buttons(lay)  # only one outfit so far
    s.press("next", 0)
    s.press("wear", 0)  # shirt replaces tee
    assert s.outfit == ["shirt"] and s.previous_outfit == ["tee"]
    assert "compare" in s.buttons(lay)
    assert s.press("compare", 0) == [Action.OUTFIT_CHANGED] and s.comparing
    assert set(s.buttons(lay)) == {"keep_a", "keep_b", "compare", "lang"}
    s.press("keep_a", 0)
    assert not s.comparing and s.outfit == ["tee"] and s.previous_outfit == ["shirt"]
    s.press("compare", 0)
    s.press("keep_b", 0)
    assert s.outfit == ["tee"] and not s.comparing
