"""The photo step: what happens to the shopper's photo, and what its QR code opens.

The controller takes the picture and shows it with a QR code; *what the code opens* is a
``PhotoDesk``'s business. ``OrderLinkDesk`` (``[photo] share = "off"``) links to the shop's order
page for the outfit and, with ``[photo] policy = "keep"``, saves the photo for a while.
``LanShareDesk`` (``share = "lan"``) serves the photo itself on the shop's network: the code
opens a page on the shopper's phone with the photo, a save button and the order links. The
photo lives in memory only, under an unguessable token, until ``keep_minutes`` have passed or
(if the shop chose so) the next visit starts.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from ..catalog.model import Catalog
from ..domain import Language
from ..photo import DEFAULT_URL_TEMPLATE, PhotoStore, encode_jpeg, order_url
from ..share import OutfitLine, PhotoShelf, SharedPhoto, WifiNetwork, wifi_qr_text
from ..texts import price_text

log = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class TakenPhoto:
    """The picture as the shopper saw it (screen-sized RGB), and what they wore in it."""

    rgb: npt.NDArray[np.uint8]
    item_ids: tuple[str, ...]
    lang: Language
    taken_at: float  # the controller's clock (monotonic seconds)


@dataclass(frozen=True)
class PhotoHandout:
    """What the photo screen shows under the picture."""

    url: str  # what the QR code opens
    scan_key: str = "photo_scan"  # text key of the line that says what scanning does
    note_key: str = "photo_not_saved"  # text key of the note about keeping the photo
    error: str = ""  # shown instead of the note when something failed (e.g. a full disk)
    expires_in_s: float | None = None  # the mirror serves the photo at ``url`` this long (None: not served)
    join_wifi: str = ""  # a second QR code's text that joins the shop's guest Wi-Fi ("" = none)
    wifi_name: str = ""  # that network's name, printed under its code


class PhotoDesk(Protocol):
    def hand_out(self, photo: TakenPhoto) -> PhotoHandout:
        """Never raises: a failure is an ``error`` on the handout; the photo is still shown."""
        ...

    def visit_started(self) -> None:
        """A new shopper arrived: the last shopper's photo may have to go now."""
        ...

    def visit_ended(self) -> None:
        """The shopper left: nothing of theirs may stay reachable beyond what the desk's policy
        promises them (the LAN desk keeps a shared photo until it expires)."""
        ...


class OrderLinkDesk:
    """The QR code opens the shop's order page for the outfit; photos are saved only with a store."""

    def __init__(self, url_template: str = DEFAULT_URL_TEMPLATE, store: PhotoStore | None = None) -> None:
        self.url_template = url_template
        self.store = store

    def hand_out(self, photo: TakenPhoto) -> PhotoHandout:
        url = order_url(self.url_template, photo.item_ids)
        if self.store is None:
            return PhotoHandout(url)
        saved = self.store.save(photo.rgb)
        if saved.path is None:
            return PhotoHandout(url, error=saved.error)
        return PhotoHandout(url, note_key="photo_saved")

    def visit_started(self) -> None:
        pass

    def visit_ended(self) -> None:
        pass  # saved photos expire on the store's own schedule (``PhotoStore.purge``)


class LanShareDesk:
    """The QR code opens the photo itself, served by the mirror on the shop's network.

    ``base_url`` is where phones reach the mirror (``http://ADDRESS:PORT``); the shelf is what the
    server reads. ``catalog`` gives the catalog of the moment (it may be reloaded), for the names,
    prices and order links on the page. With ``forget_at_next_visit`` a new visit takes the last
    shopper's photos off the shelf at once; either way none stays longer than the shelf keeps it.
    """

    def __init__(
        self,
        shelf: PhotoShelf,
        base_url: str,
        catalog: Callable[[], Catalog],
        *,
        url_template: str = DEFAULT_URL_TEMPLATE,
        forget_at_next_visit: bool = False,
        wifi: WifiNetwork | None = None,
        store: PhotoStore | None = None,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.shelf = shelf
        self.base_url = base_url.rstrip("/")
        self._catalog = catalog
        self.url_template = url_template
        self.forget_at_next_visit = forget_at_next_visit
        self._wifi_text = wifi_qr_text(wifi) if wifi is not None else ""
        self._wifi_name = wifi.ssid if wifi is not None else ""
        self.store = store
        self._wall = wall_clock

    def hand_out(self, photo: TakenPhoto) -> PhotoHandout:
        fallback = order_url(self.url_template, photo.item_ids)
        try:
            jpeg = encode_jpeg(photo.rgb)
        except ValueError as exc:  # the shopper still sees the photo and the order link
            log.error("photo share: %s", exc)
            return PhotoHandout(fallback, error=str(exc))
        h, w = photo.rgb.shape[:2]
        catalog = self._catalog()
        until = time.strftime("%H:%M", time.localtime(self._wall() + self.shelf.keep_s))
        shared = SharedPhoto(
            jpeg=jpeg,
            size=(w, h),
            lang=photo.lang,
            shop=(catalog.manifest.shop.ko, catalog.manifest.shop.en),
            outfit=self._outfit(catalog, photo.item_ids),
            order_all=fallback if photo.item_ids else "",
            until=until,
        )
        token = self.shelf.put(shared)
        note_key, error = "photo_shared", ""
        if self.store is not None:
            saved = self.store.save_jpeg(jpeg)
            note_key, error = ("photo_saved", "") if saved.path is not None else ("photo_shared", saved.error)
        return PhotoHandout(
            f"{self.base_url}/p/{token}",
            scan_key="photo_scan_lan",
            note_key=note_key,
            error=error,
            expires_in_s=self.shelf.keep_s,
            join_wifi=self._wifi_text,
            wifi_name=self._wifi_name,
        )

    def _outfit(self, catalog: Catalog, item_ids: tuple[str, ...]) -> tuple[OutfitLine, ...]:
        lines = []
        currency = catalog.manifest.currency
        for item_id in item_ids:
            item = catalog.item(item_id)
            if item is None:  # the catalog was reloaded without it: the photo still goes out
                continue
            lines.append(
                OutfitLine(
                    name=(item.name.ko, item.name.en),
                    price=(
                        price_text(item.price, currency, Language.KO),
                        price_text(item.price, currency, Language.EN),
                    ),
                    url=order_url(self.url_template, (item_id,)),
                )
            )
        return tuple(lines)

    def visit_started(self) -> None:
        if self.forget_at_next_visit and self.shelf.forget_all():
            log.info("photo share: the last visit's photos are gone (a new visit started)")

    def visit_ended(self) -> None:
        pass  # the shopper may open the page on their way out; the shelf's time limit applies

    def close(self) -> None:
        """The mirror closes: every photo goes."""
        self.shelf.forget_all()
