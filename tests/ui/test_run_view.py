"""The run view, driven like a facilitator drives it: real widgets, real keys, a real file on disk.

Every test that changes data closes the file and reopens it to check what was actually saved.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel

from facilitator import queries
from facilitator.operations import agenda, sessions
from facilitator.storage.partnership_file import PartnershipFile
from ui.document import Document
from ui.plain_text import tooltip_html
from ui.run.clock import duration_text, read_clock
from ui.run_view import RunView

HOSTILE = "<h1>x</h1> <img src=x>"


@pytest.fixture
def run(qtbot, planned):
    """A RunView over the `planned` partnership (Ann Patel, Riverside Council, Riverside CVS; three items)."""
    document = Document(planned["pf"])
    failures: list[str] = []
    document.failed.connect(failures.append)
    view = RunView(document)
    qtbot.addWidget(view)
    view.set_session(planned["session"])
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    planned.update(view=view, document=document, failures=failures)
    return planned


def reopen(pf: PartnershipFile) -> PartnershipFile:
    """Close the file the view is using and open it again: we check what is on disk, not a cache."""
    path = pf.path
    pf.close()
    return PartnershipFile.open(path)


def capture(qtbot, view: RunView, text: str) -> None:
    """Type into the capture box and press Enter (suggestions may be open: Enter still stores)."""
    qtbot.keyClicks(view.capture_box, text)
    qtbot.keyClick(view.capture_box, Qt.Key.Key_Return)


def has_focus(widget) -> bool:
    return QApplication.focusWidget() is widget


def select_rows(list_view, *rows: int) -> None:
    from PySide6.QtCore import QItemSelectionModel

    model, selection = list_view.model(), list_view.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select)
    selection.setCurrentIndex(model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    list_view.setFocus()


# Starting and moving through the agenda ---------------------------------------------------------


def test_capture_box_has_focus_after_start_next_and_previous(qtbot, run):
    view = run["view"]
    assert not view.capture_box.isEnabled()  # nothing to capture under until the session runs
    view.start_session()
    qtbot.waitUntil(lambda: has_focus(view.capture_box))
    assert "▶ Now:" in view.status_label.text()
    assert view.title_label.text() == "Welcome"

    view.values_board.propose_box.setFocus()
    view.next_item()
    qtbot.waitUntil(lambda: has_focus(view.capture_box))
    assert view.title_label.text() == "What each organisation brings"

    view.agenda_list.setFocus()
    view.previous_item()
    qtbot.waitUntil(lambda: has_focus(view.capture_box))
    assert view.title_label.text() == "Welcome"

    with reopen(run["pf"]) as disk:
        session = queries.session(disk, run["session"])
        assert session["status"] == "running"
        assert session["live_agenda_item_id"] == run["items"][0]


def test_capture_box_takes_focus_when_the_view_is_shown_again(qtbot, planned):
    """As in the main window: another page is shown, then the run view comes back."""
    from PySide6.QtWidgets import QLineEdit, QStackedWidget

    stack = QStackedWidget()
    qtbot.addWidget(stack)
    other = QLineEdit(stack)
    view = RunView(Document(planned["pf"]), stack)
    stack.addWidget(other)
    stack.addWidget(view)
    view.set_session(planned["session"])
    stack.setCurrentWidget(view)
    stack.show()
    qtbot.waitExposed(stack)
    stack.activateWindow()
    view.start_session()
    qtbot.waitUntil(lambda: has_focus(view.capture_box))
    stack.setCurrentWidget(other)
    other.setFocus()
    qtbot.waitUntil(lambda: has_focus(other))
    stack.setCurrentWidget(view)
    qtbot.waitUntil(lambda: has_focus(view.capture_box))


def test_enter_on_an_agenda_item_makes_it_live(qtbot, run):
    view = run["view"]
    view.start_session()
    view.agenda_list.setFocus()
    view.agenda_list.setCurrentIndex(view.agenda.index(2, 0))
    qtbot.keyClick(view.agenda_list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: has_focus(view.capture_box))
    assert view.agenda.index(2, 0).data().startswith("▶ Now: 3. Our values")
    assert not view.agenda.index(0, 0).data().startswith("▶")
    assert view.agenda.index(0, 0).data().startswith("✓ 1. Welcome")  # visited, said in words
    with reopen(run["pf"]) as disk:
        assert queries.session(disk, run["session"])["live_agenda_item_id"] == run["items"][2]


def test_enter_on_an_item_of_a_session_not_started_starts_it(qtbot, run):
    view = run["view"]
    view.agenda_list.setCurrentIndex(view.agenda.index(1, 0))
    view.agenda_list.setFocus()
    qtbot.keyClick(view.agenda_list, Qt.Key.Key_Return)
    with reopen(run["pf"]) as disk:
        session = queries.session(disk, run["session"])
        assert (session["status"], session["live_agenda_item_id"]) == ("running", run["items"][1])


def test_next_item_before_the_session_runs_says_why(qtbot, run):
    view = run["view"]
    view.next_item()
    assert run["failures"] and "Start it first" in run["failures"][-1]


# Capturing ------------------------------------------------------------------------------------------


def test_twenty_captures_are_stored_in_order_with_attribution_and_category(qtbot, run):
    view = run["view"]
    view.start_session()
    typed = []
    for number in range(20):
        suffix = ["@Ann #offer", "#concern", "@Riverside CVS #idea", ""][number % 4]
        typed.append(f"Point {number} {suffix}".strip())
        capture(qtbot, view, typed[-1])
        assert view.capture_box.text() == ""
    assert view.contributions.rowCount() == 20
    last = view.contributions.index(19, 0)
    qtbot.waitUntil(lambda: view.contribution_list.viewport().rect().intersects(view.contribution_list.visualRect(last)))
    assert view.said_label.text() == "Said so far (20)"

    with reopen(run["pf"]) as disk:
        rows = queries.contributions(disk, run["session"], agenda_item_id=run["items"][0])
    assert [r["text"] for r in rows] == [f"Point {n}" for n in range(20)]
    assert rows[0]["participant_id"] == run["ann"] and rows[0]["organisation_id"] == run["council"]
    assert rows[0]["category"] == "offer"
    assert rows[1]["participant_id"] is None and rows[1]["category"] == "concern"
    assert rows[2]["organisation_id"] == run["cvs"] and rows[2]["category"] == "idea"
    assert rows[3]["participant_id"] is None and rows[3]["organisation_id"] is None and rows[3]["category"] is None


def test_after_next_item_captures_go_under_the_new_item(qtbot, run):
    view = run["view"]
    view.start_session()
    capture(qtbot, view, "Said during the welcome")
    view.next_item()
    assert view.contributions.rowCount() == 0
    capture(qtbot, view, "Said about offers")
    capture(qtbot, view, "Rooms free midweek #park")
    assert view.contributions.rowCount() == 1
    assert view.parked.rowCount() == 1
    assert "Parking lot (1)" in view.side_tabs.tabText(1)
    with reopen(run["pf"]) as disk:
        first = queries.contributions(disk, run["session"], agenda_item_id=run["items"][0])
        second = queries.contributions(disk, run["session"], agenda_item_id=run["items"][1], parked=None)
    assert [r["text"] for r in first] == ["Said during the welcome"]
    assert [(r["text"], r["parked"]) for r in second] == [("Said about offers", 0), ("Rooms free midweek", 1)]


def test_blank_enter_does_nothing_and_a_failed_capture_keeps_the_words(qtbot, run):
    view = run["view"]
    view.start_session()
    qtbot.keyClicks(view.capture_box, "   ")
    qtbot.keyClick(view.capture_box, Qt.Key.Key_Return)
    assert view.capture_box.text() == "   "
    view.capture_box.clear()
    capture(qtbot, view, "@Ann")  # only a name: nothing was said, so nothing is stored
    assert run["failures"] and "blank" in run["failures"][-1]
    assert view.capture_box.text() == "@Ann"
    with reopen(run["pf"]) as disk:
        assert queries.contributions(disk, run["session"], parked=None) == []


def test_at_and_hash_complete_names_and_categories(qtbot, run):
    view = run["view"]
    box = view.capture_box
    view.start_session()
    qtbot.keyClicks(box, "Thanks @an")
    assert box.open_completer() is box.name_completer
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert box.text() == "Thanks @Ann Patel "
    assert box.open_completer() is None
    qtbot.keyClicks(box, "#co")
    assert box.open_completer() is box.category_completer
    assert box.category_completer.completionCount() == 2  # concern, competency
    qtbot.keyClick(box.category_completer.popup(), Qt.Key.Key_Down)  # competency, then concern: vocabulary order
    qtbot.keyClick(box.category_completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(box.category_completer.popup(), Qt.Key.Key_Return)
    assert box.text() == "Thanks @Ann Patel #concern "
    qtbot.keyClicks(box, "@riverside c")
    assert box.name_completer.completionCount() == 2  # both organisations
    assert "From: Ann Patel, Riverside Council" in view.capture_panel.preview.text()
    assert "Category: Concern" in view.capture_panel.preview.text()


def test_enter_with_suggestions_open_stores_what_was_typed(qtbot, run):
    view = run["view"]
    view.start_session()
    qtbot.keyClicks(view.capture_box, "We can host #off")
    assert view.capture_box.open_completer() is view.capture_box.category_completer
    qtbot.keyClick(view.capture_box, Qt.Key.Key_Return)
    assert view.capture_box.text() == ""
    with reopen(run["pf"]) as disk:
        [row] = queries.contributions(disk, run["session"])
    assert (row["text"], row["category"]) == ("We can host", "offer")


def test_main_window_shortcuts_reach_through_the_capture_box(qtbot, run):
    """Ctrl+Return and Alt+Left/Right belong to the main window; typing in the box must not swallow them."""
    view = run["view"]
    for keys, slot in (("Ctrl+Return", view.start_session), ("Alt+Right", view.next_item),
                       ("Alt+Left", view.previous_item)):
        action = QAction(keys, view)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        view.addAction(action)
    view.agenda_list.setFocus()
    qtbot.keyClick(view.agenda_list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.live.running and view.live.item_id == run["items"][0]
    assert has_focus(view.capture_box)
    qtbot.keyClicks(view.capture_box, "half-typed")
    qtbot.keyClick(view.capture_box, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.live.item_id == run["items"][1]
    qtbot.keyClick(view.capture_box, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.live.item_id == run["items"][0]
    assert view.capture_box.text() == "half-typed" and has_focus(view.capture_box)


def test_ctrl_z_in_an_empty_capture_box_undoes_the_last_capture(qtbot, run):
    view = run["view"]
    undo = QAction("Undo", view)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.triggered.connect(run["document"].undo)
    view.addAction(undo)  # the main window owns this action; the view must let Ctrl+Z through to it
    view.start_session()
    capture(qtbot, view, "First")
    capture(qtbot, view, "Second")
    qtbot.keyClicks(view.capture_box, "typ")
    qtbot.keyClick(view.capture_box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.contributions.rowCount() == 2  # the box's own typing was undone first
    view.capture_box.clear_after_capture()
    qtbot.keyClick(view.capture_box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [r["text"] for r in view.contributions.rows] == ["First"]
    with reopen(run["pf"]) as disk:
        assert [r["text"] for r in queries.contributions(disk, run["session"])] == ["First"]


# Tidying contributions ----------------------------------------------------------------------------


def test_edit_words_speaker_and_category(qtbot, run):
    view = run["view"]
    view.start_session()
    capture(qtbot, view, "Rooms on four estates")
    qtbot.keyClick(view.capture_box, Qt.Key.Key_Up)  # to the latest contribution
    assert has_focus(view.contribution_list)
    qtbot.keyClick(view.contribution_list, Qt.Key.Key_F2)
    dialog = view.contribution_list.edit_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.text_edit.toPlainText() == "Rooms on four estates"
    dialog.text_edit.setPlainText("Rooms on five estates")
    dialog.person.setCurrentIndex(dialog.person.findData(run["ann"]))
    assert dialog.organisation.currentData() == run["council"]  # follows the person
    dialog.category.setCurrentIndex(dialog.category.findData("resource"))
    dialog.accept()
    with reopen(run["pf"]) as disk:
        [row] = queries.contributions(disk, run["session"])
    assert (row["text"], row["participant_id"], row["organisation_id"], row["category"]) == (
        "Rooms on five estates", run["ann"], run["council"], "resource")


def test_move_to_another_item(qtbot, run):
    view = run["view"]
    view.start_session()
    capture(qtbot, view, "Belongs under values")
    select_rows(view.contribution_list, 0)
    qtbot.keyClick(view.contribution_list, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    menu = view.contribution_list.move_menu
    assert menu is not None and menu.isVisible()
    titles = [a.text() for a in menu.actions()]
    assert titles == ["1. Welcome", "2. What each organisation brings", "3. Our values"]
    assert not menu.actions()[0].isEnabled()  # already there
    menu.actions()[2].trigger()
    menu.hide()
    assert view.contributions.rowCount() == 0
    with reopen(run["pf"]) as disk:
        [row] = queries.contributions(disk, run["session"])
    assert row["agenda_item_id"] == run["items"][2]


def test_park_and_take_back_out(qtbot, run):
    view = run["view"]
    pf = run["pf"]
    view.start_session()
    capture(qtbot, view, "Start on tasks now")
    select_rows(view.contribution_list, 0)
    qtbot.keyClick(view.contribution_list, Qt.Key.Key_P,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert view.contributions.rowCount() == 0 and view.parked.rowCount() == 1
    assert "from “Welcome”" in view.parking_lot.itemDelegate().texts(view.parked.index(0, 0))[0]
    assert queries.contributions(pf, run["session"], parked=True)[0]["text"] == "Start on tasks now"

    view.side_tabs.setCurrentIndex(1)
    select_rows(view.parking_lot, 0)
    qtbot.keyClick(view.parking_lot, Qt.Key.Key_P,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert view.parked.rowCount() == 0 and view.contributions.rowCount() == 1
    with reopen(pf) as disk:
        [row] = queries.contributions(disk, run["session"], parked=None)
    assert (row["parked"], row["agenda_item_id"]) == (0, run["items"][0])


def test_merge_selected(qtbot, run):
    view = run["view"]
    view.start_session()
    for text in ("Evening sessions", "and weekends", "Keep this one"):
        capture(qtbot, view, text)
    select_rows(view.contribution_list, 0, 1)
    assert view.contribution_list.merge_action.isEnabled()
    qtbot.keyClick(view.contribution_list, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert [r["text"] for r in view.contributions.rows] == ["Evening sessions\nand weekends", "Keep this one"]
    with reopen(run["pf"]) as disk:
        texts = [r["text"] for r in queries.contributions(disk, run["session"])]
    assert texts == ["Evening sessions\nand weekends", "Keep this one"]


def test_delete_then_undo_restores(qtbot, run):
    view = run["view"]
    pf = run["pf"]
    view.start_session()
    capture(qtbot, view, "Keep")
    capture(qtbot, view, "Oops")
    select_rows(view.contribution_list, 1)
    qtbot.keyClick(view.contribution_list, Qt.Key.Key_Delete)
    assert [r["text"] for r in view.contributions.rows] == ["Keep"]
    assert [r["text"] for r in queries.contributions(pf, run["session"])] == ["Keep"]
    assert run["document"].undo_label == "Delete contribution"
    run["document"].undo()
    assert [r["text"] for r in view.contributions.rows] == ["Keep", "Oops"]
    with reopen(pf) as disk:
        assert [r["text"] for r in queries.contributions(disk, run["session"])] == ["Keep", "Oops"]


def test_escape_returns_to_the_capture_box_and_f6_moves_between_panes(qtbot, run):
    view = run["view"]
    view.start_session()
    capture(qtbot, view, "Something")
    qtbot.keyClick(view.capture_box, Qt.Key.Key_F6)
    assert has_focus(view.contribution_list)
    qtbot.keyClick(view.contribution_list, Qt.Key.Key_F6)
    assert has_focus(view.agenda_list)
    qtbot.keyClick(view.agenda_list, Qt.Key.Key_Escape)
    assert has_focus(view.capture_box)
    qtbot.keyClick(view.capture_box, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert has_focus(view.values_board.list)


# Values board ---------------------------------------------------------------------------------------


def test_values_propose_agree_reorder_and_notes(qtbot, run):
    view = run["view"]
    board = view.values_board
    view.start_session()
    for text in ("Respect", "Openness"):
        qtbot.keyClicks(board.propose_box, text)
        qtbot.keyClick(board.propose_box, Qt.Key.Key_Return)
    assert board.propose_box.text() == ""
    assert board.current_row()["text"] == "Openness"
    board.list.setFocus()
    qtbot.keyClick(board.list, Qt.Key.Key_Space)
    assert board.list.itemDelegate().texts(board.model.index(1, 0))[0] == "✓ Agreed"
    qtbot.keyClick(board.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [r["text"] for r in board.model.rows] == ["Openness", "Respect"]
    assert board.current_row()["text"] == "Openness"  # the moved value stays selected
    board.notes.setFocus()
    qtbot.keyClicks(board.notes, "So nobody takes on what they cannot do")
    board.list.setFocus()  # leaving the notes saves them
    assert "Values (2)" in view.side_tabs.tabText(0)
    with reopen(run["pf"]) as disk:
        rows = queries.values(disk)
    assert [(r["text"], r["status"], r["session_id"]) for r in rows] == [
        ("Openness", "agreed", run["session"]), ("Respect", "proposed", run["session"])]
    assert rows[0]["why_notes"] == "So nobody takes on what they cannot do"


def test_values_notes_are_saved_after_a_pause_in_typing(qtbot, run):
    board = run["view"].values_board
    board.propose_box.setText("Respect")
    board.propose()
    board.notes.setFocus()
    qtbot.waitUntil(lambda: has_focus(board.notes))
    board.notes._pause.setInterval(50)
    qtbot.keyClicks(board.notes, "Everyone brings expertise")
    qtbot.waitUntil(lambda: queries.values(run["pf"])[0]["why_notes"] == "Everyone brings expertise")
    assert has_focus(board.notes)  # saving did not disturb typing
    with reopen(run["pf"]) as disk:
        assert queries.values(disk)[0]["why_notes"] == "Everyone brings expertise"


def test_values_delete_and_unagree(qtbot, run):
    view = run["view"]
    board = view.values_board
    for text in ("Respect", "Haste"):
        board.propose_box.setText(text)
        board.propose()
    board.list.setFocus()
    qtbot.keyClick(board.list, Qt.Key.Key_Delete)
    assert [r["text"] for r in board.model.rows] == ["Respect"]
    board.select_id(board.model.id_at(0))
    board.agree_button.click()
    assert board.agree_button.text() == "Un-agree"
    board.agree_button.click()
    with reopen(run["pf"]) as disk:
        assert [(r["text"], r["status"]) for r in queries.values(disk)] == [("Respect", "proposed")]


# Clock ------------------------------------------------------------------------------------------------


def _started(item: dict) -> datetime:
    return datetime.fromisoformat(item["run_started_at"])


def test_clock_shows_elapsed_and_left(qtbot, run):
    view = run["view"]
    assert view.clock.text().startswith("Not started")
    view.start_session()
    view.next_item()  # 30 minutes planned
    start = _started(view.live.item)
    view.clock.now = lambda: start + timedelta(seconds=20)
    view.clock.tick()
    assert view.clock.elapsed_label.text() == "0:20 elapsed"
    assert view.clock.remaining_label.text() == "29:40 left of 30 min"
    assert not view.clock.reading.over
    assert view.clock.remaining_label.property("over") is False


def test_clock_says_over_in_words_for_an_overrun(qtbot, run):
    view = run["view"]
    run["document"].apply(agenda.add_agenda_item, session_id=run["session"], title="Quick check", planned_minutes=1,
                          index=0)
    view.start_session()
    assert view.title_label.text() == "Quick check"
    start = _started(view.live.item)
    view.clock.now = lambda: start + timedelta(minutes=3, seconds=10)
    view.clock.tick()
    assert view.clock.elapsed_label.text() == "3:10 elapsed"
    assert view.clock.remaining_label.text().startswith("⚠ Over by 2:10")
    assert view.clock.reading.over and view.clock.remaining_label.property("over") is True
    assert "Over by" in view.clock.text()


def test_read_clock_for_finished_and_untimed_items():
    session = {"status": "finished", "started_at": "2026-03-02T09:00:00+00:00"}
    item = {"planned_minutes": 0, "elapsed_seconds": 600, "run_started_at": None}
    now = datetime.fromisoformat("2026-03-02T12:00:00+00:00")
    reading = read_clock(session, item, now, [item], 0)
    assert reading.elapsed == "Finished · Took 10:00"
    assert reading.remaining == "no time planned for this item"
    assert reading.session == "Session 10:00"
    assert read_clock(None, None, now).elapsed == "No session chosen"
    assert duration_text(3725) == "1:02:05"


# Plain text ------------------------------------------------------------------------------------------


def test_hostile_text_shows_literally_everywhere(qtbot, run):
    view = run["view"]
    document = run["document"]
    document.apply(agenda.update_agenda_item, agenda_item_id=run["items"][0], title=HOSTILE, prompt=HOSTILE)
    document.apply(sessions.update_session, session_id=run["session"], title=HOSTILE)
    view.start_session()
    capture(qtbot, view, f"{HOSTILE} @Ann")
    capture(qtbot, view, f"{HOSTILE} #park")
    qtbot.keyClicks(view.capture_box, HOSTILE)
    for label in (view.title_label, view.prompt_label, view.session_label, view.capture_panel.preview):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert view.title_label.text() == HOSTILE
    assert view.prompt_label.text() == HOSTILE
    assert view.session_label.text().startswith(HOSTILE)
    index = view.contributions.index(0, 0)
    assert view.contribution_list.itemDelegate().texts(index)[1] == HOSTILE
    assert index.data(Qt.ItemDataRole.ToolTipRole) == tooltip_html(HOSTILE)
    assert "&lt;img src=x&gt;" in index.data(Qt.ItemDataRole.ToolTipRole)
    parked_texts = view.parking_lot.itemDelegate().texts(view.parked.index(0, 0))
    assert parked_texts[1] == HOSTILE and HOSTILE in parked_texts[0]
    assert view.agenda.index(0, 0).data().startswith(f"▶ Now: 1. {HOSTILE}")
    assert "&lt;h1&gt;" in view.agenda.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    view.values_board.propose_box.setText(HOSTILE)
    view.values_board.propose()
    value_index = view.values_board.model.index(0, 0)
    assert view.values_board.list.itemDelegate().texts(value_index)[1] == HOSTILE
    for label in view.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.accessibleName()
    with reopen(run["pf"]) as disk:
        assert [r["text"] for r in queries.contributions(disk, run["session"], parked=None)] == [HOSTILE, HOSTILE]


def test_every_control_has_an_accessible_name(qtbot, run):
    from PySide6.QtWidgets import QWidget

    view = run["view"]
    controls = [w for w in view.findChildren(QWidget)
                if w.focusPolicy() != Qt.FocusPolicy.NoFocus and not w.objectName().startswith("qt_")]
    assert len(controls) >= 15  # buttons, lists, boxes of all three panes, shown or not
    assert [type(w).__name__ for w in controls if not w.accessibleName()] == []


def test_no_session_chosen(qtbot, run):
    view = run["view"]
    view.set_session(None)
    assert not view.capture_box.isEnabled()
    assert view.clock.text() == "No session chosen"
    view.start_session()
    view.next_item()
    assert view.agenda.rowCount() == 0


def test_unsent_text_is_kept_as_a_draft_and_offered_back(qtbot, tmp_path):
    """The laptop dies mid-sentence: the words are on disk and come back in the capture box."""
    from facilitator.drafts import load_draft

    view, doc = _run_view_for(qtbot, tmp_path)
    view.start_session()
    qtbot.keyClicks(view.capture_box, "We could share the venue costs")
    qtbot.waitUntil(lambda: load_draft(doc.path, view.session_id) is not None, timeout=3000)
    assert load_draft(doc.path, view.session_id).text == "We could share the venue costs"
    session_id, path = view.session_id, doc.path
    view.drafts._timer.stop()
    view.deleteLater()
    doc.close()

    again = Document(PartnershipFile.open(path))
    fresh = RunView(again)
    qtbot.addWidget(fresh)
    fresh.set_session(session_id)
    assert fresh.capture_box.text() == "We could share the venue costs"
    qtbot.keyClick(fresh.capture_box, Qt.Key.Key_Return)
    assert load_draft(path, session_id) is None
    assert queries.contributions(again.pf, session_id)[-1]["text"] == "We could share the venue costs"
    again.close()


def _run_view_for(qtbot, tmp_path):
    from facilitator.sample import write_sample

    path = tmp_path / "drafts.facilitator"
    write_sample(path)
    doc = Document(PartnershipFile.open(path))
    view = RunView(doc)
    qtbot.addWidget(view)
    view.show()
    view.set_session(2)
    return view, doc
