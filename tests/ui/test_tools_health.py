"""The Health check tab: rate prompts from the keyboard for the group or one organisation, shape the check.

Sample partnership: session 2 has a five-prompt "Partnership health check" nobody has rated yet.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from facilitator import queries, templates
from facilitator.analysis.health import health_summary
from facilitator.operations import health, people
from ui.tools.health_page import HealthCheckPage

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

COUNCIL, CVS = 1, 6
RATING, NOTE, TREND = 2, 3, 6


@pytest.fixture
def page(qtbot, sample):
    found = HealthCheckPage(sample.document)
    show(qtbot, found)
    found.set_session(2)
    return found


def prompt_ids(pf, check_id: int) -> list[int]:
    return [r["id"] for r in pf.rows("SELECT id FROM health_prompt WHERE health_check_id = ? ORDER BY position",
                                     (check_id,))]


def ratings(pf, check_id: int) -> set[tuple]:
    ids = prompt_ids(pf, check_id)
    return {(ids.index(r["health_prompt_id"]), r["organisation_id"], r["rating"], r["note"]) for r in pf.rows(
        "SELECT r.* FROM health_rating r JOIN health_prompt p ON p.id = r.health_prompt_id WHERE p.health_check_id = ?",
        (check_id,))}


def test_rate_three_prompts_by_keyboard_for_the_group_and_an_organisation_with_a_note(qtbot, sample, page):
    check = page.check_id
    table = page.table
    focus(qtbot, table)
    assert (table.currentIndex().row(), table.currentIndex().column()) == (0, RATING)
    qtbot.keyClick(table, Qt.Key.Key_3)
    assert table.model().index(0, RATING).data() == "✔ Green"
    assert table.currentIndex().row() == 1  # on to the next prompt, like a register
    qtbot.keyClick(table, Qt.Key.Key_1)
    assert table.model().index(1, RATING).data() == "✖ Red"
    assert page.status.text().startswith("Whole group: ✖ Red for prompt 2.")

    focus(qtbot, page.rater_combo)
    qtbot.keyClick(page.rater_combo, Qt.Key.Key_Down)  # the first organisation: the council
    assert page.rater == COUNCIL
    assert column_texts(table, RATING)[:2] == ["not rated", "not rated"]  # the council's own view
    focus(qtbot, table)
    assert table.currentIndex().row() == 2
    qtbot.keyClick(table, Qt.Key.Key_2)
    table.select_cell(2, RATING)
    qtbot.keyClick(table, Qt.Key.Key_N)
    assert page.note_edit.hasFocus()
    qtbot.keyClicks(page.note_edit, "Meetings are <b>too</b> early")
    qtbot.keyClick(page.note_edit, Qt.Key.Key_Return)
    assert table.hasFocus()  # back for the next rating
    assert table.model().index(2, NOTE).data() == "Meetings are <b>too</b> early"
    assert table.model().index(2, RATING).data() == "▲ Amber"
    assert column_texts(page.breakdown.organisation_table) == ["Riverside Borough Council"]
    assert column_texts(page.breakdown.organisation_table, 2) == ["Meetings are <b>too</b> early"]

    page.set_rater(None)
    assert column_texts(table, RATING)[:3] == ["✔ Green", "✖ Red", "not rated"]
    assert column_texts(table, 4)[2] == "1 rated · ▲ Amber"
    assert sample.failures == []
    with reopen(sample) as pf:
        assert ratings(pf, check) == {(0, None, 3, ""), (1, None, 1, ""),
                                      (2, COUNCIL, 2, "Meetings are <b>too</b> early")}


def test_clearing_a_rating_keeps_its_note_and_out_of_scale_keys_are_refused(qtbot, sample, page):
    table = page.table
    focus(qtbot, table)
    qtbot.keyClick(table, Qt.Key.Key_2)
    table.select_cell(0, RATING)
    page.note_edit.setText("Mixed views")
    page.note_edit.setModified(True)
    qtbot.keyClick(table, Qt.Key.Key_4)  # not on red/amber/green
    assert page.status.text() == "A rating on this scale must be a whole number from 1 to 3."
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert table.model().index(0, RATING).data() == "not rated"
    assert table.model().index(0, NOTE).data() == "Mixed views"
    with reopen(sample) as pf:
        assert ratings(pf, 1) == {(0, None, None, "Mixed views")}


def test_a_note_typed_without_enter_is_kept_by_the_next_rating(qtbot, sample, page):
    focus(qtbot, page.note_edit)
    qtbot.keyClicks(page.note_edit, "Said twice")
    focus(qtbot, page.table)  # back to the list (a click, or Shift+Tab) without pressing Enter
    qtbot.keyClick(page.table, Qt.Key.Key_2)
    with reopen(sample) as pf:
        assert ratings(pf, 1) == {(0, None, 2, "Said twice")}


def test_a_new_session_starts_its_check_from_a_template_and_shows_the_trend(qtbot, sample, page):
    earlier = prompt_ids(sample.pf, 1)
    for prompt, rating in zip(earlier, (2, 2, 1, 3, 3)):
        sample.document.apply(health.rate_health_prompt, health_prompt_id=prompt, rating=rating)
    new_session = sample.document.apply(templates.add_session_from_template, template="blank", title="Third").new_id
    page.set_session(new_session)
    assert page.start.isVisible() and page.check_id is None and not page.table.isEnabled()
    assert page.start.template_combo.currentText() == \
        "Partnership health check — Partnership health check (16 prompts)"
    page.start.add_button.click()
    assert not page.start.isVisible() and page.check_id is not None
    assert page.model.rowCount() == 16
    trend = column_texts(page.table, TREND)
    assert trend[1] == "new prompt"  # not asked in session 2
    assert column_texts(page.table, 5)[0] == "▲ Amber"  # last time: the group's amber in session 2

    focus(qtbot, page.table)
    page.table.select_cell(0, RATING)
    qtbot.keyClick(page.table, Qt.Key.Key_3)
    assert page.model.index(0, TREND).data() == "↑ better"
    page.table.select_cell(4, RATING)  # "How we reach consensus": amber last time
    qtbot.keyClick(page.table, Qt.Key.Key_1)
    assert page.model.index(4, TREND).data() == "↓ worse"

    page.scale_combo.setCurrentIndex(page.scale_combo.findData("five"))
    page.scale_combo.activated.emit(page.scale_combo.currentIndex())
    assert page.hint.text().startswith("Keys: 1 to 5")
    page.table.select_cell(1, RATING)
    qtbot.keyClick(page.table, Qt.Key.Key_5)
    assert page.model.index(1, RATING).data() == "5 of 5 ●●●●●"
    with reopen(sample) as pf:
        [check] = queries.health_checks(pf, new_session)
        assert check["scale"] == "five" and len(prompt_ids(pf, check["id"])) == 16
        assert ratings(pf, check["id"]) == {(0, None, 3, ""), (4, None, 1, ""), (1, None, 5, "")}


def test_partners_who_differ_are_shown_beside_the_prompts(qtbot, sample, page):
    ids = prompt_ids(sample.pf, 1)
    for organisation, values in ((COUNCIL, (3, 3)), (CVS, (1, 3)), (7, (1, 2))):
        for prompt, rating in zip(ids, values):
            sample.document.apply(health.rate_health_prompt, health_prompt_id=prompt, rating=rating,
                                  organisation_id=organisation)
    summary = health_summary(sample.pf, 1)
    assert column_texts(page.breakdown.divided_table) == [p.text for p in summary.most_divided]
    assert column_texts(page.breakdown.divided_table, 1) == ["2", "1"]
    page.table.select_cell(0, RATING)
    assert column_texts(page.breakdown.organisation_table, 1) == ["✔ Green", "✖ Red", "✖ Red"]
    assert column_texts(page.breakdown.sector_table) == ["Public sector", "Voluntary and community sector (VCS)",
                                                         "Community group"]
    assert column_texts(page.table, 4)[0] == "3 rated · differ by 2"


def test_prompts_are_added_moved_reworded_deleted_and_kept_as_a_template(qtbot, sample, page):
    table = page.table
    focus(qtbot, table)
    table.select_cell(0, 1)
    qtbot.keyClick(table, Qt.Key.Key_Insert)
    assert page.prompt_tools.new_prompt_edit.hasFocus()
    qtbot.keyClicks(page.prompt_tools.new_prompt_edit, "Are young people heard?")
    qtbot.keyClick(page.prompt_tools.new_prompt_edit, Qt.Key.Key_Return)
    assert column_texts(table, 1)[1] == "Are young people heard?"  # after the chosen prompt
    focus(qtbot, table)
    table.select_cell(1, 1)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert column_texts(table, 1)[2] == "Are young people heard?"
    assert table.currentIndex().row() == 2  # the moved prompt stays chosen
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Are young people and carers heard?")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: column_texts(table, 1)[2] == "Are young people and carers heard?")
    table.select_cell(0, 1)
    qtbot.keyClick(table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert page.model.rowCount() == 5
    sample.document.undo()
    assert page.model.rowCount() == 6

    focus(qtbot, page.prompt_tools.template_name_edit)
    qtbot.keyClicks(page.prompt_tools.template_name_edit, "Riverside check")
    qtbot.keyClick(page.prompt_tools.template_name_edit, Qt.Key.Key_Return)
    assert page.prompt_tools.message.text().startswith("Saved as your template “Riverside check”")
    mine = [t for t in templates.available() if t.user]
    assert [t.name for t in mine] == ["Riverside check"]
    assert mine[0].health_checks[0]["prompts"][2] == "Are young people and carers heard?"
    with reopen(sample) as pf:
        assert [r["text"] for r in pf.rows("SELECT text FROM health_prompt WHERE health_check_id = 1 "
                                           "ORDER BY position")][2] == "Are young people and carers heard?"


def test_hostile_names_plain_labels_accessible_names(qtbot, sample, page):
    organisation = sample.document.apply(people.add_organisation, name=HOSTILE, sector="vcs").new_id
    assert page.rater_combo.itemText(page.rater_combo.count() - 1) == HOSTILE
    page.set_rater(organisation)
    focus(qtbot, page.table)
    qtbot.keyClick(page.table, Qt.Key.Key_1)
    assert page.status.text().startswith(f"{HOSTILE}: ✖ Red")
    page.table.select_cell(0, RATING)
    assert column_texts(page.breakdown.organisation_table) == [HOSTILE]
    tip = page.breakdown.organisations.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img" in tip and "<img" not in tip
    assert labels_are_plain(page) == []
    assert unnamed_controls(page) == []
    letters = mnemonics(page)
    assert len(letters) == len(set(letters)), sorted(letters)
    assert not set(letters) & RESERVED_LETTERS


def test_no_session_says_what_to_do(qtbot, sample):
    found = HealthCheckPage(sample.document)
    show(qtbot, found)
    assert found.status.text() == "Choose a session to run its health check."
    assert not found.start.isVisible() and found.model.rowCount() == 0
