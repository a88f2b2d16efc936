"""Shared pieces for the photo-share tests: a fake clock, a photo, a server on loopback."""

from __future__ import annotations

import contextlib
import http.client
import socket

import cv2
import numpy as np
import pytest

from mirror_app.domain import Language
from mirror_app.photo import encode_jpeg
from mirror_app.share import ClientLimiter, OutfitLine, PhotoServer, PhotoShelf, SharedPhoto, open_listener, share_app


class FakeClock:
    """Monotonic seconds that move only when a test says so."""

    def __init__(self, t: float = 1000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, s: float) -> None:
        self.t += s


def photo_rgb(w: int = 90, h: int = 160, seed: int = 7) -> np.ndarray:
    """A small picture with structure (gradients and a few shapes), so JPEG round trips are checkable."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w]
    img = np.stack([x * 255 // max(w - 1, 1), y * 255 // max(h - 1, 1), (x + y) % 256], axis=-1).astype(np.uint8)
    for _ in range(4):
        cx, cy = int(rng.integers(0, w)), int(rng.integers(0, h))
        cv2.circle(img, (cx, cy), 12, tuple(int(v) for v in rng.integers(0, 255, 3)), -1)
    return img


OUTFIT = (
    OutfitLine(
        ("둥근 안경", "Round glasses"), ("39,000원", "₩39,000"), "https://shop.example/order?items=round-glasses"
    ),
    OutfitLine(
        ("트렌치 코트", "Trench coat"), ("189,000원", "₩189,000"), "https://shop.example/order?items=trench-coat"
    ),
)


def shared_photo(lang: Language = Language.KO, rgb: np.ndarray | None = None) -> SharedPhoto:
    rgb = photo_rgb() if rgb is None else rgb
    return SharedPhoto(
        jpeg=encode_jpeg(rgb),
        size=(rgb.shape[1], rgb.shape[0]),
        lang=lang,
        shop=("미러 부티크", "Mirror Boutique"),
        outfit=OUTFIT,
        order_all="https://shop.example/order?items=round-glasses,trench-coat",
        until="14:32",
    )


class LoopbackServer:
    """The real waitress server on 127.0.0.1 (a free port), serving a shelf with a fake clock."""

    def __init__(self, burst: int = 30, per_s: float = 1.0) -> None:
        self.clock = FakeClock()
        self.shelf = PhotoShelf(600.0, clock=self.clock)
        self.limiter = ClientLimiter(burst, per_s, clock=self.clock)
        self.listener = open_listener("127.0.0.1", 0)
        self.server = PhotoServer(self.listener, share_app(self.shelf, self.limiter))
        self.server.start()

    @property
    def port(self) -> int:
        return self.listener.port

    def get(self, path: str, method: str = "GET", source: str = "127.0.0.1", headers: dict | None = None):
        """(status, headers, body) for one request from ``source`` (any 127.x address)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10, source_address=(source, 0))
        try:
            conn.request(method, path, headers=headers or {})
            r = conn.getresponse()
            return r.status, dict(r.getheaders()), r.read()
        finally:
            conn.close()

    def raw(self, data: bytes, read_limit: int = 1 << 20) -> bytes:
        """Send raw bytes and read what comes back until the server closes (malformed requests)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as s:
            s.sendall(data)
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_WR)
            out = b""
            while len(out) < read_limit:
                try:
                    chunk = s.recv(65536)
                except (ConnectionResetError, TimeoutError):
                    break
                if not chunk:
                    break
                out += chunk
            return out

    def stop(self) -> None:
        self.server.stop()


@pytest.fixture
def loopback():
    server = LoopbackServer()
    yield server
    server.stop()
