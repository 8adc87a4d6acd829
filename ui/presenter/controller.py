"""Presenting: the actions of the Present menu, which screen, which view, and the window's life.

The main window makes one PresenterController, hands it the Document and the session as they
change, and puts `actions()` in its Present menu. Everything else happens here:
- F5 starts presenting on the chosen screen (the remembered one, else any screen but the
  console's); on a single screen the view covers the console and F5 or Esc returns to it;
- screens plugged in or removed are followed without losing the window: a projector unplugged
  mid-session leaves the view waiting (never covering the console), and it returns on the next
  screen plugged in; a projector plugged in while toggling on one screen takes the view over;
- B and W black or white the screen out; the view follows the console's changes at once.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeyEvent, QKeySequence, QScreen
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QWidget

from ui.document import Document
from ui.presenter import boards
from ui.presenter.boards import Board
from ui.presenter.screens import (after_screen_added, after_screen_removed, all_screens, choose_screen,
                                   is_shared, screen_label)
from ui.presenter.themes import THEMES, theme
from ui.presenter.source import PresenterSource
from ui.presenter.view import BLACK, WHITE
from ui.presenter.window import PresenterWindow
from ui.settings import Settings

SCALE_STEP = 1.12
SCALE_RANGE = (0.6, 2.2)
PIN_ORDER = tuple(boards.VIEWS)


class KeepEscapeForTyping(QObject):
    """While presenting on a second screen the facilitator keeps typing in the console, where Esc
    means "cancel what I am typing": in a text field, Esc goes to the field, not to "stop presenting"."""

    TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape and isinstance(watched, self.TEXT_INPUTS)):
            event.accept()  # the field takes the key; the shortcut does not fire
            return True
        return False


class PresenterController(QObject):
    presenting_changed = Signal(bool)

    def __init__(self, settings: Settings, console: QWidget, parent: QObject | None = None):
        super().__init__(parent if parent is not None else console)
        self.settings = settings
        self.console = console
        self.source = PresenterSource(self)
        self.source.changed.connect(self._content_changed)
        self.window: PresenterWindow | None = None
        self.pinned = boards.LIVE
        self.focus_prompt: int | None = None  # the health-check prompt selected in the console
        self.presenting = False
        self.waiting_for_screen = False  # presenting, but the projector was unplugged
        self.blank = ""
        self.screens: Callable[[], list[QScreen]] = all_screens
        self._keep_escape = KeepEscapeForTyping(self)
        self._stale = True
        self._build_actions()
        app = QGuiApplication.instance()
        app.screenAdded.connect(self._screen_added)
        app.screenRemoved.connect(self._screen_removed)
        app.focusChanged.connect(self._focus_changed)

    # Integration contract -------------------------------------------------------------------------

    def set_document(self, document: Document | None) -> None:
        self.source.set_document(document)

    def set_session(self, session_id: int | None) -> None:
        self.source.set_session(session_id)

    def set_focus_prompt(self, prompt_id: int | None) -> None:
        """The health-check prompt chosen (or just rated) in the console: the Health check view shows
        it, even if the projector's page keys had moved on to another."""
        self.focus_prompt = prompt_id
        if self.pinned == boards.HEALTH:
            if self.window is not None:
                self.window.view.show_focus()
            self._content_changed()

    def actions(self) -> list[QAction]:
        return list(self._actions)

    # Actions --------------------------------------------------------------------------------------

    def _action(self, text: str, handler, shortcut: str | QKeySequence.StandardKey | None = None, *,
                checkable: bool = False, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(handler)
        action.setObjectName(name)
        return action

    def _separator(self) -> QAction:
        action = QAction(self)
        action.setSeparator(True)
        return action

    def _build_actions(self) -> None:
        self.present_action = self._action("&Start presenting", self.toggle, "F5", name="present")
        self.stop_action = self._action("S&top presenting", self.stop, "Esc", name="stop")
        self.black_action = self._action("&Black screen", lambda on: self.set_blank(BLACK if on else ""), "B",
                                         checkable=True, name="black")
        self.white_action = self._action("&White screen", lambda on: self.set_blank(WHITE if on else ""), "W",
                                         checkable=True, name="white")
        self.pin_actions: dict[str, QAction] = {}
        self.pin_group = QActionGroup(self)
        for number, (key, label) in enumerate(boards.VIEWS.items(), start=1):
            action = self._action(f"Show {label}", lambda on, k=key: on and self.pin(k), checkable=True,
                                  name=f"pin_{key}")
            action.setStatusTip(f"Key {number} on the presentation screen")
            self.pin_group.addAction(action)
            self.pin_actions[key] = action
        self.pin_actions[self.pinned].setChecked(True)
        self.theme_actions: dict[str, QAction] = {}
        self.theme_group = QActionGroup(self)
        for key, chosen in THEMES.items():
            action = self._action(f"{chosen.label} theme", lambda on, k=key: on and self.set_theme(k), checkable=True,
                                  name=f"theme_{key}")
            self.theme_group.addAction(action)
            self.theme_actions[key] = action
        self.theme_actions[theme(self.settings.presenter_theme).key].setChecked(True)
        self.attribution_action = self._action("Show &names on cards", self.set_show_attribution, checkable=True,
                                               name="attribution")
        self.attribution_action.setChecked(self.settings.presenter_show_attribution)
        self.bigger_action = self._action("&Bigger text", lambda: self.zoom(1), name="bigger")
        self.bigger_action.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self.smaller_action = self._action("S&maller text", lambda: self.zoom(-1), "Ctrl+-", name="smaller")
        self.earlier_action = self._action("&Earlier cards", lambda: self.turn_page(-1), "Alt+PgUp", name="earlier")
        self.later_action = self._action("&Later cards", lambda: self.turn_page(1), "Alt+PgDown", name="later")
        self.screen_menu = QMenu("Present on &screen", self.console)
        self.screen_menu.aboutToShow.connect(self._fill_screen_menu)
        self.screen_action = self.screen_menu.menuAction()
        self.screen_action.setObjectName("screen")
        self._fill_screen_menu()
        self._actions = [
            self.present_action, self.stop_action, self._separator(),
            self.black_action, self.white_action, self._separator(),
            *self.pin_actions.values(), self.earlier_action, self.later_action, self._separator(),
            *self.theme_actions.values(), self.attribution_action, self.bigger_action, self.smaller_action,
            self._separator(), self.screen_action,
        ]
        for action in self._actions:
            if not action.isSeparator():
                self.console.addAction(action)
        self._update_actions()

    def _update_actions(self) -> None:
        if self.waiting_for_screen:
            self.present_action.setText("&Stop presenting (waiting for a screen)")
        else:
            self.present_action.setText("&Stop presenting" if self.presenting else "&Start presenting")
        for action in (self.stop_action, self.black_action, self.white_action):
            action.setEnabled(self.presenting)
        self.black_action.blockSignals(True)
        self.white_action.blockSignals(True)
        self.black_action.setChecked(self.blank == BLACK)
        self.white_action.setChecked(self.blank == WHITE)
        self.black_action.blockSignals(False)
        self.white_action.blockSignals(False)

    def _fill_screen_menu(self) -> None:
        self.screen_menu.clear()
        group = QActionGroup(self.screen_menu)
        remembered = self.settings.presenter_screen
        names = [s.name() for s in self.screens()]
        automatic = self.screen_menu.addAction("&Automatic (a screen other than the console's)")
        automatic.setCheckable(True)
        automatic.setChecked(not remembered or remembered not in names)
        automatic.triggered.connect(lambda: self.choose_screen_name(""))
        group.addAction(automatic)
        for screen in self.screens():
            action = self.screen_menu.addAction(screen_label(screen))
            action.setCheckable(True)
            action.setChecked(screen.name() == remembered)
            action.triggered.connect(lambda _=False, n=screen.name(): self.choose_screen_name(n))
            group.addAction(action)

    # Presenting -----------------------------------------------------------------------------------

    def ensure_window(self) -> PresenterWindow:
        if self.window is None:
            self.window = PresenterWindow(self.console)
            self.window.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
            for action in self._actions:
                if not action.isSeparator():
                    self.window.addAction(action)
            self.window.closed.connect(self.stop)
            self.window.digit_pressed.connect(self._digit)
            self.window.view.set_theme(theme(self.settings.presenter_theme))
            self.window.view.set_scale(self.scale)
            self._stale = True
        return self.window

    def toggle(self) -> None:
        if self.presenting:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        window = self.ensure_window()
        self.presenting = True
        self._focus_changed(None, QApplication.focusWidget())
        self._refresh()
        self._place(window)
        self._update_actions()
        self.presenting_changed.emit(True)

    def stop(self) -> None:
        if not self.presenting:
            return
        self.presenting = False
        self._focus_changed(QApplication.focusWidget(), None)
        self.waiting_for_screen = False
        self.blank = ""
        if self.window is not None:
            self.window.view.set_blank("")
            self.window.hide()
        self._update_actions()
        self.console.activateWindow()
        self.console.raise_()
        self.presenting_changed.emit(False)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """Only the focused text field is watched for Esc, and only while presenting."""
        if isinstance(old, KeepEscapeForTyping.TEXT_INPUTS):
            old.removeEventFilter(self._keep_escape)
        if self.presenting and isinstance(new, KeepEscapeForTyping.TEXT_INPUTS):
            new.installEventFilter(self._keep_escape)

    def target_screen(self) -> QScreen | None:
        return choose_screen(self.screens(), self.console.screen(), self.settings.presenter_screen)

    @property
    def shares_console_screen(self) -> bool:
        return is_shared(self.target_screen(), self.console.screen())

    def _place(self, window: PresenterWindow, screen: QScreen | None = None) -> None:
        """Show the window full screen on `screen` (default: the target screen). On a second screen
        the keyboard stays with the console, so the facilitator keeps typing."""
        screen = screen or self.target_screen()
        shared = is_shared(screen, self.console.screen())
        self.waiting_for_screen = False
        if window.isFullScreen() and window.screen() is not screen:
            window.showNormal()
        if screen is not None:
            window.setScreen(screen)
            window.setGeometry(screen.geometry())
        window.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, not shared)
        window.showFullScreen()
        if shared:
            window.raise_()
            window.activateWindow()
        else:
            self.console.activateWindow()

    def _screen_added(self, screen: QScreen) -> None:
        if not self.presenting or self.window is None:
            return
        target = after_screen_added(None if self.waiting_for_screen else self.window.screen(), self.waiting_for_screen,
                                    self.screens(), self.console.screen(), self.settings.presenter_screen)
        if target is not None:
            self._place(self.window, target)
            self._update_actions()

    def _screen_removed(self, screen: QScreen) -> None:
        if not self.presenting or self.window is None:
            return
        remaining = [s for s in self.screens() if s is not screen]
        what, target = after_screen_removed(self.window.screen(), screen, remaining, self.console.screen(),
                                            self.settings.presenter_screen)
        if what == "move":
            self._place(self.window, target)
        elif what == "wait":
            self.window.hide()  # kept, not closed: it comes back on the next screen plugged in
            self.waiting_for_screen = True
        self._update_actions()

    def choose_screen_name(self, name: str) -> None:
        self.settings.presenter_screen = name
        if self.presenting and self.window is not None:
            self._place(self.window)

    # What is shown --------------------------------------------------------------------------------

    def pin(self, key: str) -> None:
        if key not in boards.VIEWS:
            return
        self.pinned = key
        if not self.pin_actions[key].isChecked():
            self.pin_actions[key].setChecked(True)
        self._refresh()

    def _digit(self, number: int) -> None:
        if 1 <= number <= len(PIN_ORDER):
            self.pin(PIN_ORDER[number - 1])

    def set_theme(self, key: str) -> None:
        self.settings.presenter_theme = theme(key).key
        if not self.theme_actions[theme(key).key].isChecked():
            self.theme_actions[theme(key).key].setChecked(True)
        if self.window is not None:
            self.window.view.set_theme(theme(key))

    def set_show_attribution(self, shown: bool) -> None:
        self.settings.presenter_show_attribution = bool(shown)
        if self.attribution_action.isChecked() != bool(shown):
            self.attribution_action.setChecked(bool(shown))
        self._refresh()

    @property
    def scale(self) -> float:
        return max(SCALE_RANGE[0], min(SCALE_RANGE[1], self.settings.presenter_font_scale))

    def zoom(self, step: int) -> None:
        scale = self.scale * (SCALE_STEP ** step)
        scale = 1.0 if abs(scale - 1.0) < 0.03 else round(max(SCALE_RANGE[0], min(SCALE_RANGE[1], scale)), 3)
        self.settings.presenter_font_scale = scale
        if self.window is not None:
            self.window.view.set_scale(scale)

    def set_blank(self, blank: str) -> None:
        if not self.presenting:
            blank = ""
        self.blank = blank
        if self.window is not None:
            self.window.view.set_blank(blank)
        self._update_actions()

    def turn_page(self, step: int) -> None:
        if self.window is not None:
            self.window.view.turn_page(step)

    def board(self) -> Board:
        """The board for the pinned view, read from the source's models now."""
        source = self.source
        if not source.readable or source.session is None:
            return boards.blank_board()
        session = source.session
        attribution = self.settings.presenter_show_attribution
        if self.pinned == boards.LIVE:
            return boards.live_board(session, source.agenda.rows, source.contributions.rows,
                                     show_attribution=attribution)
        if self.pinned == boards.AGENDA:
            return boards.agenda_board(session, source.agenda.rows)
        if self.pinned == boards.VALUES:
            return boards.values_board(source.values.rows)
        if self.pinned == boards.PARKING:
            return boards.parking_board(source.parked.rows, show_attribution=attribution)
        if self.pinned == boards.MATRIX:
            found = source.matrix()
            if found is None:
                return boards.blank_board()
            return boards.matrix_board(found[0], partnership_wide=found[1])
        if self.pinned == boards.HEALTH:
            return boards.health_board(source.health(self.focus_prompt), self.focus_prompt)
        return boards.welcome_board(session)

    def _content_changed(self, _changes=None) -> None:
        self._stale = True
        if self.window is not None and self.presenting:
            self._refresh()

    def _refresh(self) -> None:
        if self.window is None:
            return
        self.window.view.set_board(self.board())
        self.window.setAccessibleDescription(self.window.view.board.accessible_text)
        self._stale = False

    def refresh_now(self) -> None:
        """Rebuild the view even while not presenting (screenshots, tests)."""
        self.ensure_window()
        self._refresh()
