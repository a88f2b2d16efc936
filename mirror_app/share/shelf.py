"""The shared photos, in memory only: each under an unguessable token until it expires.

One lock guards the shelf: the UI thread puts and forgets photos, the server's threads look
them up. Entries are frozen, so a reader never sees half a photo. Nothing here touches a disk.
Time comes from the ``clock`` given (monotonic seconds), so tests advance it instead of waiting.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from ..domain import Language

TOKEN_BYTES = 24  # 192 bits from the OS's random source: never guessed, never enumerated
TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")  # what secrets.token_urlsafe(24) gives
CAPACITY = 16  # photos shared at once; a seventeenth retires the oldest
REMEMBER_GONE = 256  # retired tokens remembered, so a late phone hears "expired", not "unknown"


class Missing(StrEnum):
    """Why a token finds no photo."""

    EXPIRED = "expired"  # it was shared here and is gone (its time ran out, or the next visit began)
    UNKNOWN = "unknown"  # never shared here (or so long ago that the shelf forgot it)


@dataclass(frozen=True)
class OutfitLine:
    """One item of the outfit on the phone's page, in both languages, with its order link."""

    name: tuple[str, str]  # (ko, en)
    price: tuple[str, str]  # (ko, en), already written as money
    url: str  # the shop's order page for this item


@dataclass(frozen=True, eq=False)
class SharedPhoto:
    """What a phone may fetch with one token: the JPEG (encoded once) and its page's contents."""

    jpeg: bytes
    size: tuple[int, int]  # the picture's width and height in pixels
    lang: Language  # the language the shopper was using at the mirror
    shop: tuple[str, str]  # the shop's name (ko, en)
    outfit: tuple[OutfitLine, ...]
    order_all: str  # the order link for the whole outfit ("" when there is none)
    until: str  # the local time the link stops working, e.g. "14:32" (shown on the page)


@dataclass(frozen=True, eq=False)
class _Entry:
    photo: SharedPhoto
    expires_at: float


class PhotoShelf:
    """Photos by token, each kept ``keep_s`` seconds at most (``purge`` drops the expired ones)."""

    def __init__(self, keep_s: float, *, clock: Callable[[], float] = time.monotonic, capacity: int = CAPACITY) -> None:
        self.keep_s = keep_s
        self._clock = clock
        self._capacity = capacity
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._gone: OrderedDict[str, None] = OrderedDict()

    def put(self, photo: SharedPhoto) -> str:
        """Shelve ``photo``; returns its new token (URL-safe, 192 bits)."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        with self._lock:
            self._entries[token] = _Entry(photo, self._clock() + self.keep_s)
            while len(self._entries) > self._capacity:
                self._retire(next(iter(self._entries)))
        return token

    def look_up(self, token: str) -> SharedPhoto | Missing:
        """The photo under ``token``, or why there is none. An expired photo is dropped here too."""
        if not TOKEN.fullmatch(token):
            return Missing.UNKNOWN
        with self._lock:
            entry = self._entries.get(token)
            if entry is not None and self._clock() >= entry.expires_at:
                self._retire(token)
                entry = None
            if entry is not None:
                return entry.photo
            return Missing.EXPIRED if token in self._gone else Missing.UNKNOWN

    def expires_in(self, token: str) -> float | None:
        """Seconds until ``token`` stops working (None when it does not work now)."""
        with self._lock:
            entry = self._entries.get(token)
            return None if entry is None else max(0.0, entry.expires_at - self._clock())

    def purge(self) -> int:
        """Drop every photo whose time is up; how many. Call it on a steady timer."""
        with self._lock:
            now = self._clock()
            done = [t for t, e in self._entries.items() if now >= e.expires_at]
            for token in done:
                self._retire(token)
            return len(done)

    def forget_all(self) -> int:
        """Drop every photo now (the next visit began, or the mirror closes); how many."""
        with self._lock:
            tokens = list(self._entries)
            for token in tokens:
                self._retire(token)
            return len(tokens)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    @property
    def bytes_held(self) -> int:
        """JPEG bytes on the shelf now (0 once everything expired)."""
        with self._lock:
            return sum(len(e.photo.jpeg) for e in self._entries.values())

    def _retire(self, token: str) -> None:
        del self._entries[token]
        self._gone[token] = None
        while len(self._gone) > REMEMBER_GONE:
            self._gone.popitem(last=False)
