"""Between the camera's picture and the screen: which part of the frame the screen shows
(``ViewTransform``, ``SplitView`` for compare), where the shopper's hands point on it, and whether
the shopper stands where the outfit can be drawn (``Framing``). Pure geometry on numpy arrays."""

from .framing import HINT_KEYS, Framing, assess_framing
from .pointer import hands_on_screen, palm_points
from .rect import Rect
from .transform import ScreenView, SplitView, ViewTransform, body_centre_x, screen_copies

__all__ = [
    "HINT_KEYS",
    "Framing",
    "Rect",
    "ScreenView",
    "SplitView",
    "ViewTransform",
    "assess_framing",
    "body_centre_x",
    "hands_on_screen",
    "palm_points",
    "screen_copies",
]
