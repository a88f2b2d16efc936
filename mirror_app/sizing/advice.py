"""Which size of an item fits a body estimate best, and where it may not fit."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from ..catalog.model import SizeChart
from .body import Reason
from .measurer import BLOCKING, BodyEstimate


class Fit(StrEnum):
    OK = "ok"
    TIGHT = "tight"  # the body is above the size's range
    LOOSE = "loose"  # the body is below the size's range


# How much each measurement counts when sizes disagree: skeleton-based ones are surer than the
# predicted circumferences (docs/sizing.md).
WEIGHTS = {"shoulder": 1.0, "chest": 0.8, "hip": 0.8, "inseam": 0.8, "waist": 0.5, "height": 0.6, "torso": 0.4}

# For lengths "tight" would read oddly: a body longer than the range means the garment is short.
LENGTH_MEASUREMENTS = {"inseam": ("short_inseam", "long_inseam"), "height": ("short_height", "long_height")}

UNIT_TO_CM = {"cm": 1.0, "in": 2.54, "inch": 2.54, "mm": 0.1}


@dataclass(frozen=True)
class SizeAdvice:
    """A size to recommend (None when we should not guess) and why.

    ``fit`` maps each chart measurement used to ok/tight/loose for the recommended size;
    ``hint`` is a text key (texts.py) such as ``tight_shoulders``, or None when all fit;
    ``reasons`` are text keys for why the advice is not trustworthy (or incomplete).
    """

    recommended: str | None
    fit: dict[str, Fit]
    hint: str | None
    trustworthy: bool
    reasons: tuple[str, ...] = ()
    alternative: str | None = None  # the next size when the body sits between two


def _hint_key(measurement: str, fit: Fit) -> str:
    if measurement in LENGTH_MEASUREMENTS:
        short, long_ = LENGTH_MEASUREMENTS[measurement]
        return short if fit is Fit.TIGHT else long_
    plural = {"shoulder": "shoulders", "hip": "hips"}.get(measurement, measurement)
    return f"{fit.value}_{plural}"


def _miss(value: float, lo: float, hi: float) -> float:
    """How far ``value`` is outside [lo, hi], in units of the range's width (0 inside)."""
    width = max(hi - lo, 1e-6)
    if value < lo:
        return (lo - value) / width
    if value > hi:
        return (value - hi) / width
    return 0.0


def recommend_size(
    estimate: BodyEstimate,
    chart: SizeChart,
    item_sizes: tuple[str, ...] | list[str] = (),
    *,
    min_confidence: float = 0.45,
) -> SizeAdvice:
    """The best size among ``item_sizes`` (all of the chart's when empty) for ``estimate``.

    Not trustworthy, and no size, when the shopper moved, was turned, wore something loose,
    or when none of the chart's measurements could be taken. Legs out of frame still allow
    advice for a chart of upper-body measurements.
    """
    sizes = [s for s in item_sizes if s in chart.sizes] if item_sizes else list(chart.sizes)
    reasons: list[str] = [r.value for r in estimate.reasons]
    if not estimate.ready:
        return SizeAdvice(None, {}, None, False, tuple(reasons) or (Reason.TOO_FEW_FRAMES.value,))
    if any(r in BLOCKING for r in estimate.reasons) or estimate.confidence < min_confidence:
        if estimate.confidence < min_confidence and Reason.INCONSISTENT.value not in reasons:
            reasons.append(Reason.INCONSISTENT.value)
        return SizeAdvice(None, {}, None, False, tuple(reasons))
    if not sizes:
        return SizeAdvice(None, {}, None, False, (*reasons, "no_sizes"))
    to_cm = UNIT_TO_CM.get(chart.unit.lower(), 1.0)
    body = estimate.measurements()
    wanted = {m for s in sizes for m in chart.sizes[s]}
    usable = sorted(wanted & body.keys())
    missing = wanted - body.keys()
    # Measure what matters: skip a chart whose main measurements we could not take.
    if not usable or len(usable) < math.ceil(len(wanted) / 2):
        return SizeAdvice(None, {}, None, False, tuple(dict.fromkeys([*reasons, Reason.PARTLY_OUT_OF_FRAME.value])))

    def score(size: str) -> float:
        total = 0.0
        for m in usable:
            if m not in chart.sizes[size]:
                continue
            lo, hi = (v * to_cm for v in chart.sizes[size][m])
            # tolerance: a miss smaller than the estimate's own uncertainty counts less
            unc = estimate.uncertainty_cm.get(m, 0.0)
            miss = _miss(body[m], lo, hi)
            soft = max(0.0, miss - 0.5 * unc / max(hi - lo, 1e-6))
            centre = abs(body[m] - (lo + hi) / 2) / max(hi - lo, 1e-6)
            total += WEIGHTS.get(m, 0.5) * (miss + soft + 0.05 * centre)
        return total

    ranked = sorted(sizes, key=lambda s: (score(s), sizes.index(s)))
    best = ranked[0]
    fit: dict[str, Fit] = {}
    for m in usable:
        if m not in chart.sizes[best]:
            continue
        lo, hi = (v * to_cm for v in chart.sizes[best][m])
        fit[m] = Fit.TIGHT if body[m] > hi else Fit.LOOSE if body[m] < lo else Fit.OK
    off = [(WEIGHTS.get(m, 0.5) * _miss(body[m], *(v * to_cm for v in chart.sizes[best][m])), m) for m in fit]
    off = [(w, m) for w, m in off if w > 0]
    hint = _hint_key(max(off)[1], fit[max(off)[1]]) if off else None
    alternative = None
    if len(ranked) > 1 and score(ranked[1]) - score(best) < 0.15:
        alternative = ranked[1]
    if missing:
        reasons.append(Reason.PARTLY_OUT_OF_FRAME.value)
    return SizeAdvice(best, fit, hint, True, tuple(dict.fromkeys(reasons)), alternative)
