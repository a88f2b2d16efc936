"""The mirror tells its supervisor it is up, and proves from the UI thread that it still is.

- systemd (``Type=notify``, ``WatchdogSec=``): ``READY=1`` once the event loop runs with the
  window shown, then ``WATCHDOG=1`` from a timer on the UI thread. A frozen event loop stops
  the pings; systemd then aborts the process (faulthandler writes every thread's stack to the
  crash log) and starts it again.
- Everywhere else (Windows, a plain terminal), the same timer re-arms
  ``faulthandler.dump_traceback_later``: if the UI thread stalls for ``stall_timeout_s``, the
  stacks go to the crash log and the process exits with code 1, which the supervisor restarts.
"""

from __future__ import annotations

import faulthandler
import logging
from typing import IO

from PySide6.QtCore import QObject, QTimer

from ..kiosk.logs import active_crash_stream
from ..kiosk.sdnotify import Notifier, ping_interval_ms

log = logging.getLogger(__name__)

STALL_TIMEOUT_S = 60.0  # longer than the unit's WatchdogSec=30, so systemd acts first


class Supervision:
    def __init__(
        self,
        parent: QObject,
        *,
        notifier: Notifier | None = None,
        stall_timeout_s: float | None = None,
        crash_stream: IO[str] | None = None,
        status: str = "",
    ) -> None:
        self.notifier = notifier or Notifier()
        self.stall_timeout_s = stall_timeout_s
        self._crash_stream = crash_stream or active_crash_stream()
        self._status = status
        self.pings = 0
        self._timer = QTimer(parent)
        self._timer.setInterval(ping_interval_ms(self.notifier.watchdog_s))
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        """Call before the event loop starts: readiness is sent from inside the loop."""
        QTimer.singleShot(0, self._ready)
        self._timer.start()

    def _ready(self) -> None:
        if self.notifier.ready(self._status):
            log.info("told systemd the mirror is ready (watchdog every %d ms)", self._timer.interval())
        self._tick()

    def _tick(self) -> None:
        self.pings += 1
        self.notifier.watchdog()
        if self.stall_timeout_s is not None:
            # Re-arming cancels the previous timer: only a UI thread that stops ticking trips it.
            faulthandler.dump_traceback_later(self.stall_timeout_s, exit=True, file=self._stall_file())

    def _stall_file(self) -> IO[str]:
        import sys

        if self._crash_stream is not None and not self._crash_stream.closed:
            return self._crash_stream
        return sys.stderr if sys.stderr is not None else sys.__stderr__  # type: ignore[return-value]

    def stop(self) -> None:
        self._timer.stop()
        if self.stall_timeout_s is not None:
            faulthandler.cancel_dump_traceback_later()
        self.notifier.stopping()
        self.notifier.close()
