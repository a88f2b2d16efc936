"""What Qt sees on this machine, for ``mirror-app doctor``: screens and the bundled fonts.

The doctor runs this in a child process (``mirror-app doctor --qt-probe``): Qt aborts the
whole process when it cannot open the display, and the doctor must still print its report.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HANGUL_SAMPLE = "한글미러옷입어보세요"
LATIN_SAMPLE = "Mirror"


def probe(font_files: list[Path]) -> dict[str, Any]:
    from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    screens = []
    for screen in app.screens():  # type: ignore[attr-defined]
        g = screen.geometry()
        size_mm = screen.physicalSize()
        screens.append(
            {
                "name": screen.name(),
                "geometry": [g.x(), g.y(), g.width(), g.height()],
                "logical_dpi": round(screen.logicalDotsPerInch(), 1),
                "physical_dpi": round(screen.physicalDotsPerInch(), 1),
                "device_pixel_ratio": screen.devicePixelRatio(),
                "physical_size_mm": [round(size_mm.width()), round(size_mm.height())],
                "refresh_hz": round(screen.refreshRate(), 1),
                "primary": screen == app.primaryScreen(),  # type: ignore[attr-defined]
            }
        )
    fonts = []
    for path in font_files:
        entry: dict[str, Any] = {"file": str(path), "family": None, "hangul_missing": None, "latin_missing": None}
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families = QFontDatabase.applicationFontFamilies(font_id)
            entry["family"] = families[0] if families else None
            if families:
                metrics = QFontMetrics(QFont(families[0]))
                entry["hangul_missing"] = "".join(c for c in HANGUL_SAMPLE if not metrics.inFontUcs4(ord(c)))
                entry["latin_missing"] = "".join(c for c in LATIN_SAMPLE if not metrics.inFontUcs4(ord(c)))
        fonts.append(entry)
    return {"platform": app.platformName(), "screens": screens, "fonts": fonts}  # type: ignore[attr-defined]


def main(font_files: list[Path]) -> int:
    print(json.dumps(probe(font_files)))
    return 0
