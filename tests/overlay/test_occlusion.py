"""Only a forearm or hand in front of the body occludes the garment, cut to the shopper's skin."""

from __future__ import annotations

import numpy as np

from mirror_app.overlay import OutfitRenderer
from mirror_app.overlay.body_outline import body_outline
from mirror_app.overlay.body_points import body_points
from mirror_app.overlay.occlusion import arm_occluder, crossing_arms
from mirror_app.overlay.outfit import composite_outfit
from mirror_app.tracking.landmarks import Landmark as L
from tests.synthetic import FRAME_WH, body_mask, make_pose, outline_tee

SKIN = (205, 150, 120)
SHIRT = (40, 170, 60)


def _scene(pose, forearm_skin=True):
    """A frame: a face and bare arms of one skin colour, a green shirt, a grey backdrop."""
    frame = np.full((FRAME_WH[1], FRAME_WH[0], 3), 90, np.uint8)
    mask = body_mask(pose)
    frame[mask > 0] = SHIRT
    xy = pose.xy
    import cv2

    cv2.circle(frame, tuple(int(v) for v in xy[L.NOSE]), 60, SKIN, -1)
    if forearm_skin:
        for e, w, i in ((L.LEFT_ELBOW, L.LEFT_WRIST, L.LEFT_INDEX), (L.RIGHT_ELBOW, L.RIGHT_WRIST, L.RIGHT_INDEX)):
            cv2.line(frame, tuple(int(v) for v in xy[e]), tuple(int(v) for v in xy[w]), SKIN, 26)
            cv2.line(frame, tuple(int(v) for v in xy[w]), tuple(int(v) for v in xy[i]), SKIN, 30)
    return frame, mask


CROSSED = {L.LEFT_ELBOW: (425, 360), L.LEFT_WRIST: (300, 390), L.LEFT_INDEX: (262, 392), L.LEFT_PINKY: (265, 400)}


def test_hanging_arms_do_not_occlude():
    pose = make_pose()
    frame, mask = _scene(pose)
    body = body_points(pose, FRAME_WH)
    outline = body_outline(body, FRAME_WH, mask)
    assert crossing_arms(pose, body, outline) == []
    assert arm_occluder(pose, body, outline, frame) is None


def test_a_forearm_across_the_body_stays_in_front_cut_along_its_skin():
    pose = make_pose(CROSSED)
    frame, mask = _scene(pose)
    renderer = OutfitRenderer()
    prepared = renderer.prepare(pose, [outline_tee()], FRAME_WH, person_mask=mask, frame_rgb=frame)
    canvas = frame.copy()
    composite_outfit(canvas, prepared, person_mask=mask, light=False)
    # On the forearm (skin, in front of the shirt) the frame is untouched…
    for t in (0.3, 0.6, 0.9):
        x, y = (np.array(CROSSED[L.LEFT_ELBOW]) * (1 - t) + np.array(CROSSED[L.LEFT_WRIST]) * t).astype(int)
        if prepared.alpha()[y, x] > 0.9:
            assert np.abs(canvas[y, x].astype(int) - SKIN).max() <= 2, (t, canvas[y, x])
    # …and a few pixels off the arm's edge the garment is drawn: the cut is crisp.
    x, y = 360, 375 + 26
    assert np.abs(canvas[y, x].astype(int) - frame[y, x]).max() > 30


def test_an_occluder_never_shows_the_shoppers_other_clothes():
    # A hand on the belly over the shirt, but the arm is covered (no skin): nothing may be cut.
    pose = make_pose(CROSSED)
    frame, mask = _scene(pose, forearm_skin=False)
    body = body_points(pose, FRAME_WH)
    outline = body_outline(body, FRAME_WH, mask)
    occ = arm_occluder(pose, body, outline, frame)
    assert occ is None or occ.mask.max() == 0


def test_no_face_to_sample_means_no_occluder():
    pose = make_pose(CROSSED, visibility=1.0)
    pose.visibility[[L.NOSE, L.LEFT_EYE, L.RIGHT_EYE]] = 0.1
    frame, mask = _scene(pose)
    body = body_points(pose, FRAME_WH)
    assert arm_occluder(pose, body, body_outline(body, FRAME_WH, mask), frame) is None
