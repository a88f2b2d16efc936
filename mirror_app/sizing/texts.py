"""What the shopper reads about sizes: the words of one ``SizeAdvice`` (the words themselves
are in the app's one text table, ``mirror_app.texts``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import Language
from ..texts import TEXTS, text
from .advice import SizeAdvice

__all__ = ["TEXTS", "AdviceText", "advice_text"]

# Reasons that ask the shopper to do something (shown while waiting), in the order to ask.
_ASK_ORDER = (
    "partly_out_of_frame",
    "not_facing",
    "moving",
    "too_few_frames",
    "no_person",
    "loose_clothing_suspected",
    "inconsistent",
    "no_world_landmarks",
    "no_sizes",
)


@dataclass(frozen=True)
class AdviceText:
    """Two lines for the screen: ``headline`` (the size, or what to do) and ``detail``."""

    headline: str
    detail: str
    recommended: bool


def advice_text(advice: SizeAdvice, lang: Language) -> AdviceText:
    """The words for one ``SizeAdvice`` in ``lang``."""
    if advice.recommended is None:
        key = next((k for k in _ASK_ORDER if k in advice.reasons), "inconsistent")
        return AdviceText(text(key, lang), "", False)
    if advice.alternative is not None:
        headline = text("recommended_between", lang, size=advice.recommended, alt=advice.alternative)
    else:
        headline = text("recommended", lang, size=advice.recommended)
    detail = text(advice.hint, lang) if advice.hint else text("all_fit", lang)
    return AdviceText(headline, detail, True)
