"""Who is invited to the current session and who came: a register taken from the keyboard.

Select a person and press P (present), A (apologies), I (invited), X (invited but absent) or
N (not invited); the selection then moves to the next person, like calling a register. Several
people can be selected (Ctrl+A for everyone) and set at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from facilitator import queries
from facilitator.changes import Changes
from facilitator.operations import sessions
from ui.document import Document
from ui.models.partnership_models import AttendanceModel
from ui.models.plan_models import attendance_summary
from ui.plan.record_form import mnemonic_label, plain_label
from ui.plan.tables import RowTable

# key → (status stored, button text). None takes the person off the session's list.
STATUS_KEYS = {
    Qt.Key.Key_P: ("present", "Present"),
    Qt.Key.Key_A: ("apologies", "Apologies"),
    Qt.Key.Key_I: ("invited", "Invited"),
    Qt.Key.Key_X: ("absent", "Invited but absent"),
    Qt.Key.Key_N: (None, "Not invited"),
}
KEY_LETTERS = {Qt.Key.Key_P: "P", Qt.Key.Key_A: "A", Qt.Key.Key_I: "I", Qt.Key.Key_X: "X", Qt.Key.Key_N: "N"}
HINT = ("Keys: P present · A apologies · I invited · X invited but absent · N not invited. "
        "The next person is selected after each key; Ctrl+A selects everyone.")


class AttendanceTable(RowTable):
    """The register: single-letter keys set the selected people's status."""

    status_pressed = Signal(object)  # a status key, or None for "not invited"

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in STATUS_KEYS and mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            self.status_pressed.emit(STATUS_KEYS[event.key()][0])
            event.accept()
            return
        super().keyPressEvent(event)


class AttendancePage(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.session_id: int | None = None
        self.model = AttendanceModel(document)
        self.table = AttendanceTable(self.model, "Attendance register", stretch_column=3)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAccessibleDescription(HINT)
        self.heading = plain_label(name="Session of this register", wrap=True)
        self.heading.setStyleSheet("font-weight: 600;")
        self.table_label = mnemonic_label("Regis&ter", self.table)
        self.hint = plain_label(HINT, name="Keys for the register", wrap=True)
        self.summary = plain_label(name="Attendance summary", wrap=True)
        self.summary.setStyleSheet("font-weight: 600;")

        self.buttons: dict[object, QPushButton] = {}
        row = QHBoxLayout()
        row.setSpacing(8)
        for key, (status, text) in STATUS_KEYS.items():
            button = QPushButton(f"{text} ({KEY_LETTERS[key]})")
            button.setAccessibleName(f"Mark as {text.lower()}")
            button.setToolTip(f"Mark the selected people: {text.lower()} (key {KEY_LETTERS[key]} in the register)")
            button.clicked.connect(lambda _=False, s=status: self.set_status(s))
            row.addWidget(button)
            self.buttons[status] = button
        row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.table_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.hint)
        layout.addLayout(row)

        self.table.status_pressed.connect(self.set_status)
        document.changed.connect(self._after_change)
        for signal in (self.model.modelReset, self.model.dataChanged, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._update_summary)

    def set_session(self, session_id: int | None) -> None:
        self.session_id = session_id
        self.model.set_session(session_id)
        self._update_heading()
        if self.model.rowCount():
            self.table.select_row(0)
        enabled = session_id is not None and not self.document.read_only
        for button in self.buttons.values():
            button.setEnabled(enabled)

    def set_status(self, status: str | None) -> None:
        """Set the status of every selected person; with one selected, move on to the next."""
        if self.session_id is None or self.document.read_only:
            return
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows:
            return
        for row in rows:
            participant = self.model.id_at(row)
            if self.model.row_dict(row)["status"] != status:
                if self.document.apply(sessions.set_attendance, session_id=self.session_id,
                                       participant_id=participant, status=status) is None:
                    return
        if len(rows) == 1 and rows[0] + 1 < self.model.rowCount():
            self.table.select_row(rows[0] + 1)

    def _after_change(self, changes: Changes) -> None:
        if changes.touches("session"):
            self._update_heading()

    def _update_heading(self) -> None:
        session = None
        if self.session_id is not None and not self.document.pf.closed:
            session = queries.session(self.document.pf, self.session_id)
        if session is None:
            self.heading.setText("No session is chosen: choose or add one to take its register.")
        else:
            when = f", {session['date']}" if session["date"] else ""
            self.heading.setText(f"Attendance at “{session['title']}”{when}")
        self._update_summary()

    def _update_summary(self, *_args) -> None:
        rows = self.model.rows
        if self.session_id is None:
            self.summary.setText("")
        elif not rows:
            self.summary.setText("Nobody is in the partnership yet: add people on the People page.")
        else:
            self.summary.setText(attendance_summary(rows))
        self.summary.setAccessibleDescription(self.summary.text())

