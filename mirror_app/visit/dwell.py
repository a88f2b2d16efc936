"""Hands-free buttons: a hand held over a button for a moment presses it.

A hand merely passing through never presses: progress builds only while the same hand stays on
the same button, decays quickly when it leaves, and a pressed button needs the hand to leave
before it can be pressed again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..domain import Control
from ..view.rect import Rect


@dataclass(frozen=True)
class DwellSettings:
    dwell_s: float = 0.8
    decay_s: float = 0.25  # time for a full ring to empty once the hand leaves
    exit_margin: float = 24.0  # px of slack before a hovering hand counts as gone (hysteresis)


@dataclass
class DwellButtons:
    """Dwell progress for a set of named button rectangles, fed with hand points per frame."""

    settings: DwellSettings = field(default_factory=DwellSettings)
    progress: dict[Control, float] = field(default_factory=dict)  # 0..1 per button
    _hovered: set[Control] = field(default_factory=set)
    _spent: set[Control] = field(default_factory=set)  # pressed; waiting for the hand to leave
    _last_t: float | None = None

    def update(
        self, buttons: Mapping[Control, Rect], hands: Sequence[tuple[float, float]], now_s: float
    ) -> list[Control]:
        """Advance to ``now_s``; returns the buttons pressed by this update."""
        dt = 0.0 if self._last_t is None else max(0.0, min(now_s - self._last_t, 0.2))
        self._last_t = now_s
        hovered: set[Control] = set()
        for name, rect in buttons.items():
            margin = self.settings.exit_margin if name in self._hovered else 0.0
            if any(rect.contains(x, y, margin) for x, y in hands):
                hovered.add(name)
        pressed: list[Control] = []
        for name in list(buttons):
            p = self.progress.get(name, 0.0)
            if name in hovered and name not in self._spent:
                p = min(1.0, p + dt / self.settings.dwell_s)
                if p >= 1.0:
                    pressed.append(name)
                    self._spent.add(name)
                    p = 0.0
            else:
                p = max(0.0, p - dt / self.settings.decay_s)
            self.progress[name] = p
        self._spent &= hovered  # leaving a button re-arms it
        for gone in set(self.progress) - set(buttons):
            del self.progress[gone]
        self._hovered = hovered
        return pressed

    def reset(self) -> None:
        self.progress.clear()
        self._hovered.clear()
        self._spent.clear()
        self._last_t = None
