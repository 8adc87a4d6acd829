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
from tests.ui.test_presenter_layout import assert_scene_fits
from ui.document import Document
from ui.presenter import PresenterController, PresenterWindow, boards
from ui.presenter.screens import after_screen_added, after_screen_removed, choose_screen
from ui.presenter.themes import THEMES, contrast_ratio
from ui.presenter.view import BLACK, WHITE
from ui.settings import Settings

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
        boards.MATRIX: "Lead: Riverside Council",
        boards.HEALTH: "Rated Amber",
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
        for what, text, background in theme.text_pairs():
            ratio = contrast_ratio(text, background)
            assert ratio >= 7.0, f"{theme.key}: {what} {text} on {background} is {ratio:.2f}:1"
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
