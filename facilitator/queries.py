"""Read-only views of a partnership for screens, the projector and the PDF.

The UI never writes SQL: it reads through these functions and changes data through operations.
Rows are plain dicts; joined names (participant_name, organisation_name...) save each screen
from looking them up again.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable

from facilitator.storage.partnership_file import PartnershipFile

ANY = object()  # "do not filter on this" (None is a real value: "no agenda item")

_CONTRIBUTION = """
SELECT c.*, p.name AS participant_name, o.name AS organisation_name, o.sector AS organisation_sector
FROM contribution c
LEFT JOIN participant p ON p.id = c.participant_id
LEFT JOIN organisation o ON o.id = c.organisation_id
"""


def partnership(pf: PartnershipFile) -> dict:
    return pf.row("SELECT * FROM partnership WHERE id = 1")


def sessions(pf: PartnershipFile) -> list[dict]:
    return pf.rows(
        "SELECT s.*, (SELECT count(*) FROM agenda_item a WHERE a.session_id = s.id) AS agenda_count,"
        " (SELECT coalesce(sum(planned_minutes), 0) FROM agenda_item a WHERE a.session_id = s.id) AS planned_total"
        " FROM session s ORDER BY s.position, s.id"
    )


def session(pf: PartnershipFile, session_id: int) -> dict | None:
    return pf.row("SELECT * FROM session WHERE id = ?", (session_id,))


def organisations(pf: PartnershipFile) -> list[dict]:
    return pf.rows(
        "SELECT o.*, (SELECT count(*) FROM participant p WHERE p.organisation_id = o.id) AS participant_count"
        " FROM organisation o ORDER BY o.position, o.id"
    )


def participants(pf: PartnershipFile) -> list[dict]:
    return pf.rows(
        "SELECT p.*, o.name AS organisation_name, o.sector AS organisation_sector FROM participant p"
        " LEFT JOIN organisation o ON o.id = p.organisation_id ORDER BY p.position, p.id"
    )


def attendance(pf: PartnershipFile, session_id: int) -> list[dict]:
    """Every participant, with this session's attendance status (None: not on the list)."""
    return pf.rows(
        "SELECT p.id AS participant_id, p.name, p.role, p.access_needs, p.organisation_id,"
        " o.name AS organisation_name, o.sector AS organisation_sector, a.id AS attendance_id, a.status"
        " FROM participant p LEFT JOIN organisation o ON o.id = p.organisation_id"
        " LEFT JOIN attendance a ON a.participant_id = p.id AND a.session_id = ?"
        " ORDER BY p.position, p.id",
        (session_id,),
    )


def agenda_items(pf: PartnershipFile, session_id: int) -> list[dict]:
    return pf.rows(
        "SELECT a.*, (SELECT count(*) FROM contribution c WHERE c.agenda_item_id = a.id AND c.parked = 0)"
        " AS contribution_count FROM agenda_item a WHERE a.session_id = ? ORDER BY a.position, a.id",
        (session_id,),
    )


def agenda_item(pf: PartnershipFile, agenda_item_id: int) -> dict | None:
    return pf.row("SELECT * FROM agenda_item WHERE id = ?", (agenda_item_id,))


def contributions(
    pf: PartnershipFile, session_id: int, *, agenda_item_id=ANY, parked: bool | None = False, last: int | None = None
) -> list[dict]:
    """A session's contributions in captured order; by default those not in the parking lot.

    `last` keeps only the most recent ones (still oldest first), for screens that show a window.
    """
    where, params = _contribution_filter(session_id, agenda_item_id, parked)
    sql = _CONTRIBUTION + " WHERE " + " AND ".join(where)
    if last is None:
        return pf.rows(sql + " ORDER BY c.position, c.id", tuple(params))
    newest_first = pf.rows(sql + " ORDER BY c.position DESC, c.id DESC LIMIT ?", (*params, last))
    return newest_first[::-1]


def count_contributions(pf: PartnershipFile, session_id: int, *, agenda_item_id=ANY, parked: bool | None = False) -> int:
    where, params = _contribution_filter(session_id, agenda_item_id, parked)
    return pf.scalar("SELECT count(*) FROM contribution c WHERE " + " AND ".join(where), tuple(params))


def _contribution_filter(session_id: int, agenda_item_id, parked: bool | None) -> tuple[list[str], list]:
    where, params = ["c.session_id = ?"], [session_id]
    if agenda_item_id is not ANY:
        where.append("c.agenda_item_id IS ?")
        params.append(agenda_item_id)
    if parked is not None:
        where.append("c.parked = ?")
        params.append(int(parked))
    return where, params


