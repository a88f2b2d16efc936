"""docs/performance.md from the JSON of `mirror-app bench --json F [--sweep]`, with its plots.

Kept out of the shipped package (the kiosk carries no matplotlib for this):

    .venv/bin/mirror-app bench --video ../shared/media/street_walkers_720p50.avi --sweep --json /tmp/bench.json
    .venv/bin/python tools/bench_report.py /tmp/bench.json --out docs/performance.md
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mirror_app.bench import table, targets  # noqa: E402


def plots(sweep: dict[str, Any], out_dir: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def save(fig: Any, ax: Any, title: str, path: Path) -> Path:
        ax.set_title(title)
        ax.grid(alpha=0.3)
        ax.legend()
        fig.tight_layout()
        fig.savefig(path, dpi=110)
        plt.close(fig)
        return path

    out_dir.mkdir(parents=True, exist_ok=True)
    res = sweep["by_resolution"]
    names = list(res)
    mpx = [res[n]["size"][0] * res[n]["size"][1] / 1e6 for n in names]
    fig, ax = plt.subplots(figsize=(7, 4))
    for key, label in (
        ("tracking_ms", "tracking (follower + finder share)"),
        ("overlay_moving_ms", "4-item outfit, moving"),
        ("overlay_still_ms", "4-item outfit, still (warp reused)"),
    ):
        ax.plot(list(range(len(names))), [res[n][key]["p50"] for n in names], marker="o", label=label)
    ax.set_xticks(list(range(len(names))), [f"{n}\n{mp:.1f} MP" for n, mp in zip(names, mpx, strict=True)])
    ax.set_ylabel("ms per frame (p50)")
    paths = [save(fig, ax, "Cost against resolution", out_dir / "perf_resolution.png")]
    items = sweep["by_items"]
    ns = [int(n) for n in items]
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(ns, [items[str(n)]["overlay_moving_ms"]["p50"] for n in ns], marker="o", label="moving")
    ax.plot(ns, [items[str(n)]["overlay_still_ms"]["p50"] for n in ns], marker="o", label="still (warp reused)")
    ax.set_xlabel("items worn")
    ax.set_ylabel("ms per frame at 1080p (p50)")
    paths.append(save(fig, ax, "Overlay cost against the number of items", out_dir / "perf_items.png"))
    return paths


def markdown(doc: dict[str, Any], plot_paths: list[Path]) -> str:
    setup, results = doc["setup"], doc["modes"]
    by = {r["mode"]: r for r in results}
    items = next((r.get("items") for r in results if r.get("items")), [])
    lines = [
        "# Performance",
        "",
        f"Generated on {doc.get('date', '?')} by `mirror-app bench --video {setup['video']} --sweep --json F` and "
        f"`tools/bench_report.py F`: {doc['machine']}.",
        f"Input: `{setup['video']}` at {setup['size'][0]}×{setup['size'][1]}, {setup['frames']} frames per run; "
        f"pose model `{setup.get('model', '?')}`; outfit {', '.join(items)}.",
        "",
        "- **model alone**: decode + MediaPipe asked for one pose (VIDEO mode) on the frame scaled to 640 px: the ceiling;",
        "- **naive loop**: one thread, one pose, a garment PNG resized to the shoulders and blended over the whole frame;",
        "- **mirror engine, N in view**: the live engine (capture, tracking with its finder thread, warp) fed at the "
        "video's rate like a camera, with N people in view (the video's, plus copies of its main person pasted behind "
        "them); tracking Hz counts frames that got their own pose; pose age is how much older the pose a shown frame "
        "is dressed with is than that frame;",
        "- **render**: `mirror-app render` of the same frames, the whole process, against the naive loop as a whole process;",
        "- **real app**: `mirror-app run --video … --windowed --stats-json` (offscreen window), against the model alone "
        "measured in the same run.",
        "",
        table(results),
        "",
        targets(doc.get("summary", {}), setup.get("people", [])),
        "",
    ]
    if "app" in by:
        app = by["app"]
        lines += [
            f"Real app: {app['fps']:.1f} frames/s shown for a {app['source_fps']:.0f} fps video, latency capture→paint "
            f"p50 {app['latency_ms']['p50']} ms, p95 {app['latency_ms']['p95']} ms.",
            "",
        ]
    sweep = doc.get("sweep")
    if sweep:
        res = sweep["by_resolution"]
        lines += [
            "## Cost against resolution",
            "",
            "| resolution | tracking ms | 4 items moving ms | 4 items still ms |",
            "|---|---|---|---|",
        ]
        for name, r in res.items():
            t, m, s = r["tracking_ms"], r["overlay_moving_ms"], r["overlay_still_ms"]
            lines.append(
                f"| {name} ({r['size'][0]}×{r['size'][1]}) | {t['p50']:.1f} / {t['p95']:.1f} | "
                f"{m['p50']:.1f} / {m['p95']:.1f} | {s['p50']:.1f} / {s['p95']:.1f} |"
            )
        lines += [
            "",
            "(p50 / p95; overlay = warp + arm occlusion + compositing; still = the warp is reused while the body moves < 0.35 px)",
            "",
            "## Cost against items worn (1080p)",
            "",
            "| items | worn | moving ms | still ms |",
            "|---|---|---|---|",
        ]
        for n, r in sweep["by_items"].items():
            m, s = r["overlay_moving_ms"], r["overlay_still_ms"]
            lines.append(
                f"| {n} | {', '.join(r['items'])} | {m['p50']:.1f} / {m['p95']:.1f} | {s['p50']:.1f} / {s['p95']:.1f} |"
            )
        lines.append("")
        lines += [f"![{p.stem}]({p.name})" for p in plot_paths]
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json", type=Path, help="output of `mirror-app bench --json`")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    args = parser.parse_args()
    doc = json.loads(args.json.read_text(encoding="utf-8"))
    plot_paths = plots(doc["sweep"], args.out.parent) if doc.get("sweep") else []
    args.out.write_text(markdown(doc, plot_paths), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
