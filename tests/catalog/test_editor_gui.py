"""The catalog editor through pytest-qt: drag an anchor, see the preview change, edit, save."""

from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from mirror_app.catalog import load_catalog
from mirror_app.catalog.starter import new_catalog
from mirror_app.ui.catalog_editor import CatalogEditor, hangul_font_family

pytestmark = pytest.mark.gui


@pytest.fixture
def editor(qtbot, tmp_path):
    root = tmp_path / "shop"
    new_catalog(root)
    ed = CatalogEditor(root)
    qtbot.addWidget(ed)
    ed.resize(1180, 760)
    ed.show()
    qtbot.waitExposed(ed)
    return ed


def test_dragging_a_handle_moves_the_anchor_and_updates_the_preview(qtbot, editor):
    editor.select("example-tee")
    before = editor.canvas.anchors()["left_shoulder"]
    preview_before = editor.preview_rgb.copy()
    generation = editor.preview_generation
    start = editor.canvas.widget_pos("left_shoulder").toPoint()
    end = start + QPoint(30, -20)
    qtbot.mousePress(editor.canvas, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 6):
        qtbot.mouseMove(editor.canvas, start + (end - start) * (k / 5))
    qtbot.mouseRelease(editor.canvas, Qt.MouseButton.LeftButton, pos=end)
    qtbot.waitUntil(lambda: editor.preview_generation > generation, timeout=2000)
    editor.flush_preview()
    after = editor.canvas.anchors()["left_shoulder"]
    scale = editor.canvas._frame()[0]
    assert after[0] - before[0] == pytest.approx(30 / scale, abs=2 / scale)
    assert after[1] - before[1] == pytest.approx(-20 / scale, abs=2 / scale)
    assert editor.current.doc["anchors"]["left_shoulder"] == [after[0], after[1]]
    assert np.abs(editor.preview_rgb.astype(int) - preview_before).sum() > 0
    assert editor.list.currentItem().text().startswith("* ")


def test_edit_price_and_save_then_reload_shows_it(qtbot, editor, tmp_path):
    editor.select("example-cap")
    editor.price.setValue(31000)
    editor.name_ko.setText("밀짚 모자")
    editor.name_ko.textEdited.emit("밀짚 모자")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "Saved" in editor.status.text()
    doc = json.loads((tmp_path / "shop" / "items" / "example-cap" / "item.json").read_text(encoding="utf-8"))
    assert doc["price"] == 31000 and doc["name"]["ko"] == "밀짚 모자"
    item = load_catalog(tmp_path / "shop").item("example-cap")
    assert item is not None and item.price == 31000
    editor.reload()
    editor.select("example-cap")
    assert editor.price.value() == 31000 and editor.name_ko.text() == "밀짚 모자"
    assert not list((tmp_path / "shop" / "items" / "example-cap").glob(".*.tmp"))


def test_impossible_anchor_order_is_shown_at_once_and_after_save(qtbot, editor):
    editor.select("example-tee")
    canvas = editor.canvas
    right = canvas.widget_pos("right_shoulder").toPoint()
    left = canvas.widget_pos("left_shoulder").toPoint()
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=left)
    qtbot.mouseMove(canvas, right - QPoint(25, 0))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=right - QPoint(25, 0))
    assert "impossible order" in editor.problem_text
    assert not editor.save()
    assert "impossible order" in editor.problem_text
    assert "⚠" in editor.list.currentItem().text()
    # The problem stays through unrelated edits, and goes only when the anchors are right again.
    editor.price.setValue(12000)
    editor.name_en.setText("Tee")
    editor.name_en.textEdited.emit("Tee")
    assert "impossible order" in editor.problem_text
    editor.undo()
    assert editor.problem_text == ""


def test_the_editor_loads_a_font_with_hangul(qtbot, editor):
    family = hangul_font_family()
    assert family and "Nanum" in family
    assert editor.font().family() == family


def _drag(qtbot, canvas, name: str, by: QPoint) -> None:
    start = canvas.widget_pos(name).toPoint()
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 5):
        qtbot.mouseMove(canvas, start + by * (k / 4))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=start + by)


