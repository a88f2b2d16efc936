from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True, scope="session")
def _private_user_folders(tmp_path_factory):
    """Tests (and the apps they start) never touch the real user's config, data or logs."""
    home = tmp_path_factory.mktemp("user")
    saved = {k: os.environ.get(k) for k in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")}
    for key, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        os.environ[key] = str(home / sub)
    yield home
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


ROOT = Path(__file__).resolve().parent.parent
SHARED_MEDIA = ROOT.parent / "shared" / "media"
MODEL = ROOT / "assets" / "models" / "pose_landmarker_full.task"


@pytest.fixture(scope="session")
def media() -> Path:
    if not SHARED_MEDIA.is_dir():
        pytest.skip(f"shared test media not found at {SHARED_MEDIA} (CI provides ../shared)")
    return SHARED_MEDIA


@pytest.fixture(scope="session")
def reference_landmarks(media: Path) -> dict:
    return json.loads((media / "reference_landmarks.json").read_text())["images"]


@pytest.fixture(scope="session")
def model_path() -> Path:
    assert MODEL.is_file(), f"bundled model missing: {MODEL}"
    return MODEL


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(1234)
