"""Small valid catalogs written to a temporary folder, to be broken one way at a time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import cv2
import numpy as np

TOP_ANCHORS = {
    "neck": [100, 20],
    "left_shoulder": [140, 30],
    "right_shoulder": [60, 30],
    "left_hip": [130, 170],
    "right_hip": [70, 170],
    "left_elbow": [175, 100],
    "right_elbow": [25, 100],
}


def write_png(path: Path, w: int = 200, h: int = 200, alpha: bool = True) -> None:
    img = np.zeros((h, w, 4), np.uint8)
    img[..., :3] = (40, 80, 160)
    img[20:180, 20:180, 3] = 255
    if not alpha:
        img = img[..., :3]
    cv2.imwrite(str(path), img)


def item_doc(item_id: str = "tee", **overrides: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": item_id,
        "category": "top",
        "name": {"ko": "티셔츠", "en": "T-shirt"},
        "price": 19000,
        "image": "image.png",
        "anchors": dict(TOP_ANCHORS),
    }
    doc.update(overrides)
    return doc


def make_catalog(
    root: Path, items: dict[str, dict[str, Any]] | None = None, manifest: dict[str, Any] | None = None
) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "catalog.json").write_text(
        json.dumps(
            manifest or {"format": 1, "shop": {"ko": "가게", "en": "Shop"}, "currency": "KRW"}, ensure_ascii=False
        ),
        encoding="utf-8",
    )
    for folder, doc in (items if items is not None else {"tee": item_doc()}).items():
        d = root / "items" / folder
        d.mkdir(parents=True, exist_ok=True)
        (d / "item.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        write_png(d / "image.png")
    return root
