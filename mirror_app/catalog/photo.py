"""Reading an owner's photo file: upright, size-checked, with a clear reason when it cannot be read.

``ImportProblem`` is how every step of an import says why a photo cannot become an item, and what
to do about it.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageOps

U8Image = npt.NDArray[np.uint8]

MAX_PHOTO_BYTES = 60 * 1024 * 1024
MAX_PHOTO_PIXELS = 80_000_000
MIN_PHOTO_SIDE = 200
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff")


class ImportProblem(Exception):  # noqa: N818 - reads as "the problem with this photo"
    """Why a photo could not become an item, and what to do about it."""

    def __init__(self, reason: str, fix: str) -> None:
        super().__init__(f"{reason}; {fix}")
        self.reason, self.fix = reason, fix


def read_photo(path: Path) -> U8Image:
    """Decode a photo as BGR, upright (EXIF rotation applied), size-checked before decoding."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportProblem(f"cannot open the file ({exc.strerror})", "check the file name") from None
    if size > MAX_PHOTO_BYTES:
        raise ImportProblem(f"the file is too large ({size / 1e6:.0f} MB)", "use a JPEG or PNG under 60 MB")
    if path.suffix.lower() in (".heic", ".heif"):
        raise ImportProblem("HEIC photos cannot be read", "export the photo as JPEG (most phones can share as JPEG)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                w, h = img.size
                if w * h > MAX_PHOTO_PIXELS:
                    raise ImportProblem(f"the photo is {w}×{h} pixels, too large", "use a photo under 80 megapixels")
                img.load()
                upright = ImageOps.exif_transpose(img) or img
                rgb = np.asarray(upright.convert("RGB"), dtype=np.uint8)
    except ImportProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImportProblem("the photo claims an enormous size", "use an ordinary JPEG or PNG photo") from None
    except (OSError, ValueError, SyntaxError):
        raise ImportProblem("the file is not a photo that can be read", "save it as JPEG or PNG") from None
    if min(rgb.shape[:2]) < MIN_PHOTO_SIDE:
        raise ImportProblem(
            f"the photo is only {rgb.shape[1]}×{rgb.shape[0]} pixels", "use a photo at least 800 pixels tall"
        )
    return np.ascontiguousarray(rgb[..., ::-1])


def resize_max(img: npt.NDArray[np.generic], side: int) -> tuple[npt.NDArray[np.generic], float]:
    h, w = img.shape[:2]
    s = min(1.0, side / max(h, w))
    if s >= 1.0:
        return img, 1.0
    return cv2.resize(img, (max(1, round(w * s)), max(1, round(h * s))), interpolation=cv2.INTER_AREA), s
