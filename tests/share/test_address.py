"""Where the mirror listens: one shop-network (or loopback) address, with clear refusals."""

from __future__ import annotations

import socket
from types import SimpleNamespace

import pytest

from mirror_app.share import ShareError, lan_address, open_listener
from mirror_app.share.address import check_address


@pytest.mark.parametrize("address", ["192.168.0.20", "10.1.2.3", "172.16.5.4", "127.0.0.1", "fd12::5"])
def test_shop_network_and_loopback_addresses_may_be_listened_on(address):
    assert check_address(address) is None


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("0.0.0.0", "not every address"),
        ("::", "not every address"),
        ("8.8.8.8", "internet"),
        ("203.0.113.9", "internet"),
        ("224.0.0.1", "internet"),
        ("shop.local", "not an IP address"),
        ("192.168.0.300", "not an IP address"),
    ],
)
def test_other_addresses_are_refused_with_the_reason(address, words):
    assert words in (check_address(address) or "")


def test_the_listener_accepts_connections_on_loopback():
    listener = open_listener("127.0.0.1", 0)
    try:
        assert listener.port > 0 and listener.base_url == f"http://127.0.0.1:{listener.port}"
        with socket.create_connection(("127.0.0.1", listener.port), timeout=5):
            conn, _ = listener.sock.accept()
            conn.close()
    finally:
        listener.close()


def test_a_busy_port_names_the_setting_to_change():
    first = open_listener("127.0.0.1", 0)
    try:
        with pytest.raises(ShareError, match=r"another program uses that port; choose another \[photo\] port"):
            open_listener("127.0.0.1", first.port)
    finally:
        first.close()


def test_an_address_of_another_computer_is_refused():
    # 10.255.255.254 is private but (on this test machine) not assigned: bind fails, nothing is sent.
    with pytest.raises(ShareError, match="not an address of this computer"):
        open_listener("10.255.255.254", 0)


def test_a_public_address_is_refused_before_any_socket_is_made():
    with pytest.raises(ShareError, match=r"\[photo\] address '8\.8\.8\.8' is not a shop-network"):
        open_listener("8.8.8.8", 8080)


def _addr(ip, family=socket.AF_INET):
    return SimpleNamespace(family=family, address=ip)


def test_the_default_address_is_the_first_private_one_of_a_real_interface(monkeypatch):
    import psutil

    interfaces = {
        "lo": [_addr("127.0.0.1")],
        "docker0": [_addr("172.17.0.1")],
        "tun0": [_addr("10.8.0.2")],
        "eth0": [_addr("203.0.113.5"), _addr("fe80::1", socket.AF_INET6), _addr("169.254.3.3")],
        "wlan0": [_addr("192.168.0.23")],
        "wlan1": [_addr("192.168.1.9")],
    }
    monkeypatch.setattr(psutil, "net_if_addrs", lambda: interfaces)
    assert lan_address() == "192.168.0.23"
    monkeypatch.setattr(psutil, "net_if_addrs", lambda: {"lo": [_addr("127.0.0.1")]})
    assert lan_address() is None
    with pytest.raises(ShareError, match="no shop-network address"):
        open_listener("", 8080)
