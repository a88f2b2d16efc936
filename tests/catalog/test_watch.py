"""Hot reload without Qt: the clock is passed in, so debouncing is tested exactly."""

from __future__ import annotations

import json
import os
import shutil

from mirror_app.catalog.watch import CatalogWatcher, catalog_signature
from tests.catalog.builders import item_doc, make_catalog


def _touch(path, text):
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))  # coarse file-system clocks


def test_a_change_is_reloaded_once_it_has_settled(tmp_path):
    root = make_catalog(tmp_path / "shop")
    watcher = CatalogWatcher(root, debounce_s=1.0)
    assert watcher.reload().catalog.item("tee").price == 19000
    assert watcher.poll(0.0) is None
    p = root / "items" / "tee" / "item.json"
    _touch(p, json.dumps(item_doc(price=25000)))
    assert watcher.poll(10.0) is None  # change seen
    assert watcher.poll(10.5) is None  # not settled yet
    update = watcher.poll(11.1)
    assert update is not None and update.reloaded
    assert update.catalog.item("tee").price == 25000
    assert watcher.poll(12.5) is None  # nothing new


def test_a_change_during_the_wait_restarts_it(tmp_path):
    root = make_catalog(tmp_path / "shop")
    watcher = CatalogWatcher(root, debounce_s=1.0)
    p = root / "items" / "tee" / "item.json"
    _touch(p, json.dumps(item_doc(price=1)))
    assert watcher.poll(0.0) is None
    _touch(p, json.dumps(item_doc(price=2)))
    assert watcher.poll(0.9) is None
    assert watcher.poll(1.5) is None
    update = watcher.poll(2.0)
    assert update is not None and update.catalog.item("tee").price == 2


def test_new_item_folder_appears_and_hidden_temporary_folders_are_ignored(tmp_path):
    root = make_catalog(tmp_path / "shop")
    watcher = CatalogWatcher(root, debounce_s=0.5)
    watcher.reload()
    hidden = root / "items" / ".new-x-1234"
    hidden.mkdir()
    (hidden / "item.json").write_text("{", encoding="utf-8")
    assert watcher.poll(0.0) is None and watcher.poll(1.0) is None  # nothing visible changed
    shutil.copytree(root / "items" / "tee", root / "items" / "second")
    doc = item_doc("second")
    _touch(root / "items" / "second" / "item.json", json.dumps(doc))
    watcher.poll(2.0)
    update = watcher.poll(3.0)
    assert update is not None and sorted(it.id for it in update.catalog.items) == ["second", "tee"]


def test_broken_manifest_keeps_the_last_good_catalog_and_says_why(tmp_path):
    root = make_catalog(tmp_path / "shop")
    watcher = CatalogWatcher(root, debounce_s=0.0)
    good = watcher.reload().catalog
    _touch(root / "catalog.json", '{"format": 1, "shop": ')
    watcher.poll(0.0)
    update = watcher.poll(0.1)
    assert update is not None and not update.reloaded
    assert update.catalog is good
    assert update.problems[0].file == "catalog.json" and "not valid JSON" in update.problems[0].message


def test_folder_gone_keeps_the_last_good_catalog(tmp_path):
    root = make_catalog(tmp_path / "shop")
    watcher = CatalogWatcher(root, debounce_s=0.0)
    good = watcher.reload().catalog
    shutil.rmtree(root)
    assert catalog_signature(root) is None
    watcher.poll(0.0)
    update = watcher.poll(0.1)
    assert update is not None and update.catalog is good and not update.reloaded
    assert "not found" in update.problems[0].message


def test_broken_item_is_reported_and_the_rest_reload(tmp_path):
    root = make_catalog(tmp_path / "shop", items={"tee": item_doc(), "good": item_doc("good")})
    watcher = CatalogWatcher(root, debounce_s=0.0)
    watcher.reload()
    _touch(root / "items" / "tee" / "item.json", json.dumps(item_doc(price=-1)))
    watcher.poll(0.0)
    update = watcher.poll(0.1)
    assert update is not None and update.reloaded
    assert [it.id for it in update.catalog.items] == ["good"]
    assert update.problems[0].item == "tee"
