"""The values board: propose values, mark the ones the group agrees, order them, note why they matter.

It shows every value of the partnership (values carry over from session to session); new ones
are recorded against the session being run. "✓ Agreed" is written out, never shown by colour.
Keys in the list: Space agrees or un-agrees, Ctrl+Up/Down reorders, F2 rewords, Delete deletes.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.operations import values
from ui.document import Document
from ui.models.partnership_models import ValueModel
from ui.models.run_models import value_status
from ui.plain_text import LINE_MAX_LENGTH, editor_text
from ui.run.cards import CardDelegate


def _why(row: dict) -> str:
    return f"Why it matters: {row['why_notes']}" if row["why_notes"].strip() else ""


class NotesEdit(QPlainTextEdit):
    """'Why it matters' notes: saved when focus leaves, and after a pause in typing (a laptop can die)."""

    left = Signal()
    PAUSE_MS = 2000

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(self.PAUSE_MS)
        self._pause.timeout.connect(self.left)
        self.textChanged.connect(lambda: self.hasFocus() and self._pause.start())

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self._pause.stop()
        self.left.emit()


class ValuesList(QListView):
    leave_requested = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.leave_requested.emit()
            return
        super().keyPressEvent(event)


class ValuesBoard(QWidget):
    leave_requested = Signal()  # Escape in the list: back to the capture box

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.session_id: int | None = None
        self.model = ValueModel(document, self)
        self._notes_value_id: int | None = None
        self.rename_dialog: QInputDialog | None = None

        self.propose_box = QLineEdit(self)
        self.propose_box.setMaxLength(LINE_MAX_LENGTH)
        self.propose_box.setPlaceholderText("Propose a value and press Enter")
        self.propose_box.setAccessibleName("Propose a value")
        self.propose_box.returnPressed.connect(self.propose)

        self.list = ValuesList(self)
        self.list.setModel(self.model)
        self.list.setAccessibleName("Values")
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setItemDelegate(CardDelegate(self.list, heading=value_status, body=lambda r: r["text"],
                                               note=_why, body_scale=1.1, max_body_lines=6))
        self.list.leave_requested.connect(self.leave_requested)

        self.agree_button = self._button("✓ Agree", "Agree or un-agree the selected value (Space)", self.toggle_agreed)
        self.up_button = self._button("▲ Up", "Move the selected value up (Ctrl+Up)", lambda: self.move_current(-1))
        self.down_button = self._button("▼ Down", "Move the selected value down (Ctrl+Down)",
                                        lambda: self.move_current(+1))
        self.delete_button = self._button("Delete", "Delete the selected value (Delete)", self.delete_current)
        self.agree_action = self._action("Agree / un-agree", "Space", self.toggle_agreed)
        self._action("Move up", "Ctrl+Up", lambda: self.move_current(-1))
        self._action("Move down", "Ctrl+Down", lambda: self.move_current(+1))
        self._action("Reword…", "F2", self.reword_current)
        self._action("Delete", "Delete", self.delete_current)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.notes_label = QLabel("Why it matters (selected value)", self)
        self.notes_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notes = NotesEdit(self)
        self.notes.setAccessibleName("Why it matters")
        self.notes.setPlaceholderText("Why this value matters to the group…")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(110)
        self.notes_label.setBuddy(self.notes)
        self.notes.left.connect(self.save_notes)

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for button in (self.agree_button, self.up_button, self.down_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.propose_box)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.notes)

        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.model.dataChanged.connect(self._model_changed)
        self.model.modelReset.connect(self._model_changed)
        self._current_changed()

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(tip.split(" (")[0])
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _action(self, text: str, keys: str, slot) -> QAction:
        action = QAction(text, self.list)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.list.addAction(action)
        return action

    def set_session(self, session_id: int | None) -> None:
        self.session_id = session_id

    # Current value --------------------------------------------------------------------------------

    def current_row(self) -> dict | None:
        index = self.list.currentIndex()
        return self.model.row_dict(index.row()) if index.isValid() else None

    def select_id(self, value_id: int | None) -> None:
        row = self.model.row_of_id(value_id)
        if row >= 0:
            index = self.model.index(row, 0)
            self.list.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.list.scrollTo(index)

    def _current_changed(self, *_) -> None:
        self.save_notes()
        row = self.current_row()
        self._notes_value_id = row["id"] if row else None
        self.notes.setPlainText(row["why_notes"] if row else "")
        self.notes.setEnabled(row is not None)
        for button in (self.agree_button, self.up_button, self.down_button, self.delete_button):
            button.setEnabled(row is not None)
        self.agree_button.setText("Un-agree" if row and row["status"] == "agreed" else "✓ Agree")

    def _model_changed(self, *_) -> None:
        """Undo or another window changed a value: show it, unless the notes are being typed."""
        row = self.model.row_dict(self.model.row_of_id(self._notes_value_id))
        if row is None:
            self._notes_value_id = None
            self.notes.setPlainText("")
            self.notes.setEnabled(False)
        elif not self.notes.hasFocus() and editor_text(self.notes) != row["why_notes"]:
            self.notes.setPlainText(row["why_notes"])
        current = self.current_row()
        self.agree_button.setText("Un-agree" if current and current["status"] == "agreed" else "✓ Agree")

    # Operations -----------------------------------------------------------------------------------

    def propose(self) -> None:
        text = self.propose_box.text()
        if not text.strip():
            return
        changes = self.document.apply(values.add_value, text=text, session_id=self.session_id)
        if changes is not None:
            self.propose_box.setText("")
            self.select_id(changes.new_id)

    def toggle_agreed(self) -> None:
        row = self.current_row()
        if row is not None:
            self.document.apply(values.agree_value, value_id=row["id"], agreed=row["status"] != "agreed")

    def move_current(self, step: int) -> None:
        row = self.current_row()
        index = self.list.currentIndex().row()
        if row is None or not 0 <= index + step < self.model.rowCount():
            return
        self.document.apply(values.move_value, value_id=row["id"], to_index=index + step)
        self.select_id(row["id"])

    def delete_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        index = self.list.currentIndex().row()
        self.document.apply(values.delete_value, value_id=row["id"])
        if self.model.rowCount():
            self.select_id(self.model.id_at(min(index, self.model.rowCount() - 1)))

    def reword_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        dialog = self.rename_dialog = QInputDialog(self)
        dialog.setWindowTitle("Reword value")
        dialog.setLabelText("Value")
        dialog.setTextValue(row["text"])
        dialog.textValueSelected.connect(lambda text: self._reword(row["id"], text))
        dialog.open()

    def _reword(self, value_id: int, text: str) -> None:
        self.document.apply(values.update_value, value_id=value_id, text=text)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_notes(self) -> None:
        row = self.model.row_dict(self.model.row_of_id(self._notes_value_id))
        if row is None:
            return
        text = editor_text(self.notes)
        if text != row["why_notes"]:
            self.document.apply(values.update_value, value_id=row["id"], why_notes=text)
