"""Hands as pointers: palm points worked out by hand, then onto the screen, whole or split."""

from __future__ import annotations

import numpy as np
import pytest

from mirror_app.tracking.landmarks import Landmark as L
from mirror_app.view.pointer import hands_on_screen, palm_points
from mirror_app.view.transform import SplitView, ViewTransform, body_centre_x
from tests.synthetic import make_pose


def raised(visibility_left: float = 1.0):
    pose = make_pose(
        {
            L.RIGHT_WRIST: (100, 200),
            L.RIGHT_INDEX: (100, 150),
            L.RIGHT_PINKY: (120, 150),  # knuckles at (110, 150): palm = wrist + 0.8·(10, -50)
            L.LEFT_WRIST: (500, 300),
            L.LEFT_INDEX: (500, 300),
            L.LEFT_PINKY: (500, 300),
        }
    )
    pose.visibility[L.LEFT_WRIST] = visibility_left
    return pose


def test_the_palm_is_most_of_the_way_from_the_wrist_to_the_knuckles():
    palms = palm_points(raised())
    assert palms.shape == (2, 2)
    assert np.allclose(palms, [[500.0, 300.0], [108.0, 160.0]])  # left hand first


def test_a_hand_not_seen_points_nowhere():
    assert np.allclose(palm_points(raised(visibility_left=0.2)), [[108.0, 160.0]])
    assert hands_on_screen(None, ViewTransform((640, 960), (640, 960))) == ()


def test_mirrored_and_scaled_onto_the_screen():
    view = ViewTransform((640, 480), (320, 240), mirror=True)  # half size, mirrored
    (p,) = [xy for xy in hands_on_screen(raised(0.0), view)]
    assert p == pytest.approx(((639 - 108) / 2, 160 / 2))


def test_in_compare_each_hand_points_from_both_copies():
    pose = raised()
    split = SplitView((640, 960), (640, 960), body_centre_x(pose), mirror=False)
    points = hands_on_screen(pose, split)
    assert len(points) == 4
    left_copy, right_copy = points[:2], points[2:]
    assert all(
        a[0] + 320 == pytest.approx(b[0]) and a[1] == pytest.approx(b[1])
        for a, b in zip(left_copy, right_copy, strict=True)
    )


def test_the_body_centre_is_the_middle_of_shoulders_and_hips():
    assert body_centre_x(make_pose()) == pytest.approx((390 + 250 + 365 + 275) / 4)
