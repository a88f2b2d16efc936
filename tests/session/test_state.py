from mirror_app.domain import ButtonId as B
from mirror_app.domain import Category
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
    s.press(Category.TOP, 5.0)
    s.press(B.WEAR, 5.0)
    assert s.outfit == ["tee"]
    s.observe(6.0, False)
    s.observe(15.0, False)
    assert s.screen is Screen.LIVE  # short absence: keep the outfit
    s.observe(16.5, False)
    assert s.screen is Screen.ATTRACT and s.outfit == [] and s.category is None


def test_browsing_and_wearing_rules():
    s = session()
    s.press(Category.TOP, 0)
    assert s.current_item().id == "tee"
    s.press(B.NEXT, 0)
    assert s.current_item().id == "shirt"
    s.press(B.NEXT, 0)
    assert s.current_item().id == "tee"  # wraps around
    s.press(B.PREV, 0)
    assert s.press(B.WEAR, 0) == [Action.OUTFIT_CHANGED]
    assert s.outfit == ["shirt"]
    s.press(B.PREV, 0)
    s.press(B.WEAR, 0)
    assert s.outfit == ["tee"]  # one top at a time
    s.press(Category.BOTTOM, 0)
    s.press(B.WEAR, 0)
    s.press(Category.DRESS, 0)
    s.press(B.WEAR, 0)
    assert s.outfit == ["dress"]  # a dress replaces top and bottom
    s.press(Category.ACCESSORY, 0)
    for _ in range(3):
        s.press(B.WEAR, 0)
        s.press(B.NEXT, 0)
    assert [i for i in s.outfit if i in ("bag", "neck", "ring")] == ["neck", "ring"]  # at most two
    s.press(B.WEAR, 0)  # the current one (bag) again, after wrapping: replaces the oldest
    s.press(B.CLEAR, 0)
    assert s.outfit == []


def test_wear_again_takes_it_off():
    s = session()
    s.press(Category.HAT, 0)
    s.press(B.WEAR, 0)
    s.press(B.WEAR, 0)
    assert s.outfit == []


def test_photo_countdown_then_capture_then_back_to_live():
    s = session()
    s.screen = Screen.LIVE
    assert s.press(B.PHOTO, 0) == []
    assert s.screen is Screen.LIVE  # nothing worn: no photo button
    s.press(Category.HAT, 0)
    s.press(B.WEAR, 0)
    s.press(B.PHOTO, 10.0)
    assert s.screen is Screen.COUNTDOWN and s.countdown_left(10.2) == 3 and s.countdown_left(12.5) == 1
    assert s.tick(12.9) == []
    assert s.tick(13.0) == [Action.CAPTURE_PHOTO]
    assert s.screen is Screen.PHOTO
    assert set(s.controls()) == {B.CLOSE}
    s.press(B.CLOSE, 14)
    assert s.screen is Screen.LIVE


def test_language_switch():
    s = session()
    assert s.lang == "ko"
    s.press(B.LANG, 0)
    assert s.lang == "en" and s.items[0].name(s.lang) == "Tee"
    s.press(B.LANG, 0)
    assert s.lang == "ko"


def test_buttons_follow_the_screen():
    s = session()
    assert s.controls() == []  # attract: nothing to press by hand
    s.screen = Screen.LIVE
    names = set(s.controls())
    assert {Category.TOP, Category.DRESS, Category.BOTTOM, Category.HAT, Category.ACCESSORY, B.LANG} == names
    s.press(Category.TOP, 0)
    assert {B.PREV, B.NEXT, B.WEAR} <= set(s.controls())
    s.press(B.WEAR, 0)
    assert {B.CLEAR, B.PHOTO} <= set(s.controls())


def test_reloaded_catalog_drops_items_no_longer_sold():
    s = session()
    s.press(Category.HAT, 0)
    s.press(B.WEAR, 0)
    s.set_items([it for it in ITEMS if it.id != "cap"])
    assert s.outfit == [] and s.category is None


def test_compare_the_last_two_outfits_and_keep_either():
    s = session()
    s.screen = Screen.LIVE
    s.press(Category.TOP, 0)
    s.press(B.WEAR, 0)  # tee
    assert B.COMPARE not in s.controls()  # only one outfit so far
    s.press(B.NEXT, 0)
    s.press(B.WEAR, 0)  # shirt replaces tee
    assert s.outfit == ["shirt"] and s.previous_outfit == ["tee"]
    assert B.COMPARE in s.controls()
    assert s.press(B.COMPARE, 0) == [Action.OUTFIT_CHANGED] and s.comparing
    assert set(s.controls()) == {B.KEEP_A, B.KEEP_B, B.COMPARE, B.LANG}
    s.press(B.KEEP_A, 0)
    assert not s.comparing and s.outfit == ["tee"] and s.previous_outfit == ["shirt"]
    s.press(B.COMPARE, 0)
    s.press(B.KEEP_B, 0)
    assert s.outfit == ["tee"] and not s.comparing


def test_a_visit_starts_when_a_shopper_arrives_and_ends_with_what_they_wore():
    # given a shopper who arrives, wears a hat and leaves
    s = session()
    assert s.observe(0.0, True) == []
    assert s.observe(0.6, True) == [Action.VISIT_STARTED] and s.visiting
    s.press(Category.HAT, 1.0)
    assert s.press(B.WEAR, 1.0) == [Action.OUTFIT_CHANGED]
    s.observe(2.0, False)
    # when they have been gone for the idle timeout
    actions = s.observe(12.0, False)
    # then the outfit is taken off (what is drawn changes) and the visit ends, in that order
    assert actions == [Action.OUTFIT_CHANGED, Action.VISIT_ENDED]
    assert s.screen is Screen.ATTRACT and s.outfit == [] and not s.visiting


def test_a_touch_on_the_attract_screen_starts_a_visit_and_staff_screens_do_not():
    s = session()
    assert s.open_staff(0.0) == [] and s.close_staff(1.0) == []  # from attract and back: no visit
    assert s.screen is Screen.ATTRACT
    assert s.wake(2.0) == [Action.VISIT_STARTED] and s.screen is Screen.LIVE
    assert s.open_staff(3.0) == [] and s.back(4.0) == []  # staff pauses the visit, never ends it
    assert s.screen is Screen.LIVE and s.visiting


def test_pressing_a_control_on_the_welcome_screen_goes_live_and_acts():
    s = session()
    s.observe(0.0, True)
    s.observe(0.6, True)
    assert s.screen is Screen.WELCOME
    assert s.press(Category.TOP, 1.0) == [] and s.screen is Screen.LIVE and s.category is Category.TOP
