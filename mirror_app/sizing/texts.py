"""What the shopper reads about sizes, in Korean and English."""

from __future__ import annotations

from dataclasses import dataclass

from .advice import SizeAdvice

TEXTS: dict[str, tuple[str, str]] = {
    "recommended": ("추천 사이즈: {size}", "Recommended size: {size}"),
    "recommended_between": ("추천 사이즈: {size} (또는 {alt})", "Recommended size: {size} (or {alt})"),
    "measuring": ("사이즈를 재는 중이에요… 잠시만 그대로 계세요", "Measuring… hold still a moment"),
    "all_fit": ("잘 맞을 것 같아요", "Should fit well"),
    "estimate_note": (
        "카메라로 잰 추정치예요 — 입어 보시고 확인하세요",
        "A camera estimate — please check when you try it on",
    ),
    # hints: where the recommended size may not fit
    "tight_shoulders": ("어깨가 끼일 수 있어요", "May be tight at the shoulders"),
    "loose_shoulders": ("어깨가 넉넉할 수 있어요", "May be loose at the shoulders"),
    "tight_chest": ("가슴이 끼일 수 있어요", "May be tight across the chest"),
    "loose_chest": ("가슴이 넉넉할 수 있어요", "May be loose across the chest"),
    "tight_waist": ("허리가 끼일 수 있어요", "May be tight at the waist"),
    "loose_waist": ("허리가 넉넉할 수 있어요", "May be loose at the waist"),
    "tight_hips": ("엉덩이가 끼일 수 있어요", "May be tight at the hips"),
    "loose_hips": ("엉덩이가 넉넉할 수 있어요", "May be loose at the hips"),
    "tight_torso": ("기장이 짧을 수 있어요", "May be short in the body"),
    "loose_torso": ("기장이 길 수 있어요", "May be long in the body"),
    "short_inseam": ("바지 길이가 짧을 수 있어요", "The legs may be short"),
    "long_inseam": ("바지 길이가 길 수 있어요", "The legs may be long"),
    "short_height": ("기장이 짧을 수 있어요", "May be short overall"),
    "long_height": ("기장이 길 수 있어요", "May be long overall"),
    # reasons: why we do not guess
    "no_person": ("가만히 서 계시면 사이즈를 알려 드릴게요", "Stand still for a moment for size advice"),
    "moving": ("가만히 서 계시면 사이즈를 알려 드릴게요", "Stand still for a moment for size advice"),
    "too_few_frames": ("가만히 서 계시면 사이즈를 알려 드릴게요", "Stand still for a moment for size advice"),
    "partly_out_of_frame": (
        "몸 전체가 보이도록 한 걸음 뒤로 가 주세요",
        "Step back so I can see all of you for size advice",
    ),
    "not_facing": ("거울을 정면으로 봐 주세요", "Face the mirror for size advice"),
    "inconsistent": (
        "지금은 사이즈를 정확히 잴 수 없어요 — 직원에게 물어보세요",
        "I can't measure reliably right now — please ask the staff",
    ),
    "loose_clothing_suspected": (
        "옷이 넉넉해서 정확하지 않을 수 있어요 — 직원에게 물어보세요",
        "Loose clothing makes this unreliable — please ask the staff",
    ),
    "no_world_landmarks": (
        "지금은 사이즈를 잴 수 없어요",
        "Size advice is not available right now",
    ),
    "no_sizes": ("이 상품은 사이즈 정보가 없어요", "No size information for this item"),
}

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


def text(key: str, lang: str, **values: str) -> str:
    ko, en = TEXTS[key]
    return (ko if lang == "ko" else en).format(**values)


@dataclass(frozen=True)
class AdviceText:
    """Two lines for the screen: ``headline`` (the size, or what to do) and ``detail``."""

    headline: str
    detail: str
    recommended: bool


def advice_text(advice: SizeAdvice, lang: str) -> AdviceText:
    """The words for one ``SizeAdvice`` in ``lang`` ("ko" or "en")."""
    if advice.recommended is None:
        key = next((k for k in _ASK_ORDER if k in advice.reasons), "inconsistent")
        return AdviceText(text(key, lang), "", False)
    if advice.alternative is not None:
        headline = text("recommended_between", lang, size=advice.recommended, alt=advice.alternative)
    else:
        headline = text("recommended", lang, size=advice.recommended)
    detail = text(advice.hint, lang) if advice.hint else text("all_fit", lang)
    return AdviceText(headline, detail, True)