def test_add_move_remove_undo_revert_save_and_the_mirror_wears_the_change(qtbot, editor, tmp_path):
    root = tmp_path / "shop"
    editor.select("example-tee")
    item_dir = root / "items" / "example-tee"
    imported = load_catalog(root).item("example-tee").anchors
    canvas = editor.canvas
    # Add: the combo offers what a top may have and lacks, nothing it already has.
    offered = [editor.add_choice.itemText(i) for i in range(editor.add_choice.count())]
    assert "hem" in offered and "neck" not in offered and "left_knee" not in offered
    had_hem = "hem" in imported
    if had_hem:
        editor.canvas.select("hem")
        qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    editor.add_choice.setCurrentText("hem")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert "hem" in canvas.anchors() and canvas.selected == "hem"
    assert "hem" not in [editor.add_choice.itemText(i) for i in range(editor.add_choice.count())]
    # Move it by dragging, then move the neck: each drag is one undo step.
    hem_added = canvas.anchors()["hem"]
    _drag(qtbot, canvas, "hem", QPoint(0, -25))
    hem_moved = canvas.anchors()["hem"]
    assert hem_moved[1] < hem_added[1] - 5
    neck_before = canvas.anchors()["neck"]
    _drag(qtbot, canvas, "neck", QPoint(0, 12))
    assert canvas.anchors()["neck"][1] > neck_before[1] + 3
    # Remove: click the handle, press Remove.
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=canvas.widget_pos("right_elbow").toPoint())
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=canvas.widget_pos("right_elbow").toPoint())
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert "right_elbow" not in canvas.anchors()
    # Undo twice: the elbow comes back, then the neck goes back; the hem stays where dragged.
    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert "right_elbow" in canvas.anchors()
    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert canvas.anchors()["neck"] == neck_before and canvas.anchors()["hem"] == hem_moved
    qtbot.mouseClick(editor.redo_button, Qt.MouseButton.LeftButton)
    assert canvas.anchors()["neck"] != neck_before
    # Revert: everything as imported.
    qtbot.mouseClick(editor.revert_button, Qt.MouseButton.LeftButton)
    assert canvas.anchors() == imported and not editor.revert_button.isEnabled()
    # Make the change for real and save it: the mirror's loader sees it, and Revert still knows
    # the imported state after a reload.
    editor.add_choice.setCurrentText("hem")
    if not had_hem:
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    _drag(qtbot, canvas, "neck", QPoint(0, 12))
    edited = canvas.anchors()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "Saved" in editor.status.text() and editor.problem_text == ""
    garment = load_catalog(root).item("example-tee").garment()
    assert garment.anchors["neck"] == pytest.approx(edited["neck"])
    assert garment.anchors["neck"] != pytest.approx(imported["neck"])
    assert "hem" in garment.anchors
    assert (item_dir / "imported.json").is_file()
    editor.reload()
    editor.select("example-tee")
    assert editor.canvas.anchors() == edited
    editor.revert()
    assert editor.canvas.anchors() == imported


def test_check_these_notes_are_listed_ringed_and_settled_by_the_owner(qtbot, tmp_path):
    root = tmp_path / "shop"
    new_catalog(root)
    path = root / "items" / "example-tee" / "item.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["anchors"].pop("left_elbow", None)
    doc["review"] = [
        {"subject": "left_elbow", "reason": "could not follow the left sleeve", "fix": "add the left elbow"},
        {"subject": "neck", "reason": "the neckline is faint", "fix": "drag the neck dot to the collar's centre"},
    ]
    path.write_text(json.dumps(doc), encoding="utf-8")
    ed = CatalogEditor(root)
    qtbot.addWidget(ed)
    ed.resize(1180, 760)
    ed.show()
    ed.select("example-tee")
    texts = [ed.checks.item(i).text() for i in range(ed.checks.count())]
    assert len(texts) == 2 and "missing: Add it" in texts[0] and "Fix: drag the neck dot" in texts[1]
    ed.checks.setCurrentRow(0)
    assert ed.add_choice.currentText() == "left_elbow"
    qtbot.mouseClick(ed.add_button, Qt.MouseButton.LeftButton)
    assert ed.checks.count() == 1
    ed.checks.setCurrentRow(0)
    assert ed.canvas.selected == "neck"
    qtbot.mouseClick(ed.checked_button, Qt.MouseButton.LeftButton)
    assert ed.checks.count() == 0
    ed.save()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert "review" not in saved and "left_elbow" in saved["anchors"]


def test_labels_sit_on_a_plate_readable_on_dark_and_light_cloth(qtbot, editor):
    """Render the canvas on a black and a white garment: the label text has the same contrast."""
    editor.select("example-tee")
    canvas = editor.canvas
    contrast = []
    for level in (0, 255):
        rgba = np.zeros((400, 300, 4), np.uint8)
        rgba[..., :3] = level
        rgba[..., 3] = 255
        canvas.set_item(rgba, editor.current.edits)
        canvas.repaint()
        shot = canvas.grab().toImage()
        p = canvas.widget_pos("neck")
        xs = range(int(p.x()) + 14, int(p.x()) + 40)
        values = [QColor(shot.pixel(x, int(p.y()))).lightness() for x in xs]
        contrast.append(max(values) - min(values))
    assert min(contrast) > 120, contrast
