"""The shop's words, shared by the catalog, the overlay and the visit: what kind of item a
thing is and how a bottom is worn. Plain enums with no behaviour, so every layer may import them.
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
