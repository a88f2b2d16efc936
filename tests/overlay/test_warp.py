"""Warping on synthetic bodies, where the right answer is known."""

import math

import cv2
import numpy as np
import pytest

from mirror_app.overlay import Category, Garment, OutfitRenderer, body_points
from mirror_app.overlay.rig import GarmentRig, Part
from mirror_app.tracking.landmarks import Landmark as L
from tests.synthetic import (
    BODY,
    FRAME_WH,
    body_anchored_top,
    body_mask,
    grid_texture,
    make_pose,
    outline_tee,
    transformed_pose,
)


def _render(garment, pose, frame_wh=FRAME_WH, occlusion=False):
    canvas = np.zeros((frame_wh[1], frame_wh[0], 3), np.uint8)
    drawn = OutfitRenderer().render(canvas, pose, [garment], occlusion=occlusion)
    return canvas, drawn


def test_whole_body_shift_moves_the_garment_by_the_same_amount():
    g = body_anchored_top(scale=0.5)
    base, _ = _render(g, make_pose())
    moved, _ = _render(g, transformed_pose(np.array([[1.0, 0, 37], [0, 1.0, -21]])))
    shifted = np.zeros_like(base)
    shifted[: 960 - 21 - 0, 37:] = base[21:, : 640 - 37]
    inner = cv2.erode((base.max(axis=2) > 0).astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    inner_shifted = np.zeros_like(inner)
    inner_shifted[: 960 - 21, 37:] = inner[21:, : 640 - 37]
    assert np.abs(moved.astype(int) - shifted.astype(int))[inner_shifted].mean() < 3.0


def _colour_mask(canvas):
    return canvas.max(axis=2) > 0


def test_raised_arm_carries_its_sleeve():
    g = outline_tee()
    # Left arm raised up and out: elbow above the shoulder, wrist higher still.
    raised = make_pose(
        {L.LEFT_ELBOW: (470, 160), L.LEFT_WRIST: (520, 70), L.LEFT_INDEX: (530, 45), L.LEFT_PINKY: (535, 50)}
    )
    canvas = np.zeros((FRAME_WH[1], FRAME_WH[0], 3), np.uint8)
    OutfitRenderer().render(canvas, raised, [g], person_mask=body_mask(raised), occlusion=False)
    covered = _colour_mask(canvas)
    # The sleeve now runs up along the upper arm…
    for t in np.linspace(0.15, 0.45, 4):
        x, y = np.array([390, 250]) * (1 - t) + np.array([470, 160]) * t
        assert covered[int(y), int(x)], f"no sleeve on the raised upper arm at {(x, y)}"
    # …and is gone from where the arm used to hang; the other sleeve still hangs.
    assert not covered[330, 425]
    assert covered[290, 232]


def test_turned_torso_narrows_the_garment():
    g = body_anchored_top(scale=0.5, sleeves=False)
    cx = 320.0
    squeeze = {
        k: (cx + (BODY[k][0] - cx) * 0.6, BODY[k][1])
        for k in (L.LEFT_SHOULDER, L.RIGHT_SHOULDER, L.LEFT_HIP, L.RIGHT_HIP)
    }
    front, _ = _render(g, make_pose())
    turned, _ = _render(g, make_pose(squeeze))

    def width(img, row):
        xs = np.nonzero(img[row].max(axis=1) > 0)[0]
        return xs.max() - xs.min()

    for row in (300, 400):
        assert width(turned, row) == pytest.approx(0.6 * width(front, row), rel=0.08)


def test_tilted_head_tilts_the_hat():
    h, w = 120, 240
    img = np.zeros((h, w, 4), np.uint8)
    img[20:100, 20:220] = (200, 30, 30, 255)
    hat = Garment(
        "hat", Category.HAT, img, {"left_temple": (200.0, 90.0), "right_temple": (40.0, 90.0), "crown": (120.0, 25.0)}
    )
    angle = math.radians(20)
    c, s = math.cos(angle), math.sin(angle)
    centre = np.array([320.0, 150.0])
    rot = {}
    for k in (
        L.NOSE,
        L.LEFT_EYE,
        L.RIGHT_EYE,
        L.LEFT_EYE_INNER,
        L.RIGHT_EYE_INNER,
        L.LEFT_EYE_OUTER,
        L.RIGHT_EYE_OUTER,
        L.LEFT_EAR,
        L.RIGHT_EAR,
        L.MOUTH_LEFT,
        L.MOUTH_RIGHT,
    ):
        p = np.array(BODY[k], dtype=float) - centre
        rot[k] = tuple(centre + np.array([c * p[0] - s * p[1], s * p[0] + c * p[1]]))
    upright, _ = _render(hat, make_pose())
    tilted, _ = _render(hat, make_pose(rot))

    def angle_of(img):
        """Orientation of the drawn shape's long axis, in degrees (image moments)."""
        m = cv2.moments((img.max(axis=2) > 0).astype(np.uint8), binaryImage=True)
        return math.degrees(0.5 * math.atan2(2 * m["mu11"], m["mu20"] - m["mu02"]))

    assert abs(angle_of(upright)) < 1.5
    assert angle_of(tilted) == pytest.approx(20, abs=2)
    # The hat sits on the head: above the eyes, centred on them.
    ys, xs = np.nonzero(upright.max(axis=2) > 0)
    assert ys.max() < 140 and abs(xs.mean() - 320) < 6


def _trousers() -> Garment:
    bp = body_points(make_pose(), FRAME_WH)
    names = ("left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle")
    img = grid_texture(960, 640)
    mask = np.zeros((960, 640), np.uint8)
    for side in ("left", "right"):
        leg = np.array([bp[f"{side}_hip"], bp[f"{side}_knee"], bp[f"{side}_ankle"]])
        cv2.polylines(mask, [leg.astype(np.int32)], False, 255, thickness=70)
    cv2.rectangle(mask, (250, 450), (390, 520), 255, -1)
    img[..., 3] = mask
    return Garment("jeans", Category.BOTTOM, img, {n: (float(bp[n][0]), float(bp[n][1])) for n in names})


def test_legs_out_of_frame_are_cut_at_the_edge_not_thrown_to_a_guess():
    jeans = _trousers()
    pose = make_pose()
    # Frame cut just below the knees; the model's guesses for the ankles are wild and unsure.
    xy = pose.xy.copy()
    vis = pose.visibility.copy()
    for k, wild in (
        (L.LEFT_ANKLE, (600, 700)),
        (L.RIGHT_ANKLE, (10, 690)),
        (L.LEFT_HEEL, (600, 720)),
        (L.RIGHT_HEEL, (10, 710)),
    ):
        xy[k] = wild
        vis[k] = 0.1
    from mirror_app.tracking.landmarks import Pose

    frame_wh = (640, 700)
    canvas, drawn = _render(jeans, Pose(xy, vis), frame_wh=frame_wh)
    covered = _colour_mask(canvas)
    assert drawn and drawn[0].bbox[3] == 700  # reaches the bottom edge…
    bottom_row = np.nonzero(covered[699])[0]
    # …straight below the knees, not flung sideways towards the wild guesses.
    assert bottom_row.min() > 200 and bottom_row.max() < 440


def test_rig_assigns_sleeves_and_torso():
    g = outline_tee()
    rig = GarmentRig.build(g)
    assert set(rig.parts) == {Part.TORSO, Part.LEFT_SLEEVE, Part.RIGHT_SLEEVE}
    pieces = {p.name: p for p in rig.pieces}
    assert set(pieces) == {"body", "left_arm", "right_arm"}
    for p in rig.pieces:
        np.testing.assert_allclose(p.weights.sum(axis=1), 1.0, atol=1e-6)
    torso = rig.parts.index(Part.TORSO)
    sleeve = rig.parts.index(Part.LEFT_SLEEVE)
    centre = np.argmin(np.linalg.norm(rig.vertices - np.array([260, 260]), axis=1))
    cuff = np.asarray(g.anchors["left_cuff"])
    sleeve_mid = np.argmin(np.linalg.norm(rig.vertices - (cuff + np.array([-30, -25])), axis=1))
    assert pieces["body"].weights[centre, torso] > 0.9
    assert pieces["left_arm"].weights[sleeve_mid, sleeve] > 0.5
    # Sleeve pixels belong to the arm pieces only (the body piece's mask stops at the armhole).
    x, y = (int(v) for v in cuff + np.array([-10, -10]))
    assert pieces["left_arm"].mask[y, x] == 255 and pieces["body"].mask[y, x] == 0


def test_fully_transparent_item_is_refused():
    g = Garment(
        "empty", Category.HAT, np.zeros((10, 10, 4), np.uint8), {"left_temple": (8.0, 5.0), "right_temple": (2.0, 5.0)}
    )
    with pytest.raises(ValueError, match="transparent"):
        GarmentRig.build(g)


def test_garment_partly_outside_the_frame_is_clipped():
    g = body_anchored_top(scale=0.5)
    canvas, drawn = _render(g, transformed_pose(np.array([[1.0, 0, 300], [0, 1.0, 0]])))
    assert drawn and drawn[0].bbox[2] == 640


def test_knees_guessed_above_the_hips_are_not_believed():
    from mirror_app.overlay.body_points import body_points

    # The model sometimes "sees" knees (visibility just over 0.5) where there are none.
    pose = make_pose({L.LEFT_KNEE: (560, 430), L.RIGHT_KNEE: (80, 420)})
    bp = body_points(pose, FRAME_WH)
    assert "left_knee" not in bp.reliable and "right_knee" not in bp.reliable
    assert bp["left_knee"][1] > bp["left_hip"][1] + 100 and bp["right_knee"][1] > bp["right_hip"][1] + 100
    # A real raised knee (below the hip, bent forward) is kept.
    bp = body_points(make_pose({L.LEFT_KNEE: (380, 600)}), FRAME_WH)
    assert "left_knee" in bp.reliable


def test_a_dress_on_legs_swapped_above_the_hips_is_never_drawn_over_the_head():
    from mirror_app.overlay.body_outline import body_outline
    from mirror_app.overlay.body_points import BodyPoints, body_points

    g = body_anchored_top(scale=0.5, sleeves=False)
    dress = Garment(
        "dress", Category.DRESS, g.rgba, {**g.anchors, "left_knee": (185.0, 330.0), "right_knee": (135.0, 330.0)}
    )
    bp = body_points(make_pose(), FRAME_WH)
    pts = dict(bp.points)
    pts["left_knee"], pts["right_knee"] = pts["right_hip"] + (0, -150), pts["left_hip"] + (0, -150)  # swapped and above
    body = BodyPoints(pts, bp.reliable, bp.scale)
    warped = OutfitRenderer().warp(dress, body, body_outline(body, FRAME_WH), FRAME_WH)
    assert warped
    top = min(layer.y0 for layer in warped)
    assert top >= 200  # nothing flipped up over the head (the collar sits at y ≈ 210)


def test_lattice_rasteriser_marks_the_samples_inside_each_triangle():
    from mirror_app.overlay.warp import rasterise_ids

    tris = np.array([[[0, 0], [4, 0], [0, 4]], [[1, 1], [3, 1], [1, 3]]], dtype=float)
    ids = rasterise_ids(tris, (6, 6))
    # Sample (x, y) is inside the first triangle when x + y <= 4; the second (drawn later) wins
    # where they overlap: x, y >= 1 and x + y <= 4.
    for y in range(6):
        for x in range(6):
            want = 2 if (x >= 1 and y >= 1 and x + y <= 4) else (1 if x + y <= 4 else 0)
            assert ids[y, x] == want, (x, y)


def test_rigid_items_are_one_affine_warp():
    from mirror_app.overlay.affine import fit_similarity
    from mirror_app.overlay.rig import GarmentRig
    from mirror_app.overlay.warp import warp_rigid

    img = grid_texture(60, 100)
    g = Garment("glasses", Category.GLASSES, img, {"left_eye": (80.0, 30.0), "right_eye": (20.0, 30.0)})
    rig = GarmentRig.build(g)
    m = fit_similarity(np.array([[80.0, 30.0], [20.0, 30.0]]), np.array([[400.0, 200.0], [280.0, 200.0]]))
    (layer,) = warp_rigid(rig, m, FRAME_WH)
    expected = cv2.warpAffine(g.premultiplied_levels[0], m, FRAME_WH, flags=cv2.INTER_LINEAR)
    x0, y0, x1, y1 = layer.bbox
    diff = np.abs(layer.patch.astype(int) - expected[y0:y1, x0:x1].astype(int))
    assert diff.mean() < 1.0 and (x1 - x0) == pytest.approx(200, abs=3)


def test_still_body_reuses_the_last_warp_and_a_move_redraws():
    from mirror_app.overlay.body_outline import body_outline
    from mirror_app.overlay.body_points import body_points

    g = outline_tee()
    r = OutfitRenderer()

    def warp(pose):
        body = body_points(pose, FRAME_WH)
        return r.warp(g, body, body_outline(body, FRAME_WH), FRAME_WH)

    first = warp(make_pose())
    pieces = len(first)
    again = warp(make_pose({L.NOSE: (320.1, 150.1)}))
    assert all(a is b for a, b in zip(again, first, strict=True)) and r.reused == pieces
    # Only the left arm moved: its sleeve (and the body, sewn to it at the armhole) are redrawn;
    # the right sleeve is reused.
    partly = warp(make_pose({L.LEFT_ELBOW: (470, 300), L.LEFT_WRIST: (520, 230)}))
    reused = [a is b for a, b in zip(partly, first, strict=True)]
    assert reused == [False, False, True]  # pieces in order: body, left arm, right arm
    moved = warp(transformed_pose(np.array([[1.0, 0, 2.0], [0, 1.0, 0]])))
    assert not any(a is b for a, b in zip(moved, first, strict=True)) and moved[0].x0 == first[0].x0 + 2


def test_renderer_keeps_only_recent_rigs():
    r = OutfitRenderer()
    r.MAX_RIGS = 3
    tops = [body_anchored_top(0.5) for _ in range(5)]
    for g in tops:
        r.rig(g)
    assert len(r._rigs) == 3 and id(tops[-1]) in r._rigs and id(tops[0]) not in r._rigs
