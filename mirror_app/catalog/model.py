"""What a shop sells, as Mirror reads it: frozen values, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..domain import Category, Fit
from ..overlay.garment import Garment
from .review import ReviewNote

LANGUAGES = ("ko", "en")


@dataclass(frozen=True)
class Text:
    """A text in Korean and English."""

    ko: str
    en: str

    def get(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en


@dataclass(frozen=True)
class SizeChart:
    """Body measurement ranges per size, e.g. ``sizes["M"]["chest"] == (90.0, 98.0)`` in ``unit``."""

    name: str
    unit: str
    sizes: dict[str, dict[str, tuple[float, float]]]


@dataclass(frozen=True)
class Manifest:
    shop: Text
    currency: str = "KRW"
    promotion: Text | None = None
    qr_url_template: str | None = None
    size_charts: dict[str, SizeChart] = field(default_factory=dict)
    format: int = 1


@dataclass(frozen=True, eq=False)
class Variant:
    id: str
    name: Text
    rgba: npt.NDArray[np.uint8]


@dataclass(frozen=True, eq=False)
class Item:
    """One product. ``rgba`` is its decoded picture (H, W, 4) uint8; anchors in its pixels."""

    id: str
    category: Category
    name: Text
    price: int
    rgba: npt.NDArray[np.uint8]
    anchors: dict[str, tuple[float, float]]
    folder: Path
    image_file: str = "image.png"
    sku: str | None = None
    sizes: tuple[str, ...] = ()
    size_chart: str | None = None
    fit: Fit = Fit.LEGS
    variants: tuple[Variant, ...] = ()
    tags: tuple[str, ...] = ()
    review: tuple[ReviewNote, ...] = ()  # what the import asks the owner to check

    def garment(self, variant: str | None = None) -> Garment:
        """The overlay's view of this item (one per variant, built once)."""
        key = f"_garment_{variant or ''}"
        cached = self.__dict__.get(key)
        if cached is None:
            rgba = self.rgba
            for v in self.variants:
                if v.id == variant:
                    rgba = v.rgba
            cached = Garment(self.id, self.category, rgba, self.anchors, fit=self.fit)
            object.__setattr__(self, key, cached)
        return cached  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a catalog, worded for a shop owner: where, what, and how to fix it."""

    file: str
    message: str
    fix: str
    item: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}" + (f" (item {self.item})" if self.item else "")
        return f"{where}: {self.message}. Fix: {self.fix}"


@dataclass(frozen=True, eq=False)
class Catalog:
    folder: Path
    manifest: Manifest
    items: tuple[Item, ...]
    problems: tuple[Problem, ...] = ()

    def item(self, item_id: str) -> Item | None:
        for it in self.items:
            if it.id == item_id:
                return it
        return None

    def by_category(self, category: Category) -> tuple[Item, ...]:
        return tuple(it for it in self.items if it.category is category)

    @property
    def skipped(self) -> tuple[str, ...]:
        """Ids (or folder names) of items that had problems and were left out."""
        return tuple(sorted({p.item for p in self.problems if p.item}))
