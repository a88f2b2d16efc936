"""The wear checks themselves, on shapes whose answers are known."""

from __future__ import annotations

import numpy as np
import pytest

from mirror_app.domain import Category, Fit
from mirror_app.overlay.wear_check import WEAR_LIMITS, body_regions, spill, torso_covered, wear_report
from tests.synthetic import FRAME_WH, body_mask, make_pose


@pytest.fixture
def regions():
    pose = make_pose()
    return body_regions(pose, body_mask(pose), FRAME_WH)


def test_a_garment_exactly_on_the_torso_passes(regions):
    report = wear_report(regions, regions.torso.astype(np.float32), Category.TOP, Fit.LEGS)
    assert report.torso_covered == 1.0 and report.spill == 0.0


def test_half_a_torso_is_half_covered(regions):
    half = regions.torso.copy()
    half[:, 320:] = False
    assert torso_covered(regions, half) == pytest.approx(0.5, abs=0.03)


def test_a_garment_beside_the_body_spills(regions):
    g = regions.torso.copy()
    g[:, 600:] = True  # a block of background
    s = spill(regions, g, skirted=False)
    outside = (g & ~regions.person).sum() / g.sum()
    assert s == pytest.approx(outside, abs=0.02) and s > WEAR_LIMITS.spill
    report = wear_report(regions, g.astype(np.float32), Category.TOP, Fit.LEGS)
    assert not report.passed() and any("spill" in f for f in report.failures())


def test_a_collar_too_low_fails_the_top_check(regions):
    good = regions.person & (np.arange(960)[:, None] >= 228) & (np.arange(960)[:, None] < 480)
    low = good & (np.arange(960)[:, None] >= 275)  # 47 px = 20 % of the torso below the outline
    ok = wear_report(regions, good.astype(np.float32), Category.TOP, Fit.LEGS).top_offset
    bad = wear_report(regions, low.astype(np.float32), Category.TOP, Fit.LEGS).top_offset
    assert ok is not None and ok < 0.03
    assert bad is not None and bad > 0.1


def test_legs_are_checked_for_trousers_and_only_the_top_of_a_skirt_counts_for_spill(regions):
    legs = regions.person & regions.below_hips & ~regions.arms
    r = wear_report(regions, legs.astype(np.float32), Category.BOTTOM, Fit.LEGS)
    assert r.legs_covered is not None and r.legs_covered > 0.99 and r.torso_covered is None
    skirt = legs.copy()
    skirt[600:900, 200:440] = True  # flares between and beyond the legs below the hips
    assert wear_report(regions, skirt.astype(np.float32), Category.BOTTOM, Fit.SKIRT).spill < 0.01
