"""Import real product photos as a shop owner would, wear them on real people, and count.

    .venv/bin/python tools/import_report.py [--garments DIR] [--people DIR] [--out DIR] [--only NAME ...]

Runs ``import_photo`` on every photo of media/tryon/garments (categories from labels.json) into
a fresh catalog, wears every item on the standing people of media/tryon/people with the wear
checks of the try-on tests (``overlay.wear_check``), and prints one line per photo: refused (and
why), imported and flagged (its review notes), or imported and unflagged; whether it is worn
well (passes on most standing people); the seconds it took. Then counts per category and the
silent failures (imported, not flagged, not worn well), and the timing's median and worst.

Contact sheets (photo | cut-out | worn on four people) go to ``--out`` (default out/import, which
git ignores): the photos may not be redistributed, never commit them. ``MIRROR_CODE=/path/to/
checkout`` measures another checkout's importer (e.g. main's, for the "before" figures).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path

import cv2
import numpy as np

HERE = Path(__file__).resolve().parents[1]
ROOT = Path(os.environ.get("MIRROR_CODE", HERE)).resolve()
sys.path.insert(0, str(ROOT))

from mirror_app.catalog import load_catalog  # noqa: E402
from mirror_app.catalog.importer import import_photo  # noqa: E402
from mirror_app.catalog.starter import new_catalog  # noqa: E402
from mirror_app.domain import Category  # noqa: E402
from mirror_app.overlay import OutfitRenderer  # noqa: E402
from mirror_app.overlay.wear_check import WEAR_LIMITS, body_regions, wear_report  # noqa: E402
from mirror_app.tracking.pose_estimator import EstimatorSettings, PoseEstimator  # noqa: E402

MEDIA = HERE.parent / "shared" / "media" / "tryon"
MODEL = HERE / "assets" / "models" / "pose_landmarker_full.task"
SEATED = ("cat_jbeeq301271a.jpg",)  # as in tests/overlay/test_wear_real_people.py
PASS_SHARE = 0.6
TILE_H = 300
SHOWN_PEOPLE = ("idm_00034_00.jpg", "cat_women_049713_0.jpg", "cat_men_model_5.png", "idm_01992_00.jpg")


def people(folder: Path) -> list[tuple[str, np.ndarray, object]]:
    out = []
    photos = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".jpg", ".png") and p.name not in SEATED)
    with PoseEstimator(EstimatorSettings(MODEL, num_poses=1, segmentation=True, video=False)) as est:
        for path in photos:
            rgb = cv2.cvtColor(cv2.imread(str(path)), cv2.COLOR_BGR2RGB)
            found = est.estimate(rgb, 0)
            if found:
                out.append((path.name, rgb, found[0]))
    return out


def tile(rgb: np.ndarray, lines: list[str], colour: tuple[int, int, int] = (255, 255, 255)) -> np.ndarray:
    h, w = rgb.shape[:2]
    t = cv2.resize(rgb, (max(1, round(w * TILE_H / h)), TILE_H), interpolation=cv2.INTER_AREA)
    for i, text in enumerate(lines):
        y = 16 + 16 * i
        cv2.putText(t, text, (4, y), cv2.FONT_HERSHEY_SIMPLEX, 0.42, (0, 0, 0), 3, cv2.LINE_AA)
        cv2.putText(t, text, (4, y), cv2.FONT_HERSHEY_SIMPLEX, 0.42, colour, 1, cv2.LINE_AA)
    return t


def checker(rgba: np.ndarray) -> np.ndarray:
    h, w = rgba.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    board = np.where(((yy // 24 + xx // 24) % 2)[..., None] == 0, 200, 150).astype(np.float32)
    a = rgba[..., 3:4].astype(np.float32) / 255
    return (rgba[..., :3] * a + board * (1 - a)).astype(np.uint8)


def wrap(text: str, width: int = 40) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--garments", type=Path, default=MEDIA / "garments")
    ap.add_argument("--people", type=Path, default=MEDIA / "people")
    ap.add_argument("--out", type=Path, default=HERE / "out" / "import")
    ap.add_argument("--only", action="append", help="photo file names to import (default: all)")
    ap.add_argument("--no-wear", action="store_true", help="import only (no pose model, no wear checks)")
    args = ap.parse_args(argv)
    labels: dict[str, str] = json.loads((args.garments / "labels.json").read_text())
    names = [n for n in sorted(labels) if not args.only or n in args.only]
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="import-report-"))
    shop = work / "shop"
    new_catalog(shop)
    for child in (shop / "items").iterdir():
        shutil.rmtree(child)
    outcomes = {}
    taken: set[str] = set()
    for n in names:
        out = import_photo(args.garments / n, Category(labels[n]), shop, taken=taken)
        if out.item_id:
            taken.add(out.item_id)
        outcomes[n] = out
        print(f"  {n:<34} {out.seconds:5.2f} s  {'ok' if out.ok else 'refused: ' + str(out.reason)}", flush=True)
    catalog = load_catalog(shop)
    items = {it.id: it for it in catalog.items}
    crowd = [] if args.no_wear else people(args.people)
    renderer = OutfitRenderer()
    rows, results = [], []
    for n in names:
        out = outcomes[n]
        review = tuple(getattr(out, "review", ()))
        photo = cv2.cvtColor(cv2.imread(str(args.garments / n)), cv2.COLOR_BGR2RGB)
        tiles = [tile(photo, [n, labels[n], f"{out.seconds:.2f} s"])]
        passed = total = 0
        if out.ok and out.item_id in items:
            item = items[out.item_id]
            garment = item.garment()
            head = ["flagged: " + str(r.subject) for r in review] or ["not flagged"]
            tiles.append(tile(checker(item.rgba), head, (255, 220, 120) if review else (255, 255, 255)))
            for pname, rgb, raw in crowd:
                regions = body_regions(raw.pose, raw.mask, (rgb.shape[1], rgb.shape[0]))
                prepared = renderer.prepare(raw.pose, [garment], (rgb.shape[1], rgb.shape[0]), person_mask=raw.mask)
                report = wear_report(regions, prepared.alpha(), garment.category, garment.fit)
                total += 1
                passed += report.passed(WEAR_LIMITS)
                if pname in SHOWN_PEOPLE:
                    canvas = rgb.copy()
                    renderer.render(canvas, raw.pose, [garment], person_mask=raw.mask)
                    ok = report.passed(WEAR_LIMITS)
                    fails = [] if ok else report.failures(WEAR_LIMITS)
                    tiles.append(tile(canvas, [pname[:20], "pass" if ok else "FAIL", *fails[:3]]))
        else:
            blank = np.full((TILE_H, TILE_H, 3), 60, np.uint8)
            tiles.append(
                tile(blank, ["refused:", *wrap(str(out.reason)), "fix:", *wrap(str(out.fix))], (255, 160, 160))
            )
        worn = total > 0 and passed >= PASS_SHARE * total
        results.append(
            {
                "photo": n,
                "category": labels[n],
                "imported": out.ok,
                "flagged": bool(review),
                "review": [str(r) for r in review],
                "notes": list(out.notes),
                "reason": out.reason,
                "fix": out.fix,
                "seconds": round(out.seconds, 3),
                "worn": worn if crowd else None,
                "passed": f"{passed}/{total}",
            }
        )
        rows.append(np.hstack(tiles))
    for start in range(0, len(rows), 6):
        block = rows[start : start + 6]
        width = max(r.shape[1] for r in block)
        block = [np.pad(r, ((0, 4), (0, width - r.shape[1]), (0, 0))) for r in block]
        cv2.imwrite(str(args.out / f"sheet_{start // 6}.png"), cv2.cvtColor(np.vstack(block), cv2.COLOR_RGB2BGR))
    (args.out / "summary.json").write_text(json.dumps(results, indent=1))
    print()
    for r in results:
        state = "refused" if not r["imported"] else ("flagged" if r["flagged"] else "clean")
        worn = "" if r["worn"] is None else ("worn well" if r["worn"] else "NOT worn well")
        print(f"{r['photo']:<34} {r['category']:<7} {state:<8} {worn:<14} {r['passed']:>6} {r['seconds']:5.2f} s")
        for text in r["review"]:
            print(f"{'':36}check: {text}")
        if r["reason"]:
            print(f"{'':36}{r['reason']}; {r['fix']}")
    print()
    cats = Counter(r["category"] for r in results)
    for cat in sorted(cats):
        mine = [r for r in results if r["category"] == cat]
        imported = sum(r["imported"] for r in mine)
        good = sum(bool(r["worn"]) for r in mine)
        silent = sum(r["imported"] and not r["flagged"] and r["worn"] is False for r in mine)
        print(f"{cat:<7} {len(mine):>3} photos: {imported} imported, {good} worn well, {silent} silent failures")
    good = sum(bool(r["worn"]) for r in results)
    silent = sum(r["imported"] and not r["flagged"] and r["worn"] is False for r in results)
    times = [r["seconds"] for r in results]
    print(
        f"all     {len(results):>3} photos: {sum(r['imported'] for r in results)} imported, {good} worn well "
        f"({good / max(1, len(results)):.0%}), {sum(r['flagged'] for r in results)} flagged, {silent} silent failures"
    )
    print(f"time per photo: median {statistics.median(times):.2f} s, worst {max(times):.2f} s")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
