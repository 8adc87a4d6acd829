"""The partnership's organisations (each in a sector) and its people (name, organisation, role, access needs).

Both belong to the whole partnership, not one session, so these pages ignore the session choice.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QSplitter, QWidget

from facilitator import domain, queries
from facilitator.changes import Changes
from facilitator.operations import people
from ui.document import Document
from ui.models.plan_models import OrganisationPlanModel, ParticipantPlanModel, sector_summary
from ui.plan.fields import ChoiceField, LineField, TextField
from ui.plan.list_panel import ListOperations, ListTexts, RowListPanel
from ui.plan.record_form import RecordForm, mnemonic_label, plain_label

NO_ORGANISATION = "No organisation"


def list_page(panel: RowListPanel, form: RecordForm, *, form_width: int = 360) -> QSplitter:
    """The list on the left, the selected row's form on the right."""
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(panel)
    splitter.addWidget(form)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    form.setMinimumWidth(form_width)
    order = [panel.table, *[f.widget for f in form.fields], panel.add_button, panel.delete_button,
             panel.up_button, panel.down_button]
    for first, second in zip(order, order[1:]):
        QWidget.setTabOrder(first, second)
    return splitter


def _form_layout(form: RecordForm, rows: list[tuple[str, QWidget]]) -> None:
    layout = QFormLayout(form)
    layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.setVerticalSpacing(8)
    for text, widget in rows:
        layout.addRow(mnemonic_label(text, widget), widget)
    layout.addRow(form.error_label)


class OrganisationForm(RecordForm):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(document, "Selected organisation", update=people.update_organisation,
                         id_argument="organisation_id", parent=parent)
        self.name = self.add(LineField("name", "Organisation name"))
        self.sector = self.add(ChoiceField("sector", "Sector", list(domain.SECTORS.items())))
        self.notes = self.add(TextField("notes", "Notes about the organisation", lines=6,
                                        placeholder="What it does, who it represents"))
        self.sector.describe("Public, voluntary and community (VCS), community, faith, private or other.")
        _form_layout(self, [("Na&me", self.name.widget), ("Se&ctor", self.sector.widget),
                            ("No&tes", self.notes.widget)])


class OrganisationsPage(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = OrganisationPlanModel(document)
        self.form = OrganisationForm(document)
        operations = ListOperations(
            id_argument="organisation_id",
            add=lambda _row: (people.add_organisation, {"name": "New organisation", "sector": "other"}),
            delete=people.delete_organisation,
            move=people.move_organisation,
            describe=lambda row: row["name"],
        )
        texts = ListTexts(title="Partner &organisations", table_name="Organisations", add="Ne&w organisation",
                          delete="De&lete", noun="organisation")
        self.panel = RowListPanel(document, self.model, self.form, operations, texts)
        self.panel.add_shortcut_on(self)
        self.sectors = plain_label(name="Organisations by sector", wrap=True)
        self.panel.layout_.insertWidget(2, self.sectors)
        for signal in (self.model.modelReset, self.model.dataChanged, self.model.rowsInserted):
            signal.connect(self._update_sectors)
        self._update_sectors()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(list_page(self.panel, self.form))

    def _update_sectors(self, *_args) -> None:
        self.sectors.setText(sector_summary(self.model.rows))
        self.sectors.setAccessibleDescription(self.sectors.text())

    def flush(self) -> None:
        self.form.flush()


class ParticipantForm(RecordForm):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(document, "Selected person", update=people.update_participant,
                         id_argument="participant_id", parent=parent)
        self.name = self.add(LineField("name", "Name"))
        self.organisation = self.add(ChoiceField("organisation_id", "Organisation"))
        self.role = self.add(LineField("role", "Role or remit"))
        self.access_needs = self.add(LineField(
            "access_needs", "Access needs", placeholder="e.g. hearing loop, step-free access, large print"))
        self.organisation.describe("The partner organisation this person comes from, or none.")
        self.access_needs.describe("Optional. Anything the venue or materials need, such as a hearing loop.")
        _form_layout(self, [("Na&me", self.name.widget), ("Organisa&tion", self.organisation.widget),
                            ("Role or rem&it", self.role.widget), ("A&ccess needs", self.access_needs.widget)])
        document.changed.connect(self._after_change)
        self.update_organisations()

    def update_organisations(self) -> None:
        if self.document.pf.closed:
            return
        choices = [(None, NO_ORGANISATION)] + [(o["id"], o["name"]) for o in queries.organisations(self.document.pf)]
        self.organisation.set_choices(choices)

    def _after_change(self, changes: Changes) -> None:
        if changes.touches("organisation"):
            self.update_organisations()


class PeoplePage(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = ParticipantPlanModel(document)
        self.form = ParticipantForm(document)
        operations = ListOperations(
            id_argument="participant_id",
            add=lambda _row: (people.add_participant, {"name": "New person"}),
            delete=people.delete_participant,
            move=people.move_participant,
            describe=lambda row: row["name"],
        )
        texts = ListTexts(title="Pe&ople in the partnership", table_name="People", add="Ne&w person",
                          delete="De&lete", noun="person", plural="people")
        self.panel = RowListPanel(document, self.model, self.form, operations, texts, stretch_column=2)
        self.panel.add_shortcut_on(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(list_page(self.panel, self.form))

    def flush(self) -> None:
        self.form.flush()
