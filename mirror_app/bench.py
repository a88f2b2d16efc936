"""``mirror-app bench``: the mirror's speed against the model's ceiling and a naive loop.

Three modes on the same video, each in its own process (so peak memory is its own):
  ceiling  decode + pose tracking only: what the model allows on this machine;
  naive    the loop most webcam try-on demos use: one thread, a garment PNG resized to the
           shoulder width and float-alpha-blended over the whole frame, no warp, no smoothing;
  mirror   Mirror's live engine (capture, tracking and compositing threads) with a full outfit,
           fed at the video's own frame rate like a camera.
Plus sweeps of the overlay's cost against resolution and number of items, for docs/performance.md.
Nothing here is a test assertion; it prints numbers.
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from .capture.sources import VideoFileSource
from .catalog.loader import load_catalog
from .domain import Category
from .live.engine import EngineSettings, LiveEngine, SourceStatus
from .live.stats import Timings
from .overlay.garment import Garment
from .overlay.outfit import OutfitRenderer
from .tracking.landmarks import Landmark as L
from .tracking.landmarks import Pose
from .tracking.pose_tracker import PoseTracker, TrackerSettings

MODES = ("ceiling", "naive", "mirror")
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
    num_poses: int = 1
    segmentation: bool = True


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


def _frames(setup: BenchSetup) -> VideoFileSource:
    return VideoFileSource(setup.video, loop=True)


def _resized(rgb: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    if (rgb.shape[1], rgb.shape[0]) == size:
        return rgb
    out: np.ndarray = cv2.resize(rgb, size, interpolation=cv2.INTER_LINEAR)
    return out


def _first(src: VideoFileSource) -> np.ndarray:
    frame = src.read()
    if frame is None:
        raise ValueError(f"no frames in {src.description}")
    return frame.rgb


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
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1),
        "stages_ms": {s: timings.percentiles(s) for s in timings.stages()},
        **(extra or {}),
    }


def run_ceiling(setup: BenchSetup) -> dict[str, Any]:
    src, timings = _frames(setup), Timings(window=100_000)
    with PoseTracker(
        TrackerSettings(setup.model, num_poses=setup.num_poses, segmentation=setup.segmentation)
    ) as tracker:
        tracker.process(_resized(_first(src), setup.size), 0)  # warm-up
        start = _usage()
        for _ in range(setup.frames):
            t0 = time.perf_counter()
            frame = src.read()
            assert frame is not None
            rgb = _resized(frame.rgb, setup.size)
            t1 = time.perf_counter()
            tracker.process(rgb, frame.timestamp_ms + 1000)
            t2 = time.perf_counter()
            timings.add("decode", (t1 - t0) * 1e3)
            timings.add("tracking", (t2 - t1) * 1e3)
    src.close()
    return _finish("ceiling", setup.frames, timings, start)


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
    src, timings = _frames(setup), Timings(window=100_000)
    top = outfit(setup.catalog, 1)[0].rgba
    with PoseTracker(TrackerSettings(setup.model, num_poses=1, segmentation=False, smoothing=None)) as tracker:
        tracker.process(_resized(_first(src), setup.size), 0)
        start = _usage()
        for _ in range(setup.frames):
            t0 = time.perf_counter()
            frame = src.read()
            assert frame is not None
            rgb = _resized(frame.rgb, setup.size)
            t1 = time.perf_counter()
            result = tracker.process(rgb, frame.timestamp_ms + 1000)
            t2 = time.perf_counter()
            if result.main is not None:
                rgb = naive_overlay(rgb, result.main.raw_pose, top)
            t3 = time.perf_counter()
            timings.add("decode", (t1 - t0) * 1e3)
            timings.add("tracking", (t2 - t1) * 1e3)
            timings.add("overlay", (t3 - t2) * 1e3)
    src.close()
    return _finish("naive", setup.frames, timings, start)


class _ResizedSource:
    """The video at the benchmark's resolution, delivered at its own frame rate."""

    live = False

    def __init__(self, setup: BenchSetup) -> None:
        self._src = _frames(setup)
        self._size = setup.size
        self.description = self._src.description

    @property
    def fps(self) -> float | None:
        return self._src.fps

    def read(self):  # type: ignore[no-untyped-def]
        from .capture.sources import Frame

        f = self._src.read()
        return None if f is None else Frame(_resized(f.rgb, self._size), f.timestamp_ms, f.index, f.captured_at)

    def close(self) -> None:
        self._src.close()


