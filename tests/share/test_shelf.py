"""The shelf: unguessable tokens, expiry on the injected clock, nothing kept after it."""

from __future__ import annotations

import base64
import gc
import weakref

from mirror_app.share import Missing, PhotoShelf
from mirror_app.share.shelf import TOKEN

from .conftest import FakeClock, shared_photo


def test_tokens_are_url_safe_random_and_at_least_128_bits():
    shelf = PhotoShelf(600, capacity=1000)
    tokens = [shelf.put(shared_photo()) for _ in range(200)]
    assert len(set(tokens)) == 200
    for token in tokens:
        assert TOKEN.fullmatch(token)
        assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) * 8 >= 128
    # no shared structure between tokens (a counter or a time stamp would show as a common prefix)
    assert len({t[:4] for t in tokens}) > 150


def test_a_photo_is_found_until_its_time_is_up_then_expired():
    clock = FakeClock()
    shelf = PhotoShelf(600, clock=clock)
    photo = shared_photo()
    token = shelf.put(photo)
    clock.advance(599.9)
    assert shelf.look_up(token) is photo
    assert shelf.expires_in(token) is not None and 0 < shelf.expires_in(token) < 0.2
    clock.advance(0.1)
    assert shelf.look_up(token) is Missing.EXPIRED
    assert len(shelf) == 0 and shelf.bytes_held == 0


def test_unknown_and_malformed_tokens_are_unknown():
    shelf = PhotoShelf(600)
    shelf.put(shared_photo())
    for token in ("A" * 32, "", "../../etc/passwd", "A" * 31, "A" * 33, "A" * 31 + "/", "A" * 31 + "%"):
        assert shelf.look_up(token) is Missing.UNKNOWN, token


def test_purge_drops_expired_photos_from_memory_without_a_request():
    clock = FakeClock()
    shelf = PhotoShelf(60, clock=clock)
    old = shelf.put(shared_photo())
    clock.advance(30)
    new = shelf.put(shared_photo())
    photo_ref = weakref.ref(shelf.look_up(old))  # type: ignore[arg-type]
    clock.advance(30)
    assert shelf.purge() == 1
    gc.collect()
    assert photo_ref() is None  # nothing else holds the expired photo (or its JPEG)
    assert shelf.look_up(old) is Missing.EXPIRED and shelf.look_up(new) is not Missing.EXPIRED
    clock.advance(30)
    assert shelf.purge() == 1 and shelf.bytes_held == 0


def test_forget_all_empties_the_shelf_at_once():
    shelf = PhotoShelf(600)
    tokens = [shelf.put(shared_photo()) for _ in range(3)]
    refs = [weakref.ref(shelf.look_up(t)) for t in tokens]  # type: ignore[arg-type]
    assert shelf.forget_all() == 3
    gc.collect()
    assert all(r() is None for r in refs)
    assert all(shelf.look_up(t) is Missing.EXPIRED for t in tokens)


def test_capacity_retires_the_oldest_photo():
    shelf = PhotoShelf(600, capacity=2)
    first, second, third = (shelf.put(shared_photo()) for _ in range(3))
    assert shelf.look_up(first) is Missing.EXPIRED
    assert shelf.look_up(second) is not Missing.EXPIRED and shelf.look_up(third) is not Missing.EXPIRED
    assert len(shelf) == 2
