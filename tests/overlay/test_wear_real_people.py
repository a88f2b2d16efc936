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


def _failures(garments: dict[str, Garment], people, categories) -> tuple[list[str], int]:
    renderer = OutfitRenderer()
    failures, checked = [], 0
    for gid, g in garments.items():
        if g.category not in categories:
            continue
        for person in people:
            regions = body_regions(person.pose, person.mask, person.wh)
            prepared = renderer.prepare(person.pose, [g], person.wh, person_mask=person.mask, frame_rgb=person.rgb)
            report = wear_report(regions, prepared.alpha(), g.category, g.fit)
            checked += 1
            if not report.passed(WEAR_LIMITS):
                failures.append(f"{gid} on {person.name}: {'; '.join(report.failures(WEAR_LIMITS))}")
    return failures, checked


@pytest.mark.parametrize("kind", ["upper", "bottom"])
def test_demo_garments_are_worn_by_everyone(people, demo_garments, kind):
    categories = UPPER if kind == "upper" else (Category.BOTTOM,)
    failures, checked = _failures(demo_garments, people, categories)
    assert checked >= 3 * len(people) if kind == "upper" else checked >= 2 * len(people)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("kind", ["upper", "bottom"])
def test_imported_garments_are_worn_by_everyone(people, imported_garments, kind):
    categories = UPPER if kind == "upper" else (Category.BOTTOM,)
    failures, checked = _failures(imported_garments, people, categories)
    assert checked >= len(people)
    assert not failures, "\n".join(failures)


def test_tops_sit_at_the_neck_not_below_it(people, demo_garments):
    """Defect 1: the collar sat low and the shopper's own top showed at the neck and shoulders."""
    renderer = OutfitRenderer()
    offsets = []
    for person in people:
        regions = body_regions(person.pose, person.mask, person.wh)
        prepared = renderer.prepare(person.pose, [demo_garments["crew-tee"]], person.wh, person_mask=person.mask, frame_rgb=person.rgb)
        report = wear_report(regions, prepared.alpha(), Category.TOP, demo_garments["crew-tee"].fit)
        if report.top_offset is not None:
            offsets.append(report.top_offset)
    assert len(offsets) >= 10
    assert np.median(offsets) < 0.015 and max(offsets) <= WEAR_LIMITS.top_offset, offsets
