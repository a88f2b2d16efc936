"""Garments worn on real people (media/tryon/people): the issue's wear checks, with the demo
catalog and with garments imported from real product photos. Poses and masks come from the real
MediaPipe model. A failure lists every (garment, person) that fails, with its figures."""

from __future__ import annotations

import numpy as np
import pytest

from mirror_app.domain import Category
from mirror_app.overlay import Garment, OutfitRenderer
from mirror_app.overlay.wear_check import WEAR_LIMITS, body_regions, wear_report

pytestmark = pytest.mark.model

UPPER = (Category.TOP, Category.OUTERWEAR, Category.DRESS)


# Seated on a block, hands on the knees: not a shopper standing at a mirror (the hip line runs
# through the lap). Kept in the panels, left out of the figures.
SEATED = ("cat_jbeeq301271a.jpg",)
PASS_SHARE = 0.6  # of the standing people, per garment, pass every check (the closing note has the figures)


def _reports(garments: dict[str, Garment], people, categories):
    renderer = OutfitRenderer()
    out = []
    for gid, g in garments.items():
        if g.category not in categories:
            continue
        for person in people:
            if person.name in SEATED:
                continue
            regions = body_regions(person.pose, person.mask, person.wh)
            prepared = renderer.prepare(person.pose, [g], person.wh, person_mask=person.mask, frame_rgb=person.rgb)
            out.append((gid, person.name, wear_report(regions, prepared.alpha(), g.category, g.fit)))
    return out


def _assert_worn(reports) -> None:
    """Every garment passes every check on most standing people, and each figure's median over
    them is within its limit; the message lists every failure with its figures."""
    assert reports
    failures = [
        f"{gid} on {name}: {'; '.join(r.failures(WEAR_LIMITS))}"
        for gid, name, r in reports
        if not r.passed(WEAR_LIMITS)
    ]
    for gid in sorted({gid for gid, _n, _r in reports}):
        mine = [r for g, _n, r in reports if g == gid]
        passed = sum(r.passed(WEAR_LIMITS) for r in mine)
        assert passed >= PASS_SHARE * len(mine), f"{gid}: {passed}/{len(mine)} pass\n" + "\n".join(failures)
        for field, limit, better in (
            ("torso_covered", WEAR_LIMITS.torso_covered, max),
            ("legs_covered", WEAR_LIMITS.legs_covered, max),
            ("spill", WEAR_LIMITS.spill, min),
            ("top_offset", WEAR_LIMITS.top_offset, min),
        ):
            values = [getattr(r, field) for r in mine if getattr(r, field) is not None]
            if values:
                median = float(np.median(values))
                assert better(median, limit) == median, f"{gid}: median {field} {median:.3f} beyond {limit}"


@pytest.mark.parametrize("kind", ["upper", "bottom"])
def test_demo_garments_are_worn(people, demo_garments, kind):
    categories = UPPER if kind == "upper" else (Category.BOTTOM,)
    reports = _reports(demo_garments, people, categories)
    assert len(reports) >= (4 if kind == "upper" else 2) * (len(people) - len(SEATED))
    _assert_worn(reports)


@pytest.mark.parametrize("kind", ["upper", "bottom"])
def test_imported_garments_are_worn(people, imported_garments, kind):
    categories = UPPER if kind == "upper" else (Category.BOTTOM,)
    reports = _reports(imported_garments, people, categories)
    assert len(reports) >= len(people) - len(SEATED)
    _assert_worn(reports)


def test_tops_sit_at_the_neck_not_below_it(people, demo_garments):
    """Defect 1: the collar sat low and the shopper's own top showed at the neck and shoulders."""
    renderer = OutfitRenderer()
    offsets = []
    for person in people:
        regions = body_regions(person.pose, person.mask, person.wh)
        if person.name in SEATED:
            continue
        prepared = renderer.prepare(
            person.pose, [demo_garments["crew-tee"]], person.wh, person_mask=person.mask, frame_rgb=person.rgb
        )
        report = wear_report(regions, prepared.alpha(), Category.TOP, demo_garments["crew-tee"].fit)
        if report.top_offset is not None:
            offsets.append(report.top_offset)
    assert len(offsets) >= 10
    assert np.median(offsets) < 0.015 and max(offsets) <= WEAR_LIMITS.top_offset, offsets
