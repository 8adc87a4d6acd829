"""Table views for planning lists: keyboard verbs as signals, selection by row id, drag to reorder.

Why a subclass: item views swallow Ctrl+Up/Down, Delete and F2 for their own purposes; here they
mean "move", "delete" and "edit" (see ui/shortcuts.py IN_VIEWS), and the view only announces them.
The view never changes data itself.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.models.base import RowTableModel

MAX_COLUMN_WIDTH = 340


class RowTable(QTableView):
    """A read-only list of rows (one row selected), announcing the keyboard verbs of planning lists."""

    delete_pressed = Signal()
    insert_pressed = Signal()
    edit_pressed = Signal()
    move_pressed = Signal(int)  # -1 up, +1 down

    def __init__(self, model: RowTableModel, name: str, *, stretch_column: int = 0,
                 reorderable: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.stretch_column = stretch_column
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setTabKeyNavigation(False)  # Tab leaves the table for the form beside it
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if reorderable:
            self.setDragEnabled(True)
            self.setAcceptDrops(True)
            self.viewport().setAcceptDrops(True)
            self.setDropIndicatorShown(True)
            self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
            self.setDefaultDropAction(Qt.DropAction.MoveAction)
            self.setDragDropOverwriteMode(False)
        model.modelReset.connect(self.fit_columns)
        model.rowsInserted.connect(self.fit_columns)
        self.fit_columns()

    # Columns ---------------------------------------------------------------------------------------

    def fit_columns(self) -> None:
        """Columns as wide as their text (capped); one column takes the spare width."""
        header = self.horizontalHeader()
        for column in range(self.model().columnCount()):
            if column == self.stretch_column:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.resizeColumnToContents(column)
            width = max(self.columnWidth(column), header.sectionSizeHint(column)) + 12
            self.setColumnWidth(column, min(width, MAX_COLUMN_WIDTH))

    # Selection by id -------------------------------------------------------------------------------

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() and self.selectionModel().isRowSelected(index.row(), QModelIndex()) else -1

    def current_id(self) -> int | None:
        return self.model().id_at(self.current_row())

    def select_row(self, row: int) -> None:
        model = self.model()
        if not 0 <= row < model.rowCount():
            self.selectionModel().clear()
            return
        index = model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index)

    def select_id(self, row_id: int | None) -> bool:
        row = self.model().row_of_id(row_id)
        if row >= 0:
            self.select_row(row)
        return row >= 0

    # Keys ------------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = Qt.KeyboardModifier.ControlModifier
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and mods == ctrl:
            self.move_pressed.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif key == Qt.Key.Key_Delete and not mods:
            self.delete_pressed.emit()
        elif key == Qt.Key.Key_Insert and not mods:
            self.insert_pressed.emit()
        elif key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods:
            self.edit_pressed.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()
