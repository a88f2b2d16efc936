"""``mirror-app catalog edit``: drag anchors on the item picture, watch the item worn on a
reference body while dragging, edit names, price and sizes, save.

The editor works on each item's raw ``item.json`` (so an item the mirror skips, say for
anchors in an impossible order, can be opened and fixed). Saving writes ``item.json``
atomically and checks the item again with the catalog loader; problems show under the form.
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..catalog import loader
from ..catalog.loader import ITEM_FILE, ITEMS_DIR, MAX_NAME_CHARS, MAX_PRICE
from ..catalog.model import Manifest, Problem
from ..catalog.preview import ReferenceBody, reference_bodies, worn_garment
from ..catalog.writer import write_json_atomic
from ..domain import Category, Fit
from ..errors import CatalogError
from ..overlay.garment import Garment
from ..resources import fonts_dir

U8Image = npt.NDArray[np.uint8]
HANDLE_RADIUS = 7
PICK_RADIUS = 14
PREVIEW_WH = (300, 420)
LEFT = QColor(220, 50, 50)
RIGHT = QColor(40, 150, 60)
MIDDLE = QColor(150, 60, 190)


def hangul_font_family() -> str | None:
    """Load the bundled Hangul font once; returns its family name (None if it cannot load)."""
    font_id = QFontDatabase.addApplicationFont(str(fonts_dir() / "NanumSquareRoundR.ttf"))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


def rgb_to_qimage(rgb: U8Image) -> QImage:
    """A QImage that owns a copy of ``rgb`` (H, W, 3) uint8 RGB."""
    data = np.ascontiguousarray(rgb)
    h, w = data.shape[:2]
    return QImage(data.data, w, h, data.strides[0], QImage.Format.Format_RGB888).copy()


def rgba_to_qimage(rgba: U8Image) -> QImage:
    """A QImage that owns a copy of ``rgba`` (H, W, 4) uint8, straight alpha."""
    data = np.ascontiguousarray(rgba)
    h, w = data.shape[:2]
    return QImage(data.data, w, h, data.strides[0], QImage.Format.Format_RGBA8888).copy()


@dataclass
class EditableItem:
    """One item folder as the editor holds it: the raw document, its picture, and its state."""

    folder: Path
    doc: dict[str, Any]
    rgba: U8Image | None
    problem: Problem | None = None
    modified: bool = False
    saved_doc: dict[str, Any] = field(default_factory=dict)

    @property
    def category(self) -> Category | None:
        try:
            return Category(str(self.doc.get("category")))
        except ValueError:
            return None

    def anchors(self) -> dict[str, tuple[float, float]]:
        raw = self.doc.get("anchors")
        out: dict[str, tuple[float, float]] = {}
        if isinstance(raw, dict):
            for k, v in raw.items():
                if isinstance(v, list) and len(v) == 2 and all(isinstance(c, int | float) for c in v):
                    out[str(k)] = (float(v[0]), float(v[1]))
        return out


def read_editable(root: Path, folder: Path, manifest: Manifest | None) -> EditableItem:
    """The raw item (as far as it can be read) and the loader's verdict on it."""
    checked = loader.load_item(root, folder, manifest)
    problem = checked if isinstance(checked, Problem) else None
    doc: dict[str, Any] = {}
    rgba = None
    try:
        raw = loader.read_json(folder / ITEM_FILE)
        if isinstance(raw, dict):
            doc = raw
        image = doc.get("image")
        if isinstance(image, str):
            rgba = loader.load_image_rgba(loader.safe_child(folder, image, '"image"'))
    except loader._Bad:  # the loader's verdict above already says what is wrong
        pass
    return EditableItem(folder, doc, rgba, problem, saved_doc=copy.deepcopy(doc))


