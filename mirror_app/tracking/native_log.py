"""Keep MediaPipe's native log lines (written straight to file descriptor 2) off the console.

They are captured to a temporary file and handed back, so a failure can still show them.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator


@contextlib.contextmanager
def captured_native_stderr(sink: list[str]) -> Iterator[None]:
    """Redirect fd 2 for the duration; append whatever native code wrote to ``sink``."""
    try:
        fd = sys.__stderr__.fileno() if sys.__stderr__ is not None else 2
        saved = os.dup(fd)
    except (OSError, ValueError, AttributeError):  # no fd 2 (frozen windowed app): nothing to hide
        yield
        return
    with tempfile.TemporaryFile(mode="w+b") as tmp:
        try:
            with contextlib.suppress(Exception):
                sys.stderr.flush()
            os.dup2(tmp.fileno(), fd)
            yield
        finally:
            os.dup2(saved, fd)
            os.close(saved)
            tmp.seek(0)
            sink.append(tmp.read().decode("utf-8", "replace"))
