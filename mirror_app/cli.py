"""Command line: the one place where the pieces are wired together.

Exit codes: 0 done; 2 bad arguments or input (one clear line, no traceback); 1 unexpected
error (a traceback only with --debug).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .config import MirrorConfig
from .errors import MirrorError
from .kiosk import commands as kiosk_commands
from .kiosk.malloc_arenas import limit_malloc_arenas
from .resources import default_model_path, demo_catalog_dir

if TYPE_CHECKING:
    from .share import Listener, ShareError

log = logging.getLogger("mirror_app")

EXIT_OK, EXIT_UNEXPECTED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    p.add_argument("--model", type=Path, default=None, help="pose landmarker .task file (default: bundled full model)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mirror-app", description="Mirror: a smart mirror for trying clothes on.")
    parser.add_argument("--version", action="version", version=f"mirror-app {__version__}")
    _add_common(parser)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    run = sub.add_parser("run", help="start the mirror (the default)")
    _add_run_options(run)

    render = sub.add_parser("render", help="draw an outfit on the main person of an image or video")
    _add_common(render)
    render.add_argument("input", type=Path, help="image or video file")
    render.add_argument("--out", type=Path, required=True, help="output file, same kind as the input")
    render.add_argument(
        "--item",
        action="append",
        required=True,
        metavar="ID",
        help="item id (repeat for an outfit); ID:VARIANT for a colour",
    )
    render.add_argument("--catalog", type=Path, default=None, help="catalog folder (default: the demo catalog)")
    render.add_argument(
        "--json", type=Path, default=None, dest="json_out", help="write landmarks and item boxes per frame"
    )
    render.add_argument("--no-progress", action="store_true", help="no progress bar")

    bench = sub.add_parser(
        "bench", help="measure speed: the model alone, a naive loop, the mirror with 1/3/6 people, render, the app"
    )
    _add_common(bench)
    bench.add_argument("--video", type=Path, default=None, help="video to run on (default: the bundled demo clip)")
    bench.add_argument(
        "--json", type=Path, default=None, help="write the results as JSON (tools/bench_report.py reads it)"
    )
    bench.add_argument("--frames", type=int, default=300, help="frames per run (default 300)")
    bench.add_argument("--resolution", default="1280x720", metavar="WxH", help="input size (default 1280x720)")
    bench.add_argument("--catalog", type=Path, default=None, help="catalog for the outfit (default: demo)")
    bench.add_argument(
        "--people", default="1,3,6", metavar="N,N", help="people in view for the mirror runs (default 1,3,6)"
    )
    bench.add_argument("--mode", default="all", help="one run: model, naive, mirror-N, render, app (default: all)")
    bench.add_argument("--sweep", action="store_true", help="also measure cost against resolution and items worn")
    bench.add_argument("--quiet", action="store_true", help=argparse.SUPPRESS)

    catalog = sub.add_parser("catalog", help="list and check catalogs")
    csub = catalog.add_subparsers(dest="catalog_command", parser_class=_Parser, required=True)
    clist = csub.add_parser("list", help="list the items of a catalog")
    _add_common(clist)
    clist.add_argument("dir", type=Path, nargs="?", default=None, help="catalog folder (default: the demo catalog)")
    clist.add_argument("--json", action="store_true", help="print JSON")
    from .catalog_cli import add_parsers as add_catalog_tools

    add_catalog_tools(csub, _add_common)
    kiosk_commands.add_commands(sub, _add_common)  # kiosk: config, staff-pin, doctor
    _add_report_parser(sub)
    return parser


def _add_run_options(p: argparse.ArgumentParser) -> None:
    _add_common(p)
    p.add_argument(
        "--config", type=Path, default=None, help="configuration file (default: the platform's config folder)"
    )
    p.add_argument("--video", type=Path, default=None, help="play this video file instead of the camera")
    p.add_argument("--camera", default=None, help="camera index or device path")
    p.add_argument("--resolution", default=None, metavar="WxH", help="camera resolution, e.g. 1280x720")
    p.add_argument(
        "--rotate", type=int, default=None, choices=(0, 90, 180, 270), help="rotate the camera picture clockwise"
    )
    mirror = p.add_mutually_exclusive_group()
    mirror.add_argument(
        "--mirror", dest="mirror", action="store_true", default=None, help="mirror the picture (default)"
    )
    mirror.add_argument("--no-mirror", dest="mirror", action="store_false", help="do not mirror the picture")
    p.add_argument("--catalog", type=Path, default=None, help="catalog folder")
    p.add_argument("--lang", choices=("ko", "en"), default=None, help="language at start")
    p.add_argument("--windowed", action="store_true", help="a normal window instead of full screen")
    p.add_argument("--exit-after", type=float, default=None, metavar="SECONDS", help="quit after this many seconds")
    p.add_argument(
        "--exit-after-frames", type=int, default=None, metavar="N", help="quit once N camera frames were shown"
    )
    p.add_argument("--stats-json", type=Path, default=None, metavar="FILE", help="write timing statistics on exit")
    p.add_argument("--debug-overlay", action="store_true", help="start with the F1 debug overlay on")
    p.add_argument("--screenshot", type=Path, default=None, metavar="PNG", help="save the screen when quitting")
    p.add_argument(
        "--wear", action="append", default=[], metavar="ID", help="wear this item from the start (repeatable)"
    )
    p.add_argument(
        "--sample-every", type=float, default=60.0, metavar="SECONDS", help="memory/fps readings in --stats-json"
    )
    p.add_argument("--photo-at", type=float, default=None, metavar="SECONDS", help='press "Take photo" at this time')
    p.add_argument("--events", type=Path, default=None, metavar="FILE", help="append one JSON line per visit event")
    kiosk_commands.add_run_flags(p)  # kiosk: --self-test


def _run_config(args: argparse.Namespace) -> MirrorConfig:
    from .config import load_config

    config = load_config(args.config, required=args.config is not None)
    width = height = None
    if args.resolution:
        try:
            width, height = (int(v) for v in args.resolution.lower().split("x"))
        except ValueError:
            raise MirrorError(f"--resolution {args.resolution!r} must look like 1280x720") from None
    camera = args.camera
    if isinstance(camera, str) and camera.isdigit():
        camera = int(camera)
    return config.with_overrides(
        camera_device=camera,
        camera_width=width,
        camera_height=height,
        camera_rotation=args.rotate,
        camera_mirror=args.mirror,
        catalog_path=str(args.catalog) if args.catalog else None,
        model_path=str(args.model) if args.model else None,
        display_language=args.lang,
    )


def _lock_network(allowed: bool) -> None:
    """No internet from this process unless the shop allows it (MediaPipe reports usage on its own)."""
    if allowed:
        return
    from .privacy import block_internet_sockets

    lock = block_internet_sockets()
    (log.info if lock.enforced else log.warning)("network: %s", lock.how)


def _listen_for_phones(config: MirrorConfig) -> Listener | ShareError | None:
    """``[photo] share = "lan"``: the listening socket (or why there is none, logged by the app)."""
    if config.photo_share != "lan":
        return None
    from .share import ShareError, open_listener

    try:
        return open_listener(config.photo_address, config.photo_port)
    except ShareError as exc:
        return exc


def _cmd_run(args: argparse.Namespace) -> int:
    if args.self_test:  # kiosk: headless check of model, catalog and source (it reports a bad config)
        try:
            allowed = _run_config(args).privacy_network == "on"
        except MirrorError:
            allowed = False
        _lock_network(allowed)
        return kiosk_commands.self_test(args, _run_config)
    config = _run_config(args)
    phones = _listen_for_phones(config)  # before the lock: phones can then connect, nothing can dial out
    _lock_network(config.privacy_network == "on")
    kiosk_commands.start_run_logging(config, args.debug)  # kiosk: rotating logs, crash file, hooks
    from .ui.app import RunOptions, run_mirror

    options = RunOptions(
        video=args.video,
        windowed=args.windowed or not config.display_fullscreen,  # kiosk: [display] fullscreen
        exit_after_s=args.exit_after,
        exit_after_frames=args.exit_after_frames,
        stats_json=args.stats_json,
        debug_overlay=args.debug_overlay,
        screenshot=args.screenshot,
        wear=tuple(args.wear),
        sample_every_s=args.sample_every,
        photo_at_s=args.photo_at,
        events=args.events,
        photo_listener=phones,
    )
    with kiosk_commands.logged_failures():  # kiosk: a windowed exe has no console to show why
        code = run_mirror(config, options)
    kiosk_commands.log_exit(code)
    return code


def _cmd_bench(args: argparse.Namespace) -> int:
    from . import bench
    from .resources import demo_video_path

    try:
        w, h = (int(v) for v in args.resolution.lower().split("x"))
    except ValueError:
        raise MirrorError(f"--resolution {args.resolution!r} must look like 1280x720") from None
    try:
        people = tuple(int(v) for v in args.people.split(",") if v.strip())
    except ValueError:
        raise MirrorError(f"--people {args.people!r} must look like 1,3,6") from None
    video = args.video or demo_video_path()
    if not video.exists():
        raise MirrorError(f"video not found: {video}")
    setup = bench.BenchSetup(
        video=video,
        model=args.model or default_model_path(),
        catalog=args.catalog or demo_catalog_dir(),
        size=(w, h),
        frames=args.frames,
        people=people,
    )
    known = bench.modes(setup)
    if args.mode != "all" and args.mode not in known and not args.mode.startswith("mirror-"):
        raise MirrorError(f"--mode {args.mode!r}: choose one of {', '.join(known)} or all")
    _lock_network(False)
    if args.mode != "all" and args.quiet:  # the child process of an isolated run
        result = bench.run_mode(args.mode, setup)
        if args.json:
            args.json.write_text(json.dumps(result, indent=2))
        return EXIT_OK
    results = []
    for mode in known if args.mode == "all" else (args.mode,):
        print(f"bench: {mode} …", file=sys.stderr, flush=True)
        results.append(bench.run_isolated(mode, setup))
    summary = bench.summary(results)
    print(f"{bench.machine()}; {video.name} at {w}×{h}, {args.frames} frames per run")
    print(bench.table(results))
    print(bench.targets(summary, people))
    sweep = None
    if args.sweep:
        print("bench: sweeps …", file=sys.stderr, flush=True)
        sweep = bench.sweeps(setup)
        print(json.dumps(sweep, indent=1))
    document = {
        "machine": bench.machine(),
        "date": time.strftime("%Y-%m-%d"),
        "setup": {
            "video": video.name,
            "size": [w, h],
            "frames": args.frames,
            "model": setup.model.name,
            "people": people,
        },
        "modes": results,
        "summary": summary,
        "sweep": sweep,
    }
    if args.json:
        args.json.write_text(json.dumps(document, indent=2))
        print(f"wrote {args.json} (docs/performance.md: python tools/bench_report.py {args.json})", file=sys.stderr)
    return EXIT_OK


def _configure_logging(debug: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr if sys.stderr is not None else None,
    )


def _cmd_render(args: argparse.Namespace) -> int:
    from .render_command import RenderRequest, render

    _lock_network(False)
    request = RenderRequest(
        input=args.input,
        output=args.out,
        item_ids=tuple(args.item),
        catalog=args.catalog or demo_catalog_dir(),
        model=args.model or default_model_path(),
        json_out=args.json_out,
        progress=not args.no_progress,
    )
    document = render(request)
    frames = document["frames"]
    found = sum(1 for f in frames if f["landmarks"] is not None)
    if len(frames) == 1 and found == 0:
        print(f"nobody found in {args.input}; wrote it unchanged to {args.out}")
    elif found == 0:
        print(f"nobody found in any of {len(frames)} frames; wrote the video unchanged to {args.out}")
    else:
        print(f"wrote {args.out} ({found} of {len(frames)} frame(s) with a person)")
    return EXIT_OK


def _cmd_catalog(args: argparse.Namespace) -> int:
    from .catalog import load_catalog

    if args.catalog_command != "list":
        from .catalog_cli import run as run_catalog_tool

        return run_catalog_tool(args)
    folder = args.dir or demo_catalog_dir()
    catalog = load_catalog(folder)
    if args.catalog_command == "list":
        if args.json:
            rows = [
                {
                    "id": it.id,
                    "category": it.category.value,
                    "name": {"ko": it.name.ko, "en": it.name.en},
                    "price": it.price,
                }
                for it in catalog.items
            ]
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            cur = catalog.manifest.currency
            for it in catalog.items:
                print(f"{it.id:<24} {it.category.value:<10} {it.price:>11,} {cur}  {it.name.en} / {it.name.ko}")
        for problem in catalog.problems:
            print(f"skipped: {problem}", file=sys.stderr)
        return EXIT_OK
    raise MirrorError(f"unknown catalog command {args.catalog_command}")


# -- report (analytics; owned by mirror_app/analytics) -------------------------------------------
def _add_report_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    rep = sub.add_parser("report", help="shop report from the anonymous try-on events (HTML, CSV)")
    _add_common(rep)
    rep.add_argument("--out", type=Path, required=True, help="HTML file to write")
    rep.add_argument("--since", default=None, metavar="DATE", help="from this day (YYYY-MM-DD) or time")
    rep.add_argument("--until", default=None, metavar="DATE", help="up to (not including) this day or time")
    rep.add_argument("--db", type=Path, default=None, help="events database (default: the platform's data folder)")
    rep.add_argument("--csv", type=Path, default=None, help="also write every event as CSV")
    rep.add_argument("--catalog", type=Path, default=None, help="catalog for item names (default: the demo catalog)")
    rep.add_argument("--tz", default=None, help="time zone for hours, e.g. Asia/Seoul (default: this computer's)")


def _cmd_report(args: argparse.Namespace) -> int:
    import sqlite3
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from .analytics.report import parse_date, write_report
    from .analytics.store import StoreError, default_db_path

    try:
        tz = ZoneInfo(args.tz) if args.tz else None
    except (ZoneInfoNotFoundError, ValueError):
        raise MirrorError(f"--tz {args.tz!r} is not a time zone name such as Asia/Seoul") from None
    try:
        since = parse_date(args.since, tz) if args.since else None
        until = parse_date(args.until, tz) if args.until else None
    except ValueError as exc:
        raise MirrorError(str(exc)) from None
    db = args.db or default_db_path()
    names: dict[str, str] = {}
    shop = "Mirror"
    try:
        from .catalog import load_catalog

        catalog = load_catalog(args.catalog or demo_catalog_dir())
        names = {it.id: f"{it.name.ko} / {it.name.en}" for it in catalog.items}
        shop = f"{catalog.manifest.shop.ko} / {catalog.manifest.shop.en}"
    except MirrorError as exc:
        log.info("report without item names: %s", exc)
    try:
        result = write_report(db, args.out, since=since, until=until, csv_path=args.csv, names=names, shop=shop, tz=tz)
    except StoreError as exc:
        raise MirrorError(f"{exc} (the mirror creates it when it records its first visit; or pass --db FILE)") from None
    except sqlite3.DatabaseError as exc:
        raise MirrorError(
            f"{db} is damaged ({exc}); the mirror moves it aside and starts anew when it next runs"
        ) from None
    s = result.summary
    print(f"wrote {args.out}: {s.visits} visits, {s.try_ons} try-ons, {s.photos} photos ({result.seconds:.2f} s)")
    if args.csv:
        print(f"wrote {args.csv}: {s.events} events")
    return EXIT_OK


# -- end of report -------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["run", *argv]  # plain `mirror-app` starts the mirror
    args = parser.parse_args(argv)
    _configure_logging(args.debug)
    limit_malloc_arenas()  # before any thread starts
    try:
        if args.command == "run":
            return _cmd_run(args)
        if args.command == "render":
            return _cmd_render(args)
        if args.command == "bench":
            return _cmd_bench(args)
        if args.command == "catalog":
            return _cmd_catalog(args)
        kiosk_code = kiosk_commands.dispatch(args)  # kiosk: config, staff-pin, doctor
        if kiosk_code is not None:
            return kiosk_code
        if args.command == "report":
            return _cmd_report(args)
        parser.print_help()
        return EXIT_USAGE
    except MirrorError as exc:
        if args.debug:
            log.exception("failed")
        print(f"mirror-app: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("mirror-app: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        print(
            f"mirror-app: unexpected error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr
        )
        return EXIT_UNEXPECTED


if __name__ == "__main__":
    raise SystemExit(main())
