"""Before/after panels of garments worn on real people, to look at (never to commit).

    .venv/bin/python tools/tryon_panels.py [--people DIR] [--catalog DIR ...] [--out DIR]
        [--before-app PATH/mirror-app] [--people-count N] [--outline]

For every body garment of each catalog, one PNG: a column per person, rows "photo", "before"
(rendered by another build's ``mirror-app render``, e.g. the main branch's, when --before-app is
given) and "after" (this code, with the shopper's mask, as the mirror renders). Plus one outfit
panel (top + bottom) per catalog. The people's photos may not be redistributed: the default
output folder ``out/panels`` is git-ignored.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mirror_app.catalog import load_catalog  # noqa: E402
from mirror_app.domain import Category  # noqa: E402
from mirror_app.overlay import OutfitRenderer  # noqa: E402
from mirror_app.overlay.body_outline import draw_debug  # noqa: E402
from mirror_app.resources import demo_catalog_dir  # noqa: E402
from mirror_app.tracking.pose_estimator import EstimatorSettings, PoseEstimator  # noqa: E402

MODEL = ROOT / "assets" / "models" / "pose_landmarker_full.task"
PEOPLE = ROOT.parent / "shared" / "media" / "tryon" / "people"
TILE_H = 420
BODY = (Category.TOP, Category.OUTERWEAR, Category.DRESS, Category.BOTTOM)


def find_people(folder: Path, count: int) -> list[tuple[str, np.ndarray, object]]:
    """(name, rgb, RawPose with mask) of the main person in each photo."""
    photos = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png"))[:count]
    out = []
    with PoseEstimator(EstimatorSettings(MODEL, num_poses=1, segmentation=True, video=False)) as est:
        for path in photos:
            rgb = cv2.cvtColor(cv2.imread(str(path)), cv2.COLOR_BGR2RGB)
            found = est.estimate(rgb, 0)
            if found:
                out.append((path.name, rgb, found[0]))
    return out


def tile(rgb: np.ndarray, label: str) -> np.ndarray:
    h, w = rgb.shape[:2]
    t = cv2.resize(rgb, (round(w * TILE_H / h), TILE_H), interpolation=cv2.INTER_AREA)
    cv2.putText(t, label, (6, 18), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 0, 0), 3, cv2.LINE_AA)
    cv2.putText(t, label, (6, 18), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (255, 255, 255), 1, cv2.LINE_AA)
    return t


def row(tiles: list[np.ndarray]) -> np.ndarray:
    return np.hstack(tiles)


def before_render(app: Path, photo: Path, catalog: Path, items: list[str], cache: Path) -> np.ndarray | None:
    out = cache / f"{photo.stem}__{'+'.join(items)}__{catalog.name}.png"
    if not out.exists():
        cmd = [str(app), "render", str(photo), "--catalog", str(catalog), "--out", str(out), "--no-progress"]
        for it in items:
            cmd += ["--item", it]
        subprocess.run(cmd, check=False, capture_output=True)
    img = cv2.imread(str(out))
    return None if img is None else cv2.cvtColor(img, cv2.COLOR_BGR2RGB)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=Path, default=PEOPLE)
    ap.add_argument("--catalog", type=Path, action="append")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "panels")
    ap.add_argument("--before-app", type=Path)
    ap.add_argument("--people-count", type=int, default=16)
    ap.add_argument("--only", action="append", help="item ids to draw (default: all body garments)")
    ap.add_argument("--outline", action="store_true", help="add a row with the measured body outline")
    args = ap.parse_args(argv)
    catalogs = args.catalog or [demo_catalog_dir()]
    args.out.mkdir(parents=True, exist_ok=True)
    cache = args.out / "before"
    cache.mkdir(exist_ok=True)
    people = find_people(args.people, args.people_count)
    renderer = OutfitRenderer()
    for catalog_dir in catalogs:
        catalog = load_catalog(catalog_dir)
        items = [it for it in catalog.items if it.category in BODY and (not args.only or it.id in args.only)]
        outfits = [[it.id] for it in items]
        tops = [it.id for it in items if it.category is Category.TOP]
        bottoms = [it.id for it in items if it.category is Category.BOTTOM]
        if tops and bottoms:
            outfits.append([tops[0], bottoms[0]])
        for ids in outfits:
            garments = [catalog.item(i).garment() for i in ids]  # type: ignore[union-attr]
            rows: list[list[np.ndarray]] = [[], [], [], []]
            for name, rgb, raw in people:
                rows[0].append(tile(rgb, name[:24]))
                if args.before_app:
                    old = before_render(args.before_app, args.people / name, catalog_dir, ids, cache)
                    rows[1].append(tile(old if old is not None else rgb * 0, "before"))
                canvas = rgb.copy()
                renderer.render(canvas, raw.pose, garments, person_mask=raw.mask)
                rows[2].append(tile(canvas, "after"))
                if args.outline:
                    prepared = renderer.prepare(raw.pose, garments, (rgb.shape[1], rgb.shape[0]), person_mask=raw.mask)
                    if prepared.outline is not None:
                        rows[3].append(tile(draw_debug(canvas, prepared.outline), "outline"))
            # Split wide panels into chunks of 8 people.
            for start in range(0, len(people), 8):
                block = [row(r[start : start + 8]) for r in rows if r]
                width = max(b.shape[1] for b in block)
                block = [np.pad(b, ((0, 0), (0, width - b.shape[1]), (0, 0))) for b in block]
                path = args.out / f"{catalog_dir.name}__{'+'.join(ids)}__{start // 8}.png"
                cv2.imwrite(str(path), cv2.cvtColor(np.vstack(block), cv2.COLOR_RGB2BGR))
                print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
