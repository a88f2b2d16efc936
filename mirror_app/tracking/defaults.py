"""The tracker's defaults that the configuration exposes, in one place (no heavy imports, so the
configuration can read them without loading OpenCV)."""

from __future__ import annotations

FINDER_PEOPLE = 6  # people the finder looks for; the shopper is followed alone whatever this is
FINDER_LONG_SIDE = 512  # the finder sees the frame scaled down to this (MediaPipe's detector: 224)
SEGMENTATION = True  # the shopper's mask: arms in front of garments, the body's outline for sizing
