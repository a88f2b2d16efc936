"""The demo catalog: its manifest, its items (names, prices, colours) and the writer."""

from __future__ import annotations

import argparse
import json
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from .accessories import draw_bucket_hat, draw_pearl_necklace, draw_round_glasses
from .bottoms import draw_denim_jeans, draw_pleated_skirt
from .coat import draw_trench_coat
from .dress import draw_floral_dress
from .frames import Picture
from .tops import draw_crew_tee, draw_oxford_shirt

ROOT = Path(__file__).resolve().parents[2]


def save_png(path: Path, rgba: npt.NDArray[np.uint8]) -> None:
    bgra = cv2.cvtColor(rgba, cv2.COLOR_RGBA2BGRA)
    ok, buf = cv2.imencode(".png", bgra, [cv2.IMWRITE_PNG_COMPRESSION, 9])
    if not ok:
        raise RuntimeError(f"could not encode {path}")
    path.write_bytes(buf.tobytes())


CATALOG = {
    "format": 1,
    "shop": {"ko": "미러 데모 부티크", "en": "Mirror Demo Boutique"},
    "currency": "KRW",
    "promotion": {
        "ko": "오늘만 전 품목 10% 할인 · 거울 앞에서 입어 보세요",
        "en": "10% off everything today · try it on in the mirror",
    },
    "qr_url_template": "https://shop.example/order?items={item_ids}",
    "size_charts": {
        "tops": {
            "unit": "cm",
            "sizes": {
                "S": {"shoulder": [40, 43], "chest": [84, 90], "waist": [68, 74]},
                "M": {"shoulder": [43, 45], "chest": [90, 96], "waist": [74, 80]},
                "L": {"shoulder": [45, 47], "chest": [96, 102], "waist": [80, 86]},
                "XL": {"shoulder": [47, 50], "chest": [102, 110], "waist": [86, 94]},
            },
        },
        "bottoms": {
            "unit": "cm",
            "sizes": {
                "S": {"waist": [66, 71], "hip": [86, 91], "inseam": [72, 76]},
                "M": {"waist": [71, 76], "hip": [91, 96], "inseam": [74, 78]},
                "L": {"waist": [76, 81], "hip": [96, 101], "inseam": [76, 80]},
                "XL": {"waist": [81, 88], "hip": [101, 107], "inseam": [78, 82]},
            },
        },
    },
}


@dataclass(frozen=True)
class Item:
    id: str
    sku: str
    category: str
    name: tuple[str, str]  # ko, en
    price: int
    draw: Callable[..., Picture]
    default: str  # colour drawn as image.png
    variants: tuple[tuple[str, str, str], ...] = ()  # (colour id, ko, en)
    sizes: tuple[str, ...] = ()
    size_chart: str | None = None
    fit: str | None = None
    tags: tuple[str, ...] = ()


