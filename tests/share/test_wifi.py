"""The guest Wi-Fi QR text: the standard WIFI: format, escaped, and readable from a QR code."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from mirror_app.photo import qr_matrix
from mirror_app.share import WifiNetwork, WifiSecurity, wifi_qr_text


def test_wpa_network():
    assert wifi_qr_text(WifiNetwork("ShopGuest", "hello1234")) == "WIFI:T:WPA;S:ShopGuest;P:hello1234;;"


def test_special_characters_are_escaped():
    net = WifiNetwork('a;b,c:d\\e"f', 'p;a,s:s\\w"d')
    assert wifi_qr_text(net) == 'WIFI:T:WPA;S:a\\;b\\,c\\:d\\\\e\\"f;P:p\\;a\\,s\\:s\\\\w\\"d;;'


def test_open_and_hidden_networks():
    assert wifi_qr_text(WifiNetwork("Cafe", security=WifiSecurity.OPEN)) == "WIFI:T:nopass;S:Cafe;;"
    assert wifi_qr_text(WifiNetwork("Back", "secret99", hidden=True)) == "WIFI:T:WPA;S:Back;P:secret99;H:true;;"


def test_korean_network_names_survive_a_real_qr_code():
    text = wifi_qr_text(WifiNetwork("매장 손님용", "비밀번호1234"))
    modules = np.array(qr_matrix(text))
    img = np.where(modules, 0, 255).astype(np.uint8)
    img = cv2.resize(img, None, fx=8, fy=8, interpolation=cv2.INTER_NEAREST)
    decoded, _, _ = cv2.QRCodeDetector().detectAndDecode(img)
    assert decoded == text


@pytest.mark.parametrize(
    ("net", "words"),
    [
        (WifiNetwork(""), "empty"),
        (WifiNetwork("x" * 33, "hello1234"), "32 bytes"),
        (WifiNetwork("Shop"), "needs the password"),
        (WifiNetwork("Shop", "short"), "8 to 63"),
        (WifiNetwork("Shop", "pw", WifiSecurity.OPEN), "no password"),
    ],
)
def test_settings_a_phone_could_not_join_with_are_named(net, words):
    assert words in (net.problem() or "")


def test_good_settings_have_no_problem():
    assert WifiNetwork("Shop", "f0" * 32).problem() is None  # 64 hex digits: a raw WPA key
    assert WifiNetwork("Shop", "hello1234").problem() is None
    assert WifiNetwork("Shop", security=WifiSecurity.OPEN).problem() is None
