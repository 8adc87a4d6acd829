"""The Health check tab: the group (or one organisation at a time) rates each prompt from the keyboard.

Choose who the rating is for (the whole group, or an organisation), select a prompt and press a
number: 1 red, 2 amber, 3 green on the red/amber/green scale, or 1 to 5. The selection then moves
to the next prompt, like calling a register. 0 or Delete clears a rating; N (or Enter) goes to the
note, and Enter in the note saves it and comes back. Ratings always show in words with a shape
("▲ Amber"), never by colour alone. The previous session's result sits beside each prompt.
The projector's Health check view shows the prompt chosen here (`prompt_selected`); after a
rating it keeps the rated prompt up, so the room sees the result, until another prompt is chosen
or clicked (or the projector's page keys move it on).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QVBoxLayout, QWidget

from facilitator import domain, queries
from facilitator.changes import Changes
from facilitator.operations import health
from ui.document import Document
from ui.models.partnership_models import OrganisationModel
from ui.models.tools_models import (
    HEALTH_TABLES,
    PROMPT_COLUMNS,
    PROMPT_TEXT_COLUMN,
    AnalysisSource,
    FigureModel,
    health_and_trend,
    prompt_rows,
    rating_tint,
)
from ui.tools.common import CaptureLine, ShareSplitter, apply, heading, plain_label
from ui.tools.health_breakdown import HealthBreakdown
from ui.tools.health_prompts import PromptTools, StartCheck
from ui.tools.tables import PaddedDelegate, ToolTable

NUMBER_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 6)}
CLEAR_KEYS = (Qt.Key.Key_0, Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
WHOLE_GROUP = "Whole group"
HINTS = {
    "rag": "Keys: 1 ✖ Red · 2 ▲ Amber · 3 ✔ Green · 0 or Delete clears · N or Enter: note · F2 rewords · "
           "Ctrl+Up/Down moves · Ctrl+Delete deletes the prompt",
    "five": "Keys: 1 to 5 rate (5 is best) · 0 or Delete clears · N or Enter: note · F2 rewords · "
            "Ctrl+Up/Down moves · Ctrl+Delete deletes the prompt",
}


class HealthCheckPage(QWidget):
    prompt_selected = Signal(int)  # the prompt chosen (or just rated): the projector shows it

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Health check")
        self.document = document
        self.session_id: int | None = None
        self.check_id: int | None = None
        self.rater: int | None = None  # None: the whole group
        self._note_prompt: int | None = None
        self.organisations = OrganisationModel(document, self)
        self.source = AnalysisSource(document, HEALTH_TABLES, health_and_trend, self)
        self.model = FigureModel(self.source, lambda v: prompt_rows(v, self.rater), PROMPT_COLUMNS, self,
                                 editable_columns=frozenset({PROMPT_TEXT_COLUMN}), tint=rating_tint)
        self.table = ToolTable(self.model, "Health check prompts", stretch_column=PROMPT_TEXT_COLUMN, parent=self)
        self.table.setWordWrap(True)  # a prompt reads whole, over two or three lines
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setItemDelegate(PaddedDelegate(self.table))

        self._build_controls()
        self.start = StartCheck(document, self)
        self.prompt_tools = PromptTools(document, self._current_prompt, self)
        self.breakdown = HealthBreakdown(self.source, self)
        self._layout()
        self._connect()
        self.set_session(None)

    # Building -------------------------------------------------------------------------------------

    def _build_controls(self) -> None:
        self.check_combo = QComboBox(self)
        self.check_combo.setAccessibleName("Health check of this session")
        self.scale_combo = QComboBox(self)
        self.scale_combo.setAccessibleName("Rating scale")
        for key, text in domain.HEALTH_SCALES.items():
            self.scale_combo.addItem(text, key)
        self.rater_combo = QComboBox(self)
        self.rater_combo.setAccessibleName("Rating for")
        self.rater_combo.setMinimumContentsLength(28)
        self.rater_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.note_edit = CaptureLine(self)
        self.note_edit.setAccessibleName("Note for the chosen prompt")
        self.note_edit.setPlaceholderText("Why this rating? Enter saves the note")
        self.hint = plain_label(HINTS["rag"], name="Keys for rating", parent=self)
        self.status = plain_label(name="Last rating", parent=self)
        self.title = heading("Pro&mpts", buddy=self.table, parent=self)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(plain_label("&Check", name="Check label", wrap=False, buddy=self.check_combo, parent=self))
        top.addWidget(self.check_combo, 1)
        top.addWidget(plain_label("Sca&le", name="Scale label", wrap=False, buddy=self.scale_combo, parent=self))
        top.addWidget(self.scale_combo)
        top.addWidget(plain_label("Rating f&or", name="Rater label", wrap=False, buddy=self.rater_combo, parent=self))
        top.addWidget(self.rater_combo)
        note = QHBoxLayout()
        note.addWidget(plain_label("&Note", name="Note label", wrap=False, buddy=self.note_edit, parent=self))
        note.addWidget(self.note_edit, 1)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(4)
        left_layout.addWidget(self.title)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.hint)
        left_layout.addLayout(note)
        left_layout.addWidget(self.status)
        left_layout.addSpacing(4)
        left_layout.addWidget(self.prompt_tools)
        self.splitter = ShareSplitter((0.66, 0.34), self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.breakdown)
        self.breakdown.setMinimumWidth(340)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.start)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        for key, number in NUMBER_KEYS.items():
            self.table.bind_key([key], partial(self.rate_current, number))
        for key in CLEAR_KEYS:
            self.table.bind_key([key], partial(self.rate_current, None))
        self.table.bind_key([Qt.Key.Key_N, Qt.Key.Key_Return, Qt.Key.Key_Enter], self.focus_note)
        self.table.bind_key([Qt.Key.Key_Up], partial(self.prompt_tools.move, -1), Qt.KeyboardModifier.ControlModifier)
        self.table.bind_key([Qt.Key.Key_Down], partial(self.prompt_tools.move, 1), Qt.KeyboardModifier.ControlModifier)
        self.table.bind_key([Qt.Key.Key_Delete], self.prompt_tools.delete, Qt.KeyboardModifier.ControlModifier)
        self.table.bind_key([Qt.Key.Key_Insert], lambda: self.prompt_tools.new_prompt_edit.setFocus())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.clicked.connect(lambda _index: self._announce_current())  # again, after a rating moved on
        self.model.modelReset.connect(self._after_reset)
        self.model.dataChanged.connect(lambda *_: self._show_current())
        self.model.edited.connect(self._reworded)
        self.note_edit.submitted.connect(self.submit_note)
        self.note_edit.editingFinished.connect(self.save_note)  # leaving the note saves it too
        self.check_combo.activated.connect(lambda _i: self._choose_check(self.check_combo.currentData()))
        self.scale_combo.activated.connect(lambda _i: self._change_scale())
        self.rater_combo.activated.connect(lambda _i: self.set_rater(self.rater_combo.currentData()))
        self.organisations.modelReset.connect(self._fill_raters)
        self.organisations.dataChanged.connect(self._fill_raters)
        self.organisations.rowsInserted.connect(self._fill_raters)
        self.start.added.connect(self._choose_check)
        self.document.changed.connect(self._after_change)
        self._fill_raters()

    # Contract with the main window ------------------------------------------------------------------

    def set_session(self, session_id: int | None) -> None:
        self.save_note()
        self.session_id = session_id
        self.start.session_id = session_id
        self.check_id = None
        self._fill_checks()

    def _checks(self) -> list[dict]:
        if self.session_id is None or self.document.pf.closed:
            return []
        return queries.health_checks(self.document.pf, self.session_id)

    def _fill_checks(self) -> None:
        checks = self._checks()
        self.check_combo.clear()
        for check in checks:
            self.check_combo.addItem(check["title"], check["id"])  # plain text in a combo
        ids = [c["id"] for c in checks]
        self._choose_check(self.check_id if self.check_id in ids else (ids[0] if ids else None))

    def _choose_check(self, check_id: int | None) -> None:
        self.save_note()
        self.check_id = check_id
        index = self.check_combo.findData(check_id)
        if index < 0 and check_id is not None:
            self._fill_checks()
            return
        self.check_combo.setCurrentIndex(index)
        checks = {c["id"]: c for c in self._checks()}
        scale = checks[check_id]["scale"] if check_id in checks else "rag"
        self.scale_combo.setCurrentIndex(max(0, self.scale_combo.findData(scale)))
        self.hint.setText(HINTS.get(scale, HINTS["rag"]))
        has_check = check_id is not None
        self.start.setVisible(self.session_id is not None and not checks)
        writable = has_check and not self.document.read_only
        self.table.setEnabled(has_check)
        for widget in (self.check_combo, self.scale_combo, self.rater_combo, self.note_edit):
            widget.setEnabled(writable)
        self.prompt_tools.set_check(check_id)
        self.source.set_key(check_id)
        if self.session_id is None:
            self.status.setText("Choose a session to run its health check.")
        elif not has_check:
            self.status.setText("Add a health check from a template above to start rating.")
        else:
            self.status.setText("")

    def _after_change(self, changes: Changes) -> None:
        if changes.touches("health_check") and not self.document.pf.closed:
            self._fill_checks()

    # Raters ---------------------------------------------------------------------------------------

    def _fill_raters(self, *_args) -> None:
        self.rater_combo.clear()
        self.rater_combo.addItem(WHOLE_GROUP, None)
        for row in self.organisations.rows:
            self.rater_combo.addItem(row["name"], row["id"])
        index = self.rater_combo.findData(self.rater)
        if index < 0:
            self.rater = None
            index = 0
        self.rater_combo.setCurrentIndex(index)

    def set_rater(self, organisation_id: int | None) -> None:
        """Rate for the whole group (None) or for one organisation; the table shows that rater's view."""
        self.save_note()
        self.rater = organisation_id
        self.rater_combo.setCurrentIndex(max(0, self.rater_combo.findData(organisation_id)))
        self.model.resync()
        self._show_current()

    def rater_name(self) -> str:
        return self.rater_combo.currentText() if self.rater is not None else WHOLE_GROUP

    # Rating ---------------------------------------------------------------------------------------

    def _current_prompt(self) -> tuple[int | None, int, int]:
        row = self.table.current_row()
        return self.model.id_at(row), row, self.model.rowCount()

    def rate_current(self, rating: int | None) -> None:
        if self.document.read_only:
            return
        self.save_note()  # first, so the rating below keeps a note typed but not yet saved
        found = self.model.row_dict(self.table.current_row())
        if found is None:
            return
        changes, message = apply(self.document, health.rate_health_prompt, health_prompt_id=found["id"], rating=rating,
                                 note=found["note"], organisation_id=self.rater)
        if changes is None:
            self.status.setText(message)
            return
        row = self.model.row_of_id(found["id"])
        words = self.model.row_dict(row)["rating_text"] if row >= 0 else ""
        self.status.setText(f"{self.rater_name()}: {words or 'rating cleared'} for prompt {found['number']}. "
                            "Ctrl+Z takes it back.")
        if rating is not None and 0 <= row < self.model.rowCount() - 1:
            self.table.select_cell(row + 1, self.table.currentIndex().column())
        self.prompt_selected.emit(found["id"])  # the room sees the rating given, not the next prompt yet

    def focus_note(self) -> None:
        if self.note_edit.isEnabled() and self.model.row_dict(self.table.current_row()) is not None:
            self.note_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.note_edit.selectAll()

    def save_note(self) -> None:
        """Save the note typed for the prompt it was typed for (even if the selection has moved on)."""
        prompt_id = self._note_prompt
        if prompt_id is None or not self.note_edit.isModified() or self.document.pf.closed:
            return
        found = self.model.row_dict(self.model.row_of_id(prompt_id))
        if found is None:
            return
        self.note_edit.setModified(False)
        changes, message = apply(self.document, health.rate_health_prompt, health_prompt_id=prompt_id,
                                 rating=found["rating"], note=self.note_edit.text(), organisation_id=self.rater)
        self.status.setText(f"Note saved for prompt {found['number']} ({self.rater_name()})." if changes is not None
                            else message)

    def submit_note(self) -> None:
        """Enter in the note: save it and go back to the prompts for the next rating."""
        self.save_note()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _change_scale(self) -> None:
        scale = self.scale_combo.currentData()
        if self.check_id is None:
            return
        changes, message = apply(self.document, health.update_health_check, health_check_id=self.check_id, scale=scale)
        if changes is None:
            self.status.setText(message)
        elif changes:
            self.status.setText(f"Now rated {domain.HEALTH_SCALES[scale].lower()}; ratings outside it were cleared. "
                                "Ctrl+Z takes it back.")
        self.hint.setText(HINTS.get(scale, HINTS["rag"]))

    def _reworded(self, prompt_id: int, _column: int, text: str) -> None:
        changes, message = apply(self.document, health.update_health_prompt, health_prompt_id=prompt_id, text=text)
        self.status.setText("" if changes is not None else message)

    # Following the selection --------------------------------------------------------------------------

    def _after_reset(self) -> None:
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.select_cell(0, 2)
        self._show_current()

    def _current_changed(self, *_args) -> None:
        self.save_note()
        self._show_current()
        self._announce_current()

    def _announce_current(self) -> None:
        found = self.model.row_dict(self.table.current_row())
        if found is not None:
            self.prompt_selected.emit(found["id"])

    def _show_current(self) -> None:
        found = self.model.row_dict(self.table.current_row())
        self.breakdown.show_prompt(found["id"] if found else None, found["text"] if found else "")
        if found is None:
            self._note_prompt = None
            self.note_edit.setText("")
            return
        if found["id"] != self._note_prompt or not self.note_edit.isModified():
            self._note_prompt = found["id"]
            self.note_edit.setText(found["note"])
            self.note_edit.setModified(False)
