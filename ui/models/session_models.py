"""Models of one session: its agenda items and its contributions (per item, or the parking lot)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from facilitator import domain, queries
from facilitator.changes import Changes
from ui.models.base import Column, SessionScopedModel, key


def minutes_text(seconds: int) -> str:
    minutes, secs = divmod(max(0, int(seconds)), 60)
    return f"{minutes}:{secs:02d}"


def _actual(row: dict) -> str:
    if not row.get("started_at"):
        return "—"
    return minutes_text(queries.elapsed_seconds(row))


class AgendaModel(SessionScopedModel):
    tables = frozenset({"agenda_item", "session", "contribution"})
    columns = (
        Column("Item", key("title")),
        Column("Kind", lambda r: domain.label(domain.ACTIVITY_KINDS, r["kind"])),
        Column("Planned", lambda r: f"{r['planned_minutes']} min", align_right=True),
        Column("Actual", _actual, align_right=True),
        Column("Said", key("contribution_count"), align_right=True),
    )

    def fetch(self):
        return queries.agenda_items(self.document.pf, self.session_id)


def attribution(row: dict) -> str:
    parts = [row.get("participant_name"), row.get("organisation_name")]
    return ", ".join(p for p in parts if p) or "Anonymous"


class ContributionModel(SessionScopedModel):
    """Contributions under one agenda item (or every item, or the parking lot) in captured order."""

    tables = frozenset({"contribution", "participant", "organisation"})
    columns = (
        Column("Contribution", key("text")),
        Column("From", attribution),
        Column("Category", lambda r: domain.label(domain.CONTRIBUTION_CATEGORIES, r["category"])),
    )

    def __init__(self, document=None, parent=None, *, parked: bool = False, limit: int | None = None):
        self.parked = parked
        self.limit = limit
        self.total = 0
        self.agenda_item_id = queries.ANY
        super().__init__(document, parent)

    def set_scope(self, session_id: int | None, agenda_item_id=queries.ANY) -> None:
        self.session_id = session_id
        self.agenda_item_id = agenda_item_id
        self.reload()

    def fetch(self):
        """With a `limit`, only the latest rows: a list of thousands helps nobody and relays slowly."""
        pf = self.document.pf
        rows = queries.contributions(pf, self.session_id, agenda_item_id=self.agenda_item_id, parked=self.parked,
                                     last=self.limit)
        self.total = len(rows) if self.limit is None else queries.count_contributions(
            pf, self.session_id, agenda_item_id=self.agenda_item_id, parked=self.parked)
        return rows

    def reload(self) -> None:
        self.total = 0
        super().reload()

    def _append(self, rows: list[dict]) -> None:
        if self.limit is None or not rows:
            super()._append(rows)
            self.total = len(self._rows)
            return
        super()._append(rows)
        excess = len(self._rows) - self.limit
        if excess > 0:
            self.beginRemoveRows(QModelIndex(), 0, excess - 1)
            del self._rows[:excess]
            self.endRemoveRows()

    def _mine(self, row: dict) -> bool:
        return (row["session_id"] == self.session_id and bool(row["parked"]) == self.parked
                and (self.agenda_item_id is queries.ANY or row["agenda_item_id"] == self.agenda_item_id))

    def fetch_new(self, changes: Changes):
        """A capture only inserts one contribution: read just that row, not the whole item."""
        if set(changes.tables) != {"contribution"} or changes.updated or changes.deleted:
            return None
        rows = [r for r in queries.contributions_by_id(self.document.pf, changes.inserted["contribution"]) if self._mine(r)]
        if self._rows and rows and (rows[0]["position"], rows[0]["id"]) < (self._rows[-1]["position"], self._rows[-1]["id"]):
            return None
        if self.limit is not None:
            self.total += len(rows)
        return rows
