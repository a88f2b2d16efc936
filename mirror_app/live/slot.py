"""A latest-value slot: the one hand-off between threads. Writers replace, readers take the
newest; nothing queues, so a slow reader drops stale frames instead of falling behind.
"""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

T = TypeVar("T")


class LatestSlot(Generic[T]):
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._value: T | None = None
        self._version = 0
        self._replaced_unread = 0
        self._read_version = 0

    def put(self, value: T) -> None:
        with self._cond:
            if self._version != self._read_version:
                self._replaced_unread += 1  # the previous value was never taken: dropped
            self._value = value
            self._version += 1
            self._cond.notify_all()

    def peek(self) -> tuple[T | None, int]:
        """The newest value and its version, without marking it read."""
        with self._cond:
            return self._value, self._version

    def take_newer(self, than_version: int, timeout: float | None = None) -> tuple[T | None, int]:
        """Wait up to ``timeout`` for a value newer than ``than_version``; marks it read."""
        with self._cond:
            if self._version <= than_version:
                self._cond.wait_for(lambda: self._version > than_version, timeout=timeout)
            if self._version <= than_version:
                return None, than_version
            self._read_version = self._version
            return self._value, self._version

    @property
    def dropped(self) -> int:
        with self._cond:
            return self._replaced_unread
