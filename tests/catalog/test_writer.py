"""Atomic writes: a crash (simulated) never leaves a half-written file or item folder."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from mirror_app.catalog import load_catalog, writer
from mirror_app.errors import CatalogError
from tests.catalog.builders import item_doc, make_catalog


def _png():
    rgba = np.zeros((40, 40, 4), np.uint8)
    rgba[5:35, 5:35] = (200, 40, 40, 255)
    return writer.png_bytes(rgba)


def test_write_json_replaces_whole_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "item.json"
    path.write_text('{"old": true}', encoding="utf-8")
    writer.write_json_atomic(path, {"name": {"ko": "셔츠", "en": "Shirt"}})
    assert json.loads(path.read_text(encoding="utf-8")) == {"name": {"ko": "셔츠", "en": "Shirt"}}
    assert "셔츠" in path.read_text(encoding="utf-8")  # readable UTF-8, not \\u escapes
    assert [p.name for p in tmp_path.iterdir()] == ["item.json"]


def test_a_crash_before_the_rename_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "item.json"
    path.write_text('{"old": true}', encoding="utf-8")

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(CatalogError, match="No space left"):
        writer.write_json_atomic(path, {"new": True})
    assert json.loads(path.read_text(encoding="utf-8")) == {"old": True}
    assert [p.name for p in tmp_path.iterdir()] == ["item.json"]


def test_add_item_appears_whole_or_not_at_all(tmp_path, monkeypatch):
    root = make_catalog(tmp_path / "shop")
    doc = item_doc("new-tee", anchors={"neck": [20, 5], "left_shoulder": [30, 8], "right_shoulder": [10, 8],
                                       "left_hip": [28, 35], "right_hip": [12, 35]})  # fmt: skip
    real_replace = os.replace

    def crash(src, dst):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(CatalogError):
        writer.add_item(root, doc, {"image.png": _png()})
    assert sorted(p.name for p in (root / "items").iterdir()) == ["tee"]
    monkeypatch.setattr(os, "replace", real_replace)
    folder = writer.add_item(root, doc, {"image.png": _png()})
    assert folder.name == "new-tee"
    cat = load_catalog(root)
    assert cat.problems == () and cat.item("new-tee") is not None
    with pytest.raises(CatalogError, match="already exists"):
        writer.add_item(root, doc, {"image.png": _png()})


def test_unique_id(tmp_path):
    root = make_catalog(tmp_path / "shop")
    assert writer.unique_id(root, "tee") == "tee-2"
    assert writer.unique_id(root, "tee", taken={"tee-2"}) == "tee-3"
    assert writer.unique_id(root, "") == "item"
