"""The current session's details: title, date, start time, length, venue, facilitator and notes.

Dates and times are typed (a calendar popup is slow from the keyboard). The core checks their
shape; here we also catch impossible days (2026-02-30) and accept the UK habit of 14/03/2026,
stored as 2026-03-14. The weekday shown beside the date confirms what was typed.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtWidgets import QGridLayout, QWidget

from facilitator import queries
from facilitator.changes import Changes
from facilitator.operations import sessions
from ui.document import Document
from ui.plan.fields import LineField, MinutesField, TextField
from ui.plan.record_form import RecordForm, mnemonic_label, plain_label

_UK_DATE = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")
_SHORT_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def normalise_date(text: str) -> str:
    found = _UK_DATE.match(text)
    if found:
        day, month, year = found.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text.strip()


def normalise_time(text: str) -> str:
    found = _SHORT_TIME.match(text)
    return f"{int(found.group(1)):02d}:{found.group(2)}" if found else text.strip()


def check_real_date(value: str) -> str | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None  # empty, or a shape the core will explain
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"There is no such day as {value}. Type a date like 2026-03-14."
    return None


def check_real_time(value: str) -> str | None:
    found = re.fullmatch(r"(\d{2}):(\d{2})", value)
    if found and (int(found.group(1)) > 23 or int(found.group(2)) > 59):
        return f"{value} is not a time of day. Type a time like 09:30."
    return None


def weekday_text(value: str | None) -> str:
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return ""
    return f"{day:%A} {day.day} {day:%B %Y}"


class SessionDetailsForm(RecordForm):
    """Edits one session; refreshes itself when the session row changes (e.g. after an undo)."""

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(document, "Session details", update=sessions.update_session, id_argument="session_id",
                         parent=parent)
        self.title = self.add(LineField("title", "Session title"))
        self.date = self.add(LineField("date", "Date", placeholder="YYYY-MM-DD", normalise=normalise_date),
                             check_real_date)
        self.start_time = self.add(LineField("start_time", "Start time", placeholder="hh:mm", normalise=normalise_time),
                                   check_real_time)
        self.length = self.add(MinutesField("length_minutes", "Length of the session in minutes"))
        self.venue = self.add(LineField("venue", "Venue"))
        self.facilitator = self.add(LineField("facilitator", "Facilitator"))
        self.notes = self.add(TextField("notes", "Session notes (private, never projected)", lines=2,
                                        placeholder="Private notes: room, access, reminders. Never projected."))
        self.date.describe("Year-month-day, for example 2026-03-14 (14/03/2026 also works). Leave empty for no date.")
        self.start_time.describe("Hours and minutes, for example 09:30.")
        self.length.describe("How long the session lasts; the agenda total is checked against it.")
        self.date.widget.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000-00-00") + 40)
        self.start_time.widget.setMaximumWidth(self.fontMetrics().horizontalAdvance("00:00") + 40)
        self.weekday = plain_label(name="Day of the week")
        self.weekday.setMinimumWidth(self.fontMetrics().horizontalAdvance("Wednesday 30 September 2026"))

        grid = QGridLayout(self)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        grid.addWidget(mnemonic_label("&Title", self.title.widget), 0, 0)
        grid.addWidget(self.title.widget, 0, 1, 1, 3)
        grid.addWidget(mnemonic_label("Ve&nue", self.venue.widget), 1, 0)
        grid.addWidget(self.venue.widget, 1, 1, 1, 3)
        grid.addWidget(mnemonic_label("Fa&cilitator", self.facilitator.widget), 2, 0)
        grid.addWidget(self.facilitator.widget, 2, 1, 1, 3)
        grid.addWidget(mnemonic_label("&Date", self.date.widget), 0, 4)
        grid.addWidget(self.date.widget, 0, 5)
        grid.addWidget(self.weekday, 0, 6)
        grid.addWidget(mnemonic_label("Start ti&me", self.start_time.widget), 1, 4)
        grid.addWidget(self.start_time.widget, 1, 5)
        grid.addWidget(mnemonic_label("Len&gth", self.length.widget), 2, 4)
        grid.addWidget(self.length.widget, 2, 5)
        grid.addWidget(mnemonic_label("Notes", self.notes.widget), 0, 7)
        grid.addWidget(self.notes.widget, 0, 8, 3, 1)
        grid.addWidget(self.error_label, 3, 0, 1, 9)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(8, 2)
        document.changed.connect(self._after_change)

    def set_session(self, session_id: int | None) -> None:
        self.flush()
        row = queries.session(self.document.pf, session_id) if session_id is not None else None
        self.bind(session_id if row else None, row)

    def _after_change(self, changes: Changes) -> None:
        if self.row_id is not None and changes.touches("session") and not self.document.pf.closed:
            self.refresh(queries.session(self.document.pf, self.row_id))

    def after_show(self) -> None:
        self.weekday.setText(weekday_text(self.row.get("date")))
