"""The shop's words, shared by the catalog, the overlay and the visit: what kind of item a
thing is, how a bottom is worn, the shopper's language and the buttons they press. Plain enums
with (almost) no behaviour, so every layer may import them.
"""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """What an item is; decides its anchors, how it deforms and where it sits in an outfit."""

    TOP = "top"
    OUTERWEAR = "outerwear"
    DRESS = "dress"
    BOTTOM = "bottom"
    HAT = "hat"
    GLASSES = "glasses"
    ACCESSORY = "accessory"


class Fit(StrEnum):
    """How a bottom hangs: following each leg (trousers, shorts) or as one piece (skirts)."""

    LEGS = "legs"
    SKIRT = "skirt"


class Language(StrEnum):
    """The shopper's language. The one ko/en switch of the app is ``Language.pick``."""

    KO = "ko"
    EN = "en"

    def pick(self, ko: str, en: str) -> str:
        return ko if self is Language.KO else en

    @property
    def other(self) -> Language:
        return Language.EN if self is Language.KO else Language.KO


class ButtonId(StrEnum):
    """The mirror's on-screen buttons: one name for where a button is, what it says and what it
    does. A category's button is named by its ``Category``; see ``Control``."""

    LANG = "lang"
    PREV = "prev"
    NEXT = "next"
    WEAR = "wear"
    CLEAR = "clear"
    PHOTO = "photo"
    COMPARE = "compare"
    KEEP_A = "keep_a"
    KEEP_B = "keep_b"
    CLOSE = "close"
    STAFF_BACK = "staff_back"
    STAFF_RELOAD = "staff_reload"
    STAFF_DEBUG = "staff_debug"
    STAFF_EXIT = "staff_exit"


Control = ButtonId | Category
"""Anything a shopper can press: a named button, or the button of a category."""
