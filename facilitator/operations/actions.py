"""Actions owned by organisations: one lead and any number of supporters, with status history.

Responsibility belongs to organisations, not people (Story 1); a contact person is optional.
"""

from __future__ import annotations

from facilitator import domain
from facilitator.changes import Changes
from facilitator.errors import ValidationError
from facilitator.operations import _rules as rules
from facilitator.operations._generic import delete_row, move_row, update_row
from facilitator.operations._rules import UNSET
from facilitator.storage.partnership_file import PartnershipFile, utc_now


def add_action(
    pf: PartnershipFile,
    *,
    text: str,
    session_id: int | None = None,
    due_date: str = "",
    lead_organisation_id: int | None = None,
    support_organisation_ids: list[int] = (),
    contact_participant_id: int | None = None,
) -> Changes:
    rules.text(text, "action")
    rules.date(due_date, "due date")
    supporters = list(dict.fromkeys(support_organisation_ids))
    if lead_organisation_id is not None and lead_organisation_id in supporters:
        raise ValidationError("An organisation cannot both lead and support the same action.")
    with pf.edit(f"Add action “{rules.short(text)}”") as edit:
        if session_id is not None:
            edit.get("session", session_id)
        if contact_participant_id is not None:
            edit.get("participant", contact_participant_id)
        action_id = edit.insert("action", {
            "text": text, "session_id": session_id, "due_date": due_date, "status": "open",
            "contact_participant_id": contact_participant_id, "created_at": utc_now(),
            "position": edit.next_position("action"),
        })
        roles = ([(lead_organisation_id, "lead")] if lead_organisation_id is not None else []) + [
            (org, "support") for org in supporters
        ]
        for organisation_id, role in roles:
            edit.get("organisation", organisation_id)
            edit.insert("responsibility", {"action_id": action_id, "organisation_id": organisation_id, "role": role})
        edit.new_id = action_id
    return edit.changes


def update_action(
    pf: PartnershipFile, *, action_id: int, text=UNSET, due_date=UNSET, contact_participant_id=UNSET
) -> Changes:
    values = rules.given(text=text, due_date=due_date, contact_participant_id=contact_participant_id)
    if "text" in values:
        rules.text(values["text"], "action")
    if "due_date" in values:
        rules.date(values["due_date"], "due date")
    return update_row(pf, "Edit action", "action", action_id, values)


def set_action_status(
    pf: PartnershipFile, *, action_id: int, status: str, session_id: int | None = None, note: str = ""
) -> Changes:
    """Change status and keep the history: which session it changed in, from what, and why."""
    rules.choice(status, domain.ACTION_STATUSES, "action status")
    rules.text(note, "note", required=False)
    with pf.edit(f"Mark action {domain.ACTION_STATUSES[status].lower()}") as edit:
        action = edit.get("action", action_id)
        if session_id is not None:
            edit.get("session", session_id)
        if action["status"] != status:
            edit.insert("action_status_change", {
                "action_id": action_id, "session_id": session_id, "old_status": action["status"],
                "new_status": status, "note": note, "changed_at": utc_now(),
            })
            edit.update("action", action_id, status=status)
    return edit.changes


def set_responsibility(pf: PartnershipFile, *, action_id: int, organisation_id: int, role: str | None) -> Changes:
    """Make an organisation lead or support an action, or (None) take it off. A new lead demotes the old one to support."""
    rules.choice(role, domain.ROLES, "role", optional=True)
    with pf.edit("Change responsibility") as edit:
        edit.get("action", action_id)
        edit.get("organisation", organisation_id)
        mine = edit.select(
            "SELECT id, role FROM responsibility WHERE action_id = ? AND organisation_id = ?", (action_id, organisation_id)
        )
        if role == "lead":
            for other in edit.select(
                "SELECT id FROM responsibility WHERE action_id = ? AND role = 'lead' AND organisation_id != ?",
                (action_id, organisation_id),
            ):
                edit.update("responsibility", other["id"], role="support")
        if mine and role is None:
            edit.delete("responsibility", mine[0]["id"])
        elif mine:
            edit.update("responsibility", mine[0]["id"], role=role)
        elif role is not None:
            edit.new_id = edit.insert("responsibility", {"action_id": action_id, "organisation_id": organisation_id, "role": role})
    return edit.changes


def move_action(pf: PartnershipFile, *, action_id: int, to_index: int) -> Changes:
    return move_row(pf, "Move action", "action", action_id, to_index, None)


def delete_action(pf: PartnershipFile, *, action_id: int) -> Changes:
    return delete_row(pf, "Delete action", "action", action_id)
