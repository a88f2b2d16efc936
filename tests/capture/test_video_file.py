"""VideoFileSource on small clips written here: every frame, in order, looping without time going
back, and clear errors for missing or broken files."""

from __future__ import annotations

import itertools

import cv2
import numpy as np
import pytest

from mirror_app.capture.orientation import rotate_frame
from mirror_app.capture.sources import VideoFileSource
from mirror_app.errors import SourceError

FRAMES, FPS = 6, 25.0


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    """A 6-frame 64×48 MJPG clip; frame i is filled with grey level 40·i (red channel +20)."""
    path = tmp_path_factory.mktemp("video") / "clip.avi"
    out = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), FPS, (64, 48))
    assert out.isOpened(), "OpenCV cannot write MJPG here"
    for i in range(FRAMES):
        bgr = np.full((48, 64, 3), 40 * i, np.uint8)
        bgr[..., 2] = min(255, 40 * i + 20)
        out.write(bgr)
    out.release()
    return path


def test_every_frame_in_order_as_rgb_then_the_end(clip):
    video = VideoFileSource(clip)
    assert video.fps == pytest.approx(FPS) and video.frame_count == FRAMES and not video.live
    frames = []
    while (f := video.read()) is not None:
        frames.append(f)
    video.close()
    assert len(frames) == FRAMES
    levels = [int(np.median(f.rgb[..., 1])) for f in frames]
    assert levels == sorted(levels) and abs(levels[-1] - 200) < 8  # the frames' own order
    assert all(int(np.median(f.rgb[..., 0])) > int(np.median(f.rgb[..., 1])) for f in frames)  # red first: RGB
    assert [f.timestamp_ms for f in frames] == [round(i * 1000 / FPS) for i in range(FRAMES)]


def test_a_looping_clip_restarts_and_time_keeps_increasing(clip):
    video = VideoFileSource(clip, loop=True)
    frames = [video.read() for _ in range(FRAMES * 2 + 2)]
    video.close()
    assert all(f is not None for f in frames)
    stamps = [f.timestamp_ms for f in frames]
    assert all(b > a for a, b in itertools.pairwise(stamps))
    assert stamps[FRAMES] == round(FRAMES * 1000 / FPS)  # the second pass continues the clock
    assert [f.index for f in frames] == list(range(FRAMES * 2 + 2))
    assert np.abs(frames[FRAMES].rgb.astype(int) - frames[0].rgb.astype(int)).mean() < 3  # the same picture


def test_missing_and_broken_files_say_so(tmp_path):
    with pytest.raises(SourceError, match="video not found"):
        VideoFileSource(tmp_path / "nope.mp4")
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"this is not a video" * 10)
    with pytest.raises(SourceError, match="cannot open video"):
        VideoFileSource(broken)


def test_rotation_turns_a_sideways_camera_upright():
    img = np.arange(2 * 3 * 3, dtype=np.uint8).reshape(2, 3, 3)
    assert rotate_frame(img, 0) is img
    assert rotate_frame(img, 90).shape == (3, 2, 3)
    assert rotate_frame(img, 90)[0, 0].tolist() == img[1, 0].tolist()  # clockwise: bottom-left to top-left
    assert rotate_frame(img, 270)[0, 0].tolist() == img[0, 2].tolist()
    assert np.array_equal(rotate_frame(rotate_frame(img, 180), 180), img)
    with pytest.raises(ValueError, match="expected rotation 0, 90, 180 or 270, got 45"):
        rotate_frame(img, 45)
