"""Table views for the tools: single-key verbs bound by the page, rotated organisation headers, bars.

Why key bindings on the view: a facilitator rates a prompt with "2" or makes an organisation lead
with "L" without leaving the table; the view only turns keys into calls, the page runs operations.
"""

from __future__ import annotations

from typing import Callable, Iterable

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QWidget,
)

from ui.models.base import ID_ROLE
from ui.models.tools_models import BAR_ROLE
from ui.plan.tables import MAX_COLUMN_WIDTH, RowTable

Handler = Callable[[], None]


def _modifiers(event: QKeyEvent) -> Qt.KeyboardModifier:
    return event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier


class ToolTable(RowTable):
    """A read-only table whose keys the page binds with `bind_key`; unbound keys behave as usual.

    After a model reset the current row is put back on the same id (and column), so a rating or
    a status change that reshapes the table never loses the facilitator's place.
    """

    def __init__(self, model, name: str, *, stretch_column: int = 0, cells: bool = False,
                 max_column_width: int = MAX_COLUMN_WIDTH, parent: QWidget | None = None):
        self.max_column_width = max_column_width
        super().__init__(model, name, stretch_column=stretch_column, parent=parent)
        self._keys: dict[tuple[int, int], Handler] = {}
        self._kept: tuple[object, int] | None = None
        if cells:
            self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)  # F2 edits editable cells only
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)

    def fit_columns(self) -> None:
        """As RowTable, with this table's own cap, so the stretched column keeps room for its words."""
        super().fit_columns()
        for column in range(self.model().columnCount()):
            if column != self.stretch_column and self.columnWidth(column) > self.max_column_width:
                self.setColumnWidth(column, self.max_column_width)

    def bind_key(self, keys: Iterable[Qt.Key], handler: Handler,
                 modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        for key in keys:
            self._keys[(int(key), modifiers.value)] = handler

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = _modifiers(event)
        if mods == Qt.KeyboardModifier.ShiftModifier and event.text().isalpha():
            mods = Qt.KeyboardModifier.NoModifier  # Caps or Shift: "L" and "l" mean the same
        handler = self._keys.get((int(event.key()), mods.value))
        if handler is not None and self.state() != QAbstractItemView.State.EditingState:
            event.accept()
            handler()
            return
        if event.key() == Qt.Key.Key_F2 and not mods:
            super(RowTable, self).keyPressEvent(event)  # the view's own F2: edit the cell in place
            return
        super().keyPressEvent(event)

    # Where the keyboard is -----------------------------------------------------------------------

    def current_id(self):
        index = self.currentIndex()
        return index.siblingAtColumn(0).data(ID_ROLE) if index.isValid() else None

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def select_cell(self, row: int, column: int) -> None:
        model = self.model()
        if 0 <= row < model.rowCount() and 0 <= column < model.columnCount():
            index = model.index(row, column)
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def select_id(self, row_id, column: int | None = None) -> bool:
        for row in range(self.model().rowCount()):
            if self.model().index(row, 0).data(ID_ROLE) == row_id:
                self.select_cell(row, self.currentIndex().column() if column is None else column)
                if not self.currentIndex().isValid():
                    self.select_cell(row, 0)
                return True
        return False

    def _remember(self) -> None:
        index = self.currentIndex()
        self._kept = (self.current_id(), index.column()) if index.isValid() else None

    def _restore(self) -> None:
        if self._kept is not None:
            row_id, column = self._kept
            self._kept = None
            if not self.select_id(row_id, max(0, min(column, self.model().columnCount() - 1))):
                self.select_cell(0, max(0, min(column, self.model().columnCount() - 1)))


def compact(table: RowTable, *, fit_height: bool = False) -> None:
    """Tighter rows for small figure tables; with `fit_height` the table is as tall as its rows."""
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    if fit_height:
        table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


class RotatedHeader(QHeaderView):
    """A horizontal header whose organisation sections read bottom to top, so nine partners fit.

    The text is drawn by us as plain text (never markup), elided to `MAX_HEIGHT`.
    """

    MAX_HEIGHT = 160

    def __init__(self, first_rotated: int, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.first_rotated = first_rotated
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self.setHighlightSections(False)

    def _text(self, logical: int) -> str:
        model = self.model()
        return str(model.headerData(logical, Qt.Orientation.Horizontal) or "") if model else ""

    def _rotated_height(self) -> int:
        model = self.model()
        if model is None:
            return 0
        widths = [self.fontMetrics().horizontalAdvance(self._text(i))
                  for i in range(self.first_rotated, model.columnCount())]
        return min(self.MAX_HEIGHT, max(widths, default=0) + 16)

    def sectionSizeFromContents(self, logical: int) -> QSize:
        size = super().sectionSizeFromContents(logical)
        if logical < self.first_rotated:
            return QSize(size.width(), max(size.height(), self._rotated_height()))
        return QSize(self.fontMetrics().height() + 16, max(size.height(), self._rotated_height()))

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        if logical < self.first_rotated:
            super().paintSection(painter, rect, logical)
            return
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = logical
        option.text = ""
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        metrics = self.fontMetrics()
        text = metrics.elidedText(self._text(logical), Qt.TextElideMode.ElideRight, rect.height() - 12)
        painter.save()
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        painter.translate(rect.left() + (rect.width() + metrics.ascent() - metrics.descent()) / 2, rect.bottom() - 6)
        painter.rotate(-90)
        painter.drawText(0, 0, text)
        painter.restore()


class PaddedDelegate(QStyledItemDelegate):
    """Rows that size to their (wrapped) text still get breathing room above and below."""

    PAD = 10

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + self.PAD)


class BarDelegate(QStyledItemDelegate):
    """Draws a bar (BAR_ROLE, 0..1) under a cell's text: the figure is always there in words too."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        fraction = index.data(BAR_ROLE)
        if isinstance(fraction, (int, float)) and fraction > 0:
            painter.save()
            bar = QRect(option.rect.adjusted(2, 4, -2, -4))
            bar.setWidth(max(2, round(bar.width() * min(1.0, float(fraction)))))
            colour = option.palette.color(QPalette.ColorRole.Highlight)
            colour.setAlpha(70)
            painter.fillRect(bar, colour)
            painter.restore()
        super().paint(painter, option, index)
