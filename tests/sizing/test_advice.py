"""recommend_size against the demo catalog's real charts, and the words for it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from mirror_app.catalog.model import SizeChart
from mirror_app.sizing import BodyMeasurer, Fit, MeasurerSettings, Reason, advice_text, recommend_size
from mirror_app.sizing.measurer import BodyEstimate
from mirror_app.sizing.texts import TEXTS

from .bodies import EXACT, Camera, SyntheticBody, frames

ROOT = Path(__file__).resolve().parents[2]


def demo_charts() -> dict[str, SizeChart]:
    raw = json.loads((ROOT / "catalogs" / "demo" / "catalog.json").read_text())["size_charts"]
    return {
        name: SizeChart(name, c["unit"], {s: {m: tuple(r) for m, r in ms.items()} for s, ms in c["sizes"].items()})
        for name, c in raw.items()
    }


CHARTS = demo_charts()
TOPS, BOTTOMS = CHARTS["tops"], CHARTS["bottoms"]


def body(**values: float) -> BodyEstimate:
    """A ready, trusted estimate with these measurements and 3 % uncertainty."""
    return BodyEstimate(
        **values, confidence=0.9, ready=True, progress=1.0, uncertainty_cm={k: 0.03 * v for k, v in values.items()}
    )


@pytest.mark.parametrize(
    ("estimate", "chart", "sizes", "size", "hint"),
    [
        (body(shoulder=44, chest=93, waist=77), TOPS, ("S", "M", "L", "XL"), "M", None),
        (body(shoulder=41, chest=86, waist=70), TOPS, ("S", "M", "L", "XL"), "S", None),
        (body(shoulder=48.5, chest=106, waist=90), TOPS, ("S", "M", "L", "XL"), "XL", None),
        # broad shoulders, slim chest and waist: M, but tight at the shoulders
        (body(shoulder=46.5, chest=93, waist=76), TOPS, ("S", "M", "L", "XL"), "M", "tight_shoulders"),
        # the shop only has S and M of this item: M, tight across the chest
        (body(shoulder=45.2, chest=99, waist=81), TOPS, ("S", "M"), "M", "tight_chest"),
        (body(waist=73, hip=93, inseam=76), BOTTOMS, ("S", "M", "L", "XL"), "M", None),
        # long legs for the waist: M, the legs may be short
        (body(waist=73, hip=93, inseam=83), BOTTOMS, ("S", "M", "L", "XL"), "M", "short_inseam"),
        (body(waist=68, hip=88, inseam=70), BOTTOMS, ("S", "M", "L"), "S", "long_inseam"),
        # no inseam (legs out of frame): waist and hip still decide
        (body(waist=78, hip=98), BOTTOMS, ("S", "M", "L", "XL"), "L", None),
    ],
)
def test_recommend_size(estimate, chart, sizes, size, hint) -> None:
    advice = recommend_size(estimate, chart, sizes)
    assert advice.trustworthy
    assert advice.recommended == size
    assert advice.hint == hint


def test_fit_per_measurement() -> None:
    advice = recommend_size(body(shoulder=46.5, chest=93, waist=76), TOPS, ("S", "M", "L", "XL"))
    assert advice.fit == {"shoulder": Fit.TIGHT, "chest": Fit.OK, "waist": Fit.OK}


def test_between_sizes_offers_an_alternative() -> None:
    advice = recommend_size(body(shoulder=45, chest=96, waist=80), TOPS)
    assert advice.recommended in ("M", "L") and advice.alternative in ("M", "L")
    assert advice.alternative != advice.recommended


def test_chart_in_inches() -> None:
    inches = SizeChart(
        "in", "in", {s: {m: (a / 2.54, b / 2.54) for m, (a, b) in r.items()} for s, r in TOPS.sizes.items()}
    )
    assert recommend_size(body(shoulder=44, chest=93, waist=77), inches).recommended == "M"


@pytest.mark.parametrize(
    ("estimate", "reason"),
    [
        (BodyEstimate.pending((Reason.MOVING,)), "moving"),
        (BodyEstimate.pending((Reason.TOO_FEW_FRAMES,), 0.4), "too_few_frames"),
        (BodyEstimate(shoulder=44, chest=93, waist=77, confidence=0.9, ready=True, reasons=(Reason.LOOSE_CLOTHING_SUSPECTED,)), "loose_clothing_suspected"),
        (BodyEstimate(shoulder=44, chest=93, waist=77, confidence=0.9, ready=True, reasons=(Reason.NOT_FACING,)), "not_facing"),
        (BodyEstimate(shoulder=44, chest=93, waist=77, confidence=0.2, ready=True), "inconsistent"),
    ],
)  # fmt: skip
def test_untrustworthy_estimates_get_no_size(estimate, reason) -> None:
    advice = recommend_size(estimate, TOPS, ("S", "M", "L"))
    assert advice.recommended is None and not advice.trustworthy
    assert reason in advice.reasons


def test_legs_out_of_frame_tops_yes_bottoms_no_without_hips() -> None:
    upper = body(shoulder=44, chest=93)  # no hips, no legs
    tops = recommend_size(upper, TOPS)
    assert tops.recommended == "M" and tops.trustworthy and "partly_out_of_frame" in tops.reasons
    bottoms = recommend_size(upper, BOTTOMS)
    assert bottoms.recommended is None and bottoms.reasons == ("partly_out_of_frame",)


def test_item_without_known_sizes() -> None:
    advice = recommend_size(body(shoulder=44, chest=93, waist=77), TOPS, ("XXS",))
    assert advice.recommended is None and "no_sizes" in advice.reasons


@pytest.mark.parametrize(
    ("shoulder_cm", "hip_cm", "inseam_cm", "height_cm", "top", "bottom"),
    [
        (41.5, 88.5, 74, 160, "S", "S"),
        (44.0, 93.5, 76, 170, "M", "M"),
        (46.0, 98.5, 78, 178, "L", "L"),
        (48.5, 104, 80, 186, "XL", "XL"),
    ],
)
def test_end_to_end_synthetic_bodies_get_their_size(shoulder_cm, hip_cm, inseam_cm, height_cm, top, bottom) -> None:
    # given a body built to sit in the middle of one size of both demo charts
    synthetic = SyntheticBody.from_measurements(shoulder_cm, hip_cm, inseam_cm, height_cm)
    clip = frames(synthetic, rng=np.random.default_rng(11), world_noise_m=0.005, pixel_noise=1.0, outlier_every=9)
    m = BodyMeasurer(MeasurerSettings(model=EXACT))
    for pose, t in clip:
        est = m.update(pose, t, frame_wh=Camera().frame_wh)
    # then
    assert recommend_size(est, TOPS, ("S", "M", "L", "XL")).recommended == top
    assert recommend_size(est, BOTTOMS, ("S", "M", "L", "XL")).recommended == bottom


def test_every_key_has_both_languages() -> None:
    for key, (ko, en) in TEXTS.items():
        assert ko.strip() and en.strip(), key
        assert any("\uac00" <= ch <= "\ud7a3" for ch in ko), key  # Hangul
    hints = {f"{f}_{m}" for f in ("tight", "loose") for m in ("shoulders", "chest", "waist", "hips", "torso")}
    hints |= {"short_inseam", "long_inseam", "short_height", "long_height"}
    assert hints <= TEXTS.keys()
    assert {r.value for r in Reason} <= TEXTS.keys()


@pytest.mark.parametrize(
    ("lang", "headline", "detail"),
    [("ko", "추천 사이즈: M", "어깨가 끼일 수 있어요"), ("en", "Recommended size: M", "May be tight at the shoulders")],
)
def test_advice_text(lang, headline, detail) -> None:
    advice = recommend_size(body(shoulder=46.2, chest=92, waist=75), TOPS)
    words = advice_text(advice, lang)
    assert (words.headline, words.detail, words.recommended) == (headline, detail, True)


def test_advice_text_between_sizes() -> None:
    advice = recommend_size(body(shoulder=45, chest=96, waist=80), TOPS)
    assert advice_text(advice, "en").headline == f"Recommended size: {advice.recommended} (or {advice.alternative})"
    assert advice_text(advice, "ko").headline == f"추천 사이즈: {advice.recommended} (또는 {advice.alternative})"


def test_advice_text_when_not_guessing() -> None:
    advice = recommend_size(BodyEstimate.pending((Reason.MOVING,)), TOPS)
    assert advice_text(advice, "ko").headline == "가만히 서 계시면 사이즈를 알려 드릴게요"
    assert advice_text(advice, "en").headline == "Stand still for a moment for size advice"
    loose = BodyEstimate(shoulder=44, confidence=0.9, ready=True, reasons=(Reason.LOOSE_CLOTHING_SUSPECTED,))
    assert advice_text(recommend_size(loose, TOPS), "ko").headline.startswith("옷이 넉넉해서 정확하지 않을 수 있어요")
