"""The shopper's visit as a state machine: attract → welcome → live (browse, wear) → photo → live.

Pure: time is passed in; every change that matters outside (a visit began or ended, the outfit
changed, a photo is due) comes back as an ``Action``. Which controls can be pressed is said here;
where they are on the screen is ``visit.layout``'s business.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from ..domain import ButtonId, Category, Control, Language

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
    """What changed, for whoever acts on it (the visit controller)."""

    VISIT_STARTED = "visit_started"  # a shopper arrived (or woke the mirror by touch)
    VISIT_ENDED = "visit_ended"  # the shopper left: nothing of theirs is kept
    OUTFIT_CHANGED = "outfit_changed"  # what to draw changed (outfit or compare)
    CAPTURE_PHOTO = "capture_photo"  # the countdown ended: take the picture now


# Screens that belong to a shopper's visit (the staff screens pause one, they are not part of it).
_VISIT_SCREENS = frozenset({Screen.WELCOME, Screen.LIVE, Screen.COUNTDOWN, Screen.PHOTO})


@dataclass(frozen=True)
class ItemCard:
    id: str
    category: Category
    name_ko: str
    name_en: str
    price: int

    def name(self, lang: Language) -> str:
        return Language(lang).pick(self.name_ko, self.name_en)


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
    lang: Language = Language.KO
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
    _visiting: bool = False
    _actions: list[Action] = field(default_factory=list)  # collected by _go and friends, returned once

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
    def observe(self, now: float, present: bool) -> list[Action]:
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
        return self._done()

    def _end_visit(self, now: float) -> None:
        """The shopper left: start fresh for the next one (nothing of theirs is kept)."""
        if self.outfit or self.comparing:
            self._actions.append(Action.OUTFIT_CHANGED)
        self.outfit.clear()
        self.previous_outfit.clear()
        self.comparing = False
        self.category = None
        self.index.clear()
        self._go(Screen.ATTRACT, now)

    def _go(self, screen: Screen, now: float) -> None:
        self.screen, self.since = screen, now
        if screen in _VISIT_SCREENS and not self._visiting:
            self._visiting = True
            self._actions.append(Action.VISIT_STARTED)
        elif screen is Screen.ATTRACT and self._visiting:
            self._visiting = False
            self._actions.append(Action.VISIT_ENDED)

    def _done(self, *more: Action) -> list[Action]:
        """The actions of this call, in the order they happened."""
        out = [*self._actions, *more]
        self._actions.clear()
        return out

    # -- time -------------------------------------------------------------------------------------
    def tick(self, now: float) -> list[Action]:
        if self.screen is Screen.COUNTDOWN and now - self.since >= self.settings.countdown_s:
            self._go(Screen.PHOTO, now)
            return self._done(Action.CAPTURE_PHOTO)
        if self.screen is Screen.PHOTO and now - self.since >= self.settings.photo_show_s:
            self._go(Screen.LIVE, now)
        return self._done()

    def countdown_left(self, now: float) -> int:
        return max(1, int(self.settings.countdown_s - (now - self.since)) + 1)

    # -- buttons ----------------------------------------------------------------------------------
    def controls(self) -> list[Control]:
        """What a hand (or finger, or mouse) can press on the current screen, in reading order."""
        if self.screen in (Screen.ATTRACT, Screen.COUNTDOWN, Screen.STAFF_PIN, Screen.STAFF):
            return []
        if self.screen is Screen.PHOTO:
            return [ButtonId.CLOSE]
        if self.comparing:
            return [ButtonId.KEEP_A, ButtonId.KEEP_B, ButtonId.COMPARE, ButtonId.LANG]
        out: list[Control] = [*self.categories(), ButtonId.LANG]
        if self.can_compare():
            out.append(ButtonId.COMPARE)
        if self.outfit:
            out += [ButtonId.CLEAR, ButtonId.PHOTO]
        if self.current_item() is not None:
            out += [ButtonId.PREV, ButtonId.NEXT, ButtonId.WEAR]
        return out

    def wake(self, now: float) -> list[Action]:
        """A touch or a key: the mirror wakes at once (and a press skips the welcome)."""
        if self.screen in (Screen.WELCOME, Screen.ATTRACT):
            self._go(Screen.LIVE, now)
        return self._done()

    def press(self, control: Control, now: float) -> list[Action]:
        """A control was pressed (dwell, touch, mouse or key)."""
        woke = self.wake(now)
        return [*woke, *self._pressed(control, now), *self._done()]

    def _pressed(self, control: Control, now: float) -> list[Action]:
        if isinstance(control, Category):
            self.category = None if self.category is control else control
            return []
        if control is ButtonId.LANG:
            self.lang = self.lang.other
            return []
        if control in (ButtonId.PREV, ButtonId.NEXT) and self.category is not None:
            step = -1 if control is ButtonId.PREV else 1
            n = max(len(self.items_in(self.category)), 1)
            self.index[self.category] = (self.index.get(self.category, 0) + step) % n
            return []
        if control is ButtonId.WEAR:
            item = self.current_item()
            return self._toggle(item) if item else []
        if control is ButtonId.COMPARE and (self.comparing or self.can_compare()):
            self.comparing = not self.comparing
            return [Action.OUTFIT_CHANGED]
        if control in (ButtonId.KEEP_A, ButtonId.KEEP_B) and self.comparing:
            if control is ButtonId.KEEP_A:
                self.outfit, self.previous_outfit = list(self.previous_outfit), list(self.outfit)
            self.comparing = False
            return [Action.OUTFIT_CHANGED]
        if control is ButtonId.CLEAR and self.outfit:
            self._remember()
            self.outfit.clear()
            return [Action.OUTFIT_CHANGED]
        if control is ButtonId.PHOTO and self.outfit:
            self._go(Screen.COUNTDOWN, now)
            return []
        if control is ButtonId.CLOSE and self.screen is Screen.PHOTO:
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
    def open_staff(self, now: float) -> list[Action]:
        if self.screen not in (Screen.STAFF_PIN, Screen.STAFF):
            self._resume = self.screen if self.screen not in (Screen.COUNTDOWN, Screen.PHOTO) else Screen.LIVE
        self._go(Screen.STAFF_PIN, now)
        return self._done()

    def staff_unlocked(self, now: float) -> list[Action]:
        self._go(Screen.STAFF, now)
        return self._done()

    def close_staff(self, now: float) -> list[Action]:
        self._go(self._resume, now)
        return self._done()

    def back(self, now: float) -> list[Action]:
        """Esc / back: close what is open."""
        if self.screen in (Screen.PHOTO, Screen.COUNTDOWN):
            self._go(Screen.LIVE, now)
        elif self.screen in (Screen.STAFF_PIN, Screen.STAFF):
            self._go(self._resume, now)
        elif self.category is not None:
            self.category = None
        return self._done()

    @property
    def visiting(self) -> bool:
        """A shopper's visit is under way (the staff screens pause it, they do not end it)."""
        return self._visiting
