"""Anchors of hats, glasses and other accessories from the silhouette."""

from __future__ import annotations

import math

import cv2
import numpy as np

from . import shapes as conv
from .photo import U8Image
from .silhouette import Anchors, Detection, fill_small_holes, row_extent, side_name


def detect_hat(mask: U8Image) -> Detection:
    ys, xs = np.nonzero(mask)
    y0, y1 = int(ys.min()), int(ys.max())
    height = y1 - y0 + 1
    widths = np.zeros(height)
    for i, y in enumerate(range(y0, y1 + 1)):
        e = row_extent(mask, y)
        widths[i] = (e[1] - e[0]) if e else 0
    wmax = float(widths.max())
    yb = y0 + int(np.argmax(widths >= 0.8 * wmax))
    probe = yb - round(0.04 * height)
    pe = row_extent(mask, probe) if probe >= y0 else None
    brimmed = pe is not None and (pe[1] - pe[0]) < 0.77 * wmax and yb > y0 + 0.3 * height
    band_y = float(probe) if brimmed else y1 + 1 - 0.12 * height
    ext = row_extent(mask, band_y) or (float(xs.min()), float(xs.max()))
    inset = 0.04 * (ext[1] - ext[0])
    anchors = {
        "left_temple": (ext[1] - inset, band_y),
        "right_temple": (ext[0] + inset, band_y),
        "forehead": ((ext[0] + ext[1]) / 2, band_y),
    }
    return Detection(anchors)


def detect_glasses(mask: U8Image) -> Detection:
    filled = fill_small_holes(mask, float(mask.size))
    ys, xs = np.nonzero(filled)
    cx = (float(xs.min()) + float(xs.max())) / 2
    anchors: Anchors = {}
    for s in (1, -1):
        half = filled.copy()
        if s > 0:
            half[:, : int(cx)] = 0
        else:
            half[:, math.ceil(cx) :] = 0
        dist = cv2.distanceTransform(half, cv2.DIST_L2, 5)
        top = float(dist.max())
        py, px = np.nonzero(dist >= 0.9 * top)
        anchors[side_name(s, "eye")] = (float(px.mean()), float(py.mean()))
    _ = ys
    return Detection(anchors)


def detect_accessory(mask: U8Image) -> Detection:
    ys, xs = np.nonzero(mask)
    bbox = (float(xs.min()), float(ys.min()), float(xs.max() + 1), float(ys.max() + 1))
    return Detection(
        conv.accessory_guess(bbox), notes=("accessory anchors are a guess (a necklace); check them in catalog edit",)
    )