def contributions_by_id(pf: PartnershipFile, ids: Iterable[int]) -> list[dict]:
    ids = list(ids)
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    return pf.rows(_CONTRIBUTION + f" WHERE c.id IN ({marks}) ORDER BY c.position, c.id", tuple(ids))


def values(pf: PartnershipFile) -> list[dict]:
    return pf.rows("SELECT * FROM value ORDER BY position, id")


def elapsed_seconds(item: dict, now: datetime | None = None) -> int:
    """Time spent on an agenda item so far, counting the visit in progress."""
    total = item.get("elapsed_seconds") or 0
    if item.get("run_started_at"):
        now = now or datetime.now(timezone.utc)
        total += max(0, int((now - datetime.fromisoformat(item["run_started_at"])).total_seconds()))
    return total


def agenda_fit(pf: PartnershipFile, session_id: int) -> dict:
    """Planned minutes of all items against the session's length (0: no length set)."""
    planned = pf.scalar("SELECT coalesce(sum(planned_minutes), 0) FROM agenda_item WHERE session_id = ?", (session_id,))
    length = pf.scalar("SELECT length_minutes FROM session WHERE id = ?", (session_id,)) or 0
    return {"planned": planned, "length": length, "over_by": max(0, planned - length) if length else 0}


# The projector ------------------------------------------------------------------------------------
# Only what the room may see: these select named public columns and never notes, access needs,
# roles or anything voice balance is made of, so private fields cannot reach the presenter.

_PROJECTOR_ITEM = (
    "a.id, a.session_id, a.title, a.kind, a.prompt, a.planned_minutes, a.started_at, a.ended_at,"
    " a.run_started_at, a.elapsed_seconds, a.position"
)

_PROJECTOR_CONTRIBUTION = """
SELECT c.id, c.session_id, c.agenda_item_id, c.category, c.text, c.parked, c.position,
       p.name AS participant_name, o.name AS organisation_name
FROM contribution c
LEFT JOIN participant p ON p.id = c.participant_id
LEFT JOIN organisation o ON o.id = c.organisation_id
"""


def projector_session(pf: PartnershipFile, session_id: int) -> dict | None:
    """A session's public heading (with the partnership's title) and which item is live."""
    return pf.row(
        "SELECT s.id, s.title, s.date, s.start_time, s.venue, s.status, s.live_agenda_item_id, s.started_at,"
        " s.ended_at, s.position, (SELECT title FROM partnership WHERE id = 1) AS partnership_title"
        " FROM session s WHERE s.id = ?",
        (session_id,),
    )


def projector_agenda_items(pf: PartnershipFile, session_id: int) -> list[dict]:
    return pf.rows(
        f"SELECT {_PROJECTOR_ITEM}, (SELECT count(*) FROM contribution c WHERE c.agenda_item_id = a.id"
        " AND c.parked = 0) AS contribution_count FROM agenda_item a WHERE a.session_id = ? ORDER BY a.position, a.id",
        (session_id,),
    )


def projector_contributions(
    pf: PartnershipFile, session_id: int, *, agenda_item_id=ANY, parked: bool | None = False
) -> list[dict]:
    """Like `contributions`, but only the columns the room may see."""
    where, params = _contribution_filter(session_id, agenda_item_id, parked)
    return pf.rows(
        _PROJECTOR_CONTRIBUTION + " WHERE " + " AND ".join(where) + " ORDER BY c.position, c.id", tuple(params)
    )


def projector_contributions_by_id(pf: PartnershipFile, ids: Iterable[int]) -> list[dict]:
    ids = list(ids)
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    return pf.rows(_PROJECTOR_CONTRIBUTION + f" WHERE c.id IN ({marks}) ORDER BY c.position, c.id", tuple(ids))


def projector_values(pf: PartnershipFile) -> list[dict]:
    return pf.rows("SELECT id, session_id, text, status, position FROM value ORDER BY position, id")


def health_checks(pf: PartnershipFile, session_id: int) -> list[dict]:
    return pf.rows(
        "SELECT id, session_id, title, scale, position FROM health_check WHERE session_id = ? ORDER BY position, id",
        (session_id,),
    )


# Partnership tools --------------------------------------------------------------------------------


def decisions(pf: PartnershipFile, session_id: int | None = None) -> list[dict]:
    """One session's decisions in their order, or (None) the whole series' in session order.

    Each row carries its session's title and date, so a series list can say where it was decided.
    """
    sql = (
        "SELECT d.*, s.title AS session_title, s.date AS session_date FROM decision d"
        " JOIN session s ON s.id = d.session_id"
    )
    if session_id is None:
        return pf.rows(sql + " ORDER BY s.position, s.id, d.position, d.id")
    return pf.rows(sql + " WHERE d.session_id = ? ORDER BY d.position, d.id", (session_id,))
