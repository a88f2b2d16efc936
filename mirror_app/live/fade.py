"""Garments fade out when tracking is lost and back in when found: they never freeze in mid-air."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class GarmentFade:
    fade_in_s: float = 0.25
    fade_out_s: float = 0.4
    opacity: float = 0.0
    _last: float | None = None

    def update(self, present: bool, now_s: float) -> float:
        dt = 0.0 if self._last is None else max(0.0, now_s - self._last)
        self._last = now_s
        if present:
            self.opacity = min(1.0, self.opacity + dt / self.fade_in_s) if self.fade_in_s > 0 else 1.0
        else:
            self.opacity = max(0.0, self.opacity - dt / self.fade_out_s) if self.fade_out_s > 0 else 0.0
        return self.opacity
