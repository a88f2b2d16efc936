"""Writing catalogs so that a crash never leaves one half-written.

A file is written next to its final name under a hidden temporary name, flushed to disk, then
renamed over the old one (``os.replace`` is atomic). A new item is built whole in a hidden
folder inside ``items/`` (the loader skips hidden folders) and then renamed into place.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from ..errors import CatalogError
from .loader import ID_PATTERN, ITEM_FILE, ITEMS_DIR, MANIFEST

U8Image = npt.NDArray[np.uint8]


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); harmless to skip where folders cannot be opened."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: readers see the old file or the new one."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise CatalogError(f"cannot write {path}: {exc.strerror}; check the folder is writable") from None
    _fsync_dir(path.parent)


_PAIR = re.compile(r"\[\s+(-?[0-9][0-9.eE+-]*),\s+(-?[0-9][0-9.eE+-]*)\s+\]")


def json_bytes(doc: Mapping[str, Any]) -> bytes:
    """Readable UTF-8 JSON (Korean as is); [x, y] pairs kept on one line."""
    text = _PAIR.sub(r"[\1, \2]", json.dumps(doc, ensure_ascii=False, indent=2))
    return (text + "\n").encode("utf-8")


def write_json_atomic(path: Path, doc: Mapping[str, Any]) -> None:
    write_bytes_atomic(path, json_bytes(doc))


def png_bytes(rgba: U8Image) -> bytes:
    """PNG of an (H, W, 4) RGBA image."""
    if rgba.ndim != 3 or rgba.shape[2] != 4 or rgba.dtype != np.uint8:
        raise ValueError(f"expected rgba of shape (H, W, 4) uint8, got {rgba.shape} {rgba.dtype}")
    ok, buf = cv2.imencode(".png", cv2.cvtColor(rgba, cv2.COLOR_RGBA2BGRA))
    if not ok:
        raise CatalogError("cannot encode the picture as PNG")
    return bytes(buf.tobytes())


def unique_id(catalog_root: Path, wanted: str, taken: set[str] | None = None) -> str:
    """``wanted`` if no item folder (or ``taken`` id) has it yet, else ``wanted-2``, ``-3``…"""
    items = catalog_root / ITEMS_DIR
    used = set(taken or ())
    if items.is_dir():
        used |= {p.name for p in items.iterdir()}
    base = wanted[:60].strip("-") or "item"
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def add_item(catalog_root: Path, doc: Mapping[str, Any], files: Mapping[str, bytes]) -> Path:
    """Create ``items/<id>/`` with ``item.json`` and ``files`` in one step; returns the folder.

    Refuses an existing folder: an import never overwrites what the owner made.
    """
    item_id = str(doc["id"])
    if not ID_PATTERN.match(item_id):
        raise CatalogError(f"item id {item_id!r} is not valid: use lowercase letters, digits and dashes")
    items = catalog_root / ITEMS_DIR
    final = items / item_id
    if final.exists():
        raise CatalogError(f"{final} already exists; choose another id")
    try:
        items.mkdir(exist_ok=True)
        tmp = items / f".new-{item_id}-{secrets.token_hex(4)}"
        tmp.mkdir()
    except OSError as exc:
        raise CatalogError(f"cannot write into {items}: {exc.strerror}; check the folder is writable") from None
    try:
        for name, data in {**files, ITEM_FILE: json_bytes(doc)}.items():
            with open(tmp / name, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        _fsync_dir(tmp)
        os.replace(tmp, final)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise CatalogError(f"cannot write {final}: {exc.strerror}; check the folder is writable") from None
    _fsync_dir(items)
    return final


def remove_item(folder: Path) -> None:
    """Take an item folder away in one step (renamed hidden first, then deleted)."""
    trash = folder.with_name(f".gone-{folder.name}-{secrets.token_hex(4)}")
    os.replace(folder, trash)
    shutil.rmtree(trash, ignore_errors=True)


def manifest_path(catalog_root: Path) -> Path:
    return catalog_root / MANIFEST
