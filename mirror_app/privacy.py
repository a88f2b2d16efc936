"""Network off for the whole mirror process (Linux): camera frames cannot leave the machine.

Mirror itself never needs to reach anything (QR codes are made offline), but the MediaPipe 1.x
runtime sends usage statistics to play.googleapis.com on its own. At start-up the mirror installs
a seccomp filter that refuses to create IPv4/IPv6 sockets in this process and every thread it
will start; local sockets (X11, Wayland, D-Bus, systemd) keep working. Other platforms: block the
app in the firewall (docs/kiosk.md).

With the photo share on (``[photo] share = "lan"``) the command line opens the one listening
socket on the shop-network address *before* calling ``block_internet_sockets``. Accepting a phone's
connection makes its socket without ``socket()``, so phones are served, while nothing in the
process can make a socket to dial out with (a listening socket cannot connect, and an accepted
one is already connected to the phone). tests/share/test_privacy_share.py proves it under strace.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import logging
import socket
import sys
from dataclasses import dataclass

log = logging.getLogger(__name__)

_SCMP_ACT_ALLOW = 0x7FFF0000
_SCMP_CMP_EQ = 4
_SCMP_FLTATR_CTL_TSYNC = 4


def _scmp_act_errno(code: int) -> int:
    return 0x00050000 | (code & 0x0000FFFF)


class _ArgCmp(ctypes.Structure):
    _fields_ = [
        ("arg", ctypes.c_uint),
        ("op", ctypes.c_int),
        ("datum_a", ctypes.c_uint64),
        ("datum_b", ctypes.c_uint64),
    ]


@dataclass(frozen=True)
class NetworkLock:
    enforced: bool
    how: str


def block_internet_sockets() -> NetworkLock:
    """Refuse AF_INET/AF_INET6 sockets from now on, in all threads. Idempotent; never raises."""
    if not sys.platform.startswith("linux"):
        return NetworkLock(False, "not Linux: block the app in the firewall instead")
    name = ctypes.util.find_library("seccomp")
    if name is None:
        return NetworkLock(False, "libseccomp not found (install libseccomp2)")
    try:
        lib = ctypes.CDLL(name, use_errno=True)
        lib.seccomp_init.restype = ctypes.c_void_p
        lib.seccomp_init.argtypes = [ctypes.c_uint32]
        lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
        lib.seccomp_rule_add_exact_array.argtypes = [
            ctypes.c_void_p,
            ctypes.c_uint32,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.POINTER(_ArgCmp),
        ]
        lib.seccomp_attr_set.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint32]
        lib.seccomp_load.argtypes = [ctypes.c_void_p]
        lib.seccomp_release.argtypes = [ctypes.c_void_p]
        ctx = lib.seccomp_init(_SCMP_ACT_ALLOW)
        if not ctx:
            return NetworkLock(False, "seccomp_init failed")
        try:
            nr = lib.seccomp_syscall_resolve_name(b"socket")
            for family in (socket.AF_INET, socket.AF_INET6):
                cmp = (_ArgCmp * 1)(_ArgCmp(0, _SCMP_CMP_EQ, int(family), 0))
                if lib.seccomp_rule_add_exact_array(ctx, _scmp_act_errno(errno.EACCES), nr, 1, cmp) != 0:
                    return NetworkLock(False, "seccomp rule could not be added")
            lib.seccomp_attr_set(ctx, _SCMP_FLTATR_CTL_TSYNC, 1)
            if lib.seccomp_load(ctx) != 0:
                return NetworkLock(False, "seccomp filter could not be loaded")
        finally:
            lib.seccomp_release(ctx)
    except (OSError, AttributeError) as exc:
        return NetworkLock(False, f"seccomp unavailable ({exc})")
    return NetworkLock(True, "seccomp: IPv4/IPv6 sockets refused in this process")
