"""Hostile catalogs: whatever the bytes, the loader ends in items or clear problems, never a crash."""

from __future__ import annotations

import json
import string

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mirror_app.catalog import load_catalog
from mirror_app.catalog.loader import ITEM_KEYS, MANIFEST_KEYS
from tests.catalog.builders import item_doc, make_catalog, write_png

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False), st.text(max_size=40),
)  # fmt: skip
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
keys = st.sampled_from(sorted(ITEM_KEYS) + ["anchors", "anchors", "prize", "x"])
anchor_names = st.sampled_from(
    ["neck", "left_shoulder", "right_shoulder", "left_hip", "right_hip", "left_elbow", "crown", "nose", "bogus"]
)
anchor_values = st.one_of(
    st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=0, max_size=3),
    st.lists(st.integers(min_value=-(10**12), max_value=10**12), min_size=2, max_size=2),
    json_values,
)

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def _check(cat, folder_names):
    ids = {it.id for it in cat.items}
    for p in cat.problems:
        assert p.message and p.fix and "Traceback" not in str(p)
    # Every item folder either loaded or is reported.
    reported = {p.item for p in cat.problems}
    for name in folder_names:
        assert name in reported or any(it.folder.name == name for it in cat.items), name
    return ids


@FUZZ
@given(doc=st.dictionaries(keys, json_values, max_size=8))
def test_random_item_documents(tmp_path_factory, doc):
    root = make_catalog(tmp_path_factory.mktemp("fz") / "shop", items={"tee": item_doc(), "x": item_doc("x")})
    (root / "items" / "x" / "item.json").write_text(json.dumps(doc), encoding="utf-8")
    cat = load_catalog(root)
    _check(cat, ["tee", "x"])
    assert "tee" in {it.id for it in cat.items}  # the good item always survives


@FUZZ
@given(mutations=st.dictionaries(anchor_names, anchor_values, max_size=6), price=json_values, name=json_values)
def test_absurd_anchors_prices_and_names(tmp_path_factory, mutations, price, name):
    doc = item_doc("x")
    doc["anchors"].update(mutations)
    doc["price"] = price
    doc["name"] = name
    root = make_catalog(tmp_path_factory.mktemp("fz") / "shop", items={"x": doc})
    cat = load_catalog(root)
    _check(cat, ["x"])
    for item in cat.items:  # whatever loaded is usable: finite anchors inside the image
        h, w = item.rgba.shape[:2]
        for x, y in item.anchors.values():
            assert 0 <= x <= w and 0 <= y <= h


@FUZZ
@given(raw=st.binary(max_size=2000))
def test_random_bytes_as_json_and_as_image(tmp_path_factory, raw):
    root = make_catalog(tmp_path_factory.mktemp("fz") / "shop", items={"a": item_doc("a"), "b": item_doc("b")})
    (root / "items" / "a" / "item.json").write_bytes(raw)
    (root / "items" / "b" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + raw)
    cat = load_catalog(root)
    _check(cat, ["a", "b"])


@FUZZ
@given(manifest=st.dictionaries(st.sampled_from(sorted(MANIFEST_KEYS) + ["promo", "x"]), json_values, max_size=6))
def test_random_manifests_keep_items_loading(tmp_path_factory, manifest):
    root = make_catalog(tmp_path_factory.mktemp("fz") / "shop", manifest=manifest)
    cat = load_catalog(root)
    assert [it.id for it in cat.items] == ["tee"]


@FUZZ
@given(name=st.text(alphabet=string.printable + "가나다/\\..:\x00", min_size=1, max_size=60))
def test_hostile_image_paths_never_escape(tmp_path_factory, name):
    base = tmp_path_factory.mktemp("fz")
    secret = base / "secret.png"
    write_png(secret)
    root = make_catalog(base / "shop", items={"x": item_doc("x", image=name)})
    cat = load_catalog(root)
    for item in cat.items:  # if it loaded, its picture came from inside the item folder
        resolved = (item.folder / item.image_file).resolve()
        assert (root / "items" / "x").resolve() in resolved.parents


@pytest.mark.parametrize("cut", [10, 100, 1000, 5000])
def test_truncated_pngs(tmp_path, cut):
    root = make_catalog(tmp_path / "shop")
    img = root / "items" / "tee" / "image.png"
    big = np.random.default_rng(0).integers(0, 255, (300, 300, 4), dtype=np.uint8)
    cv2.imwrite(str(img), big)
    img.write_bytes(img.read_bytes()[:cut])
    cat = load_catalog(root)
    assert cat.items == () and cat.problems[0].item == "tee"


def test_catalog_with_thousands_of_entries_is_capped(tmp_path):
    root = make_catalog(tmp_path / "shop")
    for i in range(520):
        d = root / "items" / f"junk-{i:04d}"
        d.mkdir()
    cat = load_catalog(root)
    assert any("only the first 500" in p.message for p in cat.problems)


def test_symlinked_item_folder_is_refused(tmp_path):
    outside = make_catalog(tmp_path / "elsewhere")
    root = make_catalog(tmp_path / "shop")
    (root / "items" / "linked").symlink_to(outside / "items" / "tee", target_is_directory=True)
    cat = load_catalog(root)
    assert [it.id for it in cat.items] == ["tee"]
    assert any(p.item == "linked" and "not an item folder" in p.message for p in cat.problems)


def test_item_json_symlinked_out_is_refused(tmp_path):
    outside = tmp_path / "other.json"
    outside.write_text(json.dumps(item_doc("x")))
    root = make_catalog(tmp_path / "shop", items={"x": item_doc("x")})
    (root / "items" / "x" / "item.json").unlink()
    (root / "items" / "x" / "item.json").symlink_to(outside)
    cat = load_catalog(root)
    assert cat.items == () and "outside the catalog" in cat.problems[0].message
