"""The planning view, driven like a facilitator drives it: real widgets, real keys, a real file.

Every test checks the FILE ON DISK after closing it and opening it again, not the widgets' idea of it.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from facilitator import queries
from facilitator.operations import agenda, people, sessions
from facilitator.sample import write_sample
from facilitator.storage.partnership_file import PartnershipFile
from ui.document import Document
from ui.models.base import ID_ROLE
from ui.plan.agenda_page import fit_text
from ui.plan_view import PlanView

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
MAIN_WINDOW_LETTERS = set("FEVSHPR")  # File Edit View Session Help menus, Plan and Run tabs


# Fixtures and helpers ------------------------------------------------------------------------------


@pytest.fixture
def opened(qtbot, tmp_path):
    """Documents opened by a test; whatever is still open is closed at the end."""
    documents: list = []

    def open_document(path) -> Document:
        document = Document(PartnershipFile.open(path))
        documents.append(document)
        return document

    yield open_document
    for document in documents:
        document.close()


@pytest.fixture
def blank(tmp_path, opened):
    """A new partnership with one empty session of 60 minutes."""
    path = tmp_path / "t.facilitator"
    PartnershipFile.create(path, title="T").close()
    document = opened(path)
    session = document.apply(sessions.add_session, title="Draft session", length_minutes=60).new_id
    document.pf.history.clear()
    return document, session


@pytest.fixture
def sample(tmp_path, opened):
    path = tmp_path / "sample.facilitator"
    write_sample(path)
    return opened(path)


def make_view(qtbot, document, session_id) -> PlanView:
    view = PlanView(document)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.set_session(session_id)
    return view


def reopen(document) -> PartnershipFile:
    """Close the document's file and open it again: what the widgets did must be on disk."""
    path = document.path
    document.close()
    return PartnershipFile.open(path)


