"""Every word the shopper reads, in Korean and English: one table, one language switch.

Keys are plain names; the size advice's keys are its ``Reason`` values and fit hints. Texts may
hold ``{fields}`` that ``text(key, lang, field=...)`` fills in.
"""

from __future__ import annotations

from .domain import Category, Language

TEXTS: dict[str, tuple[str, str]] = {
    # -- the visit's screens and buttons --------------------------------------------------------
    "attract_title": ("거울 앞에 서 보세요", "Step in front of the mirror"),
    "attract_sub": ("옷을 입어보지 않고도 바로 입어볼 수 있어요", "Try our clothes on — no changing room needed"),
    "welcome_title": ("안녕하세요!", "Hello!"),
    "welcome_hint": ("손을 버튼 위에 잠시 올려 두면 선택돼요", "Hold your hand over a button to choose"),
    "hint_step_back": (
        "한 걸음 뒤로 물러서 주세요 — 어깨와 엉덩이가 보이도록",
        "Please step back so I can see your shoulders and hips",
    ),
    "hint_show_shoulders": (
        "거울 가운데에 서 주세요 — 어깨가 보이도록",
        "Stand in the middle so I can see your shoulders",
    ),
    "hint_show_legs": ("조금 뒤로 가 주세요 — 다리까지 보이도록", "Step back a little so I can see your legs"),
    "hint_looking": ("찾고 있어요…", "Looking for you…"),
    "wear": ("입어보기", "Try on"),
    "take_off": ("벗기", "Take off"),
    "prev": ("이전", "Previous"),
    "next": ("다음", "Next"),
    "clear": ("모두 벗기", "Clear outfit"),
    "photo": ("사진 찍기", "Take photo"),
    "close": ("닫기", "Close"),
    "compare": ("이전 코디와 비교", "Compare with before"),
    "compare_end": ("비교 끝내기", "End compare"),
    "keep_a": ("A로 할래요", "Keep A"),
    "keep_b": ("B로 할래요", "Keep B"),
    "label_a": ("A · 이전", "A · before"),
    "label_b": ("B · 지금", "B · now"),
    "photo_scan": ("QR 코드를 찍어 이 코디를 주문하세요", "Scan to order this outfit"),
    "photo_saved": ("사진은 잠시 후 자동으로 삭제돼요", "This photo is deleted automatically"),
    "photo_not_saved": ("사진은 저장되지 않아요", "This photo is not stored"),
    # the photo served on the shop's network ([photo] share = "lan", mirror_app/share)
    "photo_scan_lan": ("QR 코드를 찍으면 휴대폰으로 사진을 받아요", "Scan to get this photo on your phone"),
    "photo_shared": (
        "휴대폰에 저장하세요 — 거울의 사진은 곧 지워져요",
        "Save it on your phone: the mirror deletes it soon",
    ),
    "photo_step_wifi": ("① 매장 와이파이 연결", "1 · Join our Wi-Fi"),
    "photo_step_photo": ("② 사진 받기", "2 · Get your photo"),
    "outfit_empty": ("왼쪽에서 종류를 고르세요", "Choose a category on the left"),
    "camera_missing": ("카메라가 없어 데모 영상을 재생 중이에요", "No camera found — playing the demo clip"),
    "camera_reconnecting": ("카메라 다시 연결 중…", "Camera reconnecting…"),
    "tryon_paused": (
        "지금은 옷 입어보기를 쓸 수 없어요 — 직원에게 알려 주세요",
        "Try-on is paused — please tell the staff",
    ),
    "staff_title": ("직원 메뉴", "Staff menu"),
    "staff_pin": ("PIN을 입력하세요", "Enter PIN"),
    "staff_locked": ("잠시 후 다시 시도하세요", "Too many tries — wait a moment"),
    "staff_exit": ("미러 종료", "Exit mirror"),
    "staff_reload": ("카탈로그 다시 읽기", "Reload catalog"),
    "staff_debug": ("디버그 화면", "Debug overlay"),
    "staff_back": ("돌아가기", "Back"),
    "staff_skipped": ("건너뛴 상품", "Skipped items"),
    "staff_none_skipped": ("모든 상품을 읽었어요", "All items loaded"),
    # -- size advice (mirror_app/sizing) ----------------------------------------------------------
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
    # -- the photo's page on the shopper's phone (mirror_app/share/page.py) -----------------------
    "page_title": ("{shop} · 내 사진", "{shop} · your photo"),
    "page_heading": ("거울에서 찍은 사진이에요", "Your photo from the mirror"),
    "page_photo_alt": ("거울 앞에서 옷을 입어 본 사진", "You at the mirror, trying the outfit on"),
    "page_save": ("사진 저장", "Save photo"),
    "page_tip": (
        "저장이 안 되면 사진을 길게 눌러 ‘사진에 저장’을 고르세요",
        "If saving does not start, press and hold the photo and choose “Save”",
    ),
    "page_until": (
        "거울은 늦어도 {until}에 이 사진을 지워요 — 지금 저장해 두세요",
        "The mirror deletes this photo by {until} at the latest: save it now",
    ),
    "page_outfit": ("입어 본 옷", "What you tried on"),
    "page_order": ("주문하기", "Order"),
    "page_order_all": ("이 코디 모두 주문하기", "Order the whole outfit"),
    "page_expired_title": ("사진 보관 시간이 지났어요", "This photo has expired"),
    "page_expired_body": (
        "개인정보 보호를 위해 거울은 사진을 잠시만 보관해요. 거울 앞에서 새로 찍어 보세요.",
        "For your privacy the mirror keeps photos only for a short while. Take a new one at the mirror.",
    ),
    "page_busy": ("요청이 너무 많아요 — 잠시 후 다시 열어 주세요", "Too many requests: please try again in a moment"),
    "page_not_here": ("여기에는 아무것도 없어요", "There is nothing here"),
}

LANGUAGE_NAMES: dict[Language, str] = {Language.KO: "한국어", Language.EN: "English"}

CATEGORY_NAMES: dict[Category, tuple[str, str]] = {
    Category.TOP: ("상의", "Tops"),
    Category.OUTERWEAR: ("아우터", "Outerwear"),
    Category.DRESS: ("원피스", "Dresses"),
    Category.BOTTOM: ("하의", "Bottoms"),
    Category.HAT: ("모자", "Hats"),
    Category.GLASSES: ("안경", "Glasses"),
    Category.ACCESSORY: ("액세서리", "Accessories"),
}


def text(key: str, lang: Language, **values: str) -> str:
    """``key``'s words in ``lang``, with ``values`` filled in."""
    ko, en = TEXTS[key]
    words = Language(lang).pick(ko, en)  # Language(...) also takes "ko"/"en" from older callers
    return words.format(**values) if values else words


def category_name(category: Category, lang: Language) -> str:
    return Language(lang).pick(*CATEGORY_NAMES[category])


def price_text(price: int, currency: str, lang: Language) -> str:
    if currency == "KRW":
        return Language(lang).pick(f"{price:,}원", f"₩{price:,}")
    return f"{price:,} {currency}"
