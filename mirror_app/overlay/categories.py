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

# Anchors that mark a garment's shape only (not a body point): where sleeves and legs part.
SHAPE_POINTS: tuple[str, ...] = ("left_armpit", "right_armpit", "crotch")

ANCHOR_NAMES: tuple[str, ...] = BODY_POINTS + SHAPE_POINTS

_UPPER = ("neck", "left_shoulder", "right_shoulder", "left_hip", "right_hip")
_SLEEVES = ("left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_armpit", "right_armpit")


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
        Rig.BODY, 10, ("left_hip", "right_hip", "left_knee", "right_knee"), ("left_ankle", "right_ankle", "crotch")
    ),
    Category.DRESS: CategorySpec(Rig.BODY, 20, _UPPER, _SLEEVES + ("left_knee", "right_knee")),
    Category.TOP: CategorySpec(Rig.BODY, 30, _UPPER, _SLEEVES),
    Category.OUTERWEAR: CategorySpec(Rig.BODY, 40, _UPPER, _SLEEVES + ("left_knee", "right_knee")),
    Category.ACCESSORY: CategorySpec(Rig.RIGID, 50, (), BODY_POINTS, min_anchors=2),
    Category.GLASSES: CategorySpec(Rig.RIGID, 60, ("left_eye", "right_eye"), ("left_ear", "right_ear")),
    Category.HAT: CategorySpec(Rig.RIGID, 70, ("left_temple", "right_temple"), ("crown", "forehead")),
}
