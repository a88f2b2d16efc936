"""The saliency adapter on real product photos: the shipped model finds the garment, whatever
its colour, at the photo's size; it loads once; a missing model is a clear error."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from mirror_app.catalog import saliency as sal
from mirror_app.catalog.saliency import SaliencyModel, SaliencyUnavailable, default_model
from mirror_app.resources import saliency_model_path


@pytest.fixture(scope="module")
def garments(media: Path) -> Path:
    folder = media / "tryon" / "garments"
    if not (folder / "labels.json").is_file():
        pytest.skip(f"try-on product photos not found at {folder} (CI provides ../shared/media/tryon)")
    return folder


def _rgb(folder: Path, name: str) -> np.ndarray:
    return np.ascontiguousarray(cv2.imread(str(folder / name))[..., ::-1])


def _box(h: int, w: int, x0: float, y0: float, x1: float, y1: float) -> tuple[slice, slice]:
    return slice(round(y0 * h), round(y1 * h)), slice(round(x0 * w), round(x1 * w))


def test_a_white_tee_on_white_is_found_whole(garments):
    """The classic colour-cut-out failure: white cotton on a white backdrop (idm_09166, 640×640)."""
    rgb = _rgb(garments, "idm_09166_00.jpg")
    s = default_model()(rgb)
    assert s.shape == rgb.shape[:2] and s.dtype == np.float32
    assert float(s.min()) >= 0.0 and float(s.max()) <= 1.0
    h, w = s.shape
    # The plain white chest under the print and the belly (no print there), hand-picked boxes.
    assert np.median(s[_box(h, w, 0.35, 0.55, 0.65, 0.85)]) > 0.9
    assert np.median(s[_box(h, w, 0.3, 0.15, 0.7, 0.3)]) > 0.9
    # The backdrop beside the body, under the sleeves.
    assert np.percentile(s[_box(h, w, 0.0, 0.6, 0.15, 1.0)], 95) < 0.05
    assert np.percentile(s[_box(h, w, 0.85, 0.6, 1.0, 1.0)], 95) < 0.05


def test_a_grey_garment_is_not_taken_for_a_shadow(garments):
    """Grey cardigan (cat_upper_21514384): colour rules read its grey body as the backdrop's shadow."""
    rgb = _rgb(garments, "cat_upper_21514384_52353349.jpg")
    s = default_model()(rgb)
    h, w = s.shape
    assert np.median(s[_box(h, w, 0.2, 0.4, 0.35, 0.7)]) > 0.9  # the grey front panel, left of the band
    assert np.percentile(s[_box(h, w, 0.0, 0.0, 0.15, 0.15)], 99) < 0.05  # the backdrop above a shoulder


def test_the_mirrored_view_only_adds(garments):
    rgb = _rgb(garments, "dc_051517_1.jpg")  # black flowers on white trousers, white backdrop
    model = default_model()
    one = model(rgb, mirrored=False)
    both = model(rgb)
    assert (both >= one - 1e-6).all()
    # The white parts of one leg are lost in one view and found in the other (see saliency.py).
    assert (both >= 0.5).sum() > 1.05 * (one >= 0.5).sum()


def test_the_model_is_loaded_once():
    assert default_model() is default_model()


def test_wrong_input_is_a_clear_error():
    with pytest.raises(ValueError, match="expected RGB photo"):
        default_model()(np.zeros((10, 10), np.uint8))


def test_a_missing_model_is_an_install_problem_not_a_crash(tmp_path):
    with pytest.raises(SaliencyUnavailable, match="missing"):
        SaliencyModel(tmp_path / "u2netp.onnx")
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not a model")
    with pytest.raises(SaliencyUnavailable, match="cannot be loaded"):
        SaliencyModel(broken)


def test_the_shipped_model_is_the_checked_file():
    """assets/models/SHA256SUMS lists it (``./dev`` checks it); the adapter opens that path."""
    path = saliency_model_path()
    sums = (path.parent / "SHA256SUMS").read_text().split()
    assert path.name in sums and path.is_file()
    assert sal.SIDE == 320 and sal.THREADS <= 2
