"""The cut-out is checked against the saliency model: on tiny masks whose answer is known, and on
real product photos where the colour cut-out fails (a grey cardigan, white tees on white)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from mirror_app.catalog.cutout import cut_out
from mirror_app.catalog.cutout_check import CutoutCheck, compare, judge
from mirror_app.catalog.photo import ImportProblem, read_photo
from mirror_app.catalog.review import CUTOUT
from mirror_app.catalog.saliency import SaliencyUnavailable, default_model


@pytest.fixture(scope="module")
def garments(media: Path) -> Path:
    folder = media / "tryon" / "garments"
    if not (folder / "labels.json").is_file():
        pytest.skip(f"try-on product photos not found at {folder} (CI provides ../shared/media/tryon)")
    return folder


def _square_map(size: int = 200, box: tuple[int, int, int, int] = (50, 50, 150, 150)) -> np.ndarray:
    s = np.zeros((size, size), np.float32)
    x0, y0, x1, y1 = box
    s[y0:y1, x0:x1] = 1.0
    return s


def test_compare_counts_kept_and_extra_pixels():
    s = _square_map()  # a 100×100 object
    half = np.zeros_like(s, bool)
    half[50:150, 50:100] = True
    assert compare(half, s).kept == pytest.approx(0.5)
    assert compare(half, s).extra == 0.0
    grown = np.zeros_like(s, bool)
    grown[0:200, 50:150] = True  # the object plus 100×100 of backdrop above and below it
    check = compare(grown, s)
    assert check.kept == 1.0
    # The map's soft edge is forgiven (2% of the object's size, 2 px), the rest is extra.
    assert 0.45 < check.extra < 0.5


@pytest.mark.parametrize(
    ("check", "refused", "subjects"),
    [
        (CutoutCheck(kept=0.99, extra=0.01, object_share=0.3), None, ()),
        (CutoutCheck(kept=0.8, extra=0.01, object_share=0.3), None, (CUTOUT,)),
        (CutoutCheck(kept=0.99, extra=0.2, object_share=0.3), None, (CUTOUT,)),
        (CutoutCheck(kept=0.4, extra=0.0, object_share=0.3), "lost most of the garment", ()),
        (CutoutCheck(kept=0.99, extra=0.6, object_share=0.3), "mostly not the garment", ()),
        (CutoutCheck(kept=0.0, extra=0.0, object_share=0.001), None, (CUTOUT,)),
    ],
)
def test_judge_refuses_flags_or_accepts(check, refused, subjects):
    if refused:
        with pytest.raises(ImportProblem, match=refused) as info:
            judge(check)
        assert "photograph" in info.value.fix
    else:
        notes = judge(check)
        assert tuple(n.subject for n in notes) == subjects
        assert all(n.reason and n.fix for n in notes)


def test_the_colour_cut_out_of_a_grey_cardigan_is_refused_by_the_check(garments):
    """Colour alone keeps only the cardigan's green band (its grey reads as shadow): the check
    against the saliency map must not let that through."""
    bgr = read_photo(garments / "cat_upper_21514384_52353349.jpg")
    colour_only = cut_out(bgr, salient_of=None)
    salient = default_model()(np.ascontiguousarray(bgr[..., ::-1]))
    mask = colour_only.rgba[..., 3] > 127
    check = compare(mask, cv2.resize(salient, (mask.shape[1], mask.shape[0])))
    assert check.kept < 0.6
    with pytest.raises(ImportProblem, match="lost most of the garment"):
        judge(check)


@pytest.mark.parametrize(
    ("photo", "body"),
    [
        ("idm_09166_00.jpg", (0.3, 0.15, 0.7, 0.9)),  # Gucci tee, white on 255 white
        ("idm_04743_00.jpg", (0.3, 0.25, 0.7, 0.85)),  # white tee with a cartoon, on 246 grey-white
        ("dc_050105_1.jpg", (0.3, 0.2, 0.7, 0.85)),  # white tee with a print, on beige
        ("idm_09133_00.jpg", (0.35, 0.3, 0.65, 0.85)),  # white ribbed tank, white buttons
    ],
)
def test_a_white_garment_on_white_keeps_its_body(garments, photo, body):
    bgr = read_photo(garments / photo)
    cut = cut_out(bgr)
    alpha = cut.rgba[..., 3]
    h, w = alpha.shape
    x0, y0, x1, y1 = body
    inside = alpha[round(y0 * h) : round(y1 * h), round(x0 * w) : round(x1 * w)]
    assert (inside > 250).mean() > 0.99, f"{photo}: {(inside > 250).mean():.3f} of the body is opaque"
    assert cut.check is not None and cut.check.kept > 0.95 and cut.review == ()
    # The backdrop stays out: the photo's corners are clear.
    for corner in (alpha[: h // 10, : w // 10], alpha[: h // 10, -w // 10 :], alpha[-h // 10 :, : w // 10]):
        assert corner.max() == 0


def test_the_backdrop_shadow_stays_out_and_the_edge_is_clean(garments):
    """Red tee on a grey-white backdrop (idm_09236): opaque colour inside, no pale fringe outside."""
    bgr = read_photo(garments / "idm_09236_00.jpg")
    cut = cut_out(bgr)
    a = cut.rgba[..., 3]
    edge = (a > 20) & (a < 235)
    assert edge.any()
    rgb = cut.rgba[..., :3].astype(int)
    # Edge pixels carry the garment's red (decontaminated), not the backdrop's light grey.
    assert np.median(rgb[edge][:, 0] - rgb[edge][:, 1]) > 80


def test_without_the_model_the_cut_out_says_it_is_unchecked(garments):
    def broken(_rgb: np.ndarray) -> np.ndarray:
        raise SaliencyUnavailable("the saliency model u2netp.onnx is missing")

    cut = cut_out(read_photo(garments / "idm_09236_00.jpg"), salient_of=broken)
    assert cut.check is None
    (note,) = cut.review
    assert note.subject == CUTOUT and "could not be checked" in note.reason and "missing" in note.reason
