"""Where phones reach the mirror: the computer's shop-network address, and the one listening socket.

The socket is opened before ``privacy.block_internet_sockets`` runs: from then on the process
cannot create an internet socket at all, but ``accept()`` still gives it one connection per
phone (accepting makes no new socket with ``socket()``). So the mirror answers phones on the
shop's network and still cannot dial out to anywhere.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
from dataclasses import dataclass

from ..errors import MirrorError

BACKLOG = 64  # phones waiting to be accepted; more are refused by the kernel, not queued
# Interfaces that are not the shop's network even when their address is private: container
# bridges, virtual machines and VPN tunnels (a remote-support VPN must never get the photos).
_NOT_THE_SHOP = ("lo", "docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "tun", "tap", "wg", "zt", "tailscale")
# Local networks by their definition (RFC 1918, RFC 4193); ``ipaddress``'s is_private also counts
# documentation and benchmark ranges, which no shop's Wi-Fi uses.
SHOP_NETWORKS = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"))


def _on_shop_network(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return any(ip.version == net.version and ip in net for net in SHOP_NETWORKS)


class ShareError(MirrorError):
    """The photo share cannot listen; the message names the setting and the fix."""


@dataclass(frozen=True, eq=False)
class Listener:
    """A bound, listening TCP socket on ``address:port``, handed to the server."""

    sock: socket.socket
    address: str
    port: int

    @property
    def base_url(self) -> str:
        host = f"[{self.address}]" if ":" in self.address else self.address
        return f"http://{host}:{self.port}"

    def close(self) -> None:
        self.sock.close()


def lan_address() -> str | None:
    """The first shop-network IPv4 address (10.x, 172.16–31.x, 192.168.x) of a real interface (not
    loopback, a container bridge or a VPN), in the system's interface order; None if there is none."""
    import psutil  # getifaddrs(): reads the addresses without opening a socket

    for name, addresses in psutil.net_if_addrs().items():
        if name.startswith(_NOT_THE_SHOP):
            continue
        for entry in addresses:
            if entry.family != socket.AF_INET:
                continue
            if _on_shop_network(ipaddress.ip_address(entry.address)):
                return str(entry.address)
    return None


def check_address(address: str) -> str | None:
    """Why ``address`` may not be listened on (None: it may). Shop-network and loopback only."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "is not an IP address such as 192.168.0.20"
    if ip.is_unspecified:
        return "must be one address of this computer, not every address"
    if not (_on_shop_network(ip) or ip.is_loopback):
        return "is not a shop-network (private) address: phones on the internet could reach the photos"
    return None


def open_listener(address: str, port: int) -> Listener:
    """Bind and listen on ``address:port`` ("" = ``lan_address()``). Raises ShareError."""
    if not address:
        found = lan_address()
        if found is None:
            raise ShareError(
                "photo share: this computer has no shop-network address (connect it to the shop's "
                "router or Wi-Fi, or set [photo] address)"
            )
        address = found
    problem = check_address(address)
    if problem:
        raise ShareError(f"[photo] address {address!r} {problem}")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restarted mirror rebinds at once
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind((address, port))
        sock.listen(BACKLOG)
    except OSError as exc:
        sock.close()
        raise ShareError(_bind_problem(address, port, exc)) from None
    return Listener(sock, address, sock.getsockname()[1])


def _bind_problem(address: str, port: int, exc: OSError) -> str:
    where = f"photo share: cannot listen on {address} port {port}"
    if exc.errno == errno.EADDRINUSE:
        return f"{where}: another program uses that port; choose another [photo] port"
    if exc.errno == errno.EADDRNOTAVAIL:
        found = lan_address()
        hint = f" (its shop-network address is {found})" if found else ""
        return f"{where}: that is not an address of this computer{hint}; fix [photo] address or leave it empty"
    if exc.errno == errno.EACCES:
        return f"{where}: ports below 1024 need administrator rights; use [photo] port = 8080"
    return f"{where}: {exc.strerror or exc}"
