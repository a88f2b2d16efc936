"""The import's "check these" notes survive item.json: written, loaded back, bad lists refused clearly."""

from __future__ import annotations

import json

import cv2
import pytest

from mirror_app.catalog import load_catalog
from mirror_app.catalog.review import CUTOUT, ReviewFormatError, ReviewNote, from_json, to_json
from tests.catalog.builders import item_doc, make_catalog

NOTES = (
    ReviewNote(CUTOUT, "part of the garment may have been taken for background", "compare it with the photo"),
    ReviewNote("left_elbow", "the sleeve was hard to follow", "drag the elbow onto the sleeve in catalog edit"),
)


def test_notes_round_trip_through_item_json(tmp_path):
    root = make_catalog(tmp_path / "shop", {"tee": item_doc(review=to_json(NOTES))})
    cat = load_catalog(root)
    assert cat.problems == ()
    assert cat.items[0].review == NOTES


def test_an_item_without_notes_has_none(tmp_path):
    assert load_catalog(make_catalog(tmp_path / "shop")).items[0].review == ()


@pytest.mark.parametrize(
    "bad",
    [
        "check the elbow",
        [{"subject": "neck", "reason": "low"}],
        [{"subject": "neck", "reason": "", "fix": "move it"}],
        [{"subject": "neck", "reason": "low", "fix": 3}],
    ],
)
def test_a_malformed_list_is_a_clear_problem_not_a_crash(tmp_path, bad):
    with pytest.raises(ReviewFormatError):
        from_json(bad)
    cat = load_catalog(make_catalog(tmp_path / "shop", {"tee": item_doc(review=bad)}))
    assert cat.items == ()
    (problem,) = cat.problems
    assert "review" in problem.message and "review" in problem.fix


def test_an_import_that_could_not_check_its_cut_out_says_so_in_the_item(tmp_path, monkeypatch):
    """The model missing on the owner's PC: the item is still made, and carries the note through
    item.json to the loaded catalog (never a silent, unchecked cut-out)."""
    from mirror_app.catalog import cutout
    from mirror_app.catalog.importer import import_photo
    from mirror_app.catalog.saliency import SaliencyUnavailable
    from mirror_app.catalog.starter import new_catalog
    from mirror_app.overlay import Category
    from tests.catalog.photos import GARMENTS, photograph

    def missing(_rgb):
        raise SaliencyUnavailable("the saliency model u2netp.onnx is missing")

    monkeypatch.setattr(cutout, "saliency", missing)
    shop = tmp_path / "shop"
    new_catalog(shop)
    photo = tmp_path / "tee.jpg"
    cv2.imwrite(str(photo), photograph(*GARMENTS["tee"], seed=2).bgr)
    out = import_photo(photo, Category.TOP, shop)
    assert out.ok, out.reason
    (note,) = out.review
    assert note.subject == CUTOUT and "could not be checked" in note.reason and "missing" in note.reason
    doc = json.loads((shop / "items" / out.item_id / "item.json").read_text(encoding="utf-8"))
    assert doc["review"] == to_json(out.review)
    item = next(it for it in load_catalog(shop).items if it.id == out.item_id)
    assert item.review == out.review
