"""Where bundled files live, in a source checkout and in a PyInstaller one-folder build."""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    """The folder that holds ``assets/`` and ``catalogs/``.

    PyInstaller unpacks data files under ``sys._MEIPASS``; from source it is the repository root.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def assets_dir() -> Path:
    return app_root() / "assets"


def default_model_path() -> Path:
    return assets_dir() / "models" / "pose_landmarker_full.task"


def saliency_model_path() -> Path:
    """U²-Net-p, for cutting garments out of product photos (assets/models/README.md)."""
    return assets_dir() / "models" / "u2netp.onnx"


def demo_catalog_dir() -> Path:
    return app_root() / "catalogs" / "demo"


def fonts_dir() -> Path:
    return assets_dir() / "fonts"


def demo_video_path() -> Path:
    return assets_dir() / "demo" / "demo_clip.mp4"
