"""The facilitator's planning view: the session and its agenda, organisations, people, attendance.

The main window owns the choice of session (its Session menu adds, duplicates and deletes them) and
tells this view which one to plan with `set_session`. Everything here reads through
`facilitator.queries` via the models and writes through `document.apply(operation, ...)`; each
page refreshes only from `document.changed`.

Sections are numbered tabs, so Alt+1 … Alt+4 reach them (the letters are kept for the fields and
for the main window's menus).
"""

from __future__ import annotations

from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.document import Document
from ui.plan.agenda_page import SessionAgendaPage
from ui.plan.attendance_page import AttendancePage
from ui.plan.people_pages import OrganisationsPage, PeoplePage


class PlanView(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.session_id: int | None = None
        self.setAccessibleName("Plan the session")
        self.setStyleSheet("QGroupBox { font-weight: 600; }")  # form titles read as headings

        self.agenda_page = SessionAgendaPage(document)
        self.organisations_page = OrganisationsPage(document)
        self.people_page = PeoplePage(document)
        self.attendance_page = AttendancePage(document)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Planning sections")
        self.tabs.setAccessibleDescription("Alt+1 to Alt+4, or Ctrl+Page Up and Ctrl+Page Down, change section.")
        self.tabs.setDocumentMode(True)
        for page, text, name in (
            (self.agenda_page, "&1  Session and agenda", "Session and agenda"),
            (self.organisations_page, "&2  Organisations", "Organisations"),
            (self.people_page, "&3  People", "People"),
            (self.attendance_page, "&4  Attendance", "Attendance"),
        ):
            page.setAccessibleName(name)
            index = self.tabs.addTab(self._padded(page), text)
            self.tabs.setTabToolTip(index, f"{name} (Alt+{index + 1})")
        self.tabs.currentChanged.connect(lambda _index: self.flush())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.set_session(None)

    @staticmethod
    def _padded(page: QWidget) -> QWidget:
        """Breathing room around each page (the tab bar runs edge to edge in document mode)."""
        holder = QWidget()
        holder.setAccessibleName(page.accessibleName())
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(12, 12, 12, 10)
        layout.addWidget(page)
        return holder

    def set_session(self, session_id: int | None) -> None:
        """Plan this session (None: no session; organisations and people stay editable)."""
        self.flush()
        self.session_id = session_id
        self.agenda_page.set_session(session_id)
        self.attendance_page.set_session(self.agenda_page.session_id)

    def flush(self) -> None:
        """Save whatever is typed but not yet saved (another session, another tab, leaving the view)."""
        if self.document.pf.closed:
            return
        for page in (self.agenda_page, self.organisations_page, self.people_page):
            page.flush()

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)
