"""The guest Wi-Fi's QR code text, in the format phone cameras read: ``WIFI:T:WPA;S:name;P:pass;;``.

Scanning it offers to join the network, so a shopper gets onto the shop's Wi-Fi (where the
mirror serves their photo) without typing a password. Backslash, semicolon, comma, colon and
double quote in the name or password are escaped with a backslash, as the format asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class WifiSecurity(StrEnum):
    WPA = "WPA"  # WPA, WPA2 and WPA3 personal: what almost every shop router uses
    WEP = "WEP"
    OPEN = "nopass"


_SPECIAL = '\\;,:"'


def _escape(value: str) -> str:
    return "".join("\\" + c if c in _SPECIAL else c for c in value)


@dataclass(frozen=True)
class WifiNetwork:
    ssid: str
    password: str = ""
    security: WifiSecurity = WifiSecurity.WPA
    hidden: bool = False

    def problem(self) -> str | None:
        """Why a phone could not join with these settings (None: it can)."""
        if not self.ssid:
            return "the network name (wifi_ssid) is empty"
        if len(self.ssid.encode("utf-8")) > 32:
            return "a Wi-Fi network name has at most 32 bytes"
        if self.security is WifiSecurity.OPEN:
            return 'an open network (wifi_security = "nopass") has no password' if self.password else None
        if not self.password:
            return f'wifi_security = "{self.security.value}" needs the password (wifi_password)'
        if self.security is WifiSecurity.WPA and not 8 <= len(self.password) <= 63:
            hex64 = len(self.password) == 64 and all(c in "0123456789abcdefABCDEF" for c in self.password)
            return None if hex64 else "a WPA password has 8 to 63 characters"
        return None


def wifi_qr_text(network: WifiNetwork) -> str:
    """The text of the QR code that joins ``network``."""
    parts = [f"T:{network.security.value}", f"S:{_escape(network.ssid)}"]
    if network.security is not WifiSecurity.OPEN:
        parts.append(f"P:{_escape(network.password)}")
    if network.hidden:
        parts.append("H:true")
    return "WIFI:" + ";".join(parts) + ";;"
