"""A wearable item as the overlay sees it: pixels, anchors and category; nothing about shops."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import cv2
import numpy as np
import numpy.typing as npt

from ..domain import Category, Fit

U8Image = npt.NDArray[np.uint8]


@dataclass(frozen=True, eq=False)
class Garment:
    """``rgba`` is (H, W, 4) uint8, straight (not premultiplied) alpha; anchors are (x, y) pixels."""

    item_id: str
    category: Category
    rgba: U8Image
    anchors: Mapping[str, tuple[float, float]]
    fit: Fit = Fit.LEGS

    def __post_init__(self) -> None:
        if self.rgba.ndim != 3 or self.rgba.shape[2] != 4 or self.rgba.dtype != np.uint8:
            raise ValueError(f"expected rgba of shape (H, W, 4) uint8, got {self.rgba.shape} {self.rgba.dtype}")

    def anchor(self, name: str) -> npt.NDArray[np.float64]:
        return np.asarray(self.anchors[name], dtype=np.float64)

    @cached_property
    def premultiplied_levels(self) -> tuple[U8Image, ...]:
        """Premultiplied RGBA at full, 1/2, 1/4… size: sampled without dark fringes or aliasing;
        edge pixels take the colour of the cloth next to them, not the product photo's backdrop."""
        rgba = clean_edges(self.rgba)
        alpha = rgba[..., 3:4].astype(np.uint16)
        pm = rgba.copy()
        pm[..., :3] = ((rgba[..., :3].astype(np.uint16) * alpha + 127) // 255).astype(np.uint8)
        levels = [pm]
        while min(levels[-1].shape[:2]) >= 64 and len(levels) < 5:
            levels.append(cv2.pyrDown(levels[-1]))
        return tuple(levels)


EDGE_SIGMA = 2.0  # px: how far the cloth's colour is pulled out over its soft edge


def clean_edges(rgba: U8Image) -> U8Image:
    """Straight-alpha RGBA whose partly transparent pixels carry the colour of the nearby opaque
    cloth: a cut-out's edge pixels are a mix of cloth and backdrop (a pale or dark fringe once
    composited on another background)."""
    alpha = rgba[..., 3]
    edge = (alpha > 0) & (alpha < 250)
    if not edge.any():
        return rgba
    solid = (alpha >= 250).astype(np.float32)
    colour = rgba[..., :3].astype(np.float32)
    num = cv2.GaussianBlur(colour * solid[..., None], (0, 0), EDGE_SIGMA)
    den = cv2.GaussianBlur(solid, (0, 0), EDGE_SIGMA)
    near = edge & (den > 0.02)
    out = rgba.copy()
    out[..., :3][near] = np.clip(num[near] / den[near, None] + 0.5, 0, 255).astype(np.uint8)
    return out
