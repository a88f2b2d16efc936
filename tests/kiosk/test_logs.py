"""Kiosk logs: rotating files with timestamps, a crash file for native crashes, uncaught
exceptions from any thread, and never any image data.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import subprocess
import sys
import textwrap
import threading

import numpy as np
import pytest

from mirror_app.kiosk.logs import BACKUPS, MAX_BYTES, NoImageData, setup_logging

STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} ")


@pytest.fixture
def logs(tmp_path):
    setup = setup_logging("INFO", folder=tmp_path / "log", console_level=None)
    yield setup
    setup.close()


def read(setup) -> str:
    for handler in setup.handlers:
        handler.flush()
    return setup.log_file.read_text(encoding="utf-8")


def test_default_folder_is_the_platform_log_folder(kiosk_dirs):
    setup = setup_logging("INFO", console_level=None)
    try:
        assert setup.folder == kiosk_dirs["state"] / "mirror-app" / "log"
        assert setup.log_file.exists() and setup.crash_file.exists()
    finally:
        setup.close()


def test_lines_have_timestamps_and_the_configured_level(logs):
    log = logging.getLogger("mirror_app.test")
    log.debug("not at INFO")
    log.info("camera %s opened", 0)
    text = read(logs)
    assert "not at INFO" not in text
    line = next(ln for ln in text.splitlines() if "camera 0 opened" in ln)
    assert STAMP.match(line) and " INFO " in line and "mirror_app.test [MainThread]" in line


def test_debug_level_from_the_configuration(tmp_path):
    setup = setup_logging("DEBUG", folder=tmp_path, console_level=None)
    try:
        logging.getLogger("mirror_app.test").debug("fine detail")
        assert "fine detail" in read(setup)
    finally:
        setup.close()


def test_files_rotate_at_2_mb_keeping_5(logs):
    handler = next(h for h in logs.handlers if isinstance(h, logging.handlers.RotatingFileHandler))
    assert (handler.maxBytes, handler.backupCount) == (MAX_BYTES, BACKUPS) == (2 * 1024 * 1024, 5)
    handler.maxBytes = 2000  # roll over quickly to see it happen
    for i in range(200):
        logging.getLogger("mirror_app.test").info("line %d of some length to fill the file", i)
    names = sorted(p.name for p in logs.folder.iterdir())
    assert "mirror-app.log.1" in names and "mirror-app.log.6" not in names


def test_image_data_never_reaches_the_log(logs):
    frame = np.full((720, 1280, 3), 7, np.uint8)
    logging.getLogger("mirror_app.test").warning("frame %s jpeg %r", frame, bytes(5000))
    text = read(logs)
    assert "<array 720x1280x3 uint8>" in text and "<5000 bytes>" in text
    assert "7 7 7" not in text and "\\x00\\x00" not in text


def test_the_filter_caps_huge_strings():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%s", ("a" * 100_000,), None)
    NoImageData().filter(record)
    assert len(record.getMessage()) < 5000


def test_uncaught_exceptions_are_logged_from_main_and_other_threads(logs):
    try:
        raise RuntimeError("boom in main")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())

    def work():
        raise ValueError("boom in a worker")

    t = threading.Thread(target=work, name="capture")
    t.start()
    t.join()
    text = read(logs)
    assert "CRITICAL mirror_app [MainThread] uncaught exception" in text and "RuntimeError: boom in main" in text
    assert "uncaught exception in thread capture" in text and "ValueError: boom in a worker" in text


def test_close_puts_the_previous_hooks_back(tmp_path):
    before = (sys.excepthook, threading.excepthook)
    setup_logging(folder=tmp_path, console_level=None).close()
    assert (sys.excepthook, threading.excepthook) == before


def test_an_unwritable_log_folder_is_reported_not_fatal(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    setup = setup_logging(folder=blocker / "log", console_level=None)
    try:
        assert setup.log_file is None and "cannot write logs in" in setup.problem
    finally:
        setup.close()


@pytest.mark.slow
def test_a_native_crash_leaves_its_stack_in_the_crash_file(tmp_path):
    script = textwrap.dedent(
        f"""
        import ctypes
        from pathlib import Path
        from mirror_app.kiosk.logs import setup_logging
        setup_logging(folder=Path({str(tmp_path)!r}), console_level=None)
        def crash_in_native_code():
            ctypes.string_at(0)
        crash_in_native_code()
        """
    )
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=dict(os.environ))
    assert r.returncode != 0
    crash = (tmp_path / "crash.log").read_text()
    assert crash.startswith("--- mirror-app started ")
    assert "Fatal Python error: Segmentation fault" in crash and "crash_in_native_code" in crash


def test_the_crash_file_is_rotated_when_large(tmp_path):
    (tmp_path / "crash.log").write_text("x" * (1024 * 1024 + 10))
    setup = setup_logging(folder=tmp_path, console_level=None)
    setup.close()
    assert (tmp_path / "crash.log.1").stat().st_size > 1024 * 1024
    assert (tmp_path / "crash.log").read_text().startswith("--- mirror-app started")


def test_a_run_that_cannot_start_says_why_in_the_log_file(kiosk_dirs, tmp_path):
    from .conftest import run_app

    r = run_app("run", "--windowed", "--catalog", str(tmp_path / "no-such-catalog"), "--exit-after", "1")
    assert r.returncode == 2
    assert r.stderr.count("catalog folder not found") == 1  # said once on the console
    text = (kiosk_dirs["state"] / "mirror-app" / "log" / "mirror-app.log").read_text()
    assert "starting: mirror-app" in text and "cannot run the mirror: " in text and "no-such-catalog" in text


def test_a_windowed_exe_without_standard_streams_still_works(tmp_path):
    """PyInstaller's console=False gives sys.stdout/stderr None; entry.py replaces them first."""
    script = textwrap.dedent(
        """
        import sys
        sys.stdout = sys.stderr = None
        from mirror_app.kiosk.stdio import ensure_std_streams
        ensure_std_streams()
        print("printing does not fail")
        from mirror_app.cli import main
        code = main(["config", "path"])
        from mirror_app.kiosk.logs import setup_logging
        import logging
        setup_logging(console_level=logging.WARNING).close()
        raise SystemExit(code)
        """
    )
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=dict(os.environ))
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and "Traceback" not in r.stderr
