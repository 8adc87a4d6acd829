"""The group's values: proposed, then agreed; each with notes on why it matters."""

from __future__ import annotations

from facilitator import domain
from facilitator.changes import Changes
from facilitator.operations import _rules as rules
from facilitator.operations._generic import delete_row, move_row, update_row
from facilitator.operations._rules import UNSET
from facilitator.storage.partnership_file import PartnershipFile


def add_value(
    pf: PartnershipFile, *, text: str, session_id: int | None = None, status: str = "proposed", why_notes: str = ""
) -> Changes:
    rules.text(text, "value")
    rules.choice(status, domain.VALUE_STATUSES, "value status")
    rules.text(why_notes, "notes", required=False)
    with pf.edit(f"Propose value “{rules.short(text)}”") as edit:
        if session_id is not None:
            edit.get("session", session_id)
        edit.new_id = edit.insert("value", {
            "text": text, "session_id": session_id, "status": status, "why_notes": why_notes,
            "position": edit.next_position("value"),
        })
    return edit.changes


def update_value(pf: PartnershipFile, *, value_id: int, text=UNSET, status=UNSET, why_notes=UNSET) -> Changes:
    values = rules.given(text=text, status=status, why_notes=why_notes)
    if "text" in values:
        rules.text(values["text"], "value")
    if "status" in values:
        rules.choice(values["status"], domain.VALUE_STATUSES, "value status")
    if "why_notes" in values:
        rules.text(values["why_notes"], "notes", required=False)
    label = {"agreed": "Agree value", "proposed": "Unagree value"}.get(values.get("status"), "Edit value")
    return update_row(pf, label, "value", value_id, values)


def agree_value(pf: PartnershipFile, *, value_id: int, agreed: bool = True) -> Changes:
    return update_value(pf, value_id=value_id, status="agreed" if agreed else "proposed")


def move_value(pf: PartnershipFile, *, value_id: int, to_index: int) -> Changes:
    return move_row(pf, "Move value", "value", value_id, to_index, None)


def delete_value(pf: PartnershipFile, *, value_id: int) -> Changes:
    return delete_row(pf, "Delete value", "value", value_id)