def focus(qtbot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """qtbot.keyClicks, but any character (QTest only knows ASCII keys)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def type_into(qtbot, widget: QWidget, text: str, then=Qt.Key.Key_Tab) -> None:
    """Select what is there, type over it, then finish (Tab by default), as a person would."""
    focus(qtbot, widget)
    qtbot.keyClick(widget, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(widget, text)
    if then is not None:
        qtbot.keyClick(widget, then)


def choose(qtbot, combo: QComboBox, letters: str) -> None:
    """Pick from a closed combo by typing, as people do (after a pause, so it is a new search)."""
    qtbot.wait(QApplication.keyboardInputInterval() + 50)
    qtbot.keyClicks(combo, letters)


def titles(pf, session_id) -> list[str]:
    return [row["title"] for row in queries.agenda_items(pf, session_id)]


def model_texts(table: QTableView, column: int = 0) -> list[str]:
    model = table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def failures(document) -> list[str]:
    messages: list[str] = []
    document.failed.connect(messages.append)
    return messages


# Session details -----------------------------------------------------------------------------------


def test_session_details_are_saved_field_by_field(qtbot, blank):
    document, session = blank
    view = make_view(qtbot, document, session)
    form = view.agenda_page.details
    type_into(qtbot, form.title.widget, "Values & offers")
    type_into(qtbot, form.date.widget, "14/03/2026")  # the UK habit, stored as ISO
    type_into(qtbot, form.start_time.widget, "9:30")
    type_into(qtbot, form.length.widget, "180")
    type_into(qtbot, form.venue.widget, "Eastfield Community Centre")
    type_into(qtbot, form.facilitator.widget, "Ruth Atherton", then=Qt.Key.Key_Return)
    focus(qtbot, form.notes.widget)
    qtbot.keyClicks(form.notes.widget, "Check the hearing loop")
    qtbot.keyClick(form.notes.widget, Qt.Key.Key_Tab)

    assert form.date.widget.text() == "2026-03-14"
    assert form.start_time.widget.text() == "09:30"
    assert form.weekday.text() == "Saturday 14 March 2026"
    assert view.agenda_page.fit_label.text() == "Planned 0 of 180 min — fits"
    with reopen(document) as pf:
        row = queries.session(pf, session)
    assert {k: row[k] for k in ("title", "date", "start_time", "length_minutes", "venue", "facilitator", "notes")} == {
        "title": "Values & offers", "date": "2026-03-14", "start_time": "09:30", "length_minutes": 180,
        "venue": "Eastfield Community Centre", "facilitator": "Ruth Atherton", "notes": "Check the hearing loop",
    }


def test_refused_input_stays_in_the_field_with_the_cores_message(qtbot, blank):
    document, session = blank
    view = make_view(qtbot, document, session)
    form = view.agenda_page.details
    said = failures(document)

    type_into(qtbot, form.date.widget, "next Tuesday")
    assert said == ["The date must look like 2026-03-14 (year-month-day)."]
    assert form.date.widget.text() == "next Tuesday"
    assert form.date.invalid and "2026-03-14" in form.date.widget.accessibleDescription()
    assert not form.error_label.isHidden() and form.error_label.text() == said[0]

    type_into(qtbot, form.start_time.widget, "25:99")
    assert said[-1] == "25:99 is not a time of day. Type a time like 09:30."
    type_into(qtbot, form.title.widget, "   ")
    assert said[-1] == "The session title cannot be blank."

    # Another field saves; the refused ones keep what was typed.
    type_into(qtbot, form.venue.widget, "Civic Centre")
    assert form.date.widget.text() == "next Tuesday" and form.title.widget.text() == "   "

    type_into(qtbot, form.date.widget, "2026-02-30")
    assert said[-1] == "There is no such day as 2026-02-30. Type a date like 2026-03-14."
    type_into(qtbot, form.date.widget, "2026-04-13")
    assert not form.date.invalid and form.weekday.text() == "Monday 13 April 2026"

    with reopen(document) as pf:
        row = queries.session(pf, session)
    assert (row["title"], row["date"], row["start_time"], row["venue"]) == ("Draft session", "2026-04-13", "", "Civic Centre")


# Agenda --------------------------------------------------------------------------------------------


def add_item_by_keyboard(qtbot, view, title: str, kind_keys: str, minutes: str, prompt: str) -> None:
    page = view.agenda_page
    focus(qtbot, page.panel.table)
    qtbot.keyClick(page.panel.table, Qt.Key.Key_A, CTRL_SHIFT)
    form = page.item_form
    assert form.title.widget.hasFocus() and form.title.widget.selectedText() == "New agenda item"
    qtbot.keyClicks(form.title.widget, title)
    qtbot.keyClick(form.title.widget, Qt.Key.Key_Tab)
    assert form.kind.widget.hasFocus()
    choose(qtbot, form.kind.widget, kind_keys)
    qtbot.keyClick(form.kind.widget, Qt.Key.Key_Tab)
    assert form.planned.widget.hasFocus()
    qtbot.keyClicks(form.planned.widget, minutes)
    qtbot.keyClick(form.planned.widget, Qt.Key.Key_Tab)
    assert form.prompt.widget.hasFocus()
    qtbot.keyClicks(form.prompt.widget, prompt)
    qtbot.keyClick(form.prompt.widget, Qt.Key.Key_Tab)


def test_three_agenda_items_added_from_the_keyboard(qtbot, blank):
    document, session = blank
    view = make_view(qtbot, document, session)
    add_item_by_keyboard(qtbot, view, "Welcome", "W", "15", "Who are you?")
    add_item_by_keyboard(qtbot, view, "What each organisation brings", "Ro", "30", "What do you bring?")
    add_item_by_keyboard(qtbot, view, "Coffee", "B", "20", "")

    table = view.agenda_page.panel.table
    assert model_texts(table) == ["Welcome", "What each organisation brings", "Coffee"]
    assert table.current_id() == document.pf.scalar("SELECT max(id) FROM agenda_item")
    assert view.agenda_page.fit_label.text() == "Planned 65 of 60 min — 5 min over"
    with reopen(document) as pf:
        rows = queries.agenda_items(pf, session)
    assert [(r["title"], r["kind"], r["planned_minutes"], r["prompt"]) for r in rows] == [
        ("Welcome", "welcome", 15, "Who are you?"),
        ("What each organisation brings", "round", 30, "What do you bring?"),
        ("Coffee", "break", 20, ""),
    ]


@pytest.fixture
def three_items(blank):
    document, session = blank
    for title, minutes in (("One", 10), ("Two", 20), ("Three", 25)):
        document.apply(agenda.add_agenda_item, session_id=session, title=title, planned_minutes=minutes)
    document.pf.history.clear()
    return document, session


def test_reorder_by_keyboard_keeps_the_item_selected(qtbot, three_items):
    document, session = three_items
    view = make_view(qtbot, document, session)
    table = view.agenda_page.panel.table
    focus(qtbot, table)
    table.select_row(2)
    moved = table.current_id()
    qtbot.keyClick(table, Qt.Key.Key_Up, CTRL)
    qtbot.keyClick(table, Qt.Key.Key_Up, CTRL)
    assert model_texts(table) == ["Three", "One", "Two"]
    assert table.current_id() == moved and table.current_row() == 0
    assert view.agenda_page.item_form.title.widget.text() == "Three"
    qtbot.keyClick(table, Qt.Key.Key_Up, CTRL)  # already first: nothing happens
    qtbot.keyClick(table, Qt.Key.Key_Down, CTRL)
    assert table.current_id() == moved and table.current_row() == 1
    with reopen(document) as pf:
        assert titles(pf, session) == ["One", "Three", "Two"]


def drop_row(table: QTableView, source_row: int, point: QPoint) -> bool:
    """Drag `source_row` over the viewport and drop it at `point`: enter, move, drop, as Qt's drag does.
    True when the drop was taken (a drop back on the same place is not)."""
    model = table.model()
    data: QMimeData = model.mimeData([model.index(source_row, 0)])
    move, left, none = Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for event in (QDragEnterEvent(point, move, data, left, none), QDragMoveEvent(point, move, data, left, none)):
        QApplication.sendEvent(table.viewport(), event)
        assert event.isAccepted(), event.type()
    drop = QDropEvent(QPointF(point), move, data, left, none)
    QApplication.sendEvent(table.viewport(), drop)
    return drop.isAccepted()


def test_reorder_by_drag_and_drop(qtbot, three_items):
    document, session = three_items
    view = make_view(qtbot, document, session)
    table = view.agenda_page.panel.table
    model = table.model()
    one, three = model.id_at(0), model.id_at(2)
    table.select_row(1)  # the dragged row is not the selected one: after the drop, it is

    def upper_edge(row: int) -> QPoint:
        rect = table.visualRect(model.index(row, 0))
        return QPoint(rect.center().x(), rect.top() + 2)

    assert drop_row(table, 2, upper_edge(0))  # before the first row
    assert model_texts(table) == ["Three", "One", "Two"]
    assert table.current_id() == three and view.agenda_page.item_form.title.widget.text() == "Three"

    assert not drop_row(table, 1, upper_edge(2))  # "One" dropped just above "Two", i.e. where it already is
    assert model_texts(table) == ["Three", "One", "Two"]
    assert drop_row(table, 0, upper_edge(2))  # "Three" dropped above "Two": between One and Two
    assert model_texts(table) == ["One", "Three", "Two"]
    assert table.current_id() == three

    below_all = QPoint(10, table.visualRect(model.index(2, 0)).bottom() + 40)
    assert drop_row(table, 0, below_all)  # empty space under the rows: to the end
    assert model_texts(table) == ["Three", "Two", "One"]
    assert table.current_id() == one and table.current_row() == 2

    with reopen(document) as pf:
        assert titles(pf, session) == ["Three", "Two", "One"]


def test_drops_from_elsewhere_are_refused(qtbot, three_items):
    document, session = three_items
    view = make_view(qtbot, document, session)
    model = view.agenda_page.model
    foreign = QMimeData()
    foreign.setData(model.mime_type, b"[999]")
    assert not model.dropMimeData(foreign, Qt.DropAction.MoveAction, 0, 0, model.index(-1, -1))
    text = QMimeData()
    text.setText("One")
    assert not model.dropMimeData(text, Qt.DropAction.MoveAction, 0, 0, model.index(-1, -1))
    assert not model.removeRows(0, 1)
    with reopen(document) as pf:
        assert titles(pf, session) == ["One", "Two", "Three"]


def test_editing_in_the_form_updates_the_table_and_keeps_the_selection(qtbot, three_items):
    document, session = three_items
    view = make_view(qtbot, document, session)
    page = view.agenda_page
    page.panel.table.select_row(1)
    focus(qtbot, page.panel.table)
    qtbot.keyClick(page.panel.table, Qt.Key.Key_F2)
    assert page.item_form.title.widget.hasFocus()
    qtbot.keyClicks(page.item_form.title.widget, "Second item")
    qtbot.keyClick(page.item_form.title.widget, Qt.Key.Key_Return)
    assert model_texts(page.panel.table) == ["One", "Second item", "Three"]
    assert page.panel.table.current_row() == 1
    assert page.item_form.title.widget.text() == "Second item"
    with reopen(document) as pf:
        assert titles(pf, session) == ["One", "Second item", "Three"]


def test_fit_total_in_words(qtbot, three_items):
    document, session = three_items
    view = make_view(qtbot, document, session)
    label = view.agenda_page.fit_label
    assert label.text() == "Planned 55 of 60 min — fits" and label.state == "fits"
    assert label.textFormat() == Qt.TextFormat.PlainText

    page = view.agenda_page
    page.panel.table.select_row(2)
    type_into(qtbot, page.item_form.planned.widget, "35")
    assert label.text() == "Planned 65 of 60 min — 5 min over" and label.state == "over"
    assert "#b71c1c" in label.styleSheet()  # colour repeats what the words say

    type_into(qtbot, page.details.length.widget, "90")
    assert label.text() == "Planned 65 of 90 min — fits"
    with reopen(document) as pf:
        assert queries.agenda_fit(pf, session) == {"planned": 65, "length": 90, "over_by": 0}


def test_fit_text_wording():
    assert fit_text(175, 180) == ("Planned 175 of 180 min — fits", "fits")
    assert fit_text(180, 180) == ("Planned 180 of 180 min — fits", "fits")
    assert fit_text(200, 180) == ("Planned 200 of 180 min — 20 min over", "over")
    assert fit_text(30, 0)[1] == "unknown" and "length" in fit_text(30, 0)[0]


def test_delete_then_undo_restores_the_item(qtbot, three_items):
    document, session = three_items
    view = make_view(qtbot, document, session)
    panel = view.agenda_page.panel
    focus(qtbot, panel.table)
    panel.table.select_row(1)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert model_texts(panel.table) == ["One", "Three"]
    assert panel.table.current_row() == 1  # the next item is selected, ready for another Delete
    assert panel.status_label.text() == "Deleted “Two”. Ctrl+Z brings it back."
    assert view.agenda_page.fit_label.text() == "Planned 35 of 60 min — fits"

    document.undo()
    assert model_texts(panel.table) == ["One", "Two", "Three"]
    assert panel.status_label.text() == ""
    assert view.agenda_page.fit_label.text() == "Planned 55 of 60 min — fits"
    with reopen(document) as pf:
        assert titles(pf, session) == ["One", "Two", "Three"]


def test_a_typed_prompt_is_saved_when_the_session_changes(qtbot, three_items):
    document, session = three_items
    other = document.apply(sessions.add_session, title="Next").new_id
    view = make_view(qtbot, document, session)
    form = view.agenda_page.item_form
    focus(qtbot, form.prompt.widget)
    qtbot.keyClicks(form.prompt.widget, "Not yet left the field")
    view.set_session(other)  # e.g. chosen from the main window's session box by shortcut
    assert view.agenda_page.panel.table.model().rowCount() == 0
    with reopen(document) as pf:
        assert queries.agenda_items(pf, session)[0]["prompt"] == "Not yet left the field"


def test_typed_text_stays_with_its_item_when_the_selection_moves(qtbot, three_items):
    """E.g. a drop or an undo moves the selection while the cursor is still in the prompt."""
    document, session = three_items
    view = make_view(qtbot, document, session)
    page = view.agenda_page
    focus(qtbot, page.item_form.prompt.widget)
    qtbot.keyClicks(page.item_form.prompt.widget, "For the first item")
    page.panel.table.select_row(2)
    assert page.item_form.prompt.widget.toPlainText() == ""
    with reopen(document) as pf:
        assert [r["prompt"] for r in queries.agenda_items(pf, session)] == ["For the first item", "", ""]


def test_no_session_shows_a_hint_and_people_stay_editable(qtbot, blank):
    document, _session = blank
    view = make_view(qtbot, document, None)
    assert view.agenda_page.stack.currentWidget() is view.agenda_page.no_session
    assert view.attendance_page.summary.text() == ""
    assert all(not b.isEnabled() for b in view.attendance_page.buttons.values())
    assert view.organisations_page.panel.add_button.isEnabled()


def test_a_read_only_file_cannot_be_changed_from_the_plan(qtbot, tmp_path, opened):
    path = tmp_path / "ro.facilitator"
    write_sample(path)
    document = opened(path)
    document.close()
    document = Document(PartnershipFile.open(path, read_only=True))
    said = failures(document)
    view = make_view(qtbot, document, 1)
    panel = view.agenda_page.panel
    assert not panel.add_button.isEnabled() and not panel.delete_button.isEnabled()
    assert view.agenda_page.details.title.widget.isReadOnly()
    focus(qtbot, panel.table)
    for key, mods in ((Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_A, CTRL_SHIFT),
                      (Qt.Key.Key_Down, CTRL)):
        qtbot.keyClick(panel.table, key, mods)
    view.tabs.setCurrentIndex(3)
    focus(qtbot, view.attendance_page.table)
    qtbot.keyClick(view.attendance_page.table, Qt.Key.Key_N)
    assert said == [] and document.undo_label is None
    document.close()
    with PartnershipFile.open(path) as pf:
        assert len(queries.agenda_items(pf, 1)) == 8 and queries.attendance(pf, 1)[0]["status"] == "present"


# Organisations, people, attendance -----------------------------------------------------------------


def test_organisations_and_people_with_access_needs(qtbot, blank):
    document, session = blank
    view = make_view(qtbot, document, session)
    view.tabs.setCurrentIndex(1)
    orgs = view.organisations_page
    focus(qtbot, orgs.panel.table)
    qtbot.keyClick(orgs.panel.table, Qt.Key.Key_Insert)
    qtbot.keyClicks(orgs.form.name.widget, "Riverside CVS")
    qtbot.keyClick(orgs.form.name.widget, Qt.Key.Key_Tab)
    choose(qtbot, orgs.form.sector.widget, "V")
    assert orgs.form.sector.widget.currentText() == "Voluntary and community sector (VCS)"
    focus(qtbot, orgs.panel.table)
    qtbot.keyClick(orgs.panel.table, Qt.Key.Key_A, CTRL_SHIFT)
    qtbot.keyClicks(orgs.form.name.widget, "Riverside Council")
    qtbot.keyClick(orgs.form.name.widget, Qt.Key.Key_Tab)
    choose(qtbot, orgs.form.sector.widget, "Pu")
    assert model_texts(orgs.panel.table, 1) == ["Voluntary and community sector (VCS)", "Public sector"]

    view.tabs.setCurrentIndex(2)
    page = view.people_page
    focus(qtbot, page.panel.table)
    qtbot.keyClick(page.panel.table, Qt.Key.Key_A, CTRL_SHIFT)
    form = page.form
    type_text(qtbot, form.name.widget, "Siân Evans")
    qtbot.keyClick(form.name.widget, Qt.Key.Key_Tab)
    assert form.organisation.widget.hasFocus() and form.organisation.widget.currentText() == "No organisation"
    choose(qtbot, form.organisation.widget, "Riverside CVS")
    qtbot.keyClick(form.organisation.widget, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.role.widget, "Volunteer lead")
    qtbot.keyClick(form.role.widget, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.access_needs.widget, "Hearing loop; step-free access")
    qtbot.keyClick(form.access_needs.widget, Qt.Key.Key_Return)
    assert model_texts(page.panel.table, 1) == ["Riverside CVS"]
    assert model_texts(page.panel.table, 3) == ["Hearing loop; step-free access"]

    with reopen(document) as pf:
        organisations = {o["name"]: o for o in queries.organisations(pf)}
        (person,) = queries.participants(pf)
    assert organisations["Riverside CVS"]["sector"] == "vcs"
    assert organisations["Riverside Council"]["sector"] == "public"
    assert (person["name"], person["organisation_id"], person["role"], person["access_needs"]) == (
        "Siân Evans", organisations["Riverside CVS"]["id"], "Volunteer lead", "Hearing loop; step-free access")


def test_renaming_an_organisation_updates_the_person_form_choices(qtbot, blank):
    document, session = blank
    org = document.apply(people.add_organisation, name="Police", sector="public").new_id
    document.apply(people.add_participant, name="Karen", organisation_id=org)
    view = make_view(qtbot, document, session)
    view.tabs.setCurrentIndex(1)
    type_into(qtbot, view.organisations_page.form.name.widget, "Northshire Police")
    combo = view.people_page.form.organisation.widget
    assert [combo.itemText(i) for i in range(combo.count())] == ["No organisation", "Northshire Police"]
    assert combo.currentText() == "Northshire Police"
    assert model_texts(view.people_page.panel.table, 1) == ["Northshire Police"]


def test_attendance_by_keyboard(qtbot, blank):
    document, session = blank
    for name in ("Ann", "Bo", "Cy", "Di"):
        document.apply(people.add_participant, name=name)
    view = make_view(qtbot, document, session)
    view.tabs.setCurrentIndex(3)
    page = view.attendance_page
    assert "P present" in page.hint.text() and page.hint.isVisible()
    focus(qtbot, page.table)
    page.table.select_row(0)
    for key in (Qt.Key.Key_P, Qt.Key.Key_A, Qt.Key.Key_X, Qt.Key.Key_I):
        qtbot.keyClick(page.table, key)  # each key moves on to the next person
    assert model_texts(page.table, 2) == ["Present", "Apologies", "Invited but absent", "Invited"]
    assert page.summary.text() == "1 present, 1 apologies, 1 absent, 1 invited, not yet marked"

    page.table.select_row(3)
    qtbot.keyClick(page.table, Qt.Key.Key_P)
    page.table.select_row(1)
    qtbot.keyClick(page.table, Qt.Key.Key_N)
    assert page.summary.text() == "2 present, 0 apologies, 1 absent, 1 not invited"

    with reopen(document) as pf:
        status = {r["name"]: r["status"] for r in queries.attendance(pf, session)}
    assert status == {"Ann": "present", "Bo": None, "Cy": "absent", "Di": "present"}


def test_attendance_for_everyone_selected(qtbot, sample):
    view = make_view(qtbot, sample, 2)
    view.tabs.setCurrentIndex(3)
    table = view.attendance_page.table
    focus(qtbot, table)
    qtbot.keyClick(table, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(table, Qt.Key.Key_I)
    assert view.attendance_page.summary.text().endswith("15 invited, not yet marked")
    with reopen(sample) as pf:
        assert {r["status"] for r in queries.attendance(pf, 2)} == {"invited"}


# Plain text, accessibility, keyboard ---------------------------------------------------------------


def test_hostile_names_show_literally(qtbot, blank):
    document, session = blank
    document.apply(sessions.update_session, session_id=session, title="<h1>x</h1>")
    org = document.apply(people.add_organisation, name="<img src=x>").new_id
    document.apply(people.add_participant, name="<b>Bo</b>", organisation_id=org, access_needs="<i>loop</i>")
    document.apply(agenda.add_agenda_item, session_id=session, title="<img src=x>", prompt="<h1>Q</h1>")
    view = make_view(qtbot, document, session)

    agenda_table = view.agenda_page.panel.table
    assert model_texts(agenda_table) == ["<img src=x>"]
    tip = agenda_table.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img src=x&gt;" in tip and "<img" not in tip
    assert model_texts(view.organisations_page.panel.table) == ["<img src=x>"]
    assert model_texts(view.people_page.panel.table, 1) == ["<img src=x>"]
    assert view.agenda_page.details.title.widget.text() == "<h1>x</h1>"
    assert view.agenda_page.item_form.prompt.widget.toPlainText() == "<h1>Q</h1>"
    assert view.attendance_page.heading.text() == "Attendance at “<h1>x</h1>”"
    assert view.people_page.form.organisation.widget.itemText(1) == "<img src=x>"

    view.tabs.setCurrentIndex(1)
    focus(qtbot, view.organisations_page.panel.table)
    qtbot.keyClick(view.organisations_page.panel.table, Qt.Key.Key_Delete)
    assert view.organisations_page.panel.status_label.text() == "Deleted “<img src=x>”. Ctrl+Z brings it back."
    for label in view.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


def test_every_control_has_an_accessible_name(qtbot, sample):
    view = make_view(qtbot, sample, 1)
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTableView)
    controls = [w for w in view.findChildren(QWidget) if isinstance(w, kinds)
                and not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox))  # their inner parts
                and not w.objectName().startswith("qt_")]  # Qt's own hidden parts (corner button...)
    assert len(controls) > 30
    unnamed = [f"{type(w).__name__} {w.objectName()!r}" for w in controls if not w.accessibleName()]
    assert unnamed == []


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).upper() if found else None


def test_mnemonics_are_unique_on_each_page_and_leave_the_menus_alone(qtbot, sample):
    view = make_view(qtbot, sample, 1)
    tab_letters = [mnemonic(view.tabs.tabText(i)) for i in range(view.tabs.count())]
    assert tab_letters == ["1", "2", "3", "4"]
    for index in range(view.tabs.count()):
        page = view.tabs.widget(index)
        texts = [label.text() for label in page.findChildren(QLabel) if label.buddy() is not None]
        texts += [button.text() for button in page.findChildren(QAbstractButton)]
        letters = [m for m in map(mnemonic, texts) if m]
        assert len(letters) == len(set(letters)), (view.tabs.tabText(index), sorted(letters))
        assert not set(letters) & (MAIN_WINDOW_LETTERS | set(tab_letters)), view.tabs.tabText(index)
        for label in page.findChildren(QLabel):
            if mnemonic(label.text()):
                assert label.buddy() is not None, label.text()


def test_alt_letter_reaches_a_field(qtbot, sample):
    view = make_view(qtbot, sample, 1)
    focus(qtbot, view.agenda_page.panel.table)
    qtbot.keyClick(view.agenda_page.panel.table, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert view.agenda_page.details.length.widget.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert view.tabs.currentIndex() == 2


def test_tab_order_runs_from_the_session_form_through_the_agenda(qtbot, sample):
    view = make_view(qtbot, sample, 1)
    page = view.agenda_page
    focus(qtbot, page.details.notes.widget)
    qtbot.keyClick(page.details.notes.widget, Qt.Key.Key_Tab)
    assert page.panel.table.hasFocus()
    qtbot.keyClick(page.panel.table, Qt.Key.Key_Tab)
    assert page.item_form.title.widget.hasFocus()


def test_model_ids_follow_rows_after_a_move(qtbot, sample):
    """The table's ID_ROLE (used by other views) matches the file after a keyboard move."""
    view = make_view(qtbot, sample, 1)
    table = view.agenda_page.panel.table
    focus(qtbot, table)
    table.select_row(7)
    qtbot.keyClick(table, Qt.Key.Key_Up, CTRL)
    ids = [table.model().index(r, 0).data(ID_ROLE) for r in range(table.model().rowCount())]
    with reopen(sample) as pf:
        assert ids == [r["id"] for r in queries.agenda_items(pf, 1)]
        assert titles(pf, 1)[6] == "Next steps"
