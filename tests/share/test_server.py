"""The real server (waitress) on loopback: what a phone gets, and what everything else gets.

Each refusal is checked by status and by what the body does *not* contain; the server must
answer a good request right after every bad one (it keeps running)."""

from __future__ import annotations

import threading

import cv2
import numpy as np
import pytest

from mirror_app.domain import Language

from .conftest import LoopbackServer, photo_rgb, shared_photo


def ok_after(server: LoopbackServer, token: str) -> None:
    status, _, body = server.get(f"/p/{token}", source="127.0.0.200")
    assert status == 200 and b'id="photo"' in body


def test_the_page_shows_the_photo_save_button_and_order_links_in_the_shoppers_language(loopback):
    token = loopback.shelf.put(shared_photo(Language.KO))
    status, headers, body = loopback.get(f"/p/{token}")
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert '<html lang="ko">' in page and "사진 저장" in page and "입어 본 옷" in page
    assert f'<img id="photo" src="{token}/photo.jpg"' in page
    assert f'href="{token}/photo.jpg?save=1" download="mirror-photo.jpg"' in page
    assert 'href="https://shop.example/order?items=trench-coat"' in page and "189,000원" in page
    assert "14:32" in page
    english = loopback.get(f"/p/{token}?lang=en")[2].decode("utf-8")
    assert '<html lang="en">' in english and "Save photo" in english and "₩189,000" in english


def test_every_answer_forbids_caching_framing_scripts_and_leaking_the_link(loopback):
    token = loopback.shelf.put(shared_photo())
    for path in (f"/p/{token}", f"/p/{token}/photo.jpg", "/p/" + "A" * 32, "/nothing"):
        _, headers, _ = loopback.get(path)
        assert headers["Cache-Control"] == "no-store"
        assert headers["Referrer-Policy"] == "no-referrer"  # the order page never sees the photo's URL
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        assert "script-src" not in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Server"] == "mirror"


