"""One function per screen: what it shows, as scene elements (``scene.py``), for a given moment.

Pure: each takes a ``Look`` (a snapshot of what the controller knows) and returns elements in
painting order. Positions follow ``layout.make_layout``; sizes scale with the layout's unit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..catalog.model import Catalog
from ..domain import ButtonId, Control, Language
from ..live.engine import SourceStatus, ViewFrame
from ..live.stats import Timings
from ..session.state import MirrorSession, Screen
from ..sizing import AdviceText
from ..texts import LANGUAGE_NAMES, category_name, price_text, text
from ..tracking.landmarks import SKELETON
from ..view.framing import HINT_KEYS, Framing
from ..view.rect import Rect
from ..view.transform import screen_copies
from .layout import Layout
from .scene import (
    ACCENT,
    ACCENT_DEEP,
    DARK_PANEL,
    TEXT_DARK,
    WHITE,
    Align,
    Banner,
    Button,
    Card,
    Cursor,
    Element,
    Fill,
    Label,
    Line,
    Panel,
    Picture,
    QrCode,
    Skeleton,
    TopShade,
)
from .staff import PinEntry, PinKey, pin_pad, staff_menu

SIGNAGE_CARD_S = 3.5  # the attract loop shows each item this long
WELCOME_LOOP_S = 2.4  # the welcome animation: glide to a button, fill the ring, again
_SOFT_WHITE = (255, 255, 255, 200)
_SHOWING_STATUS = (SourceStatus.RECONNECTING, SourceStatus.FAILED, SourceStatus.ENDED, SourceStatus.STARTING)


@dataclass(frozen=True, eq=False)
class ShownPhoto:
    """The photo on the photo screen, with its QR code (and the guest Wi-Fi's, when there is one)."""

    rgb: npt.NDArray[np.uint8]
    qr_modules: tuple[tuple[bool, ...], ...]
    url: str
    scan_key: str
    note_key: str
    error: str = ""
    wifi_modules: tuple[tuple[bool, ...], ...] | None = None
    wifi_text: str = ""  # what the Wi-Fi code encodes (WIFI:T:WPA;S:…;P:…;;)
    wifi_name: str = ""


@dataclass(frozen=True, eq=False)
class Look:
    """Everything a screen needs to be drawn at ``now``."""

    now: float
    started_at: float  # the controller's start (animations run from here)
    layout: Layout
    session: MirrorSession
    catalog: Catalog
    catalog_rev: int
    frame: ViewFrame | None
    framing: Framing
    hands: tuple[tuple[float, float], ...]  # screen pixels
    pressable: Mapping[Control, Rect]
    progress: Mapping[Control, float]
    advice: AdviceText | None
    photo: ShownPhoto | None
    pin: PinEntry
    notes: tuple[str, ...]  # skipped catalog items, or why the last edit was not taken
    demo_notice: bool
    debug: bool
    timings: Timings | None
    frames_dropped: int

    @property
    def lang(self) -> Language:
        return self.session.lang

    @property
    def wh(self) -> tuple[int, int]:
        return self.layout.screen_wh

    @property
    def u(self) -> float:
        return self.layout.unit


def pulse(t: float, period: float = 1.6) -> float:
    """0..1..0 over ``period`` seconds, for gentle attention animations."""
    return 0.5 - 0.5 * math.cos(2 * math.pi * (t % period) / period)


def _dim(look: Look, alpha: int) -> Fill:
    w, h = look.wh
    return Fill(Rect(0, 0, w, h), (0, 0, 0, alpha))


def compose(look: Look) -> list[Element]:
    """The whole screen: the current screen's elements, the hand cursors, the debug overlay."""
    screen = look.session.screen
    frame = look.frame
    if frame is not None and frame.status in _SHOWING_STATUS:
        out = status_screen(look, frame)
    elif screen is Screen.ATTRACT:
        out = attract_screen(look)
    elif screen in (Screen.WELCOME, Screen.LIVE):
        out = live_screen(look)
    elif screen is Screen.COUNTDOWN:
        out = countdown_screen(look)
    elif screen is Screen.PHOTO:
        out = photo_screen(look)
    elif screen is Screen.STAFF_PIN:
        out = pin_screen(look)
    else:
        out = staff_screen(look)
    if screen not in (Screen.STAFF, Screen.STAFF_PIN, Screen.ATTRACT) and frame is not None:
        for x, y in look.hands:
            under = [c for c, r in look.pressable.items() if r.contains(x, y)]
            out.append(Cursor(x, y, max((look.progress.get(c, 0.0) for c in under), default=0.0)))
    if look.debug:
        out += debug_overlay(look)
    return out


def status_screen(look: Look, frame: ViewFrame) -> list[Element]:
    """The camera is starting, reconnecting, ended or failed: say so over the dimmed picture."""
    w, h = look.wh
    u = look.u
    if frame.status is SourceStatus.RECONNECTING:
        title = text("camera_reconnecting", look.lang)
    elif frame.status is SourceStatus.STARTING:
        title = text("hint_looking", look.lang)
    else:
        title = "Mirror"
    out: list[Element] = [_dim(look, 150), Label(Rect(40 * u, h * 0.38, w - 80 * u, 120 * u), title, 60 * u, bold=True)]
    if frame.message and frame.status is not SourceStatus.STARTING:
        out.append(Label(Rect(60 * u, h * 0.38 + 130 * u, w - 120 * u, 200 * u), frame.message, 30 * u))
    return out


def attract_screen(look: Look) -> list[Element]:
    """Nobody in front: the shop's name and promotion, one item after another, an invitation."""
    w, h = look.wh
    u, lang = look.u, look.lang
    manifest = look.catalog.manifest
    out: list[Element] = [
        _dim(look, 120),
        Label(Rect(30 * u, 50 * u, w - 60 * u, 90 * u), manifest.shop.get(lang), 52 * u, bold=True),
    ]
    if manifest.promotion is not None:
        promo = Rect(60 * u, 150 * u, w - 120 * u, 90 * u)
        out += [
            Panel(promo, (255, 122, 89, 225), 45 * u),
            Label(promo, manifest.promotion.get(lang), 38 * u, bold=True),
        ]
    items = look.catalog.items
    if items:
        it = items[int((look.now - look.started_at) / SIGNAGE_CARD_S) % len(items)]
        cw, ch = min(w * 0.62, 640 * u), min(h * 0.46, 820 * u)
        out.append(
            Card(
                Rect((w - cw) / 2, h * 0.2, cw, ch),
                (it.id, look.catalog_rev),
                it.rgba,
                it.name.get(lang),
                price_text(it.price, manifest.currency, lang),
                caption=category_name(it.category, lang),
            )
        )
    glow = pulse(look.now - look.started_at)
    out += [
        Label(Rect(30 * u, h * 0.71, w - 60 * u, 110 * u), text("attract_title", lang), (62 + 6 * glow) * u, bold=True),
        Label(Rect(40 * u, h * 0.71 + 110 * u, w - 80 * u, 100 * u), text("attract_sub", lang), 34 * u),
        Label(
            Rect(40 * u, h * 0.71 + 200 * u, w - 80 * u, 80 * u),
            text("attract_title", lang.other),
            32 * u,
            rgba=(255, 255, 255, 190),
        ),
    ]
    if look.frame is not None and look.frame.tracking_error:
        out.append(Banner(text("tryon_paused", lang), h - 140 * u, strong=True))
    elif look.demo_notice:
        out.append(Banner(text("camera_missing", lang), h - 140 * u))
    return out


def _button(look: Look, control: Control, rect: Rect, label: str, **style: bool) -> Button:
    return Button(control, rect, label, look.progress.get(control, 0.0), **style)


def live_screen(look: Look) -> list[Element]:
    """The shopper dressed: categories on the left, the item carousel on the right, one hint."""
    w, h = look.wh
    s, lay, u, lang = look.session, look.layout, look.u, look.lang
    out: list[Element] = [
        TopShade(180 * u),
        Label(
            Rect(30 * u, 26 * u, w * 0.6, 80 * u),
            look.catalog.manifest.shop.get(lang),
            40 * u,
            bold=True,
            align=Align.LEFT_MIDDLE,
        ),
    ]
    lang_button = _button(look, ButtonId.LANG, lay.lang, LANGUAGE_NAMES[lang.other])
    if s.comparing:
        return [*out, *compare_overlay(look), lang_button]
    worn_categories = {it.category for it in s.outfit_items()}
    for cat, r in lay.categories.items():
        if cat in look.pressable:
            label = category_name(cat, lang) + (" ✓" if cat in worn_categories else "")
            out.append(_button(look, cat, r, label, selected=s.category is cat))
    out.append(lang_button)
    item = s.current_item()
    if item is not None:
        worn = item.id in s.outfit
        catalog_item = look.catalog.item(item.id)
        out += [
            _button(look, ButtonId.PREV, lay.prev, "▲ " + text("prev", lang)),
            Card(
                lay.card,
                (item.id, look.catalog_rev),
                catalog_item.rgba if catalog_item is not None else None,
                item.name(lang),
                price_text(item.price, look.catalog.manifest.currency, lang),
                worn=worn,
            ),
            _button(look, ButtonId.NEXT, lay.next, "▼ " + text("next", lang)),
            _button(look, ButtonId.WEAR, lay.wear, text("take_off" if worn else "wear", lang), accent=not worn),
        ]
    for control, key, accent in (
        (ButtonId.COMPARE, "compare", False),
        (ButtonId.CLEAR, "clear", False),
        (ButtonId.PHOTO, "photo", True),
    ):
        rect = lay.rect_of(control)
        if control in look.pressable and rect is not None:
            out.append(_button(look, control, rect, text(key, lang), accent=accent))
    out += _live_hint(look)
    if look.demo_notice:
        out.append(
            Label(Rect(20 * u, h - 64 * u, w - 40 * u, 50 * u), text("camera_missing", lang), 26 * u, rgba=_SOFT_WHITE)
        )
    return out


def _live_hint(look: Look) -> list[Element]:
    """At most one message between the button columns, the most urgent first."""
    h = look.wh[1]
    u, lang, between = look.u, look.lang, look.layout.between_columns
    frame, s = look.frame, look.session
    y = h * 0.83 - 120 * u
    if frame is not None and frame.tracking_error:
        return [Banner(text("tryon_paused", lang), y, strong=True, max_width=between)]
    if s.screen is Screen.WELCOME:
        return welcome_animation(look)
    if frame is not None and look.framing in HINT_KEYS:
        return [Banner(text(HINT_KEYS[look.framing], lang), y, max_width=between)]
    if frame is not None and look.framing is Framing.NOBODY:
        return [Banner(text("hint_looking", lang), y, max_width=between)]
    if look.advice is not None:
        return size_advice(look, look.advice, y)
    if not s.outfit and s.category is None:
        return [Banner(text("outfit_empty", lang), y, max_width=between)]
    return []


def size_advice(look: Look, advice: AdviceText, y: float) -> list[Element]:
    """The size for the item in the carousel, then a fit hint or why there is none."""
    w, _h = look.wh
    u, width = look.u, look.layout.between_columns
    box = Rect((w - width) / 2, y - 40 * u, width, 170 * u if advice.detail else 110 * u)
    out: list[Element] = [
        Panel(box, (255, 255, 255, 235) if advice.recommended else DARK_PANEL, 30 * u),
        Label(
            Rect(box.x + 20 * u, box.y + 10 * u, box.w - 40 * u, 80 * u),
            advice.headline,
            40 * u,
            bold=True,
            rgba=TEXT_DARK if advice.recommended else WHITE,
            shadow=False,
            fit=True,
        ),
    ]
    if advice.detail:
        out.append(
            Label(
                Rect(box.x + 20 * u, box.y + 90 * u, box.w - 40 * u, 70 * u),
                advice.detail,
                30 * u,
                rgba=ACCENT_DEEP,
                shadow=False,
                fit=True,
            )
        )
    return out


def compare_overlay(look: Look) -> list[Element]:
    """Side by side: A (the outfit before) on the left, B (now) on the right, and the choice."""
    w, h = look.wh
    u, lang, lay = look.u, look.lang, look.layout
    out: list[Element] = [Fill(Rect(w / 2 - 2 * u, 0, 4 * u, h), (255, 255, 255, 200))]
    for i, key in enumerate(("label_a", "label_b")):
        tag = Rect(i * w / 2 + (w / 2 - 260 * u) / 2, 130 * u, 260 * u, 70 * u)
        out += [Panel(tag, ACCENT if i else (18, 20, 28, 210), 35 * u), Label(tag, text(key, lang), 34 * u, bold=True)]
    return out + [
        _button(look, ButtonId.KEEP_A, lay.clear, text("keep_a", lang)),
        _button(look, ButtonId.KEEP_B, lay.photo, text("keep_b", lang), accent=True),
        _button(look, ButtonId.COMPARE, lay.compare, text("compare_end", lang)),
    ]


def welcome_animation(look: Look) -> list[Element]:
    """A short animation: a hand glides to a button and the ring fills."""
    w, h = look.wh
    u, lang, lay = look.u, look.lang, look.layout
    t = (look.now - look.session.since) % WELCOME_LOOP_S
    target = next(iter(lay.categories.values()), lay.lang)
    start, end = (w * 0.42, h * 0.55), target.center
    k = min(1.0, t / 1.0)
    ease = k * k * (3 - 2 * k)
    x = start[0] + (end[0] - start[0]) * ease
    y = start[1] + (end[1] - start[1]) * ease
    between = lay.between_columns
    return [
        Banner(text("welcome_title", lang), h * 0.14, strong=True, max_width=between),
        Banner(text("welcome_hint", lang), h * 0.14 + 110 * u, max_width=between),
        Line(start, end, (255, 255, 255, 140), 4 * u, dashed=True),
        Cursor(x, y, max(0.0, min(1.0, (t - 1.1) / 0.8))),
    ]


def countdown_screen(look: Look) -> list[Element]:
    w, h = look.wh
    u = look.u
    n = look.session.countdown_left(look.now)
    frac = (look.now - look.session.since) % 1.0
    size = (300 + 80 * (1 - frac)) * u
    return [_dim(look, 60), Label(Rect(0, h * 0.3, w, size * 1.2), str(n), size, bold=True)]


def photo_screen(look: Look) -> list[Element]:
    """The still, framed, its QR code, and what scanning it does. With a guest Wi-Fi code, the
    two codes stand side by side as two steps: join the Wi-Fi, then get the photo."""
    w, h = look.wh
    u, lang = look.u, look.lang
    out: list[Element] = [_dim(look, 190)]
    photo = look.photo
    if photo is None:
        return out
    ih, iw = photo.rgb.shape[:2]
    pw = w * 0.62
    ph = min(pw * ih / max(iw, 1), h * 0.55)
    pw = ph * iw / max(ih, 1)
    frame = Rect((w - pw) / 2, h * 0.06, pw, ph)
    out += [
        Panel(Rect(frame.x - 12 * u, frame.y - 12 * u, frame.w + 24 * u, frame.h + 24 * u), WHITE, 18 * u),
        Picture(frame, photo.rgb),
    ]
    note = photo.error or text(photo.note_key, lang)
    if photo.wifi_modules is None:
        qs = 300 * u
        qr = Rect((w - qs) / 2, frame.bottom + 40 * u, qs, qs)
        out += [
            QrCode(qr, photo.qr_modules, photo.url),
            Label(Rect(40 * u, qr.bottom + 10 * u, w - 80 * u, 70 * u), text(photo.scan_key, lang), 36 * u, bold=True),
            Label(Rect(40 * u, qr.bottom + 75 * u, w - 80 * u, 50 * u), note, 26 * u, rgba=_SOFT_WHITE),
        ]
    else:
        qs, gap = 260 * u, 100 * u
        wifi = Rect(w / 2 - gap / 2 - qs, frame.bottom + 40 * u, qs, qs)
        qr = Rect(w / 2 + gap / 2, wifi.y, qs, qs)
        col = qs + gap * 0.8  # each step's words may run a little wider than its code
        steps = (
            (wifi, photo.wifi_modules, photo.wifi_text, "photo_step_wifi"),
            (qr, photo.qr_modules, photo.url, "photo_step_photo"),
        )
        for code, modules, data, key in steps:
            below = Rect(code.center[0] - col / 2, code.bottom + 8 * u, col, 46 * u)
            out += [QrCode(code, modules, data), Label(below, text(key, lang), 30 * u, bold=True, fit=True)]
        name = Rect(wifi.center[0] - col / 2, wifi.bottom + 52 * u, col, 36 * u)
        out += [
            Label(name, photo.wifi_name, 24 * u, rgba=_SOFT_WHITE, fit=True),
            Label(Rect(40 * u, wifi.bottom + 96 * u, w - 80 * u, 44 * u), note, 24 * u, rgba=_SOFT_WHITE, fit=True),
        ]
    return out + [_button(look, ButtonId.CLOSE, look.layout.close, text("close", lang), accent=True)]


def pin_screen(look: Look) -> list[Element]:
    w, h = look.wh
    u, lang, now = look.u, look.lang, look.now
    lock = look.pin.lock
    locked = lock.locked(now)
    prompt = text("staff_locked", lang) + f" ({lock.seconds_left(now):.0f}s)" if locked else text("staff_pin", lang)
    mark = (text("staff_locked", lang) if locked else "✕") if look.pin.wrong else ""
    out: list[Element] = [
        _dim(look, 215),
        Label(Rect(0, h * 0.12, w, 90 * u), text("staff_title", lang), 56 * u, bold=True),
        Label(Rect(0, h * 0.12 + 90 * u, w, 70 * u), prompt, 36 * u),
        Label(
            Rect(0, h * 0.12 + 170 * u, w, 90 * u),
            "●" * len(look.pin.digits) + (f"  {mark}" if mark else ""),
            60 * u,
            bold=True,
        ),
    ]
    for key, r in pin_pad(look.wh, u).items():
        label = text("staff_back", lang) if key is PinKey.BACK else key.value
        out.append(Button(key, r, label, enabled=not locked or key is PinKey.BACK))
    return out


def staff_screen(look: Look) -> list[Element]:
    w, h = look.wh
    u, lang = look.u, look.lang
    menu = staff_menu(look.wh, u)
    out: list[Element] = [
        _dim(look, 215),
        Label(Rect(0, h * 0.06, w, 100 * u), text("staff_title", lang), 56 * u, bold=True),
    ]
    for control, r in menu.items():
        out.append(
            Button(
                control,
                r,
                text(control.value, lang),
                accent=control is ButtonId.STAFF_EXIT,
                selected=control is ButtonId.STAFF_DEBUG and look.debug,
            )
        )
    y = max(r.bottom for r in menu.values()) + 50 * u
    lines = list(look.notes) or [text("staff_none_skipped", lang)]
    if look.frame is not None and look.frame.tracking_error:
        lines = [f"⚠ {look.frame.tracking_error}", *lines]
    return out + [
        Label(Rect(50 * u, y, w - 100 * u, 60 * u), text("staff_skipped", lang), 36 * u, bold=True, align=Align.LEFT),
        Label(
            Rect(50 * u, y + 70 * u, w - 100 * u, h - y - 120 * u), "\n".join(lines[:12]), 24 * u, align=Align.TOP_LEFT
        ),
    ]


def debug_overlay(look: Look) -> list[Element]:
    """F1: rates, timings and the tracked skeleton, for installers."""
    w, h = look.wh
    u, f = look.u, look.frame
    t = look.timings or Timings()

    def p50(stage: str) -> float:
        return t.percentiles(stage)["p50"]

    lines = [
        f"display {t.rate('display'):.1f} fps   tracking {t.rate('tracking'):.1f} Hz",
        f"tracking {p50('tracking'):.1f} ms   overlay {p50('overlay'):.1f} ms   paint {p50('paint'):.1f} ms",
        f"latency p50 {p50('latency'):.0f} ms  p95 {t.percentiles('latency')['p95']:.0f} ms   dropped {look.frames_dropped}",
        f"screen {look.session.screen.value}   framing {look.framing.value if f else '-'}   "
        f"frame {f.frame_index if f else '-'} (pose from {f.tracked_index if f else '-'})",
    ]
    box = Rect(10 * u, h - (len(lines) * 34 + 30) * u, w * 0.9, (len(lines) * 34 + 20) * u)
    out: list[Element] = [
        Panel(box, (0, 0, 0, 170), 10 * u),
        Label(
            Rect(box.x + 14 * u, box.y + 8 * u, box.w - 22 * u, box.h - 16 * u),
            "\n".join(lines),
            22 * u,
            align=Align.TOP_LEFT,
            shadow=False,
        ),
    ]
    if f is not None and f.pose is not None:  # on each copy of the shopper (two in compare)
        seen = np.asarray(f.pose.visibility > 0.5)
        out += [Skeleton(points, SKELETON, seen) for points in screen_copies(f.view, f.pose.xy)]
    return out
