"""``mirror-app catalog edit``: drag, add and remove anchors on the item picture (undo, redo,
revert to the imported state), watch the item worn on a reference body while dragging, go through
the import's "check these" list, edit names, price and sizes, save.

The editor works on each item's raw ``item.json`` (so an item the mirror skips, say for
anchors in an impossible order, can be opened and fixed). The anchor rules live in the Qt-free
``catalog.anchor_edits``; this module paints them and forwards input. Saving writes ``item.json``
atomically and checks the item again with the catalog loader. A problem stays shown in the red
box until the item is right again; it is never a message that fades.
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QTimer
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QKeySequence,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QGridLayout,
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
from ..catalog.anchor_edits import IMPORTED_FILE, AnchorEdits, read_anchors, read_review
from ..catalog.loader import ITEM_FILE, ITEMS_DIR, MAX_NAME_CHARS, MAX_PRICE
from ..catalog.model import Manifest, Problem
from ..catalog.preview import ReferenceBody, reference_bodies, worn_garment
from ..catalog.writer import write_json_atomic
from ..domain import Category, Fit
from ..errors import CatalogError
from ..overlay.garment import Garment
from ..resources import fonts_dir
from .anchor_canvas import AnchorCanvas
from .qimage import rgb_to_qimage

U8Image = npt.NDArray[np.uint8]
PREVIEW_WH = (300, 420)


def hangul_font_family() -> str | None:
    """Load the bundled Hangul font once; returns its family name (None if it cannot load)."""
    font_id = QFontDatabase.addApplicationFont(str(fonts_dir() / "NanumSquareRoundR.ttf"))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


@dataclass
class EditableItem:
    """One item folder as the editor holds it: the raw document, its picture, its anchor edits
    and the loader's verdict."""

    folder: Path
    doc: dict[str, Any]
    rgba: U8Image | None
    edits: AnchorEdits
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
        return self.edits.anchors

    def sync_doc(self) -> None:
        """Write the anchor edits into the document (what saving writes)."""
        self.doc["anchors"] = self.edits.anchors_json()
        review = self.edits.review_json()
        if review:
            self.doc["review"] = review
        else:
            self.doc.pop("review", None)


def _category(doc: dict[str, Any]) -> Category | None:
    try:
        return Category(str(doc.get("category")))
    except ValueError:
        return None


def read_editable(root: Path, folder: Path, manifest: Manifest | None) -> EditableItem:
    """The raw item (as far as it can be read), its imported state and the loader's verdict."""
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
    imported: dict[str, Any] = {}
    try:
        if (folder / IMPORTED_FILE).is_file():
            raw_imported = loader.read_json(folder / IMPORTED_FILE)
            imported = raw_imported if isinstance(raw_imported, dict) else {}
    except loader._Bad:
        imported = {}  # unreadable: revert goes back to the item as opened
    wh = (rgba.shape[1], rgba.shape[0]) if rgba is not None else (1, 1)
    review = read_review(doc.get("review"))
    edits = AnchorEdits(
        _category(doc),
        read_anchors(doc.get("anchors")),
        wh,
        imported=read_anchors(imported["anchors"]) if "anchors" in imported else None,
        review=review,
        imported_review=read_review(imported["review"]) if "review" in imported else review,
    )
    return EditableItem(folder, doc, rgba, edits, problem, saved_doc=copy.deepcopy(doc))


