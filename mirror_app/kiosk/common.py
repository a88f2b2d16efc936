"""Facts the self-test and the doctor both report: which files the configuration points to,
and whether the pose model is the one that was shipped.
"""

from __future__ import annotations

import hashlib
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..config import MirrorConfig
from ..resources import default_model_path, demo_catalog_dir


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def describe_build() -> str:
    """``mirror-app 0.1.0 (frozen build) · Python 3.11.7 · Linux-6.1-x86_64``."""
    kind = "frozen build" if is_frozen() else "from source"
    return f"mirror-app {__version__} ({kind}) · Python {platform.python_version()} · {platform.platform(terse=True)}"


def model_path(config: MirrorConfig) -> Path:
    return Path(config.model_path) if config.model_path else default_model_path()


def catalog_path(config: MirrorConfig) -> Path:
    return Path(config.catalog_path) if config.catalog_path else demo_catalog_dir()


@dataclass(frozen=True)
class ModelIdentity:
    path: Path
    sha256: str
    expected: str | None  # from a SHA256SUMS file next to the model, when it lists this file

    @property
    def matches(self) -> bool | None:
        return None if self.expected is None else self.expected == self.sha256

    def describe(self) -> str:
        note = {
            True: "matches SHA256SUMS",
            False: f"does NOT match SHA256SUMS (expected {self.expected[:12] if self.expected else ''})",
            None: "not listed in a SHA256SUMS file",
        }[self.matches]
        return f"{self.path} sha256 {self.sha256[:12]} ({note})"


def identify_model(path: Path) -> ModelIdentity:
    """Hash the model file (raises OSError when it cannot be read)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return ModelIdentity(path, digest.hexdigest(), _listed_sum(path))


def _listed_sum(path: Path) -> str | None:
    sums = path.parent / "SHA256SUMS"
    try:
        text = sums.read_text(encoding="utf-8")
    except OSError:
        return None
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].lstrip("*") == path.name:
            return parts[0].lower()
    return None


def device_exists(device: int | str) -> bool | None:
    """On Linux, whether the camera's device node exists (None: cannot tell on this platform)."""
    if not sys.platform.startswith("linux"):
        return None
    if isinstance(device, int) or device.isdigit():
        return Path(f"/dev/video{int(device)}").exists()
    return Path(device).exists()


class quiet_opencv:  # noqa: N801 - a context manager, named like one
    """OpenCV logs a warning for each camera that is not there; the callers report it themselves."""

    def __enter__(self) -> None:
        try:
            import cv2.utils.logging as cvlog

            self._previous: int | None = cvlog.getLogLevel()
            cvlog.setLogLevel(cvlog.LOG_LEVEL_ERROR)
        except (ImportError, AttributeError):
            self._previous = None

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            import cv2.utils.logging as cvlog

            cvlog.setLogLevel(self._previous)
