"""What the screen shows after one step of the visit: a frozen list of things to paint, in order.

``MirrorController.step`` builds a ``Scene``; ``ui.window.MirrorWindow`` paints it and decides
nothing. Every position is in screen pixels, every colour RGBA, every word already in the
shopper's language, so a test can read a Scene like the screen (``scene.button(ButtonId.WEAR)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from ..domain import ButtonId, Control
from ..overlay.garment import Garment
from ..session.state import Screen
from ..view.rect import Rect
from .staff import PinKey

U8Image = npt.NDArray[np.uint8]
RGBA = tuple[int, int, int, int]

WHITE: RGBA = (255, 255, 255, 255)
TEXT_DARK: RGBA = (20, 22, 30, 255)
ACCENT: RGBA = (255, 122, 89, 255)  # warm coral
ACCENT_DEEP: RGBA = (212, 102, 74, 255)  # the accent a shade darker, for text on white
DARK_PANEL: RGBA = (18, 20, 28, 200)


class Align(StrEnum):
    CENTER = "center"
    LEFT = "left"  # left, at the top
    LEFT_MIDDLE = "left_middle"
    TOP_LEFT = "top_left"


# -- what can be painted ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Fill:
    """A plain rectangle (the dimming over the picture, the compare divider)."""

    rect: Rect
    rgba: RGBA


@dataclass(frozen=True)
class TopShade:
    """A dark-to-clear gradient from the top edge down to ``height`` (behind the shop's name)."""

    height: float


@dataclass(frozen=True)
class Panel:
    """A rounded, filled rectangle."""

    rect: Rect
    rgba: RGBA
    radius: float


@dataclass(frozen=True)
class Label:
    """Text wrapped in ``rect``; with ``fit``, shrunk until it fits."""

    rect: Rect
    text: str
    px: float
    bold: bool = False
    rgba: RGBA = WHITE
    align: Align = Align.CENTER
    shadow: bool = True
    fit: bool = False


@dataclass(frozen=True)
class Button:
    """A control: ``progress`` (0..1) fills it while a hand dwells on it."""

    control: Control | PinKey
    rect: Rect
    label: str
    progress: float = 0.0
    selected: bool = False
    enabled: bool = True
    accent: bool = False


@dataclass(frozen=True, eq=False)
class Card:
    """An item's card: its picture (``thumb_rgba``, named by ``thumb_key``), name and price."""

    rect: Rect
    thumb_key: tuple[str, int]  # (item id, catalog revision): a new catalog never shows an old picture
    thumb_rgba: U8Image | None
    name: str
    price: str
    worn: bool = False
    caption: str = ""


@dataclass(frozen=True)
class Banner:
    """A short hint across the screen at height ``y``, at most ``max_width`` wide."""

    text: str
    y: float
    strong: bool = False
    max_width: float | None = None


@dataclass(frozen=True)
class Cursor:
    """Where the mirror sees a hand, with the dwell ring of the button under it."""

    x: float
    y: float
    progress: float = 0.0


@dataclass(frozen=True)
class Line:
    start: tuple[float, float]
    end: tuple[float, float]
    rgba: RGBA
    width: float
    dashed: bool = False


@dataclass(frozen=True, eq=False)
class Picture:
    """A still (the shopper's photo) drawn into ``rect``."""

    rect: Rect
    rgb: U8Image


@dataclass(frozen=True)
class QrCode:
    """A QR code: ``modules`` rows of dark (True) / light, quiet zone included; ``data`` it encodes."""

    rect: Rect
    modules: tuple[tuple[bool, ...], ...]
    data: str


@dataclass(frozen=True, eq=False)
class Skeleton:
    """The tracked body for the debug overlay: screen points, bones between them, which are seen."""

    points: npt.NDArray[np.float64]  # (33, 2)
    bones: tuple[tuple[int, int], ...]
    seen: npt.NDArray[np.bool_]  # (33,)


Element = Fill | TopShade | Panel | Label | Button | Card | Banner | Cursor | Line | Picture | QrCode | Skeleton


# -- what the rest of the mirror must do -----------------------------------------------------------
@dataclass(frozen=True, eq=False)
class WearOutfit:
    """Draw ``current`` on the shopper; with ``compare``, show them twice: ``compare`` left (A),
    ``current`` right (B)."""

    current: tuple[Garment, ...]
    compare: tuple[Garment, ...] | None = None

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(g.item_id for g in self.current)


@dataclass(frozen=True)
class ReloadCatalog:
    """The staff asked to read the catalog folder again."""


@dataclass(frozen=True)
class ExitMirror:
    """The staff chose "exit"; ``code`` tells the supervisor not to restart."""

    code: int


Request = WearOutfit | ReloadCatalog | ExitMirror


@dataclass(frozen=True, eq=False)
class Scene:
    """One step's screen: the dressed camera picture, then ``elements`` painted over it in order."""

    screen_wh: tuple[int, int]
    unit: float  # 1.0 on a 1080-wide portrait screen: sizes of lines and rings scale with it
    screen: Screen
    image_rgb: U8Image | None  # the newest dressed frame, screen-sized (None before the first)
    elements: tuple[Element, ...]
    requests: tuple[Request, ...] = ()
    frame_index: int = -1  # of the picture, for the display statistics
    captured_at: float = 0.0  # perf_counter when its camera frame arrived

    @property
    def buttons(self) -> tuple[Button, ...]:
        return tuple(e for e in self.elements if isinstance(e, Button))

    @property
    def banners(self) -> tuple[Banner, ...]:
        return tuple(e for e in self.elements if isinstance(e, Banner))

    @property
    def cursors(self) -> tuple[Cursor, ...]:
        return tuple(e for e in self.elements if isinstance(e, Cursor))

    def button(self, control: Control | PinKey) -> Button | None:
        return next((b for b in self.buttons if b.control == control), None)

    def words(self) -> list[str]:
        """Every text on screen, in painting order (labels, buttons, banners, cards)."""
        out: list[str] = []
        for e in self.elements:
            if isinstance(e, Label | Banner):
                out.append(e.text)
            elif isinstance(e, Button):
                out.append(e.label)
            elif isinstance(e, Card):
                out += [e.name, e.price] + ([e.caption] if e.caption else [])
        return out

    def shows(self, words: str) -> bool:
        """Whether ``words`` appear in any text on screen."""
        return any(words in w for w in self.words())


__all__ = [
    "ACCENT",
    "ACCENT_DEEP",
    "DARK_PANEL",
    "RGBA",
    "TEXT_DARK",
    "WHITE",
    "Align",
    "Banner",
    "Button",
    "ButtonId",
    "Card",
    "Cursor",
    "Element",
    "ExitMirror",
    "Fill",
    "Label",
    "Line",
    "Panel",
    "Picture",
    "QrCode",
    "ReloadCatalog",
    "Request",
    "Scene",
    "Skeleton",
    "TopShade",
    "WearOutfit",
]