def test_the_photo_is_the_jpeg_encoded_once_and_saves_as_a_file(loopback):
    rgb = photo_rgb(120, 200)
    photo = shared_photo(rgb=rgb)
    token = loopback.shelf.put(photo)
    status, headers, body = loopback.get(f"/p/{token}/photo.jpg")
    assert status == 200 and headers["Content-Type"] == "image/jpeg" and body == photo.jpeg
    decoded = cv2.cvtColor(cv2.imdecode(np.frombuffer(body, np.uint8), cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    assert decoded.shape == rgb.shape and np.abs(decoded.astype(int) - rgb).mean() < 4
    status, headers, body = loopback.get(f"/p/{token}/photo.jpg?save=1")
    assert headers["Content-Disposition"] == 'attachment; filename="mirror-photo.jpg"' and body == photo.jpeg
    status, headers, body = loopback.get(f"/p/{token}/photo.jpg", method="HEAD")
    assert status == 200 and body == b"" and headers["Content-Length"] == str(len(photo.jpeg))


def test_expired_and_unknown_tokens_get_the_friendly_page(loopback):
    token = loopback.shelf.put(shared_photo())
    loopback.clock.advance(600)
    for path in (f"/p/{token}", f"/p/{token}/photo.jpg"):
        status, _, body = loopback.get(path)
        assert status == 410 and b"This photo has expired" in body and b"\xff\xd8" not in body
    status, _, body = loopback.get("/p/" + "B" * 32)
    assert status == 404 and "사진 보관 시간이 지났어요".encode() in body
    assert loopback.get("/p/short")[0] == 404


@pytest.mark.parametrize(
    "target",
    [
        "/",
        "/p/",
        "/p",
        "/favicon.ico",
        "/etc/passwd",
        "/../../../../etc/passwd",
        "/p/../../etc/passwd",
        "/p/%2e%2e/%2e%2e/etc/passwd",
        "/p/..%2f..%2fetc%2fpasswd",
        "/p/{token}/../../../etc/passwd",
        "/p/{token}/photo.jpg/..",
        "/p/{token}/",
        "/p/{token}/photo.png",
        "//etc/passwd",
        "/p/{token}%00/photo.jpg",
        "/p/{token}\\..\\..\\win.ini",
        "/P/{token}",
    ],
)
def test_nothing_outside_the_photo_routes_is_served(loopback, target):
    token = loopback.shelf.put(shared_photo())
    request = f"GET {target.format(token=token)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()
    answer = loopback.raw(request)
    status = answer.split(b"\r\n", 1)[0]
    assert status.split()[1] in (b"400", b"404"), answer[:200]
    assert b"root:" not in answer and b"\xff\xd8" not in answer and b"[fonts]" not in answer
    ok_after(loopback, token)


def test_methods_other_than_get_and_head_are_refused(loopback):
    token = loopback.shelf.put(shared_photo())
    for method in ("POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH"):
        status, headers, _ = loopback.get(f"/p/{token}", method=method)
        assert status == 405 and headers["Allow"] == "GET, HEAD"
    ok_after(loopback, token)


def test_oversized_and_malformed_requests_are_refused_cleanly(loopback):
    token = loopback.shelf.put(shared_photo())
    cases = {
        "huge header": (b"431", f"GET /p/{token} HTTP/1.1\r\nHost: x\r\nX-Big: {'a' * 20000}\r\n\r\n".encode()),
        "many headers": (b"431", (f"GET /p/{token} HTTP/1.1\r\nHost: x\r\n" + "X-A: b\r\n" * 2000 + "\r\n").encode()),
        "huge body": (
            b"413",
            f"POST /p/{token} HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n".encode() + b"x" * 4096,
        ),
        "chunked body": (
            b"413",
            f"GET /p/{token} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffff\r\n".encode() + b"x" * 4096,
        ),
        "long query": (b"400", f"GET /p/{token}?{'lang=en&' * 100} HTTP/1.1\r\nHost: x\r\n\r\n".encode()),
        "many fields": (b"400", f"GET /p/{token}?a=1&b=2&c=3&d=4&e=5&f=6 HTTP/1.1\r\nHost: x\r\n\r\n".encode()),
        "tls hello": (b"400", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(256)) + b"\r\n\r\n"),
        "bad request line": (b"400", b"GET\r\n\r\n"),
        "bad content length": (b"400", f"GET /p/{token} HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n".encode()),
    }
    for name, (code, data) in cases.items():
        answer = loopback.raw(data)
        assert answer.split(b"\r\n", 1)[0].split()[1:2] == [code], (name, answer[:120])
        assert b"\xff\xd8" not in answer, name
        ok_after(loopback, token)


def test_a_burst_from_one_phone_is_limited_while_others_still_get_their_photo():
    server = LoopbackServer(burst=30, per_s=1.0)
    try:
        token = server.shelf.put(shared_photo())
        codes = [server.get(f"/p/{token}", source="127.0.0.9")[0] for _ in range(50)]
        assert codes[:30] == [200] * 30 and set(codes[30:]) == {429}
        status, headers, body = server.get(f"/p/{token}", source="127.0.0.9")
        assert status == 429 and int(headers["Retry-After"]) >= 1 and b"Too many requests" in body
        ok_after(server, token)  # another phone is not affected
        server.clock.advance(5)  # five seconds later the phone has five requests again
        assert [server.get(f"/p/{token}", source="127.0.0.9")[0] for _ in range(6)] == [200] * 5 + [429]
    finally:
        server.stop()


def test_many_phones_at_once_all_get_the_whole_photo():
    server = LoopbackServer()
    try:
        photo = shared_photo(rgb=photo_rgb(540, 960))
        token = server.shelf.put(photo)
        results: list[bool] = []

        def phone(i: int) -> None:
            page = server.get(f"/p/{token}", source=f"127.0.1.{i + 1}")
            jpeg = server.get(f"/p/{token}/photo.jpg", source=f"127.0.1.{i + 1}")
            results.append(page[0] == 200 and jpeg[0] == 200 and jpeg[2] == photo.jpeg)

        threads = [threading.Thread(target=phone, args=(i,)) for i in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert results == [True] * 20
    finally:
        server.stop()


def test_stopping_closes_the_port_and_ends_the_servers_threads():
    server = LoopbackServer()
    token = server.shelf.put(shared_photo())
    ok_after(server, token)
    server.stop()
    import socket

    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=2).close()
    names = [t.name for t in threading.enumerate()]
    assert not [n for n in names if n.startswith(("mirror-share-http", "waitress"))], names
