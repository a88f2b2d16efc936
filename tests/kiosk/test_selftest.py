"""`mirror-app --self-test`: 30 frames through tracking and rendering, a report, exit 0 or 1."""

from __future__ import annotations

import json
import shutil

import pytest

from mirror_app.capture.sources import CameraSpec
from mirror_app.catalog.loader import load_catalog
from mirror_app.config import MirrorConfig
from mirror_app.errors import SourceError
from mirror_app.kiosk.selftest import choose_outfit, run_self_test
from mirror_app.resources import demo_catalog_dir, demo_video_path

from .conftest import run_app


def no_camera(spec: CameraSpec):
    raise SourceError(f"no camera at {spec.device}")


def test_outfit_is_a_top_a_bottom_and_a_head_item_from_the_catalog():
    outfit = choose_outfit(load_catalog(demo_catalog_dir()))
    assert [it.category.value for it in outfit] == ["top", "bottom", "hat"]


def test_a_dress_is_not_paired_with_a_bottom(tmp_path):
    catalog = tmp_path / "catalog"
    shutil.copytree(demo_catalog_dir(), catalog)
    for item in ("crew-tee", "oxford-shirt-long", "trench-coat"):
        shutil.rmtree(catalog / "items" / item)
    outfit = choose_outfit(load_catalog(catalog))
    assert [it.category.value for it in outfit] == ["dress", "hat"]


@pytest.mark.model
@pytest.mark.slow
def test_without_a_camera_it_runs_the_demo_clip_and_reports():
    report = run_self_test(MirrorConfig(), open_camera=no_camera)
    text = report.text()
    assert report.passed, text
    assert report.frames == 30 and report.frames_with_person >= 25 and report.frames_dressed >= 25
    labels = [label for label, _ in report.lines]
    assert labels == ["build", "config", "model", "catalog", "outfit", "source", "frames", "tracking", "overlay"]
    assert "sha256 e5822cb1ff5c (matches SHA256SUMS)" in text
    assert "9 items loaded, 0 skipped" in text
    assert f"bundled demo clip {demo_video_path()}" in text
    assert "ms per frame (median)" in text
    assert any("staff PIN is the default" in w for w in report.warnings)
    assert any("would play the demo clip" in w for w in report.warnings)
    assert text.endswith("self-test passed")


@pytest.mark.model
@pytest.mark.slow
def test_command_line_with_config_and_video_exits_0(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text('[display]\nlanguage = "en"\n[tracking]\nnum_poses = 1\n')
    r = run_app("--self-test", "--config", str(config), "--video", str(demo_video_path()))
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"config    {config}" in r.stdout and f"source    video {demo_video_path()}" in r.stdout
    assert r.stdout.strip().endswith("self-test passed") and "Traceback" not in r.stderr


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        ("missing_model", "self-test FAILED: pose model not found: "),
        ("empty_catalog", "has no usable item"),
        ("bad_config", "self-test FAILED: "),
        ("missing_video", "self-test FAILED: video not found: "),
        ("video_with_nobody", "the pose model found nobody in the test video"),
    ],
)
@pytest.mark.slow
def test_failures_exit_1_with_one_reason_line_and_no_traceback(tmp_path, setup, reason):
    args = ["--self-test"]
    if setup == "missing_model":
        args += ["--model", str(tmp_path / "nope.task")]
    elif setup == "empty_catalog":
        (tmp_path / "catalog").mkdir()
        (tmp_path / "catalog" / "catalog.json").write_text(
            json.dumps({"format": 1, "shop": {"ko": "가게", "en": "Shop"}, "currency": "KRW"})
        )
        config = tmp_path / "c.toml"
        config.write_text(f'[catalog]\npath = "{tmp_path / "catalog"}"\n')
        args += ["--config", str(config)]
    elif setup == "bad_config":
        config = tmp_path / "c.toml"
        config.write_text("[camera]\nrotation = 45\n")
        args += ["--config", str(config)]
        reason += f"{config}:2: [camera] rotation = 45 must be one of"
    elif setup == "missing_video":
        args += ["--video", str(tmp_path / "none.mp4")]
    elif setup == "video_with_nobody":
        import cv2
        import numpy as np

        clip = tmp_path / "empty.avi"
        writer = cv2.VideoWriter(str(clip), cv2.VideoWriter.fourcc(*"MJPG"), 10, (320, 240))
        for _ in range(5):
            writer.write(np.full((240, 320, 3), 90, np.uint8))
        writer.release()
        args += ["--video", str(clip)]
    r = run_app(*args)
    assert r.returncode == 1, r.stdout + r.stderr
    failed = [ln for ln in (r.stdout + r.stderr).splitlines() if "FAILED" in ln]
    assert len(failed) == 1 and reason in failed[0], r.stdout
    assert "Traceback" not in r.stdout + r.stderr
