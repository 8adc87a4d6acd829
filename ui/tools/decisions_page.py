"""The Decisions tab: what the partnership decided, how, how strongly, and with what status.

Left, the decisions of this session (or of the whole series) as cards: the decision in large type,
with method, status, agreement and influence in words above it. Right, the form: compose a new
decision, or edit the one chosen in the list. Keys in the list: Enter or F2 edits in the form,
Delete deletes (Ctrl+Z brings it back), Ctrl+Up/Down reorders within a session, Escape goes back
to composing a new decision.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QListView, QVBoxLayout, QWidget

from facilitator.operations import decisions
from ui.document import Document
from ui.models.tools_models import DecisionModel, decision_heading, decision_note, plural
from ui.plain_text import one_line
from ui.run.cards import CardDelegate
from ui.tools.common import ShareSplitter, apply, heading, plain_label
from ui.tools.decision_form import DecisionForm

SESSION, SERIES = "session", "series"
ADD_KEYS = "Ctrl+Shift+A"
LIST_HINT = "Enter edits · Delete deletes (Ctrl+Z brings it back) · Ctrl+Up/Down reorders · Esc: new decision"


class DecisionList(QListView):
    """Decisions as cards; announces the keyboard verbs, the page runs them."""

    edit_pressed = Signal()
    delete_pressed = Signal()
    move_pressed = Signal(int)
    leave_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and not mods:
            self.edit_pressed.emit()
        elif key == Qt.Key.Key_Delete and not mods:
            self.delete_pressed.emit()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and mods == Qt.KeyboardModifier.ControlModifier:
            self.move_pressed.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif key == Qt.Key.Key_Escape and not mods:
            self.leave_pressed.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class DecisionsPage(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Decisions")
        self.setStyleSheet("QGroupBox { font-weight: 600; }")  # the form's title reads as a heading
        self.document = document
        self.session_id: int | None = None
        self.model = DecisionModel(document, self)

        self.list = DecisionList(self)
        self.list.setModel(self.model)
        self.list.setAccessibleName("Decisions")
        self.list.setAccessibleDescription(LIST_HINT)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setWordWrap(True)
        self.list.setItemDelegate(CardDelegate(self.list, heading=decision_heading, body=lambda r: r["text"],
                                               note=lambda r: decision_note(r, series=self.series),
                                               body_scale=1.1, max_body_lines=8))
        self.scope_combo = QComboBox(self)
        self.scope_combo.setAccessibleName("Which decisions to list")
        self.scope_combo.addItem("This session", SESSION)
        self.scope_combo.addItem("All sessions", SERIES)
        self.count_label = plain_label(name="How many decisions", parent=self)
        self.status_label = plain_label(name="Last change to the decisions list", parent=self)
        self.form = DecisionForm(document, self)

        left = QWidget(self)
        top = QHBoxLayout()
        top.addWidget(heading("&List", buddy=self.list, parent=left))
        top.addStretch(1)
        top.addWidget(plain_label("Sho&w", name="Scope label", wrap=False, buddy=self.scope_combo, parent=left))
        top.addWidget(self.scope_combo)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.status_label)
        left_layout.addWidget(plain_label(LIST_HINT, name="Keys for the decisions list", parent=left))

        self.splitter = ShareSplitter((0.55, 0.45), self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.form)
        self.form.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addWidget(self.splitter)

        self.scope_combo.currentIndexChanged.connect(lambda _i: self._update_scope())
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.list.edit_pressed.connect(lambda: self.form.focus_first())
        self.list.delete_pressed.connect(self.delete_current)
        self.list.move_pressed.connect(self.move_current)
        self.list.leave_pressed.connect(self.compose)
        self.form.recorded.connect(self._recorded)
        self.model.modelReset.connect(self._after_reset)
        self.model.rowsInserted.connect(lambda *_: self._update_count())
        self.model.dataChanged.connect(self._rebind)
        QShortcut(QKeySequence(ADD_KEYS), self, self.compose, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.set_session(None)

    @property
    def series(self) -> bool:
        return self.scope_combo.currentData() == SERIES

    # Contract with the main window ------------------------------------------------------------------

    def set_session(self, session_id: int | None) -> None:
        self.form.flush()
        self.session_id = session_id
        self.form.set_session(session_id)
        self._update_scope()

    def _update_scope(self) -> None:
        self.form.flush()
        active = not self.document.pf.closed and (self.series or self.session_id is not None)
        self.model.set_scope(None if self.series else self.session_id, active=active)

    # The list ---------------------------------------------------------------------------------------

    def current_row(self) -> dict | None:
        index = self.list.currentIndex()
        selected = index.isValid() and self.list.selectionModel().isSelected(index)
        return self.model.row_dict(index.row()) if selected else None

    def _current_changed(self, *_args) -> None:
        self.form.flush()
        self.form.edit_row(self.current_row())

    def _rebind(self, *_args) -> None:
        row = self.current_row()
        if row is not None and row["id"] == self.form.row_id:
            self.form.edit_row(row)

    def _after_reset(self) -> None:
        if self.form.row_id is not None:
            row = self.model.row_of_id(self.form.row_id)
            if row >= 0:
                self.list.selectionModel().setCurrentIndex(self.model.index(row, 0),
                                                           QItemSelectionModel.SelectionFlag.ClearAndSelect)
            else:
                self.form.compose()
        self._update_count()

    def _update_count(self) -> None:
        count = self.model.rowCount()
        where = "in the whole series" if self.series else "in this session"
        if not self.model.active:
            self.count_label.setText("Choose a session to record its decisions.")
        else:
            self.count_label.setText(f"{plural(count, 'decision')} {where}" if count else f"No decisions {where} yet.")

    def compose(self) -> None:
        self.form.flush()
        self.list.selectionModel().clearSelection()
        self.form.compose()
        self.form.text.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _recorded(self, decision_id: int) -> None:
        row = self.model.row_of_id(decision_id)
        if row >= 0:
            self.list.scrollTo(self.model.index(row, 0))

    def delete_current(self) -> None:
        row = self.current_row()
        if row is None or self.document.read_only:
            return
        changes, message = apply(self.document, decisions.delete_decision, decision_id=row["id"])
        self.status_label.setText(f"Deleted “{one_line(row['text'], 50)}”. Ctrl+Z brings it back."
                                  if changes is not None else message)

    def move_current(self, delta: int) -> None:
        row = self.current_row()
        if row is None or self.document.read_only:
            return
        siblings = [r["id"] for r in self.model.rows if r["session_id"] == row["session_id"]]
        target = siblings.index(row["id"]) + delta
        if 0 <= target < len(siblings):
            changes, message = apply(self.document, decisions.move_decision, decision_id=row["id"], to_index=target)
            self.status_label.setText("" if changes is not None else message)