class CatalogEditor(QWidget):
    """Items on the left; the picture with its anchors and the anchor tools; the item worn;
    the "check these" list; names, price, sizes; the problem box."""

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
        self.add_choice = QComboBox()
        self.add_choice.setToolTip("anchors this kind of item can have that it does not have yet")
        self.add_button = QPushButton("Add")
        self.remove_button = QPushButton("Remove")
        self.undo_button = QPushButton("Undo")
        self.redo_button = QPushButton("Redo")
        self.revert_button = QPushButton("Revert to imported")
        self.checks = QListWidget()
        self.checks.setMaximumHeight(110)
        self.checks.setWordWrap(True)
        self.checked_button = QPushButton("Looks right")
        self.checked_button.setToolTip("the selected anchor is right where it is: take it off the list")
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
        self.problem = QLabel()  # stays until the item is right again
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(
            "color: #a00000; background: #fde8e8; border: 1px solid #c01818; border-radius: 4px; padding: 6px;"
        )
        self.status = QLabel()
        self.status.setWordWrap(True)

        tools = QGridLayout()
        tools.addWidget(self.add_choice, 0, 0, 1, 2)
        tools.addWidget(self.add_button, 0, 2)
        tools.addWidget(self.remove_button, 0, 3)
        tools.addWidget(self.undo_button, 1, 0)
        tools.addWidget(self.redo_button, 1, 1)
        tools.addWidget(self.revert_button, 1, 2, 1, 2)
        middle = QVBoxLayout()
        middle.addWidget(self.canvas, 1)
        middle.addLayout(tools)
        middle.addWidget(QLabel("Check these (the import was not sure):"))
        middle.addWidget(self.checks)
        middle.addWidget(self.checked_button)
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
        right.addWidget(self.problem)
        right.addWidget(self.status)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(middle, 1)
        layout.addLayout(right)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(30)  # coalesce drag events: about 30 previews a second at most
        self._preview_timer.timeout.connect(self.flush_preview)
        self.list.currentRowChanged.connect(self._select)
        self.canvas.anchorsChanged.connect(self._on_dragging)
        self.canvas.dragFinished.connect(self._after_edit)
        self.canvas.selectionChanged.connect(self._on_selection)
        self.add_button.clicked.connect(lambda: self.add_anchor(self.add_choice.currentText()))
        self.remove_button.clicked.connect(self.remove_selected)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        self.revert_button.clicked.connect(self.revert)
        self.checked_button.clicked.connect(self.mark_checked)
        self.checks.currentRowChanged.connect(self._on_check_row)
        for keys, slot in (
            (QKeySequence.StandardKey.Undo, self.undo),
            (QKeySequence.StandardKey.Redo, self.redo),
            (QKeySequence.StandardKey.Delete, self.remove_selected),
            (QKeySequence.StandardKey.Save, self.save),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
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
        check = f"  ({len(it.edits.open_checks())} to check)" if it.edits.open_checks() else ""
        return f"{mark}{it.folder.name}{warn}{check}"

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
        self.canvas.set_item(it.rgba, it.edits)
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
        self.status.setText("")
        self._refresh_tools()
        self._show_problem(it.problem)
        self.flush_preview()

    # -- anchor editing -----------------------------------------------------------------------

    def add_anchor(self, name: str) -> None:
        """Add anchor ``name`` where its partner on the other side suggests; the owner drags it."""
        it = self.current
        if it is None or not name:
            return
        try:
            it.edits.add(name)
        except ValueError as exc:
            self.status.setText(str(exc))
            return
        self.canvas.select(name)
        self.status.setText(f"Added {name.replace('_', ' ')}: drag it to its place.")
        self._after_edit()

    def remove_selected(self) -> None:
        it, name = self.current, self.canvas.selected
        if it is None or not name:
            self.status.setText("Click an anchor first, then Remove.")
            return
        it.edits.remove(name)
        self.canvas.select(None)
        self._after_edit()

    def undo(self) -> None:
        if self.current is not None and self.current.edits.undo():
            self._after_edit()

    def redo(self) -> None:
        if self.current is not None and self.current.edits.redo():
            self._after_edit()

    def revert(self) -> None:
        """All anchors back to how the import placed them (Undo brings the edits back)."""
        if self.current is not None:
            self.current.edits.revert()
            self.status.setText("Anchors back as imported. Undo brings your changes back.")
            self._after_edit()

    def mark_checked(self) -> None:
        it = self.current
        if it is None:
            return
        open_checks = it.edits.open_checks()
        row = self.checks.currentRow()
        subject = open_checks[row].subject if 0 <= row < len(open_checks) else self.canvas.selected
        if subject and any(n.subject == subject for n in open_checks):
            it.edits.mark_checked(subject)
            self._after_edit()

    def _on_check_row(self, row: int) -> None:
        it = self.current
        if it is None:
            return
        open_checks = it.edits.open_checks()
        if 0 <= row < len(open_checks):
            subject = open_checks[row].subject
            if subject in it.edits.anchors:
                self.canvas.select(subject)
            elif subject in it.edits.addable():
                self.add_choice.setCurrentText(subject)

    def _on_selection(self, name: str) -> None:
        self.remove_button.setEnabled(bool(name))

    def _on_dragging(self) -> None:
        """While a handle moves: the preview follows, the anchors' order is checked at once."""
        it = self.current
        if it is None:
            return
        it.sync_doc()
        self._mark_modified(it)
        if it.rgba is not None and it.category is not None:
            wh = (it.rgba.shape[1], it.rgba.shape[0])
            self._show_problem(loader.check_anchors(it.doc.get("anchors"), it.category, wh))
        if not self._preview_timer.isActive():
            self._preview_timer.start()

    def _after_edit(self) -> None:
        """After any finished anchor change: the document, the lists, the check, the preview."""
        it = self.current
        if it is None:
            return
        it.sync_doc()
        self._mark_modified(it)
        self._refresh_tools()
        self._check_live(it)
        self.canvas.update()
        self.flush_preview()

    def _refresh_tools(self) -> None:
        it = self.current
        edits = it.edits if it is not None else None
        self.add_choice.blockSignals(True)
        keep = self.add_choice.currentText()
        self.add_choice.clear()
        addable = edits.addable() if edits is not None else ()
        self.add_choice.addItems(list(addable))
        if keep in addable:
            self.add_choice.setCurrentText(keep)
        self.add_choice.blockSignals(False)
        self.add_button.setEnabled(bool(addable))
        self.undo_button.setEnabled(bool(edits and edits.can_undo))
        self.redo_button.setEnabled(bool(edits and edits.can_redo))
        self.revert_button.setEnabled(bool(edits and not edits.is_imported))
        self.remove_button.setEnabled(bool(self.canvas.selected))
        self.checks.blockSignals(True)
        self.checks.clear()
        open_checks = edits.open_checks() if edits is not None else ()
        for n in open_checks:
            missing = "  (missing: Add it)" if edits is not None and n.subject not in edits.anchors else ""
            self.checks.addItem(f"{n.subject.replace('_', ' ')}{missing}: {n.reason}. Fix: {_here(n.fix)}")
        self.checks.blockSignals(False)
        self.checked_button.setEnabled(bool(open_checks))

    # -- fields -------------------------------------------------------------------------------

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
        self._check_live(it)

    def _mark_modified(self, it: EditableItem) -> None:
        it.modified = it.doc != it.saved_doc
        row = self.items.index(it)
        self.list.item(row).setText(self._label(it))

    def _check_live(self, it: EditableItem) -> None:
        """The whole item checked by the catalog loader as it stands (before saving), so a
        problem shows at once and stays until the edit that fixes it."""
        manifest = loader.load_manifest(self.root)
        try:
            loader.parse_item(it.folder, self.root, it.doc, manifest if isinstance(manifest, Manifest) else None)
        except loader._Bad as bad:
            self._show_problem(Problem(ITEM_FILE, bad.message, bad.fix, it.folder.name))
            return
        self._show_problem(None)

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
                    it.edits.anchors,
                    fit=Fit(it.doc.get("fit", Fit.LEGS.value)),
                )
                rgb = worn_garment(garment, self._body, PREVIEW_WH)
            except (ValueError, KeyError, np.linalg.LinAlgError):
                pass  # anchors missing or degenerate while being placed; the problem box says so
        self.preview_rgb = rgb
        self.preview.setPixmap(QPixmap.fromImage(rgb_to_qimage(rgb)))
        self.preview_generation += 1

    def _show_problem(self, problem: Problem | None) -> None:
        if problem is None:
            self.problem.hide()
            self.problem.setText("")
        else:
            self.problem.setText(f"{problem.message}.\nFix: {problem.fix}")
            self.problem.show()

    @property
    def problem_text(self) -> str:
        """What the problem box says ("" when the item is fine)."""
        return self.problem.text() if not self.problem.isHidden() else ""

    def save(self) -> bool:
        """Write the current item's item.json (atomically), then check it with the loader. The
        first save also keeps the item's imported state (``imported.json``) for Revert."""
        it = self.current
        if it is None:
            return False
        it.sync_doc()
        try:
            if not (it.folder / IMPORTED_FILE).exists():
                write_json_atomic(it.folder / IMPORTED_FILE, it.edits.imported_json())
            write_json_atomic(it.folder / ITEM_FILE, it.doc)
        except CatalogError as exc:
            self._show_problem(Problem(ITEM_FILE, str(exc), "check the folder is writable"))
            return False
        manifest = loader.load_manifest(self.root)
        checked = loader.load_item(self.root, it.folder, manifest if isinstance(manifest, Manifest) else None)
        it.problem = checked if isinstance(checked, Problem) else None
        it.saved_doc = copy.deepcopy(it.doc)
        self._mark_modified(it)
        self._show_problem(it.problem)
        self.status.setStyleSheet("color: #1a7a2a;")
        self.status.setText(
            "Saved. The mirror shows this item." if it.problem is None else "Saved, but the mirror skips this item."
        )
        return it.problem is None


def _here(fix: str) -> str:
    """A note's fix as read inside the editor (no "open the editor" first)."""
    for opening in ("open `mirror-app catalog edit` and ", "open `mirror-app catalog edit`, "):
        if fix.startswith(opening):
            rest = fix[len(opening) :]
            return rest[:1].upper() + rest[1:]
    return fix.replace("open `mirror-app catalog edit` and ", "").replace("open `mirror-app catalog edit`, ", "")


def run_editor(folder: Path) -> int:
    """Open the editor on ``folder``; returns the exit code when its window closes."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    editor = CatalogEditor(folder)
    editor.resize(1180, 760)
    editor.show()
    return int(app.exec())
