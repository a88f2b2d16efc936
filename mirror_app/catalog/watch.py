"""Hot reload: notice catalog edits and reload, without a restart and without Qt.

``CatalogWatcher.poll(now_s)`` is called from the app's timer (say every 0.5 s) with the clock
passed in. It compares the sizes and modification times of ``catalog.json`` and everything under
``items/`` (hidden names, such as the writer's temporary files, are ignored). A change is only
acted on once nothing has changed for ``debounce_s`` (a file being copied in is not read
half-way). Then the catalog is loaded again; if the manifest cannot be read or the folder has
gone, the last good catalog stays in use and the update says why.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import CatalogError
from .loader import ITEMS_DIR, MANIFEST, load_catalog
from .model import Catalog, Problem

log = logging.getLogger(__name__)

Signature = tuple[tuple[str, int, int], ...]
MAX_FILES = 5000


def catalog_signature(folder: Path) -> Signature | None:
    """(relative path, size, mtime ns) of every catalog file; None if the folder is gone."""
    if not folder.is_dir():
        return None
    entries: list[tuple[str, int, int]] = []
    manifest = folder / MANIFEST
    try:
        st = manifest.stat()
        entries.append((MANIFEST, st.st_size, st.st_mtime_ns))
    except OSError:
        entries.append((MANIFEST, -1, -1))
    items = folder / ITEMS_DIR
    if items.is_dir():
        for root, dirs, files in os.walk(items):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                path = Path(root) / name
                try:
                    st = path.stat()
                except OSError:
                    continue
                entries.append((str(path.relative_to(folder)), st.st_size, st.st_mtime_ns))
                if len(entries) > MAX_FILES:
                    break
    return tuple(entries)


@dataclass(frozen=True, eq=False)
class CatalogUpdate:
    """What a reload gave: the catalog to use now and whether it is new.

    ``reloaded`` is False when the last good catalog was kept; ``problems`` then says why
    (and otherwise lists what the new catalog skipped).
    """

    catalog: Catalog | None
    reloaded: bool
    problems: tuple[Problem, ...]


class CatalogWatcher:
    """Polls a catalog folder; pure Python, single-threaded: call ``poll`` from one thread."""

    def __init__(
        self,
        folder: Path | str,
        *,
        debounce_s: float = 1.0,
        load: Callable[[Path], Catalog] = load_catalog,
        current: Catalog | None = None,
    ) -> None:
        self.folder = Path(folder)
        self.debounce_s = debounce_s
        self._load = load
        self.catalog = current
        self._seen = catalog_signature(self.folder)
        self._changed_at: float | None = None

    def poll(self, now_s: float) -> CatalogUpdate | None:
        """None while nothing (settled) has changed; else the outcome of one reload."""
        sig = catalog_signature(self.folder)
        if sig != self._seen:
            self._seen = sig
            self._changed_at = now_s
            return None
        if self._changed_at is None or now_s - self._changed_at < self.debounce_s:
            return None
        self._changed_at = None
        return self.reload()

    def reload(self) -> CatalogUpdate:
        """Load now; keep the last good catalog if this one cannot be used."""
        try:
            fresh = self._load(self.folder)
        except CatalogError as exc:
            log.warning("catalog reload failed, keeping the last good catalog: %s", exc)
            return CatalogUpdate(
                self.catalog, False, (Problem(str(self.folder), str(exc), "put the catalog folder back"),)
            )
        manifest_bad = tuple(p for p in fresh.problems if p.file == MANIFEST)
        if manifest_bad and self.catalog is not None:
            log.warning("catalog.json cannot be read, keeping the last good catalog: %s", manifest_bad[0])
            return CatalogUpdate(self.catalog, False, manifest_bad)
        self.catalog = fresh
        for p in fresh.problems:
            log.warning("catalog: skipped %s", p)
        log.info("catalog reloaded: %d items, %d problems", len(fresh.items), len(fresh.problems))
        return CatalogUpdate(fresh, True, fresh.problems)
