"""Garments on bodies: anchors, mesh rig, piecewise-affine warp, occlusion and compositing."""

from ..domain import Category, Fit
from .body_points import BodyPoints, body_points
from .categories import ANCHOR_NAMES, BODY_POINTS, CATEGORY_SPECS, CategorySpec, Rig
from .composite import composite_premultiplied
from .garment import Garment
from .outfit import DrawnItem, OutfitRenderer, layer_order
from .rig import GarmentRig, Part
from .warp import WarpedLayer

__all__ = [
    "ANCHOR_NAMES",
    "BODY_POINTS",
    "CATEGORY_SPECS",
    "BodyPoints",
    "Category",
    "CategorySpec",
    "DrawnItem",
    "Fit",
    "Garment",
    "GarmentRig",
    "OutfitRenderer",
    "Part",
    "Rig",
    "WarpedLayer",
    "body_points",
    "composite_premultiplied",
    "layer_order",
]
