"""The live engine with a scripted camera and tracker: hand-offs, fades, faults."""

from __future__ import annotations

import time

import numpy as np
import pytest

from mirror_app.errors import ModelError
from mirror_app.live.engine import EngineSettings, LiveEngine, SourceStatus
from mirror_app.live.fade import GarmentFade
from mirror_app.live.slot import LatestSlot
from tests.live.fakes import ScriptedTracker, SyntheticCamera, is_bare
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
    assert is_bare(last.image_rgb)  # nothing left hanging in the air
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


def test_missing_model_pauses_the_try_on_and_the_mirror_keeps_mirroring():
    attempts = []

    def make_tracker():
        attempts.append(time.monotonic())
        if len(attempts) < 3:
            raise ModelError("pose model not found: x.task; rebuild it")
        return ScriptedTracker(lambda ts: make_pose())

    eng = LiveEngine(
        open_source=SyntheticCamera, make_tracker=make_tracker, settings=EngineSettings(tracker_retry_s=0.2)
    )
    eng.set_screen_size((320, 480))
    eng.start()
    try:

        def paused_live_frame():
            f = eng.frames.peek()[0]
            return f is not None and f.frame_index >= 0 and "pose model not found" in f.tracking_error

        assert wait_for(paused_live_frame)  # still a live picture, with the try-on paused
        assert eng.frames.peek()[0].status is SourceStatus.RUNNING
        # The installer fixes the model: tracking comes back by itself.
        assert wait_for(lambda: eng.frames.peek()[0].pose is not None and eng.frames.peek()[0].tracking_error == "")
    finally:
        eng.stop()
    assert len(attempts) == 3


def test_a_crashing_model_is_restarted():
    class Crashy(ScriptedTracker):
        def process(self, frame_rgb, timestamp_ms):
            if self.calls == 5:
                self.calls += 1
                raise RuntimeError("native runtime failure")
            return super().process(frame_rgb, timestamp_ms)

    made = []

    def make():
        made.append(Crashy(lambda ts: make_pose()))
        return made[-1]

    eng = LiveEngine(open_source=SyntheticCamera, make_tracker=make)
    eng.set_screen_size((320, 480))
    eng.start()
    try:
        assert wait_for(lambda: len(made) >= 2 and eng.frames.peek()[0].pose is not None, timeout=10)
    finally:
        eng.stop()
    assert made[0].closed.is_set()


class _StuckCamera(SyntheticCamera):
    """Repeats one identical picture after ``stick_at`` frames (a hung driver)."""

    def __init__(self, stick_at=5, **kw):
        super().__init__(**kw)
        self.stick_at = stick_at
        self.frozen = None

    def read(self):
        frame = super().read()
        noise = np.random.default_rng(frame.index).integers(0, 6, frame.rgb.shape, dtype=np.uint8)
        rgb = frame.rgb + noise  # sensor noise: a live picture always changes a little
        if frame.index >= self.stick_at:
            self.frozen = rgb if self.frozen is None else self.frozen
            rgb = self.frozen
        return type(frame)(rgb, frame.timestamp_ms, frame.index, frame.captured_at)


class _GarbageCamera(SyntheticCamera):
    def read(self):
        frame = super().read()
        return type(frame)(np.zeros((0, 0, 3), np.uint8), frame.timestamp_ms, frame.index, frame.captured_at)


@pytest.mark.parametrize(("bad", "message"), [(_StuckCamera, "frozen"), (_GarbageCamera, "unusable picture")])
def test_frozen_or_garbage_camera_is_reopened(bad, message):
    cams = [bad(), SyntheticCamera()]
    opened = []

    def open_source():
        cam = cams[min(len(opened), 1)]
        opened.append(cam)
        return cam

    eng = LiveEngine(
        open_source=open_source,
        make_tracker=lambda: ScriptedTracker(lambda ts: None),
        settings=EngineSettings(frozen_after_s=0.5, reconnect_initial_s=0.05),
    )
    eng.set_screen_size((320, 480))
    seen = []
    eng.start()
    try:
        assert wait_for(
            lambda: (seen.append(eng.error) or True) and len(opened) >= 2 and eng.status is SourceStatus.RUNNING,
            timeout=10,
        )
    finally:
        eng.stop()
    assert any(message in e for e in seen)
    assert cams[0].closed


def test_file_sources_are_paced_to_their_frame_rate():
    cam = SyntheticCamera(fps=1000, frames=60)
    cam.live = False
    cam._period = 0.0
    type(cam).fps = property(lambda self: 30.0)
    eng, _ = _engine(ScriptedTracker(lambda ts: make_pose()), camera=cam)
    t0 = time.monotonic()
    eng.start()
    try:
        assert wait_for(lambda: eng.frames.peek()[0] is not None and eng.frames.peek()[0].status is SourceStatus.ENDED)
    finally:
        eng.stop()
    assert time.monotonic() - t0 > 1.7  # 60 frames at 30 fps ≈ 2 s, not instantly
    # The end is said on the last picture shown, which no longer claims a current pose.
    last, _ = eng.frames.peek()
    assert last.frame_index >= 50 and last.image_rgb.shape == (480, 320, 3)
    assert last.pose is None and last.tracked_index is None and last.pose_age_ms is None


def test_each_frame_is_dressed_with_its_own_pose_when_tracking_keeps_up():
    """The screen runs as many frames behind as tracking and warping need (measured), so the pose a
    frame is dressed with is that frame's own, or the one before (counted in frames)."""
    eng, _ = _engine(ScriptedTracker(lambda ts: make_pose(), delay_s=0.005), camera=SyntheticCamera(fps=20.0))
    eng.set_outfit([body_anchored_top(0.5)])
    eng.start()
    try:
        assert wait_for(lambda: eng.timings.count("compose") >= 60, timeout=30)
        frame, _ = eng.frames.peek()
    finally:
        eng.stop()
    assert eng.timings.percentiles("pose_age_frames")["p95"] <= 1
    assert frame.drawn and frame.pose_age_ms is not None and frame.pose_age_ms < 200
    assert eng.timings.percentiles("display_delay_frames")["p95"] <= 3


def test_a_fixed_display_delay_of_zero_shows_frames_at_once():
    eng, _ = _engine(
        ScriptedTracker(lambda ts: make_pose(), delay_s=0.005), camera=SyntheticCamera(fps=20.0), display_delay_frames=0
    )
    eng.set_outfit([body_anchored_top(0.5)])
    eng.start()
    try:
        assert wait_for(lambda: eng.timings.count("compose") >= 20, timeout=30)
    finally:
        eng.stop()
    assert eng.timings.percentiles("display_delay_frames")["p95"] == 0
