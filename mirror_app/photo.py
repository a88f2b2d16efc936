"""Photos the shopper asks for: the order link in their QR code, the JPEG, and the optional,
short-lived store. Nothing is written unless the shop's configuration says ``policy = "keep"``.
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import cv2
import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

DEFAULT_URL_TEMPLATE = "https://shop.example/order?items={item_ids}"
JPEG_QUALITY = 90


def encode_jpeg(rgb: npt.NDArray[np.uint8]) -> bytes:
    """The photo as JPEG bytes (in memory). Raises ValueError when OpenCV cannot encode it."""
    try:
        ok, buf = cv2.imencode(".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    except cv2.error:
        ok = False
    if not ok:
        raise ValueError("could not encode the photo")
    return bytes(buf.tobytes())


def order_url(template: str, item_ids: Sequence[str]) -> str:
    """The shop's link for this outfit; ids are URL-escaped and comma-separated."""
    return template.format(item_ids=",".join(quote(i, safe="-_.") for i in item_ids))


def qr_matrix(data: str) -> list[list[bool]]:
    """QR modules (True = dark), with the standard 4-module quiet zone."""
    return [list(row) for row in _qr_rows(data)]


@functools.lru_cache(maxsize=8)
def _qr_rows(data: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code of ``data``; cached, since making one costs ~17 ms of pure Python and the same
    texts come back (the guest Wi-Fi's code on every photo)."""
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(bool(v) for v in row) for row in code.get_matrix())


@dataclass(frozen=True)
class SavedPhoto:
    path: Path | None
    error: str = ""


class PhotoStore:
    """Writes photos atomically into one folder and deletes them after ``keep_minutes``."""

    def __init__(self, folder: Path, keep_minutes: int) -> None:
        self.folder = folder
        self.keep_s = keep_minutes * 60.0

    def save(self, rgb: npt.NDArray[np.uint8], now: float | None = None) -> SavedPhoto:
        """Never raises: a full or read-only disk gives an error text for the screen and log."""
        try:
            jpeg = encode_jpeg(rgb)
        except ValueError as exc:
            return SavedPhoto(None, str(exc))
        return self.save_jpeg(jpeg, now)

    def save_jpeg(self, jpeg: bytes, now: float | None = None) -> SavedPhoto:
        """``save`` for a photo already encoded (the LAN share encodes it once for both)."""
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".photo-", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(jpeg)
                target = self.folder / f"mirror-{stamp}-{os.getpid()}-{int((now or time.time()) * 1000) % 1000:03d}.jpg"
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            return SavedPhoto(target)
        except OSError as exc:
            log.warning("photo not saved in %s: %s", self.folder, exc.strerror or exc)
            return SavedPhoto(None, f"photo not saved: {exc.strerror or exc}")

    def purge(self, now: float | None = None) -> int:
        """Delete photos older than the retention time; returns how many."""
        now = time.time() if now is None else now
        removed = 0
        try:
            entries = list(self.folder.glob("mirror-*.jpg")) + list(self.folder.glob(".photo-*.tmp"))
        except OSError:
            return 0
        for p in entries:
            try:
                if now - p.stat().st_mtime > self.keep_s:
                    p.unlink()
                    removed += 1
            except OSError as exc:
                log.warning("could not delete old photo %s: %s", p, exc)
        return removed
