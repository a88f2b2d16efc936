"""sd_notify over a plain unix datagram socket, against sockets the tests create."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from mirror_app.kiosk.sdnotify import Notifier, ping_interval_ms


@pytest.fixture
def notify_socket(tmp_path):
    path = tmp_path / "notify.sock"
    if len(str(path)) > 100:  # AF_UNIX path limit
        path = Path(f"/tmp/mirror-notify-{os.getpid()}.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(5)
    yield sock, str(path)
    sock.close()
    path.unlink(missing_ok=True)


def receive_all(sock: socket.socket, until: str, timeout: float = 30) -> list[str]:
    messages: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            messages.append(sock.recv(4096).decode())
        except TimeoutError:
            continue
        if until in messages[-1]:
            break
    return messages


def test_without_notify_socket_everything_is_a_no_op():
    n = Notifier({})
    assert not n.enabled and not n.ready() and not n.watchdog() and n.watchdog_s is None


def test_messages_reach_the_socket(notify_socket):
    sock, path = notify_socket
    n = Notifier({"NOTIFY_SOCKET": path})
    assert n.enabled
    assert n.ready("mirror is running") and n.watchdog() and n.stopping()
    assert sock.recv(4096) == b"READY=1\nSTATUS=mirror is running"
    assert sock.recv(4096) == b"WATCHDOG=1"
    assert sock.recv(4096) == b"STOPPING=1"
    n.close()


def test_abstract_socket_names_start_with_at():
    name = f"mirror-test-{os.getpid()}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(b"\0" + name.encode())
    sock.settimeout(5)
    n = Notifier({"NOTIFY_SOCKET": "@" + name})
    try:
        assert n.ready()
        assert sock.recv(4096) == b"READY=1"
    finally:
        n.close()
        sock.close()


def test_a_vanished_socket_does_not_raise(tmp_path, caplog):
    n = Notifier({"NOTIFY_SOCKET": str(tmp_path / "gone.sock")})
    assert not n.watchdog() and not n.watchdog()
    n.close()
    assert sum("cannot notify systemd" in r.message for r in caplog.records) == 1  # warned once


def test_a_reader_that_does_not_read_never_blocks_the_sender(notify_socket):
    sock, path = notify_socket
    n = Notifier({"NOTIFY_SOCKET": path})
    t0 = time.monotonic()
    sent = sum(n.watchdog() for _ in range(200))  # far more than the socket queues (10 by default)
    n.close()
    assert time.monotonic() - t0 < 2 and 0 < sent < 200


def test_watchdog_interval_is_read_and_pinged_four_times_as_often():
    env = {"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid())}
    n = Notifier(env)
    assert n.watchdog_s == 30.0 and ping_interval_ms(n.watchdog_s) == 5000
    assert ping_interval_ms(2.0) == 500 and ping_interval_ms(None) == 5000
    assert Notifier({**env, "WATCHDOG_PID": "1"}).watchdog_s is None  # meant for another process
    assert Notifier({**env, "WATCHDOG_USEC": "0"}).watchdog_s is None


@pytest.mark.gui
def test_supervision_sends_ready_from_the_loop_then_pings_then_stopping(qtbot, notify_socket):
    from PySide6.QtWidgets import QWidget

    from mirror_app.ui.supervision import Supervision

    sock, path = notify_socket
    widget = QWidget()
    qtbot.addWidget(widget)
    env = {"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "400000", "WATCHDOG_PID": str(os.getpid())}
    supervision = Supervision(widget, notifier=Notifier(env), status="up")
    supervision.start()
    qtbot.waitUntil(lambda: supervision.pings >= 4, timeout=5000)  # every 100 ms
    supervision.stop()
    messages = receive_all(sock, "STOPPING=1")
    assert messages[0] == "READY=1\nSTATUS=up"
    assert messages.count("WATCHDOG=1") >= 4 and messages[-1] == "STOPPING=1"


@pytest.mark.gui
@pytest.mark.slow
def test_a_frozen_ui_thread_is_dumped_to_the_crash_log_and_exits(tmp_path):
    """Without systemd, the UI timer re-arms a faulthandler timer; a stuck loop trips it."""
    script = textwrap.dedent(
        f"""
        import time
        from pathlib import Path
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QWidget
        from mirror_app.kiosk.logs import setup_logging
        from mirror_app.ui.supervision import Supervision

        setup_logging(folder=Path({str(tmp_path)!r}))
        app = QApplication([])
        w = QWidget()
        s = Supervision(w, stall_timeout_s=1.0)
        s.start()
        def hang_the_ui_thread():
            while True:
                time.sleep(0.1)
        QTimer.singleShot(300, hang_the_ui_thread)
        app.exec()
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env)
    assert r.returncode == 1, r.stderr[-2000:]
    assert time.monotonic() - t0 < 30
    crash = (tmp_path / "crash.log").read_text()
    assert "Timeout (0:00:01)!" in crash and "hang_the_ui_thread" in crash


@pytest.mark.gui
@pytest.mark.model
@pytest.mark.slow
def test_mirror_run_notifies_ready_and_pings_the_watchdog(notify_socket):
    sock, path = notify_socket
    sock.settimeout(0.2)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=path, WATCHDOG_USEC="1000000")
    command = [
        sys.executable,
        "-m",
        "mirror_app",
        "run",
        "--windowed",
        "--camera",
        "/dev/video-none",
        "--exit-after",
        "3",
    ]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    messages: list[str] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (proc.poll() is None or not messages or messages[-1] != "STOPPING=1"):
        try:
            messages.append(sock.recv(4096).decode())
        except TimeoutError:
            if proc.poll() is not None:
                break
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err[-2000:]
    assert messages and messages[0].startswith("READY=1")
    assert messages.count("WATCHDOG=1") >= 5  # every 250 ms for ~3 s
    assert messages[-1] == "STOPPING=1"
