"""A corpus of broken catalogs, each with the message a shop owner should see."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from mirror_app.catalog import load_catalog
from mirror_app.errors import CatalogError
from mirror_app.overlay import Category
from tests.catalog.builders import item_doc, make_catalog, write_png


def test_valid_catalog_loads_items_with_their_pixels(tmp_path):
    cat = load_catalog(make_catalog(tmp_path / "shop"))
    assert cat.problems == ()
    (item,) = cat.items
    assert item.id == "tee" and item.category is Category.TOP and item.price == 19000
    assert item.rgba.shape == (200, 200, 4) and item.rgba[100, 100, 3] == 255
    assert item.name.get("ko") == "티셔츠" and item.name.get("en") == "T-shirt"
    assert item.garment().item_id == "tee"


def _rewrite(doc_patch: Callable[[dict], None]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        p = root / "items" / "tee" / "item.json"
        doc = json.loads(p.read_text(encoding="utf-8"))
        doc_patch(doc)
        p.write_text(json.dumps(doc), encoding="utf-8")

    return apply


def _raw(text: str) -> Callable[[Path], None]:
    return lambda root: (root / "items" / "tee" / "item.json").write_text(text, encoding="utf-8")


def _image(fn: Callable[[Path], None]) -> Callable[[Path], None]:
    return lambda root: fn(root / "items" / "tee" / "image.png")


def _bomb(path: Path) -> None:
    # A 100 kB PNG that decodes to 30000×30000 pixels.
    Image.new("1", (30000, 30000)).save(path)


def _symlink_out(root: Path) -> None:
    outside = root.parent / "secret.png"
    write_png(outside)
    img = root / "items" / "tee" / "image.png"
    img.unlink()
    os.symlink(outside, img)


CASES = [
    ("missing image", _image(lambda p: p.unlink()), 'image "image.png" is missing'),
    ("corrupt image", _image(lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"garbage" * 20)), "cannot be decoded"),
    ("truncated image", _image(lambda p: p.write_bytes(p.read_bytes()[:60])), "cannot be decoded"),
    (
        "jpeg image",
        _image(
            lambda p: (
                cv2.imwrite(str(p.with_suffix(".jpg")), np.zeros((50, 50, 3), np.uint8))
                and p.write_bytes(p.with_suffix(".jpg").read_bytes())
            )
        ),
        "format JPEG is not supported",
    ),
    ("no transparency", _image(lambda p: write_png(p, alpha=False)), "no transparent background"),
    ("oversized image", _image(lambda p: write_png(p, w=5000, h=100)), "at most 4096×4096"),
    ("decompression bomb", _image(_bomb), "image claims an enormous size (900,000,000 pixels)"),
    (
        "anchor outside",
        _rewrite(lambda d: d["anchors"].update(neck=[500, 20])),
        'anchor "neck" at [500, 20] is outside the 200×200 image',
    ),
    (
        "shoulders swapped",
        _rewrite(lambda d: d["anchors"].update(left_shoulder=[60, 30], right_shoulder=[140, 30])),
        "impossible order",
    ),
    (
        "hips above shoulders",
        _rewrite(lambda d: d["anchors"].update(left_hip=[130, 10])),
        "hips must be below shoulders",
    ),
    ("unknown category", _rewrite(lambda d: d.update(category="tshirt")), 'unknown category "tshirt"'),
    ("category typo", _rewrite(lambda d: d.update(category="tops")), 'did you mean "top"'),
    ("negative price", _rewrite(lambda d: d.update(price=-5)), "price -5 is not a whole number"),
    ("price as text", _rewrite(lambda d: d.update(price="19,000")), "without commas"),
    (
        "unknown key",
        _rewrite(lambda d: d.update(prize=100)),
        'unknown key "prize" in item.json (did you mean "price"?)',
    ),
    ("unknown anchor", _rewrite(lambda d: d["anchors"].update(left_sholder=[1, 1])), 'did you mean "left_shoulder"'),
    ("missing anchors", _rewrite(lambda d: d["anchors"].pop("neck")), "a top needs the anchors neck"),
    (
        "anchor for another category",
        _rewrite(lambda d: d["anchors"].update(left_eye=[10, 10])),
        'anchor "left_eye" does not apply to a top',
    ),
    ("missing name", _rewrite(lambda d: d.pop("name")), '"name" is missing'),
    ("name without korean", _rewrite(lambda d: d.update(name={"en": "T-shirt"})), 'has no "ko" text'),
    ("huge name", _rewrite(lambda d: d.update(name={"ko": "가" * 500, "en": "x"})), "500 characters long"),
    ("path traversal", _rewrite(lambda d: d.update(image="../../secret.png")), "points outside the item folder"),
    ("absolute path", _rewrite(lambda d: d.update(image="/etc/passwd")), "is an absolute path"),
    ("windows absolute path", _rewrite(lambda d: d.update(image="C:\\Windows\\x.png")), "is an absolute path"),
    ("symlink out", _symlink_out, "link to a file outside the catalog"),
    ("bad json", _raw('{"id": "tee", "price": 19000,, }'), "not valid JSON at line 1"),
    ("not utf-8", lambda root: (root / "items/tee/item.json").write_bytes(b'{"id": "\xff\xfe"}'), "not UTF-8"),
    ("json array", _raw("[1, 2, 3]"), "must be a JSON object"),
    ("huge json", _raw('{"id": "tee", "x": "' + "a" * 300_000 + '"}'), "file is too large"),
    ("bad id", _rewrite(lambda d: d.update(id="Tee Shirt!")), "id 'Tee Shirt!' is not valid"),
    ("absurd anchor", _rewrite(lambda d: d["anchors"].update(neck=[1e308, float("nan")])), "must be [x, y] numbers"),
    ("anchor as text", _rewrite(lambda d: d["anchors"].update(neck="middle")), "must be [x, y] numbers"),
    ("fit on a top", _rewrite(lambda d: d.update(fit="skirt")), 'fit "skirt" is not valid for a top'),
    ("image is a folder", _image(lambda p: (p.unlink(), p.mkdir())), 'image "image.png" is not a file'),
    ("text file named png", _image(lambda p: p.write_text("hello", encoding="utf-8")), "cannot be decoded"),
    (
        "variant outside the folder",
        _rewrite(
            lambda d: d.update(variants=[{"id": "red", "name": {"ko": "빨강", "en": "Red"}, "image": "../x.png"}])
        ),
        'variant "red" image "../x.png" points outside the item folder',
    ),
    ("fully transparent", _image(lambda p: cv2.imwrite(str(p), np.zeros((50, 50, 4), np.uint8))), "fully transparent"),
    ("tags not a list", _rewrite(lambda d: d.update(tags="new")), "tags must be a list"),
    ("unknown size chart", _rewrite(lambda d: d.update(size_chart="topz")), 'size chart "topz" is not in catalog.json'),
]


@pytest.mark.parametrize(("case", "breaker", "expected"), CASES, ids=[c[0] for c in CASES])
def test_broken_item_is_skipped_with_a_clear_message(tmp_path, case, breaker, expected):
    root = make_catalog(tmp_path / "shop", items={"tee": item_doc(), "good": item_doc("good")})
    breaker(root)
    cat = load_catalog(root)
    assert [it.id for it in cat.items] == ["good"], f"{case}: the good item must still load"
    (problem,) = cat.problems
    assert problem.file == os.path.join("items", "tee", "item.json")
    assert problem.item == "tee"
    assert expected in str(problem), f"{case}: {problem}"
    assert problem.fix and "Traceback" not in str(problem)


def test_duplicate_ids_keep_the_first(tmp_path):
    root = make_catalog(tmp_path / "shop", items={"tee": item_doc(), "tee-copy": item_doc("tee")})
    cat = load_catalog(root)
    assert [it.id for it in cat.items] == ["tee"]
    (problem,) = cat.problems
    assert 'duplicate id "tee"' in problem.message and problem.item == "tee-copy"


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        ({"format": 2, "shop": {"ko": "a", "en": "b"}}, "this Mirror reads format 1"),
        ({"format": 1}, '"shop" must be'),
        ({"format": 1, "shop": {"ko": "a", "en": "b"}, "currency": "won"}, "not a 3-letter code"),
        (
            {"format": 1, "shop": {"ko": "a", "en": "b"}, "qr_url_template": "javascript:alert(1)"},
            "must be a web address",
        ),
        (
            {"format": 1, "shop": {"ko": "a", "en": "b"}, "qr_url_template": "https://x/{nope}"},
            "may only use {item_ids}",
        ),
        (
            {"format": 1, "shop": {"ko": "a", "en": "b"}, "size_charts": {"t": {"sizes": {"M": {"chst": [1, 2]}}}}},
            'did you mean "chest"',
        ),
        ({"format": 1, "shop": {"ko": "a", "en": "b"}, "promo": {}}, 'did you mean "promotion"'),
    ],
)
def test_broken_manifest_is_reported_and_items_still_load(tmp_path, manifest, expected):
    cat = load_catalog(make_catalog(tmp_path / "shop", manifest=manifest))
    assert [it.id for it in cat.items] == ["tee"]
    assert any(p.file == "catalog.json" and expected in p.message for p in cat.problems), cat.problems


def test_missing_folder_or_manifest_is_a_catalog_error(tmp_path):
    with pytest.raises(CatalogError, match="catalog folder not found"):
        load_catalog(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CatalogError, match="no catalog.json"):
        load_catalog(tmp_path / "empty")


def test_variant_with_another_size_is_refused(tmp_path):
    root = make_catalog(
        tmp_path / "shop",
        items={"tee": item_doc(variants=[{"id": "red", "name": {"ko": "빨강", "en": "Red"}, "image": "red.png"}])},
    )
    write_png(root / "items" / "tee" / "red.png", w=100, h=100)
    cat = load_catalog(root)
    assert cat.items == () and "not 200×200" in cat.problems[0].message


def test_variant_loads_its_own_pixels(tmp_path):
    root = make_catalog(
        tmp_path / "shop",
        items={"tee": item_doc(variants=[{"id": "red", "name": {"ko": "빨강", "en": "Red"}, "image": "red.png"}])},
    )
    img = np.zeros((200, 200, 4), np.uint8)
    img[20:180, 20:180] = (0, 0, 255, 255)
    cv2.imwrite(str(root / "items" / "tee" / "red.png"), img)
    (item,) = load_catalog(root).items
    assert tuple(item.garment("red").rgba[100, 100]) == (255, 0, 0, 255)
    assert item.garment("red") is item.garment("red")
