"""Privacy by default: a visit without a photo request writes no picture and opens no network
connection. Checked on the real app, from outside (strace) and inside (Python audit hooks)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

pytestmark = [pytest.mark.model, pytest.mark.gui, pytest.mark.slow]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff", ".ppm")

AUDIT = """
import sys, json
_log = open({log!r}, "a")
def _hook(event, args):
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        _log.write(json.dumps([event, repr(args)[:200]]) + "\\n"); _log.flush()
    elif event == "open" and len(args) > 1 and isinstance(args[1], str) and any(m in args[1] for m in "wax+"):
        _log.write(json.dumps([event, str(args[0])]) + "\\n"); _log.flush()
sys.addaudithook(_hook)
"""


def test_a_visit_without_a_photo_writes_no_picture_and_opens_no_connection(tmp_path, media):
    home, work, hooks = tmp_path / "home", tmp_path / "work", tmp_path / "hooks"
    for d in (home, work, hooks):
        d.mkdir()
    log = tmp_path / "audit.jsonl"
    (hooks / "sitecustomize.py").write_text(AUDIT.format(log=str(log)))
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"), XDG_CACHE_HOME=str(home / ".cache"), XDG_STATE_HOME=str(home / ".local/state"),
        TMPDIR=str(tmp_path / "tmp"), PYTHONPATH=os.pathsep.join([str(hooks), os.environ.get("PYTHONPATH", "")]),
    )  # fmt: skip
    (tmp_path / "tmp").mkdir()
    cmd = [sys.executable, "-m", "mirror_app", "run", "--video", str(media / "street_walkers_720p50.avi"), "--windowed",
           "--exit-after", "6", "--wear", "oxford-shirt-long", "--wear", "round-glasses", "--stats-json", str(work / "stats.json")]  # fmt: skip
    trace = tmp_path / "strace.txt"
    strace = shutil.which("strace")
    if strace:
        cmd = [
            strace,
            "-f",
            "-qq",
            "-e",
            "trace=connect,sendto,openat,creat,rename,renameat,renameat2",
            "-o",
            str(trace),
            *cmd,
        ]
    r = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stderr[-2000:]
    assert json.loads((work / "stats.json").read_text())["frames_displayed"] > 30  # it really ran a visit

    # Nothing that looks like a picture appeared anywhere the app may write.
    written = [p for d in (home, work, tmp_path / "tmp") for p in d.rglob("*") if p.is_file()]
    assert not [p for p in written if p.suffix.lower() in IMAGE_SUFFIXES], written
    # Python-level: no socket traffic, no file opened for writing except the stats file and logs.
    events = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    assert not [e for e in events if e[0].startswith("socket")], events
    opened = [e[1] for e in events if e[0] == "open"]
    assert not [p for p in opened if p.lower().endswith(IMAGE_SUFFIXES)], opened
    # Native level (MediaPipe, OpenCV, Qt): no network connect, no picture file created.
    if strace:
        lines = trace.read_text().splitlines()
        connects = [ln for ln in lines if " connect(" in ln and "AF_INET" in ln and "= -1" not in ln]
        assert not connects, connects[:5]
        created = [
            ln
            for ln in lines
            if ("O_CREAT" in ln or "O_WRONLY" in ln or "rename" in ln) and any(s in ln.lower() for s in IMAGE_SUFFIXES)
        ]
        assert not created, created[:5]


def test_network_lock_refuses_internet_sockets_in_every_thread_but_not_local_ones():
    code = """
import socket, threading, sys
from mirror_app.privacy import block_internet_sockets
lock = block_internet_sockets()
if not lock.enforced:
    print("SKIP", lock.how); sys.exit(0)
out = []
def probe(family):
    try:
        socket.socket(family, socket.SOCK_STREAM).close(); out.append("open")
    except OSError:
        out.append("refused")
for fam in (socket.AF_INET, socket.AF_INET6):
    t = threading.Thread(target=probe, args=(fam,)); t.start(); t.join()
probe(socket.AF_UNIX)
print(",".join(out))
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    if r.stdout.startswith("SKIP"):
        pytest.skip(r.stdout)
    assert r.stdout.strip() == "refused,refused,open"
