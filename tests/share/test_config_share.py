"""The [photo] share keys: defaults written once, mistakes named with their line, and the
mirror falling back to the order link (with one log line) when it cannot listen."""

from __future__ import annotations

import logging

import pytest

from mirror_app.cli import build_parser
from mirror_app.config import ConfigError, MirrorConfig, changed_settings, config_warnings, load_config
from mirror_app.share import ShareError, open_listener
from mirror_app.ui.app import photo_desk
from mirror_app.visit import OrderLinkDesk
from mirror_app.visit.photo_desk import LanShareDesk


def write(tmp_path, text: str):
    path = tmp_path / "mirror.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_share_is_off_by_default_and_keeps_ten_minutes():
    c = MirrorConfig()
    assert (c.photo_share, c.photo_address, c.photo_port, c.photo_keep_minutes) == ("off", "", 8080, 10)
    assert c.photo_share_until == "keep_minutes" and c.guest_wifi is None


def test_a_full_share_configuration_reads_back(tmp_path):
    c = load_config(
        write(
            tmp_path,
            '[photo]\nshare = "lan"\naddress = "192.168.10.20"\nport = 8090\nshare_until = "next_visit"\n'
            'wifi_ssid = "Shop;Guest"\nwifi_password = "welcome2024"\nwifi_hidden = true\n',
        )
    )
    assert (c.photo_share, c.photo_address, c.photo_port, c.photo_share_until) == (
        "lan",
        "192.168.10.20",
        8090,
        "next_visit",
    )
    assert c.guest_wifi is not None and c.guest_wifi.hidden and c.guest_wifi.ssid == "Shop;Guest"
    assert "[photo] wifi_password = (set)" in changed_settings(c)  # never printed
    assert not [w for w in config_warnings(c) if "wifi" in w]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('address = "0.0.0.0"', r":3: \[photo\] address = '0\.0\.0\.0' must be one address of this computer"),
        ('address = "8.8.8.8"', "not a shop-network"),
        ("port = 80", "between 1024 and 65535"),
        ('share = "internet"', "must be one of 'off', 'lan'"),
        ('share_until = "forever"', "must be one of"),
        ('wifi_ssid = "Shop"\nwifi_password = "short"', r":3: \[photo\] guest Wi-Fi: a WPA password has 8 to 63"),
        ('wifi_ssid = "Shop"', "needs the password"),
    ],
)
def test_mistakes_are_named_with_file_line_and_fix(tmp_path, body, words):
    with pytest.raises(ConfigError, match=words):
        load_config(
            write(
                tmp_path,
                f'# shop\n[photo]\n{body}\nshare = "lan"\n' if "share =" not in body else f"# shop\n[photo]\n{body}\n",
            )
        )


def test_a_wifi_code_without_the_share_is_a_warning():
    assert any(
        "wifi_ssid" in w for w in config_warnings(MirrorConfig(photo_wifi_ssid="Shop", photo_wifi_password="x" * 8))
    )


def test_run_takes_photo_at_and_events(tmp_path):
    args = build_parser().parse_args(["run", "--photo-at", "2.5", "--events", str(tmp_path / "e.jsonl")])
    assert args.photo_at == 2.5 and args.events == tmp_path / "e.jsonl"


def test_without_a_listener_the_mirror_falls_back_to_the_order_link_and_says_why(caplog):
    config = MirrorConfig(photo_share="lan")
    problem = ShareError("photo share: cannot listen on 127.0.0.1 port 8080: another program uses that port")
    with caplog.at_level(logging.ERROR):
        desk, server = photo_desk(config, problem, "https://s.example/o?i={item_ids}", None, lambda: None)  # type: ignore[arg-type]
    assert isinstance(desk, OrderLinkDesk) and server is None
    assert "another program uses that port; the photo's QR code opens the order page instead" in caplog.text


def test_with_a_listener_the_desk_serves_on_its_address():
    listener = open_listener("127.0.0.1", 0)
    try:
        desk, server = photo_desk(
            MirrorConfig(photo_share="lan"), listener, "https://s.example/o?i={item_ids}", None, lambda: None
        )  # type: ignore[arg-type]
        assert isinstance(desk, LanShareDesk) and desk.base_url == listener.base_url and server is not None
        assert desk.shelf.keep_s == 600
        off, none = photo_desk(MirrorConfig(), listener, "https://s.example/o?i={item_ids}", None, lambda: None)  # type: ignore[arg-type]
        assert isinstance(off, OrderLinkDesk) and none is None
    finally:
        listener.close()
