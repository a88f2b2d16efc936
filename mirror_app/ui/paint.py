"""Drawing the mirror's controls with QPainter: big, high-contrast, legible from two metres."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QLinearGradient, QPainter, QPainterPath, QPen

from ..view.rect import Rect

ACCENT = QColor(255, 122, 89)  # warm coral
ACCENT_SOFT = QColor(255, 122, 89, 170)
PANEL = QColor(18, 20, 28, 178)
PANEL_SELECTED = QColor(255, 255, 255, 232)
TEXT = QColor(255, 255, 255)
TEXT_DARK = QColor(20, 22, 30)
FONT_FAMILY = "NanumSquareRound"


def qrect(r: Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


def font(px: float, bold: bool = False) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setPixelSize(max(8, int(px)))
    f.setBold(bold)
    return f


def rounded(
    p: QPainter, rect: QRectF, fill: QColor, radius: float, border: QColor | None = None, width: float = 0.0
) -> None:
    p.setPen(QPen(border, width) if border is not None and width > 0 else Qt.PenStyle.NoPen)
    p.setBrush(QBrush(fill))
    p.drawRoundedRect(rect, radius, radius)


_FITTED: dict[tuple[str, int, int, int, bool, str], float] = {}


def fitted_px(p: QPainter, rect: QRectF, text: str, px: float, bold: bool = False, min_px: float = 10.0) -> float:
    """The largest size up to ``px`` at which ``text`` fits ``rect`` (wrapping only at spaces).

    Measured once per text and box: painting happens every frame, text layout is not cheap."""
    key = (text, round(rect.width()), round(rect.height()), round(px), bold, FONT_FAMILY)
    cached = _FITTED.get(key)
    if cached is not None:
        return cached
    flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
    size = px
    while size > min_px:
        p.setFont(font(size, bold))
        fm = p.fontMetrics()
        longest_word = max((fm.horizontalAdvance(w) for w in text.split()), default=0)
        box = fm.boundingRect(rect.toRect(), flags, text)
        if longest_word <= rect.width() and box.height() <= rect.height():
            break
        size *= 0.92
    size = max(size, min_px)
    if len(_FITTED) > 2000:
        _FITTED.clear()
    _FITTED[key] = size
    return size


def text_in(
    p: QPainter,
    rect: QRectF,
    text: str,
    px: float,
    *,
    bold: bool = False,
    color: QColor = TEXT,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
    shadow: bool = True,
    fit: bool = False,
) -> None:
    if fit:
        px = fitted_px(p, rect, text, px, bold)
    p.setFont(font(px, bold))
    flags = int(align) | int(Qt.TextFlag.TextWordWrap)
    if shadow:
        p.setPen(QColor(0, 0, 0, 150))
        p.drawText(rect.translated(px * 0.06, px * 0.06), flags, text)
    p.setPen(color)
    p.drawText(rect, flags, text)


_SPRITES: dict[tuple[object, ...], QImage] = {}


def sprite(key: tuple[object, ...], w: float, h: float, draw: Callable[[QPainter, QRectF], None]) -> QImage:
    """A control drawn once into a transparent image and blitted every frame after: anti-aliased
    rounded panels and text layout are the costly part of painting (≈1 ms each)."""
    full = (*key, round(w), round(h), FONT_FAMILY)
    image = _SPRITES.get(full)
    if image is None:
        image = QImage(max(1, round(w)), max(1, round(h)), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor(0, 0, 0, 0))
        qp = QPainter(image)
        qp.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        qp.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        draw(qp, QRectF(0, 0, round(w), round(h)))
        qp.end()
        if len(_SPRITES) > 400:
            _SPRITES.clear()
        _SPRITES[full] = image
    return image


def button(
    p: QPainter,
    r: Rect,
    label: str,
    unit: float,
    *,
    progress: float = 0.0,
    selected: bool = False,
    enabled: bool = True,
    accent: bool = False,
) -> None:
    """A panel button; ``progress`` (0..1) fills it as a hand dwells on it."""
    if progress <= 0:
        image = sprite(
            ("button", label, selected, enabled, accent, unit),
            r.w,
            r.h,
            lambda qp, box: _button(qp, box, label, unit, 0.0, selected, enabled, accent),
        )
        p.drawImage(QPointF(r.x, r.y), image)
        return
    _button(p, qrect(r), label, unit, progress, selected, enabled, accent)


def _button(
    p: QPainter, rect: QRectF, label: str, unit: float, progress: float, selected: bool, enabled: bool, accent: bool
) -> None:
    radius = 26 * unit
    fill = (
        PANEL_SELECTED if selected else (QColor(ACCENT.red(), ACCENT.green(), ACCENT.blue(), 215) if accent else PANEL)
    )
    if not enabled:
        fill = QColor(40, 40, 48, 110)
    rounded(p, rect, fill, radius, QColor(255, 255, 255, 90), 2 * unit)
    if progress > 0:
        p.save()
        clip = QPainterPath()
        clip.addRoundedRect(rect, radius, radius)
        p.setClipPath(clip)
        p.fillRect(QRectF(rect.x(), rect.y(), rect.width() * progress, rect.height()), ACCENT_SOFT)
        p.restore()
        ring(p, QPointF(rect.right() - 34 * unit, rect.top() + 34 * unit), 20 * unit, progress, unit)
    colour = TEXT_DARK if selected else TEXT
    text_in(
        p,
        rect.adjusted(14 * unit, 6 * unit, -14 * unit, -6 * unit),
        label,
        min(44 * unit, rect.height() * 0.34),
        bold=True,
        color=colour,
        shadow=not selected,
        fit=True,
    )


def ring(p: QPainter, centre: QPointF, radius: float, progress: float, unit: float) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(QColor(255, 255, 255, 110), 6 * unit))
    p.drawEllipse(centre, radius, radius)
    pen = QPen(ACCENT, 7 * unit)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    box = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
    p.drawArc(box, 90 * 16, -int(360 * 16 * max(0.0, min(1.0, progress))))


def hand_cursor(p: QPainter, x: float, y: float, progress: float, unit: float) -> None:
    """Where the mirror sees the shopper's hand, with the dwell ring around it."""
    c = QPointF(x, y)
    p.setPen(QPen(QColor(255, 255, 255, 230), 4 * unit))
    p.setBrush(QColor(255, 122, 89, 120))
    p.drawEllipse(c, 26 * unit, 26 * unit)
    if progress > 0:
        ring(p, c, 42 * unit, progress, unit)


