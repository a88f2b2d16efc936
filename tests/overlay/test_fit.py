"""The rig lays a garment's outline marks on the body's outline: checked on a synthetic body
whose mask (and so whose outline) is known exactly."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from mirror_app.domain import Category
from mirror_app.overlay import Garment, OutfitRenderer
from mirror_app.overlay.body_outline import body_outline, typical_outline
from mirror_app.overlay.body_points import body_points
from mirror_app.overlay.garment_shape import upper_shape
from mirror_app.overlay.wear_check import body_regions, wear_report
from mirror_app.tracking.landmarks import Landmark as L
from tests.synthetic import FRAME_WH, body_mask, make_pose, outline_tee


def _prepared(garment, pose=None, mask=None):
    pose = pose or make_pose()
    mask = body_mask(pose) if mask is None else mask
    return OutfitRenderer().prepare(pose, [garment], FRAME_WH, person_mask=mask), pose, mask


def test_outline_is_read_from_the_mask_not_the_joints():
    pose = make_pose()
    mask = body_mask(pose)
    o = body_outline(body_points(pose, FRAME_WH), FRAME_WH, mask)
    assert o.measured
    # The synthetic torso is 0.12 spans wider than the joints at the shoulders' top (y = 250 - 22).
    top_l, top_r = o.to_frame(np.array([o.shoulder_top[0], o.shoulder_top[1]]))
    assert top_l[1] == pytest.approx(250 - 0.16 * 140, abs=4) and top_r[1] == pytest.approx(250 - 0.16 * 140, abs=4)
    # The neck is 0.4 spans wide: its base points sit on its sides.
    nl, nr = o.to_frame(np.array([o.neck[0], o.neck[1]]))
    assert nl[0] - nr[0] == pytest.approx(0.4 * 140, abs=8)
    # Sides at the waist: inside the joints' span plus the drawn margin, never the arms' outside.
    left = o.to_frame(np.array([[o.side_x(200.0, True), 200.0]]))[0]
    assert 390 <= left[0] <= 412


def test_without_a_mask_the_outline_is_typical():
    body = body_points(make_pose(), FRAME_WH)
    assert not body_outline(body, FRAME_WH, None).measured
    assert body_outline(body, FRAME_WH, np.zeros((96, 64), np.float32)).measured is False
    typical = typical_outline(body, FRAME_WH)
    assert typical.left.x[0] > 0 > typical.right.x[0]


def test_collar_seams_and_sides_land_on_the_outline():
    g = outline_tee()
    prepared, pose, mask = _prepared(g)
    alpha = prepared.alpha()
    regions = body_regions(pose, mask, FRAME_WH)
    report = wear_report(regions, alpha, Category.TOP, g.fit)
    assert report.torso_covered is not None and report.torso_covered > 0.96
    assert report.spill < 0.02
    assert report.top_offset is not None and report.top_offset < 0.02
    # The garment's top at the neck's side is at the neck's base, not at the joints' line below.
    o = prepared.outline
    base = o.to_frame(np.array([o.neck[0]]))[0]
    col = alpha[:, int(base[0]) + 4] > 0.5
    assert abs(np.argmax(col) - base[1]) < 6


def test_hanging_arms_are_inside_their_sleeves():
    g = outline_tee()
    prepared, pose, _ = _prepared(g)
    alpha = prepared.alpha()
    for s, e in ((L.LEFT_SHOULDER, L.LEFT_ELBOW), (L.RIGHT_SHOULDER, L.RIGHT_ELBOW)):
        a, b = pose.xy[s], pose.xy[e]
        for t in (0.2, 0.4, 0.55):
            x, y = a + (b - a) * t
            assert alpha[int(y), int(x)] > 0.9, f"the arm is not inside its sleeve at {t:.0%} of the upper arm"
    # The sleeve hangs: nothing sticks out sideways beyond the arm like a wing.
    ys, xs = np.nonzero(alpha > 0.5)
    assert xs.min() > pose.xy[L.RIGHT_ELBOW, 0] - 40 and xs.max() < pose.xy[L.LEFT_ELBOW, 0] + 40


def test_a_v1_item_without_outline_marks_fits_like_its_v2_twin():
    v2 = outline_tee()
    marks = ("collar", "shoulder_seam", "armpit", "cuff")
    v1 = Garment(
        "v1-tee",
        Category.TOP,
        v2.rgba,
        {k: v for k, v in v2.anchors.items() if not any(k.endswith(m) for m in marks) and k != "hem"}
        | {"left_elbow": (450.0, 260.0), "right_elbow": (70.0, 260.0)},
    )
    shape1, shape2 = upper_shape(v1), upper_shape(v2)
    for a, b in zip(shape1.seam + shape1.collar, shape2.seam + shape2.collar, strict=True):
        assert np.linalg.norm(a - b) < 0.06 * shape2.span
    a1, a2 = _prepared(v1)[0].alpha() > 0.5, _prepared(v2)[0].alpha() > 0.5
    assert (a1 & a2).sum() / (a1 | a2).sum() > 0.9


def test_length_comes_from_the_garment_and_a_hem_stops_above_the_feet():
    tee = outline_tee()
    rgba = np.zeros((1400, 520, 4), np.uint8)
    rgba[:520] = tee.rgba
    rgba[400:1380, 110:410] = rgba[300:301, 110:410]  # a maxi dress: the body runs down 1400 px
    dress = Garment("maxi", Category.DRESS, rgba, {**tee.anchors, "hem": (260.0, 1380.0)})
    short, pose, mask = _prepared(tee)
    long_, _, _ = _prepared(dress, pose, mask)
    ankles = max(pose.xy[L.LEFT_ANKLE, 1], pose.xy[L.RIGHT_ANKLE, 1])
    bottom_short = np.nonzero((short.alpha() > 0.5).any(axis=1))[0].max()
    bottom_long = np.nonzero((long_.alpha() > 0.5).any(axis=1))[0].max()
    # The tee ends near the hips (its own proportions), the maxi dress just above the ankles.
    assert abs(bottom_short - pose.xy[L.LEFT_HIP, 1]) < 60
    assert ankles - 30 < bottom_long <= ankles


def test_seams_between_pieces_leave_no_gap():
    g = outline_tee()
    prepared, _, _ = _prepared(g)
    alpha = prepared.alpha()
    solid = cv2.erode((alpha > 0.5).astype(np.uint8), np.ones((7, 7), np.uint8)) > 0
    assert solid.sum() > 20000
    assert alpha[solid].min() > 0.97, "a seam between the body and a sleeve lets the background through"


def test_a_still_shopper_keeps_the_garment_steady_while_the_mask_shimmers():
    """Masks flicker by a pixel at their edges from frame to frame: a still body's garment must not."""
    g = outline_tee()
    pose = make_pose()
    mask = body_mask(pose)
    renderer = OutfitRenderer()
    first = renderer.prepare(pose, [g], FRAME_WH, person_mask=mask)
    shimmer = cv2.dilate(mask, np.ones((3, 3), np.uint8))  # every edge one pixel out
    second = renderer.prepare(pose, [g], FRAME_WH, person_mask=shimmer)
    assert second.outline is first.outline
    assert all(
        a is b
        for (_i, la), (_j, lb) in zip(first.items, second.items, strict=True)
        for a, b in zip(la, lb, strict=True)
    )
    # A real move is followed at once.
    moved = renderer.prepare(
        make_pose({L.LEFT_ELBOW: (470, 300), L.LEFT_WRIST: (520, 230)}), [g], FRAME_WH, person_mask=mask
    )
    assert moved.outline is not first.outline


def test_a_cut_outs_pale_fringe_is_not_drawn():
    """Defect 8: semi-transparent edge pixels of a cut-out carry the photo's white backdrop."""
    g = outline_tee(colour=(30, 60, 160))
    rgba = g.rgba.copy()
    alpha = rgba[..., 3].astype(np.float32)
    edge = cv2.dilate((alpha > 0).astype(np.uint8), np.ones((5, 5), np.uint8)) & ~cv2.erode(
        (alpha > 0).astype(np.uint8), np.ones((5, 5), np.uint8)
    )
    rgba[edge > 0, :3] = 245  # the backdrop bled into the edge
    rgba[edge > 0, 3] = np.where(alpha[edge > 0] > 0, 140, 90)
    fringed = Garment("fringed", Category.TOP, rgba, g.anchors)
    level = fringed.premultiplied_levels[0]
    soft = (level[..., 3] > 0) & (level[..., 3] < 250)
    straight = level[soft, :3].astype(np.float64) / (level[soft, 3:4].astype(np.float64) / 255.0)
    assert np.median(straight[:, 2]) > 120 and np.median(straight[:, 0]) < 80, "the edge is still the backdrop's white"