def run_mirror(setup: BenchSetup) -> dict[str, Any]:
    garments = outfit(setup.catalog, 4)
    settings = TrackerSettings(setup.model, num_poses=setup.num_poses, segmentation=setup.segmentation)
    engine = LiveEngine(
        open_source=lambda: _ResizedSource(setup),
        make_tracker=lambda: PoseTracker(settings),
        settings=EngineSettings(mirror=True),
    )
    engine.timings = Timings(window=100_000)
    engine.set_screen_size(setup.size)
    engine.set_outfit(garments)
    engine.start()
    # Wait for the first tracked frame (model load), then measure.
    end = time.perf_counter() + 60
    while (
        time.perf_counter() < end and engine.timings.count("tracking") < 3 and engine.status is not SourceStatus.FAILED
    ):
        time.sleep(0.02)
    engine.timings = Timings(window=100_000)
    start = _usage()
    probe = VideoFileSource(setup.video)
    fps_src = probe.fps or 30.0
    probe.close()
    duration = setup.frames / fps_src
    time.sleep(duration)
    composed = engine.timings.count("compose")
    tracked = engine.timings.count("tracking")
    result = _finish(
        "mirror",
        composed,
        engine.timings,
        start,
        {
            "tracking_hz": round(tracked / max(duration, 1e-9), 2),
            "source_fps": fps_src,
            "items": [g.item_id for g in garments],
        },
    )
    engine.stop()
    return result


def run_mode(mode: str, setup: BenchSetup) -> dict[str, Any]:
    return {"ceiling": run_ceiling, "naive": run_naive, "mirror": run_mirror}[mode](setup)


