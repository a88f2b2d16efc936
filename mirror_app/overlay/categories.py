"""Garment categories: which anchors each needs, how it deforms, and where it sits in an outfit."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..domain import Category


class Rig(StrEnum):
    BODY = "body"  # skinned mesh: torso, sleeves, legs move separately
    RIGID = "rigid"  # one similarity transform (moves, turns, scales)


# Points on the body that anchors map to (wearer's own left/right, as MediaPipe labels them).
BODY_POINTS: tuple[str, ...] = (
    "neck", "left_shoulder", "right_shoulder", "left_elbow", "right_elbow", "left_wrist",
    "right_wrist", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle",
    "nose", "left_eye", "right_eye", "left_ear", "right_ear", "forehead", "left_temple",
    "right_temple", "crown",
)  # fmt: skip

# Anchors that mark a garment's own outline (not a pose landmark): they are laid on the outline
# of the shopper's body (neck base, top of the shoulders, sides, waist) or along a limb, and say
# where sleeves and legs part, where the garment ends. All optional; see docs/catalog.md.
SHAPE_POINTS: tuple[str, ...] = (
    "left_armpit", "right_armpit", "crotch",
    "left_collar", "right_collar",  # where the neckline meets the top of the shoulder line
    "left_shoulder_seam", "right_shoulder_seam",  # outer end of the shoulder seam, on the top edge
    "left_strap", "right_strap",  # centre of a strap's top end (camisoles, dungarees)
    "left_cuff", "right_cuff",  # centre of a sleeve's or a trouser leg's opening
    "left_waist", "right_waist",  # sides at the wearer's waist (bottoms: waistband's top corners)
    "hem",  # centre of the bottom edge (tops, dresses, skirts)
)  # fmt: skip

ANCHOR_NAMES: tuple[str, ...] = BODY_POINTS + SHAPE_POINTS

_OUTLINE = ("left_collar", "right_collar", "left_shoulder_seam", "right_shoulder_seam", "left_strap", "right_strap")
_UPPER = ("neck", "left_shoulder", "right_shoulder", "left_hip", "right_hip")
_SLEEVES = ("left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_armpit", "right_armpit")
_SLEEVE_ENDS = ("left_cuff", "right_cuff")
_WAIST_AND_HEM = ("left_waist", "right_waist", "hem")


@dataclass(frozen=True)
class CategorySpec:
    rig: Rig
    layer: int  # drawn in increasing order
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    min_anchors: int = 0  # for categories that take any body points (accessories)

    @property
    def allowed(self) -> tuple[str, ...]:
        return self.required + self.optional


CATEGORY_SPECS: dict[Category, CategorySpec] = {
    Category.BOTTOM: CategorySpec(
        Rig.BODY,
        10,
        ("left_hip", "right_hip", "left_knee", "right_knee"),
        ("left_ankle", "right_ankle", "crotch") + _SLEEVE_ENDS + _WAIST_AND_HEM,
    ),
    Category.DRESS: CategorySpec(
        Rig.BODY, 20, _UPPER, _SLEEVES + ("left_knee", "right_knee") + _OUTLINE + _SLEEVE_ENDS + _WAIST_AND_HEM
    ),
    Category.TOP: CategorySpec(Rig.BODY, 30, _UPPER, _SLEEVES + _OUTLINE + _SLEEVE_ENDS + _WAIST_AND_HEM),
    Category.OUTERWEAR: CategorySpec(
        Rig.BODY, 40, _UPPER, _SLEEVES + ("left_knee", "right_knee") + _OUTLINE + _SLEEVE_ENDS + _WAIST_AND_HEM
    ),
    Category.ACCESSORY: CategorySpec(Rig.RIGID, 50, (), BODY_POINTS, min_anchors=2),
    Category.GLASSES: CategorySpec(Rig.RIGID, 60, ("left_eye", "right_eye"), ("left_ear", "right_ear")),
    Category.HAT: CategorySpec(Rig.RIGID, 70, ("left_temple", "right_temple"), ("crown", "forehead")),
}
