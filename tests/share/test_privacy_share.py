"""The privacy guard with the photo share on: the mirror listens on its one address and can
still reach nothing. The listening socket is made before the seccomp filter; after it, every
attempt to make an internet socket is refused, and accepting phones needs none.

Checked twice: a small process that does exactly what the mirror does, and the real
`mirror-app run` under strace (native calls) and Python audit hooks, serving a real request."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from mirror_app.resources import demo_video_path

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff", ".ppm")

PROBE = """
import socket, sys, threading
from mirror_app.privacy import block_internet_sockets
from mirror_app.share import open_listener
listener = open_listener("127.0.0.1", 0)
lock = block_internet_sockets()
if not lock.enforced:
    print("SKIP", lock.how); sys.exit(0)
print(listener.port, flush=True)
out = []
def refused(f):
    try:
        f(); return "open"
    except OSError:
        return "refused"
out.append(refused(lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM)))
out.append(refused(lambda: socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)))
t = threading.Thread(target=lambda: out.append(refused(lambda: socket.create_connection(("127.0.0.1", 9), 1))))
t.start(); t.join()
out.append(refused(lambda: listener.sock.connect(("127.0.0.1", listener.port))))
conn, _ = listener.sock.accept()                     # a phone connects: accepting needs no socket()
out.append("accepted")
out.append(refused(lambda: conn.connect(("127.0.0.1", 9))))   # a phone's connection cannot be redirected
conn.sendall(b"hello phone"); conn.close()
print(",".join(out), flush=True)
"""


def test_after_the_lock_phones_are_accepted_but_nothing_can_dial_out():
    with subprocess.Popen(
        [sys.executable, "-c", PROBE], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as p:
        try:
            first = p.stdout.readline().strip()
            if first.startswith("SKIP"):
                pytest.skip(first)
            with socket.create_connection(("127.0.0.1", int(first)), timeout=10) as phone:
                assert phone.recv(100) == b"hello phone"
            assert p.stdout.readline().strip() == "refused,refused,refused,refused,accepted,refused"
            assert p.wait(30) == 0, p.stderr.read()
        finally:
            p.kill()


AUDIT = """
import sys, json
_log = open({log!r}, "a")
def _hook(event, args):
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg", "socket.bind"):
        _log.write(json.dumps([event, repr(args)[:200]]) + "\\n"); _log.flush()
    elif event == "open" and len(args) > 1 and isinstance(args[1], str) and any(m in args[1] for m in "wax+"):
        _log.write(json.dumps([event, str(args[0])]) + "\\n"); _log.flush()
sys.addaudithook(_hook)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.gui
def test_the_real_mirror_serves_a_phone_and_still_reaches_nothing(tmp_path):
    strace = shutil.which("strace")
    if strace is None:
        pytest.fail("strace is needed (./dev installs it)")
    home, work, hooks, tmp = (tmp_path / n for n in ("home", "work", "hooks", "tmp"))
    for d in (home, work, hooks, tmp):
        d.mkdir()
    audit = tmp_path / "audit.jsonl"
    (hooks / "sitecustomize.py").write_text(AUDIT.format(log=str(audit)))
    port = free_port()
    config = work / "mirror.toml"
    config.write_text(f'[photo]\nshare = "lan"\naddress = "127.0.0.1"\nport = {port}\n')
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"), XDG_CACHE_HOME=str(home / ".cache"), XDG_STATE_HOME=str(home / ".local/state"),
        TMPDIR=str(tmp), PYTHONPATH=os.pathsep.join([str(hooks), os.environ.get("PYTHONPATH", "")]),
    )  # fmt: skip
    events, stats, trace = work / "events.jsonl", work / "stats.json", tmp_path / "strace.txt"
    cmd = [
        strace, "-f", "-qq", "-e", "trace=socket,bind,listen,connect,accept,accept4,seccomp,openat,creat,rename,renameat,renameat2",
        "-o", str(trace), sys.executable, "-m", "mirror_app", "run", "--config", str(config), "--video", str(demo_video_path()),
        "--windowed", "--exit-after", "25", "--wear", "round-glasses", "--photo-at", "2", "--events", str(events),
        "--stats-json", str(stats),
    ]  # fmt: skip
    with subprocess.Popen(cmd, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as app:
        err = serve_one_phone(app, events, port)
    assert app.returncode == 0, err[-3000:]
    assert_nothing_reached_out(tmp_path, trace, port)
    assert json.loads(stats.read_text())["frames_displayed"] > 30  # the mirror ran its visit meanwhile


def serve_one_phone(app, events, port) -> str:
    """Wait for the photo's URL, load it as a phone would, try a traversal; the app's stderr."""
    try:
        url = None
        for _ in range(800):  # polls of the events file, not a time budget: the app may start slowly under strace
            lines = events.read_text().splitlines() if events.exists() else []
            url = next((json.loads(x)["url"] for x in lines if '"photo_shared"' in x), None)
            if url or app.poll() is not None:
                break
            time.sleep(0.05)
        assert url, app.stderr.read() if app.poll() is not None else "no photo_shared event"
        assert url.startswith(f"http://127.0.0.1:{port}/p/")
        with urllib.request.urlopen(url, timeout=30) as r:
            assert r.status == 200 and b'id="photo"' in r.read()
        with urllib.request.urlopen(url + "/photo.jpg", timeout=30) as r:
            assert r.read()[:2] == b"\xff\xd8"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/../../etc/passwd", timeout=30)
        assert refused.value.code == 404
        refused.value.close()
        _, err = app.communicate(timeout=180)
        return err
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()


def assert_nothing_reached_out(tmp_path, trace, port) -> None:
    audit = tmp_path / "audit.jsonl"
    lines = trace.read_text().splitlines()
    inet = re.compile(r"socket\(AF_INET6?,")
    sockets = [(i, ln) for i, ln in enumerate(lines) if inet.search(ln)]
    made = [(i, ln) for i, ln in sockets if not re.search(r"= -1 ", ln)]
    lock = next(
        i for i, ln in enumerate(lines) if "seccomp(SECCOMP_SET_MODE_FILTER" in ln and ln.rstrip().endswith("= 0")
    )
    # Exactly one internet socket was ever made, the listener, before the lock; every later try was refused.
    assert len(made) == 1 and made[0][0] < lock, made
    assert all("EACCES" in ln for i, ln in sockets if i > lock), [ln for i, ln in sockets if i > lock][:5]
    binds = [ln for ln in lines if " bind(" in ln and "AF_INET" in ln]
    assert len(binds) == 1 and f"sin_port=htons({port})" in binds[0] and 'inet_addr("127.0.0.1")' in binds[0]
    assert not [ln for ln in lines if " connect(" in ln and "AF_INET" in ln and "= -1" not in ln]
    assert [ln for ln in lines if "accept4(" in ln and not re.search(r"= -1 ", ln)]  # the phone's requests
    created = [
        ln for ln in lines if ("O_CREAT" in ln or "O_WRONLY" in ln or "rename" in ln) and any(s in ln.lower() for s in IMAGE_SUFFIXES)
    ]  # fmt: skip
    assert not created, created[:5]
    # Python's view: no connect or send to anywhere; the one bind is the listener's.
    seen = [json.loads(line) for line in audit.read_text().splitlines()] if audit.exists() else []
    assert not [e for e in seen if e[0] in ("socket.connect", "socket.sendto", "socket.sendmsg")], seen
    py_binds = [e[1] for e in seen if e[0] == "socket.bind"]
    assert len(py_binds) == 1 and f"('127.0.0.1', {port})" in py_binds[0], py_binds
