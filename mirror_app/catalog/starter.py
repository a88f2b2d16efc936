"""``mirror-app catalog new``: a small working catalog to start from, one item per category.

The pictures are drawn from ``shapes`` (so their anchors are right by construction); the owner
replaces them with their own items (``catalog import``) and keeps the manifest.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain import Category
from ..errors import CatalogError
from . import shapes, writer
from .loader import FORMAT_VERSION, ITEM_FILE, ITEMS_DIR, MANIFEST


@dataclass(frozen=True)
class _Example:
    shape: str
    category: Category
    ko: str
    en: str
    price: int
    rgb: tuple[int, int, int]
    sizes: tuple[str, ...] = ()
    size_chart: str | None = None
    variant: tuple[str, str, str, tuple[int, int, int]] | None = None  # id, ko, en, colour


EXAMPLES: dict[str, _Example] = {
    "example-tee": _Example(
        "tee", Category.TOP, "기본 티셔츠", "Basic T-shirt", 19000, (44, 92, 168), ("S", "M", "L"), "tops",
        ("red", "빨강", "Red", (178, 48, 52)),
    ),
    "example-coat": _Example(
        "coat", Category.OUTERWEAR, "롱 코트", "Long coat", 129000, (122, 92, 64), ("M", "L"), "tops"
    ),
    "example-dress": _Example("dress", Category.DRESS, "민소매 원피스", "Sleeveless dress", 59000, (176, 58, 104)),
    "example-trousers": _Example(
        "trousers", Category.BOTTOM, "슬랙스", "Slacks", 45000, (52, 54, 66), ("28", "30", "32"), "bottoms"
    ),
    "example-cap": _Example("cap", Category.HAT, "여름 모자", "Summer hat", 25000, (196, 170, 112)),
    "example-sunglasses": _Example("sunglasses", Category.GLASSES, "선글라스", "Sunglasses", 35000, (38, 38, 44)),
    "example-necklace": _Example("necklace", Category.ACCESSORY, "펜던트 목걸이", "Pendant necklace", 15000, (200, 170, 60)),
}  # fmt: skip

MANIFEST_DOC: dict[str, Any] = {
    "format": FORMAT_VERSION,
    "shop": {"ko": "우리 가게", "en": "Our shop"},
    "currency": "KRW",
    "promotion": {"ko": "거울 앞에서 입어 보세요", "en": "Try it on in the mirror"},
    "qr_url_template": "https://shop.example/order?items={item_ids}",
    "size_charts": {
        "tops": {
            "unit": "cm",
            "sizes": {
                "S": {"shoulder": [38, 42], "chest": [84, 90]},
                "M": {"shoulder": [42, 45], "chest": [90, 98]},
                "L": {"shoulder": [45, 48], "chest": [98, 106]},
            },
        },
        "bottoms": {
            "unit": "cm",
            "sizes": {
                "28": {"waist": [70, 73], "hip": [88, 92]},
                "30": {"waist": [74, 78], "hip": [92, 96]},
                "32": {"waist": [79, 83], "hip": [96, 100]},
            },
        },
    },
}

README = """\
Mirror catalog
==============

This folder is a catalog for Mirror. It holds:

  catalog.json        your shop's name, currency, promotion text, QR link and size charts
  items/              one folder per item: item.json (names, price, sizes) and image.png

The example items show one of each kind (top, outerwear, dress, bottom, hat, glasses,
accessory). Delete an example by deleting its folder in items/.

Add your own items from product photos (plain light background, whole garment in view):

  mirror-app catalog import photos/*.jpg --category top --into {folder}

Then:

  mirror-app catalog edit {folder}                       names, prices, anchor points
  mirror-app catalog preview {folder} --out sheet.png     every item worn, on one picture
  mirror-app catalog validate {folder}                    lists anything wrong, and the fix

The full guide is docs/catalog.md.
"""


def example_files(item_id: str) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The item.json document and the picture files of one example."""
    ex = EXAMPLES[item_id]
    shape = shapes.starter_shapes()[ex.shape]
    rgba, anchors = shapes.render_rgba(shape, ex.rgb, seed=len(item_id))
    doc: dict[str, Any] = {
        "id": item_id,
        "sku": f"EX-{1000 + list(EXAMPLES).index(item_id)}",
        "category": ex.category.value,
        "name": {"ko": ex.ko, "en": ex.en},
        "price": ex.price,
        "image": "image.png",
        "anchors": {k: [round(x, 1), round(y, 1)] for k, (x, y) in anchors.items()},
        "tags": ["example"],
    }
    if ex.sizes:
        doc["sizes"] = list(ex.sizes)
    if ex.size_chart:
        doc["size_chart"] = ex.size_chart
    files = {"image.png": writer.png_bytes(rgba)}
    if ex.variant is not None:
        vid, ko, en, rgb = ex.variant
        vrgba, _ = shapes.render_rgba(shape, rgb, seed=len(item_id))
        files[f"image-{vid}.png"] = writer.png_bytes(vrgba)
        doc["variants"] = [{"id": vid, "name": {"ko": ko, "en": en}, "image": f"image-{vid}.png"}]
    return doc, files


def new_catalog(folder: Path) -> list[str]:
    """Write a starter catalog into ``folder`` (missing or empty) in one step; returns the ids.

    The catalog is built in a hidden folder beside ``folder`` and renamed into place, so an
    interrupted run leaves nothing half-made.
    """
    if folder.exists():
        if not folder.is_dir():
            raise CatalogError(f"{folder} is a file, not a folder; choose a new folder name")
        if any(folder.iterdir()):
            raise CatalogError(f"{folder} is not empty; choose a new folder (nothing was changed)")
    parent = folder.parent
    if not parent.is_dir():
        raise CatalogError(f"folder {parent} does not exist; create it first or choose another place")
    tmp = parent / f".{folder.name}.new-{secrets.token_hex(4)}"
    try:
        (tmp / ITEMS_DIR).mkdir(parents=True)
        writer.write_json_atomic(tmp / MANIFEST, MANIFEST_DOC)
        (tmp / "README.txt").write_text(README.format(folder=folder), encoding="utf-8")
        for item_id in EXAMPLES:
            doc, files = example_files(item_id)
            item_dir = tmp / ITEMS_DIR / item_id
            item_dir.mkdir()
            for name, data in {**files, ITEM_FILE: writer.json_bytes(doc)}.items():
                (item_dir / name).write_bytes(data)
        if folder.exists():
            folder.rmdir()  # empty, checked above; os.replace cannot replace a folder everywhere
        os.replace(tmp, folder)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise CatalogError(f"cannot create {folder}: {exc.strerror}; check the folder is writable") from None
    finally:
        with contextlib.suppress(OSError):
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    return list(EXAMPLES)
