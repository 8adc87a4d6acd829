"""A planning list: table, buttons, and the form of the selected row, kept in step with the file.

Why one class: agenda items, organisations and participants are all planned the same way (add,
edit beside the list, delete with undo, reorder by keys or by dragging). The panel runs the
operations; the model refreshes from `document.changed`; the panel then puts the selection back on
the same row id, so an edit, a move or an undo never loses the person's place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from facilitator.changes import Changes
from ui.document import Document
from ui.plan.record_form import RecordForm, mnemonic_label, plain_label
from ui.plan.tables import RowTable

ADD_KEYS = "Ctrl+Shift+A"


@dataclass(frozen=True)
class ListOperations:
    """The core operations behind one list, and how to call them."""

    id_argument: str  # e.g. "agenda_item_id"
    add: Callable[[int], tuple[Callable[..., Changes], dict]]  # current row → (operation, kwargs)
    delete: Callable[..., Changes]
    move: Callable[..., Changes]
    describe: Callable[[dict], str]  # a row's name, for "Deleted “…”"


@dataclass(frozen=True)
class ListTexts:
    title: str  # with a &mnemonic: focuses the table
    table_name: str
    add: str
    delete: str
    noun: str  # "agenda item", for tooltips and descriptions
    plural: str = ""  # when not just noun + "s"

    @property
    def nouns(self) -> str:
        return self.plural or self.noun + "s"


class RowListPanel(QWidget):
    """The list side of a planning page (`form` is laid out by the page, beside or below)."""

    def __init__(self, document: Document, model, form: RecordForm, operations: ListOperations,
                 texts: ListTexts, *, stretch_column: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.model = model
        self.form = form
        self.ops = operations
        self.texts = texts
        self._current_id: int | None = None
        self._last_row = 0

        self.table = RowTable(model, texts.table_name, stretch_column=stretch_column, reorderable=True)
        self.table.setAccessibleDescription(
            f"Insert or {ADD_KEYS} adds, F2 or Enter edits, Delete deletes (Ctrl+Z brings it back), "
            "Ctrl+Up and Ctrl+Down move, or drag a row to a new place.")
        self.title_label = mnemonic_label(texts.title, self.table)
        self.title_label.setStyleSheet("font-weight: 600;")

        self.add_button = self._button(texts.add, f"Add a new {texts.noun} ({ADD_KEYS}, or Insert in the list)")
        self.delete_button = self._button(texts.delete, f"Delete the selected {texts.noun} (Delete). Ctrl+Z brings it back.")
        self.up_button = self._button("Move up", f"Move the selected {texts.noun} up (Ctrl+Up)")
        self.down_button = self._button("Move down", f"Move the selected {texts.noun} down (Ctrl+Down)")

        self.status_label = plain_label(name=f"Last change to the {texts.noun} list", wrap=True)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(6)
        self.layout_.addWidget(self.title_label)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addLayout(buttons)
        self.layout_.addWidget(self.status_label)

        self.add_button.clicked.connect(self.add)
        self.delete_button.clicked.connect(self.delete)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.table.insert_pressed.connect(self.add)
        self.table.delete_pressed.connect(self.delete)
        self.table.move_pressed.connect(self.move)
        self.table.edit_pressed.connect(lambda: self.form.focus_first(select_all=True))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        model.move_requested.connect(self.move_to)
        model.modelReset.connect(self._reselect)
        document.changed.connect(self._after_change)  # after the model's own refresh (connected earlier)
        self.set_read_only(document.read_only)
        self._reselect()

    def add_shortcut_on(self, page: QWidget) -> QShortcut:
        """Ctrl+Shift+A adds from anywhere on `page` (the list, or the form beside it)."""
        shortcut = QShortcut(QKeySequence(ADD_KEYS), page, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.add)
        return shortcut

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", ""))
        button.setToolTip(tip)  # our own text, never the user's
        button.setAccessibleDescription(tip)
        return button

    # Commands --------------------------------------------------------------------------------------

    def add(self) -> None:
        if self.document.read_only or not self.model.can_fetch():
            return
        self.form.flush()
        operation, kwargs = self.ops.add(self.table.current_row())
        changes = self.document.apply(operation, **kwargs)
        if changes is not None and changes.new_id is not None:
            self._current_id = changes.new_id
            self.table.select_id(changes.new_id)
            self.status_label.setText(f"New {self.texts.noun} added: type over its name, Tab to the next field.")
            self.form.focus_first(select_all=True)

    def delete(self) -> None:
        row = self.table.current_row()
        found = self.model.row_dict(row)
        if found is None or self.document.read_only:
            return
        self._last_row = row
        if self.document.apply(self.ops.delete, **{self.ops.id_argument: found["id"]}) is not None:
            self.status_label.setText(f"Deleted “{self.ops.describe(found)}”. Ctrl+Z brings it back.")

    def move(self, delta: int) -> None:
        row = self.table.current_row()
        if row < 0:
            return
        target = row + delta
        if 0 <= target < self.model.rowCount():
            self.move_to(self.model.id_at(row), target)

    def move_to(self, row_id: int, to_index: int) -> None:
        """Move a row (from the keys, the buttons or a drop); it stays selected."""
        if self.document.read_only:
            return
        self.form.flush()
        self._current_id = row_id
        if self.document.apply(self.ops.move, **{self.ops.id_argument: row_id, "to_index": to_index}) is not None:
            self.table.select_id(row_id)
            self.status_label.setText("")

    # Keeping the selection -------------------------------------------------------------------------

    def _current_changed(self, current, _previous) -> None:
        row = current.row() if current.isValid() else -1
        if row < 0:  # mid-reset: _reselect decides what to show, so typed text is not thrown away
            self._update_buttons()
            return
        row_id = self.model.id_at(row)
        if row_id != self.form.row_id:
            self.form.flush()  # the form still shows the old row: save it there first
        self._current_id, self._last_row = row_id, row
        self.form.bind(row_id, self.model.row_dict(row))
        self._update_buttons()

    def _reselect(self) -> None:
        """After a reset (reorder, undo, another session) put the selection back on the same row."""
        if not self.table.select_id(self._current_id):
            count = self.model.rowCount()
            if count:
                self.table.select_row(min(self._last_row, count - 1))
            else:
                self.form.bind(None, None)
        row = self.table.current_row()
        if row >= 0:  # the selection may not have moved (no signal), so remember it here too
            self._current_id, self._last_row = self.model.id_at(row), row
            self.form.bind(self._current_id, self.model.row_dict(row))
        self._update_buttons()

    def _after_change(self, changes: Changes) -> None:
        self.status_label.setText("")  # "Deleted … Ctrl+Z brings it back" is only true until the next change
        if self.table.current_row() < 0:
            self._reselect()
        row = self.table.current_row()
        if row >= 0:
            self.form.bind(self.model.id_at(row), self.model.row_dict(row))
        self._update_buttons()

    def _update_buttons(self) -> None:
        if self.model.rowCount() == 0 and self.model.can_fetch() and not self.status_label.text():
            self.status_label.setText(f"No {self.texts.nouns} yet: {ADD_KEYS} (or Insert in the list) adds one.")
        elif self.model.rowCount() and self.status_label.text().startswith("No "):
            self.status_label.setText("")
        row = self.table.current_row()
        writable = not self.document.read_only and self.model.can_fetch()
        self.add_button.setEnabled(writable)
        self.delete_button.setEnabled(writable and row >= 0)
        self.up_button.setEnabled(writable and row > 0)
        self.down_button.setEnabled(writable and 0 <= row < self.model.rowCount() - 1)

    def set_read_only(self, read_only: bool) -> None:
        self.form.set_read_only(read_only)
        self.table.setDragEnabled(not read_only)
        self._update_buttons()

    def reset_position(self) -> None:
        """Another session: start at its first row."""
        self._current_id, self._last_row = None, 0
        self.status_label.setText("")
        self._reselect()
