"""Review the actions still open from earlier sessions, with their history, and record what moved.

Why a separate list from the matrix: the review is its own moment ("Review actions" agenda item);
the room goes through each earlier action, and each status change is recorded with the session it
was said in (actions.set_action_status(session_id=this session)), so the history stays true.
Actions closed during this review stay listed, marked "✓ reviewed", until the session changes.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from facilitator import domain
from facilitator.analysis.follow_up import open_actions_before
from facilitator.operations import actions
from ui.document import Document
from ui.models.tools_models import ACTION_TABLES, CARRIED_COLUMNS, AnalysisSource, FigureModel, carried_rows, plural
from ui.plain_text import one_line
from ui.tools.common import CaptureLine, apply, button, heading, plain_label
from ui.tools.matrix_view import STATUS_KEYS
from ui.tools.tables import ToolTable

HINT = ("Keys in the list: O open · I in progress · D done · X dropped. Type a note first (Alt+Y) and "
        "it is kept with the change.")


def _carried(pf, session_id: int):
    return open_actions_before(pf, session_id, include_reviewed_here=True)


class CarriedForwardPanel(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.session_id: int | None = None
        self.source = AnalysisSource(document, ACTION_TABLES, _carried, self)
        self.model = FigureModel(self.source, carried_rows, CARRIED_COLUMNS, self)
        self.table = ToolTable(self.model, "Actions open from earlier sessions", max_column_width=210, parent=self)
        self.table.setAccessibleDescription(HINT)
        self.title = heading("Open from earlier sess&ions", buddy=self.table, parent=self)
        self.summary = plain_label(name="How many actions are carried forward", parent=self)
        self.history = plain_label(name="History of the selected action", parent=self)
        self.history.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                             | Qt.TextInteractionFlag.TextSelectableByMouse)

        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName("New status of the selected action")
        for key, text in domain.ACTION_STATUSES.items():
            self.status_combo.addItem(text, key)
        self.note_edit = CaptureLine(self)
        self.note_edit.setAccessibleName("Note with the status change")
        self.note_edit.setPlaceholderText("What happened since? (optional)")
        self.record_button = button("Record status", "Record the chosen status for the selected action, "
                                    "with the note, in this session (Enter in the note)", self.record_chosen, self)
        self.note_edit.submitted.connect(self.record_chosen)
        self.status_line = plain_label(name="Last status change", parent=self)

        row = QHBoxLayout()
        row.addWidget(plain_label("Chan&ge status to", name="Status label", wrap=False, buddy=self.status_combo,
                                  parent=self))
        row.addWidget(self.status_combo)
        row.addWidget(plain_label("Note for the histor&y", name="Note label", wrap=False, buddy=self.note_edit,
                                  parent=self))
        row.addWidget(self.note_edit, 1)
        row.addWidget(self.record_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.history, 1)
        layout.addLayout(row)
        layout.addWidget(self.status_line)
        layout.addWidget(plain_label(HINT, name="Keys for the review", parent=self))

        for key, status in STATUS_KEYS.items():
            self.table.bind_key([key], partial(self.record_status, status))
        self.table.selectionModel().currentChanged.connect(self._show_current)
        self.model.modelReset.connect(self._after_reset)
        self.model.dataChanged.connect(self._after_reset)
        self.model.dataChanged.connect(lambda *_: self.table.fit_columns())  # "✓ reviewed" needs room
        self._after_reset()

    def set_session(self, session_id: int | None) -> None:
        self.session_id = session_id
        self.status_line.setText("")
        self.source.set_key(session_id)

    # Showing -----------------------------------------------------------------------------------

    def _after_reset(self) -> None:
        count = sum(1 for r in self.model.rows if not r["reviewed_here"])
        if self.session_id is None:
            self.summary.setText("Choose a session to review the actions carried into it.")
        elif not self.model.rowCount():
            self.summary.setText("No actions are open from earlier sessions.")
        else:
            reviewed = self.model.rowCount() - count
            self.summary.setText(f"{plural(count, 'action')} still open from earlier sessions"
                                 + (f"; {reviewed} reviewed in this session" if reviewed else "") + ".")
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.select_cell(0, 0)
        self._show_current()

    def _show_current(self, *_args) -> None:
        row = self.model.row_dict(self.table.current_row())
        for widget in (self.status_combo, self.note_edit, self.record_button):
            widget.setEnabled(row is not None and not self.document.read_only)
        if row is None:
            self.history.setText("")
            return
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(row["status"])))
        lines = [f"“{one_line(row['text'], 160)}” (agreed in “{row['session_title']}”)"]
        lines += row["history"] or ["No status change recorded yet."]
        self.history.setText("\n".join(lines))

    # Recording ------------------------------------------------------------------------------------

    def record_chosen(self) -> None:
        self.record_status(self.status_combo.currentData())

    def record_status(self, status: str) -> None:
        row = self.model.row_dict(self.table.current_row())
        if row is None or self.session_id is None or self.document.read_only:
            return
        note = self.note_edit.text().strip()
        changes, message = apply(self.document, actions.set_action_status, action_id=row["id"], status=status,
                                 session_id=self.session_id, note=note)
        if changes is None:
            self.status_line.setText(message)
            return
        if not changes:
            self.status_line.setText(f"Already {domain.ACTION_STATUSES[status].lower()}: nothing changed.")
            return
        self.note_edit.clear_after_store()
        self.status_line.setText(f"“{one_line(row['text'], 50)}” is now {domain.ACTION_STATUSES[status].lower()}"
                                 " (recorded in this session). Ctrl+Z takes it back.")
