"""systemd's readiness and watchdog protocol, without a dependency.

A unit with ``Type=notify`` hands the service a datagram socket in ``$NOTIFY_SOCKET``; the
service sends ``READY=1`` once it is up and, with ``WatchdogSec=``, ``WATCHDOG=1`` more often
than every ``$WATCHDOG_USEC`` microseconds, or systemd kills and restarts it. Outside systemd
(Windows, a terminal, tests) every call is a no-op.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)


class Notifier:
    """Sends state lines to ``$NOTIFY_SOCKET``; ``enabled`` is False when there is none."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        self._address = _socket_address(env.get("NOTIFY_SOCKET", ""))
        self._sock: socket.socket | None = None
        self.watchdog_s = _watchdog_interval_s(env)
        self._warned = False

    @property
    def enabled(self) -> bool:
        return self._address is not None

    def send(self, *lines: str) -> bool:
        """Send ``KEY=value`` lines as one message; True if it was delivered."""
        if self._address is None:
            return False
        message = "\n".join(lines).encode("utf-8")
        try:
            if self._sock is None:
                self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
                # Never block the UI thread: a datagram socket blocks the sender when the reader's
                # queue is full; a ping that cannot be queued now is dropped (the next one follows).
                self._sock.setblocking(False)
            self._sock.sendto(message, self._address)
        except OSError as exc:
            if not self._warned:  # once: a failing watchdog socket must not flood the log
                log.warning("cannot notify systemd at %r: %s", self._address, exc)
                self._warned = True
            return False
        return True

    def ready(self, status: str = "") -> bool:
        return self.send("READY=1", *([f"STATUS={status}"] if status else []))

    def watchdog(self) -> bool:
        return self.send("WATCHDOG=1")

    def status(self, text: str) -> bool:
        return self.send(f"STATUS={text}")

    def stopping(self) -> bool:
        return self.send("STOPPING=1")

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


def _socket_address(value: str) -> str | bytes | None:
    """The address to send to: a path, or (leading ``@``) a Linux abstract socket name."""
    if not value or not hasattr(socket, "AF_UNIX"):
        return None
    if value.startswith("@"):
        return b"\0" + value[1:].encode()
    if value.startswith("/"):
        return value
    return None  # vsock and other schemes are not used for user services


def _watchdog_interval_s(env: Mapping[str, str]) -> float | None:
    """The watchdog period systemd expects, or None when the watchdog is off (or not for us)."""
    usec = env.get("WATCHDOG_USEC", "")
    pid = env.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) == 0:
        return None
    if pid and pid.isdigit() and int(pid) != os.getpid():
        return None  # meant for another process (e.g. a wrapper script that started us)
    return int(usec) / 1e6


def ping_interval_ms(watchdog_s: float | None, *, default_s: float = 5.0) -> int:
    """How often to ping: a quarter of systemd's period (so a slow frame is no miss), at most 5 s."""
    period = default_s if watchdog_s is None else min(default_s, watchdog_s / 4)
    return max(100, int(period * 1000))
