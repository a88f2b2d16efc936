"""The real mirror (build_mirror: the demo clip, the live engine, the window, the LAN share as
`mirror-app run` wires it) serving phones while it runs. Waits count the window's frames; the
photo's expiry runs on an injected clock."""

from __future__ import annotations

import json
import socket
import threading

import pytest

pytest.importorskip("pytestqt")

from mirror_app.config import MirrorConfig
from mirror_app.resources import demo_video_path
from mirror_app.session.state import Screen
from mirror_app.share import PhotoShelf, open_listener
from mirror_app.ui import app as app_module
from mirror_app.ui.app import RunOptions, build_mirror

from .conftest import FakeClock

pytestmark = [pytest.mark.gui, pytest.mark.model, pytest.mark.slow]


def get(url_base: str, path: str, source: str):
    import http.client

    host, port = url_base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30, source_address=(source, 0))
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


class Mirror:
    def __init__(self, qtbot, tmp_path, monkeypatch, **config):
        self.clock = FakeClock()
        shelves: list[PhotoShelf] = []

        def shelf(keep_s: float) -> PhotoShelf:
            shelves.append(PhotoShelf(keep_s, clock=self.clock))
            return shelves[-1]

        monkeypatch.setattr(app_module, "PhotoShelf", shelf)
        self.events = tmp_path / "events.jsonl"
        self.listener = open_listener("127.0.0.1", 0)
        cfg = MirrorConfig(photo_share="lan", photo_address="127.0.0.1", analytics_enabled=False, **config)
        options = RunOptions(
            video=demo_video_path(),
            windowed=True,
            window_size=(360, 640),
            wear=("round-glasses",),
            events=self.events,
            photo_listener=self.listener,
        )
        self.qtbot = qtbot
        self.m = build_mirror(cfg, options)
        # pytest-qt deletes the window (and the mirror's timers under it) on the main thread at the
        # end of the test; left to Python's garbage collector it could go on any thread.
        qtbot.addWidget(self.m.window)
        (self.shelf,) = shelves
        self.m.start()

    @property
    def shown(self) -> int:
        frame = self.m.driver.frame
        return frame.frame_index if frame is not None else -1

    def frames(self, n: int, timeout: int = 30000) -> None:
        start = self.shown
        self.qtbot.waitUntil(lambda: self.shown >= start + n, timeout=timeout)

    def lines(self):
        return [json.loads(line) for line in self.events.read_text().splitlines()] if self.events.exists() else []

    def shared(self) -> list[str]:
        return [e["url"] for e in self.lines() if e["event"] == "photo_shared"]

    def take_photo(self) -> str:
        before = len(self.shared())
        self.m.take_photo()
        self.qtbot.waitUntil(lambda: len(self.shared()) > before, timeout=30000)
        assert self.m.controller.screen is Screen.PHOTO
        return self.shared()[-1]


@pytest.fixture
def mirror(qtbot, tmp_path, monkeypatch):
    m = Mirror(qtbot, tmp_path, monkeypatch)
    yield m
    m.m.stop()


def test_twenty_phones_load_the_photo_while_the_mirror_keeps_showing_frames(mirror):
    mirror.frames(5)
    url = mirror.take_photo()
    base, path = url.split("/p/")[0], "/p/" + url.split("/p/")[1]
    jpeg = get(base, path + "/photo.jpg", "127.0.0.2")[1]
    results: list[bool] = []
    shown_before = mirror.shown

    def phone(i: int) -> None:
        source = f"127.0.3.{i + 1}"
        for _ in range(3):  # a page load with the photo, three times (a reload, the save)
            page, photo = get(base, path, source), get(base, path + "/photo.jpg", source)
            results.append(page[0] == 200 and b'id="photo"' in page[1] and photo == (200, jpeg))

    phones = [threading.Thread(target=phone, args=(i,)) for i in range(20)]
    for t in phones:
        t.start()
    mirror.frames(30)  # the window goes on getting frames while the phones load
    for t in phones:
        t.join(60)
    assert results == [True] * 60
    assert mirror.shown >= shown_before + 30


def test_stalled_and_hostile_clients_do_not_stop_the_mirror_or_other_phones(mirror):
    mirror.frames(5)
    url = mirror.take_photo()
    base, path = url.split("/p/")[0], "/p/" + url.split("/p/")[1]
    port = int(base.rsplit(":", 1)[1])
    stalled = []
    for _ in range(30):  # half-sent requests that never finish (slow loris)
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        stalled.append(s)
    try:
        codes = [get(base, path, "127.0.4.1")[0] for _ in range(40)]  # a burst from one client
        assert codes.count(429) == 10 and codes.count(200) == 30
        assert get(base, "/p/../../../etc/passwd", "127.0.4.2")[0] == 404
        assert get(base, path, "127.0.4.3")[0] == 200  # another phone still gets its photo
        mirror.frames(30)  # and the mirror still shows its frames
    finally:
        for s in stalled:
            s.close()


def test_after_expiry_and_after_exit_no_photo_remains(mirror, tmp_path):
    mirror.frames(5)
    url = mirror.take_photo()
    base, path = url.split("/p/")[0], "/p/" + url.split("/p/")[1]
    assert get(base, path, "127.0.5.1")[0] == 200 and mirror.shelf.bytes_held > 0
    mirror.clock.advance(599)
    mirror.frames(3)
    assert len(mirror.shelf) == 1
    mirror.clock.advance(1)
    # no phone asks: the mirror's own sweep (each second) takes the photo out of memory
    mirror.qtbot.waitUntil(lambda: len(mirror.shelf) == 0, timeout=10000)
    assert mirror.shelf.bytes_held == 0
    assert get(base, path, "127.0.5.1")[0] == 410
    assert get(base, path + "/photo.jpg", "127.0.5.1")[0] == 410
    mirror.frames(3)
    second = mirror.take_photo()
    assert second != url and len(mirror.shelf) == 1
    mirror.m.stop()
    assert len(mirror.shelf) == 0  # closing the mirror forgets the rest
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", int(base.rsplit(":", 1)[1])), timeout=2).close()
    assert not [t.name for t in threading.enumerate() if t.name.startswith(("mirror-share", "waitress"))]
    images = [p for p in tmp_path.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png")]
    assert images == []
    names = [e["event"] for e in mirror.lines()]
    assert names[-1] == "visit_ended" and "item_worn" in names
    taken = [i for i, n in enumerate(names) if n == "photo_taken"]
    assert [names[i + 1] for i in taken] == ["photo_shared", "photo_shared"]  # each photo: taken, then shared
    mirror.m.stop = lambda: None  # already stopped
