"""Kiosk tests never touch the real config, log or data folders: each test gets its own."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def kiosk_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """XDG folders under tmp_path (platformdirs reads them on Linux), for this process and children."""
    dirs = {name: tmp_path / "xdg" / name for name in ("config", "state", "data", "cache")}
    for name, path in dirs.items():
        path.mkdir(parents=True)
        monkeypatch.setenv(f"XDG_{name.upper()}_HOME", str(path))
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    return dirs


def run_app(*args: str, env: dict[str, str] | None = None, timeout: float = 180, stdin: str | None = None):
    """``mirror-app ARGS`` from source in a child process (the environment includes kiosk_dirs)."""
    import subprocess

    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "mirror_app", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
        input=stdin,
        cwd=ROOT,
    )
