"""The presenter window and its controller: presenting, what is shown, privacy, keys, screens, themes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

from facilitator import queries
from facilitator.analysis.voice import voice_balance
from facilitator.operations import actions as action_ops
from facilitator.operations import agenda, contributions, health, people, sessions, values
from facilitator.sample import write_sample
from facilitator.storage.partnership_file import PartnershipFile
from tests.ui.test_presenter_layout import (ACTION_TEXTS, ORGANISATIONS_12, assert_grid_fits, assert_scene_fits,
                                            matrix_marks)
from tests.ui.tools_support import show
from ui.document import Document
from ui.main_window import MainWindow
from ui.presenter import PresenterController, PresenterWindow, boards
from ui.presenter.screens import after_screen_added, after_screen_removed, choose_screen
from ui.presenter.themes import THEMES, contrast_ratio
from ui.presenter.view import BLACK, WHITE
from ui.settings import Settings
from ui.tools.health_page import HealthCheckPage

SECRETS = {
    "agenda_notes": "SECRET-AGENDA-NOTE-7731",
    "session_notes": "SECRET-SESSION-NOTE-5512",
    "organisation_notes": "SECRET-ORG-NOTE-9043",
    "access_needs": "SECRET-ACCESS-NEED-2281",
    "role": "SECRET-ROLE-6620",
    "why_notes": "SECRET-WHY-NOTE-4410",
    "rating_note": "SECRET-RATING-NOTE-3307",
}


@pytest.fixture
def settings(tmp_path):
    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def console(qtbot):
    window = QMainWindow()
    window.setCentralWidget(QWidget())
    window.resize(800, 600)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def document(planned):
    doc = Document(planned["pf"])
    doc.apply(sessions.start_session, session_id=planned["session"])
    return doc


@pytest.fixture
def controller(settings, console, document, planned):
    presenter = PresenterController(settings, console)
    presenter.set_document(document)
    presenter.set_session(planned["session"])
    yield presenter
    presenter.stop()


def texts(presenter: PresenterController) -> list[str]:
    """Every text item on the projector (a heading, one card's body, a meta line), lines joined."""
    return presenter.window.view.visible_items()


def joined(presenter: PresenterController) -> str:
    return "\n".join(texts(presenter))


def add(document, planned, text, **extra):
    item = queries.session(document.pf, planned["session"])["live_agenda_item_id"]
    return document.apply(contributions.add_contribution, session_id=planned["session"], text=text,
                          agenda_item_id=item, **extra)


# The contract ------------------------------------------------------------------------------------


def test_contract(controller):
    assert controller.window is None  # nothing is made until first shown
    listed = controller.actions()
    keys = {a.shortcut().toString() for a in listed if not a.isSeparator()}
    assert {"F5", "Esc", "B", "W", "Ctrl++", "Ctrl+-"} <= keys
    names = {a.objectName() for a in listed}
    assert {f"pin_{k}" for k in boards.VIEWS} <= names
    assert {"theme_light", "theme_dark", "theme_high_contrast", "attribution", "screen"} <= names
    screen_action = next(a for a in listed if a.objectName() == "screen")
    assert screen_action.menu() is not None
    controller.screen_menu.aboutToShow.emit()
    assert len(screen_action.menu().actions()) == 1 + len(QApplication.screens())
    assert not controller.stop_action.isEnabled()  # Esc is only taken while presenting


def test_f5_presents_full_screen_and_esc_returns(controller, console, qtbot):
    QTest.keyClick(console, Qt.Key.Key_F5)
    window = controller.window
    assert isinstance(window, PresenterWindow)
    qtbot.waitUntil(window.isVisible)
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.screen() is console.screen()  # one screen: F5 toggles console and view
    assert controller.stop_action.isEnabled()
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible() and not controller.presenting
    assert controller.window is window  # kept for next time
    QTest.keyClick(console, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isVisible)
    QTest.keyClick(window, Qt.Key.Key_F5)
    assert not window.isVisible()


def test_esc_in_a_console_text_field_does_not_stop_presenting(controller, console, qtbot):
    from PySide6.QtWidgets import QLineEdit

    field = QLineEdit(console.centralWidget())
    field.show()
    controller.start()
    console.activateWindow()
    field.setFocus()
    field.setText("half-typed")
    QTest.keyClick(field, Qt.Key.Key_Escape)
    assert controller.presenting  # Esc was the field's
    console.centralWidget().setFocus()
    QTest.keyClick(console.centralWidget(), Qt.Key.Key_Escape)
    assert not controller.presenting


def test_text_typed_in_the_console_appears_at_once(controller, document, planned):
    controller.start()
    add(document, planned, "Free room hire on weekday evenings")
    assert "Free room hire on weekday evenings" in texts(controller)
    add(document, planned, "A second offer, the newest")
    scene = controller.window.view.scene()
    newest = scene.wall.placed[-1]
    assert newest.card.strong and "A second offer, the newest" in " ".join(newest.body)


def test_follows_the_live_item(controller, document, planned):
    controller.start()
    assert "Welcome" in texts(controller)
    document.apply(sessions.next_agenda_item, session_id=planned["session"])
    assert "What each organisation brings" in texts(controller)
    add(document, planned, "Said under item two")
    assert "Said under item two" in texts(controller)
    document.undo()
    assert "Said under item two" not in texts(controller)


def test_before_the_start_the_room_sees_the_welcome_screen(settings, console, planned):
    doc = Document(planned["pf"])
    presenter = PresenterController(settings, console)
    presenter.set_document(doc)
    presenter.set_session(planned["session"])
    presenter.start()
    assert presenter.window.view.board.kind == boards.WELCOME
    assert "Values and offers" in texts(presenter) and "Welcome" in texts(presenter)
    presenter.stop()


def test_timer_says_remaining_and_overrun_in_words(controller):
    from datetime import datetime, timedelta, timezone

    controller.start()
    view = controller.window.view
    view.now = lambda: datetime.now(timezone.utc) + timedelta(minutes=4)
    reading, over = view.timer_reading()
    assert reading.endswith("left") and not over
    view.now = lambda: datetime.now(timezone.utc) + timedelta(minutes=13)
    reading, over = view.timer_reading()
    assert reading.startswith("Over by") and over
    assert reading in texts(controller)


def test_every_view_can_be_pinned(controller, document, planned):
    pf = document.pf
    document.apply(values.add_value, text="Openness and honesty")
    item = queries.session(pf, planned["session"])["live_agenda_item_id"]
    document.apply(contributions.add_contribution, session_id=planned["session"], text="Start on tasks now",
                   agenda_item_id=item, parked=True)
    action = document.apply(action_ops.add_action, text="Map the venues", session_id=planned["session"]).new_id
    document.apply(action_ops.set_responsibility, action_id=action, organisation_id=planned["council"], role="lead")
    check = document.apply(health.add_health_check, session_id=planned["session"], title="How are we doing?").new_id
    prompt = document.apply(health.add_health_prompt, health_check_id=check, text="Power within the room").new_id
    document.apply(health.rate_health_prompt, health_prompt_id=prompt, rating=2)
    controller.start()
    expected = {
        boards.LIVE: "Welcome",
        boards.AGENDA: "2. What each organisation brings",
        boards.VALUES: "Openness and honesty",
        boards.PARKING: "Start on tasks now",
        boards.MATRIX: "Map the venues",
        boards.HEALTH: "Rated: Amber",
        boards.WELCOME: "Values and offers",
    }
    for key, text in expected.items():
        controller.pin_actions[key].trigger()
        assert controller.pinned == key
        assert text in texts(controller), key
        assert_scene_fits(controller.window.view.scene())
    # changes show at once on a pinned view too
    controller.pin(boards.VALUES)
    document.apply(values.add_value, text="Learning together")
    assert "Learning together" in texts(controller)


def test_digits_on_the_presentation_screen_pin_views(controller):
    controller.start()
    QTest.keyClick(controller.window, Qt.Key.Key_3)
    assert controller.pinned == boards.VALUES
    assert controller.pin_actions[boards.VALUES].isChecked()


# Private stays private ---------------------------------------------------------------------------


def _everything_the_window_shows(presenter: PresenterController) -> str:
    window = presenter.window
    found = list(presenter.window.view.visible_texts()) + presenter.window.view.visible_items()
    for widget in [window, *window.findChildren(QWidget)]:
        found += [widget.windowTitle(), widget.accessibleName(), widget.accessibleDescription(), widget.toolTip(),
                  widget.statusTip(), widget.whatsThis()]
        if isinstance(widget, QLabel):
            found.append(widget.text())
    return "\n".join(found)


def test_private_fields_never_reach_the_presenter(controller, document, planned):
    pf = document.pf
    session_id = planned["session"]
    for item in planned["items"]:
        document.apply(agenda.update_agenda_item, agenda_item_id=item, notes=SECRETS["agenda_notes"])
    document.apply(sessions.update_session, session_id=session_id, notes=SECRETS["session_notes"])
    document.apply(people.update_organisation, organisation_id=planned["council"], notes=SECRETS["organisation_notes"])
    document.apply(people.update_participant, participant_id=planned["ann"], access_needs=SECRETS["access_needs"],
                   role=SECRETS["role"])
    document.apply(values.add_value, text="Respect", why_notes=SECRETS["why_notes"])
    check = document.apply(health.add_health_check, session_id=session_id, title="Health").new_id
    prompt = document.apply(health.add_health_prompt, health_check_id=check, text="Power").new_id
    document.apply(health.rate_health_prompt, health_prompt_id=prompt, rating=1, note=SECRETS["rating_note"])
    for index in range(6):
        add(document, planned, f"Contribution {index}", participant_id=planned["ann"])
    add(document, planned, "From the CVS", organisation_id=planned["cvs"])
    balance = voice_balance(pf, session_id)
    controller.set_show_attribution(True)
    controller.start()
    seen = []
    for theme_key in THEMES:
        controller.set_theme(theme_key)
        for key in boards.VIEWS:
            controller.pin(key)
            seen.append(_everything_the_window_shows(controller))
    shown = "\n".join(seen)
    for secret in SECRETS.values():
        assert secret not in shown
    assert "%" not in shown
    assert not re.search(r"\b(voice|vocal|silent|balance|share of)\b", shown, re.IGNORECASE)
    for tally in balance.by_organisation:  # no "Riverside Council: 6" style figures
        assert f"{tally.label}: {tally.count}" not in shown and f"{tally.label} ({tally.count})" not in shown
    # The presenter's models never even hold the private columns.
    source = controller.source
    for model in (source.head, source.agenda, source.contributions, source.parked, source.values):
        for row in model.rows:
            assert not {"notes", "why_notes", "access_needs", "role", "organisation_sector"} & set(row)
            assert not any(secret in str(value) for value in row.values() for secret in SECRETS.values())


def test_presenter_code_reads_only_public_queries():
    folder = Path(__file__).resolve().parents[2] / "ui" / "presenter"
    source = "\n".join(p.read_text(encoding="utf-8") for p in folder.glob("*.py"))
    assert "analysis.voice" not in source and "voice_balance" not in source
    for private in ("queries.agenda_items(", "queries.contributions(", "queries.session(", "queries.values(",
                    "queries.participants(", "queries.attendance("):
        assert private not in source


def test_attribution_is_optional(controller, document, planned):
    controller.start()
    add(document, planned, "Our befriending network", participant_id=planned["ann"], category="offer")
    assert not controller.settings.presenter_show_attribution  # hidden unless the facilitator asks
    assert "Ann Patel" not in joined(controller) and "Riverside Council" not in joined(controller)
    assert "Offer" in texts(controller)
    controller.attribution_action.trigger()
    assert "Offer · Ann Patel, Riverside Council" in texts(controller)
    assert controller.settings.presenter_show_attribution


# Blackout, pointer, keys, zoom -------------------------------------------------------------------


def _colors(image) -> set[str]:
    return {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}


def test_b_blacks_out_and_w_whites_out(controller, qtbot):
    controller.start()
    window = controller.window
    qtbot.waitUntil(window.isVisible)
    QTest.keyClick(window, Qt.Key.Key_B)
    assert window.view.blank == BLACK and window.view.visible_texts() == []
    assert _colors(window.grab().toImage()) == {"#000000"}
    QTest.keyClick(window, Qt.Key.Key_W)
    assert window.view.blank == WHITE
    assert _colors(window.grab().toImage()) == {"#ffffff"}
    QTest.keyClick(window, Qt.Key.Key_W)
    assert window.view.blank == ""
    QTest.keyClick(window, Qt.Key.Key_B)
    controller.stop()
    assert window.view.blank == "" and not controller.black_action.isChecked()


def test_pointer_hides_after_stillness(controller, qtbot):
    controller.start()
    window = controller.window
    window._idle.setInterval(50)
    window.wake_cursor()
    assert not window.cursor_hidden
    qtbot.waitUntil(lambda: window.cursor_hidden, timeout=2000)
    move = QMouseEvent(QMouseEvent.Type.MouseMove, QPointF(10, 10), QPointF(10, 10), Qt.MouseButton.NoButton,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, move)
    assert not window.cursor_hidden
    qtbot.waitUntil(lambda: window.cursor_hidden, timeout=2000)


def test_bigger_and_smaller_text(controller, document, planned, console):
    controller.start()
    add(document, planned, "A short card")
    before = controller.window.view.scene()
    QTest.keyClick(console, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert controller.settings.presenter_font_scale < 1
    smaller = controller.window.view.scene()
    assert smaller.wall.body_px <= before.wall.body_px and smaller.wall.body_px >= smaller.floor_px
    for _ in range(3):
        controller.bigger_action.trigger()
    assert controller.settings.presenter_font_scale > 1
    assert controller.window.view.scene().wall.body_px > smaller.wall.body_px
    for _ in range(20):
        controller.smaller_action.trigger()
    scene = controller.window.view.scene()
    assert scene.wall.body_px >= scene.floor_px
    assert_scene_fits(scene)


def test_pages_turn_and_new_cards_bring_the_newest_back(controller, document, planned):
    controller.start()
    controller.window.resize(1024, 768)
    for index in range(40):
        add(document, planned, f"Contribution number {index} about shared venues and volunteers")
    view = controller.window.view
    last = view.scene().wall
    assert last.paged and last.placed[-1].index == 39
    QTest.keyClick(controller.window, Qt.Key.Key_PageUp)
    assert view.scene().wall.page == last.page - 1
    add(document, planned, "The newest")
    assert view.scene().wall.placed[-1].card.body == "The newest"


def test_theme_and_settings_are_remembered(controller, settings, console):
    controller.theme_actions["high_contrast"].trigger()
    assert settings.presenter_theme == "high_contrast"
    again = PresenterController(settings, console)
    assert again.theme_actions["high_contrast"].isChecked()
    again.start()
    assert again.window.view.theme.key == "high_contrast"
    again.stop()


def test_contrast_is_at_least_7_to_1_in_every_theme():
    for theme in THEMES.values():
        pairs = theme.text_pairs()
        assert {"matrix lead mark", "matrix support mark"} <= {what for what, _t, _b in pairs}
        for what, text, background in pairs:
            ratio = contrast_ratio(text, background)
            assert ratio >= 7.0, f"{theme.key}: {what} {text} on {background} is {ratio:.2f}:1"
        for what, color, background in theme.shape_pairs():  # shapes and fills beside words: 3:1
            ratio = contrast_ratio(color, background)
            assert ratio >= 3.0, f"{theme.key}: {what} {color} on {background} is {ratio:.2f}:1"
        # The matrix's cells read in greyscale: lead, support and no role differ in lightness.
        fills = {"lead": theme.lead_fill, "support": theme.support_fill, "none": theme.card}
        for first, second in (("lead", "support"), ("support", "none"), ("lead", "none")):
            ratio = contrast_ratio(fills[first], fills[second])
            assert ratio >= 1.8, f"{theme.key}: {first} and {second} cells are {ratio:.2f}:1 apart in lightness"
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_accessible_names(controller):
    controller.start()
    assert controller.window.accessibleName() == "Presentation screen"
    assert controller.window.view.accessibleName() == "Projected view"
    assert "Welcome" in controller.window.view.accessibleDescription()


def test_no_menus_or_tooltips_on_the_projector(controller):
    controller.start()
    window = controller.window
    assert window.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    assert [type(w).__name__ for w in window.findChildren(QWidget)] == ["BoardView"]


@pytest.mark.parametrize("width,height", [(1024, 768), (1366, 768), (1920, 1080)])
def test_window_grabs_at_room_sizes(controller, document, planned, width, height):
    controller.start()
    for index in range(12):
        add(document, planned, f"Offer {index}: " + "community venues and volunteers " * (index % 4 + 1))
    controller.window.showNormal()
    controller.window.resize(width, height)
    image = controller.window.grab().toImage()
    assert (image.width(), image.height()) == (width, height)
    scene = controller.window.view.scene()
    assert (scene.width, scene.height) == (width, height)
    assert_scene_fits(scene)
    assert len(_colors(image)) > 3  # something was drawn


@pytest.mark.parametrize("width,height", [(1024, 768), (1366, 768), (1920, 1080)])
@pytest.mark.parametrize("count", [1, 10, 60, 300])
def test_real_window_with_many_contributions(controller, document, planned, width, height, count):
    """The real window, fed by the real models, at each room size: every page fits the screen."""
    from tests.ui.test_presenter_layout import HOSTILE, sample_texts

    pf = document.pf
    item = queries.session(pf, planned["session"])["live_agenda_item_id"]
    texts_ = sample_texts(count - 2) + [HOSTILE[0], HOSTILE[1]] if count > 2 else sample_texts(count)
    for index, text in enumerate(texts_):
        contributions.add_contribution(pf, session_id=planned["session"], text=text, agenda_item_id=item,
                                       participant_id=planned["ann"] if index % 2 else None)
    controller.set_session(planned["session"])  # written behind the document's back: read again
    controller.set_show_attribution(True)
    controller.start()
    window = controller.window
    window.showNormal()
    window.resize(width, height)
    view = window.view
    scene = view.scene()
    assert (scene.width, scene.height) == (width, height)
    assert scene.wall.total == count and scene.wall.placed[-1].index == count - 1
    pages = scene.wall.page_count
    for page in range(pages):
        view.page = page
        view._relayout()
        assert_scene_fits(view.scene())
    image = window.grab().toImage()
    assert (image.width(), image.height()) == (width, height)


# Screens -------------------------------------------------------------------------------------------


class FakeScreen:
    def __init__(self, name):
        self._name = name

    def name(self):
        return self._name

    def __repr__(self):
        return f"FakeScreen({self._name})"


def test_screen_choice():
    laptop, projector, tv = FakeScreen("eDP-1"), FakeScreen("HDMI-1"), FakeScreen("DP-2")
    assert choose_screen([laptop], laptop) is laptop  # one screen: toggle on it
    assert choose_screen([laptop, projector], laptop) is projector  # second screen chosen automatically
    assert choose_screen([projector, laptop], laptop) is projector
    assert choose_screen([laptop, projector, tv], laptop, "DP-2") is tv  # remembered by name
    assert choose_screen([laptop, projector], laptop, "DP-2") is projector  # remembered one not plugged in
    assert choose_screen([], laptop) is None


def test_screens_plugged_in_or_removed_keep_the_window():
    laptop, projector, tv = FakeScreen("eDP-1"), FakeScreen("HDMI-1"), FakeScreen("DP-2")
    # projector unplugged mid-session: wait (hidden), never cover the console
    assert after_screen_removed(projector, projector, [laptop], laptop) == ("wait", None)
    # ... or move to another external screen if there is one
    assert after_screen_removed(projector, projector, [laptop, tv], laptop) == ("move", tv)
    # a screen the view is not on goes away: stay
    assert after_screen_removed(projector, tv, [laptop, projector], laptop) == ("stay", None)
    # plugged back in while waiting: present there
    assert after_screen_added(None, True, [laptop, projector], laptop) is projector
    # plugged in while toggling on the laptop's screen: the projector takes the view
    assert after_screen_added(laptop, False, [laptop, projector], laptop) is projector
    # plugged in while already on a projector: stay, unless it is the remembered screen
    assert after_screen_added(projector, False, [laptop, projector, tv], laptop) is None
    assert after_screen_added(projector, False, [laptop, projector, tv], laptop, "DP-2") is tv


def test_screen_signals_with_the_real_window(controller, qtbot):
    controller.start()
    window = controller.window
    screen = window.screen()
    controller._screen_removed(screen)  # the console's own (only) screen: follow it, keep the window
    assert controller.window is window and window.isVisible() and controller.presenting
    controller._screen_added(screen)
    assert controller.window is window and window.isVisible()
    controller.choose_screen_name(screen.name())
    assert controller.settings.presenter_screen == screen.name()
    assert window.isVisible() and window.screen() is screen


def test_closing_the_presentation_window_stops_presenting(controller, qtbot):
    controller.start()
    controller.window.close()
    assert not controller.presenting and controller.window is not None


def test_document_closed_shows_nothing(controller, qtbot):
    controller.start()
    controller.set_document(None)
    assert controller.window.view.board.kind == "empty"
    assert texts(controller) == []


def test_presenter_settings_defaults_and_round_trip(tmp_path):
    settings = Settings(tmp_path / "presenter.ini")
    assert (settings.presenter_screen, settings.presenter_theme, settings.presenter_show_attribution,
            settings.presenter_font_scale) == ("", "light", False, 1.0)
    settings.presenter_screen = "HDMI-1"
    settings.presenter_theme = "dark"
    settings.presenter_show_attribution = True
    settings.presenter_font_scale = 1.25
    settings.sync()
    again = Settings(tmp_path / "presenter.ini")
    assert (again.presenter_screen, again.presenter_theme, again.presenter_show_attribution,
            again.presenter_font_scale) == ("HDMI-1", "dark", True, 1.25)


# The responsibility matrix as a grid, through the real models ------------------------------------


def _matrix_12_by_30(document, planned) -> list[int]:
    """Ten more organisations (twelve in all) and thirty actions with a lead and supporters each."""
    pf = document.pf
    document.apply(people.update_organisation, organisation_id=planned["council"], name=ORGANISATIONS_12[0])
    document.apply(people.update_organisation, organisation_id=planned["cvs"], name=ORGANISATIONS_12[1])
    organisations = [planned["council"], planned["cvs"]]
    for name in ORGANISATIONS_12[2:]:
        organisations.append(people.add_organisation(pf, name=name, sector="public").new_id)
    for index in range(30):
        marks = matrix_marks(index)
        action_ops.add_action(pf, text=f"{ACTION_TEXTS[index % len(ACTION_TEXTS)]} (action {index + 1})",
                              session_id=planned["session"],
                              lead_organisation_id=organisations[marks.index("L")],
                              support_organisation_ids=[organisations[i] for i, m in enumerate(marks) if m == "S"])
    return organisations


@pytest.mark.parametrize("width,height", [(1024, 768), (1366, 768), (1920, 1080)])
def test_matrix_12_by_30_on_the_projector_pages_with_the_keys(controller, document, planned, width, height):
    _matrix_12_by_30(document, planned)
    controller.set_session(planned["session"])  # written behind the document's back: read again
    controller.start()
    controller.pin(boards.MATRIX)
    window = controller.window
    window.showNormal()
    window.resize(width, height)
    view = window.view
    scene = view.scene()
    assert (scene.width, scene.height) == (width, height) and scene.grid is not None
    seen = {}
    for number in range(scene.page_count):
        scene = view.scene()
        assert scene.page == number
        assert_grid_fits(scene)
        shown = texts(controller)
        for org, _cell in scene.grid.columns:
            assert ORGANISATIONS_12[org] in " ".join(shown)
        for row in scene.grid.rows:
            for org, cell, mark in row.marks:
                seen[(row.index, org)] = mark
                if mark:  # drawn: the cell's fill is the theme's colour for the mark
                    fill = view.theme.lead_fill if mark == "L" else view.theme.support_fill
                    image = window.grab(cell.toAlignedRect().adjusted(3, 3, -3, -3)).toImage()
                    assert QColor(image.pixel(1, 1)).name() == fill
        if number % 2:
            QTest.keyClick(window, Qt.Key.Key_PageDown)  # a clicker's key on the projector
        else:
            controller.later_action.trigger()  # Alt+PgDown from the console
    assert view.scene().page == scene.page_count - 1  # stays on the last page
    assert seen == {(r, o): matrix_marks(r)[o] for r in range(30) for o in range(12)}
    controller.earlier_action.trigger()
    assert view.scene().page == scene.page_count - 2


def test_matrix_shows_changes_at_once_and_no_actions_says_so(controller, document, planned):
    controller.start()
    controller.pin(boards.MATRIX)
    assert "No actions agreed yet." in texts(controller)
    action = document.apply(action_ops.add_action, text="Map the venues", session_id=planned["session"]).new_id
    document.apply(action_ops.set_responsibility, action_id=action, organisation_id=planned["cvs"], role="support")
    scene = controller.window.view.scene()
    [row] = scene.grid.rows
    assert [mark for _org, _cell, mark in row.marks] == ["", "S"]
    document.apply(action_ops.set_responsibility, action_id=action, organisation_id=planned["council"], role="lead")
    [row] = controller.window.view.scene().grid.rows
    assert [mark for _org, _cell, mark in row.marks] == ["L", "S"]
    assert {"Lead", "Support"} <= set(texts(controller))
    assert "Riverside Council" in " ".join(texts(controller)) and "Riverside CVS" in " ".join(texts(controller))


# The health check, one prompt at a time, following the console ----------------------------------


def test_the_projector_shows_the_prompt_chosen_in_the_console_and_its_rating(qtbot, settings, console, tmp_path):
    """The sample's session 2 has a five-prompt check nobody has rated: the console's real Health
    check page drives the projector, wired as the main window wires them."""
    path = tmp_path / "sample.facilitator"
    write_sample(path)
    document = Document(PartnershipFile.open(path))
    presenter = PresenterController(settings, console)
    presenter.set_document(document)
    presenter.set_session(2)
    page = HealthCheckPage(document)
    page.prompt_selected.connect(presenter.set_focus_prompt)
    show(qtbot, page)
    page.set_session(2)
    presenter.pin(boards.HEALTH)
    presenter.start()
    presenter.window.showNormal()
    presenter.window.resize(1366, 768)
    view = presenter.window.view
    prompts = [page.model.index(row, 1).data() for row in range(page.model.rowCount())]
    assert len(prompts) == 5

    def bodies() -> list[str]:
        return [" ".join(t.lines) for t in view.scene().texts if t.kind == "body"]

    def shown() -> str:
        return "\n".join(texts(presenter))

    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    page.table.select_cell(2, 2)  # the facilitator chooses prompt 3
    assert bodies() == [prompts[2]]  # exactly that prompt, large, and no other
    assert "Prompt 3 of 5" in texts(presenter) and "Not rated yet" in texts(presenter)
    assert not any(p in shown() for i, p in enumerate(prompts) if i != 2)

    qtbot.keyClick(page.table, Qt.Key.Key_2)  # amber, from the keyboard
    assert page.table.currentIndex().row() == 3  # the console moves on, like a register...
    assert bodies() == [prompts[2]]  # ...the room still sees the prompt it just rated
    assert "Rated: Amber" in texts(presenter)
    assert [s.kind for s in view.scene().shapes] == ["triangle"]  # a shape as well as the word and colour
    assert view.scene().frames[-1].border == "rating_amber"
    assert_scene_fits(view.scene())

    rated_page = view.scene().page
    presenter.later_action.trigger()  # Alt+PgDown: the room moves on to the prompt the console is on
    assert bodies() == [prompts[3]] and view.scene().page == rated_page + 1
    qtbot.keyClick(page.table, Qt.Key.Key_3)  # green for prompt 4
    assert bodies() == [prompts[3]] and "Rated: Green" in texts(presenter)
    assert "Prompt 4 of 5" in texts(presenter)
    assert page.table.currentIndex().row() == 4
    cell = page.table.visualRect(page.model.index(4, 1)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # a click on the row it is on
    assert bodies() == [prompts[4]] and "Prompt 5 of 5" in texts(presenter)

    page.table.select_cell(2, 2)
    qtbot.keyClick(page.table, Qt.Key.Key_N)  # a note: private, never on the projector
    qtbot.keyClicks(page.note_edit, "PRIVATE-NOTE-4471 the chair was absent")
    qtbot.keyClick(page.note_edit, Qt.Key.Key_Return)
    qtbot.keyClick(page.table, Qt.Key.Key_2)  # rated again with its note: still amber, still no note
    assert bodies() == [prompts[2]] and "Rated: Amber" in texts(presenter)
    assert "PRIVATE-NOTE" not in _everything_the_window_shows(presenter)
    assert "PRIVATE-NOTE" in page.model.index(2, 3).data()  # (the console has it)
    page.table.select_cell(0, 2)  # back to the first prompt in the console: the projector follows
    assert bodies() == [prompts[0]] and "Prompt 1 of 5" in texts(presenter)
    for theme_key in THEMES:
        presenter.set_theme(theme_key)
        for width, height in ((1024, 768), (1920, 1080)):
            presenter.window.resize(width, height)
            assert_scene_fits(view.scene())
            assert "PRIVATE-NOTE" not in _everything_the_window_shows(presenter)
    presenter.stop()
    document.close()


def test_health_view_without_a_choice_shows_the_first_unrated_prompt(controller, document, planned):
    check = document.apply(health.add_health_check, session_id=planned["session"], title="How are we doing?",
                           scale="five").new_id
    ids = [document.apply(health.add_health_prompt, health_check_id=check, text=f"Prompt {n}").new_id
           for n in range(1, 4)]
    document.apply(health.rate_health_prompt, health_prompt_id=ids[0], rating=4, note=SECRETS["rating_note"])
    controller.start()
    controller.pin(boards.HEALTH)
    assert "Prompt 2" in texts(controller) and "Prompt 2 of 3" in texts(controller)
    controller.set_focus_prompt(ids[0])
    assert "Prompt 1" in texts(controller) and "Rated: 4 out of 5" in texts(controller)
    assert [s.kind for s in controller.window.view.scene().shapes] == ["dot"] * 4 + ["ring"]
    assert SECRETS["rating_note"] not in _everything_the_window_shows(controller)
    controller.set_focus_prompt(999_999)  # a prompt from elsewhere: back to the first unrated one
    assert "Prompt 2 of 3" in texts(controller)


def test_the_main_window_wires_the_health_page_to_the_projector(qtbot, settings, tmp_path):
    path = tmp_path / "sample.facilitator"
    write_sample(path)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(path)
    window.select_session(2)  # the session with the sample's health check
    window.health_page.table.select_cell(3, 2)
    assert window.presenter.focus_prompt == window.health_page.model.id_at(3)
    window.presenter.pin(boards.HEALTH)
    window.presenter.start()
    window.presenter.window.showNormal()
    window.presenter.window.resize(1024, 768)
    assert window.health_page.model.index(3, 1).data() in window.presenter.window.view.visible_items()
    window.presenter.stop()
    window.close()


def test_rating_the_prompt_shown_brings_it_back_after_paging(controller, document, planned):
    check = document.apply(health.add_health_check, session_id=planned["session"], title="Check").new_id
    ids = [document.apply(health.add_health_prompt, health_check_id=check, text=f"Question {n}").new_id
           for n in range(1, 4)]
    controller.start()
    controller.pin(boards.HEALTH)
    controller.set_focus_prompt(ids[0])
    controller.later_action.trigger()
    assert "Question 2" in texts(controller)
    document.apply(health.rate_health_prompt, health_prompt_id=ids[0], rating=3)
    assert "Question 2" in texts(controller)  # a change elsewhere keeps the page the room is on
    controller.set_focus_prompt(ids[0])  # the console rated (or chose) the first prompt again
    assert "Question 1" in texts(controller) and "Rated: Green" in texts(controller)
