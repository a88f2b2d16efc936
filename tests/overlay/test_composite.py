import numpy as np
import pytest

from mirror_app.overlay.composite import composite_premultiplied


def _patch(rgb, alpha):
    """A 1×N premultiplied patch from straight colours."""
    rgb = np.array(rgb, dtype=np.float64)
    a = np.array(alpha, dtype=np.float64)[:, None]
    pm = np.round(rgb * a / 255)
    return np.concatenate([pm, a], axis=1).astype(np.uint8)[None]


def test_alpha_blend_matches_hand_computed_values():
    canvas = np.full((1, 3, 3), 100, np.uint8)
    patch = _patch([[200, 0, 50]] * 3, [0, 128, 255])
    box = composite_premultiplied(canvas, patch, 0, 0)
    assert canvas[0, 0].tolist() == [100, 100, 100]  # alpha 0: unchanged
    assert canvas[0, 2].tolist() == [200, 0, 50]  # alpha 255: the garment
    # alpha 128: 200*128/255 + 100*127/255 ≈ 100.4 + 49.8
    np.testing.assert_allclose(canvas[0, 1], [150, 50, 75], atol=1)
    assert box == (1, 0, 3, 1)  # only the pixels that changed


def test_patch_partly_off_canvas_is_clipped():
    canvas = np.zeros((4, 4, 3), np.uint8)
    patch = np.zeros((3, 3, 4), np.uint8)
    patch[...] = (255, 255, 255, 255)
    box = composite_premultiplied(canvas, patch, 2, -1)
    assert box == (2, 0, 4, 2)
    assert canvas[:2, 2:].min() == 255 and canvas[2:].max() == 0 and canvas[:, :2].max() == 0


def test_patch_fully_outside_changes_nothing():
    canvas = np.zeros((4, 4, 3), np.uint8)
    patch = np.full((2, 2, 4), 255, np.uint8)
    assert composite_premultiplied(canvas, patch, 10, 10) is None
    assert canvas.max() == 0


def test_keep_mask_leaves_canvas_where_zero():
    canvas = np.zeros((1, 2, 3), np.uint8)
    patch = np.full((1, 2, 4), 255, np.uint8)
    composite_premultiplied(canvas, patch, 0, 0, keep=np.array([[0, 255]], np.uint8))
    assert canvas[0, 0].tolist() == [0, 0, 0] and canvas[0, 1].tolist() == [255, 255, 255]


def test_opacity_scales_the_garment():
    canvas = np.zeros((1, 1, 3), np.uint8)
    composite_premultiplied(canvas, np.full((1, 1, 4), 255, np.uint8), 0, 0, opacity=0.5)
    np.testing.assert_allclose(canvas[0, 0], [127, 127, 127], atol=1)


@pytest.mark.parametrize(
    ("canvas", "patch", "message"),
    [
        (np.zeros((2, 2), np.uint8), np.zeros((1, 1, 4), np.uint8), "canvas of shape"),
        (np.zeros((2, 2, 3), np.uint8), np.zeros((1, 1, 3), np.uint8), "patch of shape"),
        (np.zeros((2, 2, 3), np.float32), np.zeros((1, 1, 4), np.uint8), "uint8"),
    ],
)
def test_wrong_shapes_are_refused_with_the_expected_shape(canvas, patch, message):
    with pytest.raises(ValueError, match=message):
        composite_premultiplied(canvas, patch, 0, 0)
