"""Phase-1 leftover: ``live/engine.py`` still imports these names from here. Their home is
``mirror_app.view.framing``; delete this module when the engine no longer assesses framing
(the visit controller does; issue 14, phase 2)."""

from ..view.framing import Framing, assess_framing

__all__ = ["Framing", "assess_framing"]
