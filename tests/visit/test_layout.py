from mirror_app.domain import ButtonId, Category
from mirror_app.visit.layout import make_layout


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


def test_every_shopper_control_has_a_place_and_keep_buttons_take_clear_and_photo():
    lay = make_layout((1080, 1920), [Category.TOP, Category.HAT])
    assert lay.rect_of(ButtonId.KEEP_A) == lay.clear and lay.rect_of(ButtonId.KEEP_B) == lay.photo
    assert lay.rect_of(Category.DRESS) is None  # no dress in this catalog: no button
    assert lay.rect_of(ButtonId.STAFF_EXIT) is None  # staff buttons live on the staff screen
    shopper = [b for b in ButtonId if not b.value.startswith("staff_")]
    assert all(lay.rect_of(b) is not None for b in shopper)
    assert list(lay.rects([ButtonId.WEAR, Category.HAT, Category.DRESS])) == [ButtonId.WEAR, Category.HAT]
