"""Where the product in a photo is: U²-Net-p salient-object segmentation, run with onnxruntime.

The one module that imports onnxruntime (an import-linter contract says so). The shipped model
(assets/models/u2netp.onnx, Apache-2.0; assets/models/README.md) is loaded once, lazily, on the
first photo, with at most two threads: the kiosk PC has two cores and the mirror may be running.
Nothing is downloaded; onnxruntime's telemetry is switched off before the session starts.

``saliency(photo_rgb)`` gives a float map in [0, 1] at the photo's size: ~1 on the garment,
~0 on the backdrop. It knows "the object" (white on white, a print on a white tee) where colour
rules fail, but its edge is soft and coarse (320×320), so the cut-out refines it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from ..resources import saliency_model_path

F32 = npt.NDArray[np.float32]
U8Image = npt.NDArray[np.uint8]

SIDE = 320  # the network's input size
THREADS = 2
MEAN = np.array([0.485, 0.456, 0.406], np.float32)  # ImageNet statistics, as U²-Net was trained
STD = np.array([0.229, 0.224, 0.225], np.float32)


class SaliencyUnavailable(RuntimeError):  # noqa: N818 - reads as "the saliency model is unavailable"
    """The model file is missing or unreadable, or onnxruntime cannot run it (an install problem)."""


class SaliencyModel:
    """One onnxruntime session over U²-Net-p; call it with RGB photos."""

    def __init__(self, path: Path, threads: int = THREADS) -> None:
        try:
            import onnxruntime as ort
        except ImportError as exc:  # a broken install: the cut-out falls back and says so
            raise SaliencyUnavailable(f"onnxruntime cannot be imported ({exc})") from None
        if not path.is_file():
            raise SaliencyUnavailable(f"the saliency model {path} is missing (rebuild: tools/build_saliency_model.py)")
        if hasattr(ort, "disable_telemetry_events"):
            ort.disable_telemetry_events()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = max(1, threads)
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.log_severity_level = 3  # errors only: no native warnings on the owner's terminal
        try:
            self._session: Any = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own untyped errors
            raise SaliencyUnavailable(f"the saliency model {path.name} cannot be loaded ({exc})") from None
        self._input = self._session.get_inputs()[0].name
        self._lock = threading.Lock()  # one session, one caller at a time

    def __call__(self, photo_rgb: U8Image) -> F32:
        """(H, W) float32 saliency in [0, 1] of an (H, W, 3) uint8 RGB photo."""
        if photo_rgb.ndim != 3 or photo_rgb.shape[2] != 3 or photo_rgb.dtype != np.uint8:
            raise ValueError(f"expected RGB photo of shape (H, W, 3) uint8, got {photo_rgb.shape} {photo_rgb.dtype}")
        h, w = photo_rgb.shape[:2]
        small = cv2.resize(photo_rgb, (SIDE, SIDE), interpolation=cv2.INTER_AREA).astype(np.float32)
        small /= max(float(small.max()), 1e-6)
        x = ((small - MEAN) / STD).transpose(2, 0, 1)[None]
        with self._lock:
            out = self._session.run(None, {self._input: np.ascontiguousarray(x, np.float32)})
        pred = np.asarray(out[0], np.float32).reshape(SIDE, SIDE)  # d0: the fused, sigmoid output
        full = cv2.resize(pred, (w, h), interpolation=cv2.INTER_LINEAR)
        return np.asarray(np.clip(full, 0.0, 1.0), np.float32)


_model: SaliencyModel | None = None
_model_lock = threading.Lock()


def default_model() -> SaliencyModel:
    """The shipped model, loaded on first use and kept (about 0.2 s to load)."""
    global _model
    with _model_lock:
        if _model is None:
            _model = SaliencyModel(saliency_model_path())
        return _model


def saliency(photo_rgb: U8Image) -> F32:
    """The shipped model's saliency map of ``photo_rgb`` (see ``SaliencyModel.__call__``)."""
    return default_model()(photo_rgb)
