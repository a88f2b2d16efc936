"""The editor's anchor model without a window: add, move, remove, undo, redo, revert, notes."""

from __future__ import annotations

import pytest

from mirror_app.catalog.anchor_edits import AnchorEdits, read_anchors, read_review
from mirror_app.catalog.review import ReviewNote, to_json
from mirror_app.domain import Category

TEE = {
    "neck": (200.0, 60.0),
    "left_shoulder": (280.0, 80.0),
    "right_shoulder": (120.0, 80.0),
    "left_hip": (260.0, 400.0),
    "right_hip": (140.0, 400.0),
    "right_elbow": (60.0, 200.0),
}
ELBOW_NOTE = ReviewNote("left_elbow", "the left sleeve's elbow was not found", "add it in catalog edit")
SHOULDER_NOTE = ReviewNote("right_shoulder", "the right shoulder is uncertain", "drag it onto the seam")


def edits(**kw: object) -> AnchorEdits:
    return AnchorEdits(Category.TOP, TEE, (400, 500), **kw)  # type: ignore[arg-type]


def test_addable_is_what_the_category_takes_minus_what_is_there() -> None:
    e = edits()
    assert "left_elbow" in e.addable() and "left_cuff" in e.addable() and "hem" in e.addable()
    assert "neck" not in e.addable() and "right_elbow" not in e.addable()
    assert "left_knee" not in e.addable()  # a top has no knees (dresses and coats do)
    assert "left_knee" in AnchorEdits(Category.DRESS, TEE, (400, 500)).addable()
    assert "crotch" in AnchorEdits(Category.BOTTOM, {}, (400, 500)).addable()


def test_a_new_anchor_starts_mirrored_from_its_partner_about_the_neck() -> None:
    e = edits()
    assert e.add("left_elbow") == (340.0, 200.0)  # right elbow at x 60, neck at x 200
    assert e.anchors["left_elbow"] == (340.0, 200.0)


def test_a_new_anchor_without_partner_stays_on_the_picture() -> None:
    e = edits()
    x, y = e.add("hem")
    assert x == 200.0 and y == 400.0  # the middle, at the lowest anchor
    e2 = AnchorEdits(Category.TOP, {"right_cuff": (-50.0, 10.0), "neck": (390.0, 5.0)}, (400, 500))
    assert e2.add("left_cuff") == (400.0, 10.0)  # mirrored past the edge: clamped onto the picture


@pytest.mark.parametrize(
    ("name", "error"),
    [("left_knee", ValueError), ("neck", ValueError), ("belly_button", ValueError)],
)
def test_adding_what_the_category_does_not_take_or_already_has_is_refused(name: str, error: type) -> None:
    e = edits()
    with pytest.raises(error):
        e.add(name)
    assert e.anchors == TEE and not e.can_undo


def test_move_remove_undo_redo_walk_the_history_one_step_at_a_time() -> None:
    e = edits()
    e.move("neck", (205.0, 58.0))
    e.remove("right_elbow")
    e.add("left_cuff", (390.0, 250.0))
    assert e.anchors["neck"] == (205.0, 58.0)
    assert "right_elbow" not in e.anchors and e.anchors["left_cuff"] == (390.0, 250.0)
    assert e.undo()
    assert "left_cuff" not in e.anchors and "right_elbow" not in e.anchors
    assert e.undo()
    assert e.anchors["right_elbow"] == (60.0, 200.0) and e.anchors["neck"] == (205.0, 58.0)
    assert e.undo()
    assert e.anchors == TEE and not e.undo()
    assert e.redo() and e.redo()
    assert e.anchors["neck"] == (205.0, 58.0) and "right_elbow" not in e.anchors
    e.move("neck", (210.0, 50.0))  # a new edit forgets what could be redone
    assert not e.can_redo and not e.redo()


def test_a_drag_is_one_undo_step_and_a_drag_that_moved_nothing_is_none() -> None:
    e = edits()
    e.begin_drag()
    for x in range(281, 300):
        e.move("left_shoulder", (float(x), 82.0))
    e.end_drag()
    assert e.anchors["left_shoulder"] == (299.0, 82.0)
    assert e.undo() and e.anchors == TEE and not e.can_undo
    e.begin_drag()
    e.end_drag()
    assert not e.can_undo


def test_moves_are_clamped_to_the_picture() -> None:
    e = edits()
    e.move("neck", (-30.0, 900.0))
    assert e.anchors["neck"] == (0.0, 500.0)


def test_revert_goes_back_to_the_imported_state_and_can_itself_be_undone() -> None:
    imported = dict(TEE, neck=(190.0, 70.0))
    e = AnchorEdits(Category.TOP, TEE, (400, 500), imported=imported)
    assert not e.is_imported
    e.move("neck", (1.0, 1.0))
    e.add("hem")
    e.revert()
    assert e.anchors == imported and e.is_imported
    assert e.undo()
    assert e.anchors["neck"] == (1.0, 1.0) and "hem" in e.anchors


def test_check_notes_close_when_their_anchor_is_handled_and_reopen_on_undo_or_revert() -> None:
    e = edits(review=(ELBOW_NOTE, SHOULDER_NOTE))
    assert e.open_checks() == (ELBOW_NOTE, SHOULDER_NOTE)
    e.add("left_elbow")
    assert e.open_checks() == (SHOULDER_NOTE,)
    e.mark_checked("right_shoulder")
    assert e.open_checks() == ()
    assert e.review_json() == []
    e.undo()
    assert e.open_checks() == (SHOULDER_NOTE,)
    e.revert()
    assert e.open_checks() == (ELBOW_NOTE, SHOULDER_NOTE) and "left_elbow" not in e.anchors


def test_revert_brings_back_the_imported_notes_even_after_an_earlier_save_dropped_them() -> None:
    e = edits(review=(), imported_review=(ELBOW_NOTE,))
    assert e.open_checks() == ()
    e.revert()
    assert e.open_checks() == (ELBOW_NOTE,)
    assert e.imported_json()["review"] == to_json([ELBOW_NOTE])


def test_raw_json_is_read_leniently_the_loader_judges_the_rest() -> None:
    assert read_anchors({"neck": [1, 2], "bad": [1], "worse": "x", "flag": [True, 1]}) == {"neck": (1.0, 2.0)}
    assert read_anchors(None) == {}
    raw = [*to_json([ELBOW_NOTE]), {"subject": "neck"}, "text", {"subject": 1, "reason": "r", "fix": "f"}]
    assert read_review(raw) == (ELBOW_NOTE,)
    assert read_review({"not": "a list"}) == ()
