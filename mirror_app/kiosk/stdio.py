"""Standard streams for a windowed executable.

A PyInstaller exe built with ``console=False`` (the Windows kiosk build) starts with
``sys.stdout`` and ``sys.stderr`` set to None: ``print`` then fails silently or raises, and
libraries that write progress bars crash. Give them a harmless sink; the log file is where
a windowed app's messages go (see ``logs.py``).
"""

from __future__ import annotations

import os
import sys


def ensure_std_streams() -> None:
    """Replace missing standard streams with the null device (a no-op in a console)."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the process
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115
