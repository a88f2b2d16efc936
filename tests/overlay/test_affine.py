import numpy as np
import pytest

from mirror_app.overlay.affine import apply, area_scale, bone_transform, fit_affine, fit_similarity


def test_fit_affine_recovers_exact_transform():
    m = np.array([[2.0, 0.5, 10.0], [-0.3, 1.5, -4.0]])
    src = np.array([[0, 0], [10, 0], [0, 10], [7, 3]], dtype=float)
    np.testing.assert_allclose(fit_affine(src, apply(m, src)), m, atol=1e-9)


def test_fit_affine_on_collinear_points_falls_back_to_similarity():
    src = np.array([[0, 0], [1, 0], [2, 0]], dtype=float)
    dst = src * 3 + 1
    m = fit_affine(src, dst)
    np.testing.assert_allclose(apply(m, np.array([[0, 1.0]])), [[1, 4]], atol=1e-9)  # no shear


def test_fit_similarity_rotation_by_90_degrees_and_scale_2():
    src = np.array([[0, 0], [1, 0]], dtype=float)
    dst = np.array([[5, 5], [5, 7]], dtype=float)
    m = fit_similarity(src, dst)
    np.testing.assert_allclose(m, [[0, -2, 5], [2, 0, 5]], atol=1e-9)
    assert area_scale(m) == pytest.approx(2.0)


def test_fit_similarity_never_mirrors():
    src = np.array([[0, 0], [1, 0], [0, 1]], dtype=float)
    dst = src * np.array([-1, 1])  # a reflection
    assert np.linalg.det(fit_similarity(src, dst)[:, :2]) >= 0


def test_bone_transform_stretches_along_and_keeps_width():
    # Bone (0,0)->(10,0) onto (0,0)->(0,20): rotated 90°, twice as long; across scale 1.
    m = bone_transform(np.array([0, 0.0]), np.array([10, 0.0]), np.array([0, 0.0]), np.array([0, 20.0]), across=1.0)
    np.testing.assert_allclose(apply(m, np.array([[10, 0.0], [5, 3.0]])), [[0, 20], [-3, 10]], atol=1e-9)


def test_bone_transform_foreshortened_limb_keeps_a_minimum_length():
    m = bone_transform(np.array([0, 0.0]), np.array([10, 0.0]), np.array([0, 0.0]), np.array([0.0, 0.0]), across=2.0)
    end = apply(m, np.array([[10, 0.0]]))[0]
    assert np.linalg.norm(end) == pytest.approx(10 * 0.25 * 2.0)
