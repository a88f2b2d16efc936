"""Phase-1 leftover: ``live/engine.py`` still imports these names from here. Their homes are
``mirror_app.view.transform`` and ``mirror_app.capture.orientation``; delete this module when the
engine imports them from there (issue 14, phase 2)."""

from ..capture.orientation import rotate_frame
from ..view.transform import SplitView, ViewTransform

__all__ = ["SplitView", "ViewTransform", "rotate_frame"]
