"""Logs a kiosk keeps for months: rotating files in the platform's log folder, native crashes
(faulthandler) in a crash file, and every uncaught exception, from any thread.

Nothing here ever writes image data: the filter below replaces arrays and large byte strings
in log arguments with their shape, so a careless ``log.debug("%s", frame)`` cannot leak a
shopper's picture into a file.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from ..config import APP_NAME

log = logging.getLogger("mirror_app")

LOG_FILE = "mirror-app.log"
CRASH_FILE = "crash.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5
CRASH_MAX_BYTES = 1024 * 1024
MAX_MESSAGE_CHARS = 4000
FORMAT = "%(asctime)s.%(msecs)03d %(levelname)-7s %(name)s [%(threadName)s] %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
FILE_ONLY = {"file_only": True}  # ``extra=`` for records the console has already shown another way


_active: LogSetup | None = None


def active_crash_stream() -> IO[str] | None:
    """The open crash file of the current ``setup_logging``, for other faulthandler timers."""
    return _active.crash_stream if _active is not None else None


def default_log_dir() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False))


class NoImageData(logging.Filter):
    """Replaces arrays and big binary arguments by a short description; caps message length."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_scrub(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _scrub(v) for k, v in record.args.items()}
        if not isinstance(record.msg, str):
            record.msg = _scrub(record.msg)
        return True


def _scrub(value: Any) -> Any:
    shape, dtype = getattr(value, "shape", None), getattr(value, "dtype", None)
    if shape is not None and dtype is not None:
        return f"<array {'x'.join(map(str, shape))} {dtype}>"
    if isinstance(value, bytes | bytearray | memoryview) and len(value) > 64:
        return f"<{len(value)} bytes>"
    if isinstance(value, str) and len(value) > MAX_MESSAGE_CHARS:
        return value[:MAX_MESSAGE_CHARS] + f"… ({len(value)} characters)"
    return value


@dataclass
class LogSetup:
    """What ``setup_logging`` installed; ``close()`` undoes it (tests, and the end of a run)."""

    folder: Path | None
    log_file: Path | None
    crash_file: Path | None
    crash_stream: IO[str] | None = None
    handlers: list[logging.Handler] = field(default_factory=list)
    problem: str = ""  # why the log folder could not be used, if it could not
    _previous_hooks: tuple[Any, Any] = (None, None)
    _previous_level: int = logging.WARNING

    def close(self) -> None:
        global _active
        if _active is self:
            _active = None
        root = logging.getLogger()
        for handler in self.handlers:
            root.removeHandler(handler)
            handler.close()
        self.handlers.clear()
        root.setLevel(self._previous_level)
        if self._previous_hooks != (None, None):
            sys.excepthook, threading.excepthook = self._previous_hooks
            self._previous_hooks = (None, None)
        if self.crash_stream is not None:
            faulthandler.cancel_dump_traceback_later()
            if sys.stderr is not None and _has_fileno(sys.stderr):
                faulthandler.enable(file=sys.stderr)
            else:
                faulthandler.disable()
            self.crash_stream.close()
            self.crash_stream = None


def setup_logging(
    level: str = "INFO",
    *,
    folder: Path | None = None,
    console_level: int | None = logging.WARNING,
    to_file: bool = True,
) -> LogSetup:
    """Install file logging, the crash file and the exception hooks for this process.

    ``level`` is the configuration's ``[logging] level``; the console (stderr, when there is
    one) shows ``console_level`` and above. When the log folder cannot be written the app
    still runs, logging to the console only, and ``problem`` says why.
    """
    root = logging.getLogger()
    setup = LogSetup(None, None, None, _previous_level=root.level)
    for handler in list(root.handlers):  # basicConfig from the command line: replaced here
        root.removeHandler(handler)
    formatter = logging.Formatter(FORMAT, DATE_FORMAT)
    file_level = getattr(logging, level.upper(), logging.INFO)
    scrub = NoImageData()

    if to_file:
        target = folder or default_log_dir()
        try:
            target.mkdir(parents=True, exist_ok=True)
            file_handler = logging.handlers.RotatingFileHandler(
                target / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
            file_handler.setLevel(file_level)
            file_handler.setFormatter(formatter)
            file_handler.addFilter(scrub)
            root.addHandler(file_handler)
            setup.handlers.append(file_handler)
            setup.folder, setup.log_file = target, target / LOG_FILE
            setup.crash_file = target / CRASH_FILE
            setup.crash_stream = _open_crash_file(setup.crash_file)
        except OSError as exc:
            setup.problem = f"cannot write logs in {target}: {exc.strerror or exc}"

    if console_level is not None and sys.stderr is not None:
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(console_level)
        console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        console.addFilter(scrub)
        console.addFilter(lambda record: not getattr(record, "file_only", False))
        root.addHandler(console)
        setup.handlers.append(console)

    levels = [h.level for h in setup.handlers] or [file_level]
    root.setLevel(min(levels))
    for noisy in ("PIL", "matplotlib", "absl"):
        logging.getLogger(noisy).setLevel(max(logging.INFO, root.level))

    if setup.crash_stream is not None:
        faulthandler.enable(file=setup.crash_stream, all_threads=True)
    setup._previous_hooks = (sys.excepthook, threading.excepthook)
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_uncaught_in_thread
    if setup.problem:
        log.warning("%s; logging to the console only", setup.problem)
    global _active
    _active = setup
    return setup


def _open_crash_file(path: Path) -> IO[str]:
    """The crash file, kept open for the process's life (faulthandler writes to its descriptor).

    A header marks each start, so a dump can be matched to a run; a file past 1 MB is moved
    to ``crash.log.1`` first, so it cannot grow without end on a kiosk that restarts daily.
    """
    try:
        if path.stat().st_size > CRASH_MAX_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))
    except FileNotFoundError:
        pass
    stream = open(path, "a", encoding="utf-8")  # noqa: SIM115 - must stay open for faulthandler
    stream.write(f"--- mirror-app started {time.strftime('%Y-%m-%d %H:%M:%S')} pid {os.getpid()} ---\n")
    stream.flush()
    return stream


def _has_fileno(stream: Any) -> bool:
    try:
        stream.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    return True


def _log_uncaught(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    log.critical("uncaught exception", exc_info=(kind, value, tb))


def _log_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    log.critical(
        "uncaught exception in thread %s",
        name,
        exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback),
    )
