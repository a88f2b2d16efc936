"""docs/catalog.schema.json and docs/item.schema.json agree with the loader and accept real catalogs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

jsonschema = pytest.importorskip("jsonschema")

from mirror_app.catalog import loader  # noqa: E402
from mirror_app.catalog.starter import new_catalog  # noqa: E402
from mirror_app.overlay import ANCHOR_NAMES, Category  # noqa: E402
from mirror_app.resources import demo_catalog_dir  # noqa: E402

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _schema(name: str) -> dict:
    schema = json.loads((DOCS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _check_catalog(root: Path) -> None:
    manifest = _schema("catalog.schema.json")
    item = _schema("item.schema.json")
    jsonschema.validate(json.loads((root / "catalog.json").read_text(encoding="utf-8")), manifest)
    docs = sorted((root / "items").glob("*/item.json"))
    assert docs
    for path in docs:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), item)


def test_schema_and_loader_agree_on_keys():
    manifest, item = _schema("catalog.schema.json"), _schema("item.schema.json")
    assert set(manifest["properties"]) == loader.MANIFEST_KEYS
    assert set(item["properties"]) == loader.ITEM_KEYS
    assert set(item["required"]) == set(loader.ITEM_REQUIRED)
    assert set(item["properties"]["variants"]["items"]["properties"]) == loader.VARIANT_KEYS
    assert set(item["properties"]["anchors"]["propertyNames"]["enum"]) == set(ANCHOR_NAMES)
    assert set(item["properties"]["category"]["enum"]) == {c.value for c in Category}
    chart = manifest["properties"]["size_charts"]["additionalProperties"]
    assert set(chart["properties"]["sizes"]["additionalProperties"]["propertyNames"]["enum"]) == loader.MEASUREMENTS
    assert item["properties"]["price"]["maximum"] == loader.MAX_PRICE
    assert item["properties"]["id"]["pattern"] == loader.ID_PATTERN.pattern


def test_starter_catalog_matches_the_schemas(tmp_path):
    new_catalog(tmp_path / "shop")
    _check_catalog(tmp_path / "shop")


def test_demo_catalog_matches_the_schemas():
    root = demo_catalog_dir()
    if not (root / "catalog.json").is_file():
        pytest.skip(f"no demo catalog at {root} yet")
    _check_catalog(root)


@pytest.mark.parametrize(
    "patch",
    [{"prize": 1}, {"price": -1}, {"price": "19,000"}, {"category": "tops"}, {"image": "../x.png"}, {"id": "A B"}],
)
def test_schema_rejects_what_the_loader_rejects(patch):
    doc = {
        "id": "tee",
        "category": "top",
        "name": {"ko": "티", "en": "Tee"},
        "price": 1,
        "image": "image.png",
        "anchors": {"neck": [1, 1], "left_shoulder": [2, 1]},
    }
    jsonschema.validate(doc, _schema("item.schema.json"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**doc, **patch}, _schema("item.schema.json"))