def run_isolated(mode: str, setup: BenchSetup) -> dict[str, Any]:
    """One mode in a fresh process, so its memory and CPU are its own."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        cmd = [
            sys.executable, "-m", "mirror_app", "bench", "--mode", mode, "--video", str(setup.video), "--model", str(setup.model),
            "--catalog", str(setup.catalog), "--resolution", f"{setup.size[0]}x{setup.size[1]}", "--frames", str(setup.frames),
            "--num-poses", str(setup.num_poses), "--json", str(out), "--quiet",
        ]  # fmt: skip
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        return dict(json.loads(out.read_text()))


# -- sweeps (in process: the overlay only) -----------------------------------------------------------


def tracked_poses(setup: BenchSetup, n: int = 60) -> tuple[list[Pose], tuple[int, int]]:
    """Poses of the main person over ``n`` frames of the video, in its own pixels."""
    src = VideoFileSource(setup.video)
    poses: list[Pose] = []
    wh = (0, 0)
    with PoseTracker(TrackerSettings(setup.model, num_poses=1)) as tracker:
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
    with PoseTracker(
        TrackerSettings(setup.model, num_poses=setup.num_poses, segmentation=setup.segmentation)
    ) as tracker:
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


# -- report ----------------------------------------------------------------------------------------------


def table(results: Sequence[dict[str, Any]]) -> str:
    stages = ("decode", "capture", "tracking", "overlay", "view")
    lines = ["| mode | fps | tracking Hz | CPU % | peak MB | " + " | ".join(f"{s} p50/p95 ms" for s in stages) + " |"]
    lines.append("|---" * (5 + len(stages)) + "|")
    for r in results:
        cells = []
        for s in stages:
            st = r["stages_ms"].get(s)
            cells.append(f"{st['p50']:.1f} / {st['p95']:.1f}" if st else "–")
        hz = r.get("tracking_hz", r["fps"])
        lines.append(
            f"| {r['mode']} | {r['fps']:.1f} | {hz:.1f} | {r['cpu_percent']:.0f} | {r['peak_memory_mb']:.0f} | "
            + " | ".join(cells)
            + " |"
        )
    return "\n".join(lines)


def plots(sweep: dict[str, Any], out_dir: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    res = sweep["by_resolution"]
    names = list(res)
    mpx = [res[n]["size"][0] * res[n]["size"][1] / 1e6 for n in names]
    fig, ax = plt.subplots(figsize=(7, 4))
    for key, label in (
        ("tracking_ms", "tracking (model)"),
        ("overlay_moving_ms", "4-item outfit, moving"),
        ("overlay_still_ms", "4-item outfit, still (warp reused)"),
    ):
        ax.plot(list(range(len(names))), [res[n][key]["p50"] for n in names], marker="o", label=label)
    ax.set_xticks(list(range(len(names))), [f"{n}\n{mp:.1f} MP" for n, mp in zip(names, mpx, strict=True)])
    ax.set_ylabel("ms per frame (p50)")
    paths.append(_save(fig, ax, "Cost against resolution", out_dir / "perf_resolution.png"))
    items = sweep["by_items"]
    ns = [int(n) for n in items]
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(ns, [items[str(n)]["overlay_moving_ms"]["p50"] for n in ns], marker="o", label="moving")
    ax.plot(ns, [items[str(n)]["overlay_still_ms"]["p50"] for n in ns], marker="o", label="still (warp reused)")
    ax.set_xlabel("items worn")
    ax.set_ylabel("ms per frame at 1080p (p50)")
    paths.append(_save(fig, ax, "Overlay cost against the number of items", out_dir / "perf_items.png"))
    return paths


def _save(fig: Any, ax: Any, title: str, path: Path) -> Path:
    """Title, grid, legend; write the PNG and free the figure."""
    import matplotlib.pyplot as plt

    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


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
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, OpenCV {cv2.__version__}"


def markdown(
    results: Sequence[dict[str, Any]], sweep: dict[str, Any] | None, setup: BenchSetup, plot_paths: Sequence[Path]
) -> str:
    by_mode = {r["mode"]: r for r in results}
    lines = [
        "# Performance",
        "",
        "Generated by `mirror-app bench --sweep --report docs/performance.md` on "
        f"{time.strftime('%Y-%m-%d')}: {machine()}.",
        f"Input: `{setup.video.name}` at {setup.size[0]}×{setup.size[1]}, {setup.frames} frames; pose model "
        f"`{setup.model.name}`, {setup.num_poses} pose(s), segmentation {'on' if setup.segmentation else 'off'}.",
        "",
        "- **ceiling**: decode + pose tracking only (what the model allows here);",
        "- **naive**: one thread, a garment PNG resized to the shoulders and float-alpha-blended over the whole frame;",
        "- **mirror**: the live engine (capture, tracking and compositing threads) with a 4-item outfit "
        f"({', '.join(by_mode.get('mirror', {}).get('items', []))}), fed at the video's own rate like a camera. "
        "Its fps counts frames shown with the outfit; tracking Hz counts frames that got their own pose.",
        "",
        table(results),
        "",
    ]
    if {"ceiling", "naive", "mirror"} <= set(by_mode):
        c, n, m = by_mode["ceiling"], by_mode["naive"], by_mode["mirror"]
        lines += [
            f"- mirror tracking / ceiling: **{m['tracking_hz'] / c['fps']:.2f}×**; mirror frames shown / ceiling: {m['fps'] / c['fps']:.2f}×",
            f"- mirror frames shown / naive: **{m['fps'] / n['fps']:.2f}×**; mirror tracking / naive: {m['tracking_hz'] / n['fps']:.2f}×",
            "",
        ]
    if sweep is not None:
        res = sweep["by_resolution"]
        lines += [
            "## Cost against resolution",
            "",
            "| resolution | tracking ms | 4 items moving ms | 4 items still ms |",
            "|---|---|---|---|",
        ]
        for name, r in res.items():
            lines.append(
                f"| {name} ({r['size'][0]}×{r['size'][1]}) | {r['tracking_ms']['p50']:.1f} / {r['tracking_ms']['p95']:.1f} | "
                f"{r['overlay_moving_ms']['p50']:.1f} / {r['overlay_moving_ms']['p95']:.1f} | {r['overlay_still_ms']['p50']:.1f} / {r['overlay_still_ms']['p95']:.1f} |"
            )
        lines += [
            "",
            "(p50 / p95; overlay = warp + arm occlusion + compositing; still = the warp is reused while the body moves < 0.35 px)",
            "",
        ]
        items = sweep["by_items"]
        lines += [
            "## Cost against items worn (1080p)",
            "",
            "| items | worn | moving ms | still ms |",
            "|---|---|---|---|",
        ]
        for n, r in items.items():
            lines.append(
                f"| {n} | {', '.join(r['items'])} | {r['overlay_moving_ms']['p50']:.1f} / {r['overlay_moving_ms']['p95']:.1f} | {r['overlay_still_ms']['p50']:.1f} / {r['overlay_still_ms']['p95']:.1f} |"
            )
        lines.append("")
        for p in plot_paths:
            lines.append(f"![{p.stem}]({p.name})")
        lines.append("")
    return "\n".join(lines)
