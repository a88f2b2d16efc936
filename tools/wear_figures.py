"""The issue's wear figures for garments worn on real people, as a table (to look at, not commit).

    .venv/bin/python tools/wear_figures.py [--people DIR] [--catalog DIR ...] [--before DIR]

"after": this code, measured on the renderer's own coverage. "before": renders made by another
build (tools/tryon_panels.py --before-app caches them in out/panels/before), measured on the
pixels they changed (a difference of more than 12 levels from the photo).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mirror_app.catalog import load_catalog  # noqa: E402
from mirror_app.overlay import OutfitRenderer  # noqa: E402
from mirror_app.overlay.wear_check import WEAR_LIMITS, body_regions, wear_report  # noqa: E402
from mirror_app.resources import demo_catalog_dir  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
from tryon_panels import BODY, PEOPLE, find_people  # noqa: E402


def fmt(v: float | None) -> str:
    return "  -  " if v is None else f"{v:5.1%}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=Path, default=PEOPLE)
    ap.add_argument("--catalog", type=Path, action="append")
    ap.add_argument("--before", type=Path, help="folder of cached old renders (tryon_panels' out/panels/before)")
    ap.add_argument("--only", action="append")
    args = ap.parse_args(argv)
    people = find_people(args.people, 99)
    renderer = OutfitRenderer()
    totals: dict[str, list[float]] = {}
    for catalog_dir in args.catalog or [demo_catalog_dir()]:
        catalog = load_catalog(catalog_dir)
        for item in catalog.items:
            if item.category not in BODY or (args.only and item.id not in args.only):
                continue
            g = item.garment()
            fails = 0
            for name, rgb, raw in people:
                wh = (rgb.shape[1], rgb.shape[0])
                regions = body_regions(raw.pose, raw.mask, wh)
                prepared = renderer.prepare(raw.pose, [g], wh, person_mask=raw.mask, frame_rgb=rgb)
                after = wear_report(regions, prepared.alpha(), g.category, g.fit)
                line = f"{catalog_dir.name:6s} {item.id[:26]:26s} {name[:22]:22s} after  torso {fmt(after.torso_covered)} legs {fmt(after.legs_covered)} spill {fmt(after.spill)} top {fmt(after.top_offset)}"
                for key, val in (
                    ("torso", after.torso_covered),
                    ("legs", after.legs_covered),
                    ("spill", after.spill),
                    ("top", after.top_offset),
                ):
                    if val is not None:
                        totals.setdefault(f"after {key} {item.category.value}", []).append(val)
                if not after.passed(WEAR_LIMITS):
                    fails += 1
                    line += "  FAIL " + "; ".join(after.failures(WEAR_LIMITS))
                if args.before is not None:
                    old_path = args.before / f"{Path(name).stem}__{item.id}__{catalog_dir.name}.png"
                    old = cv2.imread(str(old_path))
                    if old is not None:
                        old = cv2.cvtColor(old, cv2.COLOR_BGR2RGB)
                        drawn = (np.abs(old.astype(int) - rgb.astype(int)).max(axis=2) > 12).astype(np.float32)
                        before = wear_report(regions, drawn, g.category, g.fit)
                        line += f" | before torso {fmt(before.torso_covered)} legs {fmt(before.legs_covered)} spill {fmt(before.spill)} top {fmt(before.top_offset)}"
                        for key, val in (
                            ("torso", before.torso_covered),
                            ("legs", before.legs_covered),
                            ("spill", before.spill),
                            ("top", before.top_offset),
                        ):
                            if val is not None:
                                totals.setdefault(f"before {key} {item.category.value}", []).append(val)
                print(line)
            print(f"  {item.id}: {len(people) - fails}/{len(people)} people pass")
    print()
    for key in sorted(totals):
        v = np.array(totals[key])
        print(
            f"{key:24s} median {np.median(v):6.1%}  worst {(v.min() if 'torso' in key or 'legs' in key else v.max()):6.1%}  n={len(v)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
