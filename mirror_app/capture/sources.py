"""The only code that opens cameras and media files. Every source yields ``Frame``s: RGB pixels
with a strictly increasing millisecond timestamp (what MediaPipe's VIDEO mode requires).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np
import numpy.typing as npt

from ..errors import SourceError

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff"}
VIDEO_SUFFIXES = {".mp4", ".avi", ".mov", ".mkv", ".webm", ".m4v", ".mjpg", ".mjpeg"}
MAX_IMAGE_PIXELS = 8192 * 8192


@dataclass(frozen=True, eq=False)
class Frame:
    """``rgb`` (H, W, 3) uint8; ``timestamp_ms`` strictly increases within a source;
    ``captured_at`` is ``time.perf_counter()`` when the frame arrived (for latency).
    """

    rgb: npt.NDArray[np.uint8]
    timestamp_ms: int
    index: int
    captured_at: float


class FrameSource(Protocol):
    description: str
    live: bool  # a device that sets its own pace (files are paced by their reader)

    @property
    def fps(self) -> float | None: ...

    def read(self) -> Frame | None:
        """The next frame, or None at the end of a file. Raises SourceError when a device fails."""
        ...

    def close(self) -> None: ...


class _Clock:
    """Turns media time or wall time into strictly increasing integer milliseconds."""

    def __init__(self) -> None:
        self._last = -1

    def stamp(self, ms: float) -> int:
        t = max(round(ms), self._last + 1)
        self._last = t
        return t


class StillImageSource:
    """One picture, repeated ``repeat`` times (None: forever) at ``fps``."""

    live = False

    def __init__(self, path: Path, repeat: int | None = 1, fps: float = 30.0) -> None:
        self.description = f"image {path}"
        self._rgb = read_image_rgb(path)
        self._repeat, self._fps, self._i = repeat, fps, 0
        self._clock = _Clock()

    @property
    def fps(self) -> float | None:
        return self._fps

    @property
    def size(self) -> tuple[int, int]:
        return self._rgb.shape[1], self._rgb.shape[0]

    def read(self) -> Frame | None:
        if self._repeat is not None and self._i >= self._repeat:
            return None
        frame = Frame(self._rgb.copy(), self._clock.stamp(self._i * 1000.0 / self._fps), self._i, time.perf_counter())
        self._i += 1
        return frame

    def close(self) -> None:
        pass


def read_image_rgb(path: Path) -> npt.NDArray[np.uint8]:
    if not path.exists():
        raise SourceError(f"image not found: {path}")
    if path.is_dir():
        raise SourceError(f"expected an image file, got a folder: {path}")
    # Refuse decompression bombs before decoding: check the header's size first.
    try:
        from PIL import Image

        with Image.open(path) as probe:
            w, h = probe.size
        if w * h > MAX_IMAGE_PIXELS:
            raise SourceError(f"image is too large to process ({w}×{h}): {path}")
    except SourceError:
        raise
    except Exception:  # noqa: BLE001 - PIL could not read the header; OpenCV gets a chance below
        pass
    data = np.fromfile(str(path), dtype=np.uint8)  # works with non-ASCII paths on Windows too
    bgr = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if bgr is None:
        raise SourceError(f"cannot decode image (unsupported or corrupt file): {path}")
    rgb: npt.NDArray[np.uint8] = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    return rgb


class VideoFileSource:
    """A video file; with ``loop`` it restarts at the end and time keeps increasing."""

    live = False

    def __init__(self, path: Path, loop: bool = False) -> None:
        if not path.exists():
            raise SourceError(f"video not found: {path}")
        self.description = f"video {path}"
        self._path, self._loop = path, loop
        self._cap = self._open()
        fps = self._cap.get(cv2.CAP_PROP_FPS)
        self._fps = float(fps) if fps and 1.0 <= fps <= 1000.0 else 30.0
        self.frame_count = max(0, int(self._cap.get(cv2.CAP_PROP_FRAME_COUNT)))
        self._i = 0  # frames delivered
        self._offset_ms = 0.0
        self._in_pass = 0
        self._clock = _Clock()

    def _open(self) -> cv2.VideoCapture:
        cap = cv2.VideoCapture(str(self._path))
        if not cap.isOpened():
            raise SourceError(f"cannot open video (unsupported or corrupt file): {self._path}")
        return cap

    @property
    def fps(self) -> float | None:
        return self._fps

    def read(self) -> Frame | None:
        ok, bgr = self._cap.read()
        if not ok or bgr is None:
            if not self._loop or self._in_pass == 0:
                return None
            self._offset_ms += self._in_pass * 1000.0 / self._fps
            self._in_pass = 0
            self._cap.release()
            self._cap = self._open()
            ok, bgr = self._cap.read()
            if not ok or bgr is None:
                return None
        ts = self._clock.stamp(self._offset_ms + self._in_pass * 1000.0 / self._fps)
        frame = Frame(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), ts, self._i, time.perf_counter())
        self._i += 1
        self._in_pass += 1
        return frame

    def close(self) -> None:
        self._cap.release()


@dataclass(frozen=True)
class CameraSpec:
    """A camera by index (``0``) or device path (``/dev/v4l/by-id/…``), with the mode to ask for."""

    device: int | str = 0
    width: int = 1280
    height: int = 720
    fps: float = 30.0
    mjpg: bool = True


def _backend() -> int:
    if sys.platform.startswith("win"):
        return int(cv2.CAP_DSHOW)  # MSMF opens slowly
    if sys.platform.startswith("linux"):
        return int(cv2.CAP_V4L2)
    return int(cv2.CAP_ANY)


class CameraSource:
    """A live camera. Opens with MJPG (V4L2 YUYV is often 10 fps at 720p) and a 1-frame buffer."""

    live = True

    def __init__(self, spec: CameraSpec) -> None:
        self.spec = spec
        self.description = f"camera {spec.device}"
        dev = spec.device
        if isinstance(dev, str) and not dev.isdigit() and not os.path.exists(dev):
            raise SourceError(f"camera device not found: {dev}")
        target: int | str = int(dev) if isinstance(dev, str) and dev.isdigit() else dev
        cap = cv2.VideoCapture(target, _backend())
        if not cap.isOpened():
            cap.release()
            raise SourceError(f"no camera at {dev}; check the cable, or pass --camera with another index or path")
        if spec.mjpg:
            cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))  # before the size
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, spec.width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, spec.height)
        cap.set(cv2.CAP_PROP_FPS, spec.fps)
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        self._cap = cap
        self.actual = (
            int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)),
            int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)),
            float(cap.get(cv2.CAP_PROP_FPS) or 0.0),
        )
        log.info("camera %s opened at %dx%d %.1f fps", dev, *self.actual)
        self._clock = _Clock()
        self._t0 = time.perf_counter()
        self._i = 0

    @property
    def fps(self) -> float | None:
        return self.actual[2] or None

    def read(self) -> Frame | None:
        ok, bgr = self._cap.read()
        now = time.perf_counter()
        if not ok or bgr is None or bgr.size == 0:
            raise SourceError(f"camera {self.spec.device} stopped delivering frames")
        frame = Frame(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), self._clock.stamp((now - self._t0) * 1000.0), self._i, now)
        self._i += 1
        return frame

    def close(self) -> None:
        self._cap.release()


def open_source(spec: str | Path, *, loop: bool = False, image_repeat: int | None = 1) -> FrameSource:
    """A source from a command-line value: a camera index, a device path, an image or a video."""
    text = str(spec)
    if text.isdigit():
        return CameraSource(CameraSpec(int(text)))
    if text.startswith("/dev/"):
        return CameraSource(CameraSpec(text))
    path = Path(text)
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        return StillImageSource(path, repeat=image_repeat)
    if suffix in VIDEO_SUFFIXES:
        return VideoFileSource(path, loop=loop)
    if not path.exists():
        raise SourceError(f"input not found: {path}")
    raise SourceError(
        f"unsupported input type '{suffix or path.name}': use an image ({', '.join(sorted(IMAGE_SUFFIXES))}) "
        f"or a video ({', '.join(sorted(VIDEO_SUFFIXES))})"
    )
