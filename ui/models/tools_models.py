"""Models for the partnership tools: actions and their matrix, decisions, health checks, voice balance.

Why a "source": the analyses (`facilitator.analysis`) each compute one frozen result that several
tables show (the spread feeds an organisation table, a sector table and the "not shared" list).
An `AnalysisSource` computes it once per relevant Changes and the `FigureModel`s adapt it to rows.
Everything here reads; every write goes through an operation run by a page.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from facilitator import domain, queries
from facilitator.analysis.health import BETTER, NEW, SAME, WORSE, Scale, health_summary, health_trend
from facilitator.analysis.responsibilities import ResponsibilityMatrix, responsibility_matrix, spread
from facilitator.changes import Changes
from facilitator.errors import NotFoundError
from facilitator.operations.decisions import agreement_counts
from ui.document import Document
from ui.models.base import ID_ROLE, ROW_ROLE, Column, RowTableModel
from ui.plain_text import one_line, tooltip_html

BAR_ROLE = Qt.ItemDataRole.UserRole + 20  # 0..1: how much of a bar a figure cell draws behind its text
ORGANISATION_ROLE = Qt.ItemDataRole.UserRole + 21  # the organisation id of a matrix column

ACTION_TABLES = frozenset({"action", "responsibility", "organisation", "action_status_change", "session"})

# Words first, then a shape: colour only ever repeats them (PRODUCT.md: never colour alone).
RAG_TEXT = {1: "✖ Red", 2: "▲ Amber", 3: "✔ Green"}
RAG_TINT = {1: QColor(211, 47, 47, 60), 2: QColor(255, 160, 0, 70), 3: QColor(56, 142, 60, 60)}
TREND_TEXT = {BETTER: "↑ better", WORSE: "↓ worse", SAME: "= same", NEW: "new prompt", None: "—"}
MARKS = {"lead": "L", "support": "S", None: ""}
NOT_SHARED = "⚠ not shared"
NO_LEAD = "⚠ no lead"


# Wording ------------------------------------------------------------------------------------------


def rating_text(scale: Scale, rating: int | None) -> str:
    """'✖ Red' / '▲ Amber' / '✔ Green' on the RAG scale; '4 of 5 ●●●●○' on 1 to 5; '' unrated."""
    if rating is None:
        return ""
    if scale.key == "rag":
        return RAG_TEXT.get(rating, str(rating))
    return f"{rating} of {scale.high} " + "●" * rating + "○" * (scale.high - rating)


def mean_text(scale: Scale, mean: float | None) -> str:
    """A mean rating in numbers, with the scale's words at each end so '2.3' is not a riddle."""
    if mean is None:
        return ""
    value = scale.label(round(mean, 1)) if not float(mean).is_integer() else rating_text(scale, int(mean))
    return value if float(mean).is_integer() else f"{value} of {scale.high}"


def share_text(share: float | None) -> str:
    return "" if share is None else f"{share:.0%}"


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural_noun or noun + 's'}"


def names(refs) -> str:
    return ", ".join(ref.name for ref in refs)


# Sources ------------------------------------------------------------------------------------------


