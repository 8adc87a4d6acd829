"""The "Session and agenda" page: the session's details above, its agenda and the selected item below.

The total under the agenda says in words whether the plan fits the session's length ("fits" /
"20 min over"); colour only repeats what the words say (PRODUCT.md: colour is never the only signal).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from facilitator import domain, queries
from facilitator.changes import Changes
from facilitator.operations import agenda
from ui.document import Document
from ui.models.plan_models import AgendaPlanModel
from ui.plan.fields import ChoiceField, LineField, MinutesField, TextField
from ui.plan.list_panel import ListOperations, ListTexts, RowListPanel
from ui.plan.record_form import RecordForm, mnemonic_label, plain_label
from ui.plan.session_form import SessionDetailsForm

NEW_ITEM_TITLE = "New agenda item"


def fit_text(planned: int, length: int) -> tuple[str, str]:
    """The agenda total in words, and its state: 'fits', 'over' or 'unknown' (no length set)."""
    if not length:
        return f"Planned {planned} min — set the session's length to check that it fits", "unknown"
    if planned <= length:
        return f"Planned {planned} of {length} min — fits", "fits"
    return f"Planned {planned} of {length} min — {planned - length} min over", "over"


class AgendaFitLabel(QLabel):
    """The agenda total against the session's length; refreshed when items or the session change."""

    COLOURS = {"fits": ("#1b5e20", "#a5d6a7"), "over": ("#b71c1c", "#ef9a9a"), "unknown": (None, None)}

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.session_id: int | None = None
        self.state = "unknown"
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName("Agenda total")
        self.setWordWrap(True)
        document.changed.connect(self._after_change)

    def set_session(self, session_id: int | None) -> None:
        self.session_id = session_id
        self.update_total()

    def _after_change(self, changes: Changes) -> None:
        if changes.touches("agenda_item", "session"):
            self.update_total()

    def update_total(self) -> None:
        if self.session_id is None or self.document.pf.closed:
            self.setText("")
            return
        fit = queries.agenda_fit(self.document.pf, self.session_id)
        text, self.state = fit_text(fit["planned"], fit["length"])
        self.setText(text)
        self.setAccessibleDescription(text)
        dark_background = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        colour = self.COLOURS[self.state][1 if dark_background else 0]
        self.setStyleSheet(f"font-weight: 600; color: {colour};" if colour else "font-weight: 600;")


class AgendaItemForm(RecordForm):
    """The selected agenda item: title, kind, planned minutes, prompt for the room, private notes."""

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(document, "Selected agenda item", update=agenda.update_agenda_item,
                         id_argument="agenda_item_id", parent=parent)
        self.title = self.add(LineField("title", "Agenda item title"))
        self.kind = self.add(ChoiceField("kind", "Activity kind", list(domain.ACTIVITY_KINDS.items())))
        self.planned = self.add(MinutesField("planned_minutes", "Planned minutes"))
        self.prompt = self.add(TextField("prompt", "Prompt or question for the room", lines=4, grow=True,
                                         placeholder="The question or purpose shown to the room"))
        self.notes = self.add(TextField("notes", "Facilitator's notes (private, never projected)", lines=4,
                                        placeholder="Private notes for you. Never projected."))
        self.title.describe("The item's name on the agenda and on the projector. F2 in the agenda comes here.")
        self.kind.describe("What kind of activity this is. Type the first letters to choose.")
        self.prompt.describe("Shown to the room when the item is live. Tab moves on; lines break with Enter.")
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(8)
        form.addRow(mnemonic_label("T&itle", self.title.widget), self.title.widget)
        form.addRow(mnemonic_label("&Kind", self.kind.widget), self.kind.widget)
        form.addRow(mnemonic_label("Planned min&utes", self.planned.widget), self.planned.widget)
        form.addRow(mnemonic_label("Prompt or &question", self.prompt.widget), self.prompt.widget)
        form.addRow(mnemonic_label("N&otes", self.notes.widget), self.notes.widget)
        form.addRow(self.error_label)


class SessionAgendaPage(QWidget):
    """Page 1 of the planning view. Shows a hint instead of the forms when no session is chosen."""

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.session_id: int | None = None
        self.details = SessionDetailsForm(document)
        self.model = AgendaPlanModel(document)
        self.item_form = AgendaItemForm(document)
        operations = ListOperations(
            id_argument="agenda_item_id",
            add=self._new_item,
            delete=agenda.delete_agenda_item,
            move=agenda.move_agenda_item,
            describe=lambda row: row["title"],
        )
        texts = ListTexts(title="&Agenda", table_name="Agenda items", add="Ne&w item", delete="De&lete item",
                          noun="agenda item")
        self.panel = RowListPanel(document, self.model, self.item_form, operations, texts)
        self.panel.add_shortcut_on(self)
        self.fit_label = AgendaFitLabel(document)
        self.panel.layout_.insertWidget(2, self.fit_label)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.panel)
        splitter.addWidget(self.item_form)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.item_form.setMinimumWidth(340)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.details)
        layout.addWidget(splitter, 1)

        self.no_session = plain_label("No session is chosen. Add one from the Session menu, or choose one above.",
                                      name="No session", wrap=True)
        self.no_session.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.no_session)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self._tab_order([*[f.widget for f in self.details.fields], self.panel.table,
                         *[f.widget for f in self.item_form.fields], self.panel.add_button,
                         self.panel.delete_button, self.panel.up_button, self.panel.down_button])

    def _tab_order(self, widgets: list[QWidget]) -> None:
        for first, second in zip(widgets, widgets[1:]):
            QWidget.setTabOrder(first, second)

    def _new_item(self, current_row: int):
        """A new item goes after the selected one (or at the end), titled so it is easy to type over."""
        kwargs = {"session_id": self.session_id, "title": NEW_ITEM_TITLE}
        if current_row >= 0:
            kwargs["index"] = current_row + 1
        return agenda.add_agenda_item, kwargs

    def set_session(self, session_id: int | None) -> None:
        self.item_form.flush()
        self.details.set_session(session_id)
        self.session_id = self.details.row_id
        self.model.set_session(self.session_id)
        self.panel.reset_position()
        self.fit_label.set_session(self.session_id)
        self.stack.setCurrentIndex(0 if self.session_id is not None else 1)

    def flush(self) -> None:
        self.details.flush()
        self.item_form.flush()
