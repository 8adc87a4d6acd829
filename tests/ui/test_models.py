"""Item models alone (no views): they show core rows and refresh from Changes, cheaply."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from facilitator import queries
from facilitator.operations import agenda, contributions, people, values
from facilitator.sample import write_sample
from facilitator.storage.partnership_file import PartnershipFile
from ui.document import Document
from ui.models.base import ID_ROLE
from ui.models.partnership_models import AttendanceModel, OrganisationModel, SessionModel, ValueModel
from ui.models.session_models import AgendaModel, ContributionModel


@pytest.fixture
def document(tmp_path, qapp):
    path = tmp_path / "sample.facilitator"
    write_sample(path)
    doc = Document(PartnershipFile.open(path))
    yield doc
    doc.close()


def checked(model):
    """Qt's own model checker watches every later change (kept alive on the model)."""
    model._tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    return model


def texts(model, column=0):
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_models_show_the_sample(document):
    sessions = checked(SessionModel(document))
    assert texts(sessions, 1) == ["Values and offers", "Building the programme"]
    organisations = checked(OrganisationModel(document))
    assert organisations.rowCount() == 9
    assert "Voluntary and community sector (VCS)" in texts(organisations, 1)
    agenda_model = checked(AgendaModel(document))
    agenda_model.set_session(1)
    assert texts(agenda_model)[0] == "Welcome and introductions"
    attendance = checked(AttendanceModel(document))
    attendance.set_session(1)
    assert {"Present", "Apologies", "Invited but absent"} <= set(texts(attendance, 2))


def test_a_capture_appends_one_row_without_a_reset(document, qtbot):
    model = checked(ContributionModel(document))
    item = queries.agenda_items(document.pf, 1)[1]["id"]
    model.set_scope(1, item)
    before = model.rowCount()
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(model.rowsInserted):
        document.apply(contributions.add_contribution, session_id=1, agenda_item_id=item, text="New <b>offer</b>")
    assert model.rowCount() == before + 1 and not resets
    assert model.index(before, 0).data() == "New <b>offer</b>"
    assert "&lt;b&gt;" in model.index(before, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_captures_under_other_items_are_not_shown(document):
    model = checked(ContributionModel(document))
    items = [i["id"] for i in queries.agenda_items(document.pf, 1)]
    model.set_scope(1, items[1])
    before = model.rowCount()
    document.apply(contributions.add_contribution, session_id=1, agenda_item_id=items[2], text="elsewhere")
    assert model.rowCount() == before


def test_edits_update_in_place_and_undo_restores(document):
    model = checked(ValueModel(document))
    first_id = model.index(0, 0).data(ID_ROLE)
    changed = []
    model.dataChanged.connect(lambda *a: changed.append(a))
    document.apply(values.update_value, value_id=first_id, text="Openness")
    assert model.index(0, 0).data() == "Openness" and changed
    document.undo()
    assert model.index(0, 0).data() != "Openness"


def test_deleting_and_reordering_keep_the_model_consistent(document):
    model = checked(AgendaModel(document))
    model.set_session(1)
    ids = [model.id_at(r) for r in range(model.rowCount())]
    document.apply(agenda.move_agenda_item, agenda_item_id=ids[-1], to_index=0)
    assert model.id_at(0) == ids[-1]
    document.apply(agenda.delete_agenda_item, agenda_item_id=ids[0])
    assert model.row_of_id(ids[0]) == -1
    document.undo()
    assert model.row_of_id(ids[0]) >= 0


def test_organisation_rename_reaches_participant_views(document):
    model = checked(AttendanceModel(document))
    model.set_session(1)
    organisation = queries.organisations(document.pf)[0]
    document.apply(people.update_organisation, organisation_id=organisation["id"], name="Renamed Council")
    assert "Renamed Council" in texts(model, 1)


def test_failed_operation_reports_and_changes_nothing(document, qtbot):
    model = ValueModel(document)
    before = model.rowCount()
    with qtbot.waitSignal(document.failed) as signal:
        assert document.apply(values.add_value, text="   ") is None
    assert "blank" in signal.args[0]
    assert model.rowCount() == before