class AnchorCanvas(QWidget):
    """The item picture with its anchors as labelled handles that can be dragged."""

    anchorMoved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(360, 420)
        self.setMouseTracking(True)
        self._image: QImage | None = None
        self._wh = (1, 1)
        self._anchors: dict[str, tuple[float, float]] = {}
        self._drag: str | None = None

    def set_item(self, rgba: U8Image | None, anchors: dict[str, tuple[float, float]]) -> None:
        self._image = rgba_to_qimage(rgba) if rgba is not None else None
        self._wh = (rgba.shape[1], rgba.shape[0]) if rgba is not None else (1, 1)
        self._anchors = dict(anchors)
        self._drag = None
        self.update()

    def anchors(self) -> dict[str, tuple[float, float]]:
        return dict(self._anchors)

    def _frame(self) -> tuple[float, float, float]:
        """(scale, x offset, y offset) from image pixels to widget pixels."""
        w, h = self._wh
        margin = 12
        scale = min((self.width() - 2 * margin) / w, (self.height() - 2 * margin) / h)
        return scale, (self.width() - w * scale) / 2, (self.height() - h * scale) / 2

    def widget_pos(self, name: str) -> QPointF:
        """Where anchor ``name`` is drawn, in widget pixels."""
        s, ox, oy = self._frame()
        x, y = self._anchors[name]
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
        for name in self._anchors:
            q = self.widget_pos(name)
            d = float(np.hypot(q.x() - p.x(), q.y() - p.y()))
            if d <= best_d:
                best, best_d = name, d
        return best

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = self._pick(event.position())
            if self._drag:
                self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is None:
            over = self._pick(event.position())
            self.setCursor(Qt.CursorShape.OpenHandCursor if over else Qt.CursorShape.ArrowCursor)
            return
        x, y = self.image_pos(event.position())
        self._anchors[self._drag] = (round(x, 1), round(y, 1))
        self.update()
        self.anchorMoved.emit(self._drag)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            self.mouseMoveEvent(event)
        self._drag = None
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
        for name in self._anchors:
            p = self.widget_pos(name)
            colour = LEFT if name.startswith("left_") else RIGHT if name.startswith("right_") else MIDDLE
            painter.setPen(QPen(QColor(255, 255, 255), 2))
            painter.setBrush(colour)
            painter.drawEllipse(p, HANDLE_RADIUS, HANDLE_RADIUS)
            painter.setPen(QColor(20, 20, 20))
            label = name.replace("_", " ")
            width = painter.fontMetrics().horizontalAdvance(label)
            right_side = p.x() + HANDLE_RADIUS + 3 + width <= self.width()
            offset = QPointF(HANDLE_RADIUS + 3, 4) if right_side else QPointF(-HANDLE_RADIUS - 3 - width, 4)
            painter.drawText(p + offset, label)
        painter.end()


