"""The malloc arena cap: with it, many threads that allocate frames share two arenas (counted from
glibc's own malloc_info report), so freed frames are reused instead of fragmenting the heap."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc arenas are Linux's")

CHILD = r"""
import ctypes, ctypes.util, os, sys, tempfile, threading
import numpy as np
from mirror_app.kiosk.malloc_arenas import limit_malloc_arenas
if sys.argv[1] == "cap":
    assert limit_malloc_arenas()
def work():
    for i in range(200):
        a = np.ones((300 + i % 7, 400), np.float32)  # below the mmap threshold: from an arena
        del a
threads = [threading.Thread(target=work) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.fopen.restype = ctypes.c_void_p
libc.fopen.argtypes = (ctypes.c_char_p, ctypes.c_char_p)
libc.malloc_info.argtypes = (ctypes.c_int, ctypes.c_void_p)
libc.fclose.argtypes = (ctypes.c_void_p,)
path = tempfile.mktemp()
f = libc.fopen(path.encode(), b"w")
libc.malloc_info(0, f)
libc.fclose(f)
print(open(path).read().count("<heap nr="))
os.unlink(path)
"""


def _arenas(mode: str) -> int:
    out = subprocess.run([sys.executable, "-c", CHILD, mode], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return int(out.stdout.strip())


def test_threads_share_two_arenas_with_the_cap_and_spread_without_it():
    assert _arenas("cap") <= 2
    assert _arenas("free") > 2  # the test itself can see the difference


def test_the_mirror_sets_the_cap_before_its_command_runs(monkeypatch):
    from mirror_app import cli

    calls: list[str] = []
    monkeypatch.setattr(cli, "limit_malloc_arenas", lambda: calls.append("cap") or True)
    monkeypatch.setattr(cli, "_cmd_report", lambda args: calls.append("report") or 0)
    assert cli.main(["report", "--out", "unused"]) == 0
    assert calls == ["cap", "report"]
