"""The catalog editor through pytest-qt: drag an anchor, see the preview change, edit, save."""

from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, Qt

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
    assert "impossible order" in editor.status.text()
    assert not editor.save()
    assert "impossible order" in editor.status.text()
    assert "⚠" in editor.list.currentItem().text()


def test_the_editor_loads_a_font_with_hangul(qtbot, editor):
    family = hangul_font_family()
    assert family and "Nanum" in family
    assert editor.font().family() == family