class CatalogEditor(QWidget):
    """Items on the left; the picture with its anchors; the item worn; names, price, sizes."""

    def __init__(self, folder: Path, bodies: list[ReferenceBody] | None = None) -> None:
        super().__init__()
        self.root = Path(folder)
        if not (self.root / loader.MANIFEST).is_file():
            raise CatalogError(f"no catalog.json in {self.root}; create one with `mirror-app catalog new {self.root}`")
        family = hangul_font_family()
        if family:
            self.setFont(QFont(family, 11))
        self.setWindowTitle(f"Mirror catalog — {self.root}")
        self._body = (bodies or reference_bodies())[0]
        self.items: list[EditableItem] = []
        self.current: EditableItem | None = None
        self.preview_generation = 0
        self.preview_rgb: U8Image | None = None

        self.list = QListWidget()
        self.list.setMinimumWidth(200)
        self.canvas = AnchorCanvas()
        self.preview = QLabel()
        self.preview.setFixedSize(*PREVIEW_WH)
        self.name_ko = QLineEdit()
        self.name_en = QLineEdit()
        for edit in (self.name_ko, self.name_en):
            edit.setMaxLength(MAX_NAME_CHARS)
        self.price = QSpinBox()
        self.price.setRange(0, MAX_PRICE)
        self.price.setGroupSeparatorShown(True)
        self.sizes = QLineEdit()
        self.sizes.setPlaceholderText("S, M, L")
        self.save_button = QPushButton("Save")
        self.status = QLabel()
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Name (한국어)", self.name_ko)
        form.addRow("Name (English)", self.name_en)
        form.addRow("Price", self.price)
        form.addRow("Sizes", self.sizes)
        right = QVBoxLayout()
        right.addWidget(QLabel("Worn on the reference body"))
        right.addWidget(self.preview)
        right.addLayout(form)
        right.addWidget(self.save_button)
        right.addWidget(self.status)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(right)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(30)  # coalesce drag events: about 30 previews a second at most
        self._preview_timer.timeout.connect(self.flush_preview)
        self.list.currentRowChanged.connect(self._select)
        self.canvas.anchorMoved.connect(self._on_anchor_moved)
        for edit in (self.name_ko, self.name_en, self.sizes):
            edit.textEdited.connect(self._on_field_edited)
        self.price.valueChanged.connect(self._on_field_edited)
        self.save_button.clicked.connect(self.save)
        self.reload()

    # -- items --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every item folder again (after a save elsewhere, or at start)."""
        manifest = loader.load_manifest(self.root)
        man = manifest if isinstance(manifest, Manifest) else None
        items_dir = self.root / ITEMS_DIR
        folders = sorted(p for p in items_dir.iterdir() if not p.name.startswith(".")) if items_dir.is_dir() else []
        self.items = [read_editable(self.root, f, man) for f in folders if f.is_dir()]
        keep = self.current.folder.name if self.current else None
        self.list.blockSignals(True)
        self.list.clear()
        for it in self.items:
            self.list.addItem(QListWidgetItem(self._label(it)))
        self.list.blockSignals(False)
        row = next((i for i, it in enumerate(self.items) if it.folder.name == keep), 0)
        if self.items:
            self.list.setCurrentRow(row)
            self._select(row)

    def _label(self, it: EditableItem) -> str:
        mark = "* " if it.modified else ""
        warn = "  ⚠" if it.problem else ""
        return f"{mark}{it.folder.name}{warn}"

    def select(self, item_id: str) -> None:
        """Show the item whose folder is ``item_id``."""
        for row, it in enumerate(self.items):
            if it.folder.name == item_id:
                self.list.setCurrentRow(row)
                return
        raise KeyError(item_id)

    def _select(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            return
        it = self.items[row]
        self.current = it
        self.canvas.set_item(it.rgba, it.anchors())
        name = it.doc.get("name") if isinstance(it.doc.get("name"), dict) else {}
        assert isinstance(name, dict)
        for edit, lang in ((self.name_ko, "ko"), (self.name_en, "en")):
            edit.blockSignals(True)
            edit.setText(str(name.get(lang, "")))
            edit.blockSignals(False)
        self.price.blockSignals(True)
        price = it.doc.get("price")
        self.price.setValue(price if isinstance(price, int) and 0 <= price <= MAX_PRICE else 0)
        self.price.blockSignals(False)
        sizes = it.doc.get("sizes")
        self.sizes.setText(", ".join(str(s) for s in sizes) if isinstance(sizes, list) else "")
        self._show_problem(it.problem)
        self.flush_preview()

    # -- editing ------------------------------------------------------------------------------

    def _on_anchor_moved(self, _name: str) -> None:
        it = self.current
        if it is None:
            return
        it.doc["anchors"] = {k: [x, y] for k, (x, y) in self.canvas.anchors().items()}
        self._mark_modified(it)
        self._check_live(it)
        if not self._preview_timer.isActive():
            self._preview_timer.start()

    def _on_field_edited(self, *_args: object) -> None:
        it = self.current
        if it is None:
            return
        it.doc["name"] = {"ko": self.name_ko.text().strip(), "en": self.name_en.text().strip()}
        it.doc["price"] = int(self.price.value())
        sizes = [s.strip() for s in self.sizes.text().replace(";", ",").split(",") if s.strip()]
        if sizes:
            it.doc["sizes"] = sizes
        else:
            it.doc.pop("sizes", None)
        self._mark_modified(it)

    def _mark_modified(self, it: EditableItem) -> None:
        it.modified = it.doc != it.saved_doc
        row = self.items.index(it)
        self.list.item(row).setText(self._label(it))

    def _check_live(self, it: EditableItem) -> None:
        """Say at once when anchors are in an impossible order (before saving)."""
        if it.rgba is None or it.category is None:
            return
        wh = (it.rgba.shape[1], it.rgba.shape[0])
        self._show_problem(loader.check_anchors(it.doc.get("anchors"), it.category, wh))

    def flush_preview(self) -> None:
        """Draw the current item on the reference body now (also the timer's job while dragging)."""
        self._preview_timer.stop()
        it = self.current
        rgb = np.full((PREVIEW_WH[1], PREVIEW_WH[0], 3), 236, np.uint8)
        if it is not None and it.rgba is not None and it.category is not None:
            try:
                garment = Garment(
                    it.folder.name,
                    it.category,
                    it.rgba,
                    self.canvas.anchors(),
                    fit=Fit(it.doc.get("fit", Fit.LEGS.value)),
                )
                rgb = worn_garment(garment, self._body, PREVIEW_WH)
            except (ValueError, KeyError, np.linalg.LinAlgError):
                pass  # anchors missing or degenerate while being placed; the status line says so
        self.preview_rgb = rgb
        self.preview.setPixmap(QPixmap.fromImage(rgb_to_qimage(rgb)))
        self.preview_generation += 1

    def _show_problem(self, problem: Problem | None, ok_text: str = "") -> None:
        if problem is None:
            self.status.setStyleSheet("color: #1a7a2a;")
            self.status.setText(ok_text)
        else:
            self.status.setStyleSheet("color: #c01818;")
            self.status.setText(f"{problem.message}.\nFix: {problem.fix}")

    def save(self) -> bool:
        """Write the current item's item.json (atomically), then check it with the loader."""
        it = self.current
        if it is None:
            return False
        try:
            write_json_atomic(it.folder / ITEM_FILE, it.doc)
        except CatalogError as exc:
            self._show_problem(Problem(ITEM_FILE, str(exc), "check the folder is writable"))
            return False
        manifest = loader.load_manifest(self.root)
        checked = loader.load_item(self.root, it.folder, manifest if isinstance(manifest, Manifest) else None)
        it.problem = checked if isinstance(checked, Problem) else None
        it.saved_doc = copy.deepcopy(it.doc)
        self._mark_modified(it)
        self._show_problem(it.problem, "Saved. The mirror shows this item.")
        return it.problem is None


def run_editor(folder: Path) -> int:
    """Open the editor on ``folder``; returns the exit code when its window closes."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    editor = CatalogEditor(folder)
    editor.resize(1180, 760)
    editor.show()
    return int(app.exec())
