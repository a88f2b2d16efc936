"""Frame sources: cameras, video files and still images, all yielding RGB frames."""

from .sources import (
    CameraSource,
    CameraSpec,
    Frame,
    FrameSource,
    StillImageSource,
    VideoFileSource,
    open_source,
)

__all__ = ["CameraSource", "CameraSpec", "Frame", "FrameSource", "StillImageSource", "VideoFileSource", "open_source"]
