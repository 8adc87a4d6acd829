"""Agenda items of a session: timed, each with an activity kind and an optional prompt."""

from __future__ import annotations

from facilitator import domain
from facilitator.changes import Changes
from facilitator.operations import _rules as rules
from facilitator.operations._generic import delete_row, move_row, update_row
from facilitator.operations._rules import UNSET
from facilitator.storage.partnership_file import PartnershipFile


def add_agenda_item(
    pf: PartnershipFile,
    *,
    session_id: int,
    title: str,
    kind: str = "discussion",
    prompt: str = "",
    planned_minutes: int = 0,
    notes: str = "",
    index: int | None = None,
) -> Changes:
    """Append an item, or insert it at `index` among the session's items."""
    values = validated_fields(title=title, kind=kind, prompt=prompt, planned_minutes=planned_minutes, notes=notes)
    with pf.edit(f"Add agenda item “{rules.short(title)}”") as edit:
        edit.get("session", session_id)
        new_id = edit.insert("agenda_item", {
            **values, "session_id": session_id, "position": edit.next_position("agenda_item", "session_id", session_id),
        })
        if index is not None:
            edit.move("agenda_item", new_id, index, "session_id")
        edit.new_id = new_id
    return edit.changes


def update_agenda_item(
    pf: PartnershipFile, *, agenda_item_id: int, title=UNSET, kind=UNSET, prompt=UNSET, planned_minutes=UNSET, notes=UNSET
) -> Changes:
    values = validated_fields(**rules.given(title=title, kind=kind, prompt=prompt, planned_minutes=planned_minutes, notes=notes))
    return update_row(pf, "Edit agenda item", "agenda_item", agenda_item_id, values)


def move_agenda_item(pf: PartnershipFile, *, agenda_item_id: int, to_index: int) -> Changes:
    return move_row(pf, "Move agenda item", "agenda_item", agenda_item_id, to_index, "session_id")


def delete_agenda_item(pf: PartnershipFile, *, agenda_item_id: int) -> Changes:
    """Its contributions stay in the session (shown as 'not under an item'); undo brings all back."""
    with pf.edit("Delete agenda item") as edit:
        item = edit.get("agenda_item", agenda_item_id, "agenda item")
        session = edit.get("session", item["session_id"])
        if session["live_agenda_item_id"] == agenda_item_id:
            edit.update("session", session["id"], live_agenda_item_id=None)
        edit.delete("agenda_item", agenda_item_id)
    return edit.changes


def validated_fields(**values) -> dict:
    if "title" in values:
        rules.text(values["title"], "agenda item title")
    if "kind" in values:
        rules.choice(values["kind"], domain.ACTIVITY_KINDS, "activity kind")
    if "planned_minutes" in values:
        rules.minutes(values["planned_minutes"], "planned minutes")
    for key in ("prompt", "notes"):
        if key in values:
            rules.text(values[key], key, required=False)
    return values
