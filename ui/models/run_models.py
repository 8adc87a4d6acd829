"""Models for running a session live: which item is live, the agenda as run, who can be named.

They refresh only from the document's Changes, like every other model, so the run view never
polls the file and never writes SQL. The per-second clock reads the cached live item row.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from facilitator import capture, domain, queries
from facilitator.changes import Changes
from ui.document import Document
from ui.models.base import Column, RowTableModel
from ui.models.session_models import AgendaModel, ContributionModel, attribution, minutes_text
from ui.plain_text import tooltip_html

NAME_ROLE = Qt.ItemDataRole.UserRole + 10  # the bare name a completer inserts

LIVE_MARK = "▶ Now:"
DONE_MARK = "✓"


class LiveSession(QObject):
    """The chosen session and its live agenda item, re-read only when Changes touch them."""

    changed = Signal()

    def __init__(self, document: Document, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.session_id: int | None = None
        self.session: dict | None = None
        self.item: dict | None = None
        document.changed.connect(self._on_changed)

    def set_session(self, session_id: int | None) -> None:
        self.session_id = session_id
        self._reload(force=True)

    @property
    def running(self) -> bool:
        return self.session is not None and self.session["status"] == "running"

    @property
    def item_id(self) -> int | None:
        return None if self.item is None else self.item["id"]

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("session", "agenda_item"):
            self._reload()

    def _reload(self, force: bool = False) -> None:
        session = item = None
        if self.session_id is not None and not self.document.pf.closed:
            session = queries.session(self.document.pf, self.session_id)
            if session is not None and session["live_agenda_item_id"] is not None:
                item = queries.agenda_item(self.document.pf, session["live_agenda_item_id"])
        if force or (session, item) != (self.session, self.item):
            self.session, self.item = session, item
            self.changed.emit()


def agenda_line(row: dict, number: int) -> str:
    """Two plain-text lines for one agenda item; the live one says so in words."""
    title = f"{number}. {row['title']}"
    planned = f"{row['planned_minutes']} min planned" if row["planned_minutes"] else "no time planned"
    said = row.get("contribution_count") or 0
    said_text = f" · {said} said" if said else ""
    if row.get("is_live"):
        return f"{LIVE_MARK} {title}\n{planned} · live{said_text}"
    if row.get("started_at"):
        spent = queries.elapsed_seconds(row)
        over = spent - row["planned_minutes"] * 60
        over_text = f" (over by {minutes_text(over)})" if row["planned_minutes"] and over > 0 else ""
        return f"{DONE_MARK} {title}\n{planned} · took {minutes_text(spent)}{over_text}{said_text}"
    return f"{title}\n{planned}"


class LiveAgendaModel(AgendaModel):
    """The session's agenda for running it: the live item is marked with "▶ Now:", in bold, and tinted."""

    def fetch(self):
        rows = super().fetch()
        session = queries.session(self.document.pf, self.session_id)
        live = session["live_agenda_item_id"] if session else None
        for row in rows:
            row["is_live"] = row["id"] == live
        return rows

    def live_row(self) -> int:
        return next((i for i, r in enumerate(self._rows) if r.get("is_live")), -1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and index.column() == 0 and 0 <= index.row() < len(self._rows):
            row = self._rows[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return agenda_line(row, index.row() + 1)
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip_html(row["prompt"] or row["title"]) or None
            if role == Qt.ItemDataRole.FontRole and row.get("is_live"):
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.BackgroundRole and row.get("is_live"):
                return QColor(255, 190, 0, 70)  # a tint that reads on light and dark themes; the words carry the meaning
        return super().data(index, role)


def _name_row(kind: str, entity_id: int, name: str, detail: str, organisation_id: int | None) -> dict:
    return {"id": f"{kind}:{entity_id}", "kind": kind, "entity_id": entity_id, "name": name, "detail": detail,
            "organisation_id": organisation_id}


class NameModel(RowTableModel):
    """Everyone who can be named with `@`: participants first, then organisations."""

    tables = frozenset({"participant", "organisation"})
    columns = (Column("Name", lambda r: f"{r['name']} — {r['detail']}" if r["detail"] else r["name"]),)

    def fetch(self):
        pf = self.document.pf
        people = [_name_row("participant", p["id"], p["name"], p["organisation_name"] or "", p["organisation_id"])
                  for p in queries.participants(pf)]
        orgs = [_name_row("organisation", o["id"], o["name"], "organisation", o["id"]) for o in queries.organisations(pf)]
        return people + orgs

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == NAME_ROLE and index.isValid() and 0 <= index.row() < len(self._rows):
            return self._rows[index.row()]["name"]
        return super().data(index, role)

    def names(self) -> list[capture.Name]:
        return [capture.Name(r["kind"], r["entity_id"], r["name"]) for r in self._rows]

    def name_of(self, kind: str, entity_id: int | None) -> str:
        found = self.row_dict(self.row_of_id(f"{kind}:{entity_id}"))
        return "" if found is None else found["name"]

    def of_kind(self, kind: str) -> list[dict]:
        return [r for r in self._rows if r["kind"] == kind]


def contribution_meta(row: dict) -> str:
    """Who said it and what kind of thing it is, as one plain-text line."""
    category = domain.label(domain.CONTRIBUTION_CATEGORIES, row.get("category"))
    return " · ".join(part for part in (attribution(row), category) if part)


class RunContributionModel(ContributionModel):
    """Contributions with a screen-reader text that includes who said it and the category."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.AccessibleTextRole and index.isValid() and 0 <= index.row() < len(self._rows):
            row = self._rows[index.row()]
            return f"{row['text']} — {contribution_meta(row)}"
        return super().data(index, role)


def value_status(row: dict) -> str:
    return "✓ Agreed" if row["status"] == "agreed" else "○ Proposed"

