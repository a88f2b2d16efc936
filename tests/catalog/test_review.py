"""The import's "check these" notes survive item.json: written, loaded back, bad lists refused clearly."""

from __future__ import annotations

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
