from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
