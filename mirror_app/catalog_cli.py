"""``mirror-app catalog new | validate | import | preview | edit``: the shop owner's catalog tools.

Wired into ``cli.py``'s ``catalog`` command. Exit codes: 0 done (validate: clean); 1 something in
the catalog or a photo is wrong (each one listed with its fix); 2 bad arguments or a missing
folder (one line, as everywhere in mirror-app).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .domain import Category
from .errors import CatalogError, MirrorError

if TYPE_CHECKING:
    from .catalog.preview import ReferenceBody
    from .tracking.pose_estimator import RawPose

EXIT_OK, EXIT_PROBLEMS = 0, 1

COMMANDS = ("new", "validate", "import", "preview", "edit")


def add_parsers(csub: argparse._SubParsersAction, add_common: Callable[[argparse.ArgumentParser], None]) -> None:  # type: ignore[type-arg]
    p = csub.add_parser("new", help="create a starter catalog with one example of each category")
    add_common(p)
    p.add_argument("dir", type=Path, help="new (or empty) folder for the catalog")

    p = csub.add_parser("validate", help="check a catalog: every problem with its file, item and fix")
    add_common(p)
    p.add_argument("dir", type=Path, help="catalog folder")

    p = csub.add_parser("import", help="make items from product photos (plain light background)")
    add_common(p)
    p.add_argument("photos", type=Path, nargs="+", metavar="PHOTO", help="product photos (JPEG, PNG, WebP)")
    p.add_argument(
        "--category", required=True, choices=[c.value for c in Category], help="what the photos show (all the same)"
    )
    p.add_argument("--into", type=Path, required=True, metavar="DIR", help="catalog folder to add the items to")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")

    p = csub.add_parser("preview", help="a contact sheet of every item worn on reference bodies")
    add_common(p)
    p.add_argument("dir", type=Path, help="catalog folder")
    p.add_argument("--out", type=Path, required=True, help="the sheet, a .png file")
    p.add_argument(
        "--on",
        type=Path,
        action="append",
        default=[],
        metavar="PHOTO",
        help="also dress the person in this photo (repeatable)",
    )
    p.add_argument("--photo", type=Path, default=None, help=argparse.SUPPRESS)  # the first version's name for --on

    p = csub.add_parser("edit", help="open the catalog editor (anchors, names, prices)")
    add_common(p)
    p.add_argument("dir", type=Path, help="catalog folder")


def run(args: argparse.Namespace) -> int:
    command = args.catalog_command
    if command == "new":
        return _new(args.dir)
    if command == "validate":
        return _validate(args.dir)
    if command == "import":
        return _import(args.photos, Category(args.category), args.into, progress=not args.no_progress)
    if command == "preview":
        return _preview(args.dir, args.out, [*args.on, *([args.photo] if args.photo else [])], args.model)
    if command == "edit":
        from .ui.catalog_editor import run_editor

        return run_editor(args.dir)
    raise MirrorError(f"unknown catalog command {command}")


def _new(folder: Path) -> int:
    from .catalog.starter import new_catalog

    ids = new_catalog(folder)
    print(f"created {folder} with {len(ids)} example items: {', '.join(ids)}")
    print(f"next: mirror-app catalog import PHOTO... --category top --into {folder}")
    return EXIT_OK


def _validate(folder: Path) -> int:
    from .catalog import load_catalog
    from .catalog.report import validate_report

    lines, code = validate_report(load_catalog(folder))
    print("\n".join(lines))
    return code


def _require_catalog(folder: Path) -> None:
    if not (folder / "catalog.json").is_file():
        raise CatalogError(
            f"no catalog.json in {folder}; create the catalog first with `mirror-app catalog new {folder}`"
        )


def _import(photos: list[Path], category: Category, into: Path, *, progress: bool) -> int:
    from tqdm import tqdm

    from .catalog.importer import Imported, import_photo

    _require_catalog(into)
    done: list[Imported] = []
    taken: set[str] = set()
    bar = tqdm(photos, unit="photo", desc="import", file=sys.stderr, disable=not progress, dynamic_ncols=True)
    for photo in bar:
        outcome = import_photo(photo, category, into, taken=taken)
        if outcome.item_id:
            taken.add(outcome.item_id)
        done.append(outcome)
    bar.close()
    good = [d for d in done if d.ok]
    bad = [d for d in done if not d.ok]
    if good:
        print(f"imported {len(good)} of {len(done)} photo(s) into {into / 'items'}:")
        for d in good:
            print(f"  {d.item_id:<28} from {d.photo}  ({d.seconds:.1f} s)")
            for note in d.notes:
                print(f"      note: {note}")
            for check in d.review:
                print(f"      check {check.subject.replace('_', ' ')}: {check.reason}")
                print(f"          fix: {check.fix}")
    if bad:
        print(f"could not import {len(bad)} photo(s):")
        for d in bad:
            print(f"  {d.photo}: {d.reason}")
            print(f"      fix: {d.fix}")
    to_check = [d for d in good if d.review]
    if to_check:
        print(
            f"{len(to_check)} item(s) have anchors to check ({sum(len(d.review) for d in to_check)} in all): "
            f'`mirror-app catalog edit {into}` lists them under "Check these"'
        )
    if good:
        print(
            f"next: set names and prices with `mirror-app catalog edit {into}`, "
            f"then look at `mirror-app catalog preview {into} --out sheet.png`"
        )
    return EXIT_PROBLEMS if bad else EXIT_OK


def _preview(folder: Path, out: Path, photos: list[Path], model: Path | None) -> int:
    import cv2

    from .catalog import load_catalog
    from .catalog.preview import astronaut_path, contact_sheet, reference_bodies

    if out.suffix.lower() != ".png":
        raise MirrorError(f"the sheet must be a .png file, not {out.name}")
    if not out.parent.is_dir():
        raise MirrorError(f"output folder does not exist: {out.parent}")
    catalog = load_catalog(folder)
    # Mannequins, the bundled real photo, and the owner's own photos: a sticker hides on a mannequin.
    bodies = [*reference_bodies(), *(_photo_body(p, model) for p in (astronaut_path(), *photos))]
    sheet = contact_sheet(catalog, bodies)
    ok, buf = cv2.imencode(".png", cv2.cvtColor(sheet, cv2.COLOR_RGB2BGR))
    if not ok:
        raise MirrorError("cannot encode the sheet as PNG")
    from .catalog.writer import write_bytes_atomic

    write_bytes_atomic(out, bytes(buf.tobytes()))
    print(f"wrote {out}: {len(catalog.items)} item(s) on {len(bodies)} bod{'y' if len(bodies) == 1 else 'ies'}")
    if catalog.problems:
        print(
            f"{len(catalog.skipped) or len(catalog.problems)} item(s) with problems are marked in red; "
            f"run `mirror-app catalog validate {folder}` for the fixes"
        )
    return EXIT_OK


def _photo_body(photo: Path, model: Path | None) -> ReferenceBody:
    """The largest person in ``photo`` as a reference body (runs the pose model once)."""
    import numpy as np

    from .catalog.photo import ImportProblem, read_photo
    from .catalog.preview import ReferenceBody
    from .resources import default_model_path
    from .tracking.pose_estimator import EstimatorSettings, PoseEstimator

    try:
        rgb = np.ascontiguousarray(read_photo(photo)[..., ::-1])
    except ImportProblem as exc:
        raise MirrorError(f"cannot use {photo}: {exc.reason}; {exc.fix}") from None
    settings = EstimatorSettings(model or default_model_path(), num_poses=3, segmentation=True, video=False)
    estimator = PoseEstimator(settings)
    try:
        found = estimator.estimate(rgb, 0)
    finally:
        estimator.close()
    if not found:
        raise MirrorError(f"nobody found in {photo}; use a photo of one person standing, facing the camera")

    def size(raw: RawPose) -> float:
        xy = raw.pose.xy
        return float(np.ptp(xy[:, 0]) * np.ptp(xy[:, 1]))

    main = max(found, key=size)
    return ReferenceBody(photo.name, rgb, main.pose, main.mask)
