"""A list delegate that draws each row as a card: a small heading line over wrapped body text.

Everything is laid out with QTextLayout, which never interprets markup, so what people typed
shows exactly as typed (ARCHITECTURE.md rule 7). One delegate serves contributions, the parking
lot and the values board, so they read alike.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QModelIndex, QPointF, QSize
from PySide6.QtGui import QFont, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.models.base import ROW_ROLE

PAD_X = 12
PAD_Y = 8
GAP = 3
MAX_CHARS = 5000  # a pasted book still draws quickly; the whole text stays in the file


def scaled(font: QFont, factor: float, *, bold: bool = False, italic: bool = False) -> QFont:
    result = QFont(font)
    if result.pointSizeF() > 0:
        result.setPointSizeF(result.pointSizeF() * factor)
    elif result.pixelSize() > 0:
        result.setPixelSize(round(result.pixelSize() * factor))
    if bold:
        result.setWeight(QFont.Weight.DemiBold)
    result.setItalic(italic)
    return result


def _layout(text: str, font: QFont, width: int, max_lines: int) -> tuple[QTextLayout, int]:
    """Lay out plain text, wrapping long words too; returns the layout and its height in pixels."""
    text = text[:MAX_CHARS].replace("\r\n", "\n").replace("\n", "\u2028")
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    height = 0.0
    lines = 0
    while lines < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(10, width))
        line.setPosition(QPointF(0, height))
        height += line.height()
        lines += 1
    layout.endLayout()
    return layout, int(height + 0.999)


class CardDelegate(QStyledItemDelegate):
    """Draws `heading(row)` (small, semi-bold), `body(row)` (larger) and an optional `note(row)`."""

    def __init__(
        self,
        view: QAbstractItemView,
        *,
        heading: Callable[[dict], str],
        body: Callable[[dict], str],
        note: Callable[[dict], str] | None = None,
        body_scale: float = 1.2,
        max_body_lines: int = 14,
    ):
        super().__init__(view)
        self._view = view
        self._heading = heading
        self._body = body
        self._note = note
        self._body_scale = body_scale
        self._max_body_lines = max_body_lines
        self._heights: dict[tuple, int] = {}  # (width, font, texts) → height: a capture relays every row

    def texts(self, index: QModelIndex) -> list[str]:
        """The strings a row shows, exactly as they are drawn (plain text)."""
        row = index.data(ROW_ROLE)
        if not row:
            return []
        note = self._note(row) if self._note else ""
        return [self._heading(row), self._body(row), *([note] if note else [])]

    def _parts(self, index: QModelIndex, font: QFont) -> list[tuple[QTextLayout, int]]:
        width = self._view.viewport().width() - 2 * PAD_X
        styles = [(scaled(font, 0.95, bold=True), 2), (scaled(font, self._body_scale), self._max_body_lines),
                  (scaled(font, 0.95, italic=True), 3)]
        return [_layout(text, part_font, width, lines) for text, (part_font, lines) in zip(self.texts(index), styles)]

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        width = self._view.viewport().width()
        key = (width, option.font.key(), tuple(self.texts(index)))
        height = self._heights.get(key)
        if height is None:
            parts = self._parts(index, option.font)
            height = sum(h for _, h in parts) + GAP * max(0, len(parts) - 1) + 2 * PAD_Y
            if len(self._heights) > 5000:
                self._heights.clear()
            self._heights[key] = height
        return QSize(max(100, width), height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the style draws background, selection and focus; we draw the words
        style = opt.widget.style() if opt.widget else self._view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active if opt.state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(opt.palette.color(group, role))
        y = opt.rect.top() + PAD_Y
        for layout, height in self._parts(index, option.font):
            layout.draw(painter, QPointF(opt.rect.left() + PAD_X, y))
            y += height + GAP
        painter.setPen(opt.palette.color(QPalette.ColorRole.Mid))
        bottom = opt.rect.bottom()
        painter.drawLine(opt.rect.left() + PAD_X, bottom, opt.rect.right() - PAD_X, bottom)
        painter.restore()

