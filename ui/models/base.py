"""A table model over a list of row dicts that refreshes itself from the document's Changes.

Subclasses say which tables they show (`tables`), how to read their rows (`fetch`) and their
columns. A refresh keeps selection and scroll where it can: appended rows are inserted, edited
rows are updated in place, and only other shapes of change reset the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from facilitator.changes import Changes
from ui.document import Document
from ui.plain_text import tooltip_html

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[dict], str]
    tooltip: Callable[[dict], str] | None = None
    align_right: bool = False


def key(name: str) -> Callable[[dict], str]:
    return lambda row: "" if row.get(name) is None else str(row[name])


class RowTableModel(QAbstractTableModel):
    tables: frozenset[str] = frozenset()
    columns: tuple[Column, ...] = ()

    def __init__(self, document: Document | None = None, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []
        self.document: Document | None = None
        if document is not None:
            self.set_document(document)

    # Data source --------------------------------------------------------------------------------

    def set_document(self, document: Document | None) -> None:
        if self.document is not None:
            self.document.changed.disconnect(self.refresh)
        self.document = document
        if document is not None:
            document.changed.connect(self.refresh)
        self.reload()

    def fetch(self) -> list[dict]:
        raise NotImplementedError

    def fetch_new(self, changes: Changes) -> list[dict] | None:
        """Rows just inserted, when a subclass can read only those; None means 'reload all'."""
        return None

    def can_fetch(self) -> bool:
        return self.document is not None and not self.document.pf.closed

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self.fetch() if self.can_fetch() else []
        self.endResetModel()

    def refresh(self, changes: Changes) -> None:
        if not changes.touches(*self.tables) or not self.can_fetch():
            return
        appended = self.fetch_new(changes)
        if appended is not None:
            self._append(appended)
            return
        new_rows = self.fetch()
        old_ids = [r["id"] for r in self._rows]
        new_ids = [r["id"] for r in new_rows]
        if new_ids[: len(old_ids)] != old_ids:
            self.beginResetModel()
            self._rows = new_rows
            self.endResetModel()
            return
        for index, (old, new) in enumerate(zip(self._rows, new_rows)):
            if old != new:
                self._rows[index] = new
                self.dataChanged.emit(self.index(index, 0), self.index(index, self.columnCount() - 1))
        self._append(new_rows[len(old_ids):])

    def _append(self, rows: list[dict]) -> None:
        if not rows:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    # Access -------------------------------------------------------------------------------------

    @property
    def rows(self) -> list[dict]:
        return list(self._rows)

    def row_dict(self, row: int) -> dict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def id_at(self, row: int) -> int | None:
        found = self.row_dict(row)
        return None if found is None else found["id"]

    def row_of_id(self, row_id: int | None) -> int:
        for index, row in enumerate(self._rows):
            if row["id"] == row_id:
                return index
        return -1

    # Qt model API ---------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Item tooltips render HTML: escape, always (ARCHITECTURE.md rule 7).
            tip = column.tooltip(row) if column.tooltip else column.text(row)
            return tooltip_html(tip) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return row["id"]
        if role == ROW_ROLE:
            return row
        return None


class SessionScopedModel(RowTableModel):
    """Rows of one session: nothing is read until a session is chosen."""

    def __init__(self, document: Document | None = None, parent=None):
        self.session_id: int | None = None
        super().__init__(document, parent)

    def set_session(self, session_id: int | None) -> None:
        self.session_id = session_id
        self.reload()

    def can_fetch(self) -> bool:
        return super().can_fetch() and self.session_id is not None
