"""Anchors on the 38 real product photos of ../shared/media/tryon/garments (labels.json gives each
photo's category): every shape gets its complete set of anchors, each with a confidence, and what
could not be placed or is doubtful is on the "check these" list, in words that are true.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mirror_app.catalog.anchors import detect
from mirror_app.catalog.findings import LOW_CONFIDENCE
from mirror_app.catalog.importer import PreparedItem, prepare
from mirror_app.catalog.photo import ImportProblem, read_photo
from mirror_app.catalog.review import CUTOUT
from mirror_app.domain import Category
from mirror_app.overlay.categories import CATEGORY_SPECS

pytestmark = pytest.mark.slow

UPPER = (Category.TOP, Category.OUTERWEAR, Category.DRESS)


@pytest.fixture(scope="module")
def garments(media: Path) -> dict[str, tuple[Category, PreparedItem | None]]:
    folder = media / "tryon" / "garments"
    if not (folder / "labels.json").is_file():
        pytest.skip(f"real garment photos not found at {folder} (CI provides ../shared/media/tryon)")
    out: dict[str, tuple[Category, PreparedItem | None]] = {}
    for name, cat in sorted(json.loads((folder / "labels.json").read_text(encoding="utf-8")).items()):
        category = Category(cat)
        try:
            out[name] = (category, prepare(read_photo(folder / name), category))
        except ImportProblem:
            out[name] = (category, None)  # refused: the cut-out's tests judge refusals
    return out


def _imported(garments: dict[str, tuple[Category, PreparedItem | None]]) -> list[tuple[str, Category, PreparedItem]]:
    return [(n, c, p) for n, (c, p) in garments.items() if p is not None]


def test_most_photos_import(garments):
    assert len(_imported(garments)) >= 0.75 * len(garments)


def test_every_shape_gets_its_complete_anchors_or_says_what_is_missing(garments):
    for name, category, item in _imported(garments):
        a, checks = item.anchors, {n.subject for n in item.review}
        spec = CATEGORY_SPECS[category]
        assert set(spec.required) <= set(a), name
        assert set(a) <= set(spec.allowed), name
        if category in UPPER:
            assert "neck" in a, name
            for key in ("hem", "left_collar", "right_collar"):
                assert key in a or key in checks, f"{name}: no {key}"
            for side in ("left", "right"):
                for part in ("shoulder_seam", "armpit"):
                    # Found, or left out (the mirror measures it) and said so on the list.
                    assert f"{side}_{part}" in a or f"{side}_{part}" in checks, f"{name}: no {side} {part}"
                # A sleeve has its elbow and cuff; else the item is a strappy one, or the list says why.
                followed = f"{side}_elbow" in a and f"{side}_cuff" in a
                sleeveless = f"{side}_strap" in a or any("sleeveless" in n for n in item.notes)
                asked = bool({f"{side}_elbow", f"{side}_armpit"} & checks)
                assert followed or sleeveless or asked, f"{name}: {side} sleeve neither anchored nor on the list"
                if f"{side}_wrist" in a:
                    assert f"{side}_elbow" in a, f"{name}: a long {side} sleeve without an elbow"
        else:
            assert {"left_waist", "right_waist"} <= set(a), name
            if item.fit.value == "skirt":
                assert "hem" in a or "hem" in checks, name
            else:
                assert "crotch" in a, name
                for side in ("left", "right"):
                    assert f"{side}_cuff" in a or f"{side}_knee" in checks, f"{name}: {side} leg"


def test_every_anchor_has_a_confidence_and_every_low_one_is_on_the_list(garments):
    """Doubtful optional anchors are left out (and listed); doubtful required ones are written and listed."""
    for name, _category, item in _imported(garments):
        assert set(item.confidence) == set(item.anchors), name
        subjects = {n.subject for n in item.review}
        for key, c in item.confidence.items():
            assert 0.0 <= c <= 1.0
            if c < LOW_CONFIDENCE:
                assert key in subjects, f"{name}: {key} at {c} is not on the check list"
                assert key in CATEGORY_SPECS[_category].required, f"{name}: a doubtful optional {key} was written"


def test_the_notes_are_true(garments):
    """A note that says an anchor was placed is about an anchor the item has; one that says the
    item has no such anchor is about one it lacks; each says how to fix it in the editor."""
    for name, category, item in _imported(garments):
        allowed = set(CATEGORY_SPECS[category].allowed) | {CUTOUT}
        for note in item.review:
            assert note.subject in allowed, f"{name}: {note}"
            assert note.reason and note.fix and "catalog edit" in note.fix, f"{name}: {note}"
            if "has no" in note.reason:
                assert note.subject not in item.anchors, f"{name}: {note}"
            elif note.subject != CUTOUT:
                assert note.subject in item.anchors, f"{name}: {note}"


@pytest.mark.parametrize(
    ("photo", "why"),
    [
        ("dc_049947_1.jpg", "sheer sleeves hanging against the body: no armpit in the outline"),
        ("idm_09290_00.jpg", "long sleeves falling beside the body: the armpits are not level"),
        ("cat_dress_22153949_52376342.jpg", "a one-shoulder dress: one side has no shoulder seam"),
    ],
)
def test_confidences_flag_the_hard_cases(garments, photo, why):
    _category, item = garments[photo]
    if item is None:
        pytest.skip(f"{photo} was refused by the cut-out")
    flagged = {n.subject for n in item.review}
    assert any(k.endswith(("armpit", "shoulder_seam")) for k in flagged), f"{photo} ({why}): nothing flagged"


@pytest.mark.parametrize(
    "photo",
    ["dc_050191_1.jpg", "idm_09176_00.jpg", "idm_09305_00.jpg", "cat_upper_24083449_54173465.jpg"],
)
def test_clear_sleeved_tops_are_anchored_without_asking(garments, photo):
    """A tee or a long-sleeved top laid flat with sleeves out: everything found, nothing to check."""
    _category, item = garments[photo]
    if item is None:
        pytest.skip(f"{photo} was refused by the cut-out")
    assert not [n for n in item.review if n.subject != CUTOUT], item.review
    for side in ("left", "right"):
        assert {f"{side}_elbow", f"{side}_cuff", f"{side}_armpit", f"{side}_shoulder_seam"} <= set(item.anchors)
        # The elbow is beyond the armpit, outwards (not on the body, not at the collar).
        sign = 1 if side == "left" else -1
        assert (item.anchors[f"{side}_elbow"][0] - item.anchors["neck"][0]) * sign > (
            item.anchors[f"{side}_armpit"][0] - item.anchors["neck"][0]
        ) * sign * 0.9
        # Shoulders sit outside the collar corners, the neck between them (the misplacements).
        assert (item.anchors[f"{side}_shoulder"][0] - item.anchors[f"{side}_collar"][0]) * sign > 0
    assert item.anchors["right_collar"][0] < item.anchors["neck"][0] < item.anchors["left_collar"][0]


def test_detection_of_one_photo_is_repeatable(garments):
    """The same picture gives the same anchors and confidences (no hidden state)."""
    name, category, item = _imported(garments)[0]
    first, second = detect(item.rgba, category), detect(item.rgba, category)
    assert first.anchors == second.anchors and first.confidence == second.confidence, name
