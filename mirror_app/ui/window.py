"""The mirror window: paints a ``Scene`` and forwards taps, keys and its size. It decides nothing.

The visit's decisions are ``visit.MirrorController``'s; ``ui.driver`` hands each Scene here.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QWidget

from ..live.stats import Timings
from ..view.rect import Rect
from ..visit.inputs import Key, KeyPress, Resized, Tap
from ..visit.scene import (
    RGBA,
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
    Scene,
    Skeleton,
    TopShade,
)
from . import paint
from .qimage import rgb_to_qimage, rgba_to_qimage

BACKGROUND = QColor(12, 12, 16)
QR_MODULE_PX = 8

_KEYS = {
    Qt.Key.Key_Left: Key.LEFT,
    Qt.Key.Key_Right: Key.RIGHT,
    Qt.Key.Key_Up: Key.UP,
    Qt.Key.Key_Down: Key.DOWN,
    Qt.Key.Key_Return: Key.ENTER,
    Qt.Key.Key_Enter: Key.ENTER,
    Qt.Key.Key_Space: Key.ENTER,
    Qt.Key.Key_Escape: Key.ESCAPE,
    Qt.Key.Key_Backspace: Key.BACKSPACE,
    Qt.Key.Key_F1: Key.DEBUG,
    Qt.Key.Key_F12: Key.STAFF,
    Qt.Key.Key_P: Key.PHOTO,
    Qt.Key.Key_L: Key.LANG,
    Qt.Key.Key_C: Key.CLEAR,
    **{getattr(Qt.Key, f"Key_{d}"): Key(str(d)) for d in range(10)},
}
_ALIGN = {
    Align.CENTER: Qt.AlignmentFlag.AlignCenter,
    Align.LEFT: Qt.AlignmentFlag.AlignLeft,
    Align.LEFT_MIDDLE: Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    Align.TOP_LEFT: Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
}


def key_of(event: QKeyEvent) -> Key | None:
    """What a key press means to the mirror (None: nothing)."""
    mods = event.modifiers()
    if (
        event.key() == Qt.Key.Key_S
        and mods & Qt.KeyboardModifier.ControlModifier
        and mods & Qt.KeyboardModifier.ShiftModifier
    ):
        return Key.STAFF
    return _KEYS.get(Qt.Key(event.key()))


def _colour(rgba: RGBA) -> QColor:
    return QColor(*rgba)


def _qrect(r: Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


class MirrorWindow(QWidget):
    inputReceived = Signal(object)  # a visit.inputs.InputEvent, on the UI thread

    def __init__(self, timings: Timings | None = None) -> None:
        super().__init__()
        self.setWindowTitle("Mirror")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.timings = timings or Timings()
        self._scene: Scene | None = None
        self._painted_index = -1
        self._frame_image: tuple[int, QImage] | None = None  # (id of the array, its QImage)
        self._thumbs: dict[tuple[str, int], QImage] = {}
        self._qr: dict[str, QImage] = {}  # by the text each code holds (the photo screen may show two)
        self._photo: tuple[int, QImage] | None = None

    @property
    def scene(self) -> Scene | None:
        """The scene on screen (the last one shown)."""
        return self._scene

    def show_scene(self, scene: Scene) -> None:
        self._scene = scene
        self.update()

    # -- input ------------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        self.inputReceived.emit(Tap(pos.x(), pos.y()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = key_of(event)
        if key is not None:
            self.inputReceived.emit(KeyPress(key))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.inputReceived.emit(Resized((self.width(), self.height())))
        super().resizeEvent(event)

    # -- painting ---------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        t0 = time.perf_counter()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        scene = self._scene
        self._paint_picture(p, scene)
        if scene is not None:
            for element in scene.elements:
                self._paint(p, element, scene.unit)
        p.end()
        done = time.perf_counter()
        self.timings.add("paint", (done - t0) * 1e3)
        if scene is not None and scene.frame_index >= 0 and scene.frame_index != self._painted_index:
            self._painted_index = scene.frame_index
            self.timings.add("latency", (done - scene.captured_at) * 1e3)
            self.timings.event("display", done)

    def _paint_picture(self, p: QPainter, scene: Scene | None) -> None:
        w, h = self.width(), self.height()
        p.fillRect(0, 0, w, h, BACKGROUND)
        if scene is None or scene.image_rgb is None:
            return
        rgb = scene.image_rgb
        if self._frame_image is None or self._frame_image[0] != id(rgb):
            self._frame_image = (id(rgb), rgb_to_qimage(rgb))
        image = self._frame_image[1]
        if image.width() == w and image.height() == h:
            p.drawImage(0, 0, image)
        else:  # the window was resized and the engine has not caught up yet
            p.drawImage(QRectF(0, 0, w, h), image)

    def _paint(self, p: QPainter, e: Element, u: float) -> None:
        if isinstance(e, Fill):
            p.fillRect(_qrect(e.rect), _colour(e.rgba))
        elif isinstance(e, TopShade):
            paint.top_gradient(p, self.width(), e.height)
        elif isinstance(e, Panel):
            paint.rounded(p, _qrect(e.rect), _colour(e.rgba), e.radius)
        elif isinstance(e, Label):
            paint.text_in(
                p,
                _qrect(e.rect),
                e.text,
                e.px,
                bold=e.bold,
                color=_colour(e.rgba),
                align=_ALIGN[e.align],
                shadow=e.shadow,
                fit=e.fit,
            )
        elif isinstance(e, Button):
            paint.button(
                p,
                e.rect,
                e.label,
                u,
                progress=e.progress,
                selected=e.selected,
                enabled=e.enabled,
                accent=e.accent,
            )
        elif isinstance(e, Card):
            paint.card(p, e.rect, self._thumb(e), e.name, e.price, u, worn=e.worn, caption=e.caption, key=e.thumb_key)
        elif isinstance(e, Banner):
            paint.banner(p, self.width(), e.y, e.text, u, strong=e.strong, max_width=e.max_width)
        elif isinstance(e, Cursor):
            paint.hand_cursor(p, e.x, e.y, e.progress, u)
        elif isinstance(e, Line):
            p.setPen(QPen(_colour(e.rgba), e.width, Qt.PenStyle.DashLine if e.dashed else Qt.PenStyle.SolidLine))
            p.drawLine(QPointF(*e.start), QPointF(*e.end))
        elif isinstance(e, Picture):
            if self._photo is None or self._photo[0] != id(e.rgb):
                self._photo = (id(e.rgb), rgb_to_qimage(e.rgb))
            p.drawImage(_qrect(e.rect), self._photo[1])
        elif isinstance(e, QrCode):
            image = self._qr.get(e.data)
            if image is None:
                if len(self._qr) >= 4:
                    self._qr.clear()
                image = self._qr[e.data] = paint.qr_image(e.modules, QR_MODULE_PX)
            p.drawImage(_qrect(e.rect), image)
        elif isinstance(e, Skeleton):
            self._paint_skeleton(p, e, u)

    def _thumb(self, card: Card) -> QImage | None:
        if card.thumb_rgba is None:
            return None
        image = self._thumbs.get(card.thumb_key)
        if image is None:
            if len(self._thumbs) > 256:
                self._thumbs.clear()
            image = self._thumbs[card.thumb_key] = rgba_to_qimage(card.thumb_rgba)
        return image

    @staticmethod
    def _paint_skeleton(p: QPainter, s: Skeleton, u: float) -> None:
        p.setPen(QPen(QColor(80, 255, 160, 220), 3 * u))
        for a, b in s.bones:
            if s.seen[a] and s.seen[b]:
                p.drawLine(QPointF(*s.points[a]), QPointF(*s.points[b]))
        p.setBrush(QColor(255, 255, 255))
        for i, seen in enumerate(s.seen):
            if seen:
                p.drawEllipse(QPointF(*s.points[i]), 4 * u, 4 * u)
