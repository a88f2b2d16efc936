"""Every word the shopper reads, in Korean and English."""

from __future__ import annotations

from ..domain import Category

TEXTS: dict[str, tuple[str, str]] = {
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
    "lang": ("English", "한국어"),
    "photo_scan": ("QR 코드를 찍어 이 코디를 주문하세요", "Scan to order this outfit"),
    "photo_saved": ("사진은 잠시 후 자동으로 삭제돼요", "This photo is deleted automatically"),
    "photo_not_saved": ("사진은 저장되지 않아요", "This photo is not stored"),
    "outfit_empty": ("왼쪽에서 종류를 고르세요", "Choose a category on the left"),
    "camera_missing": ("카메라가 없어 데모 영상을 재생 중이에요", "No camera found — playing the demo clip"),
    "camera_reconnecting": ("카메라 다시 연결 중…", "Camera reconnecting…"),
    "tryon_paused": (
        "지금은 옷 입어보기를 쓸 수 없어요 — 직원에게 알려 주세요",
        "Try-on is paused — please tell the staff",
    ),
    "camera_ended": ("영상이 끝났어요", "The video has ended"),
    "staff_title": ("직원 메뉴", "Staff menu"),
    "staff_pin": ("PIN을 입력하세요", "Enter PIN"),
    "staff_locked": ("잠시 후 다시 시도하세요", "Too many tries — wait a moment"),
    "staff_exit": ("미러 종료", "Exit mirror"),
    "staff_reload": ("카탈로그 다시 읽기", "Reload catalog"),
    "staff_debug": ("디버그 화면", "Debug overlay"),
    "staff_back": ("돌아가기", "Back"),
    "staff_skipped": ("건너뛴 상품", "Skipped items"),
    "staff_none_skipped": ("모든 상품을 읽었어요", "All items loaded"),
    "won": ("원", "KRW"),
    "size_recommended": ("추천 사이즈", "Recommended size"),
}

CATEGORY_NAMES: dict[Category, tuple[str, str]] = {
    Category.TOP: ("상의", "Tops"),
    Category.OUTERWEAR: ("아우터", "Outerwear"),
    Category.DRESS: ("원피스", "Dresses"),
    Category.BOTTOM: ("하의", "Bottoms"),
    Category.HAT: ("모자", "Hats"),
    Category.GLASSES: ("안경", "Glasses"),
    Category.ACCESSORY: ("액세서리", "Accessories"),
}


def text(key: str, lang: str) -> str:
    ko, en = TEXTS[key]
    return ko if lang == "ko" else en


def category_name(category: Category, lang: str) -> str:
    ko, en = CATEGORY_NAMES[category]
    return ko if lang == "ko" else en


def price_text(price: int, currency: str, lang: str) -> str:
    if currency == "KRW":
        return f"{price:,}원" if lang == "ko" else f"₩{price:,}"
    return f"{price:,} {currency}"
