"""The real app, as a kiosk runs it: `mirror-app run` on a video, then its stats and screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import cv2
import numpy as np
import pytest

pytestmark = [pytest.mark.model, pytest.mark.gui, pytest.mark.slow]


def test_mirror_runs_on_the_street_video_and_reports_its_stats(tmp_path, media):
    """Counted in frames: the app quits once it has shown 150 frames, however busy the machine."""
    stats, shot = tmp_path / "stats.json", tmp_path / "screen.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run(
        [sys.executable, "-m", "mirror_app", "run", "--video", str(media / "street_walkers_720p50.avi"), "--windowed",
         "--exit-after-frames", "150", "--stats-json", str(stats), "--screenshot", str(shot), "--debug-overlay",
         "--wear", "oxford-shirt-long"],
        capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    doc = json.loads(stats.read_text())
    for key in ("display_fps", "tracking_hz", "latency_ms_p50", "latency_ms_p95", "frames_dropped", "stages_ms"):
        assert key in doc
    assert doc["frames_displayed"] >= 150 and doc["frames_tracked"] > 0
    assert 0 < doc["latency_ms_p50"] <= doc["latency_ms_p95"] < 5000
    for stage in ("tracking", "overlay", "paint", "pose_age_ms"):
        assert doc["stages_ms"][stage]["p50"] <= doc["stages_ms"][stage]["p95"]
    img = cv2.imread(str(shot))
    assert img is not None and img.shape[:2] == (960, 540)
    assert img.std() > 20  # a real picture, not a blank window


def test_plain_mirror_app_without_camera_plays_the_demo_clip(tmp_path):
    stats, shot = tmp_path / "stats.json", tmp_path / "screen.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run(
        [sys.executable, "-m", "mirror_app", "--windowed", "--camera", "/dev/video-does-not-exist", "--exit-after", "5",
         "--stats-json", str(stats), "--screenshot", str(shot)],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr[-2000:]
    assert "playing the demo clip" in r.stderr
    doc = json.loads(stats.read_text())
    assert doc["display_fps"] > 10 and doc["status"] == "running"
    assert np.asarray(cv2.imread(str(shot))).std() > 20


def test_missing_model_starts_the_mirror_with_the_try_on_paused(tmp_path, media):
    stats, shot = tmp_path / "stats.json", tmp_path / "screen.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run(
        [sys.executable, "-m", "mirror_app", "run", "--video", str(media / "astronaut.png").replace(".png", ".png"), "--windowed",
         "--model", str(tmp_path / "missing.task"), "--exit-after", "4", "--stats-json", str(stats), "--screenshot", str(shot)],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr[-2000:]
    assert "pose model not found" in r.stderr and "Traceback" not in r.stderr
    doc = json.loads(stats.read_text())
    assert doc["status"] == "running" and doc["display_fps"] > 5 and doc["tracking_hz"] == 0
