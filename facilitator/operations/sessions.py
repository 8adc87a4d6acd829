"""Sessions of the series, who is invited to each, and running one: start, move between items, finish."""

from __future__ import annotations

from datetime import datetime

from facilitator import domain
from facilitator.changes import Changes
from facilitator.errors import ValidationError
from facilitator.operations import _rules as rules
from facilitator.operations._generic import delete_row, move_row, update_row
from facilitator.operations._rules import UNSET
from facilitator.storage.partnership_file import PartnershipFile, utc_now


def add_session(
    pf: PartnershipFile,
    *,
    title: str,
    date: str = "",
    start_time: str = "",
    length_minutes: int = 0,
    venue: str = "",
    facilitator: str = "",
) -> Changes:
    values = validated_fields(title=title, date=date, start_time=start_time, length_minutes=length_minutes,
                      venue=venue, facilitator=facilitator)
    with pf.edit(f"Add session “{rules.short(title)}”") as edit:
        edit.new_id = edit.insert("session", {**values, "position": edit.next_position("session")})
    return edit.changes


def update_session(
    pf: PartnershipFile,
    *,
    session_id: int,
    title=UNSET,
    date=UNSET,
    start_time=UNSET,
    length_minutes=UNSET,
    venue=UNSET,
    facilitator=UNSET,
    notes=UNSET,
) -> Changes:
    values = validated_fields(**rules.given(title=title, date=date, start_time=start_time, length_minutes=length_minutes,
                                    venue=venue, facilitator=facilitator, notes=notes))
    return update_row(pf, "Edit session", "session", session_id, values)


def move_session(pf: PartnershipFile, *, session_id: int, to_index: int) -> Changes:
    return move_row(pf, "Move session", "session", session_id, to_index, None)


def delete_session(pf: PartnershipFile, *, session_id: int) -> Changes:
    """Its agenda, contributions, checks and decisions go; values and actions stay with the partnership."""
    return delete_row(pf, "Delete session", "session", session_id)


def duplicate_session(pf: PartnershipFile, *, session_id: int, title: str | None = None, date: str = "") -> Changes:
    """Start the next session from this one: same agenda, venue, invitations and health-check prompts.

    Nothing said in the room (contributions, ratings, decisions) is copied.
    """
    with pf.edit("Duplicate session") as edit:
        source = edit.get("session", session_id)
        new_title = rules.text(title, "session title") if title is not None else f"{source['title']} (next)"
        new_id = edit.insert("session", {
            "title": new_title,
            "date": rules.date(date),
            "start_time": source["start_time"],
            "length_minutes": source["length_minutes"],
            "venue": source["venue"],
            "facilitator": source["facilitator"],
            "position": edit.next_position("session"),
        })
        for item in edit.select("SELECT * FROM agenda_item WHERE session_id = ? ORDER BY position, id", (session_id,)):
            edit.insert("agenda_item", {
                "session_id": new_id, "title": item["title"], "kind": item["kind"], "prompt": item["prompt"],
                "planned_minutes": item["planned_minutes"], "notes": item["notes"], "position": item["position"],
            })
        for invite in edit.select("SELECT * FROM attendance WHERE session_id = ? ORDER BY id", (session_id,)):
            edit.insert("attendance", {"session_id": new_id, "participant_id": invite["participant_id"], "status": "invited"})
        for check in edit.select("SELECT * FROM health_check WHERE session_id = ? ORDER BY position, id", (session_id,)):
            check_id = edit.insert("health_check", {
                "session_id": new_id, "title": check["title"], "scale": check["scale"], "position": check["position"],
            })
            for prompt in edit.select(
                "SELECT * FROM health_prompt WHERE health_check_id = ? ORDER BY position, id", (check["id"],)
            ):
                edit.insert("health_prompt", {"health_check_id": check_id, "text": prompt["text"], "position": prompt["position"]})
        edit.new_id = new_id
    return edit.changes