class AnalysisSource(QObject):
    """One analysis result, recomputed when Changes touch `tables` or the key changes.

    `key` is whatever `compute(pf, key)` needs (a session id, a (session, scope) tuple…); None means
    "nothing to show" and `value` is then None too.
    """

    updated = Signal()

    def __init__(self, document: Document, tables: frozenset[str], compute: Callable[[Any, Any], Any],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.tables = tables
        self.compute = compute
        self.key: Any = None
        self.value: Any = None
        document.changed.connect(self._on_changed)

    def set_key(self, key: Any) -> None:
        self.key = key
        self.reload()

    def reload(self) -> None:
        pf = self.document.pf
        try:
            self.value = None if self.key is None or pf.closed else self.compute(pf, self.key)
        except NotFoundError:  # the session or check went away (deleted, undone)
            self.value = None
        self.updated.emit()

    def _on_changed(self, changes: Changes) -> None:
        if self.key is not None and changes.touches(*self.tables):
            self.reload()


class FigureModel(RowTableModel):
    """Rows made from a source's value by `rows_of(value)`; each row dict has an 'id'.

    When a recompute keeps the same ids in the same order, rows are updated in place, so the
    selection and the scroll position survive a rating or a status change.
    """

    edited = Signal(object, int, str)  # row id, column, new text (a page decides what to run)

    def __init__(self, source: AnalysisSource, rows_of: Callable[[Any], list[dict]], columns: tuple[Column, ...],
                 parent: QObject | None = None, *, editable_columns: frozenset[int] = frozenset(),
                 bar: Callable[[dict], float] | None = None, tint: Callable[[dict, int], QColor | None] | None = None):
        self.source = source
        self.columns = columns
        self._rows_of = rows_of
        self._editable = editable_columns
        self._bar = bar
        self._tint = tint
        super().__init__(None, parent)
        source.updated.connect(self.resync)
        self.resync()

    def can_fetch(self) -> bool:
        return self.source.value is not None

    def fetch(self) -> list[dict]:
        return self._rows_of(self.source.value)

    def resync(self) -> None:
        new_rows = self.fetch() if self.can_fetch() else []
        if [r["id"] for r in new_rows] != [r["id"] for r in self._rows]:
            self.beginResetModel()
            self._rows = new_rows
            self.endResetModel()
            return
        for index, (old, new) in enumerate(zip(self._rows, new_rows)):
            if old != new:
                self._rows[index] = new
                self.dataChanged.emit(self.index(index, 0), self.index(index, self.columnCount() - 1))

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in self._editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.EditRole and index.column() in self._editable:
            return row.get("edit_text", self.columns[index.column()].text(row))
        if role == BAR_ROLE and self._bar is not None:
            return self._bar(row)
        if role == Qt.ItemDataRole.BackgroundRole and self._tint is not None:
            return self._tint(row, index.column())
        return super().data(index, role)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An inline edit only asks for a change; the row changes when the file does."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in self._editable:
            return False
        row = self._rows[index.row()]
        text = str(value)
        if text != self.data(index, Qt.ItemDataRole.EditRole):
            self.edited.emit(row["id"], index.column(), text)
        return False


# The responsibility matrix ----------------------------------------------------------------------------


def matrix_and_spread(pf, key: tuple[int | None, bool]):
    """(matrix, spread) over the same actions: one scope (a session, or None for the series)."""
    scope, include_closed = key
    return (responsibility_matrix(pf, session_id=scope, include_closed=include_closed),
            spread(pf, session_id=scope, include_closed=include_closed))


def sharing_text(row) -> str:
    if not row.leads:
        return NO_LEAD
    if row.organisation_count == 1:
        return NOT_SHARED
    return f"{row.organisation_count} partners"


class MatrixModel(QAbstractTableModel):
    """Actions × organisations. Cells say 'L' (lead) or 'S' (support) in words too, for screen readers.

    The first `FIXED` columns describe the action; one column per organisation follows, in the
    partnership's order, so an empty column shows at once who holds no role.
    """

    FIXED = 4
    HEADERS = ("Action", "Status", "Due", "Shared?")
    edited = Signal(int, str, str)  # action id, field ('text' or 'due_date'), new value

    def __init__(self, source: AnalysisSource, parent: QObject | None = None):
        super().__init__(parent)
        self.source = source
        self.matrix: ResponsibilityMatrix | None = None
        source.updated.connect(self.resync)
        self.resync()

    # Data source ---------------------------------------------------------------------------------

    def resync(self) -> None:
        value = self.source.value
        matrix = value[0] if value else None
        old = self._shape(self.matrix)
        if old != self._shape(matrix) or matrix is None:
            self.beginResetModel()
            self.matrix = matrix
            self.endResetModel()
            return
        self.matrix = matrix
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    @staticmethod
    def _shape(matrix: ResponsibilityMatrix | None):
        if matrix is None:
            return None
        return tuple(r.action_id for r in matrix.rows), tuple(c.id for c in matrix.columns)

    # Access --------------------------------------------------------------------------------------

    def action_at(self, row: int):
        rows = self.matrix.rows if self.matrix else ()
        return rows[row] if 0 <= row < len(rows) else None

    def organisation_at(self, column: int):
        columns = self.matrix.columns if self.matrix else ()
        index = column - self.FIXED
        return columns[index] if 0 <= index < len(columns) else None

    def row_of_action(self, action_id: int | None) -> int:
        rows = self.matrix.rows if self.matrix else ()
        return next((i for i, r in enumerate(rows) if r.action_id == action_id), -1)

    def column_of_organisation(self, organisation_id: int | None) -> int:
        columns = self.matrix.columns if self.matrix else ()
        return next((i + self.FIXED for i, c in enumerate(columns) if c.id == organisation_id), -1)

    def mark_text(self, row: int, column: int) -> str:
        return str(self.data(self.index(row, column)) or "")

    # Qt model API ----------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.matrix is None else self.FIXED + len(self.matrix.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.matrix is None:
            return None
        organisation = self.organisation_at(section)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if organisation is None:
                return self.HEADERS[section] if 0 <= section < self.FIXED else None
            return organisation.name
        if role == Qt.ItemDataRole.ToolTipRole and organisation is not None:
            return tooltip_html(f"{organisation.name}\n{organisation.sector_label}")
        if role == ORGANISATION_ROLE and organisation is not None:
            return organisation.id
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in (0, 2):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        action = self.action_at(index.row()) if index.isValid() else None
        if action is None:
            return None
        column = index.column()
        organisation = self.organisation_at(column)
        if role == ID_ROLE:
            return action.action_id
        if role == ROW_ROLE:
            return action
        if organisation is not None:
            return self._mark_data(action, organisation, action.marks[column - self.FIXED], role)
        texts = (one_line(action.text), action.status_label, action.due_date, sharing_text(action))
        if role == Qt.ItemDataRole.DisplayRole:
            return texts[column]
        if role == Qt.ItemDataRole.EditRole:
            return action.text if column == 0 else texts[column]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.HEADERS[column]}: {texts[column] or 'none'}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_html(self._action_tip(action))
        return None

    def _mark_data(self, action, organisation, mark: str | None, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return MARKS.get(mark, "")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{organisation.name}: {domain.label(domain.ROLES, mark) or 'no role'}"
        if role == Qt.ItemDataRole.ToolTipRole:
            role_text = domain.label(domain.ROLES, mark) or "No role"
            return tooltip_html(f"{organisation.name}: {role_text}\n{one_line(action.text, 200)}")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and mark == "lead":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and mark:
            return QColor(25, 118, 210, 70 if mark == "lead" else 30)  # repeats the letter, never replaces it
        return None

    @staticmethod
    def _action_tip(action) -> str:
        lines = [action.text, f"Status: {action.status_label}"]
        if action.due_date:
            lines.append(f"Due: {action.due_date}")
        lines.append(f"Lead: {names(action.leads) or 'nobody yet'}")
        if action.supporters:
            lines.append(f"Supporting: {names(action.supporters)}")
        return "\n".join(lines)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        action = self.action_at(index.row()) if index.isValid() else None
        if action is None or role != Qt.ItemDataRole.EditRole or index.column() not in (0, 2):
            return False
        field = "text" if index.column() == 0 else "due_date"
        text = str(value).strip() if field == "due_date" else str(value)
        if text != getattr(action, field):
            self.edited.emit(action.action_id, field, text)
        return False


# Rows for the other tables -----------------------------------------------------------------------------


def load_rows(spread_value) -> list[dict]:
    return [{"id": load.organisation.id, "name": load.organisation.name, "sector": load.organisation.sector_label,
             "led": load.led, "supported": load.supported, "total": load.total} for load in spread_value.organisations]


def sector_rows(spread_value) -> list[dict]:
    return [{"id": s.sector, "name": s.label, "organisations": s.organisations, "led": s.led,
             "supported": s.supported, "total": s.total} for s in spread_value.sectors]


LOAD_COLUMNS = (
    Column("Organisation", lambda r: r["name"], lambda r: f"{r['name']}\n{r['sector']}"),
    Column("Leads", lambda r: str(r["led"]), align_right=True),
    Column("Supports", lambda r: str(r["supported"]), align_right=True),
    Column("Roles", lambda r: str(r["total"]) if r["total"] else "none", align_right=True),
)

SECTOR_COLUMNS = (
    Column("Sector", lambda r: r["name"]),
    Column("Orgs", lambda r: str(r["organisations"]), align_right=True),
    Column("Leads", lambda r: str(r["led"]), align_right=True),
    Column("Supports", lambda r: str(r["supported"]), align_right=True),
)


def status_change_text(change) -> str:
    where = f"in “{change.session_title}”" if change.session_title else "between sessions"
    note = f": {change.note}" if change.note else ""
    return f"{change.changed_at[:10]} → {change.new_status_label} ({where}){note}"


def carried_rows(carried) -> list[dict]:
    rows = []
    for action in carried:
        last = action.history[-1] if action.history else None
        rows.append({
            "id": action.action_id, "text": action.text, "status": action.status, "status_label": action.status_label,
            "due_date": action.due_date, "session_title": action.session_title,
            "lead": action.lead.name if action.lead else "", "supporters": names(action.supporters),
            "last": status_change_text(last) if last else "no change recorded yet",
            "history": [status_change_text(c) for c in action.history], "reviewed_here": action.reviewed_here,
        })
    return rows


def _carried_status(row: dict) -> str:
    return f"{row['status_label']} ✓ reviewed" if row["reviewed_here"] else row["status_label"]


CARRIED_COLUMNS = (
    Column("Action", lambda r: one_line(r["text"]), lambda r: r["text"]),
    Column("Status", _carried_status),
    Column("Lead", lambda r: r["lead"] or NO_LEAD),
    Column("Supporting", lambda r: r["supporters"] or "—"),
    Column("Due", lambda r: r["due_date"]),
    Column("Agreed in", lambda r: r["session_title"]),
    Column("Last change", lambda r: r["last"]),
)


# Decisions ------------------------------------------------------------------------------------------


def counts_text(counts: dict[str, int]) -> str:
    """In the scale's order, always: a row that went through Qt comes back with its keys sorted."""
    return " · ".join(f"{text} {counts[level]}" for level, text in domain.AGREEMENT_LEVELS.items()
                      if counts.get(level))


def decision_heading(row: dict) -> str:
    """Method, agreement, status and influence in one plain line (the card's small heading)."""
    status = domain.label(domain.DECISION_STATUSES, row["status"])
    if row["status"] == "recommendation" and row["status_body"].strip():
        status = f"Recommendation to {row['status_body'].strip()}"
    parts = [domain.label(domain.DECISION_METHODS, row["method"]), status]
    if row["agreement_level"]:
        parts.append(domain.label(domain.AGREEMENT_LEVELS, row["agreement_level"]))
    if row["influence"]:
        parts.append(domain.label(domain.INFLUENCE, row["influence"]))
    return " · ".join(parts)


def decision_note(row: dict, *, series: bool) -> str:
    counts = row["counts"]
    parts = [f"Counts: {counts_text(counts)}"] if counts else []
    if series:
        parts.append(f"Decided in “{row['session_title']}”")
    return "   ".join(parts)


class DecisionModel(RowTableModel):
    """One session's decisions, or the whole series' (scope None), as card rows."""

    tables = frozenset({"decision", "session"})
    columns = (Column("Decision", lambda r: r["text"], lambda r: f"{r['text']}\n{decision_heading(r)}"),)

    def __init__(self, document: Document | None = None, parent=None):
        self.scope: int | None = None
        self.active = False
        super().__init__(document, parent)

    def set_scope(self, session_id: int | None, *, active: bool = True) -> None:
        """`active` False shows nothing (no session chosen and no series asked for)."""
        self.scope, self.active = session_id, active
        self.reload()

    def can_fetch(self) -> bool:
        return super().can_fetch() and self.active

    def fetch(self) -> list[dict]:
        rows = queries.decisions(self.document.pf, self.scope)
        for row in rows:
            row["counts"] = agreement_counts(row)
        return rows

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.AccessibleTextRole and index.isValid() and 0 <= index.row() < len(self._rows):
            row = self._rows[index.row()]
            return f"{row['text']} — {decision_heading(row)}"
        return super().data(index, role)


# Health checks ------------------------------------------------------------------------------------------

HEALTH_TABLES = frozenset({"health_check", "health_prompt", "health_rating", "organisation", "session"})


def health_and_trend(pf, health_check_id: int):
    """(summary, trend) of one check: the trend names the previous session's result per prompt."""
    return health_summary(pf, health_check_id), health_trend(pf, health_check_id)


def _previous_text(item) -> tuple[str, str]:
    """The previous session's result in words, and where it came from (for the tooltip)."""
    side = item.previous if item else None
    if side is None:
        return "", "Not asked in an earlier session."
    if side.group is not None:
        return rating_text(side.scale, side.group), f"Whole group, in “{side.session_title}”"
    if side.organisation_mean is not None:
        return mean_text(side.scale, side.organisation_mean), f"Mean of organisations, in “{side.session_title}”"
    return "not rated", f"Asked in “{side.session_title}” but not rated"


def organisations_text(prompt, scale: Scale) -> str:
    rated = prompt.rated_organisations
    if not rated:
        return ""
    if prompt.organisation_spread:
        return f"{rated} rated · differ by {prompt.organisation_spread}"
    return f"{rated} rated · " + ("agree" if rated > 1 else mean_text(scale, prompt.organisation_mean))


def prompt_rows(value, rater: int | None) -> list[dict]:
    """One row per prompt: the chosen rater's rating and note, the organisations' spread, the trend."""
    summary, trend = value
    items = {item.prompt_id: item for item in trend.items}
    rows = []
    for number, prompt in enumerate(summary.prompts, start=1):
        if rater is None:
            mine = prompt.group
        else:
            mine = next((r for r in prompt.by_organisation if r.organisation.id == rater), None)
        item = items.get(prompt.prompt_id)
        previous, previous_tip = _previous_text(item)
        rows.append({
            "id": prompt.prompt_id, "number": number, "text": prompt.text, "edit_text": prompt.text,
            "rating": mine.rating if mine else None, "note": mine.note if mine else "",
            "scale": summary.scale.key, "rating_text": rating_text(summary.scale, mine.rating if mine else None),
            "organisations": organisations_text(prompt, summary.scale),
            "previous": previous, "previous_tip": previous_tip,
            "trend": TREND_TEXT.get(item.direction if item else None, "—"),
        })
    return rows


def rating_tint(row: dict, column: int) -> QColor | None:
    return RAG_TINT.get(row["rating"]) if column == 2 and row.get("scale") == "rag" else None


PROMPT_COLUMNS = (
    Column("#", lambda r: str(r["number"]), align_right=True),
    Column("Prompt", lambda r: r["text"]),
    Column("Rating", lambda r: r["rating_text"] or "not rated", lambda r: r["rating_text"] or "Not rated yet"),
    Column("Note", lambda r: one_line(r["note"]), lambda r: r["note"]),
    Column("Organisations", lambda r: r["organisations"] or "—"),
    Column("Last time", lambda r: r["previous"] or "—", lambda r: r["previous_tip"]),
    Column("Trend", lambda r: r["trend"]),
)
PROMPT_TEXT_COLUMN = 1


def breakdown_rows(value, prompt_id: int | None) -> list[dict]:
    """The chosen prompt's rating by each organisation that rated it."""
    summary, _trend = value
    prompt = next((p for p in summary.prompts if p.prompt_id == prompt_id), None)
    if prompt is None:
        return []
    return [{"id": r.organisation.id, "name": r.organisation.name, "sector": r.organisation.sector_label,
             "rating": r.rating, "scale": summary.scale.key, "rating_text": rating_text(summary.scale, r.rating),
             "note": r.note} for r in prompt.by_organisation]


def sector_rating_rows(value, prompt_id: int | None) -> list[dict]:
    summary, _trend = value
    prompt = next((p for p in summary.prompts if p.prompt_id == prompt_id), None)
    if prompt is None:
        return []
    return [{"id": s.sector, "name": s.label, "mean": mean_text(summary.scale, s.mean), "count": s.count}
            for s in prompt.by_sector]


def divided_rows(value) -> list[dict]:
    summary, _trend = value
    return [{"id": p.prompt_id, "text": p.text,
             "organisations": "" if p.organisation_spread is None else str(p.organisation_spread),
             "sectors": "" if p.sector_spread is None else f"{p.sector_spread:.1f}".rstrip("0").rstrip(".")}
            for p in summary.most_divided]


BREAKDOWN_COLUMNS = (
    Column("Organisation", lambda r: r["name"], lambda r: f"{r['name']}\n{r['sector']}"),
    Column("Rating", lambda r: r["rating_text"] or "note only"),
    Column("Note", lambda r: one_line(r["note"]), lambda r: r["note"]),
)

SECTOR_RATING_COLUMNS = (
    Column("Sector", lambda r: r["name"]),
    Column("Mean", lambda r: r["mean"]),
    Column("Rated by", lambda r: plural(r["count"], "organisation"), align_right=True),
)

DIVIDED_COLUMNS = (
    Column("Prompt", lambda r: one_line(r["text"]), lambda r: r["text"]),
    Column("Orgs differ by", lambda r: r["organisations"] or "—", align_right=True),
    Column("Sectors differ by", lambda r: r["sectors"] or "—", align_right=True),
)
