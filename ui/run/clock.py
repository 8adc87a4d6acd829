"""The item clock: time on the live item (elapsed, left, planned) and on the session as a whole.

Overrun is said in words ("⚠ Over by 3:10"), not by colour alone. Time comes from a `now`
provider so tests can move the clock forward without faking the file; each tick reads only the
cached live item row, never the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from facilitator import queries
from ui.models.run_models import LiveSession
from ui.run.cards import scaled

OVER = "⚠ Over by"


def duration_text(seconds: int) -> str:
    """m:ss under an hour, h:mm:ss above."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@dataclass(frozen=True)
class ClockReading:
    elapsed: str
    remaining: str
    over: bool
    session: str

    @property
    def text(self) -> str:
        return " · ".join(part for part in (self.elapsed, self.remaining, self.session) if part)


def _item_times(item: dict, now: datetime, finished: bool) -> tuple[str, str, bool]:
    spent = queries.elapsed_seconds(item, now)
    planned = item["planned_minutes"] * 60
    elapsed = f"Took {duration_text(spent)}" if finished else f"{duration_text(spent)} elapsed"
    if not planned:
        return elapsed, "no time planned for this item", False
    if spent > planned:
        return elapsed, f"{OVER} {duration_text(spent - planned)} (planned {item['planned_minutes']} min)", True
    if finished:
        return elapsed, f"of {item['planned_minutes']} min planned", False
    return elapsed, f"{duration_text(planned - spent)} left of {item['planned_minutes']} min", False


def _session_times(session: dict, agenda: list[dict], now: datetime, planned_minutes: int) -> str:
    """Time actually spent on the items (a session resumed next day does not count the night)."""
    if not session.get("started_at"):
        return f"Session: {planned_minutes} min planned" if planned_minutes else ""
    spent = sum(queries.elapsed_seconds(row, now) for row in agenda)
    if planned_minutes and spent > planned_minutes * 60:
        return f"Session {duration_text(spent)} · {OVER.lower()} {duration_text(spent - planned_minutes * 60)}"
    planned = f" of {planned_minutes} min" if planned_minutes else ""
    return f"Session {duration_text(spent)}{planned}"


def read_clock(
    session: dict | None, item: dict | None, now: datetime, agenda: list[dict] = (), planned_minutes: int = 0
) -> ClockReading:
    """What the clock says for a session, its live item and its agenda rows at `now`."""
    if session is None:
        return ClockReading("No session chosen", "", False, "")
    session_text = _session_times(session, list(agenda), now, planned_minutes)
    finished = session["status"] == "finished"
    if session["status"] == "planned" or item is None:
        return ClockReading("Finished" if finished else "Not started", "", False, session_text)
    elapsed, remaining, over = _item_times(item, now, finished)
    if finished:
        elapsed = f"Finished · {elapsed}"
    return ClockReading(elapsed, remaining, over, session_text)


class ItemClock(QFrame):
    """Three plain-text lines: elapsed (large), left or over, and the session's time."""

    def __init__(
        self,
        live: LiveSession,
        agenda: Callable[[], list[dict]],
        planned_minutes: Callable[[], int],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("itemClock")
        self.setAccessibleName("Item clock")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)
        self._live = live
        self._agenda = agenda
        self._planned_minutes = planned_minutes
        self.reading = read_clock(None, None, self.now())
        self.elapsed_label = self._label("Time on this item", 2.0, bold=True)
        self.remaining_label = self._label("Time left on this item", 1.15, bold=True)
        self.session_label = self._label("Time on the session", 1.0)
        self.remaining_label.setObjectName("clockRemaining")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(2)
        for label in (self.elapsed_label, self.remaining_label, self.session_label):
            layout.addWidget(label)
        self.setStyleSheet(
            "QLabel#clockRemaining[over=\"true\"] { background: #8a1010; color: white; padding: 2px 6px;"
            " border-radius: 3px; }"
        )
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)
        live.changed.connect(self.tick)
        self.tick()

    def _label(self, accessible: str, scale: float, *, bold: bool = False) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAccessibleName(accessible)
        label.setFont(scaled(self.font(), scale, bold=bold))
        return label

    def text(self) -> str:
        return self.reading.text

    def tick(self) -> None:
        self.reading = read_clock(self._live.session, self._live.item, self.now(), self._agenda(),
                                  self._planned_minutes())
        self.elapsed_label.setText(self.reading.elapsed)
        self.remaining_label.setText(self.reading.remaining)
        self.remaining_label.setVisible(bool(self.reading.remaining))
        self.session_label.setText(self.reading.session)
        self.session_label.setVisible(bool(self.reading.session))
        if self.remaining_label.property("over") != self.reading.over:
            self.remaining_label.setProperty("over", self.reading.over)
            self.remaining_label.style().unpolish(self.remaining_label)
            self.remaining_label.style().polish(self.remaining_label)
        self.setAccessibleDescription(self.reading.text)
        if self._live.running and self.isVisible():
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.tick()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._timer.stop()
