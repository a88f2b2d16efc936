"""CameraSource through its seams: no camera can be opened here, so OpenCV's VideoCapture is a
scripted fake. The open failures, the mode asked for, the frames delivered, a camera that dies
and the live engine reconnecting to it."""

from __future__ import annotations

import itertools
import threading
from typing import ClassVar

import numpy as np
import pytest

from mirror_app.capture import sources
from mirror_app.capture.sources import CameraSource, CameraSpec, open_source
from mirror_app.errors import SourceError


class FakeCapture:
    """Stands in for cv2.VideoCapture: records every call; ``script`` says what each read gives."""

    opened: ClassVar[list[FakeCapture]] = []
    script: ClassVar[list[str]] = []  # per read: "frame", "fail" (ok=False) or "empty"
    works = True

    def __init__(self, target, backend=None) -> None:
        self.target, self.backend = target, backend
        self.sets: list[tuple[int, float]] = []
        self.released = False
        self.reads = 0
        FakeCapture.opened.append(self)

    def isOpened(self) -> bool:
        return FakeCapture.works

    def set(self, prop, value) -> bool:
        self.sets.append((prop, value))
        return True

    def get(self, prop) -> float:
        given = dict(self.sets)
        return {sources.cv2.CAP_PROP_FRAME_WIDTH: 64.0, sources.cv2.CAP_PROP_FRAME_HEIGHT: 48.0}.get(
            prop, float(given.get(prop, 0.0))
        )

    def read(self):
        step = FakeCapture.script[self.reads] if self.reads < len(FakeCapture.script) else "frame"
        self.reads += 1
        if step == "fail":
            return False, None
        if step == "empty":
            return True, np.zeros((0, 0, 3), np.uint8)
        bgr = np.zeros((48, 64, 3), np.uint8)
        bgr[..., 0] = 200  # blue in OpenCV's order
        bgr[0, 0, 2] = self.reads % 256  # a different picture every frame (no freeze)
        return True, bgr

    def release(self) -> None:
        self.released = True


@pytest.fixture
def fake_cv(monkeypatch):
    FakeCapture.opened, FakeCapture.script, FakeCapture.works = [], [], True
    monkeypatch.setattr(sources.cv2, "VideoCapture", FakeCapture)
    return FakeCapture


def test_a_device_path_that_does_not_exist_is_refused_before_opencv(fake_cv):
    with pytest.raises(SourceError, match="camera device not found: /dev/v4l/by-id/usb-gone"):
        CameraSource(CameraSpec("/dev/v4l/by-id/usb-gone"))
    assert fake_cv.opened == []


def test_no_camera_at_an_index_says_what_to_check_and_releases_the_handle(fake_cv):
    fake_cv.works = False
    with pytest.raises(SourceError, match=r"no camera at 2; check the cable, or pass --camera"):
        CameraSource(CameraSpec(2))
    assert fake_cv.opened[0].released


@pytest.mark.parametrize(("device", "target"), [(0, 0), ("1", 1)])
def test_indices_given_as_text_open_the_index(fake_cv, device, target):
    CameraSource(CameraSpec(device)).close()
    assert fake_cv.opened[0].target == target


def test_mjpg_is_asked_for_before_the_size_with_a_one_frame_buffer(fake_cv):
    cam = CameraSource(CameraSpec(0, width=1280, height=720, fps=30.0, mjpg=True))
    props = [p for p, _ in fake_cv.opened[0].sets]
    cv2 = sources.cv2
    assert props.index(cv2.CAP_PROP_FOURCC) < props.index(cv2.CAP_PROP_FRAME_WIDTH)
    assert dict(fake_cv.opened[0].sets)[cv2.CAP_PROP_BUFFERSIZE] == 1
    assert cam.actual == (64, 48, 30.0) and cam.fps == 30.0 and cam.live
    cam.close()
    assert fake_cv.opened[0].released
    CameraSource(CameraSpec(0, mjpg=False)).close()
    assert cv2.CAP_PROP_FOURCC not in dict(fake_cv.opened[1].sets)


def test_frames_are_rgb_with_strictly_increasing_timestamps(fake_cv):
    cam = CameraSource(CameraSpec(0))
    frames = [cam.read() for _ in range(5)]
    assert all(f.rgb.shape == (48, 64, 3) and f.rgb.dtype == np.uint8 for f in frames)
    assert frames[0].rgb[1, 1].tolist() == [0, 0, 200]  # BGR → RGB: the blue channel is last
    stamps = [f.timestamp_ms for f in frames]
    assert all(b > a for a, b in itertools.pairwise(stamps))  # even when read faster than 1 ms
    assert [f.index for f in frames] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize("failure", ["fail", "empty"])
def test_a_camera_that_stops_delivering_raises_a_source_error(fake_cv, failure):
    fake_cv.script = ["frame", failure]
    cam = CameraSource(CameraSpec(0))
    cam.read()
    with pytest.raises(SourceError, match="camera 0 stopped delivering frames"):
        cam.read()


def test_open_source_turns_a_command_line_value_into_a_camera(fake_cv, tmp_path):
    assert isinstance(open_source("3"), CameraSource) and fake_cv.opened[-1].target == 3
    with pytest.raises(SourceError, match="unsupported input type '.txt'"):
        (tmp_path / "notes.txt").write_text("x")
        open_source(tmp_path / "notes.txt")


def test_the_live_engine_reconnects_to_a_camera_that_died(fake_cv):
    from mirror_app.live.engine import EngineSettings, LiveEngine, SourceStatus
    from tests.live.fakes import ScriptedTracker

    fake_cv.script = ["frame"] * 5 + ["fail"]  # the first camera dies after five frames
    told = threading.Event()  # the screen has been told "reconnecting"

    def open_camera() -> CameraSource:
        if fake_cv.opened:  # the camera comes back only once the screen has said so (no race)
            told.wait(timeout=10)
            fake_cv.script = []  # and the new one keeps delivering (reads are counted per camera)
        return CameraSource(CameraSpec(0))

    engine = LiveEngine(
        open_source=open_camera,
        make_tracker=lambda: ScriptedTracker(lambda ts: None, delay_s=0.001),
        settings=EngineSettings(reconnect_initial_s=0.01),
    )
    seen: list[SourceStatus] = []
    engine.start()
    try:
        version = 0
        for _ in range(400):  # frames handed over, not seconds
            frame, version = engine.frames.take_newer(version, timeout=1.0)
            if frame is not None:
                seen.append(frame.status)
                if frame.status is SourceStatus.RECONNECTING:
                    told.set()
            if (
                len(fake_cv.opened) >= 2
                and frame is not None
                and frame.frame_index >= 3
                and seen[-1] is SourceStatus.RUNNING
            ):
                break
    finally:
        engine.stop()
    assert SourceStatus.RECONNECTING in seen
    assert len(fake_cv.opened) >= 2 and fake_cv.opened[0].released
    assert seen[-1] is SourceStatus.RUNNING  # the new camera's frames flow again
