"""The live engine with a scripted camera and tracker: hand-offs, fades, faults."""

from __future__ import annotations

import time

import numpy as np
import pytest

from mirror_app.errors import ModelError
from mirror_app.live.engine import EngineSettings, LiveEngine, SourceStatus
from mirror_app.live.fade import GarmentFade
from mirror_app.live.slot import LatestSlot
from tests.live.fakes import ScriptedTracker, SyntheticCamera
from tests.synthetic import body_anchored_top, make_pose


def wait_for(cond, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.01)
    return False


def test_latest_slot_drops_stale_values_instead_of_queueing():
    slot: LatestSlot[int] = LatestSlot()
    for i in range(100):
        slot.put(i)
    value, version = slot.take_newer(0, timeout=0)
    assert value == 99 and version == 100
    assert slot.dropped == 99
    assert slot.take_newer(version, timeout=0.01) == (None, version)


def test_fade_out_then_in():
    fade = GarmentFade(fade_in_s=0.2, fade_out_s=0.4, opacity=1.0)
    fade.update(False, 0.0)
    assert fade.update(False, 0.2) == pytest.approx(0.5)
    assert fade.update(False, 0.5) == 0.0
    assert fade.update(True, 0.6) == pytest.approx(0.5)


def _engine(tracker, camera=None, **settings):
    cam = camera or SyntheticCamera()
    eng = LiveEngine(
        open_source=lambda: cam, make_tracker=lambda: tracker, settings=EngineSettings(mirror=False, **settings)
    )
    eng.set_screen_size((320, 480))
    return eng, cam


def test_frames_flow_and_the_overlay_uses_a_recent_pose():
    tracker = ScriptedTracker(lambda ts: make_pose(), delay_s=0.05)  # tracking slower than the camera
    eng, _ = _engine(tracker)
    eng.set_outfit([body_anchored_top(0.5)])
    eng.start()
    try:
        assert wait_for(lambda: eng.frames.peek()[0] is not None and eng.frames.peek()[0].drawn)
        time.sleep(0.5)
        frame, _ = eng.frames.peek()
    finally:
        eng.stop()
    assert frame.image_rgb.shape == (480, 320, 3)
    assert frame.status is SourceStatus.RUNNING and frame.pose is not None
    # Displayed at the camera's pace while tracking lags behind (generous bounds: CI machines are busy).
    assert frame.tracked_index is not None and 0 <= frame.frame_index - frame.tracked_index <= 10
    assert eng.timings.rate("compose") > 1.2 * eng.timings.rate("tracking")
    assert tracker.closed.is_set()


def test_garments_fade_out_when_tracking_is_lost_and_do_not_freeze():
    lost_after = {"t": None}

    def pose_at(ts):
        return None if lost_after["t"] is not None and ts > lost_after["t"] else make_pose()

    eng, cam = _engine(ScriptedTracker(pose_at))
    eng.set_outfit([body_anchored_top(0.5)])
    eng.start()
    try:
        assert wait_for(lambda: eng.frames.peek()[0] is not None and eng.frames.peek()[0].drawn)
        lost_after["t"] = int(cam.i * 1000 / cam.fps)
        opacities = []
        end = time.monotonic() + 1.2
        while time.monotonic() < end:
            f, _ = eng.frames.peek()
            opacities.append(float(f.image_rgb.astype(int).sum()))
            time.sleep(0.02)
        last, _ = eng.frames.peek()
    finally:
        eng.stop()
    assert last.pose is None and last.drawn == ()
    assert np.all(last.image_rgb == 90)  # nothing left hanging in the air
    # In between it faded: several distinct intermediate images, not a jump.
    assert len({round(o, -3) for o in opacities}) > 3


def test_camera_unplugged_reconnects_by_itself():
    cams = [SyntheticCamera(fail_at=10), SyntheticCamera()]
    opened = []

    def open_source():
        if len(opened) == 1:
            opened.append("refused")
            from mirror_app.errors import SourceError

            raise SourceError("no camera at 0")
        cam = cams[min(len(opened), 1)]
        opened.append(cam)
        return cam

    eng = LiveEngine(
        open_source=open_source,
        make_tracker=lambda: ScriptedTracker(lambda ts: make_pose()),
        settings=EngineSettings(reconnect_initial_s=0.05),
    )
    eng.set_screen_size((320, 480))
    seen = set()
    eng.start()
    try:
        assert wait_for(lambda: (seen.add(eng.status) or eng.status is SourceStatus.RUNNING) and len(opened) >= 3)
        assert wait_for(
            lambda: eng.frames.peek()[0].frame_index > 5 and eng.frames.peek()[0].status is SourceStatus.RUNNING
        )
    finally:
        eng.stop()
    assert SourceStatus.RECONNECTING in seen
    assert cams[0].closed


def test_model_failure_is_a_state_not_a_crash():
    def broken():
        raise ModelError("pose model not found: x.task; rebuild it")

    eng = LiveEngine(open_source=SyntheticCamera, make_tracker=broken)
    eng.set_screen_size((320, 480))
    eng.start()
    try:
        assert wait_for(lambda: eng.status is SourceStatus.FAILED)
        assert wait_for(lambda: eng.frames.peek()[0] is not None and eng.frames.peek()[0].status is SourceStatus.FAILED)
    finally:
        eng.stop()
    assert "pose model not found" in eng.error


def test_file_sources_are_paced_to_their_frame_rate():
    cam = SyntheticCamera(fps=1000, frames=60)
    cam.live = False
    cam._period = 0.0
    type(cam).fps = property(lambda self: 30.0)
    eng, _ = _engine(ScriptedTracker(lambda ts: None), camera=cam)
    t0 = time.monotonic()
    eng.start()
    try:
        assert wait_for(lambda: eng.status is SourceStatus.ENDED, timeout=10)
    finally:
        eng.stop()
    assert time.monotonic() - t0 > 1.7  # 60 frames at 30 fps ≈ 2 s, not instantly
