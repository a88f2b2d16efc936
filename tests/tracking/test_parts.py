"""The tracker's pure parts, without the model: crop, mask paste, plausibility, identity gates,
appearance, steady smoothing."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from mirror_app.tracking.appearance import similarity, torso_signature
from mirror_app.tracking.crop import Box, CropView, FollowCrop, cut, isolate, padded
from mirror_app.tracking.follower import is_seeded_person, same_body
from mirror_app.tracking.landmarks import Landmark as L
from mirror_app.tracking.landmarks import Pose
from mirror_app.tracking.plausibility import PoseProblem, pose_problem
from mirror_app.tracking.steady import SteadyFilter
from tests.synthetic import BODY, FRAME_WH, make_pose, transformed_pose


def _moved(pose: Pose, dx: float, dy: float = 0.0) -> Pose:
    return Pose(pose.xy + np.array([dx, dy], np.float32), pose.visibility, pose.world_xyz)


# -- crop --------------------------------------------------------------------------------------


def test_crop_holds_the_whole_body_and_stays_put_while_the_body_sways():
    crop = FollowCrop()
    pose = transformed_pose(np.array([[0.4, 0, 150], [0, 0.4, 250]]))  # a body a third of the frame tall
    box = crop.update(pose, FRAME_WH)
    x0, y0, x1, y1 = pose.bbox()
    assert box.x0 <= x0 and box.x1 >= x1 and box.y0 <= y0 - 20 and box.y1 >= y1
    assert box.w < FRAME_WH[0] and box.h < FRAME_WH[1]
    for dx in (3, -4, 6, -8, 5):  # a few pixels of sway: the model's picture must not move
        assert crop.update(_moved(pose, dx), FRAME_WH) == box
    assert crop.moves == 1
    far = crop.update(_moved(pose, 60), FRAME_WH)  # a step to the side: now it follows
    assert far != box and crop.moves == 2 and far.x0 > box.x0


def test_crop_grows_when_the_shopper_steps_closer_and_never_leaves_the_frame():
    crop = FollowCrop()
    near = transformed_pose(np.array([[0.6, 0, 130], [0, 0.6, 200]]))
    box = crop.update(transformed_pose(np.array([[0.4, 0, 150], [0, 0.4, 250]])), FRAME_WH)
    closer = crop.update(near, FRAME_WH)
    assert closer.w * closer.h > box.w * box.h
    for b in (box, closer):
        assert 0 <= b.x0 < b.x1 <= FRAME_WH[0] and 0 <= b.y0 < b.y1 <= FRAME_WH[1]


def test_crop_coordinates_and_mask_map_back_to_the_whole_frame():
    rng = np.random.default_rng(0)
    frame = rng.integers(0, 255, (960, 640, 3), np.uint8)
    view = cut(frame, Box(100, 200, 500, 900), long_side=350)  # scaled down 2×
    assert view.rgb.shape == (350, 200, 3) and view.scale == pytest.approx(0.5)
    pts = np.array([[0, 0], [199.5, 349.5], [50, 60]], np.float32)
    np.testing.assert_allclose(view.to_frame(pts), [[100, 200], [499, 899], [200, 320]])
    mask = np.ones((350, 200), np.float32)
    full = view.mask_to_frame(mask, (640, 960))
    # The whole frame, with its aspect, at the crop's scale; the shopper's crop only.
    assert full.shape == (480, 320) and full.dtype == np.float32
    assert full[100:450, 50:250].min() == 1.0 and full.sum() == mask.sum()


def test_padded_crop_reaches_past_the_frame_edge_with_grey():
    frame = np.full((100, 100, 3), 200, np.uint8)
    view = padded(frame, Box(0, 0, 100, 100), pad_frac=0.25, long_side=1000)
    assert view.rgb.shape == (150, 150, 3)
    assert (view.rgb[:25] == 127).all() and (view.rgb[25:125, 25:125] == 200).all()
    np.testing.assert_allclose(view.to_frame(np.array([[25, 25]], np.float32)), [[0, 0]])
    mask = view.mask_to_frame(np.ones((150, 150), np.float32), (100, 100))
    assert mask.shape == (100, 100) and mask.min() == 1.0


def test_isolated_picture_shows_only_the_seeded_person():
    frame = np.full((960, 640, 3), 200, np.uint8)
    view = CropView(frame, Box(0, 0, 640, 960), 1.0)
    shown = isolate(view, make_pose())
    assert (shown[480, 320] == 200).all()  # the body
    assert (shown[480, 20] == 127).all() and (shown[940, 620] == 127).all()  # away from it: grey


# -- plausibility ------------------------------------------------------------------------------


def test_a_real_body_is_plausible_also_turned_and_bending():
    assert pose_problem(make_pose()) is None
    turned = transformed_pose(np.array([[0.35, 0, 200], [0, 1.0, 0]]))  # seen side-on: all narrow
    assert pose_problem(turned) is None
    arm_up = make_pose({L.LEFT_ELBOW: (420, 150), L.LEFT_WRIST: (430, 40)})
    assert pose_problem(arm_up) is None


def test_collapsed_shoulders_are_not_believed():
    both = (320.0, 250.0)
    collapsed = make_pose({L.LEFT_SHOULDER: both, L.RIGHT_SHOULDER: (322.0, 251.0)})
    assert pose_problem(collapsed) is PoseProblem.COLLAPSED_SHOULDERS
    upper_body_only = make_pose(
        {L.LEFT_SHOULDER: both, L.RIGHT_SHOULDER: (321.0, 250.0)}
    )  # hips out of view: the ears still say how wide the shoulders must be
    vis = upper_body_only.visibility.copy()
    vis[[L.LEFT_HIP, L.RIGHT_HIP, L.LEFT_KNEE, L.RIGHT_KNEE, L.LEFT_ANKLE, L.RIGHT_ANKLE]] = 0.1
    assert pose_problem(Pose(upper_body_only.xy, vis)) is PoseProblem.COLLAPSED_SHOULDERS


def test_side_on_in_3d_is_not_a_collapse():
    narrow = make_pose({L.LEFT_SHOULDER: (322.0, 250.0), L.RIGHT_SHOULDER: (318.0, 250.0)})
    world = np.zeros((33, 3), np.float32)
    world[L.LEFT_SHOULDER], world[L.RIGHT_SHOULDER] = (0.02, -0.5, 0.17), (-0.01, -0.5, -0.16)
    assert pose_problem(Pose(narrow.xy, narrow.visibility, world)) is None


def test_twisted_torso_and_overlong_limbs_are_not_believed():
    swapped = make_pose({L.LEFT_HIP: BODY[L.RIGHT_HIP], L.RIGHT_HIP: BODY[L.LEFT_HIP]})
    assert pose_problem(swapped) is PoseProblem.TWISTED_TORSO
    long_arm = make_pose({L.LEFT_ELBOW: (700, 250)})  # elbow 310 px from the shoulder, torso 230
    assert pose_problem(long_arm) is PoseProblem.OVERLONG_LIMB
    squashed = make_pose({L.LEFT_HIP: (390, 262), L.RIGHT_HIP: (250, 262)})
    assert pose_problem(squashed) is PoseProblem.COLLAPSED_TORSO


# -- identity ----------------------------------------------------------------------------------


def test_same_body_allows_motion_but_not_a_jump_to_someone_else():
    pose = make_pose()
    assert same_body(pose, _moved(pose, 15))  # walking: ~0.1 body scales a frame
    assert not same_body(pose, _moved(pose, 160))  # a person beside them
    bigger = transformed_pose(np.array([[1.5, 0, -160], [0, 1.5, -240]]))
    assert not same_body(pose, bigger)  # someone much closer, in front
    assert same_body(pose, _moved(pose, 90), frames_apart=5)  # found again after a few frames


def test_the_first_pose_after_a_seed_must_be_nearer_the_seeded_person_than_the_others():
    seed = make_pose()
    neighbour = _moved(seed, 150)
    assert is_seeded_person(seed, _moved(seed, 40), (neighbour,))
    assert not is_seeded_person(seed, _moved(seed, 120), (neighbour,))  # that is the neighbour
    assert is_seeded_person(seed, _moved(seed, 120), ())  # nobody else around: the coarse seed moved


def _dressed(top: tuple[int, int, int], bottom: tuple[int, int, int] = (40, 40, 40)) -> np.ndarray:
    w, h = FRAME_WH
    frame = np.full((h, w, 3), 150, np.uint8)
    frame[230:490, 230:410] = top
    frame[490:860, 250:390] = bottom
    return frame


def test_torso_colours_tell_people_apart_and_not_the_same_person():
    pose = make_pose()
    red = torso_signature(_dressed((200, 30, 30)), pose)
    red_dimmer = torso_signature(_dressed((170, 25, 25)), pose)
    white = torso_signature(_dressed((235, 235, 235)), pose)
    plaid = _dressed((30, 40, 120))
    plaid[230:490:20, 230:410] = (220, 220, 60)
    assert red is not None and red_dimmer is not None and white is not None
    assert similarity(red, red) == pytest.approx(1.0)
    assert similarity(red, red_dimmer) > 0.85
    assert similarity(red, white) < 0.5
    assert similarity(red, torso_signature(plaid, pose)) < 0.5
    off_frame = _moved(pose, 2000)
    assert torso_signature(_dressed((200, 30, 30)), off_frame) is None


# -- steady smoothing --------------------------------------------------------------------------


def _textured(shift: tuple[float, float] = (0.0, 0.0), seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(3)
    base = cv2.GaussianBlur(rng.integers(0, 255, (960, 640), np.uint8), (0, 0), 2)
    m = np.array([[1, 0, shift[0]], [0, 1, shift[1]]], np.float32)
    moved = cv2.warpAffine(base, m, (640, 960), borderMode=cv2.BORDER_REFLECT)
    noise = np.random.default_rng(seed).normal(0, 2, moved.shape)
    grey = np.clip(moved + noise, 0, 255).astype(np.uint8)
    return np.dstack([grey, grey, grey])


def test_still_picture_holds_the_landmarks_through_model_wander():
    """The model wanders ±3 px on a picture that does not move: the output stays within 0.5 px."""
    filt = SteadyFilter()
    base = make_pose()
    out = []
    for i in range(90):
        wander = 3.0 * np.sin(i / 4.0)  # slow, about one period a second, like MediaPipe's
        out.append(filt(_moved(base, wander, 0.5 * wander), _textured(seed=i), i * 33).xy)
    held = np.array(out)[20:]
    rms = np.sqrt(((held - held.mean(axis=0)) ** 2).sum(axis=2).mean())
    assert rms < 0.5


def test_moving_picture_is_followed_without_lag():
    """The picture and the model's landmarks move together by 1.5 px a frame: the output keeps up."""
    filt = SteadyFilter()
    base = make_pose()
    errors = []
    for i in range(40):
        dx = 1.5 * i
        out = filt(_moved(base, dx), _textured((dx, 0.0), seed=i), i * 33)
        errors.append(float(np.abs(out.xy[:, 0] - (base.xy[:, 0] + dx)).mean()))
    assert max(errors[5:]) < 1.0
