"""The mirror window: paints the newest view frame and the controls; runs the visit's state.

The UI thread only paints and reacts: frames arrive ready-composed from the live engine.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QWidget

from ..analytics import VisitRecorder
from ..catalog.model import Catalog
from ..domain import Category
from ..live.engine import LiveEngine, SourceStatus, ViewFrame
from ..live.stats import Samples, Timings
from ..photo import PhotoStore, order_url, qr_matrix
from ..session.dwell import DwellButtons, Rect
from ..session.framing import HINT_KEYS, Framing
from ..session.layout import Layout, make_layout
from ..session.state import Action, ItemCard, MirrorSession, Screen
from ..session.texts import category_name, price_text, text
from ..sizing import AdviceText, advice_text, recommend_size
from ..staff import PinLock
from ..tracking.landmarks import SKELETON
from . import paint
from .qimage import rgb_to_qimage, rgba_to_qimage

log = logging.getLogger(__name__)


@dataclass
class Photo:
    image: QImage
    qr: QImage
    url: str
    note_key: str
    error: str = ""


@dataclass
class UiOptions:
    demo_notice: bool = False  # "no camera, playing the demo clip"
    qr_template: str = "https://shop.example/order?items={item_ids}"
    photo_store: PhotoStore | None = None
    debug: bool = False
    clock: Callable[[], float] = time.perf_counter
    staff_exit_code: int = 3
    on_exit: Callable[[int], None] | None = None
    on_reload: Callable[[], None] | None = None
    skipped: list[str] = field(default_factory=list)
    visits: VisitRecorder | None = None  # anonymous shop analytics (never blocks)


class MirrorWindow(QWidget):
    frameArrived = Signal()

    def __init__(
        self, engine: LiveEngine, catalog: Catalog, session: MirrorSession, pin: PinLock, options: UiOptions
    ) -> None:
        super().__init__()
        self.setWindowTitle("Mirror")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.engine = engine
        self.session = session
        self.pin = pin
        self.options = options
        self.dwell = DwellButtons()
        self.timings: Timings = engine.timings
        self.samples = Samples(engine.timings)
        self.frame: ViewFrame | None = None
        self.photo: Photo | None = None
        self.pin_entry = ""
        self.pin_message = ""
        self._frame_version = 0
        self._qimage: QImage | None = None
        self._layout: Layout | None = None
        self._thumbs: dict[str, QImage] = {}
        self._staff_taps: list[float] = []
        self._painted_index = -1
        self._t0 = options.clock()
        self.size_text: AdviceText | None = None  # size advice for the item in the carousel
        self.set_catalog(catalog)
        self.frameArrived.connect(self._on_frame, Qt.ConnectionType.QueuedConnection)
        engine.on_frame = self.frameArrived.emit
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_tick)
        self._timer.start(33)

    # -- catalog ----------------------------------------------------------------------------------
    def set_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._garments = {it.id: it.garment() for it in catalog.items}
        self._thumbs = {it.id: rgba_to_qimage(it.rgba) for it in catalog.items}
        self._catalog_rev = getattr(self, "_catalog_rev", 0) + 1
        self.session.set_items([ItemCard(it.id, it.category, it.name.ko, it.name.en, it.price) for it in catalog.items])
        self.set_catalog_notes([str(p) for p in catalog.problems])
        self._layout = None
        self._push_outfit()
        self.update()

    def set_catalog_notes(self, notes: list[str]) -> None:
        """What the staff screen lists: items skipped, or why the last edit was not taken."""
        self.options.skipped = list(notes)
        self.update()

    def refresh_outfit(self) -> None:
        """Send the session's outfit to the engine (after changing it from outside the UI)."""
        self._push_outfit()

    def _push_outfit(self) -> None:
        s = self.session
        current = [self._garments[i] for i in s.outfit if i in self._garments]
        before = [self._garments[i] for i in s.previous_outfit if i in self._garments] if s.comparing else None
        self.engine.set_outfit(current, compare_with=before)

    # -- frames -----------------------------------------------------------------------------------
    def _on_frame(self) -> None:
        frame, version = self.engine.frames.take_newer(self._frame_version, timeout=0)
        if frame is None:
            return
        self._frame_version = version
        self.frame = frame
        self._qimage = rgb_to_qimage(frame.image_rgb)
        now = self.options.clock()
        before = self.session.screen
        self.session.observe(now, frame.pose is not None)
        self._visit_moved(before, now)
        if self.session.screen not in (Screen.STAFF, Screen.STAFF_PIN):
            pressed = self.dwell.update(self.session.buttons(self.screen_layout()), list(frame.hands), now)
            for name in pressed:
                self._press(name)
        self._update_size_advice(frame)
        self.update()

    def _visit_moved(self, before: Screen, now: float) -> None:
        """A shopper arrived or left: analytics get a visit boundary; measurements are forgotten."""
        after = self.session.screen
        if before is Screen.ATTRACT and after not in (Screen.ATTRACT, Screen.STAFF, Screen.STAFF_PIN):
            if self.options.visits is not None:
                self.options.visits.start(now)
        elif after is Screen.ATTRACT and before is not Screen.ATTRACT:
            if self.options.visits is not None:
                self.options.visits.end(now)
            self.engine.forget_shopper()
            self.size_text = None

    def _update_size_advice(self, frame: ViewFrame) -> None:
        item_card = self.session.current_item()
        item = self.catalog.item(item_card.id) if item_card is not None else None
        if item is None or item.size_chart is None or frame.estimate is None:
            self.size_text = None
            return
        chart = self.catalog.manifest.size_charts.get(item.size_chart)
        if chart is None:
            self.size_text = None
            return
        advice = recommend_size(frame.estimate, chart, item.sizes)
        self.size_text = advice_text(advice, self.session.lang)
        if advice.recommended is not None and self.options.visits is not None:
            self.options.visits.size_advice_shown(item.id, advice.recommended)

    def _on_tick(self) -> None:
        now = self.options.clock()
        self.samples.poll(time.perf_counter())
        for action in self.session.tick(now):
            self._act(action)
        if self.frame is None or self.frame.status is not SourceStatus.RUNNING:
            before = self.session.screen
            self.session.observe(now, False)
            self._visit_moved(before, now)
        self.update()

    def screen_layout(self) -> Layout:
        if self._layout is None or self._layout.screen_wh != (self.width(), self.height()):
            self._layout = make_layout((self.width(), self.height()), self.session.categories())
        return self._layout

    # -- actions ----------------------------------------------------------------------------------
    def _press(self, name: str) -> None:
        now = self.options.clock()
        before = self.session.screen
        for action in self.session.press(name, now):
            self._act(action)
        self._visit_moved(before, now)
        self.update()

    def _act(self, action: Action) -> None:
        if action is Action.OUTFIT_CHANGED:
            self._push_outfit()
            if self.options.visits is not None:
                self.options.visits.outfit_changed(self.session.outfit, self.options.clock())
        elif action is Action.CAPTURE_PHOTO:
            self._take_photo()
        elif action is Action.EXIT and self.options.on_exit:
            self.options.on_exit(self.options.staff_exit_code)

    def _take_photo(self) -> None:
        if self.frame is None:
            return
        rgb = self.frame.image_rgb.copy()
        ids = [i for i in self.session.outfit]
        url = order_url(self.options.qr_template, ids)
        qr = paint.qr_image(qr_matrix(url), 8)
        note, error = "photo_not_saved", ""
        if self.options.photo_store is not None:
            saved = self.options.photo_store.save(rgb)
            note, error = ("photo_saved", "") if saved.path else ("photo_not_saved", saved.error)
        self.photo = Photo(rgb_to_qimage(rgb), qr, url, note, error)
        if self.options.visits is not None:
            self.options.visits.photo_taken()
            self.options.visits.qr_shown()
        log.info("photo taken (%d items)%s", len(ids), f"; {error}" if error else "")

    # -- input ------------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        now = self.options.clock()
        lay = self.screen_layout()
        if lay.staff_corner.contains(pos.x(), pos.y()):
            self._staff_taps = [t for t in self._staff_taps if now - t < 3.0] + [now]
            if len(self._staff_taps) >= 5:
                self._staff_taps.clear()
                self._open_staff()
                return
        if self.session.screen is Screen.STAFF_PIN:
            self._pin_click(pos.x(), pos.y())
            return
        if self.session.screen is Screen.STAFF:
            self._staff_click(pos.x(), pos.y())
            return
        if self.session.screen is Screen.ATTRACT:
            self.session.press("wake", now)
            self.update()
            return
        for name, rect in self.session.buttons(lay).items():
            if rect.contains(pos.x(), pos.y()):
                self._press(name)
                return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        now = self.options.clock()
        s = self.session
        if key == Qt.Key.Key_F1:
            self.options.debug = not self.options.debug
        elif key == Qt.Key.Key_F12 or (
            key == Qt.Key.Key_S
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self._open_staff()
        elif s.screen is Screen.STAFF_PIN:
            if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
                self._pin_digit(str(key - Qt.Key.Key_0))
            elif key == Qt.Key.Key_Backspace:
                self.pin_entry = self.pin_entry[:-1]
            elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._pin_submit()
            elif key == Qt.Key.Key_Escape:
                s.close_staff(now)
        elif key == Qt.Key.Key_Escape:
            s.back(now)
        elif s.screen is Screen.STAFF:
            pass
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            if s.category is None and s.categories():
                s.press(f"cat:{s.categories()[0].value}", now)
            else:
                self._press("prev" if key == Qt.Key.Key_Left else "next")
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            cats = s.categories()
            if cats:
                i = cats.index(s.category) if s.category in cats else -1
                i = (i + (1 if key == Qt.Key.Key_Down else -1)) % len(cats)
                s.press(f"cat:{cats[i].value}", now)
                if s.category is None:
                    s.press(f"cat:{cats[i].value}", now)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._press("close" if s.screen is Screen.PHOTO else "wear")
        elif key == Qt.Key.Key_P:
            self._press("photo")
        elif key == Qt.Key.Key_L:
            self._press("lang")
        elif key == Qt.Key.Key_C:
            self._press("clear")
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.engine.set_screen_size((self.width(), self.height()))
        self._layout = None
        super().resizeEvent(event)

    # -- staff ------------------------------------------------------------------------------------
    def _open_staff(self) -> None:
        self.pin_entry, self.pin_message = "", ""
        self.session.open_staff(self.options.clock())
        self.update()

    def _pin_digit(self, d: str) -> None:
        if len(self.pin_entry) < 12:
            self.pin_entry += d
        self.pin_message = ""

    def _pin_submit(self) -> None:
        now = self.options.clock()
        if self.pin.try_pin(self.pin_entry, now):
            self.session.staff_unlocked(now)
            log.info("staff menu opened")
        else:
            self.pin_message = text("staff_locked", self.session.lang) if self.pin.locked(now) else "✕"
            log.warning("wrong staff PIN%s", " (locked)" if self.pin.locked(now) else "")
        self.pin_entry = ""

    def _pin_keys(self) -> dict[str, Rect]:
        u = self.screen_layout().unit
        size, gap = 170 * u, 22 * u
        x0 = (self.width() - 3 * size - 2 * gap) / 2
        y0 = self.height() * 0.34
        keys = {}
        labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "←", "0", "OK"]
        for i, lab in enumerate(labels):
            keys[lab] = Rect(x0 + (i % 3) * (size + gap), y0 + (i // 3) * (size + gap), size, size)
        keys["back"] = Rect(x0, y0 + 4 * (size + gap), 3 * size + 2 * gap, 120 * u)
        return keys

    def _pin_click(self, x: float, y: float) -> None:
        for lab, r in self._pin_keys().items():
            if r.contains(x, y):
                if lab == "←":
                    self.pin_entry = self.pin_entry[:-1]
                elif lab == "OK":
                    self._pin_submit()
                elif lab == "back":
                    self.session.close_staff(self.options.clock())
                else:
                    self._pin_digit(lab)
        self.update()

    def _staff_buttons(self) -> dict[str, Rect]:
        u = self.screen_layout().unit
        w, h = 560 * u, 130 * u
        x = (self.width() - w) / 2
        y = self.height() * 0.18
        return {
            name: Rect(x, y + i * (h + 24 * u), w, h)
            for i, name in enumerate(["staff_back", "staff_reload", "staff_debug", "staff_exit"])
        }

    def _staff_click(self, x: float, y: float) -> None:
        for name, r in self._staff_buttons().items():
            if r.contains(x, y):
                if name == "staff_back":
                    self.session.close_staff(self.options.clock())
                elif name == "staff_reload" and self.options.on_reload:
                    self.options.on_reload()
                elif name == "staff_debug":
                    self.options.debug = not self.options.debug
                elif name == "staff_exit":
                    log.info("staff exit")
                    self._act(Action.EXIT)
        self.update()

    # -- painting ---------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        t0 = time.perf_counter()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        w, h = self.width(), self.height()
        lay = self.screen_layout()
        now = self.options.clock()
        self._paint_frame(p, w, h)
        s = self.session
        if self.frame is not None and self.frame.status in (
            SourceStatus.RECONNECTING,
            SourceStatus.FAILED,
            SourceStatus.ENDED,
            SourceStatus.STARTING,
        ):
            self._paint_status(p, w, h, lay)
        elif s.screen is Screen.ATTRACT:
            self._paint_attract(p, w, h, lay, now)
        elif s.screen in (Screen.WELCOME, Screen.LIVE):
            self._paint_live(p, w, h, lay, now)
        elif s.screen is Screen.COUNTDOWN:
            self._paint_countdown(p, w, h, lay, now)
        elif s.screen is Screen.PHOTO:
            self._paint_photo(p, w, h, lay)
        elif s.screen is Screen.STAFF_PIN:
            self._paint_pin(p, w, h, lay, now)
        elif s.screen is Screen.STAFF:
            self._paint_staff(p, w, h, lay)
        if s.screen not in (Screen.STAFF, Screen.STAFF_PIN, Screen.ATTRACT) and self.frame is not None:
            for x, y in self.frame.hands:
                hovered = [n for n, r in s.buttons(lay).items() if r.contains(x, y)]
                progress = max((self.dwell.progress.get(n, 0.0) for n in hovered), default=0.0)
                paint.hand_cursor(p, x, y, progress, lay.unit)
        if self.options.debug:
            self._paint_debug(p, w, h, lay)
        p.end()
        done = time.perf_counter()
        self.timings.add("paint", (done - t0) * 1e3)
        if self.frame is not None and self.frame.frame_index != self._painted_index and self.frame.frame_index >= 0:
            self._painted_index = self.frame.frame_index
            self.timings.add("latency", (done - self.frame.captured_at) * 1e3)
            self.timings.event("display", done)

    def _paint_frame(self, p: QPainter, w: int, h: int) -> None:
        p.fillRect(0, 0, w, h, QColor(12, 12, 16))
        if self._qimage is None:
            return
        if self._qimage.width() == w and self._qimage.height() == h:
            p.drawImage(0, 0, self._qimage)
        else:  # the window was resized and the engine has not caught up yet
            p.drawImage(QRectF(0, 0, w, h), self._qimage)

    def _paint_status(self, p: QPainter, w: int, h: int, lay: Layout) -> None:
        assert self.frame is not None
        paint.dim(p, w, h, 150)
        lang = self.session.lang
        status = self.frame.status
        if status is SourceStatus.RECONNECTING:
            title = text("camera_reconnecting", lang)
        elif status is SourceStatus.STARTING:
            title = text("hint_looking", lang)
        else:
            title = "Mirror"
        u = lay.unit
        paint.text_in(p, QRectF(40 * u, h * 0.38, w - 80 * u, 120 * u), title, 60 * u, bold=True)
        if self.frame.message and status is not SourceStatus.STARTING:
            paint.text_in(p, QRectF(60 * u, h * 0.38 + 130 * u, w - 120 * u, 200 * u), self.frame.message, 30 * u)

    def _paint_attract(self, p: QPainter, w: int, h: int, lay: Layout, now: float) -> None:
        u = lay.unit
        paint.dim(p, w, h, 120)
        lang = self.session.lang
        manifest = self.catalog.manifest
        paint.text_in(p, QRectF(30 * u, 50 * u, w - 60 * u, 90 * u), manifest.shop.get(lang), 52 * u, bold=True)
        if manifest.promotion is not None:
            promo = QRectF(60 * u, 150 * u, w - 120 * u, 90 * u)
            paint.rounded(p, promo, QColor(255, 122, 89, 225), 45 * u)
            paint.text_in(p, promo, manifest.promotion.get(lang), 38 * u, bold=True)
        items = self.catalog.items
        if items:
            # A card per item, in turn: the signage loop.
            k = int((now - self._t0) / 3.5) % len(items)
            it = items[k]
            cw, ch = min(w * 0.62, 640 * u), min(h * 0.46, 820 * u)
            r = Rect((w - cw) / 2, h * 0.2, cw, ch)
            paint.card(
                p,
                r,
                self._thumbs.get(it.id),
                it.name.get(lang),
                price_text(it.price, manifest.currency, lang),
                u,
                caption=category_name(it.category, lang),
                key=(it.id, self._catalog_rev),
            )
        glow = paint.pulse(now - self._t0)
        title = QRectF(30 * u, h * 0.71, w - 60 * u, 110 * u)
        paint.text_in(p, title, text("attract_title", lang), (62 + 6 * glow) * u, bold=True)
        paint.text_in(p, QRectF(40 * u, h * 0.71 + 110 * u, w - 80 * u, 100 * u), text("attract_sub", lang), 34 * u)
        other = "en" if lang == "ko" else "ko"
        paint.text_in(
            p,
            QRectF(40 * u, h * 0.71 + 200 * u, w - 80 * u, 80 * u),
            text("attract_title", other),
            32 * u,
            color=QColor(255, 255, 255, 190),
        )
        if self.frame is not None and self.frame.tracking_error:
            paint.banner(p, w, h - 140 * u, text("tryon_paused", lang), u, strong=True)
        elif self.options.demo_notice:
            paint.banner(p, w, h - 140 * u, text("camera_missing", lang), u)

    def _paint_live(self, p: QPainter, w: int, h: int, lay: Layout, now: float) -> None:
        s = self.session
        lang = s.lang
        u = lay.unit
        paint.top_gradient(p, w, 180 * u)
        paint.text_in(
            p,
            QRectF(30 * u, 26 * u, w * 0.6, 80 * u),
            self.catalog.manifest.shop.get(lang),
            40 * u,
            bold=True,
            align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        )
        buttons = s.buttons(lay)
        prog = self.dwell.progress
        if s.comparing:
            self._paint_compare(p, w, h, lay)
            paint.button(p, lay.lang, text("lang", lang), u, progress=prog.get("lang", 0.0))
            return
        for cat, r in lay.categories.items():
            name = f"cat:{cat.value}"
            if name in buttons:
                worn = any(it.category is cat for it in s.outfit_items())
                label = category_name(cat, lang) + (" ✓" if worn else "")
                paint.button(p, r, label, u, progress=prog.get(name, 0.0), selected=s.category is cat)
        paint.button(p, lay.lang, text("lang", lang), u, progress=prog.get("lang", 0.0))
        item = s.current_item()
        if item is not None:
            worn = item.id in s.outfit
            paint.button(p, lay.prev, "▲ " + text("prev", lang), u, progress=prog.get("prev", 0.0))
            paint.card(
                p,
                lay.card,
                self._thumbs.get(item.id),
                item.name(lang),
                price_text(item.price, self.catalog.manifest.currency, lang),
                u,
                worn=worn,
                key=(item.id, self._catalog_rev),
            )
            paint.button(p, lay.next, "▼ " + text("next", lang), u, progress=prog.get("next", 0.0))
            paint.button(
                p,
                lay.wear,
                text("take_off" if worn else "wear", lang),
                u,
                progress=prog.get("wear", 0.0),
                accent=not worn,
            )
        if "compare" in buttons:
            paint.button(p, lay.compare, text("compare", lang), u, progress=prog.get("compare", 0.0))
        if "clear" in buttons:
            paint.button(p, lay.clear, text("clear", lang), u, progress=prog.get("clear", 0.0))
        if "photo" in buttons:
            paint.button(p, lay.photo, text("photo", lang), u, progress=prog.get("photo", 0.0), accent=True)
        frame = self.frame
        hint_y = h * 0.83 - 120 * u
        if frame is not None and frame.tracking_error:
            paint.banner(p, w, hint_y, text("tryon_paused", lang), u, strong=True, max_width=self._between_columns())
        elif s.screen is Screen.WELCOME:
            self._paint_welcome(p, w, h, lay, now)
        elif frame is not None and frame.framing in HINT_KEYS and frame.pose is not None:
            paint.banner(p, w, hint_y, text(HINT_KEYS[frame.framing], lang), u, max_width=self._between_columns())
        elif frame is not None and frame.framing is Framing.NOBODY:
            paint.banner(p, w, hint_y, text("hint_looking", lang), u, max_width=self._between_columns())
        elif self.size_text is not None:
            self._paint_size(p, w, hint_y, u)
        elif not s.outfit and s.category is None:
            paint.banner(p, w, hint_y, text("outfit_empty", lang), u, max_width=self._between_columns())
        if self.options.demo_notice:
            paint.text_in(
                p,
                QRectF(20 * u, h - 64 * u, w - 40 * u, 50 * u),
                text("camera_missing", lang),
                26 * u,
                color=QColor(255, 255, 255, 200),
            )

    def _paint_size(self, p: QPainter, w: int, y: float, u: float) -> None:
        """Size advice for the item in the carousel: the size, then a fit hint or why not."""
        advice = self.size_text
        assert advice is not None
        width = self._between_columns()
        rect = QRectF((w - width) / 2, y - 40 * u, width, 170 * u if advice.detail else 110 * u)
        paint.rounded(p, rect, QColor(255, 255, 255, 235) if advice.recommended else QColor(18, 20, 28, 200), 30 * u)
        colour = paint.TEXT_DARK if advice.recommended else paint.TEXT
        paint.text_in(
            p,
            QRectF(rect.x() + 20 * u, rect.y() + 10 * u, rect.width() - 40 * u, 80 * u),
            advice.headline,
            40 * u,
            bold=True,
            color=colour,
            shadow=False,
            fit=True,
        )
        if advice.detail:
            paint.text_in(
                p,
                QRectF(rect.x() + 20 * u, rect.y() + 90 * u, rect.width() - 40 * u, 70 * u),
                advice.detail,
                30 * u,
                color=paint.ACCENT.darker(120),
                shadow=False,
                fit=True,
            )

    def _between_columns(self) -> float:
        lay = self.screen_layout()
        return lay.prev.x - (lay.clear.x + lay.clear.w) - 24 * lay.unit

    def _paint_compare(self, p: QPainter, w: int, h: int, lay: Layout) -> None:
        """Side by side: A (the outfit before) on the left, B (now) on the right."""
        u, lang, prog = lay.unit, self.session.lang, self.dwell.progress
        p.fillRect(QRectF(w / 2 - 2 * u, 0, 4 * u, h), QColor(255, 255, 255, 200))
        for i, key in enumerate(("label_a", "label_b")):
            tag = QRectF(i * w / 2 + (w / 2 - 260 * u) / 2, 130 * u, 260 * u, 70 * u)
            paint.rounded(p, tag, paint.ACCENT if i else QColor(18, 20, 28, 210), 35 * u)
            paint.text_in(p, tag, text(key, lang), 34 * u, bold=True)
        paint.button(p, lay.clear, text("keep_a", lang), u, progress=prog.get("keep_a", 0.0))
        paint.button(p, lay.photo, text("keep_b", lang), u, progress=prog.get("keep_b", 0.0), accent=True)
        paint.button(p, lay.compare, text("compare_end", lang), u, progress=prog.get("compare", 0.0))

    def _paint_welcome(self, p: QPainter, w: int, h: int, lay: Layout, now: float) -> None:
        """A short animation: a hand glides to a button and the ring fills."""
        u = lay.unit
        lang = self.session.lang
        t = (now - self.session.since) % 2.4
        target = next(iter(lay.categories.values()), lay.lang)
        start = (w * 0.42, h * 0.55)
        end = target.center
        k = min(1.0, t / 1.0)
        ease = k * k * (3 - 2 * k)
        x = start[0] + (end[0] - start[0]) * ease
        y = start[1] + (end[1] - start[1]) * ease
        progress = max(0.0, min(1.0, (t - 1.1) / 0.8))
        paint.banner(p, w, h * 0.14, text("welcome_title", lang), u, strong=True, max_width=self._between_columns())
        paint.banner(p, w, h * 0.14 + 110 * u, text("welcome_hint", lang), u, max_width=self._between_columns())
        p.setPen(QPen(QColor(255, 255, 255, 140), 4 * u, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(*start), QPointF(*end))
        paint.hand_cursor(p, x, y, progress, u)

    def _paint_countdown(self, p: QPainter, w: int, h: int, lay: Layout, now: float) -> None:
        u = lay.unit
        n = self.session.countdown_left(now)
        frac = (now - self.session.since) % 1.0
        paint.dim(p, w, h, 60)
        size = (300 + 80 * (1 - frac)) * u
        paint.text_in(p, QRectF(0, h * 0.3, w, size * 1.2), str(n), size, bold=True)

    def _paint_photo(self, p: QPainter, w: int, h: int, lay: Layout) -> None:
        u = lay.unit
        lang = self.session.lang
        paint.dim(p, w, h, 190)
        photo = self.photo
        if photo is None:
            return
        pw = w * 0.62
        ph = pw * photo.image.height() / max(photo.image.width(), 1)
        ph = min(ph, h * 0.55)
        pw = ph * photo.image.width() / max(photo.image.height(), 1)
        frame = QRectF((w - pw) / 2, h * 0.06, pw, ph)
        paint.rounded(p, frame.adjusted(-12 * u, -12 * u, 12 * u, 12 * u), QColor(255, 255, 255), 18 * u)
        p.drawImage(frame, photo.image)
        qs = 300 * u
        qr_rect = QRectF((w - qs) / 2, frame.bottom() + 40 * u, qs, qs)
        p.drawImage(qr_rect, photo.qr)
        paint.text_in(
            p,
            QRectF(40 * u, qr_rect.bottom() + 10 * u, w - 80 * u, 70 * u),
            text("photo_scan", lang),
            36 * u,
            bold=True,
        )
        note = photo.error or text(photo.note_key, lang)
        paint.text_in(
            p,
            QRectF(40 * u, qr_rect.bottom() + 75 * u, w - 80 * u, 50 * u),
            note,
            26 * u,
            color=QColor(255, 255, 255, 200),
        )
        paint.button(p, lay.close, text("close", lang), u, progress=self.dwell.progress.get("close", 0.0), accent=True)

    def _paint_pin(self, p: QPainter, w: int, h: int, lay: Layout, now: float) -> None:
        u = lay.unit
        lang = self.session.lang
        paint.dim(p, w, h, 215)
        paint.text_in(p, QRectF(0, h * 0.12, w, 90 * u), text("staff_title", lang), 56 * u, bold=True)
        locked = self.pin.locked(now)
        prompt = (
            text("staff_locked", lang) + f" ({self.pin.seconds_left(now):.0f}s)" if locked else text("staff_pin", lang)
        )
        paint.text_in(p, QRectF(0, h * 0.12 + 90 * u, w, 70 * u), prompt, 36 * u)
        paint.text_in(
            p,
            QRectF(0, h * 0.12 + 170 * u, w, 90 * u),
            "●" * len(self.pin_entry) + (f"  {self.pin_message}" if self.pin_message else ""),
            60 * u,
            bold=True,
        )
        for lab, r in self._pin_keys().items():
            label = text("staff_back", lang) if lab == "back" else lab
            paint.button(p, r, label, u, enabled=not locked or lab == "back")

    def _paint_staff(self, p: QPainter, w: int, h: int, lay: Layout) -> None:
        u = lay.unit
        lang = self.session.lang
        paint.dim(p, w, h, 215)
        paint.text_in(p, QRectF(0, h * 0.06, w, 100 * u), text("staff_title", lang), 56 * u, bold=True)
        for name, r in self._staff_buttons().items():
            paint.button(
                p,
                r,
                text(name, lang),
                u,
                accent=name == "staff_exit",
                selected=name == "staff_debug" and self.options.debug,
            )
        y = max(r.y + r.h for r in self._staff_buttons().values()) + 50 * u
        paint.text_in(
            p,
            QRectF(50 * u, y, w - 100 * u, 60 * u),
            text("staff_skipped", lang),
            36 * u,
            bold=True,
            align=Qt.AlignmentFlag.AlignLeft,
        )
        lines = self.options.skipped or [text("staff_none_skipped", lang)]
        if self.frame is not None and self.frame.tracking_error:
            lines = [f"⚠ {self.frame.tracking_error}", *lines]
        paint.text_in(
            p,
            QRectF(50 * u, y + 70 * u, w - 100 * u, h - y - 120 * u),
            "\n".join(lines[:12]),
            24 * u,
            align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        )

    def _paint_debug(self, p: QPainter, w: int, h: int, lay: Layout) -> None:
        u = lay.unit
        t = self.timings
        f = self.frame
        lines = [
            f"display {t.rate('display'):.1f} fps   tracking {t.rate('tracking'):.1f} Hz",
            f"tracking {t.percentiles('tracking')['p50']:.1f} ms   overlay {t.percentiles('overlay')['p50']:.1f} ms   paint {t.percentiles('paint')['p50']:.1f} ms",
            f"latency p50 {t.percentiles('latency')['p50']:.0f} ms  p95 {t.percentiles('latency')['p95']:.0f} ms   dropped {self.engine.frames_dropped}",
            f"screen {self.session.screen.value}   framing {f.framing.value if f else '-'}   frame {f.frame_index if f else '-'} (pose from {f.tracked_index if f else '-'})",
        ]
        box = QRectF(10 * u, h - (len(lines) * 34 + 30) * u, w * 0.9, (len(lines) * 34 + 20) * u)
        paint.rounded(p, box, QColor(0, 0, 0, 170), 10 * u)
        paint.text_in(
            p,
            box.adjusted(14 * u, 8 * u, -8 * u, -8 * u),
            "\n".join(lines),
            22 * u,
            align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            shadow=False,
        )
        if f is not None and f.pose is not None:
            pts = f.view.to_screen(f.pose.xy)
            vis = f.pose.visibility
            p.setPen(QPen(QColor(80, 255, 160, 220), 3 * u))
            for a, b in SKELETON:
                if vis[a] > 0.5 and vis[b] > 0.5:
                    p.drawLine(QPointF(*pts[a]), QPointF(*pts[b]))
            p.setBrush(QColor(255, 255, 255))
            for i in np.nonzero(vis > 0.5)[0]:
                p.drawEllipse(QPointF(*pts[i]), 4 * u, 4 * u)

    # -- for tests and screenshots ------------------------------------------------------------------
    def categories(self) -> list[Category]:
        return self.session.categories()
