"""The responsibility matrix (actions × organisations) and the spread of responsibility beside it.

Keys in the matrix: on an organisation's cell, L makes it lead, S supporting, Delete, Backspace or
Space takes its role off. Anywhere on a row: O open, I in progress, D done, X dropped (recorded
with the current session, so the history says where it changed); F2 on the action or due date
rewords it; Ctrl+Delete deletes the action (Ctrl+Z brings it back). Marks are letters, never
colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QVBoxLayout, QWidget

from facilitator.operations import actions
from ui.document import Document
from ui.models.tools_models import (
    LOAD_COLUMNS,
    SECTOR_COLUMNS,
    AnalysisSource,
    FigureModel,
    MatrixModel,
    load_rows,
    names,
    plural,
    sector_rows,
)
from ui.plain_text import one_line
from ui.tools.common import apply, heading, plain_label
from ui.tools.tables import RotatedHeader, ToolTable, compact

ROLE_KEYS = {Qt.Key.Key_L: "lead", Qt.Key.Key_S: "support", Qt.Key.Key_Delete: None,
             Qt.Key.Key_Backspace: None, Qt.Key.Key_Space: None}
STATUS_KEYS = {Qt.Key.Key_O: "open", Qt.Key.Key_I: "in_progress", Qt.Key.Key_D: "done", Qt.Key.Key_X: "dropped"}
MATRIX_HINT = ("On an organisation: L lead · S support · Delete or Space no role.   On a row: O open · "
               "I in progress · D done · X dropped · F2 reword · Ctrl+Delete delete the action.")


class MatrixTable(ToolTable):
    """The matrix as a cell-by-cell table: narrow organisation columns under rotated names."""

    def __init__(self, model: MatrixModel, parent: QWidget | None = None):
        super().__init__(model, "Responsibility matrix", stretch_column=0, cells=True, parent=parent)
        self.setHorizontalHeader(RotatedHeader(MatrixModel.FIXED, self))
        self.horizontalHeader().setSectionsClickable(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleDescription(MATRIX_HINT)
        self.setWordWrap(False)

    def fit_columns(self) -> None:
        header = self.horizontalHeader()
        model = self.model()
        for column in range(model.columnCount()):
            if column == 0:
                header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            elif column < MatrixModel.FIXED:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                self.setColumnWidth(column, self.fontMetrics().height() + 18)


class MatrixPanel(QWidget):
    """The matrix with its key hint and a line that says what the last key did."""

    def __init__(self, document: Document, source: AnalysisSource, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.session_id: int | None = None
        self.model = MatrixModel(source, self)
        self.table = MatrixTable(self.model, self)
        self.title = heading("Responsibility &matrix", buddy=self.table, parent=self)
        self.hint = plain_label(MATRIX_HINT, name="Keys for the matrix", parent=self)
        self.status = plain_label(name="Last change in the matrix", parent=self)
        self.empty = plain_label(name="Matrix is empty", parent=self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.status)
        layout.addWidget(self.hint)

        for key, role in ROLE_KEYS.items():
            self.table.bind_key([key], lambda r=role: self.set_role(r))
        for key, status in STATUS_KEYS.items():
            self.table.bind_key([key], lambda s=status: self.set_status(s))
        self.table.bind_key([Qt.Key.Key_Delete], self.delete_action, Qt.KeyboardModifier.ControlModifier)
        self.model.edited.connect(self._edited)
        self.model.modelReset.connect(self._update_empty)
        self._update_empty()

    def set_session(self, session_id: int | None) -> None:
        self.session_id = session_id

    def _update_empty(self) -> None:
        rows = self.model.rowCount()
        self.empty.setVisible(rows == 0)
        self.empty.setText("No open actions here yet: type one above and press Enter." if self.model.matrix is not None
                           else "Open a partnership to see its actions.")
        if rows and not self.table.currentIndex().isValid():
            self.table.select_cell(0, MatrixModel.FIXED)

    def _current(self):
        index = self.table.currentIndex()
        return (self.model.action_at(index.row()), self.model.organisation_at(index.column())) if index.isValid() \
            else (None, None)

    # Commands --------------------------------------------------------------------------------------

    def set_role(self, role: str | None) -> None:
        action, organisation = self._current()
        if action is None or self.document.read_only:
            return
        if organisation is None:
            self.status.setText("Move to an organisation's column (Right arrow) to give it a role.")
            return
        changes, message = apply(self.document, actions.set_responsibility, action_id=action.action_id,
                                 organisation_id=organisation.id, role=role)
        if changes is not None:
            what = {"lead": "now leads", "support": "now supports", None: "has no role on"}[role]
            self.status.setText(f"{organisation.name} {what} “{one_line(action.text, 50)}”.")
        else:
            self.status.setText(message)

    def set_status(self, status: str) -> None:
        action, _organisation = self._current()
        if action is None or self.document.read_only:
            return
        changes, message = apply(self.document, actions.set_action_status, action_id=action.action_id,
                                 status=status, session_id=self.session_id)
        if changes is None:
            self.status.setText(message)
            return
        label = {"open": "open", "in_progress": "in progress", "done": "done", "dropped": "dropped"}[status]
        hidden = self.model.row_of_action(action.action_id) < 0
        self.status.setText(f"“{one_line(action.text, 50)}” is {label}."
                            + (" It left the matrix: tick “Show done and dropped” to see it." if hidden else ""))

    def delete_action(self) -> None:
        action, _organisation = self._current()
        if action is None or self.document.read_only:
            return
        changes, message = apply(self.document, actions.delete_action, action_id=action.action_id)
        self.status.setText(f"Deleted “{one_line(action.text, 50)}”. Ctrl+Z brings it back." if changes
                            else message)

    def _edited(self, action_id: int, field: str, value: str) -> None:
        changes, message = apply(self.document, actions.update_action, action_id=action_id, **{field: value})
        self.status.setText(message if changes is None else "")


class SpreadPanel(QWidget):
    """How responsibility is spread: roles per organisation and per sector, and what to look at again."""

    def __init__(self, source: AnalysisSource, parent: QWidget | None = None):
        super().__init__(parent)
        self.source = source
        self.organisations = FigureModel(source, lambda v: load_rows(v[1]), LOAD_COLUMNS, self)
        self.sectors = FigureModel(source, lambda v: sector_rows(v[1]), SECTOR_COLUMNS, self)
        self.organisation_table = ToolTable(self.organisations, "Roles per organisation", parent=self)
        self.sector_table = ToolTable(self.sectors, "Roles per sector", parent=self)
        compact(self.organisation_table)
        compact(self.sector_table, fit_height=True)
        self.summary = plain_label(name="Spread summary", bold=True, parent=self)
        self.flags = plain_label(name="Actions to look at again", parent=self)
        self.without_role = plain_label(name="Organisations with no role", parent=self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(heading("Spread of responsi&bility", buddy=self.organisation_table, parent=self))
        layout.addWidget(self.summary)
        layout.addWidget(self.flags)
        layout.addWidget(self.without_role)
        layout.addWidget(self.organisation_table, 1)
        layout.addWidget(self.sector_table)
        source.updated.connect(self.update_texts)
        self.update_texts()

    def update_texts(self) -> None:
        value = self.source.value
        if value is None:
            for label in (self.summary, self.flags, self.without_role):
                label.setText("")
            return
        found = value[1]
        self.summary.setText(f"{plural(found.action_count, 'action')} shared by "
                             f"{plural(sum(1 for o in found.organisations if o.total), 'organisation')}")
        flags = []
        if found.not_shared:
            flags.append(f"⚠ Not shared ({len(found.not_shared)}): "
                         + "; ".join(f"“{one_line(a.text, 45)}”" for a in found.not_shared))
        if found.without_lead:
            flags.append(f"⚠ No lead ({len(found.without_lead)}): "
                         + "; ".join(f"“{one_line(a.text, 45)}”" for a in found.without_lead))
        self.flags.setText("\n".join(flags) or "Every action has a lead and at least one supporting partner.")
        self.without_role.setText(f"No role yet: {names(found.without_role)}" if found.without_role
                                  else "Every organisation has a role.")
