"""Does a garment look worn? Measurable checks of a render against the shopper's own outline.

Pure functions of arrays, shared by the try-on tests and the importer's tests (every imported
garment worn on real people). The body's regions here are defined independently of the rig's
fitting (plain landmark geometry on the person's mask), so the checks catch the rig's mistakes:

- ``torso_covered``: share of the torso (between the shoulder joints' line and the hip joints'
  line, inside the outline; arms, forearms and the shoulder caps excluded) that a top, dress or
  coat covers;
- ``legs_covered``: share of the legs' outline (hip line down to the ankles, or to where the
  garment's own length ends on that leg) that trousers or shorts cover;
- ``spill``: share of the garment's pixels outside the shopper's outline (skirts, dresses and coats:
  only those above the hip line count, a skirt is wider than the legs under it);
- ``top_offset``: median distance between the garment's top edge and the body's top outline,
  on columns between the neck and the shoulders, in torso heights.

``WEAR_LIMITS`` holds the limits the tests hold them to (the issue's; docs/tryon.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from ..domain import Category, Fit
from ..tracking.landmarks import Landmark as L
from ..tracking.landmarks import Pose

Bool = npt.NDArray[np.bool_]

ARM_RADIUS = 0.12  # arms excluded from the torso: this far from their bones, × shoulder span
SHOULDER_CAP = 0.2  # and this far round each shoulder joint
ARM_REACH = 0.3  # beyond an arm's bone (away from the body's middle), this far is arm
ARMPIT = 0.25  # the armpits' level, as a fraction of the way from the shoulders to the hips
MASK_TOLERANCE_PX = 2  # the mask's edge is this uncertain
HAIR_ABOVE = 0.4  # an outline this far above a shoulder joint (× span) is hair, not shoulder


@dataclass(frozen=True)
class WearLimits:
    torso_covered: float = 0.95
    legs_covered: float = 0.95
    spill: float = 0.03
    top_offset: float = 0.03


WEAR_LIMITS = WearLimits()


@dataclass(frozen=True)
class WearReport:
    """Each figure is None where it does not apply to the garment's category."""

    torso_covered: float | None
    legs_covered: float | None
    spill: float
    top_offset: float | None

    def passed(self, limits: WearLimits = WEAR_LIMITS) -> bool:
        return not self.failures(limits)

    def failures(self, limits: WearLimits = WEAR_LIMITS) -> list[str]:
        out = []
        if self.torso_covered is not None and self.torso_covered < limits.torso_covered:
            out.append(f"torso covered {self.torso_covered:.1%} < {limits.torso_covered:.0%}")
        if self.legs_covered is not None and self.legs_covered < limits.legs_covered:
            out.append(f"legs covered {self.legs_covered:.1%} < {limits.legs_covered:.0%}")
        if self.spill > limits.spill:
            out.append(f"spill {self.spill:.1%} > {limits.spill:.0%}")
        if self.top_offset is not None and self.top_offset > limits.top_offset:
            out.append(f"top {self.top_offset:.1%} of the torso from the outline > {limits.top_offset:.0%}")
        return out


@dataclass(frozen=True, eq=False)
class BodyRegions:
    """Boolean (h, w) maps of the shopper's body at frame resolution, and the lines they use."""

    person: Bool
    torso: Bool
    arms: Bool  # upper arms, forearms and hands
    below_hips: Bool  # frame pixels below the hip joints' line
    shoulder_y: float  # mid shoulder joints
    hip_y: float
    torso_height: float
    span: float
    pose: Pose


def _capsules(
    shape: tuple[int, int], segments: list[tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]], r: float
) -> Bool:
    out = np.zeros(shape, np.uint8)
    for a, b in segments:
        cv2.line(out, tuple(int(v) for v in np.round(a)), tuple(int(v) for v in np.round(b)), 1, max(1, round(2 * r)))
    return out > 0


