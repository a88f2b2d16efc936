"""The item picture with its anchors as labelled handles, for the catalog editor.

Paints an item's ``AnchorEdits`` (the Qt-free model in ``catalog.anchor_edits``) and forwards
drags and clicks to it; it holds no anchor state of its own.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from ..catalog.anchor_edits import AnchorEdits
from .qimage import rgba_to_qimage

U8Image = npt.NDArray[np.uint8]
HANDLE_RADIUS = 7
PICK_RADIUS = 14
DRAG_START = 3  # widget pixels the pointer travels before a press becomes a drag
LEFT = QColor(220, 50, 50)
RIGHT = QColor(40, 150, 60)
MIDDLE = QColor(150, 60, 190)
CHECK = QColor(255, 150, 0)  # the ring around an anchor on the "check these" list
PLATE = QColor(255, 255, 255, 225)  # labels sit on a light plate: readable on any garment colour
INK = QColor(20, 20, 20)


def _colour(name: str) -> QColor:
    return LEFT if name.startswith("left_") else RIGHT if name.startswith("right_") else MIDDLE


class AnchorCanvas(QWidget):
    """The item picture with its anchors as labelled handles: drag one to move it, click one
    to select it (for Remove). Paints the item's ``AnchorEdits`` and forwards drags to it."""

    anchorsChanged = Signal()  # while dragging, on every move
    dragFinished = Signal()
    selectionChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(360, 420)
        self.setMouseTracking(True)
        self._image: QImage | None = None
        self._wh = (1, 1)
        self._edits: AnchorEdits | None = None
        self._drag: str | None = None
        self._press = QPointF()
        self._moved = False  # a click selects; only a drag beyond DRAG_START moves
        self.selected: str | None = None

    def set_item(self, rgba: U8Image | None, edits: AnchorEdits | None) -> None:
        self._image = rgba_to_qimage(rgba) if rgba is not None else None
        self._wh = (rgba.shape[1], rgba.shape[0]) if rgba is not None else (1, 1)
        self._edits = edits
        self._drag = None
        self.select(None)

    def anchors(self) -> dict[str, tuple[float, float]]:
        return self._edits.anchors if self._edits is not None else {}

    def select(self, name: str | None) -> None:
        self.selected = name if name in self.anchors() else None
        self.selectionChanged.emit(self.selected or "")
        self.update()

    def _frame(self) -> tuple[float, float, float]:
        """(scale, x offset, y offset) from image pixels to widget pixels."""
        w, h = self._wh
        margin = 12
        scale = min((self.width() - 2 * margin) / w, (self.height() - 2 * margin) / h)
        return scale, (self.width() - w * scale) / 2, (self.height() - h * scale) / 2

    def widget_pos(self, name: str) -> QPointF:
        """Where anchor ``name`` is drawn, in widget pixels."""
        s, ox, oy = self._frame()
        x, y = self.anchors()[name]
        return QPointF(ox + x * s, oy + y * s)

    def image_pos(self, p: QPointF) -> tuple[float, float]:
        s, ox, oy = self._frame()
        w, h = self._wh
        return (
            float(np.clip((p.x() - ox) / s, 0, w)),
            float(np.clip((p.y() - oy) / s, 0, h)),
        )

    def _pick(self, p: QPointF) -> str | None:
        best, best_d = None, float(PICK_RADIUS)
        for name in self.anchors():
            q = self.widget_pos(name)
            d = float(np.hypot(q.x() - p.x(), q.y() - p.y()))
            if d <= best_d:
                best, best_d = name, d
        return best

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._edits is not None:
            self._drag = self._pick(event.position())
            self._press, self._moved = event.position(), False
            self.select(self._drag)
            if self._drag:
                self._edits.begin_drag()
                self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is None or self._edits is None:
            over = self._pick(event.position())
            self.setCursor(Qt.CursorShape.OpenHandCursor if over else Qt.CursorShape.ArrowCursor)
            return
        d = event.position() - self._press
        self._moved = self._moved or abs(d.x()) + abs(d.y()) >= DRAG_START
        if not self._moved:
            return
        self._edits.move(self._drag, self.image_pos(event.position()))
        self.update()
        self.anchorsChanged.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and self._edits is not None:
            self.mouseMoveEvent(event)
            self._edits.end_drag()
            self._drag = None
            self.dragFinished.emit()
        self.setCursor(Qt.CursorShape.ArrowCursor)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(236, 234, 230))
        s, ox, oy = self._frame()
        w, h = self._wh
        target = QRectF(ox, oy, w * s, h * s)
        tile = 10
        painter.save()
        painter.setClipRect(target)
        for j in range(int(target.height() // tile) + 1):
            for i in range(int(target.width() // tile) + 1):
                if (i + j) % 2 == 0:
                    painter.fillRect(QRectF(ox + i * tile, oy + j * tile, tile, tile), QColor(222, 220, 216))
        painter.restore()
        if self._image is not None:
            painter.drawImage(target, self._image)
        else:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "the picture cannot be shown")
        checks = {n.subject for n in self._edits.open_checks()} if self._edits is not None else set()
        for name in self.anchors():
            self._paint_handle(painter, name, name in checks)
        painter.end()

    def _paint_handle(self, painter: QPainter, name: str, check: bool) -> None:
        """A dot ringed dark and light (seen on black and on white cloth), its name on a plate."""
        p = self.widget_pos(name)
        if check:
            painter.setPen(QPen(CHECK, 3, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(p, HANDLE_RADIUS + 6, HANDLE_RADIUS + 6)
        if name == self.selected:
            painter.setPen(QPen(INK, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(p, HANDLE_RADIUS + 3, HANDLE_RADIUS + 3)
        painter.setPen(QPen(INK, 4))
        painter.setBrush(_colour(name))
        painter.drawEllipse(p, HANDLE_RADIUS, HANDLE_RADIUS)
        painter.setPen(QPen(QColor(255, 255, 255), 2))
        painter.drawEllipse(p, HANDLE_RADIUS, HANDLE_RADIUS)
        label = name.replace("_", " ") + ("  (check)" if check else "")
        metrics = painter.fontMetrics()
        width, height = metrics.horizontalAdvance(label), metrics.height()
        right_side = p.x() + HANDLE_RADIUS + 6 + width <= self.width()
        x = p.x() + HANDLE_RADIUS + 5 if right_side else p.x() - HANDLE_RADIUS - 9 - width
        plate = QRectF(x, p.y() - height / 2 - 1, width + 4, height + 2)
        painter.setPen(QPen(CHECK if check else _colour(name), 1))
        painter.setBrush(QBrush(PLATE))
        painter.drawRoundedRect(plate, 3, 3)
        painter.setPen(INK)
        painter.drawText(plate, Qt.AlignmentFlag.AlignCenter, label)
