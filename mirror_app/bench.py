"""``mirror-app bench``: Mirror's speed side by side with the model alone and a naive loop, in one run.

Each mode runs in a fresh process (its memory and CPU are its own), on the same video:
  model       the ceiling: decode + MediaPipe asked for one pose (VIDEO mode) on the frame scaled
              to 640 px, with segmentation and without;
  naive       the loop most webcam try-on demos use: one thread, one pose, a garment PNG resized to
              the shoulders and float-alpha-blended over the whole frame;
  mirror-N    Mirror's live engine (capture, tracking with its finder thread, warp) with a 4-item
              outfit and N people in view (the video's own, plus copies of its main person pasted
              behind them, ``bench_crowd``), fed at the video's rate like a camera: tracking Hz and
              ms, and the pose's age when a frame is shown;
  render      ``mirror-app render`` of the video, the whole process, against the naive loop;
  app         the real app, ``mirror-app run --video … --windowed --stats-json`` (offscreen), its
              tracking against the model alone measured in the same run.
Plus, with ``--sweep``, the overlay's cost against resolution and items worn. It prints numbers and
writes JSON; ``tools/bench_report.py`` turns the JSON into docs/performance.md with plots.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from .bench_crowd import LoopedFrames, crowd_frames
from .capture.sources import VideoFileSource
from .catalog.loader import load_catalog
from .domain import Category
from .live.engine import EngineSettings, LiveEngine, SourceStatus
from .live.stats import Timings
from .overlay.garment import Garment
from .overlay.outfit import OutfitRenderer
from .pipeline import tracker_settings
from .tracking.finder import downscale
from .tracking.landmarks import Landmark as L
from .tracking.landmarks import Pose
from .tracking.pose_estimator import EstimatorSettings, PoseEstimator
from .tracking.pose_tracker import PoseTracker

MODEL_LONG_SIDE = 640  # the model alone sees the frame at the size Mirror's follower sees at most
PEOPLE = (1, 3, 6)
RESOLUTIONS = {
    "480p": (854, 480),
    "720p": (1280, 720),
    "1080p": (1920, 1080),
    "1440p": (2560, 1440),
    "4K": (3840, 2160),
}


@dataclass(frozen=True)
class BenchSetup:
    video: Path
    model: Path
    catalog: Path
    size: tuple[int, int] = (1280, 720)
    frames: int = 300
    people: tuple[int, ...] = PEOPLE


def modes(setup: BenchSetup) -> tuple[str, ...]:
    return ("model", "naive", *(f"mirror-{n}" for n in setup.people), "render", "app")


def outfit(catalog_dir: Path, n: int = 4) -> list[Garment]:
    """A full outfit: a top with sleeves, a bottom, then accessories (glasses, necklace, hat…)."""
    cat = load_catalog(catalog_dir)
    order = [Category.TOP, Category.BOTTOM, Category.GLASSES, Category.ACCESSORY, Category.HAT, Category.OUTERWEAR]
    picked: list[Garment] = []
    for c in order:
        items = [it for it in cat.items if it.category is c]
        if c is Category.TOP:
            items.sort(key=lambda it: "left_wrist" not in it.anchors)  # long sleeves first
        if items:
            picked.append(items[0].garment())
    return picked[:n]


def _resized(rgb: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    if (rgb.shape[1], rgb.shape[0]) == size:
        return rgb
    out: np.ndarray = cv2.resize(rgb, size, interpolation=cv2.INTER_LINEAR)
    return out


def _usage() -> tuple[float, float]:
    t = os.times()
    return t.user + t.system, time.perf_counter()


def _finish(
    name: str, frames: int, timings: Timings, start: tuple[float, float], extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    cpu0, wall0 = start
    cpu1, wall1 = _usage()
    wall = wall1 - wall0
    return {
        "mode": name,
        "frames": frames,
        "seconds": round(wall, 2),
        "fps": round(frames / wall, 2) if wall > 0 else 0.0,
        "cpu_percent": round(100.0 * (cpu1 - cpu0) / wall, 1) if wall > 0 else 0.0,
        "cpu_ms_per_frame": round(1000.0 * (cpu1 - cpu0) / max(frames, 1), 1),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1),
        "stages_ms": {s: timings.percentiles(s) for s in timings.stages()},
        **(extra or {}),
    }


def _model_loop(setup: BenchSetup, segmentation: bool) -> dict[str, Any]:
    src, timings = VideoFileSource(setup.video, loop=True), Timings(window=100_000)
    with PoseEstimator(EstimatorSettings(setup.model, num_poses=1, segmentation=segmentation)) as est:
        first = src.read()
        assert first is not None
        est.estimate(downscale(_resized(first.rgb, setup.size), MODEL_LONG_SIDE)[0], 0)  # warm-up
        start = _usage()
        for _ in range(setup.frames):
            t0 = time.perf_counter()
            frame = src.read()
            assert frame is not None
            small, _ = downscale(_resized(frame.rgb, setup.size), MODEL_LONG_SIDE)
            t1 = time.perf_counter()
            est.estimate(small, frame.timestamp_ms + 1000)
            timings.add("decode", (t1 - t0) * 1e3)
            timings.add("tracking", (time.perf_counter() - t1) * 1e3)
    src.close()
    return _finish("model", setup.frames, timings, start, {"segmentation": segmentation})


def run_model(setup: BenchSetup) -> dict[str, Any]:
    with_mask = _model_loop(setup, segmentation=True)
    without = _model_loop(setup, segmentation=False)
    with_mask["without_segmentation"] = {k: without[k] for k in ("fps", "cpu_ms_per_frame", "stages_ms")}
    return with_mask


def naive_overlay(frame_rgb: np.ndarray, pose: Pose, garment_rgba: np.ndarray) -> np.ndarray:
    """What a typical demo does: scale the PNG to the shoulder width, paste it at the shoulders
    with float alpha blending over a full-frame canvas."""
    ls, rs = pose.xy[L.LEFT_SHOULDER], pose.xy[L.RIGHT_SHOULDER]
    width = max(int(abs(ls[0] - rs[0]) * 1.6), 8)
    gh, gw = garment_rgba.shape[:2]
    height = max(int(gh * width / gw), 8)
    g = cv2.resize(garment_rgba, (width, height))
    h, w = frame_rgb.shape[:2]
    overlay = np.zeros((h, w, 4), np.float32)
    x0, y0 = int((ls[0] + rs[0]) / 2 - width / 2), int(min(ls[1], rs[1]) - height * 0.08)
    xa, ya, xb, yb = max(0, x0), max(0, y0), min(w, x0 + width), min(h, y0 + height)
    if xb > xa and yb > ya:
        overlay[ya:yb, xa:xb] = g[ya - y0 : yb - y0, xa - x0 : xb - x0]
    alpha = overlay[..., 3:4] / 255.0
    return (frame_rgb.astype(np.float32) * (1 - alpha) + overlay[..., :3] * alpha).astype(np.uint8)


def run_naive(setup: BenchSetup) -> dict[str, Any]:
    src, timings = VideoFileSource(setup.video, loop=True), Timings(window=100_000)
    top = outfit(setup.catalog, 1)[0].rgba
    with PoseEstimator(EstimatorSettings(setup.model, num_poses=1)) as est:
        first = src.read()
        assert first is not None
        est.estimate(downscale(_resized(first.rgb, setup.size), MODEL_LONG_SIDE)[0], 0)
        start = _usage()
        for _ in range(setup.frames):
            t0 = time.perf_counter()
            frame = src.read()
            assert frame is not None
            rgb = _resized(frame.rgb, setup.size)
            t1 = time.perf_counter()
            small, k = downscale(rgb, MODEL_LONG_SIDE)
            found = est.estimate(small, frame.timestamp_ms + 1000)
            t2 = time.perf_counter()
            if found:
                rgb = naive_overlay(rgb, found[0].pose.scaled(k, k), top)
            t3 = time.perf_counter()
            timings.add("decode", (t1 - t0) * 1e3)
            timings.add("tracking", (t2 - t1) * 1e3)
            timings.add("overlay", (t3 - t2) * 1e3)
    src.close()
    return _finish("naive", setup.frames, timings, start)


def run_mirror(setup: BenchSetup, people: int) -> dict[str, Any]:
    garments = outfit(setup.catalog, 4)
    probe = VideoFileSource(setup.video)
    fps = probe.fps or 30.0
    probe.close()
    pictures = crowd_frames(setup.video, setup.model, setup.size, people)
    settings = tracker_settings(setup.model, live=True)
    warm = 30  # frames before measuring (model load, first search)
    engine = LiveEngine(
        open_source=lambda: LoopedFrames(pictures, fps, setup.frames + warm + 60),
        make_tracker=lambda: PoseTracker(settings),
        settings=EngineSettings(mirror=True),
    )
    engine.timings = Timings(window=100_000)
    engine.set_screen_size(setup.size)
    engine.set_outfit(garments)
    engine.start()
    end = time.perf_counter() + 120
    while time.perf_counter() < end and engine.timings.count("compose") < warm:
        if engine.status is SourceStatus.FAILED:
            raise RuntimeError(f"the engine failed: {engine.error}")
        time.sleep(0.02)
    engine.timings = Timings(window=100_000)
    start = _usage()
    while time.perf_counter() < end and engine.timings.count("compose") < setup.frames:
        time.sleep(0.01)
    composed, tracked = engine.timings.count("compose"), engine.timings.count("tracking")
    duration = time.perf_counter() - start[1]
    result = _finish(
        f"mirror-{people}",
        composed,
        engine.timings,
        start,
        {
            "people": people,
            "tracking_hz": round(tracked / max(duration, 1e-9), 2),
            "tracked_frames": tracked,
            "source_fps": fps,
            "items": [g.item_id for g in garments],
        },
    )
    engine.stop()
    # CPU per tracked frame: what one frame of the whole mirror (all threads) costs.
    result["cpu_ms_per_frame"] = round(result["cpu_ms_per_frame"] * composed / max(tracked, 1), 1)
    return result


def _child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def render_setup(setup: BenchSetup) -> BenchSetup:
    """The render runs (and the naive loop they are compared with) stop at the video's end: a
    looped video jumps at the seam, a shopper vanishing at once, which no real video does."""
    probe = VideoFileSource(setup.video)
    length = probe.frame_count or setup.frames
    probe.close()
    return replace(setup, frames=min(setup.frames, length))


def run_render(setup: BenchSetup) -> dict[str, Any]:
    """``mirror-app render`` of the video (at most ``frames`` frames) at the bench size, as a user runs it."""
    setup = render_setup(setup)
    with tempfile.TemporaryDirectory() as tmp:
        clip = Path(tmp) / "in.avi"
        _write_clip(setup, clip)
        items = [g.item_id for g in outfit(setup.catalog, 4)]
        cmd = [sys.executable, "-m", "mirror_app", "render", str(clip), "--out", str(Path(tmp) / "out.avi"),
               "--catalog", str(setup.catalog), "--model", str(setup.model), "--no-progress"]  # fmt: skip
        for item in items:
            cmd += ["--item", item]
        cpu0, t0 = _child_cpu(), time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall, cpu = time.perf_counter() - t0, _child_cpu() - cpu0
    return {
        "mode": "render",
        "frames": setup.frames,
        "seconds": round(wall, 2),
        "fps": round(setup.frames / wall, 2),
        "cpu_ms_per_frame": round(1000 * cpu / setup.frames, 1),
        "items": items,
        "stages_ms": {},
    }


def run_naive_process(setup: BenchSetup) -> dict[str, Any]:
    """The naive loop as a whole process (start-up included, like render), on the same frames."""
    setup = render_setup(setup)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "naive.json"
        cpu0, t0 = _child_cpu(), time.perf_counter()
        subprocess.run(_mode_command("naive", setup, out), check=True, stdout=subprocess.DEVNULL)
        wall, cpu = time.perf_counter() - t0, _child_cpu() - cpu0
    return {
        "fps": round(setup.frames / wall, 2),
        "seconds": round(wall, 2),
        "cpu_ms_per_frame": round(1000 * cpu / setup.frames, 1),
    }


def _write_clip(setup: BenchSetup, path: Path) -> None:
    src = VideoFileSource(setup.video, loop=True)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), src.fps or 30.0, setup.size)
    try:
        for _ in range(setup.frames):
            frame = src.read()
            assert frame is not None
            writer.write(cv2.cvtColor(_resized(frame.rgb, setup.size), cv2.COLOR_RGB2BGR))
    finally:
        writer.release()
        src.close()


def run_app(setup: BenchSetup) -> dict[str, Any]:
    """The real app on the video (offscreen window), for ``frames`` frames shown after start-up."""
    with tempfile.TemporaryDirectory() as tmp:
        stats = Path(tmp) / "stats.json"
        items = [g.item_id for g in outfit(setup.catalog, 4)]
        cmd = [sys.executable, "-m", "mirror_app", "run", "--video", str(setup.video), "--windowed",
               "--exit-after-frames", str(setup.frames + 60), "--stats-json", str(stats),
               "--catalog", str(setup.catalog), "--model", str(setup.model)]  # fmt: skip
        for item in items:
            cmd += ["--wear", item]
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        cpu0, t0 = _child_cpu(), time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        wall, cpu = time.perf_counter() - t0, _child_cpu() - cpu0
        doc = json.loads(stats.read_text())
    probe = VideoFileSource(setup.video)
    fps = probe.fps or 30.0
    probe.close()
    return {
        "mode": "app",
        "frames": doc.get("frames_displayed", 0),
        "seconds": round(wall, 2),
        "fps": doc.get("display_fps", 0.0),
        "tracking_hz": doc.get("tracking_hz", 0.0),
        "source_fps": fps,
        "cpu_ms_per_frame": round(1000 * cpu / max(doc.get("frames_tracked", 1), 1), 1),
        "latency_ms": {"p50": doc.get("latency_ms_p50"), "p95": doc.get("latency_ms_p95")},
        "stages_ms": doc.get("stages_ms", {}),
        "items": items,
    }


def run_mode(mode: str, setup: BenchSetup) -> dict[str, Any]:
    if mode.startswith("mirror-"):
        return run_mirror(setup, int(mode.split("-", 1)[1]))
    runs = {"model": run_model, "naive": run_naive, "render": run_render, "app": run_app}
    return runs[mode](setup)


def _mode_command(mode: str, setup: BenchSetup, out: Path) -> list[str]:
    return [sys.executable, "-m", "mirror_app", "bench", "--mode", mode, "--video", str(setup.video), "--model", str(setup.model),
            "--catalog", str(setup.catalog), "--resolution", f"{setup.size[0]}x{setup.size[1]}", "--frames", str(setup.frames),
            "--json", str(out), "--quiet"]  # fmt: skip


def run_isolated(mode: str, setup: BenchSetup) -> dict[str, Any]:
    """One mode in a fresh process, so its memory and CPU are its own."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        subprocess.run(_mode_command(mode, setup, out), check=True, stdout=subprocess.DEVNULL)
        result = dict(json.loads(out.read_text()))
    if mode == "render":
        result["naive_process"] = run_naive_process(setup)
    return result


