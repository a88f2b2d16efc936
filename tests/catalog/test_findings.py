"""The anchor finders' notes: a low confidence always reaches the list, and a note never claims
an anchor the item does not have (or lacks one it has)."""

from __future__ import annotations

from mirror_app.catalog.findings import LOW_CONFIDENCE, Findings


def test_a_low_required_anchor_is_written_and_listed_with_a_drag_fix():
    f = Findings()
    f.put("left_shoulder", (10.0, 20.0), LOW_CONFIDENCE - 0.01, "the seam was faint", required=True)
    f.put("neck", (5.0, 1.0), 0.9, required=True)
    det = f.detection()
    assert [n.subject for n in det.review] == ["left_shoulder"]
    note = det.review[0]
    assert note.reason == "the seam was faint"
    assert "drag the left shoulder dot to the shoulder line" in note.fix and "mirror-app catalog edit" in note.fix
    assert det.confidence == {"left_shoulder": 0.49, "neck": 0.9}


def test_a_low_optional_anchor_is_left_out_and_the_note_says_so():
    """The mirror measures a missing outline mark from the picture: better than a wrong dot."""
    f = Findings()
    f.put("left_armpit", (10.0, 20.0), 0.3, "the corner was faint")
    det = f.detection()
    assert "left_armpit" not in det.anchors and "left_armpit" not in det.confidence
    note = det.review[0]
    assert note.subject == "left_armpit" and "has no left armpit dot" in note.reason
    assert "choose left armpit in the Add list" in note.fix


def test_placing_an_anchor_again_replaces_its_note():
    f = Findings()
    f.put("left_armpit", (10.0, 20.0), 0.2, "guessed")
    assert f.detection().review
    f.put("left_armpit", (11.0, 21.0), 0.8)  # found after all
    assert f.detection().review == ()


def test_a_missing_anchor_is_noted_with_how_to_add_it_and_is_not_written():
    f = Findings()
    f.missing("right_elbow", "could not follow the right sleeve, so the item has no right elbow")
    det = f.detection()
    assert "right_elbow" not in det.anchors
    assert "choose right elbow in the Add list" in det.review[0].fix


def test_confidences_are_clamped_to_0_1():
    f = Findings()
    f.put("hem", (1.0, 2.0), 1.7)
    f.put("neck", (1.0, 2.0), -0.3, "x", required=True)
    assert f.detection().confidence == {"hem": 1.0, "neck": 0.0}
