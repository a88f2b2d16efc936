"""Body anchors of an item from its silhouette alone, per category, following the conventions
in docs/catalog.md (see ``shapes`` for the same rules drawn).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..domain import Category
from .anchors_accessory import detect_accessory, detect_glasses, detect_hat
from .anchors_bottom import detect_bottom
from .anchors_upper import detect_upper
from .photo import ImportProblem, U8Image
from .review import ReviewNote
from .silhouette import Anchors, Detection


def detect(item_rgba: U8Image, category: Category) -> Detection:
    """Anchors (and a bottom's fit) from the item's silhouette, per docs/catalog.md."""
    if item_rgba.ndim != 3 or item_rgba.shape[2] != 4:
        raise ValueError(f"expected rgba of shape (H, W, 4), got {item_rgba.shape}")
    mask = (item_rgba[..., 3] > 127).astype(np.uint8)
    if mask.sum() < 50:
        raise ImportProblem("the garment is too small in the picture", "fill most of the photo with the garment")
    if category in (Category.TOP, Category.OUTERWEAR, Category.DRESS):
        return detect_upper(mask, category)
    if category is Category.BOTTOM:
        return detect_bottom(mask)
    if category is Category.HAT:
        return _sure(detect_hat(mask), 0.8)
    if category is Category.GLASSES:
        return _sure(detect_glasses(mask), 0.85)
    det = detect_accessory(mask)
    note = ReviewNote(
        "neck",
        "an accessory's anchors are a guess from its outline (read as a necklace: neck and shoulders)",
        "open `mirror-app catalog edit` and drag each dot to the body point it belongs to",
    )
    return replace(det, confidence=dict.fromkeys(det.anchors, 0.3), review=(*det.review, note))


def _sure(det: Detection, confidence: float) -> Detection:
    """Hats and glasses have crisp outlines (a brim, two lenses): one confidence for all."""
    return replace(det, confidence={k: det.confidence.get(k, confidence) for k in det.anchors})


def detect_anchors(item_rgba: U8Image, category: Category) -> Anchors:
    """Just the anchors of ``detect``."""
    return detect(item_rgba, category).anchors