# -- the side-by-side summary ----------------------------------------------------------------------------


def _p(stages: dict[str, Any], name: str) -> str:
    st = stages.get(name)
    return f"{st['p50']:.1f} / {st['p95']:.1f}" if st else "–"


def summary(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The figures the tracking issue asks for, with their targets."""
    by = {r["mode"]: r for r in results}
    out: dict[str, Any] = {}
    model = by.get("model")
    if model is not None:
        out["model_hz"] = model["fps"]
        out["model_hz_without_segmentation"] = model.get("without_segmentation", {}).get("fps")
        for r in results:
            if r["mode"].startswith("mirror-") or r["mode"] == "app":
                # A live mirror cannot track faster than its camera: the ceiling is the model alone,
                # at most the camera's frame rate.
                ceiling = min(model["fps"], r.get("source_fps") or model["fps"])
                name = "app" if r["mode"] == "app" else r["mode"]
                out[f"{name}_ceiling_hz"] = round(ceiling, 2)
                out[f"{name}_vs_model"] = round(r["tracking_hz"] / ceiling, 2)
        if "app" in by:
            out["app_display_vs_camera"] = round(by["app"]["fps"] / by["app"]["source_fps"], 2)
    if "render" in by and "naive_process" in by["render"]:
        out["render_vs_naive"] = round(by["render"]["fps"] / by["render"]["naive_process"]["fps"], 2)
    return out


def table(results: Sequence[dict[str, Any]]) -> str:
    """Every run in one table; ``× ceiling`` is tracking against the model alone (for a live run, at
    most the camera's rate: a mirror cannot track faster than its camera)."""
    by = {r["mode"]: r for r in results}
    model_hz = by["model"]["fps"] if "model" in by else None
    lines = [
        "| run | frames/s shown | tracking Hz | × ceiling | tracking ms p50 / p95 | model call ms | finder ms | "
        "pose age at display ms (frames) p50 / p95 | CPU ms per tracked frame |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        st = r.get("stages_ms", {})
        hz = r.get("tracking_hz", r["fps"] if r["mode"] in ("model", "naive") else None)
        ceiling = min(model_hz, r.get("source_fps") or model_hz) if model_hz else None
        ratio = (
            f"{hz / ceiling:.2f}×"
            if hz and ceiling and r["mode"] != "model"
            else ("1.00×" if r["mode"] == "model" else "–")
        )
        age = "–"
        if "pose_age_ms" in st:
            a, f = st["pose_age_ms"], st.get("pose_age_frames", {"p50": 0, "p95": 0})
            age = f"{a['p50']:.0f} ({f['p50']:.0f}) / {a['p95']:.0f} ({f['p95']:.0f})"
        name = {"model": "model alone (one pose, segmentation)", "naive": "naive loop"}.get(r["mode"], r["mode"])
        if r["mode"].startswith("mirror-"):
            name = f"mirror engine, {r['people']} in view"
        if r["mode"] == "app":
            name = "real app (mirror-app run)"
        shown = f"{r['fps']:.1f}" if r["mode"] in ("app", "render") or r["mode"].startswith("mirror-") else "–"
        lines.append(
            f"| {name} | {shown} | {hz:.1f} | {ratio} | {_p(st, 'tracking')} | {_p(st, 'inference')} | "
            f"{_p(st, 'finder')} | {age} | {r.get('cpu_ms_per_frame', 0):.1f} |"
            if hz
            else f"| {name} | {shown} | – | – | – | – | – | – | {r.get('cpu_ms_per_frame', 0):.1f} |"
        )
        if r["mode"] == "model" and "without_segmentation" in r:
            w = r["without_segmentation"]
            lines.append(
                f"| model alone, no segmentation | – | {w['fps']:.1f} | – | {_p(w['stages_ms'], 'tracking')} | – | – | – | "
                f"{w['cpu_ms_per_frame']:.1f} |"
            )
        if r["mode"] == "render" and "naive_process" in r:
            n = r["naive_process"]
            lines.append(
                f"| naive loop, whole process | {n['fps']:.1f} | – | – | – | – | – | – | {n['cpu_ms_per_frame']:.1f} |"
            )
    return "\n".join(lines)


def targets(summary_doc: dict[str, Any], people: Sequence[int]) -> str:
    rows = []
    most = max(people) if people else None
    if most is not None and f"mirror-{most}_vs_model" in summary_doc:
        v = summary_doc[f"mirror-{most}_vs_model"]
        c = summary_doc.get(f"mirror-{most}_ceiling_hz", 0.0)
        rows.append(
            f"- live tracking with {most} in view / the one-pose ceiling ({c:.1f} Hz: the model alone, at most the "
            f"camera's rate): **{v:.2f}×** (target ≥ 0.9×)"
        )
    if "render_vs_naive" in summary_doc:
        rows.append(
            f"- render / naive loop (whole processes): **{summary_doc['render_vs_naive']:.2f}×** (target ≥ 1.3×)"
        )
    if "app_vs_model" in summary_doc:
        rows.append(
            f"- real app tracking / model alone in the same run ({summary_doc.get('app_ceiling_hz', 0.0):.1f} Hz, at most "
            f"the camera's rate): **{summary_doc['app_vs_model']:.2f}×** (target ≥ 0.85×), display / camera rate: "
            f"{summary_doc['app_display_vs_camera']:.2f}×"
        )
    return "\n".join(rows)


# -- sweeps (in process: the overlay only) -----------------------------------------------------------


def tracked_poses(setup: BenchSetup, n: int = 60) -> tuple[list[Pose], tuple[int, int]]:
    """Poses of the main person over ``n`` frames of the video, in its own pixels."""
    src = VideoFileSource(setup.video)
    poses: list[Pose] = []
    wh = (0, 0)
    with PoseTracker(tracker_settings(setup.model)) as tracker:
        while len(poses) < n and (frame := src.read()) is not None:
            wh = (frame.rgb.shape[1], frame.rgb.shape[0])
            main = tracker.process(frame.rgb, frame.timestamp_ms).main
            if main is not None:
                poses.append(main.pose)
    src.close()
    return poses, wh


def overlay_cost(
    poses: Sequence[Pose], pose_wh: tuple[int, int], size: tuple[int, int], garments: Sequence[Garment], moving: bool
) -> dict[str, float]:
    """Milliseconds per frame to draw ``garments`` at ``size`` (warp + occlusion + compositing)."""
    sx, sy = size[0] / pose_wh[0], size[1] / pose_wh[1]
    scaled = [p.scaled(sx, sy) for p in poses]
    canvas0 = np.full((size[1], size[0], 3), 120, np.uint8)
    renderer = OutfitRenderer()
    renderer.render(canvas0.copy(), scaled[0], garments)  # build rigs
    times = []
    for i in range(len(scaled)):
        pose = scaled[i] if moving else scaled[0]
        canvas = canvas0.copy()
        t0 = time.perf_counter()
        renderer.render(canvas, pose, garments)
        times.append((time.perf_counter() - t0) * 1e3)
    arr = np.array(times[3:] if len(times) > 6 else times)
    return {"p50": round(float(np.percentile(arr, 50)), 2), "p95": round(float(np.percentile(arr, 95)), 2)}


def tracking_cost(setup: BenchSetup, size: tuple[int, int], n: int = 40) -> dict[str, float]:
    src = VideoFileSource(setup.video)
    frames: list[np.ndarray] = []
    while len(frames) < n and (f := src.read()) is not None:
        frames.append(_resized(f.rgb, size))
    src.close()
    times = []
    with PoseTracker(tracker_settings(setup.model)) as tracker:
        for i, rgb in enumerate(frames):
            t0 = time.perf_counter()
            tracker.process(rgb, i * 33)
            times.append((time.perf_counter() - t0) * 1e3)
    arr = np.array(times[5:])
    return {"p50": round(float(np.percentile(arr, 50)), 2), "p95": round(float(np.percentile(arr, 95)), 2)}


def sweeps(setup: BenchSetup) -> dict[str, Any]:
    poses, wh = tracked_poses(setup)
    four = outfit(setup.catalog, 4)
    by_res: dict[str, Any] = {}
    for name, size in RESOLUTIONS.items():
        by_res[name] = {
            "size": list(size),
            "overlay_moving_ms": overlay_cost(poses, wh, size, four, moving=True),
            "overlay_still_ms": overlay_cost(poses, wh, size, four, moving=False),
            "tracking_ms": tracking_cost(setup, size),
        }
    by_items: dict[str, Any] = {}
    for n in range(1, 7):
        garments = outfit(setup.catalog, n)
        by_items[str(n)] = {
            "items": [g.item_id for g in garments],
            "overlay_moving_ms": overlay_cost(poses, wh, RESOLUTIONS["1080p"], garments, moving=True),
            "overlay_still_ms": overlay_cost(poses, wh, RESOLUTIONS["1080p"], garments, moving=False),
        }
    return {"by_resolution": by_res, "by_items": by_items}


def machine() -> str:
    import platform

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        one, five, fifteen = os.getloadavg()
        load = f", load {one:.1f} {five:.1f} {fifteen:.1f}"
    except OSError:
        load = ""
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, OpenCV {cv2.__version__}{load}"