def _below(shape: tuple[int, int], a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> Bool:
    """Pixels on the far side of the line a–b from the head (image 'below' it)."""
    h, w = shape
    yy, xx = np.mgrid[0:h, 0:w]
    d = b - a
    n = np.array([-d[1], d[0]])
    if n[1] < 0:
        n = -n
    return np.asarray(((xx - a[0]) * n[0] + (yy - a[1]) * n[1]) > 0)


def body_regions(pose: Pose, person_mask: npt.NDArray[np.floating], frame_wh: tuple[int, int]) -> BodyRegions:
    """The shopper's regions from their landmarks and mask (float (h, w) in [0, 1], any
    resolution with the frame's aspect)."""
    w, h = frame_wh
    person = cv2.resize(np.asarray(person_mask, np.float32), (w, h), interpolation=cv2.INTER_LINEAR) > 0.5
    xy = pose.xy.astype(np.float64)
    ls, rs, lh, rh = xy[L.LEFT_SHOULDER], xy[L.RIGHT_SHOULDER], xy[L.LEFT_HIP], xy[L.RIGHT_HIP]
    span = max(float(np.linalg.norm(ls - rs)), 1.0)
    mid_s, mid_h = (ls + rs) / 2, (lh + rh) / 2
    torso_height = max(float(np.linalg.norm(mid_h - mid_s)), 1.0)
    segments = []
    for side in ("LEFT", "RIGHT"):
        s, e, wr = xy[L[f"{side}_SHOULDER"]], xy[L[f"{side}_ELBOW"]], xy[L[f"{side}_WRIST"]]
        hand = (xy[L[f"{side}_INDEX"]] + xy[L[f"{side}_PINKY"]]) / 2
        segments += [(s, e), (e, wr), (wr, wr + (hand - wr) * 1.4)]
    arms = _capsules((h, w), segments, ARM_RADIUS * span)
    # An arm's outer side, however wide (the landmarks run along its inner half): what lies beyond
    # each arm bone, away from the body's middle, within reach of it.
    yy0, xx0 = np.mgrid[0:h, 0:w]
    mid_x = (xy[L.LEFT_SHOULDER, 0] + xy[L.RIGHT_SHOULDER, 0]) / 2
    for a, b in segments:
        near = _capsules((h, w), [(a, b)], ARM_REACH * span)
        d = b - a
        n = np.array([-d[1], d[0]])
        if n[0] * ((a[0] + b[0]) / 2 - mid_x) < 0:
            n = -n
        arms |= near & (((xx0 - a[0]) * n[0] + (yy0 - a[1]) * n[1]) > 0)
    # The shoulder caps belong to the arms (a sleeveless top leaves them bare).
    for joint in (L.LEFT_SHOULDER, L.RIGHT_SHOULDER):
        arms |= _capsules((h, w), [(xy[joint], xy[joint])], SHOULDER_CAP * span)
    below_shoulders = _below((h, w), rs, ls)
    below_hips = _below((h, w), rh, lh)
    # Above the armpits the torso lies between the shoulder joints: beyond them is the shopper's
    # own sleeve or shoulder, which a sleeveless garment leaves as it is.
    yy, xx = np.mgrid[0:h, 0:w]
    across = (ls - rs) / span
    side = np.abs((xx - mid_s[0]) * across[0] + (yy - mid_s[1]) * across[1])
    below_armpits = _below((h, w), rs + (mid_h - mid_s) * ARMPIT, ls + (mid_h - mid_s) * ARMPIT)
    torso = person & below_shoulders & ~below_hips & ~arms & (below_armpits | (side <= span / 2))
    return BodyRegions(
        person=person,
        torso=torso,
        arms=arms,
        below_hips=below_hips,
        shoulder_y=float(mid_s[1]),
        hip_y=float(mid_h[1]),
        torso_height=torso_height,
        span=span,
        pose=pose,
    )


def torso_covered(regions: BodyRegions, garment: Bool) -> float:
    n = int(regions.torso.sum())
    return float((garment & regions.torso).sum()) / n if n else 1.0


def legs_covered(regions: BodyRegions, garment: Bool) -> float:
    """Share of the legs' outline covered, from the hip line down to the ankles or to where the
    garment ends on that leg (shorts are short), hands excluded."""
    h, w = garment.shape
    xy = regions.pose.xy.astype(np.float64)
    ankles_y = max(float(xy[L.LEFT_ANKLE, 1]), float(xy[L.RIGHT_ANKLE, 1]))
    mid_x = float((xy[L.LEFT_HIP, 0] + xy[L.RIGHT_HIP, 0]) / 2)
    legs = regions.person & regions.below_hips & ~regions.arms
    yy = np.arange(h)[:, None]
    region = np.zeros_like(legs)
    cols = np.arange(w)[None, :]
    for side_cols in (cols < mid_x, cols >= mid_x):
        rows = np.nonzero((garment & side_cols).any(axis=1))[0]
        if len(rows) == 0:
            continue
        end = min(float(rows.max()), ankles_y, h - 1)
        region |= legs & side_cols & (yy <= end)
    n = int(region.sum())
    return float((garment & region).sum()) / n if n else 1.0


def spill(regions: BodyRegions, garment: Bool, *, skirted: bool) -> float:
    k = 2 * MASK_TOLERANCE_PX + 1
    outline = cv2.dilate(regions.person.astype(np.uint8), np.ones((k, k), np.uint8)) > 0
    counted = garment & ~regions.below_hips if skirted else garment
    n = int(counted.sum())
    return float((counted & ~outline).sum()) / n if n else 0.0


def top_offset(regions: BodyRegions, garment: Bool) -> float | None:
    """Median |garment top − body top| over columns between the neck and each shoulder joint, in
    torso heights; None when no column can be measured (hair over both shoulders)."""
    xy = regions.pose.xy.astype(np.float64)
    mid = (xy[L.LEFT_SHOULDER] + xy[L.RIGHT_SHOULDER]) / 2
    h, w = garment.shape
    offsets = []
    for side in (L.LEFT_SHOULDER, L.RIGHT_SHOULDER):
        joint = xy[side]
        for f in np.linspace(0.55, 0.85, 7):
            x = round(mid[0] + (joint[0] - mid[0]) * f)
            if not 0 <= x < w:
                continue
            y_start = int(max(0, joint[1] - 0.6 * regions.span))
            y_end = int(min(h, joint[1] + 0.3 * regions.span))
            col = regions.person[y_start:y_end, x]
            if len(col) == 0 or col[0]:
                continue  # the head or hair is above this column: no outline to compare with
            body_rows = np.nonzero(col)[0]
            if len(body_rows) == 0:
                continue
            body_top = y_start + int(body_rows[0])
            if joint[1] - body_top > HAIR_ABOVE * regions.span:
                continue  # hair over the shoulder: the mask's top there is not the body's
            g_rows = np.nonzero(garment[y_start:y_end, x])[0]
            if len(g_rows) == 0:
                offsets.append(float(y_end - body_top))
                continue
            offsets.append(abs(float(y_start + int(g_rows[0]) - body_top)))
    if not offsets:
        return None
    return float(np.median(offsets)) / regions.torso_height


def wear_report(regions: BodyRegions, alpha: npt.NDArray[np.floating], category: Category, fit: Fit) -> WearReport:
    """All the checks that apply to a garment of ``category``, from its coverage ``alpha``
    (float (h, w) in [0, 1] at frame resolution: what the renderer drew)."""
    garment = np.asarray(alpha) > 0.5
    upper = category in (Category.TOP, Category.OUTERWEAR, Category.DRESS)
    trousers = category is Category.BOTTOM and fit is Fit.LEGS
    skirted = category in (Category.DRESS, Category.OUTERWEAR) or (category is Category.BOTTOM and fit is Fit.SKIRT)
    return WearReport(
        torso_covered=torso_covered(regions, garment) if upper else None,
        legs_covered=legs_covered(regions, garment) if trousers else None,
        spill=spill(regions, garment, skirted=skirted),
        top_offset=top_offset(regions, garment) if upper else None,
    )


def luminance(rgb: npt.NDArray[np.uint8]) -> npt.NDArray[np.float32]:
    return np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), np.float32)


def brightness_ratio(
    worn_a: npt.NDArray[np.uint8], worn_b: npt.NDArray[np.uint8], alpha: npt.NDArray[np.floating]
) -> float:
    """Mean luminance of the garment in render ``b`` over render ``a`` (where it is opaque)."""
    solid = np.asarray(alpha) > 0.95
    a = float(luminance(worn_a)[solid].mean())
    return float(luminance(worn_b)[solid].mean()) / max(a, 1e-6)


def lit_side(reference: npt.NDArray[np.uint8], worn: npt.NDArray[np.uint8], alpha: npt.NDArray[np.floating]) -> float:
    """Which side of the garment got brighter from ``reference`` to ``worn``: the log ratio of the
    picture-left half's gain to the picture-right half's (> 0: lit from the picture's left)."""
    solid = np.asarray(alpha) > 0.95
    _ys, xs = np.nonzero(solid)
    if len(xs) < 10:
        return 0.0
    mid = float(np.median(xs))
    ratio = luminance(worn) / np.maximum(luminance(reference), 1.0)
    left = solid & (np.arange(solid.shape[1])[None, :] < mid)
    right = solid & ~left
    return float(np.log(np.median(ratio[left]) / max(float(np.median(ratio[right])), 1e-6)))
