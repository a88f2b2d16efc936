"""Hot reload: the catalog folder is watched off the UI thread; a good new catalog is handed to
the window through a Qt signal. A broken edit keeps the last good catalog on screen."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..catalog.watch import CatalogUpdate, CatalogWatcher

log = logging.getLogger(__name__)


class CatalogSync(QObject):
    updated = Signal(object)  # CatalogUpdate, delivered on the UI thread

    def __init__(self, folder: Path, watcher: CatalogWatcher, period_s: float = 2.0) -> None:
        super().__init__()
        self.folder = folder
        self._watcher = watcher
        self._period_s = period_s
        self._stop = threading.Event()
        self._reload_now = threading.Event()
        self._thread = threading.Thread(target=self._run, name="mirror-catalog", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._reload_now.set()
        self._thread.join(timeout=5)

    def reload_now(self) -> None:
        """Staff asked for it: reload at once (still off the UI thread)."""
        self._reload_now.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            forced = self._reload_now.wait(self._period_s)
            if self._stop.is_set():
                return
            self._reload_now.clear()
            try:
                update: CatalogUpdate | None = (
                    self._watcher.reload() if forced else self._watcher.poll(time.monotonic())
                )
            except Exception:  # a bad catalog never stops the mirror
                log.exception("catalog watch failed; keeping the current catalog")
                continue
            if update is not None:
                self.updated.emit(update)
