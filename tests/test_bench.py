"""`mirror-app bench`'s summary: the ratios the tracking issue sets targets for, from run results."""

from __future__ import annotations

from mirror_app import bench


def _run(mode: str, fps: float, **extra: object) -> dict:
    return {"mode": mode, "fps": fps, "frames": 100, "cpu_ms_per_frame": 20.0, "stages_ms": {}, **extra}


def test_summary_and_table_put_every_figure_side_by_side():
    results = [
        _run("model", 30.0, without_segmentation={"fps": 36.0, "cpu_ms_per_frame": 18.0, "stages_ms": {}}),
        _run("naive", 20.0),
        _run("mirror-1", 50.0, people=1, tracking_hz=29.0, source_fps=50.0),
        _run("mirror-6", 50.0, people=6, tracking_hz=27.0, source_fps=50.0),
        _run("mirror-3", 25.0, people=3, tracking_hz=24.0, source_fps=25.0),  # a camera slower than the model
        _run("render", 30.0, naive_process={"fps": 20.0, "seconds": 5.0, "cpu_ms_per_frame": 30.0}),
        _run("app", 49.0, tracking_hz=26.0, source_fps=50.0, latency_ms={"p50": 30, "p95": 50}),
    ]
    doc = bench.summary(results)
    assert doc["mirror-6_vs_model"] == 0.9 and doc["render_vs_naive"] == 1.5
    assert doc["mirror-3_vs_model"] == 0.96  # against the camera's 25 fps: it cannot track faster
    assert doc["app_vs_model"] == 0.87 and doc["app_display_vs_camera"] == 0.98
    text = bench.table(results)
    for row in (
        "model alone",
        "no segmentation",
        "naive loop",
        "1 in view",
        "6 in view",
        "render",
        "whole process",
        "real app",
    ):
        assert row in text
    lines = bench.targets(doc, (1, 6)).splitlines()
    assert any("6 in view" in line and "0.90×" in line for line in lines)
    assert any("1.50×" in line for line in lines) and any("0.87×" in line for line in lines)
