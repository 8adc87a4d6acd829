"""Models of the partnership's lists: sessions, organisations, participants, attendance, values."""

from __future__ import annotations

from facilitator import domain, queries
from ui.models.base import Column, RowTableModel, SessionScopedModel, key


def _date(row: dict) -> str:
    return row.get("date") or "no date"


class SessionModel(RowTableModel):
    tables = frozenset({"session", "agenda_item"})
    columns = (
        Column("Date", _date),
        Column("Session", key("title")),
        Column("Status", lambda r: domain.label(domain.SESSION_STATUSES, r["status"])),
    )

    def fetch(self):
        return queries.sessions(self.document.pf)


class OrganisationModel(RowTableModel):
    tables = frozenset({"organisation", "participant"})
    columns = (
        Column("Organisation", key("name")),
        Column("Sector", lambda r: domain.label(domain.SECTORS, r["sector"])),
        Column("People", key("participant_count"), align_right=True),
    )

    def fetch(self):
        return queries.organisations(self.document.pf)


class ParticipantModel(RowTableModel):
    tables = frozenset({"participant", "organisation"})
    columns = (
        Column("Name", key("name")),
        Column("Organisation", lambda r: r["organisation_name"] or "—"),
        Column("Role or remit", key("role")),
        Column("Access needs", key("access_needs")),
    )

    def fetch(self):
        return queries.participants(self.document.pf)


class AttendanceModel(SessionScopedModel):
    """Everyone in the partnership, with their attendance at one session."""

    tables = frozenset({"participant", "organisation", "attendance"})
    columns = (
        Column("Name", key("name")),
        Column("Organisation", lambda r: r["organisation_name"] or "—"),
        Column("Attendance", lambda r: domain.label(domain.ATTENDANCE, r["status"]) if r["status"] else "Not invited"),
        Column("Access needs", key("access_needs")),
    )

    def fetch(self):
        rows = queries.attendance(self.document.pf, self.session_id)
        for row in rows:
            row["id"] = row["participant_id"]
        return rows


class ValueModel(RowTableModel):
    tables = frozenset({"value"})
    columns = (
        Column("Value", key("text")),
        Column("Status", lambda r: "✓ Agreed" if r["status"] == "agreed" else "Proposed"),
        Column("Why it matters", key("why_notes")),
    )

    def fetch(self):
        return queries.values(self.document.pf)
