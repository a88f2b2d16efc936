"""Where the on-screen buttons are, for any screen size (portrait kiosks first).

Buttons sit at the left and right edges, where a shopper standing 1.5–2.5 m away reaches
with an outstretched hand without covering their own body.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..domain import ButtonId, Category, Control
from ..view.rect import Rect


@dataclass(frozen=True)
class Layout:
    screen_wh: tuple[int, int]
    unit: float  # 1.0 on a 1080-wide portrait screen
    categories: dict[Category, Rect]
    prev: Rect
    card: Rect
    next: Rect
    wear: Rect
    clear: Rect
    photo: Rect
    compare: Rect
    lang: Rect
    close: Rect
    staff_corner: Rect

    def rect_of(self, control: Control) -> Rect | None:
        """Where ``control`` is on the shopper's screens (compare's "keep" buttons take the places
        of clear and photo); None for a category without a button or a staff button."""
        if isinstance(control, Category):
            return self.categories.get(control)
        places = {
            ButtonId.LANG: self.lang,
            ButtonId.PREV: self.prev,
            ButtonId.NEXT: self.next,
            ButtonId.WEAR: self.wear,
            ButtonId.CLEAR: self.clear,
            ButtonId.PHOTO: self.photo,
            ButtonId.COMPARE: self.compare,
            ButtonId.KEEP_A: self.clear,
            ButtonId.KEEP_B: self.photo,
            ButtonId.CLOSE: self.close,
        }
        return places.get(control)

    def rects(self, controls: Iterable[Control]) -> dict[Control, Rect]:
        """The rectangles of ``controls`` that have a place, in the given order."""
        out: dict[Control, Rect] = {}
        for control in controls:
            rect = self.rect_of(control)
            if rect is not None:
                out[control] = rect
        return out

    @property
    def between_columns(self) -> float:
        """The width free for hints between the left and right button columns."""
        return self.prev.x - (self.clear.x + self.clear.w) - 24 * self.unit


def make_layout(screen_wh: tuple[int, int], categories: list[Category]) -> Layout:
    w, h = screen_wh
    u = min(w, h) / 1080.0
    margin = 24 * u
    col_w = 230 * u
    gap = 18 * u
    top = max(0.14 * h, 200 * u)
    bottom_button_h = 150 * u
    bottom_y = h - margin - bottom_button_h - 0.06 * h
    compare_h = 120 * u
    compare = Rect(margin, bottom_y - gap - compare_h, col_w, compare_h)
    # Left: categories, evenly filling the space above the compare and bottom buttons.
    avail = compare.y - gap * 2 - top
    n = max(len(categories), 1)
    cat_h = min(150 * u, (avail - gap * (n - 1)) / n)
    cats = {c: Rect(margin, top + i * (cat_h + gap), col_w, cat_h) for i, c in enumerate(categories)}
    # Right: previous / item card / next / try on.
    rx = w - margin - col_w
    nav_h = 110 * u
    wear_h = 150 * u
    card_h = max(120 * u, min(460 * u, bottom_y - 2 * gap - top - 2 * nav_h - wear_h - 4 * gap))
    prev = Rect(rx, top, col_w, nav_h)
    card = Rect(rx, prev.y + nav_h + gap, col_w, card_h)
    nxt = Rect(rx, card.y + card_h + gap, col_w, nav_h)
    wear = Rect(rx, nxt.y + nav_h + gap, col_w, wear_h)
    clear = Rect(margin, bottom_y, col_w, bottom_button_h)
    photo = Rect(rx, bottom_y, col_w, bottom_button_h)
    lang = Rect(w - margin - 200 * u, margin, 200 * u, 90 * u)
    close = Rect((w - 360 * u) / 2, h - margin - 170 * u - 0.04 * h, 360 * u, 150 * u)
    staff_corner = Rect(0, 0, 120 * u, 120 * u)
    return Layout(screen_wh, u, cats, prev, card, nxt, wear, clear, photo, compare, lang, close, staff_corner)
