"""The Actions tab driven from the keyboard: capture with completers, the matrix, the review of earlier actions.

Sample partnership: session 1 "Values and offers" agreed six actions; session 2 is the next one.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit

from facilitator.analysis.follow_up import open_actions_before
from facilitator.analysis.responsibilities import responsibility_matrix
from facilitator.operations import actions, people
from ui.models.base import ID_ROLE
from ui.models.tools_models import NOT_SHARED, AnalysisSource, MatrixModel, matrix_and_spread
from ui.tools.action_capture import resolve, split_names
from ui.tools.actions_page import ActionsPage

from tests.ui.tools_support import (  # noqa: F401  (sample is a fixture)
    HOSTILE,
    RESERVED_LETTERS,
    column_texts,
    focus,
    labels_are_plain,
    mnemonics,
    reopen,
    sample,
    show,
    unnamed_controls,
)

COUNCIL, TRUST, POLICE, HOMES, COLLEGE, CVS, EASTFIELD, INTERFAITH, CHAMBER = range(1, 10)
LSP_BOARD_ACTION = 4  # "Take the agreed values to the LSP Board…": led by the council alone


@pytest.fixture
def page(qtbot, sample):
    found = ActionsPage(sample.document)
    show(qtbot, found)
    found.set_session(2)
    return found


def roles(pf, action_id: int) -> dict[int, str]:
    return {r["organisation_id"]: r["role"]
            for r in pf.rows("SELECT organisation_id, role FROM responsibility WHERE action_id = ?", (action_id,))}


def choose_suggestion(qtbot, edit: QLineEdit, typed: str, key=Qt.Key.Key_Return, down: int = 0) -> None:
    """Type part of a name, wait for the suggestions, pick one from the list with the keyboard."""
    qtbot.keyClicks(edit, typed)
    popup = edit.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    for _ in range(down):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, key)
    qtbot.waitUntil(lambda: not popup.isVisible())


def cell(page: ActionsPage, action_id: int, organisation_id: int):
    model = page.matrix_model
    return model.row_of_action(action_id), model.column_of_organisation(organisation_id)


# Capturing -------------------------------------------------------------------------------------------


def test_capture_an_action_with_a_lead_and_two_supporters_from_the_keyboard(qtbot, sample, page):
    focus(qtbot, page.text_edit)
    qtbot.keyClicks(page.text_edit, "Book a hall for the June open day")
    qtbot.keyClick(page.text_edit, Qt.Key.Key_Tab)
    assert page.lead_edit.hasFocus()
    choose_suggestion(qtbot, page.lead_edit, "boro", down=1)  # highlighted with Down, taken with Enter
    assert page.lead_edit.text() == "Riverside Borough Council"
    qtbot.keyClick(page.lead_edit, Qt.Key.Key_Tab)
    assert page.supporters_edit.hasFocus()
    choose_suggestion(qtbot, page.supporters_edit, "CVS")  # nothing highlighted: Enter takes the only one
    assert page.supporters_edit.text() == "Riverside Council for Voluntary Service (CVS), "
    choose_suggestion(qtbot, page.supporters_edit, "interf", key=Qt.Key.Key_Tab)
    assert page.supporters_edit.text() == ("Riverside Council for Voluntary Service (CVS), "
                                           "Riverside Interfaith Forum, ")
    assert "Lead: Riverside Borough Council" in page.capture.preview.text()
    assert page.capture.preview.text().count("Riverside") == 3  # the lead and both supporters, understood
    qtbot.keyClick(page.supporters_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(page.due_edit, "2026-06-01")
    qtbot.keyClick(page.due_edit, Qt.Key.Key_Return)

    assert sample.failures == []
    assert page.text_edit.text() == page.lead_edit.text() == page.supporters_edit.text() == ""
    assert page.text_edit.hasFocus()  # ready for the next action
    assert page.capture.preview.text().startswith("Added “Book a hall for the June open day”, led by Riverside")
    row = page.matrix_model.row_of_action(page.matrix.current_id())
    assert page.matrix_model.action_at(row).text == "Book a hall for the June open day"
    assert page.matrix_model.mark_text(row, page.matrix_model.column_of_organisation(COUNCIL)) == "L"
    assert page.matrix_model.mark_text(row, page.matrix_model.column_of_organisation(CVS)) == "S"
    with reopen(sample) as pf:
        action = pf.row("SELECT * FROM action WHERE text = ?", ("Book a hall for the June open day",))
        assert action["session_id"] == 2 and action["due_date"] == "2026-06-01" and action["status"] == "open"
        assert roles(pf, action["id"]) == {COUNCIL: "lead", CVS: "support", INTERFAITH: "support"}


def test_typed_names_without_the_list_and_refusals_keep_the_words(qtbot, sample, page):
    focus(qtbot, page.text_edit)
    qtbot.keyClicks(page.text_edit, "Share the survey")
    page.lead_edit.setText("riverside college")  # exact name, any case
    page.supporters_edit.setText("Riverside, Chamber")  # "Riverside" could be eight organisations
    qtbot.keyClick(page.text_edit, Qt.Key.Key_Return)
    assert page.capture.preview.text().startswith("Not stored: “Riverside” could be")
    assert page.text_edit.text() == "Share the survey"  # nothing typed is lost
    page.supporters_edit.setText("Chamber, riverside college")
    qtbot.keyClick(page.text_edit, Qt.Key.Key_Return)
    assert "The lead cannot also be a supporter." in page.capture.preview.text()
    page.supporters_edit.setText("Chamber")
    page.due_edit.setText("1 June")
    qtbot.keyClick(page.text_edit, Qt.Key.Key_Return)
    assert "2026-03-14" in page.capture.preview.text()  # the core's own words about the date
    page.due_edit.setText("")
    qtbot.keyClick(page.text_edit, Qt.Key.Key_Return)
    assert page.text_edit.text() == ""
    assert "⚠ not shared" not in page.capture.preview.text()
    with reopen(sample) as pf:
        action = pf.row("SELECT id FROM action WHERE text = 'Share the survey'")
        assert roles(pf, action["id"]) == {COLLEGE: "lead", CHAMBER: "support"}


def test_an_empty_capture_line_lets_ctrl_z_reach_the_window(qtbot, sample, page):
    focus(qtbot, page.text_edit)
    qtbot.keyClicks(page.text_edit, "Circulate the notes")
    qtbot.keyClick(page.text_edit, Qt.Key.Key_Return)
    assert sample.pf.scalar("SELECT count(*) FROM action") == 7
    # The main window's Ctrl+Z reaches the document only if the empty line lets it through.
    override = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(page.text_edit, override)
    assert not override.isAccepted()
    assert override.matches(QKeySequence.StandardKey.Undo)


def test_name_resolution_rules():
    rows = [{"id": 1, "name": "Riverside Council"}, {"id": 2, "name": "Riverside CVS"}, {"id": 3, "name": "Police"}]
    assert resolve("riverside  council", rows) == (1, "")
    assert resolve("cvs", rows) == (2, "")
    assert resolve("", rows) == (None, "")
    assert resolve("Riverside", rows)[1] == "“Riverside” could be 2 organisations: type more of the name."
    assert resolve("Fire", rows)[1] == "No organisation is called “Fire”."
    assert split_names(" a, ,b ,") == ["a", "b"]


# The matrix ----------------------------------------------------------------------------------------------


def test_matrix_edited_by_keyboard_lead_support_and_no_role(qtbot, sample, page):
    row, cvs_column = cell(page, LSP_BOARD_ACTION, CVS)
    sharing = page.matrix_model.index(row, 3)
    assert sharing.data() == NOT_SHARED
    assert "⚠ Not shared (1)" in page.spread_panel.flags.text()
    focus(qtbot, page.matrix)
    page.matrix.select_cell(row, cvs_column)

    qtbot.keyClick(page.matrix, Qt.Key.Key_S)
    assert page.matrix_model.mark_text(row, cvs_column) == "S"
    assert sharing.data() == "2 partners"
    assert "Every action has a lead" in page.spread_panel.flags.text()
    assert page.matrix_panel.status.text().startswith("Riverside Council for Voluntary Service (CVS) now supports")
    qtbot.keyClick(page.matrix, Qt.Key.Key_Right)  # Eastfield
    qtbot.keyClick(page.matrix, Qt.Key.Key_L)  # a new lead: the council becomes a supporter
    council_column = page.matrix_model.column_of_organisation(COUNCIL)
    assert page.matrix_model.mark_text(row, council_column) == "S"
    assert page.matrix_model.mark_text(row, cvs_column + 1) == "L"
    page.matrix.select_cell(row, council_column)
    qtbot.keyClick(page.matrix, Qt.Key.Key_Delete)
    assert page.matrix_model.mark_text(row, council_column) == ""
    assert page.matrix.currentIndex().row() == row  # the keyboard stays where it was
    page.matrix.select_cell(row, 0)
    qtbot.keyClick(page.matrix, Qt.Key.Key_L)  # not on an organisation: says so, changes nothing
    assert "organisation's column" in page.matrix_panel.status.text()

    assert sample.failures == []
    with reopen(sample) as pf:
        assert roles(pf, LSP_BOARD_ACTION) == {CVS: "support", EASTFIELD: "lead"}


def test_matrix_status_keys_record_the_session_and_done_actions_leave(qtbot, sample, page):
    row, _column = cell(page, LSP_BOARD_ACTION, COUNCIL)
    focus(qtbot, page.matrix)
    page.matrix.select_cell(row, 1)
    assert page.matrix_model.index(row, 1).data() == "In progress"
    qtbot.keyClick(page.matrix, Qt.Key.Key_D)
    assert page.matrix_model.row_of_action(LSP_BOARD_ACTION) == -1
    assert "tick “Show done and dropped”" in page.matrix_panel.status.text()
    page.closed_check.setChecked(True)
    row = page.matrix_model.row_of_action(LSP_BOARD_ACTION)
    assert page.matrix_model.index(row, 1).data() == "Done"
    page.matrix.select_cell(row, 1)
    qtbot.keyClick(page.matrix, Qt.Key.Key_O)
    with reopen(sample) as pf:
        changes = pf.rows("SELECT * FROM action_status_change WHERE action_id = ? ORDER BY id", (LSP_BOARD_ACTION,))
        assert [(c["old_status"], c["new_status"], c["session_id"]) for c in changes[-2:]] == [
            ("in_progress", "done", 2), ("done", "open", 2)]


def test_f2_rewords_an_action_and_ctrl_delete_deletes_it_with_undo(qtbot, sample, page):
    row, _column = cell(page, LSP_BOARD_ACTION, COUNCIL)
    focus(qtbot, page.matrix)
    page.matrix.select_cell(row, 0)
    qtbot.keyClick(page.matrix, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text().startswith("Take the agreed values")
    editor.selectAll()
    qtbot.keyClicks(editor, "Take the values to the Board")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits on its next turn of the event loop
    qtbot.waitUntil(lambda: page.matrix_model.index(row, 0).data() == "Take the values to the Board")
    qtbot.keyClick(page.matrix, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert page.matrix_model.row_of_action(LSP_BOARD_ACTION) == -1
    assert "Ctrl+Z brings it back" in page.matrix_panel.status.text()
    sample.document.undo()
    assert page.matrix_model.row_of_action(LSP_BOARD_ACTION) == row
    with reopen(sample) as pf:
        assert pf.scalar("SELECT text FROM action WHERE id = ?", (LSP_BOARD_ACTION,)) == "Take the values to the Board"


def test_scope_this_session_and_the_spread_figures(qtbot, sample, page):
    assert page.matrix_model.rowCount() == 6  # all open actions of the series
    loads = {r["name"]: (r["led"], r["supported"]) for r in page.spread_panel.organisations.rows}
    assert loads["Riverside Borough Council"] == (2, 0)
    assert loads["Riverside Council for Voluntary Service (CVS)"] == (1, 2)
    sectors = {r["name"]: r["organisations"] for r in page.spread_panel.sectors.rows}
    assert sectors["Public sector"] == 4
    assert page.spread_panel.without_role.text() == "Every organisation has a role."
    page.scope_combo.setCurrentIndex(page.scope_combo.findData("session"))
    assert page.matrix_model.rowCount() == 0 and page.matrix_panel.empty.isVisible()
    assert "No role yet: Riverside Borough Council" in page.spread_panel.without_role.text()


# Reviewing earlier actions -----------------------------------------------------------------------------


def test_review_earlier_actions_records_status_with_this_session_and_keeps_history(qtbot, sample, page):
    page.show_review()
    assert page.sections.tabText(1) == "Review earlier actions (6)"
    table = page.review_table
    assert column_texts(table, 5) == ["Values and offers"] * 6
    table.select_cell(0, 0)
    assert "Frameworks collected from the council" in page.review_panel.history.text()
    page.review_panel.note_edit.setText("Framework <b>agreed</b> by all partners")
    focus(qtbot, table)
    qtbot.keyClick(table, Qt.Key.Key_D)
    assert page.sections.tabText(1) == "Review earlier actions (5)"
    assert column_texts(table, 1)[0] == "Done ✓ reviewed"  # stays listed while this session lasts
    assert page.review_panel.note_edit.text() == ""
    assert "→ Done (in “Building the programme”): Framework <b>agreed</b>" in page.review_panel.history.text()
    table.select_cell(2, 0)
    page.review_panel.status_combo.setCurrentIndex(page.review_panel.status_combo.findData("in_progress"))
    focus(qtbot, page.review_panel.note_edit)
    qtbot.keyClicks(page.review_panel.note_edit, "Two venues found")
    qtbot.keyClick(page.review_panel.note_edit, Qt.Key.Key_Return)
    assert sample.failures == []
    with reopen(sample) as pf:
        carried = {a.action_id: a for a in open_actions_before(pf, 2, include_reviewed_here=True)}
        assert carried[1].status == "done" and carried[1].reviewed_here
        assert carried[1].history[-1].session_id == 2
        assert carried[1].history[-1].note == "Framework <b>agreed</b> by all partners"
        assert len(carried[1].history) == 2  # the earlier change is kept
        assert carried[3].history[-1].note == "Two venues found" and carried[3].status == "in_progress"
        assert len(open_actions_before(pf, 2)) == 5


# Models, names, plain text -------------------------------------------------------------------------------


def test_matrix_model_alone_follows_the_file(qtbot, sample):
    source = AnalysisSource(sample.document, frozenset({"action", "responsibility", "organisation"}),
                            matrix_and_spread)
    model = MatrixModel(source)
    assert model.rowCount() == 0  # no key yet
    source.set_key((None, False))
    expected = responsibility_matrix(sample.pf)
    assert model.rowCount() == len(expected.rows) == 6
    assert model.columnCount() == MatrixModel.FIXED + 9
    first = model.index(0, model.column_of_organisation(COUNCIL))
    assert first.data() == "L"
    assert first.data(Qt.ItemDataRole.AccessibleTextRole) == "Riverside Borough Council: Lead"
    assert model.index(0, model.column_of_organisation(HOMES)).data(Qt.ItemDataRole.AccessibleTextRole) \
        == "Riverside Homes: no role"
    assert model.index(0, 0).data(ID_ROLE) == 1
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    sample.document.apply(actions.set_responsibility, action_id=1, organisation_id=HOMES, role="support")
    assert resets == []  # same shape: updated in place
    assert model.index(0, model.column_of_organisation(HOMES)).data() == "S"
    sample.document.apply(people.add_organisation, name="Youth Forum", sector="community")
    assert resets == [True] and model.columnCount() == MatrixModel.FIXED + 10


def test_hostile_names_stay_plain_text(qtbot, sample, page):
    organisation = sample.document.apply(people.add_organisation, name=HOSTILE, sector="vcs").new_id
    sample.document.apply(actions.add_action, text=HOSTILE, session_id=2, lead_organisation_id=organisation)
    model = page.matrix_model
    column = model.column_of_organisation(organisation)
    assert model.headerData(column, Qt.Orientation.Horizontal) == HOSTILE
    tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img src=x&gt;" in tip and "<img" not in tip
    row = model.rowCount() - 1
    assert model.index(row, 0).data() == HOSTILE
    assert "<img" not in model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
    assert HOSTILE in page.spread_panel.flags.text()
    page.lead_edit.setText("<img")
    assert "Lead: " + HOSTILE in page.capture.preview.text()
    assert labels_are_plain(page) == []


def test_every_control_is_named_and_mnemonics_are_unique(qtbot, page):
    assert unnamed_controls(page) == []
    letters = mnemonics(page)
    assert len(letters) == len(set(letters)), sorted(letters)
    assert not set(letters) & RESERVED_LETTERS, sorted(set(letters) & RESERVED_LETTERS)


def test_no_session_disables_capture(qtbot, sample):
    found = ActionsPage(sample.document)
    show(qtbot, found)
    assert not found.text_edit.isEnabled()
    assert found.capture.preview.text() == "Choose a session to record its actions."
    assert found.matrix_model.rowCount() == 6  # the series' actions can still be seen