def card(
    p: QPainter,
    r: Rect,
    thumb: QImage | None,
    name: str,
    price: str,
    unit: float,
    *,
    worn: bool = False,
    caption: str = "",
    key: object = None,
) -> None:
    """The carousel's current item: picture, name and price. ``key`` names the picture (item
    and catalog revision) so a cached card is never shown with another item's picture."""
    image = sprite(
        ("card", key if key is not None else id(thumb), name, price, worn, caption, unit),
        r.w,
        r.h,
        lambda qp, box: _card(qp, box, thumb, name, price, unit, worn, caption),
    )
    p.drawImage(QPointF(r.x, r.y), image)


def _card(
    p: QPainter, rect: QRectF, thumb: QImage | None, name: str, price: str, unit: float, worn: bool, caption: str
) -> None:
    rounded(
        p,
        rect,
        QColor(250, 250, 252, 236),
        26 * unit,
        ACCENT if worn else QColor(255, 255, 255, 120),
        (6 if worn else 2) * unit,
    )
    text_h = 116 * unit
    pic = rect.adjusted(14 * unit, 14 * unit, -14 * unit, -text_h)
    if thumb is not None and not thumb.isNull() and pic.height() > 10:
        scaled = thumb.scaled(
            int(pic.width()),
            int(pic.height()),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        p.drawImage(QPointF(pic.center().x() - scaled.width() / 2, pic.center().y() - scaled.height() / 2), scaled)
    text_rect = QRectF(rect.x() + 10 * unit, rect.bottom() - text_h, rect.width() - 20 * unit, text_h * 0.58)
    text_in(p, text_rect, name, 30 * unit, bold=True, color=TEXT_DARK, shadow=False, fit=True)
    text_in(
        p,
        QRectF(text_rect.x(), text_rect.bottom(), text_rect.width(), text_h * 0.38),
        price,
        30 * unit,
        color=ACCENT.darker(115),
        shadow=False,
    )
    if caption:
        tag = QRectF(rect.x() + 16 * unit, rect.y() + 16 * unit, 150 * unit, 44 * unit)
        rounded(p, tag, ACCENT, 22 * unit)
        text_in(p, tag, caption, 24 * unit, bold=True, shadow=False)


def banner(
    p: QPainter, width: float, y: float, text: str, unit: float, *, strong: bool = False, max_width: float | None = None
) -> None:
    """A hint across the screen: short, kind, readable from a step back. Between the button
    columns when ``max_width`` says so; long texts wrap onto a second line."""
    limit = min(width - 40 * unit, max_width if max_width is not None else width)
    p.setFont(font(40 * unit, bold=True))
    one_line = p.fontMetrics().horizontalAdvance(text) + 80 * unit
    tw = min(one_line, limit)
    lines = 1 if one_line <= limit else 2
    rect = QRectF((width - tw) / 2, y, tw, (96 if lines == 1 else 150) * unit)
    rounded(p, rect, QColor(255, 122, 89, 230) if strong else QColor(18, 20, 28, 200), 48 * unit)
    text_in(p, rect.adjusted(28 * unit, 6 * unit, -28 * unit, -6 * unit), text, 40 * unit, bold=True, fit=True)


def dim(p: QPainter, w: float, h: float, alpha: int) -> None:
    p.fillRect(QRectF(0, 0, w, h), QColor(0, 0, 0, alpha))


def top_gradient(p: QPainter, w: float, h: float) -> None:
    g = QLinearGradient(0, 0, 0, h)
    g.setColorAt(0, QColor(0, 0, 0, 150))
    g.setColorAt(1, QColor(0, 0, 0, 0))
    p.fillRect(QRectF(0, 0, w, h), QBrush(g))


def qr_image(matrix: Sequence[Sequence[bool]], module_px: int) -> QImage:
    """A QR code (with its quiet zone in ``matrix``) as a crisp black-on-white image."""
    n = len(matrix)
    img = QImage(n * module_px, n * module_px, QImage.Format.Format_RGB32)
    img.fill(QColor(255, 255, 255))
    qp = QPainter(img)
    qp.setPen(Qt.PenStyle.NoPen)
    qp.setBrush(QColor(0, 0, 0))
    for y, row in enumerate(matrix):
        for x, on in enumerate(row):
            if on:
                qp.drawRect(x * module_px, y * module_px, module_px, module_px)
    qp.end()
    return img
