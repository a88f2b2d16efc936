"""Rebuild ``assets/models/pose_landmarker_full.task`` from the mediapipe 0.10.21 wheel.

Why this exists: mediapipe 1.x wheels ship no models and kiosks are offline, so Mirror carries
its own pose model. The two Apache-2.0 TFLite files inside the 0.10.21 wheel lack the image-input
metadata the Tasks API needs; this script adds it with 0.10.21's own metadata writer (which needs
numpy<2, hence a throw-away venv) and zips both files, stored, into a ``.task`` bundle.

Usage:  python tools/build_pose_model.py [--out assets/models/pose_landmarker_full.task]
Needs network access to PyPI (or a pip find-links mirror) once; the result is byte-for-byte
reproducible and its SHA-256 is checked against ``assets/models/SHA256SUMS``.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

WHEEL_SPEC = "mediapipe==0.10.21"
DETECTOR = "mediapipe/modules/pose_detection/pose_detection.tflite"
LANDMARKER = "mediapipe/modules/pose_landmark/pose_landmark_full.tflite"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "assets" / "models" / "pose_landmarker_full.task"
# Deterministic zip entries: fixed timestamp, stored (the Tasks runtime memory-maps members).
ZIP_DATE = (2025, 1, 1, 0, 0, 0)
# TFLite wants its flatbuffer 4-byte aligned to memory-map it without a copy; align to 64.
ALIGN = 64
PAD_EXTRA_ID = 0xD935  # the id Android's zipalign uses for padding


def _aligned_info(member: str, header_offset: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(member, date_time=ZIP_DATE)
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_STORED
    data_start = header_offset + 30 + len(member.encode()) + 4  # 4: the padding field's own header
    pad = (-data_start) % ALIGN
    info.extra = PAD_EXTRA_ID.to_bytes(2, "little") + pad.to_bytes(2, "little") + bytes(pad)
    return info


def _add_metadata(tflite: bytes, *, name: str, mean: float, std: float, outputs: int) -> bytes:
    """Runs inside the 0.10.21 venv only."""
    from mediapipe.tasks.python.metadata.metadata_writers import metadata_writer as mw

    writer = mw.MetadataWriter.create(bytearray(tflite))
    writer.add_general_info(name, "BlazePose GHUM 3D, from mediapipe 0.10.21 (Apache-2.0)")
    writer.add_image_input(norm_mean=[mean], norm_std=[std])
    for _ in range(outputs):
        writer.add_feature_output()
    model, _json = writer.populate()
    return bytes(model)


def _inner(out: Path) -> None:
    import mediapipe

    site = Path(mediapipe.__file__).resolve().parent.parent
    detector = _add_metadata((site / DETECTOR).read_bytes(), name="pose_detector", mean=127.5, std=127.5, outputs=2)
    landmarker = _add_metadata(
        (site / LANDMARKER).read_bytes(), name="pose_landmarks_detector", mean=0.0, std=255.0, outputs=5
    )
    tmp = out.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as bundle:
        for member, data in (("pose_detector.tflite", detector), ("pose_landmarks_detector.tflite", landmarker)):
            bundle.writestr(_aligned_info(member, bundle.fp.tell()), data)  # type: ignore[union-attr]
    os.replace(tmp, out)


def _run(cmd: list[str]) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    out: Path = args.out.resolve()
    if args.inner:
        _inner(out)
        return 0
    with tempfile.TemporaryDirectory(prefix="mirror-model-") as tmpdir:
        venv = Path(tmpdir) / "venv"
        _run([sys.executable, "-m", "venv", str(venv)])
        py = str(venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))
        _run([py, "-m", "pip", "install", "-q", WHEEL_SPEC, "numpy<2"])
        _run([py, __file__, "--inner", "--out", str(out)])
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    print(f"{digest}  {out.name}")
    sums = out.parent / "SHA256SUMS"
    if sums.exists():
        expected = dict(line.split()[::-1] for line in sums.read_text().splitlines() if line.strip())
        if out.name in expected and expected[out.name] != digest:
            print(f"warning: SHA-256 differs from {sums}: expected {expected[out.name]}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
