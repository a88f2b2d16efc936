"""The shopper's photo on their own phone, served on the shop's network (``[photo] share = "lan"``).

A thin adapter around a well-kept HTTP server (waitress): ``address`` opens the one listening
socket (before the privacy lock, so the process can accept phones but never dial out),
``shelf`` keeps the photos in memory under unguessable tokens until they expire, ``page`` writes
the phone's page in Korean or English, ``limiter`` keeps one phone from hogging the mirror, and
``server`` answers ``/p/TOKEN`` and nothing else. ``wifi`` writes the guest Wi-Fi's QR text.
"""

from .address import Listener, ShareError, lan_address, open_listener
from .limiter import ClientLimiter
from .server import PhotoServer, share_app
from .shelf import Missing, OutfitLine, PhotoShelf, SharedPhoto
from .wifi import WifiNetwork, WifiSecurity, wifi_qr_text

__all__ = [
    "ClientLimiter",
    "Listener",
    "Missing",
    "OutfitLine",
    "PhotoServer",
    "PhotoShelf",
    "ShareError",
    "SharedPhoto",
    "WifiNetwork",
    "WifiSecurity",
    "lan_address",
    "open_listener",
    "share_app",
    "wifi_qr_text",
]
