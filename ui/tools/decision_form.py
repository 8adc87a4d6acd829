"""The decision form: record a new decision from the keyboard, or edit the one chosen in the list.

Two modes, one form. With no decision chosen it composes a new one: type what was decided, Tab
through how, how strongly and with what status, and Enter in the text (or the Record button)
stores it in one undoable step. With a decision chosen, each field saves itself when you leave
it (RecordForm), like every planning form: there is no Save button to forget.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFormLayout, QGridLayout, QHBoxLayout, QSpinBox, QVBoxLayout, QWidget

from facilitator import domain
from facilitator.operations import decisions
from ui.document import Document
from ui.plain_text import one_line
from ui.plan.fields import ChoiceField, Field, LineField, TextField
from ui.plan.record_form import RecordForm
from ui.tools.common import ENTER, apply, button, plain_label

COMPOSE_TITLE = "New decision"
EDIT_TITLE = "Decision (changes save as you make them)"
TEXT_HINT = "Enter records it (Shift+Enter for a new line)"


class CountBox(QSpinBox):
    """A count that is typed over, however the box was reached (a click, Tab or Alt+C)."""

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        QTimer.singleShot(0, self, self.selectAll)


class CountsField(Field):
    """How many people stood at each gradient of agreement: one small number box per level."""

    def __init__(self, key: str, label: str):
        box = QWidget()
        super().__init__(key, box, label)
        self.spins: dict[str, CountBox] = {}
        self._dirty = False
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        levels = list(domain.AGREEMENT_LEVELS.items())
        half = (len(levels) + 1) // 2
        for index, (level, text) in enumerate(levels):
            spin = CountBox(box)
            spin.setRange(0, 999)
            spin.setAccessibleName(f"{text}: how many")
            spin.valueChanged.connect(self._changed)
            spin.editingFinished.connect(self._finished)
            row, column = index % half, (index // half) * 2
            grid.addWidget(spin, row, column)
            grid.addWidget(plain_label(f"{index + 1}. {text}", name=f"{text} label", wrap=True, buddy=spin), row,
                           column + 1)
            self.spins[level] = spin
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    def _changed(self) -> None:
        self._dirty = True
        if not any(spin.hasFocus() for spin in self.spins.values()):
            self._finished()  # arrows clicked or wheel turned without focus: save now

    def value(self) -> dict[str, int]:
        return {level: spin.value() for level, spin in self.spins.items() if spin.value()}

    def _show(self, value: Any) -> None:
        counts = value if isinstance(value, dict) else {}
        for level, spin in self.spins.items():
            with QSignalBlocker(spin):
                spin.setValue(int(counts.get(level, 0)))

    def dirty(self) -> bool:
        return self._dirty

    def mark_clean(self) -> None:
        self._dirty = False

    def set_read_only(self, read_only: bool) -> None:
        for spin in self.spins.values():
            spin.setReadOnly(read_only)


class _EnterFilter(QObject):
    """Enter in the decision text records (compose) or saves (edit); Shift+Enter is a new line."""

    def __init__(self, form: "DecisionForm"):
        super().__init__(form)
        self.form = form

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in ENTER:
            if not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.form.enter_pressed()
                return True
        return False


class DecisionForm(RecordForm):
    recorded = Signal(int)  # a new decision's id

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(document, COMPOSE_TITLE, update=decisions.update_decision, id_argument="decision_id",
                         parent=parent)
        self.session_id: int | None = None
        self._draft: dict | None = None  # a new decision put aside to look at another one
        self.text = self.add(TextField("text", "Decision text", lines=3, placeholder=f"What was decided? {TEXT_HINT}"))
        self.method = self.add(ChoiceField("method", "Decision method", list(domain.DECISION_METHODS.items())))
        self.level = self.add(ChoiceField("agreement_level", "Group's level of agreement",
                                          [(None, "Not recorded")] + list(domain.AGREEMENT_LEVELS.items())))
        self.counts = self.add(CountsField("agreement_counts", "Agreement: how many at each level"))
        self.status = self.add(ChoiceField("status", "Decision status", list(domain.DECISION_STATUSES.items())))
        self.body = self.add(LineField("status_body", "Named body the recommendation goes to",
                                       placeholder="For a recommendation: e.g. LSP Board"), self._check_body)
        self.influence = self.add(ChoiceField("influence", "Within the partnership's influence?",
                                              [(None, "Not said")] + list(domain.INFLUENCE.items())))
        self.text.edit.installEventFilter(_EnterFilter(self))
        self.body.edit.returnPressed.connect(self.enter_pressed)
        self.text.edit.setAccessibleDescription(TEXT_HINT)
        for field in (self.method, self.level, self.status, self.influence):
            field.combo.setMinimumContentsLength(24)

        self.record_button = button("Record decision", "Store this decision (Enter in the decision text)",
                                    self.record, self)
        self.new_button = button("&New decision", "Clear the form to record another decision (Ctrl+Shift+A)",
                                 self.compose, self)
        self.message = plain_label(name="What happened to this decision", parent=self)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        first_count = next(iter(self.counts.spins.values()))
        for text, field, buddy in (("Decision te&xt", self.text, None), ("&Method", self.method, None),
                                   ("A&greement", self.level, None), ("&Counts", self.counts, first_count),
                                   ("S&tatus", self.status, None), ("Named &body", self.body, None),
                                   ("&Influence", self.influence, None)):
            label = plain_label(text, name=f"{field.widget.accessibleName()} label", wrap=False,
                                buddy=buddy or field.widget)
            form.addRow(label, field.widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.compose()

    # Modes ----------------------------------------------------------------------------------------

    @property
    def composing(self) -> bool:
        return self.row_id is None

    def set_session(self, session_id: int | None) -> None:
        self.session_id = session_id
        if self.composing:
            self.compose(keep_text=True)

    def compose(self, *, keep_text: bool = False) -> None:
        """Show the form for a new decision.

        Nothing typed is lost: a new decision left unfinished to look at another one comes back
        here, and with `keep_text` (only the session changed) what is on the form stays.
        """
        draft = self.values() if keep_text and self.composing else self._draft
        self._draft = None
        self.bind(None, None)
        for field in self.fields if draft else ():
            field.show(draft[field.key])
        self.message.setText("Your unfinished decision is back: Enter records it." if draft and not keep_text
                             and draft["text"].strip() else "")

    def after_show(self) -> None:
        composing = self.composing
        self.setTitle(COMPOSE_TITLE if composing else EDIT_TITLE)
        self.record_button.setVisible(composing)
        self.new_button.setVisible(not composing)
        self.setEnabled(not self.document.pf.closed and (not composing or self.session_id is not None))

    def edit_row(self, row: dict | None) -> None:
        """Show a decision from the list (its counts parsed), or None to compose again."""
        if row is None:
            if not self.composing:
                self.compose()
            return
        draft = self.values() if self.composing and self.text.value().strip() else None
        self._draft = draft or self._draft
        self.bind(row["id"], {**row, "agreement_counts": dict(row["counts"])})
        self.message.setText("Your new decision is kept: Esc in the list or New decision brings it back."
                             if self._draft else "")

    def enter_pressed(self) -> None:
        if self.composing:
            self.record()
        else:
            self.flush()

    # Recording ------------------------------------------------------------------------------------

    def _check_body(self, value: str) -> str | None:
        if self.status.value() == "recommendation" and not value.strip():
            return "Name the body the recommendation goes to (for example: LSP Board)."
        return None

    def values(self) -> dict:
        return {field.key: field.value() for field in self.fields}

    def record(self) -> int | None:
        if not self.composing or self.session_id is None or self.document.read_only:
            return None
        values = self.values()
        if not values["text"].strip():
            self.message.setText("Type what was decided first.")
            self.text.edit.setFocus()
            return None
        problem = self._check_body(values["status_body"])
        if problem:
            self.body.set_invalid(problem)
            self._show_error()
            self.body.edit.setFocus()
            return None
        changes, message = apply(self.document, decisions.add_decision, session_id=self.session_id, **values)
        if changes is None:
            self.message.setText(f"Not recorded: {message}")
            return None
        self.compose()
        self.message.setText(f"Recorded “{one_line(values['text'], 60)}”. Ctrl+Z takes it back.")
        self.text.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.recorded.emit(changes.new_id)
        return changes.new_id
