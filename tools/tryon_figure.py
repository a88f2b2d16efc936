"""The before/after figure of docs/tryon.md, on the public-domain astronaut only (shippable).

    .venv/bin/python tools/tryon_figure.py --before-app ../main/.venv/bin/mirror-app \
        [--before-label "first version"] [--out docs/tryon/astronaut_before_after.jpg]

Top row: the demo tee, shirt and dress as another build renders them (``mirror-app render``, e.g.
the main branch's); bottom row: as this code renders them, with the shopper's mask.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from tryon_panels import before_render, find_people  # noqa: E402

from mirror_app.catalog import load_catalog  # noqa: E402
from mirror_app.catalog.preview import astronaut_path  # noqa: E402
from mirror_app.overlay import OutfitRenderer  # noqa: E402
from mirror_app.resources import demo_catalog_dir  # noqa: E402

ITEMS = ("crew-tee", "oxford-shirt-long", "floral-dress")
TILE = 256


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before-app", type=Path, required=True)
    ap.add_argument("--before-label", default="before")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "tryon" / "astronaut_before_after.jpg")
    args = ap.parse_args(argv)
    photo = astronaut_path()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "people"
        folder.mkdir()
        (folder / photo.name).write_bytes(photo.read_bytes())
        [(_name, rgb, raw)] = find_people(folder, 1)
        catalog = load_catalog(demo_catalog_dir())
        renderer = OutfitRenderer()
        rows: list[list[np.ndarray]] = [[], []]
        for item in ITEMS:
            old = before_render(args.before_app, folder / photo.name, demo_catalog_dir(), [item], Path(tmp))
            rows[0].append(old if old is not None else rgb * 0)
            canvas = rgb.copy()
            garment = catalog.item(item).garment()  # type: ignore[union-attr]
            renderer.render(canvas, raw.pose, [garment], person_mask=raw.mask)
            rows[1].append(canvas)
    labels = (args.before_label, "now")
    out = np.vstack(
        [
            np.hstack([cv2.resize(t, (TILE, TILE * t.shape[0] // t.shape[1]), interpolation=cv2.INTER_AREA) for t in r])
            for r in rows
        ]
    )
    h = out.shape[0] // 2
    for k, label in enumerate(labels):
        cv2.putText(out, label, (6, k * h + 18), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 0, 0), 3, cv2.LINE_AA)
        cv2.putText(out, label, (6, k * h + 18), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (255, 255, 255), 1, cv2.LINE_AA)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(args.out), cv2.cvtColor(out, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 88])
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
