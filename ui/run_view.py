"""The run view: the facilitator's console while a session is live.

Left: the clock, Previous/Next/Start, and the agenda. Centre: the live item's title and prompt,
what has been said under it, and the capture box, which has the keyboard whenever the session
is running. Right: the values board and the parking lot. Everything refreshes from models that
follow the document's Changes; every change goes through an operation.

Keys (besides the main window's Start/Next/Previous/Undo): Enter in the capture box stores a
contribution; Up goes to the latest contribution; Escape in any list comes back to the capture
box; F6 / Shift+F6 move between the panes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator import capture, domain
from facilitator.operations import contributions, sessions
from ui.document import Document
from ui.models.run_models import LIVE_MARK, LiveAgendaModel, LiveSession, NameModel, RunContributionModel
from ui.plain_text import one_line
from ui.run.capture_box import CapturePanel
from ui.run.cards import scaled
from ui.run.clock import ItemClock
from ui.run.contribution_list import PARK_KEYS, ContributionList
from ui.run.draft_keeper import DraftKeeper
from ui.run.live_agenda import LiveAgendaList
from ui.run.values_board import ValuesBoard

KEY_HINT = (f"Enter or F2 edit · Ctrl+M move · {PARK_KEYS} park · Ctrl+J merge · Delete delete · "
            "Esc back to typing")
PARKING_HINT = f"{PARK_KEYS} takes it back out · Ctrl+M moves it to an item · F2 edits · Delete deletes"
# The live list shows the latest contributions only: thousands of cards help nobody, and a list
# view lays out every row again on each insert.
LIST_WINDOW = 200


def plain_label(text: str = "", *, accessible: str, scale: float = 1.0, bold: bool = False,
                parent: QWidget | None = None) -> QLabel:
    """A word-wrapped label that never interprets what it shows as markup."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAccessibleName(accessible)
    label.setText(text)
    label.setFont(scaled(label.font(), scale, bold=bold))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class RunView(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Run session")
        self.document = document
        self.session_id: int | None = None
        self._scoped_item: object = None
        self.live = LiveSession(document, self)
        self.agenda = LiveAgendaModel(document, self)
        self.names = NameModel(document, self)
        self.contributions = RunContributionModel(document, self, limit=LIST_WINDOW)
        self.parked = RunContributionModel(document, self, parked=True)

        self._build_left()
        self._build_centre()
        self.values_board = ValuesBoard(document, self)
        self.parking_lot = ContributionList(document, self.parked, self.agenda, self.names, self)
        self.side_tabs = QTabWidget(self)
        self.side_tabs.setAccessibleName("Values and parking lot")
        self.side_tabs.addTab(self.values_board, "Values")
        parking_page = QWidget(self)
        parking_layout = QVBoxLayout(parking_page)
        parking_layout.setContentsMargins(6, 6, 6, 6)
        parking_layout.addWidget(self.parking_lot, 1)
        parking_layout.addWidget(plain_label(PARKING_HINT, accessible="Keys for the parking lot", scale=0.9,
                                             parent=parking_page))
        self.side_tabs.addTab(parking_page, "Parking lot")

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        for pane, stretch in ((self.left_pane, 0), (self.centre_pane, 1), (self.side_tabs, 0)):
            splitter.addWidget(pane)
            splitter.setStretchFactor(splitter.indexOf(pane), stretch)
        self.splitter = splitter
        self._user_sized = False
        splitter.splitterMoved.connect(self._remember_user_sizes)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

        self._connect()
        self._update_live()

    # Building -----------------------------------------------------------------------------------

    def _build_left(self) -> None:
        pane = self.left_pane = QWidget(self)
        pane.setMinimumWidth(260)
        self.session_label = plain_label(accessible="Session", scale=1.05, bold=True, parent=pane)
        self.clock = ItemClock(self.live, lambda: self.agenda.rows, self._planned_minutes, pane)
        self.previous_button = self._button("◀ Previous", "Previous item (Alt+Left)", self.previous_item, pane)
        self.next_button = self._button("Next ▶", "Next item (Alt+Right)", self.next_item, pane)
        self.start_button = self._button("▶ Start session", "Start or resume the session (Ctrl+Return)",
                                         self.start_session, pane)
        self.finish_button = self._button("Finish session", "Finish the session (stops the clock)",
                                          self.finish_session, pane)
        self.agenda_list = LiveAgendaList(self.agenda, pane)
        self.agenda_list.setFont(scaled(self.agenda_list.font(), 1.05))
        agenda_heading = plain_label("Agenda", accessible="Agenda heading", bold=True, parent=pane)
        agenda_heading.setBuddy(self.agenda_list)

        steps = QHBoxLayout()
        steps.addWidget(self.previous_button)
        steps.addWidget(self.next_button)
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.session_label)
        layout.addWidget(self.clock)
        layout.addLayout(steps)
        layout.addWidget(self.start_button)
        layout.addWidget(self.finish_button)
        layout.addSpacing(6)
        layout.addWidget(agenda_heading)
        layout.addWidget(self.agenda_list, 1)

    def _build_centre(self) -> None:
        pane = self.centre_pane = QFrame(self)
        self.status_label = plain_label(accessible="Live item status", scale=1.0, bold=True, parent=pane)
        self.title_label = plain_label(accessible="Live item", scale=1.75, bold=True, parent=pane)
        self.prompt_label = plain_label(accessible="Prompt", scale=1.2, parent=pane)
        self.said_label = plain_label(accessible="Contributions heading", bold=True, parent=pane)
        self.contribution_list = ContributionList(self.document, self.contributions, self.agenda, self.names, pane)
        self.said_label.setBuddy(self.contribution_list)
        self.hint_label = plain_label(KEY_HINT, accessible="Keys for contributions", scale=0.9, parent=pane)
        self.capture_panel = CapturePanel(self.names, pane)
        self.capture_box = self.capture_panel.box
        self.drafts = DraftKeeper(self.capture_box, self)

        layout = QVBoxLayout(pane)
        layout.setContentsMargins(10, 0, 10, 6)
        layout.setSpacing(6)
        layout.addWidget(self.status_label)
        layout.addWidget(self.title_label)
        layout.addWidget(self.prompt_label)
        layout.addSpacing(4)
        layout.addWidget(self.said_label)
        layout.addWidget(self.contribution_list, 1)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.capture_panel)

    def _button(self, text: str, tip: str, slot, parent: QWidget) -> QPushButton:
        button = QPushButton(text, parent)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setFont(scaled(button.font(), 1.05))
        button.setMinimumHeight(button.sizeHint().height() + 6)
        button.clicked.connect(slot)
        return button

    def _connect(self) -> None:
        self.live.changed.connect(self._update_live)
        self.capture_box.submitted.connect(self._capture)
        self.capture_box.up_pressed.connect(self.contribution_list.select_last)
        self.agenda_list.chosen.connect(self.go_to_item)
        for pane in (self.contribution_list, self.parking_lot, self.values_board, self.agenda_list):
            pane.leave_requested.connect(self.focus_capture)
        self.contributions.rowsInserted.connect(self.contribution_list.scroll_to_newest)
        for model in (self.contributions, self.parked, self.values_board.model):
            for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
                signal.connect(self._update_counts)
        QShortcut(QKeySequence("F6"), self, lambda: self._cycle_panes(+1),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Shift+F6"), self, lambda: self._cycle_panes(-1),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._update_counts()

    # Contract with the main window ----------------------------------------------------------------

    def set_session(self, session_id: int | None) -> None:
        self.session_id = session_id
        if self.drafts.switch(None if self.document.pf.closed else self.document.path, session_id):
            self.capture_panel.show_note("Restored what you were typing last time. Press Enter to add it.")
        self._scoped_item = object()  # force the contributions to re-scope
        self.agenda.set_session(session_id)
        self.parked.set_scope(session_id)
        self.values_board.set_session(session_id)
        self.live.set_session(session_id)  # emits changed → _update_live
        if self.live.running and self.isVisible():
            self.focus_capture()

    def start_session(self) -> None:
        if self.session_id is not None:
            self.document.apply(sessions.start_session, session_id=self.session_id)
        self.focus_capture()

    def next_item(self) -> None:
        if self._require_running():
            self.document.apply(sessions.next_agenda_item, session_id=self.session_id)
        self.focus_capture()

    def previous_item(self) -> None:
        if self._require_running():
            self.document.apply(sessions.previous_agenda_item, session_id=self.session_id)
        self.focus_capture()

    def focus_capture(self) -> None:
        if self.capture_box.isEnabled():
            self.capture_box.setFocus(Qt.FocusReason.OtherFocusReason)

    # More actions -----------------------------------------------------------------------------------

    def go_to_item(self, agenda_item_id: int) -> None:
        """Make an item live; on a session not yet running this starts it first."""
        if self.session_id is None:
            return
        if not self.live.running and self.document.apply(sessions.start_session, session_id=self.session_id) is None:
            return
        if self.live.item_id != agenda_item_id:
            self.document.apply(sessions.go_to_agenda_item, session_id=self.session_id, agenda_item_id=agenda_item_id)
        self.focus_capture()

    def finish_session(self) -> None:
        if self.session_id is not None and self.live.running:
            self.document.apply(sessions.finish_session, session_id=self.session_id)

    def _require_running(self) -> bool:
        if self.session_id is None:
            return False
        if not self.live.running:
            self.document.failed.emit("The session is not running. Start it first (Ctrl+Return).")
            return False
        return True

    def _capture(self, typed: str) -> None:
        if not self._require_running() or self.live.item_id is None:
            return
        parsed = capture.parse(typed, self.names.names())
        changes = self.document.apply(
            contributions.add_contribution,
            session_id=self.session_id,
            agenda_item_id=self.live.item_id,
            text=parsed.text,
            participant_id=parsed.participant_id,
            organisation_id=parsed.organisation_id,
            category=parsed.category,
            parked=parsed.parked,
        )
        if changes is None:
            return  # the main window shows why; the words stay in the box to fix
        self.capture_box.clear_after_capture()
        self.drafts.stored()
        if parsed.parked:
            self.capture_panel.show_note(f"Parked: “{one_line(parsed.text, 80)}” (see the Parking lot tab)")

    # Refreshing -----------------------------------------------------------------------------------

    def _planned_minutes(self) -> int:
        session = self.live.session
        if session and session["length_minutes"]:
            return session["length_minutes"]
        return sum(row["planned_minutes"] for row in self.agenda.rows)

    def _update_live(self) -> None:
        session, item = self.live.session, self.live.item
        running = self.live.running
        status = domain.label(domain.SESSION_STATUSES, session["status"]) if session else ""
        self.session_label.setText(f"{session['title']} — {status}" if session else "No session chosen")
        item_id = item["id"] if item else None
        if item_id != self._scoped_item:
            self._scoped_item = item_id
            self.contributions.set_scope(self.session_id if item else None, item_id)
            self.contribution_list.scroll_to_newest()
        self._update_header(session, item)
        self.capture_box.setEnabled(running and item is not None)
        self.capture_box.setPlaceholderText(
            "Type what was said and press Enter" if running
            else "Start the session (Ctrl+Return) to capture contributions")
        self.start_button.setVisible(session is not None and not running)
        finished = session is not None and session["status"] == "finished"
        self.start_button.setText("▶ Resume session" if finished else "▶ Start session")
        self.finish_button.setVisible(running)
        self.next_button.setEnabled(running)
        self.previous_button.setEnabled(running)
        self._update_counts()

    def _update_header(self, session: dict | None, item: dict | None) -> None:
        if item is None:
            self._update_idle_header(session)
            return
        position = self.agenda.row_of_id(item["id"])
        kind = domain.label(domain.ACTIVITY_KINDS, item["kind"])
        mark = LIVE_MARK if self.live.running else "Finished. Last item:"
        self.status_label.setText(f"{mark} item {position + 1} of {self.agenda.rowCount()} · {kind}")
        self.title_label.setText(item["title"])
        self.prompt_label.setText(item["prompt"])
        self.prompt_label.setVisible(bool(item["prompt"].strip()))

    def _update_idle_header(self, session: dict | None) -> None:
        """No live item: say what the facilitator can do next."""
        first = self.agenda.row_dict(0)
        if session is None:
            status, title, prompt = "", "No session chosen", "Choose a session to run."
        elif session["status"] == "finished":
            status, title = "Finished", session["title"]
            prompt = "This session has finished. Resume it (Ctrl+Return) to capture more."
        elif first is None:
            status, title, prompt = "Not started", session["title"], "Add agenda items in the plan before starting."
        else:
            status, title = "Not started · first item", first["title"]
            prompt = "Press Start session (Ctrl+Return) to put the first item live."
        self.status_label.setText(status)
        self.title_label.setText(title)
        self.prompt_label.setText(prompt)
        self.prompt_label.setVisible(bool(prompt))

    def _update_counts(self, *_) -> None:
        said, shown = self.contributions.total, self.contributions.rowCount()
        window = f", showing the latest {shown:,}" if said > shown else ""
        self.said_label.setText(f"Said so far ({said:,}{window})" if self.live.item else "Contributions")
        self.side_tabs.setTabText(0, f"Values ({self.values_board.model.rowCount()})")
        self.side_tabs.setTabText(1, f"Parking lot ({self.parked.rowCount()})")

    # Focus ----------------------------------------------------------------------------------------

    def _panes(self) -> list[QWidget]:
        panes = [self.capture_box, self.contribution_list, self.agenda_list]
        side = self.values_board.list if self.side_tabs.currentWidget() is self.values_board else self.parking_lot
        return [p for p in (*panes, side) if p.isEnabled()]

    def _cycle_panes(self, step: int) -> None:
        panes = self._panes()
        current = self.focusWidget()
        inside = [current is not None and (p is current or p.isAncestorOf(current)) for p in panes]
        focused = inside.index(True) if True in inside else -1
        panes[(focused + step) % len(panes)].setFocus(Qt.FocusReason.TabFocusReason)

    # Layout ---------------------------------------------------------------------------------------

    PANE_SHARES = (0.22, 0.50, 0.28)  # left, centre, right: reads well from 1366 to 1920 pixels wide

    def _remember_user_sizes(self, *_) -> None:
        self._user_sized = True

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._user_sized:
            width = self.splitter.width()
            self.splitter.setSizes([round(width * share) for share in self.PANE_SHARES])

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.live.running:
            QTimer.singleShot(0, self, self.focus_capture)

