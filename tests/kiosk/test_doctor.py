"""`mirror-app doctor`: one OK/WARN/FAIL line per check, a summary, exit 0 only without FAIL."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest

from mirror_app.capture.sources import CameraSpec, Frame
from mirror_app.config import MirrorConfig
from mirror_app.errors import SourceError
from mirror_app.kiosk import doctor
from mirror_app.kiosk.doctor import Check, DoctorReport, Status, check_cameras, check_disk, check_display

from .conftest import run_app


class FakeCamera:
    """A camera that gives ``wh`` frames at ``fps`` (by sleeping)."""

    live = True

    def __init__(self, spec: CameraSpec, wh=(1280, 720), fps=30.0) -> None:
        self.spec, self._wh, self._period, self._i = spec, wh, 1.0 / fps, 0
        self.actual = (wh[0], wh[1], fps)
        self.description = f"fake {spec.device}"
        self.closed = False

    @property
    def fps(self):
        return self.actual[2]

    def read(self):
        time.sleep(self._period)
        self._i += 1
        return Frame(np.zeros((self._wh[1], self._wh[0], 3), np.uint8), self._i * 33, self._i, time.perf_counter())

    def close(self):
        self.closed = True


def cameras_at(devices: dict, **kwargs):
    def opener(spec: CameraSpec):
        if spec.device not in devices:
            raise SourceError(f"no camera at {spec.device}")
        return devices[spec.device](spec, **kwargs)

    return opener


def cams(config=None, opener=None):
    return check_cameras(
        config or MirrorConfig(), opener=opener, measure_s=0.3, exists=lambda device: None, indices=(0, 1, 2, 3)
    )


def test_the_configured_camera_at_full_rate_is_ok():
    check = cams(opener=cameras_at({0: FakeCamera}))
    assert check.status is Status.OK and "camera 0: 1280x720" in check.summary
    assert "configured camera 0: 1280x720, driver says 30 fps, measured" in check.details[0]
    assert "camera 1: cannot open" in check.details[1]


def test_a_slow_camera_is_a_warning_that_says_how_slow():
    check = cams(opener=cameras_at({0: FakeCamera}, fps=8.0))
    assert check.status is Status.WARN and "fps measured of 30 asked" in check.summary


def test_a_camera_that_ignores_the_requested_size_is_a_warning():
    check = cams(opener=cameras_at({0: FakeCamera}, wh=(640, 480)))
    assert check.status is Status.WARN and "gives 640x480 instead of 1280x720" in check.summary


def test_configured_camera_missing_but_another_present_names_it():
    check = cams(MirrorConfig(camera_device=2), opener=cameras_at({1: FakeCamera}))
    assert check.status is Status.FAIL
    assert "configured camera 2 not found; cameras answer at 1" in check.summary


def test_no_camera_at_all_is_a_fail_that_mentions_the_demo_clip():
    check = cams(opener=cameras_at({}))
    assert check.status is Status.FAIL and "no camera found (tried 0, 1, 2, 3)" in check.summary


def screen(w, h, primary=True):
    return {
        "name": "HDMI-1", "geometry": [0, 0, w, h], "logical_dpi": 96.0, "physical_dpi": 90.0,
        "device_pixel_ratio": 1.0, "physical_size_mm": [300, 530], "refresh_hz": 60.0, "primary": primary,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("config", "screens", "status", "words"),
    [
        (MirrorConfig(camera_rotation=90), [screen(1080, 1920)], Status.OK, "1 screen(s), primary 1080x1920"),
        (MirrorConfig(), [screen(1080, 1920)], Status.WARN, "set [camera] rotation = 90 or 270"),
        (MirrorConfig(), [screen(1920, 1080)], Status.WARN, "is landscape; a mirror is usually portrait"),
        (MirrorConfig(), [], Status.FAIL, "reports no screen"),
    ],
)
def test_display_orientation_against_the_rotation_setting(config, screens, status, words):
    check = check_display(config, {"platform": "xcb", "screens": screens, "fonts": []}, "", had_display=True)
    assert check.status is status and words in check.summary


def test_display_when_qt_cannot_open_it_or_there_is_none():
    failed = check_display(MirrorConfig(), None, "could not connect to display :0", had_display=True)
    assert failed.status is Status.FAIL and "could not connect to display :0" in failed.summary
    none = check_display(MirrorConfig(), None, "", had_display=False)
    assert none.status is Status.WARN and "DISPLAY" in none.summary


@pytest.mark.parametrize(("free", "status"), [(50 * 2**30, Status.OK), (2**30, Status.WARN), (2**20, Status.FAIL)])
def test_disk_thresholds(tmp_path, monkeypatch, free, status):
    monkeypatch.setattr(doctor.shutil, "disk_usage", lambda p: type("U", (), {"free": free})())
    check = check_disk([("data", tmp_path / "not" / "yet" / "made")])
    assert check.status is status and f"data {tmp_path / 'not' / 'yet' / 'made'}:" in check.details[0]


def test_report_text_json_and_exit_code():
    report = DoctorReport("Mirror doctor", [Check("camera", Status.FAIL, "none", ["camera 0: not found"]),
                                            Check("model", Status.OK, "loads")])  # fmt: skip
    text = report.text()
    assert "FAIL  camera    none\n                camera 0: not found\nOK    model     loads" in text
    assert text.endswith("Summary: 1 FAIL, 0 WARN, 1 OK: NOT READY: fix the FAIL lines")
    assert report.exit_code == 1 and json.loads(report.to_json())["summary"] == {"OK": 1, "WARN": 0, "FAIL": 1}
    assert DoctorReport("x", [Check("model", Status.WARN, "w")]).exit_code == 0


@pytest.mark.model
@pytest.mark.slow
def test_doctor_on_this_machine_without_a_camera(kiosk_dirs):
    """No camera here: no crash, the camera line says so, everything else is checked, exit 1."""
    r = run_app("doctor")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stdout + r.stderr
    lines = r.stdout.splitlines()
    camera = next(ln for ln in lines if ln.split()[1:2] == ["camera"])
    assert camera.startswith("FAIL") and "no camera found (tried 0, 1, 2, 3)" in camera
    for area in ("model", "catalog", "fonts"):
        assert next(ln for ln in lines if ln.split()[1:2] == [area]).startswith("OK"), r.stdout
    assert any(ln.startswith("WARN  staff PIN") for ln in lines)
    assert any(ln.startswith("WARN  display") for ln in lines)  # offscreen: 800x600, landscape
    assert lines[-1].startswith("Summary: 1 FAIL")
    log_text = (kiosk_dirs["state"] / "mirror-app" / "log" / "mirror-app.log").read_text()
    assert "doctor report:" in log_text  # what the installer read out is in the log too


@pytest.mark.model
@pytest.mark.slow
def test_doctor_json_and_a_bad_configuration_is_the_first_finding(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[camera]\nwidth = "wide"\n')
    r = run_app("doctor", "--json", "--no-camera", "--config", str(bad))
    assert r.returncode == 1, r.stderr
    doc = json.loads(r.stdout)
    first = doc["checks"][0]
    assert first["area"] == "config" and first["status"] == "FAIL"
    assert f"{bad}:2: [camera] width = 'wide' must be a whole number" in first["summary"]
    assert {c["area"] for c in doc["checks"]} >= {"camera", "model", "catalog", "fonts", "display", "disk"}
    assert doc["exit_code"] == 1
