"""The kiosk's command-line commands: ``config``, ``staff-pin``, ``doctor`` and ``--self-test``.

``cli.py`` calls ``add_commands`` and ``add_run_flags`` while building its parser and hands
these commands to ``dispatch``; everything else about them lives here.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import (
    ConfigError,
    MirrorConfig,
    changed_settings,
    config_warnings,
    default_config_path,
    default_toml,
    load_config,
)
from ..errors import MirrorError, SourceError
from ..staff import hash_pin

if TYPE_CHECKING:
    from ..capture.sources import CameraSpec, FrameSource

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_commands(sub: argparse._SubParsersAction, add_common: Callable[[argparse.ArgumentParser], None]) -> None:  # type: ignore[type-arg]
    config = sub.add_parser("config", help="where the configuration is, check it, write a default one")
    csub = config.add_subparsers(dest="config_command", parser_class=type(config), required=True)
    cpath = csub.add_parser("path", help="print the configuration file's location")
    add_common(cpath)
    ccheck = csub.add_parser("check", help="validate a configuration file (default: the kiosk's)")
    add_common(ccheck)
    ccheck.add_argument("file", type=Path, nargs="?", default=None)
    cinit = csub.add_parser("init", help="write a commented configuration with every default (never overwrites)")
    add_common(cinit)
    cinit.add_argument("file", type=Path, nargs="?", default=None)

    pin = sub.add_parser("staff-pin", help="make the salted hash of a new staff PIN for the configuration")
    add_common(pin)
    pin.add_argument("--pin-stdin", action="store_true", help="read the PIN from standard input (no prompt)")

    doctor = sub.add_parser("doctor", help="check camera, model, catalog, fonts, display and disk")
    add_common(doctor)
    doctor.add_argument("--config", type=Path, default=None, help="configuration file (default: the kiosk's)")
    doctor.add_argument("--json", action="store_true", help="print the report as JSON")
    doctor.add_argument("--no-camera", action="store_true", help="skip opening cameras (one in use elsewhere)")
    doctor.add_argument("--qt-probe", action="store_true", help=argparse.SUPPRESS)  # the doctor's child process


def add_run_flags(run: argparse.ArgumentParser) -> None:
    run.add_argument(
        "--self-test",
        action="store_true",
        help="load model, catalog and source, try 30 frames on headlessly, print a report and exit (0: passed)",
    )


def dispatch(args: argparse.Namespace) -> int | None:
    """Run a kiosk command; None when ``args`` is not one of them."""
    if args.command == "config":
        return _config(args)
    if args.command == "staff-pin":
        return _staff_pin(args)
    if args.command == "doctor":
        return _doctor(args)
    return None


# --- config ------------------------------------------------------------------------------------


def _config(args: argparse.Namespace) -> int:
    default = default_config_path()
    if args.config_command == "path":
        print(default)
        if not default.exists():
            print("(not created yet: `mirror-app config init` writes one)", file=sys.stderr)
        return EXIT_OK
    path: Path = args.file or default
    if args.config_command == "check":
        if not path.exists():
            if args.file is None:
                print(f"no configuration file at {path}: the mirror uses the defaults (`mirror-app config init`)")
                return EXIT_OK
            raise ConfigError(f"configuration file not found: {path}")
        config = load_config(path, required=True)
        print(f"OK: {path}")
        changed = changed_settings(config)
        if changed:
            print("changed from the defaults:")
            for line in changed:
                print(f"  {line}")
        for warning in config_warnings(config):
            print(f"warning: {warning}")
        return EXIT_OK
    if args.config_command == "init":
        if path.exists():
            raise MirrorError(f"{path} already exists; not overwritten (edit it, or move it away first)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(default_toml(), encoding="utf-8")
            if os.name == "posix":
                path.chmod(0o600)  # it will hold the staff PIN's hash
        except OSError as exc:
            raise MirrorError(f"cannot write {path}: {exc.strerror or exc}") from None
        print(f"wrote {path}")
        return EXIT_OK
    raise MirrorError(f"unknown config command {args.config_command}")


# --- staff PIN ---------------------------------------------------------------------------------


def _staff_pin(args: argparse.Namespace) -> int:
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    else:
        pin = getpass.getpass("New staff PIN (4 to 12 digits): ")
        again = getpass.getpass("The same PIN again: ")
        if pin != again:
            raise MirrorError("the two PINs differ; nothing was made")
    try:
        line = f'pin_hash = "{hash_pin(pin)}"'
    except ValueError as exc:
        raise MirrorError(str(exc)) from None
    print(line)
    print(
        f"put this line under [staff] in {default_config_path()} (or your --config file), then restart the mirror",
        file=sys.stderr,
    )
    return EXIT_OK


# --- doctor ------------------------------------------------------------------------------------


def _doctor(args: argparse.Namespace) -> int:
    from .doctor import Check, Status, font_files, run_doctor

    if args.qt_probe:
        from ..ui.probe import main as probe_main

        return probe_main(font_files())
    from .logs import setup_logging

    problem: Check | None = None
    try:
        config = load_config(args.config, required=args.config is not None)
    except ConfigError as exc:
        problem = Check("config", Status.FAIL, f"{exc} (the checks below use the defaults)")
        config = MirrorConfig()
    if args.model is not None:
        config = config.with_overrides(model_path=str(args.model))
    setup = setup_logging(config.logging_level, console_level=logging.DEBUG if args.debug else None)
    try:
        from ..capture.sources import CameraSource

        report = run_doctor(
            config, config_path=args.config, camera_opener=_no_camera if args.no_camera else CameraSource
        )
        if problem is not None:
            report.checks = [problem, *(c for c in report.checks if c.area != "config")]
        log.info("doctor report:\n%s", report.text())
        print(report.to_json() if args.json else report.text())
        return report.exit_code
    finally:
        setup.close()


def _no_camera(spec: CameraSpec) -> FrameSource:
    raise SourceError("skipped (--no-camera)")


# --- self-test ---------------------------------------------------------------------------------


def self_test(args: argparse.Namespace, make_config: Callable[[argparse.Namespace], MirrorConfig]) -> int:
    """``mirror-app --self-test``: the report on stdout, exit 0 (passed) or 1 (failed, one reason)."""
    from .logs import setup_logging
    from .selftest import run_self_test

    try:
        config = make_config(args)
    except MirrorError as exc:
        print(f"self-test FAILED: {exc}")
        return EXIT_FAILED
    setup = setup_logging(config.logging_level, console_level=logging.DEBUG if args.debug else None)
    try:
        if args.video is not None and not args.video.exists():
            print(f"self-test FAILED: video not found: {args.video}")
            return EXIT_FAILED
        try:
            report = run_self_test(config, video=args.video)
        except Exception as exc:
            if args.debug:
                raise
            log.exception("self-test crashed")
            print(f"self-test FAILED: unexpected {type(exc).__name__}: {exc} (run with --debug for details)")
            return EXIT_FAILED
        print(report.text())
        log.info("self-test %s", "passed" if report.passed else f"failed: {report.failure}")
        return EXIT_OK if report.passed else EXIT_FAILED
    finally:
        setup.close()


# --- run ---------------------------------------------------------------------------------------


def start_run_logging(config: MirrorConfig, debug: bool) -> None:
    """File logs, crash file and exception hooks for ``mirror-app run`` (kept until exit)."""
    from .common import describe_build
    from .logs import setup_logging

    setup = setup_logging(config.logging_level, console_level=logging.DEBUG if debug else logging.WARNING)
    log.info("starting: %s; config %s; logs in %s", describe_build(), config.source_file or "defaults", setup.folder)


def log_exit(code: int) -> None:
    meaning = {0: "normal", 3: "staff exit: the supervisor will not restart"}.get(code, "error")
    log.info("exiting with code %d (%s)", code, meaning)


@contextlib.contextmanager
def logged_failures() -> Iterator[None]:
    """Put why the mirror stopped into the log file (the console already gets it from ``main``)."""
    from .logs import FILE_ONLY

    try:
        yield
    except MirrorError as exc:
        log.error("cannot run the mirror: %s", exc, extra=FILE_ONLY)
        raise
    except Exception:
        log.exception("the mirror stopped on an unexpected error", extra=FILE_ONLY)
        raise