def set_attendance(pf: PartnershipFile, *, session_id: int, participant_id: int, status: str | None) -> Changes:
    """Invite, mark present, apologies or absent; None takes the person off this session's list."""
    rules.choice(status, domain.ATTENDANCE, "attendance", optional=True)
    with pf.edit("Change attendance") as edit:
        edit.get("session", session_id)
        edit.get("participant", participant_id)
        existing = edit.select(
            "SELECT id FROM attendance WHERE session_id = ? AND participant_id = ?", (session_id, participant_id)
        )
        if existing and status is None:
            edit.delete("attendance", existing[0]["id"])
        elif existing:
            edit.update("attendance", existing[0]["id"], status=status)
        elif status is not None:
            edit.new_id = edit.insert("attendance", {"session_id": session_id, "participant_id": participant_id, "status": status})
    return edit.changes


def start_session(pf: PartnershipFile, *, session_id: int) -> Changes:
    """Put the session live at its first agenda item (or where it was, when resuming)."""
    with pf.edit("Start session") as edit:
        session = edit.get("session", session_id)
        items = _item_ids(edit, session_id)
        if not items:
            raise ValidationError("Add at least one agenda item before starting the session.")
        now = utc_now()
        edit.update("session", session_id, status="running", started_at=session["started_at"] or now, ended_at=None)
        session = edit.get("session", session_id)
        target = session["live_agenda_item_id"] if session["live_agenda_item_id"] in items else items[0]
        _go_live(edit, session, target, now)
    return edit.changes


def go_to_agenda_item(pf: PartnershipFile, *, session_id: int, agenda_item_id: int) -> Changes:
    with pf.edit("Change live item") as edit:
        session = edit.get("session", session_id)
        item = edit.get("agenda_item", agenda_item_id, "agenda item")
        if item["session_id"] != session_id:
            raise ValidationError("That agenda item belongs to another session.")
        _go_live(edit, session, agenda_item_id, utc_now())
    return edit.changes


def next_agenda_item(pf: PartnershipFile, *, session_id: int) -> Changes:
    return _step(pf, session_id, +1, "Next item")


def previous_agenda_item(pf: PartnershipFile, *, session_id: int) -> Changes:
    return _step(pf, session_id, -1, "Previous item")


def finish_session(pf: PartnershipFile, *, session_id: int) -> Changes:
    with pf.edit("Finish session") as edit:
        session = edit.get("session", session_id)
        now = utc_now()
        _end_item(edit, session["live_agenda_item_id"], now)
        edit.update("session", session_id, status="finished", ended_at=now)
    return edit.changes


def _step(pf: PartnershipFile, session_id: int, direction: int, label: str) -> Changes:
    with pf.edit(label) as edit:
        session = edit.get("session", session_id)
        items = _item_ids(edit, session_id)
        live = session["live_agenda_item_id"]
        index = items.index(live) + direction if live in items else 0
        if items and 0 <= index < len(items):
            _go_live(edit, session, items[index], utc_now())
    return edit.changes


def _go_live(edit, session: dict, item_id: int, now: str) -> None:
    """Time on an item adds up over every visit, so going back does not count the detour."""
    if session["live_agenda_item_id"] != item_id:
        _end_item(edit, session["live_agenda_item_id"], now)
    item = edit.get("agenda_item", item_id, "agenda item")
    if not item["run_started_at"]:
        edit.update("agenda_item", item_id, started_at=item["started_at"] or now, run_started_at=now)
    edit.update("session", session["id"], live_agenda_item_id=item_id)


def _end_item(edit, item_id: int | None, now: str) -> None:
    item = edit.find("agenda_item", item_id)
    if item is not None and item["run_started_at"]:
        edit.update(
            "agenda_item",
            item_id,
            ended_at=now,
            run_started_at=None,
            elapsed_seconds=item["elapsed_seconds"] + seconds_between(item["run_started_at"], now),
        )


def seconds_between(start: str, end: str) -> int:
    return max(0, round((datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()))


def _item_ids(edit, session_id: int) -> list[int]:
    rows = edit.select("SELECT id FROM agenda_item WHERE session_id = ? ORDER BY position, id", (session_id,))
    return [r["id"] for r in rows]


def validated_fields(**values) -> dict:
    if "title" in values:
        rules.text(values["title"], "session title")
    if "date" in values:
        rules.date(values["date"])
    if "start_time" in values:
        rules.time_of_day(values["start_time"])
    if "length_minutes" in values:
        rules.minutes(values["length_minutes"], "session length")
    for key in ("venue", "facilitator", "notes"):
        if key in values:
            rules.text(values[key], key, required=False)
    return values
