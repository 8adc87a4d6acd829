"""The Decisions tab: record a decision from the keyboard, edit one, list per session and for the series.

Sample partnership: session 1 recorded four decisions; session 2 has none yet.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator import queries
from facilitator.operations import decisions
from ui.models.tools_models import decision_heading
from ui.tools.decisions_page import DecisionsPage

from tests.ui.tools_support import (  # noqa: F401  (sample is a fixture)
    HOSTILE,
    RESERVED_LETTERS,
    focus,
    labels_are_plain,
    mnemonics,
    reopen,
    sample,
    show,
    unnamed_controls,
)


@pytest.fixture
def page(qtbot, sample):
    found = DecisionsPage(sample.document)
    show(qtbot, found)
    found.set_session(2)
    return found


def tab(qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def test_record_a_recommendation_with_agreement_counts_from_the_keyboard(qtbot, sample, page):
    form = page.form
    assert form.title() == "New decision" and page.count_label.text() == "No decisions in this session yet."
    focus(qtbot, form.text.edit)
    qtbot.keyClicks(form.text.edit, "Recommend the learning programme to the LSP Board")
    tab(qtbot)
    assert form.method.combo.hasFocus()
    qtbot.keyClick(form.method.combo, Qt.Key.Key_Down)  # Consent (no objection)
    qtbot.keyClick(form.method.combo, Qt.Key.Key_Down)  # Majority vote
    tab(qtbot)
    assert form.level.combo.hasFocus()
    qtbot.keyClick(form.level.combo, Qt.Key.Key_Down)  # Wholehearted endorsement
    tab(qtbot)
    spins = list(form.counts.spins.values())
    assert spins[0].hasFocus()
    for count in ("7", "3", "", "1"):  # endorse 7, minor point 3, (reservations none), abstain 1
        qtbot.keyClicks(QApplication.focusWidget(), count)
        tab(qtbot)
    while not form.status.combo.hasFocus():  # past the other counts
        tab(qtbot)
    qtbot.keyClick(form.status.combo, Qt.Key.Key_Down)  # Recommendation to a named body
    tab(qtbot)
    assert form.body.edit.hasFocus()
    qtbot.keyClicks(form.body.edit, "LSP Board")
    tab(qtbot)
    qtbot.keyClick(form.influence.combo, Qt.Key.Key_Down)  # Within the partnership's influence
    focus(qtbot, form.text.edit)
    qtbot.keyClick(form.text.edit, Qt.Key.Key_Return)  # Enter in the text records

    assert sample.failures == []
    assert form.text.value() == "" and form.composing  # ready for the next one
    assert form.message.text().startswith("Recorded “Recommend the learning programme")
    assert page.count_label.text() == "1 decision in this session"
    row = page.model.row_dict(0)
    assert decision_heading(row) == ("Majority vote · Recommendation to LSP Board · Wholehearted endorsement · "
                                     "Within the partnership's influence")
    delegate_texts = page.list.itemDelegate().texts(page.model.index(0, 0))
    assert delegate_texts[2] == ("Counts: Wholehearted endorsement 7 · Agreement with a minor point of contention 3"
                                 " · Abstain 1")
    with reopen(sample) as pf:
        [stored] = queries.decisions(pf, 2)
        assert stored["text"] == "Recommend the learning programme to the LSP Board"
        assert (stored["method"], stored["agreement_level"], stored["status"], stored["status_body"],
                stored["influence"]) == ("majority", "endorse", "recommendation", "LSP Board", "within")
        assert json.loads(stored["agreement_counts"]) == {"endorse": 7, "agree_minor": 3, "abstain": 1}


def test_a_recommendation_needs_a_named_body_and_nothing_typed_is_lost(qtbot, sample, page):
    form = page.form
    focus(qtbot, form.text.edit)
    qtbot.keyClicks(form.text.edit, "Ask the Board")
    form.status.combo.setCurrentIndex(1)
    qtbot.keyClick(form.text.edit, Qt.Key.Key_Return)
    assert form.error_label.text() == "Name the body the recommendation goes to (for example: LSP Board)."
    assert form.body.edit.hasFocus() and form.text.value() == "Ask the Board"
    qtbot.keyClicks(form.body.edit, "Health and Wellbeing Board")
    qtbot.keyClick(form.body.edit, Qt.Key.Key_Return)  # Enter in the body records too
    assert form.text.value() == "" and not form.error_label.isVisible()
    with reopen(sample) as pf:
        assert [(d["status"], d["status_body"]) for d in queries.decisions(pf, 2)] == [
            ("recommendation", "Health and Wellbeing Board")]


def test_shift_enter_is_a_new_line_and_blank_text_is_refused(qtbot, sample, page):
    form = page.form
    focus(qtbot, form.text.edit)
    qtbot.keyClick(form.text.edit, Qt.Key.Key_Return)
    assert form.message.text() == "Type what was decided first."
    qtbot.keyClicks(form.text.edit, "First line")
    qtbot.keyClick(form.text.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(form.text.edit, "second line")
    assert form.text.value() == "First line\nsecond line"
    assert sample.pf.scalar("SELECT count(*) FROM decision WHERE session_id = 2") == 0


def test_editing_a_decision_saves_field_by_field(qtbot, sample, page):
    page.scope_combo.setCurrentIndex(page.scope_combo.findData("series"))
    assert page.count_label.text() == "4 decisions in the whole series"
    focus(qtbot, page.list)
    page.list.setCurrentIndex(page.model.index(3, 0))  # the deferred accreditation decision
    form = page.form
    assert form.title().startswith("Decision (changes save") and form.method.value() == "deferred"
    assert "Decided in “Values and offers”" in page.list.itemDelegate().texts(page.model.index(0, 0))[2]
    qtbot.keyClick(page.list, Qt.Key.Key_Return)  # Enter: into the form
    assert form.text.edit.hasFocus()
    tab(qtbot)
    qtbot.keyClick(form.method.combo, Qt.Key.Key_Up)  # Majority vote: saved at once
    spins = list(form.counts.spins.values())
    focus(qtbot, spins[4])  # a click or Alt+C: the count is selected, typing replaces it
    qtbot.waitUntil(lambda: spins[4].lineEdit().selectedText() == "0")
    qtbot.keyClicks(spins[4], "5")  # More discussion needed: 5
    focus(qtbot, page.list)  # leaving the number saves it
    assert "More discussion needed 5" in page.list.itemDelegate().texts(page.model.index(3, 0))[2]
    with reopen(sample) as pf:
        stored = queries.decisions(pf, 1)[3]
        assert stored["method"] == "majority"
        assert json.loads(stored["agreement_counts"]) == {"more_discussion": 5}


def test_an_unfinished_new_decision_survives_looking_at_another(qtbot, sample, page):
    page.set_session(1)
    form = page.form
    focus(qtbot, form.text.edit)
    qtbot.keyClicks(form.text.edit, "Half-typed decision")
    form.status.combo.setCurrentIndex(2)  # Binding on partners
    page.list.setCurrentIndex(page.model.index(1, 0))
    assert form.row_id == page.model.id_at(1) and form.message.text().startswith("Your new decision is kept")
    focus(qtbot, page.list)
    qtbot.keyClick(page.list, Qt.Key.Key_Escape)
    assert form.composing and form.text.value() == "Half-typed decision" and form.status.value() == "binding"
    qtbot.keyClick(form.text.edit, Qt.Key.Key_Return)
    with reopen(sample) as pf:
        assert [(d["text"], d["status"]) for d in queries.decisions(pf, 1)][-1] == ("Half-typed decision", "binding")


def test_delete_move_and_undo_from_the_list(qtbot, sample, page):
    page.set_session(1)
    first = [r["id"] for r in page.model.rows]
    focus(qtbot, page.list)
    page.list.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [r["id"] for r in page.model.rows] == [first[1], first[0], *first[2:]]
    assert page.form.row_id == first[0]  # still editing the one that moved
    qtbot.keyClick(page.list, Qt.Key.Key_Delete)
    assert page.status_label.text().endswith("Ctrl+Z brings it back.")
    assert page.model.rowCount() == 3 and page.form.composing
    sample.document.undo()
    assert page.model.rowCount() == 4
    qtbot.keyClick(page.list, Qt.Key.Key_Escape)
    assert page.form.composing and page.form.text.edit.hasFocus()
    with reopen(sample) as pf:
        assert [d["id"] for d in queries.decisions(pf, 1)] == [first[1], first[0], *first[2:]]


def test_hostile_text_names_and_plain_labels(qtbot, sample, page):
    sample.document.apply(decisions.add_decision, session_id=2, text=HOSTILE, status="recommendation",
                          status_body="<i>Board</i>")
    texts = page.list.itemDelegate().texts(page.model.index(0, 0))
    assert texts[:2] == ["Consensus · Recommendation to <i>Board</i>", HOSTILE]
    tip = page.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img src=x&gt;" in tip and "<img" not in tip
    page.list.setCurrentIndex(page.model.index(0, 0))
    assert page.form.text.value() == HOSTILE
    assert labels_are_plain(page) == []
    assert unnamed_controls(page) == []
    letters = mnemonics(page)
    assert len(letters) == len(set(letters)), sorted(letters)
    assert not set(letters) & RESERVED_LETTERS


def test_no_session_lists_nothing_until_the_series_is_asked_for(qtbot, sample):
    found = DecisionsPage(sample.document)
    show(qtbot, found)
    assert found.model.rowCount() == 0 and not found.form.isEnabled()
    assert found.count_label.text() == "Choose a session to record its decisions."
    found.scope_combo.setCurrentIndex(found.scope_combo.findData("series"))
    assert found.model.rowCount() == 4