ITEMS: tuple[Item, ...] = (
    Item(
        "oxford-shirt-long",
        "MD-TP-101",
        "top",
        ("옥스퍼드 버튼다운 셔츠", "Oxford button-down shirt"),
        49000,
        draw_oxford_shirt,
        "blue",
        (("white", "화이트", "White"),),
        ("S", "M", "L", "XL"),
        "tops",
        None,
        ("shirt", "cotton", "long-sleeve"),
    ),
    Item(
        "crew-tee",
        "MD-TP-102",
        "top",
        ("코튼 크루넥 티셔츠", "Cotton crew-neck T-shirt"),
        19900,
        draw_crew_tee,
        "heather",
        (("white", "화이트", "White"), ("navy", "네이비", "Navy")),
        ("S", "M", "L", "XL"),
        "tops",
        None,
        ("t-shirt", "cotton", "basic"),
    ),
    Item(
        "trench-coat",
        "MD-OW-201",
        "outerwear",
        ("더블 트렌치코트", "Double-breasted trench coat"),
        189000,
        draw_trench_coat,
        "honey",
        (("navy", "네이비", "Navy"),),
        ("S", "M", "L"),
        "tops",
        None,
        ("coat", "gabardine", "new"),
    ),
    Item(
        "floral-dress",
        "MD-DR-301",
        "dress",
        ("플로럴 민소매 원피스", "Floral sleeveless dress"),
        69000,
        draw_floral_dress,
        "cream",
        (("navy", "네이비", "Navy"),),
        ("S", "M", "L"),
        "tops",
        None,
        ("dress", "floral", "summer"),
    ),
    Item(
        "denim-jeans",
        "MD-BT-401",
        "bottom",
        ("스트레이트 데님 팬츠", "Straight-leg jeans"),
        59000,
        draw_denim_jeans,
        "indigo",
        (("black", "블랙", "Black"),),
        ("S", "M", "L", "XL"),
        "bottoms",
        "legs",
        ("denim", "jeans", "best"),
    ),
    Item(
        "pleated-skirt",
        "MD-BT-402",
        "bottom",
        ("플리츠 미디 스커트", "Pleated midi skirt"),
        45000,
        draw_pleated_skirt,
        "mocha",
        (("navy", "네이비", "Navy"),),
        ("S", "M", "L"),
        "bottoms",
        "skirt",
        ("skirt", "pleated"),
    ),
    Item(
        "bucket-hat",
        "MD-AC-501",
        "hat",
        ("코튼 버킷햇", "Cotton bucket hat"),
        29000,
        draw_bucket_hat,
        "ecru",
        (("black", "블랙", "Black"),),
        ("FREE",),
        None,
        None,
        ("hat", "cotton"),
    ),
    Item(
        "round-glasses",
        "MD-AC-502",
        "glasses",
        ("라운드 뿔테 안경", "Round tortoiseshell glasses"),
        89000,
        draw_round_glasses,
        "tortoise",
        (("black", "블랙", "Black"),),
        (),
        None,
        None,
        ("eyewear", "acetate"),
    ),
    Item(
        "pearl-necklace",
        "MD-AC-503",
        "accessory",
        ("담수 진주 목걸이", "Freshwater pearl necklace"),
        39000,
        draw_pearl_necklace,
        "white",
        (),
        (),
        None,
        None,
        ("jewellery", "pearl", "gift"),
    ),
)


def item_json(it: Item, pic: Picture) -> dict[str, object]:
    d: dict[str, object] = {
        "id": it.id,
        "sku": it.sku,
        "category": it.category,
        "name": {"ko": it.name[0], "en": it.name[1]},
        "price": it.price,
    }
    if it.sizes:
        d["sizes"] = list(it.sizes)
    if it.size_chart:
        d["size_chart"] = it.size_chart
    if it.fit:
        d["fit"] = it.fit
    d["image"] = "image.png"
    d["anchors"] = pic.anchors
    if it.variants:
        d["variants"] = [
            {"id": v, "name": {"ko": ko, "en": en}, "image": f"image-{v}.png"} for v, ko, en in it.variants
        ]
    if it.tags:
        d["tags"] = list(it.tags)
    return d


def check_picture(it: Item, pic: Picture) -> None:
    h, w = pic.image.shape[:2]
    if not 500 <= max(h, w) <= 900:
        raise AssertionError(f"{it.id}: long side {max(h, w)} px is outside 500–900")
    for name, (x, y) in pic.anchors.items():
        if not (0 <= x < w and 0 <= y < h):
            raise AssertionError(f"{it.id}: anchor {name} {x, y} is outside the {w}×{h} picture")


def write_item(out: Path, it: Item) -> None:
    d = out / "items" / it.id
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    pic = it.draw(it.default)
    check_picture(it, pic)
    save_png(d / "image.png", pic.image)
    for v, _ko, _en in it.variants:
        vp = it.draw(v)
        if vp.anchors != pic.anchors or vp.image.shape != pic.image.shape:
            raise AssertionError(f"{it.id}: variant {v} does not match the main picture's size and anchors")
        save_png(d / f"image-{v}.png", vp.image)
    (d / "item.json").write_text(json.dumps(item_json(it, pic), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{it.id}: {pic.image.shape[1]}×{pic.image.shape[0]}, {1 + len(it.variants)} picture(s)")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Draw Mirror's demo catalog.")
    ap.add_argument(
        "--out", type=Path, default=ROOT / "catalogs" / "demo", help="catalog folder (default: catalogs/demo)"
    )
    ap.add_argument("--only", help="comma-separated item ids to redraw (others are left as they are)")
    args = ap.parse_args(argv)
    out: Path = args.out
    only = set(args.only.split(",")) if args.only else None
    unknown = (only or set()) - {it.id for it in ITEMS}
    if unknown:
        ap.error(f"unknown item ids: {', '.join(sorted(unknown))}")
    (out / "items").mkdir(parents=True, exist_ok=True)
    (out / "catalog.json").write_text(json.dumps(CATALOG, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for it in ITEMS:
        if only is None or it.id in only:
            write_item(out, it)
    return 0
