"""``mirror-app catalog new | validate | preview``: output an owner can act on, and exit codes."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest

from mirror_app.catalog import load_catalog
from mirror_app.catalog.preview import contact_sheet, mannequin, reference_bodies, worn
from mirror_app.catalog.starter import EXAMPLES, new_catalog
from mirror_app.cli import main
from mirror_app.overlay import Category
from tests.catalog.builders import item_doc, make_catalog


def test_new_makes_a_clean_catalog_with_every_category(tmp_path, capsys):
    assert main(["catalog", "new", str(tmp_path / "shop")]) == 0
    cat = load_catalog(tmp_path / "shop")
    assert cat.problems == ()
    assert {it.category for it in cat.items} == set(Category)
    assert len(cat.items) == len(EXAMPLES)
    assert (tmp_path / "shop" / "README.txt").read_text(encoding="utf-8").startswith("Mirror catalog")
    assert cat.manifest.size_charts["tops"].sizes["M"]["chest"] == (90.0, 98.0)
    assert cat.item("example-tee").variants[0].id == "red"
    assert "created" in capsys.readouterr().out


def test_new_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["catalog", "new", str(tmp_path / "shop")]) == 2
    assert "not empty" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "shop").iterdir()] == ["notes.txt"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_new_into_an_empty_folder(tmp_path):
    (tmp_path / "shop").mkdir()
    assert main(["catalog", "new", str(tmp_path / "shop")]) == 0
    assert (tmp_path / "shop" / "catalog.json").is_file()


def test_validate_clean_catalog_exits_0(tmp_path, capsys):
    assert main(["catalog", "validate", str(make_catalog(tmp_path / "shop"))]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("OK: 1 item(s) ready.")


def test_validate_lists_each_problem_with_file_item_and_fix_and_exits_1(tmp_path, capsys):
    root = make_catalog(
        tmp_path / "shop",
        items={"tee": item_doc(), "bad": item_doc("bad", category="tshirt"), "worse": item_doc("worse", prize=1)},
    )
    assert main(["catalog", "validate", str(root)]) == 1
    out = capsys.readouterr().out
    assert "PROBLEM items/bad/item.json  (item bad)" in out
    assert 'unknown category "tshirt"' in out and "fix: use one of top" in out
    assert 'unknown key "prize" in item.json (did you mean "price"?)' in out
    assert "NOT OK: 1 item(s) ready, 2 skipped by the mirror (bad, worse); 2 problem(s) to fix" in out
    assert "Traceback" not in out


def test_validate_notes_do_not_fail(tmp_path, capsys):
    root = make_catalog(tmp_path / "shop", items={"tee": item_doc(price=0, name={"ko": "Tee", "en": "Tee"})})
    assert main(["catalog", "validate", str(root)]) == 0
    out = capsys.readouterr().out
    assert "NOTE    items/tee/item.json  (item tee)" in out and "price is 0" in out
    assert "Korean name is the same" in out
    assert "OK: 1 item(s) ready; 2 note(s)." in out


def test_validate_lists_the_imports_check_these_notes_without_failing(tmp_path, capsys):
    note = {"subject": "left_elbow", "reason": "could not follow the left sleeve", "fix": "add the left elbow"}
    root = make_catalog(tmp_path / "shop", items={"tee": item_doc(review=[note])})
    assert main(["catalog", "validate", str(root)]) == 0
    out = capsys.readouterr().out
    assert "CHECK   items/tee/item.json  (item tee)" in out
    assert "left elbow: could not follow the left sleeve" in out and "fix: add the left elbow" in out
    assert "1 thing(s) to check from the import" in out


def test_validate_broken_manifest_exits_1(tmp_path, capsys):
    root = make_catalog(tmp_path / "shop", manifest={"format": 1, "shop": {"ko": "a", "en": "b"}, "promo": {}})
    assert main(["catalog", "validate", str(root)]) == 1
    assert 'PROBLEM catalog.json\n    unknown key "promo"' in capsys.readouterr().out


@pytest.mark.parametrize("where", ["nowhere", "file"])
def test_validate_missing_folder_exits_2(tmp_path, capsys, where):
    target = tmp_path / where
    if where == "file":
        target.write_text("x", encoding="utf-8")
    assert main(["catalog", "validate", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mirror-app: catalog") and "Traceback" not in err


def test_preview_writes_a_sheet_with_problems_in_red(tmp_path, capsys):
    root = tmp_path / "shop"
    new_catalog(root)
    doc = json.loads((root / "items" / "example-tee" / "item.json").read_text(encoding="utf-8"))
    doc["anchors"]["left_shoulder"], doc["anchors"]["right_shoulder"] = (
        doc["anchors"]["right_shoulder"],
        doc["anchors"]["left_shoulder"],
    )
    (root / "items" / "example-tee" / "item.json").write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "sheet.png"
    assert main(["catalog", "preview", str(root), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "6 item(s) on 3 bodies" in printed and "marked in red" in printed  # 2 mannequins and the astronaut
    sheet = cv2.imread(str(out))
    assert sheet is not None and sheet.shape[1] > 1500
    red = (sheet[..., 2] > 180) & (sheet[..., 1] < 60) & (sheet[..., 0] < 60)
    assert red.sum() > 500  # the skipped tee's red frame and text


def test_preview_rejects_other_formats(tmp_path, capsys):
    root = make_catalog(tmp_path / "shop")
    assert main(["catalog", "preview", str(root), "--out", str(tmp_path / "s.jpg")]) == 2
    assert ".png" in capsys.readouterr().err


def test_each_item_is_drawn_on_the_reference_bodies(tmp_path):
    new_catalog(tmp_path / "shop")
    cat = load_catalog(tmp_path / "shop")
    bodies = reference_bodies()
    assert [b.name for b in bodies] == ["standing", "moving"]
    for item in cat.items:
        bare = worn(item, bodies[0].__class__(bodies[0].name, bodies[0].rgb, bodies[0].pose))
        assert bare.shape == (300, 210, 3)
    tee = cat.item("example-tee")
    body = bodies[0]
    dressed = worn(tee, body)
    blue = (dressed[..., 2] > 120) & (dressed[..., 0] < 90)
    assert blue.mean() > 0.15  # the shirt covers much of the torso panel
    sheet = contact_sheet(cat, bodies)
    assert sheet.dtype == np.uint8 and sheet.shape[2] == 3


def test_mannequin_is_a_grey_figure():
    (w, h), _ = (640, 960), None
    body = reference_bodies()[0]
    img = mannequin(body.pose, (w, h))
    grey = (np.abs(img.astype(int) - 168) < 25).all(axis=2)
    assert 0.08 < grey.mean() < 0.4


@pytest.mark.model
def test_preview_dresses_the_bundled_photo_and_the_owners_own(tmp_path, media, capsys):
    """A sticker hides on a grey mannequin: the sheet also shows every item on real photos."""
    root = tmp_path / "shop"
    new_catalog(root)
    out = tmp_path / "sheet.png"
    assert main(["catalog", "preview", str(root), "--out", str(out), "--on", str(media / "astronaut.png")]) == 0
    printed = capsys.readouterr().out
    assert f"{len(EXAMPLES)} item(s) on 4 bodies" in printed  # 2 mannequins, the bundled astronaut, the owner's photo
    sheet = cv2.imread(str(out))
    assert sheet is not None and sheet.shape[1] > 1500
