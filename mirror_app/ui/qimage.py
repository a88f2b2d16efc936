"""The one numpy ↔ Qt image boundary."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PySide6.QtGui import QImage


def rgb_to_qimage(rgb: npt.NDArray[np.uint8]) -> QImage:
    """Wrap an (H, W, 3) uint8 RGB array without copying; the array is kept alive by the QImage."""
    if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
        raise ValueError(f"expected (H, W, 3) uint8, got {rgb.shape} {rgb.dtype}")
    arr = np.ascontiguousarray(rgb)
    h, w = arr.shape[:2]
    image = QImage(arr.data, w, h, arr.strides[0], QImage.Format.Format_RGB888)
    image._keep = arr  # type: ignore[attr-defined]  # the buffer must outlive the QImage
    return image


def rgba_to_qimage(rgba: npt.NDArray[np.uint8]) -> QImage:
    """An independent QImage (copied) from straight-alpha RGBA."""
    if rgba.ndim != 3 or rgba.shape[2] != 4 or rgba.dtype != np.uint8:
        raise ValueError(f"expected (H, W, 4) uint8, got {rgba.shape} {rgba.dtype}")
    arr = np.ascontiguousarray(rgba)
    h, w = arr.shape[:2]
    return QImage(arr.data, w, h, arr.strides[0], QImage.Format.Format_RGBA8888).copy()


def qimage_to_rgb(image: QImage) -> npt.NDArray[np.uint8]:
    """Copy a QImage into an (H, W, 3) RGB array (for photos and tests)."""
    img = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h = img.width(), img.height()
    buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.sizeInBytes()).reshape(h, img.bytesPerLine())
    return buf[:, : w * 3].reshape(h, w, 3).copy()
