"""PySide6 6.12.0 dropped a reference to None on every void Qt call under Python 3.11, so the
mirror aborted ("deallocating None") after seconds of painting. This guards the version pin."""

import sys

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

pytestmark = pytest.mark.gui


def test_painting_does_not_leak_references_to_none(qapp):
    img = QImage(64, 64, QImage.Format.Format_RGB32)
    p = QPainter(img)
    before = sys.getrefcount(None)
    for _ in range(2000):
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(1, 2, 3))
        p.drawRect(QRectF(1, 2, 3, 4))
    after = sys.getrefcount(None)
    p.end()
    # The bug costs one reference per call (-6000 here); other threads may move it a little.
    assert after - before > -3000, f"None refcount fell by {before - after}: PySide6 refcount bug is back"
