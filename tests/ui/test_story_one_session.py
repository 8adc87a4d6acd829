"""A whole Story 1 session driven through the real console window, then found again on disk.

Plan three agenda items from the keyboard, start, capture 20 contributions with @ attribution and
# categories, move to the next item, propose and agree values, undo and redo, close, and reopen
the file in a new window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator import queries
from facilitator.operations import people
from facilitator.storage.partnership_file import PartnershipFile
from tests.ui.test_plan_view import add_item_by_keyboard
from ui.main_window import MainWindow
from ui.settings import Settings

PEOPLE = [("Ann Patel", "Riverside Borough Council", "public"), ("Dev Sharma", "Riverside CVS", "vcs"),
          ("Gwyn Hughes", "Eastfield Community Association", "community")]


def focused():
    return QApplication.focusWidget()


def test_a_whole_story_one_session(qtbot, tmp_path):
    settings = Settings(tmp_path / "settings.ini")
    path = tmp_path / "riverside.facilitator"
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.create_partnership(path, title="Riverside LSP", template="blank")
    document = window.document
    for name, organisation, sector in PEOPLE:
        org = document.apply(people.add_organisation, name=organisation, sector=sector).new_id
        document.apply(people.add_participant, name=name, organisation_id=org)

    # Plan three items from the keyboard.
    window.tabs.setCurrentIndex(0)
    plan = window.plan_view
    add_item_by_keyboard(qtbot, plan, "What each individual brings", "R", "20", "What do you bring?")
    add_item_by_keyboard(qtbot, plan, "What each organisation brings", "R", "25", "What does your organisation bring?")
    add_item_by_keyboard(qtbot, plan, "Our values", "V", "30", "Which values should underpin our work?")
    session_id = window.session_id
    items = queries.agenda_items(document.pf, session_id)
    assert [i["title"] for i in items] == ["What each individual brings", "What each organisation brings", "Our values"]

    # Start: the capture box has the keyboard.
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    run = window.run_view
    qtbot.waitUntil(lambda: focused() is run.capture_box)
    speakers = ["@Ann Patel", "@dev", "@Gwyn Hughes", "@Riverside CVS", ""]
    categories = ["#offer", "#expertise", "#link", "#idea", ""]
    for number in range(20):
        text = f"{speakers[number % 5]} Contribution {number + 1} {categories[number % 5]}".strip()
        qtbot.keyClicks(run.capture_box, text)
        qtbot.keyClick(run.capture_box, Qt.Key.Key_Return)
    assert run.contributions.rowCount() == 20

    # Next item: captures go under it, and the capture box still has the keyboard.
    qtbot.keyClick(run.capture_box, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: focused() is run.capture_box)
    qtbot.keyClicks(run.capture_box, "@Ann Patel Training rooms at the civic centre #resource")
    qtbot.keyClick(run.capture_box, Qt.Key.Key_Return)

    # Values: propose three, agree two.
    qtbot.keyClick(run.capture_box, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    board = run.values_board
    for value in ("Respect", "Shared responsibility", "Healthy debate"):
        board.propose_box.setFocus()
        qtbot.keyClicks(board.propose_box, value)
        qtbot.keyClick(board.propose_box, Qt.Key.Key_Return)
    for row in (0, 1):
        board.list.setCurrentIndex(board.model.index(row, 0))
        board.list.setFocus()
        qtbot.keyClick(board.list, Qt.Key.Key_Space)
    assert [v["status"] for v in queries.values(document.pf)] == ["agreed", "agreed", "proposed"]

    # Undo and redo the last agreement from the Edit menu's shortcuts.
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [v["status"] for v in queries.values(document.pf)] == ["agreed", "proposed", "proposed"]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [v["status"] for v in queries.values(document.pf)] == ["agreed", "agreed", "proposed"]
    window.close()

    # On disk, in a fresh window.
    with PartnershipFile.open(path) as pf:
        first = queries.contributions(pf, session_id, agenda_item_id=items[0]["id"])
        second = queries.contributions(pf, session_id, agenda_item_id=items[1]["id"])
        assert [c["text"] for c in first] == [f"Contribution {n}" for n in range(1, 21)]
        assert [c["participant_name"] for c in first[:3]] == ["Ann Patel", "Dev Sharma", "Gwyn Hughes"]
        assert first[3]["organisation_name"] == "Riverside CVS" and first[3]["participant_id"] is None
        assert first[0]["organisation_name"] == "Riverside Borough Council"
        assert [c["category"] for c in first[:5]] == ["offer", "expertise", "link", "idea", None]
        assert [(c["text"], c["category"]) for c in second] == [("Training rooms at the civic centre", "resource")]
    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show()
    assert again.open_path(path)
    assert again.session_id == session_id and again.tabs.currentIndex() == 1  # running: opens on Run
    assert again.run_view.live.item["title"] == "Our values"
    assert again.run_view.values_board.model.rowCount() == 3
    again.run_view.go_to_item(items[0]["id"])
    assert again.run_view.contributions.rowCount() == 20
    again.close()
