"""From an ordinary product photo to a catalog item: the steps in order, then the item written.

``prepare`` runs the pure steps (``cutout``, ``straighten``, ``anchors``); ``import_photo`` reads
the file, writes the item atomically and loads it back. Anything a photo cannot give raises
``ImportProblem`` (``photo``) with the reason and the fix.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..domain import Category, Fit
from . import loader, review, writer
from .anchor_edits import IMPORTED_FILE
from .anchors import detect
from .cutout import WORK_SIDE, cut_out, one_piece, salient_for
from .model import Manifest, Problem
from .photo import ImportProblem, U8Image, read_photo, resize_max
from .review import ReviewNote
from .silhouette import Anchors
from .straighten import affine3, crop_to_item, fit_canvas, limit_size, straighten


@dataclass(frozen=True, eq=False)
class PreparedItem:
    """An item ready to write: picture, anchors, fit, notes, and ``photo_from_item`` (3×3): where
    an item pixel was in the photo.
    """

    rgba: U8Image
    anchors: Anchors
    fit: Fit
    notes: tuple[str, ...]
    photo_from_item: npt.NDArray[np.float64]
    review: tuple[ReviewNote, ...] = ()
    confidence: dict[str, float] = field(default_factory=dict)  # per anchor, 0–1 (anchors.detect)

    def to_photo(self, x: float, y: float) -> tuple[float, float]:
        p = self.photo_from_item @ np.array([x, y, 1.0])
        return float(p[0]), float(p[1])


def prepare(photo_bgr: U8Image, category: Category) -> PreparedItem:
    """Photo → cut out, straightened, cropped, anchored, padded to hold its anchors, ≤ 1600 px."""
    _work, s_work = resize_max(photo_bgr, WORK_SIDE)
    cut = cut_out(photo_bgr, salient_for(category))
    cropped, (cx0, cy0) = crop_to_item(cut.rgba)
    chain = affine3([[1, 0, -cx0], [0, 1, -cy0]]) @ np.diag([s_work, s_work, 1.0])
    if category is not Category.ACCESSORY:
        upright, turn = straighten(cropped)
        if turn is not None and not np.allclose(turn, np.eye(3)):
            cropped, (ux0, uy0) = crop_to_item(upright)
            chain = affine3([[1, 0, -ux0], [0, 1, -uy0]]) @ turn @ chain
    if category not in (Category.GLASSES, Category.ACCESSORY):
        one_piece(cropped)
    det = detect(cropped, category)
    grown, anchors = fit_canvas(cropped, det.anchors)
    first = next(iter(anchors))
    pad_x, pad_y = anchors[first][0] - det.anchors[first][0], anchors[first][1] - det.anchors[first][1]
    final, anchors = limit_size(grown, anchors)
    s_final = final.shape[1] / grown.shape[1]
    chain = np.diag([s_final, s_final, 1.0]) @ affine3([[1, 0, pad_x], [0, 1, pad_y]]) @ chain
    rounded = {k: (round(x, 1), round(y, 1)) for k, (x, y) in anchors.items()}
    return PreparedItem(
        final,
        rounded,
        det.fit,
        det.notes,
        np.asarray(np.linalg.inv(chain), np.float64),
        review=(*cut.review, *det.review),  # the cut-out's doubts first, then the anchors'
        confidence=det.confidence,
    )


def slug(text: str) -> str:
    """An item id from a file name: lowercase letters, digits and dashes ("" if none are left)."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:64].strip("-")


# ---------------------------------------------------------------------------------------------
# The thin writer: photo file → item folder
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    """One photo's outcome: the new item's id, or why it failed (``reason``, ``fix``)."""

    photo: Path
    item_id: str | None = None
    reason: str | None = None
    fix: str | None = None
    notes: tuple[str, ...] = ()
    seconds: float = 0.0
    review: tuple[ReviewNote, ...] = ()  # what the owner should check on the new item

    @property
    def ok(self) -> bool:
        return self.item_id is not None


def display_name(photo: Path) -> str:
    """A readable name from a file name: "blue_linen-shirt.jpg" → "Blue linen shirt"."""
    words = re.sub(r"[_\-.]+", " ", photo.stem).strip()
    words = re.sub(r"\s+", " ", words)[: loader.MAX_NAME_CHARS]
    return (words[:1].upper() + words[1:]) if words else "New item"


def import_photo(photo: Path, category: Category, catalog_root: Path, *, taken: set[str] | None = None) -> Imported:
    """Read, cut out, anchor and write one photo as a new item (atomically); then load it back
    with the catalog loader and remove it again if the loader finds any problem.
    """
    start = time.perf_counter()
    try:
        prepared = prepare(read_photo(photo), category)
    except ImportProblem as exc:
        return Imported(photo, reason=exc.reason, fix=exc.fix, seconds=time.perf_counter() - start)
    wanted = slug(photo.stem) or f"{category.value}-item"
    item_id = writer.unique_id(catalog_root, wanted, taken)
    name = display_name(photo)
    doc: dict[str, object] = {
        "id": item_id,
        "category": category.value,
        "name": {"ko": name, "en": name},
        "price": 0,
        "image": "image.png",
        "anchors": {k: [x, y] for k, (x, y) in prepared.anchors.items()},
    }
    if category is Category.BOTTOM and prepared.fit is not Fit.LEGS:
        doc["fit"] = prepared.fit.value
    if prepared.review:
        doc["review"] = review.to_json(prepared.review)
    # The state the editor's "Revert to imported" goes back to, with each anchor's confidence.
    imported = {
        "anchors": doc["anchors"],
        "review": review.to_json(prepared.review),
        "confidence": prepared.confidence,
    }
    files = {"image.png": writer.png_bytes(prepared.rgba), IMPORTED_FILE: writer.json_bytes(imported)}
    folder = writer.add_item(catalog_root, doc, files)
    manifest = loader.load_manifest(catalog_root)
    checked = loader.load_item(catalog_root, folder, manifest if isinstance(manifest, Manifest) else None)
    if isinstance(checked, Problem):
        writer.remove_item(folder)
        return Imported(
            photo,
            reason=f"the item it made does not load ({checked.message})",
            fix="report this photo to Mirror's developers; meanwhile try another photo",
            seconds=time.perf_counter() - start,
        )
    return Imported(photo, item_id, notes=prepared.notes, seconds=time.perf_counter() - start, review=prepared.review)
