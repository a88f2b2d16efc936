"""Few malloc arenas, so months of frames do not fragment the heap.

glibc gives each thread that allocates its own arena, up to eight per core. The mirror's threads
(capture, tracking, finder, warp) each allocate and free megabyte-sized frames and masks many times
a second; spread over many arenas the freed space is not reused across threads and the resident
size climbs in steps (the street video with four items: +150 MB between minutes 2 and 3, then a
plateau near 840 MB). With two arenas it stays flat: two 4-minute runs side by side on a loaded
2-core machine, capped 670 → 682 MB and uncapped 713 → 816 MB, with as many frames shown (6907 and
6745) and tracking at 11.3 and 12.1 Hz. A fixed mmap threshold also kept memory flat but halved the
frame rate. Must run before the threads start; elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

log = logging.getLogger(__name__)

M_ARENA_MAX = -8  # glibc's <malloc.h>
ARENAS = 2


def limit_malloc_arenas(arenas: int = ARENAS) -> bool:
    """Cap glibc's malloc arenas; True when the cap is set (False on other platforms)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # musl or another libc: nothing to tune
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    done = bool(mallopt(M_ARENA_MAX, arenas))
    if not done:
        log.debug("mallopt(M_ARENA_MAX, %d) refused", arenas)
    return done
