"""Shared geometry of a garment's silhouette (a 0/1 mask): outline, rows, concave corners.

The anchor finders of every category (``anchors_upper``, ``anchors_bottom``, ``anchors_accessory``)
read the garment through these.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt

from ..domain import Fit
from .photo import U8Image
from .review import ReviewNote

Vec = npt.NDArray[np.float64]
Anchors = dict[str, tuple[float, float]]


@dataclass(frozen=True)
class Detection:
    """Anchors in the picture's pixels, plus notes on anything that had to be guessed.

    ``confidence`` (0–1 per anchor) says how clear the outline's evidence was: 1 for a sharp
    corner or edge exactly where the convention puts the anchor, about 0.2 for one placed from
    the garment's proportions alone. ``review`` holds the owner's "check these" notes for the
    low ones (and for anchors that could not be placed at all).
    """

    anchors: Anchors
    fit: Fit = Fit.LEGS
    notes: tuple[str, ...] = ()
    confidence: dict[str, float] = field(default_factory=dict)
    review: tuple[ReviewNote, ...] = ()


def fill_small_holes(mask: U8Image, max_area: float) -> U8Image:
    inv = (mask == 0).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(inv, connectivity=4)
    h, w = mask.shape
    out = mask.copy()
    for k in range(1, n):
        x, y, bw, bh, area = stats[k]
        touches = x == 0 or y == 0 or x + bw >= w or y + bh >= h
        if not touches and area <= max_area:
            out[labels == k] = 1
    return out


def largest(mask: U8Image) -> U8Image:
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if n <= 1:
        return mask
    k = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    return np.asarray(labels == k, np.uint8)


def row_extent(mask: U8Image, y: float) -> tuple[float, float] | None:
    row = mask[int(np.clip(round(y), 0, mask.shape[0] - 1))]
    xs = np.flatnonzero(row)
    if len(xs) == 0:
        return None
    return float(xs[0]), float(xs[-1] + 1)


def top_profile(mask: U8Image) -> npt.NDArray[np.float64]:
    """For each column, the first row with garment (inf where the column is empty)."""
    has = mask.any(axis=0)
    first = np.argmax(mask > 0, axis=0).astype(np.float64)
    first[~has] = np.inf
    return np.asarray(first, np.float64)


def outline(mask: U8Image) -> npt.NDArray[np.float64]:
    found, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    biggest = max(found, key=cv2.contourArea)
    return np.asarray(biggest.reshape(-1, 2), dtype=np.float64)


def concavity(contour: Vec, k: int) -> npt.NDArray[np.float64]:
    """Turning angle (degrees) at each contour point over ``k`` points; > 0 where the outline
    bends inward (a concave corner such as an armpit).
    """
    prev = contour - np.roll(contour, k, axis=0)
    nxt = np.roll(contour, -k, axis=0) - contour
    cross = prev[:, 0] * nxt[:, 1] - prev[:, 1] * nxt[:, 0]
    dot = (prev * nxt).sum(axis=1)
    turn = np.degrees(np.arctan2(cross, dot))
    x, y = contour[:, 0], contour[:, 1]
    area2 = float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))
    return np.asarray(-turn if area2 > 0 else turn, np.float64)


def side_name(side: int, part: str) -> str:
    return f"{'left' if side > 0 else 'right'}_{part}"


def path_between(contour: Vec, i: int, j: int) -> Vec:
    """The shorter way along a closed contour from index i to j."""
    n = len(contour)
    fwd = (j - i) % n
    idx = (i + np.arange(fwd + 1)) % n if fwd <= n - fwd else (i - np.arange(n - fwd + 1)) % n
    return contour[idx]
