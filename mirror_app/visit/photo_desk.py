"""The photo step: what happens to the shopper's photo, and what its QR code opens.

The controller takes the picture and shows it with a QR code; *what the code opens* is a
``PhotoDesk``'s business. Today's desk (``OrderLinkDesk``) links to the shop's order page for the
outfit and, with ``[photo] policy = "keep"``, saves the photo for a while. A desk that serves the
photo itself on the shop's network (issue 15) is another ``PhotoDesk``: it keeps the picture in
memory, returns its own URL and forgets everything when the visit ends.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from ..domain import Language
from ..photo import DEFAULT_URL_TEMPLATE, PhotoStore, order_url

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


class PhotoDesk(Protocol):
    def hand_out(self, photo: TakenPhoto) -> PhotoHandout:
        """Never raises: a failure is an ``error`` on the handout; the photo is still shown."""
        ...

    def visit_ended(self) -> None:
        """The shopper left: nothing of theirs may stay reachable."""
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

    def visit_ended(self) -> None:
        pass  # saved photos expire on the store's own schedule (``PhotoStore.purge``)
