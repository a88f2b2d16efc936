"""Is the shopper framed so the outfit can be drawn? A gentle hint when not."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from ..domain import Category
from ..overlay.body_points import FRAME_MARGIN, MIN_VISIBILITY
from ..tracking.landmarks import Landmark as L
from ..tracking.landmarks import Pose

TOO_CLOSE_SHOULDERS = 0.62  # shoulder span as a fraction of the frame width


class Framing(StrEnum):
    OK = "ok"
    NOBODY = "nobody"
    TOO_CLOSE = "too_close"
    SHOW_SHOULDERS = "show_shoulders"
    SHOW_LEGS = "show_legs"


HINT_KEYS = {
    Framing.TOO_CLOSE: "hint_step_back",
    Framing.SHOW_SHOULDERS: "hint_show_shoulders",
    Framing.SHOW_LEGS: "hint_show_legs",
}


def _seen(pose: Pose, frame_wh: tuple[int, int], *marks: L) -> bool:
    w, h = frame_wh
    mx, my = FRAME_MARGIN * w, FRAME_MARGIN * h
    for m in marks:
        x, y = pose.xy[m]
        if pose.visibility[m] < MIN_VISIBILITY or not (-mx <= x <= w + mx and -my <= y <= h + my):
            return False
    return True


def assess_framing(pose: Pose | None, frame_wh: tuple[int, int], wearing: Iterable[Category] = ()) -> Framing:
    """What, if anything, the shopper should do so the outfit fits them (depends on what is worn)."""
    if pose is None:
        return Framing.NOBODY
    if not _seen(pose, frame_wh, L.LEFT_SHOULDER, L.RIGHT_SHOULDER):
        return Framing.SHOW_SHOULDERS
    if pose.shoulder_width() > TOO_CLOSE_SHOULDERS * frame_wh[0]:
        return Framing.TOO_CLOSE
    worn = set(wearing)
    if worn & {Category.BOTTOM, Category.DRESS} and not _seen(pose, frame_wh, L.LEFT_KNEE, L.RIGHT_KNEE):
        return Framing.SHOW_LEGS
    return Framing.OK
