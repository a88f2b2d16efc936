"""The shopper's visit as a state machine: attract → welcome → live (browse, wear) → photo → live.

Pure: time is passed in, outputs are values and requested actions; the Qt shell draws it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from ..domain import Category
from .dwell import Rect
from .layout import Layout

# The order shoppers browse in (not the drawing order).
BROWSE_ORDER = (
    Category.TOP,
    Category.OUTERWEAR,
    Category.DRESS,
    Category.BOTTOM,
    Category.HAT,
    Category.GLASSES,
    Category.ACCESSORY,
)


class Screen(StrEnum):
    ATTRACT = "attract"
    WELCOME = "welcome"
    LIVE = "live"
    COUNTDOWN = "countdown"
    PHOTO = "photo"
    STAFF_PIN = "staff_pin"
    STAFF = "staff"


class Action(StrEnum):
    """Side effects the shell must perform."""

    CAPTURE_PHOTO = "capture_photo"
    EXIT = "exit"
    OUTFIT_CHANGED = "outfit_changed"


@dataclass(frozen=True)
class ItemCard:
    id: str
    category: Category
    name_ko: str
    name_en: str
    price: int

    def name(self, lang: str) -> str:
        return self.name_ko if lang == "ko" else self.name_en


@dataclass(frozen=True)
class SessionSettings:
    idle_timeout_s: float = 20.0  # nobody this long → attract mode
    presence_s: float = 0.6  # somebody this long → wake up
    welcome_s: float = 5.0
    countdown_s: float = 3.0
    photo_show_s: float = 20.0
    max_accessories: int = 2


@dataclass
class MirrorSession:
    items: Sequence[ItemCard]
    settings: SessionSettings = field(default_factory=SessionSettings)
    lang: str = "ko"
    screen: Screen = Screen.ATTRACT
    category: Category | None = None
    index: dict[Category, int] = field(default_factory=dict)
    outfit: list[str] = field(default_factory=list)
    previous_outfit: list[str] = field(default_factory=list)  # the one before the last change (compare)
    comparing: bool = False
    since: float = 0.0  # when the current screen began
    _present_since: float | None = None
    _absent_since: float | None = 0.0
    _resume: Screen = Screen.LIVE

    # -- catalog --------------------------------------------------------------------------------
    def categories(self) -> list[Category]:
        present = {it.category for it in self.items}
        return [c for c in BROWSE_ORDER if c in present]

    def set_items(self, items: Sequence[ItemCard]) -> None:
        """A reloaded catalog: keep what is still sold, drop the rest from the outfit."""
        self.items = list(items)
        ids = {it.id for it in items}
        self.outfit = [i for i in self.outfit if i in ids]
        self.previous_outfit = [i for i in self.previous_outfit if i in ids]
        self.comparing = self.comparing and self.can_compare()
        if self.category not in self.categories():
            self.category = None

    def items_in(self, category: Category) -> list[ItemCard]:
        return [it for it in self.items if it.category is category]

    def current_item(self) -> ItemCard | None:
        if self.category is None:
            return None
        options = self.items_in(self.category)
        if not options:
            return None
        return options[self.index.get(self.category, 0) % len(options)]

    def outfit_items(self) -> list[ItemCard]:
        by_id = {it.id: it for it in self.items}
        return [by_id[i] for i in self.outfit if i in by_id]

    # -- presence ---------------------------------------------------------------------------------
    def observe(self, now: float, present: bool) -> None:
        """Feed whether a shopper is in view; moves between attract, welcome and live."""
        if present:
            self._absent_since = None
            if self._present_since is None:
                self._present_since = now
        else:
            self._present_since = None
            if self._absent_since is None:
                self._absent_since = now
        s = self.settings
        if self.screen is Screen.ATTRACT:
            if self._present_since is not None and now - self._present_since >= s.presence_s:
                self._go(Screen.WELCOME, now)
        elif self.screen in (Screen.WELCOME, Screen.LIVE):
            if self._absent_since is not None and now - self._absent_since >= s.idle_timeout_s:
                self._end_visit(now)
            elif self.screen is Screen.WELCOME and now - self.since >= s.welcome_s:
                self._go(Screen.LIVE, now)

    def _end_visit(self, now: float) -> None:
        """The shopper left: start fresh for the next one (nothing of theirs is kept)."""
        self.outfit.clear()
        self.previous_outfit.clear()
        self.comparing = False
        self.category = None
        self.index.clear()
        self._go(Screen.ATTRACT, now)

    def _go(self, screen: Screen, now: float) -> None:
        self.screen, self.since = screen, now

    # -- time -------------------------------------------------------------------------------------
    def tick(self, now: float) -> list[Action]:
        if self.screen is Screen.COUNTDOWN and now - self.since >= self.settings.countdown_s:
            self._go(Screen.PHOTO, now)
            return [Action.CAPTURE_PHOTO]
        if self.screen is Screen.PHOTO and now - self.since >= self.settings.photo_show_s:
            self._go(Screen.LIVE, now)
        return []

    def countdown_left(self, now: float) -> int:
        return max(1, int(self.settings.countdown_s - (now - self.since)) + 1)

    # -- buttons ----------------------------------------------------------------------------------
    def buttons(self, layout: Layout) -> dict[str, Rect]:
        """The buttons a hand (or finger, or mouse) can press on the current screen."""
        if self.screen in (Screen.ATTRACT, Screen.COUNTDOWN, Screen.STAFF_PIN, Screen.STAFF):
            return {}
        if self.screen is Screen.PHOTO:
            return {"close": layout.close}
        if self.comparing:
            return {"keep_a": layout.clear, "keep_b": layout.photo, "compare": layout.compare, "lang": layout.lang}
        out: dict[str, Rect] = {f"cat:{c.value}": r for c, r in layout.categories.items() if c in self.categories()}
        out["lang"] = layout.lang
        if self.can_compare():
            out["compare"] = layout.compare
        if self.outfit:
            out["clear"] = layout.clear
            out["photo"] = layout.photo
        if self.current_item() is not None:
            out.update(prev=layout.prev, next=layout.next, wear=layout.wear)
        return out

    def press(self, button: str, now: float) -> list[Action]:
        """A button was pressed (dwell, touch, mouse or key)."""
        if self.screen is Screen.WELCOME:
            self._go(Screen.LIVE, now)
        if self.screen is Screen.ATTRACT:
            self._go(Screen.LIVE, now)  # touch or key wakes the mirror at once
        if button == "lang":
            self.lang = "en" if self.lang == "ko" else "ko"
            return []
        if button.startswith("cat:"):
            cat = Category(button[4:])
            self.category = None if self.category is cat else cat
            return []
        if button in ("prev", "next") and self.category is not None:
            step = -1 if button == "prev" else 1
            n = max(len(self.items_in(self.category)), 1)
            self.index[self.category] = (self.index.get(self.category, 0) + step) % n
            return []
        if button == "wear":
            item = self.current_item()
            return self._toggle(item) if item else []
        if button == "compare" and (self.comparing or self.can_compare()):
            self.comparing = not self.comparing
            return [Action.OUTFIT_CHANGED]
        if button in ("keep_a", "keep_b") and self.comparing:
            if button == "keep_a":
                self.outfit, self.previous_outfit = list(self.previous_outfit), list(self.outfit)
            self.comparing = False
            return [Action.OUTFIT_CHANGED]
        if button == "clear" and self.outfit:
            self._remember()
            self.outfit.clear()
            return [Action.OUTFIT_CHANGED]
        if button == "photo" and self.outfit:
            self._go(Screen.COUNTDOWN, now)
            return []
        if button == "close" and self.screen is Screen.PHOTO:
            self._go(Screen.LIVE, now)
        return []

    def can_compare(self) -> bool:
        """Two different outfits to put side by side (the current one and the one before)."""
        return bool(self.previous_outfit) and bool(self.outfit) and self.previous_outfit != self.outfit

    def _remember(self) -> None:
        if self.outfit:
            self.previous_outfit = list(self.outfit)

    def _toggle(self, item: ItemCard) -> list[Action]:
        self.comparing = False
        self._remember()
        if item.id in self.outfit:
            self.outfit.remove(item.id)
            return [Action.OUTFIT_CHANGED]
        by_id = {it.id: it for it in self.items}
        same = [i for i in self.outfit if by_id[i].category is item.category]
        limit = self.settings.max_accessories if item.category is Category.ACCESSORY else 1
        for old in same[: max(0, len(same) - limit + 1)]:
            self.outfit.remove(old)  # one top at a time (a new one replaces the old)
        # A dress replaces top and bottom; a top or bottom replaces a dress.
        clash = {
            Category.DRESS: {Category.TOP, Category.BOTTOM},
            Category.TOP: {Category.DRESS},
            Category.BOTTOM: {Category.DRESS},
        }
        drop = clash.get(item.category, set())
        self.outfit = [i for i in self.outfit if by_id[i].category not in drop]
        self.outfit.append(item.id)
        return [Action.OUTFIT_CHANGED]

    # -- staff ------------------------------------------------------------------------------------
    def open_staff(self, now: float) -> None:
        if self.screen not in (Screen.STAFF_PIN, Screen.STAFF):
            self._resume = self.screen if self.screen not in (Screen.COUNTDOWN, Screen.PHOTO) else Screen.LIVE
        self._go(Screen.STAFF_PIN, now)

    def staff_unlocked(self, now: float) -> None:
        self._go(Screen.STAFF, now)

    def close_staff(self, now: float) -> None:
        self._go(self._resume, now)

    def back(self, now: float) -> None:
        """Esc / back: close what is open."""
        if self.screen in (Screen.PHOTO, Screen.COUNTDOWN):
            self._go(Screen.LIVE, now)
        elif self.screen in (Screen.STAFF_PIN, Screen.STAFF):
            self.close_staff(now)
        elif self.category is not None:
            self.category = None
