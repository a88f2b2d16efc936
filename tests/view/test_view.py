import numpy as np
import pytest

from mirror_app.capture.orientation import rotate_frame
from mirror_app.domain import Category
from mirror_app.tracking.landmarks import Landmark as L
from mirror_app.view.framing import Framing, assess_framing
from mirror_app.view.transform import ViewTransform
from tests.synthetic import make_pose, transformed_pose


@pytest.mark.parametrize("mirror", [True, False])
@pytest.mark.parametrize(
    ("frame_wh", "screen_wh"), [((1280, 720), (540, 960)), ((720, 960), (1080, 1920)), ((640, 480), (640, 480))]
)
def test_a_marked_frame_pixel_lands_where_to_screen_says(frame_wh, screen_wh, mirror):
    fw, fh = frame_wh
    frame = np.zeros((fh, fw, 3), np.uint8)
    px, py = fw // 2 + fw // 10, fh // 2 - fh // 8
    frame[py - 3 : py + 4, px - 3 : px + 4] = 255
    view = ViewTransform(frame_wh, screen_wh, mirror=mirror)
    out = view.render(frame)
    assert out.shape == (screen_wh[1], screen_wh[0], 3)
    ys, xs = np.nonzero(out[..., 0] > 128)
    sx, sy = view.to_screen([(px, py)])[0]
    assert abs(xs.mean() - sx) < 2 + view.scale and abs(ys.mean() - sy) < 2 + view.scale


def test_mirror_puts_the_shoppers_right_hand_on_the_screens_right():
    view = ViewTransform((640, 480), (640, 480), mirror=True)
    # In the camera picture the person's right hand is on the image left.
    assert view.to_screen([(100, 240)])[0][0] > 320


def test_rotation():
    img = np.arange(6, dtype=np.uint8).reshape(2, 3, 1).repeat(3, axis=2)
    assert rotate_frame(img, 90).shape == (3, 2, 3)
    assert rotate_frame(img, 90)[0, 0, 0] == img[1, 0, 0]  # clockwise: bottom-left goes to top-left
    assert rotate_frame(img, 0) is img
    with pytest.raises(ValueError, match="expected rotation"):
        rotate_frame(img, 45)


def test_framing_hints():
    assert assess_framing(None, (640, 960)) is Framing.NOBODY
    assert assess_framing(make_pose(), (640, 960)) is Framing.OK
    close = transformed_pose(np.array([[3.0, 0, -640], [0, 3.0, -500]]))  # shoulders span 66 % of 640 px
    assert assess_framing(close, (640, 960)) is Framing.TOO_CLOSE
    cut = make_pose({L.LEFT_SHOULDER: (390, -80), L.RIGHT_SHOULDER: (250, -80)})
    assert assess_framing(cut, (640, 960)) is Framing.SHOW_SHOULDERS
    # Legs out of view matter only when something is worn on them.
    legs_out = make_pose({L.LEFT_KNEE: (370, 1200), L.RIGHT_KNEE: (270, 1200)})
    assert assess_framing(legs_out, (640, 960), [Category.TOP]) is Framing.OK
    assert assess_framing(legs_out, (640, 960), [Category.BOTTOM]) is Framing.SHOW_LEGS


def test_split_view_shows_the_body_twice_and_maps_hands_to_both_halves():
    from mirror_app.view.transform import SplitView

    frame = np.zeros((960, 720, 3), np.uint8)
    frame[400:420, 350:370] = 255  # a mark on the body, near its centre (x = 360)
    view = SplitView((720, 960), (1080, 1920), center_x=360.0, mirror=True)
    out = view.render(frame, frame)
    assert out.shape == (1920, 1080, 3)
    left, right = out[:, :540, 0], out[:, 540:, 0]
    assert left.max() == 255 and right.max() == 255
    for i, half in enumerate((left, right)):
        ys, xs = np.nonzero(half > 128)
        sx, sy = view.to_screen(i, [(360, 410)])[0]
        assert abs(xs.mean() + i * 540 - sx) < 4 and abs(ys.mean() - sy) < 4


def test_the_compare_crops_centre_on_the_torso_and_on_the_frame_when_nobody_is_there():
    from mirror_app.view.transform import SplitView, screen_copies

    view = ViewTransform((640, 960), (640, 960), mirror=False)  # each half: a 320 px wide crop, scale 1
    shifted = transformed_pose(np.array([[1.0, 0.0, 100.0], [0.0, 1.0, 0.0]]))  # standing 100 px right
    split = SplitView.around(shifted, view)
    assert split.center_x == pytest.approx(320 + 100)  # shoulders and hips of make_pose average 320
    # the torso's middle is in the middle of both halves of the screen
    (left,), (right,) = screen_copies(split, [(420, 480)])
    assert left == pytest.approx((160, 480)) and right == pytest.approx((480, 480))
    assert SplitView.around(None, view).center_x == 320
    assert [c.tolist() for c in screen_copies(view, [(10, 20)])] == [[[10.0, 20.0]]]  # one copy, unchanged
