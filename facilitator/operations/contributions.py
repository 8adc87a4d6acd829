"""Contributions: one thing said in the room, captured live, optionally attributed and categorised.

A contribution is 'parked' (in the parking lot) by a flag, so it keeps the item it came from.
"""

from __future__ import annotations

from facilitator import domain
from facilitator.changes import Changes
from facilitator.errors import ValidationError
from facilitator.operations import _rules as rules
from facilitator.operations._generic import delete_row
from facilitator.operations._rules import UNSET
from facilitator.storage.partnership_file import PartnershipFile, utc_now


def add_contribution(
    pf: PartnershipFile,
    *,
    session_id: int,
    text: str,
    agenda_item_id: int | None = None,
    participant_id: int | None = None,
    organisation_id: int | None = None,
    category: str | None = None,
    parked: bool = False,
) -> Changes:
    """Store what was said. A participant's organisation is used when no organisation is given."""
    rules.text(text, "contribution")
    rules.choice(category, domain.CONTRIBUTION_CATEGORIES, "category", optional=True)
    with pf.edit(f"Add contribution “{rules.short(text)}”") as edit:
        edit.get("session", session_id)
        _check_item(edit, agenda_item_id, session_id)
        organisation_id = _attribution(edit, participant_id, organisation_id)
        edit.new_id = edit.insert("contribution", {
            "session_id": session_id,
            "agenda_item_id": agenda_item_id,
            "participant_id": participant_id,
            "organisation_id": organisation_id,
            "category": category,
            "text": text,
            "parked": int(bool(parked)),
            "created_at": utc_now(),
            "position": edit.next_position("contribution", "session_id", session_id),
        })
    return edit.changes


def update_contribution(
    pf: PartnershipFile, *, contribution_id: int, text=UNSET, participant_id=UNSET, organisation_id=UNSET, category=UNSET
) -> Changes:
    values = rules.given(text=text, participant_id=participant_id, organisation_id=organisation_id, category=category)
    if "text" in values:
        rules.text(values["text"], "contribution")
    if "category" in values:
        rules.choice(values["category"], domain.CONTRIBUTION_CATEGORIES, "category", optional=True)
    with pf.edit("Edit contribution") as edit:
        edit.get("contribution", contribution_id)
        if "organisation_id" in values:
            _attribution(edit, values.get("participant_id"), values["organisation_id"])
        elif values.get("participant_id") is not None:
            values["organisation_id"] = _attribution(edit, values["participant_id"], None)
        edit.update("contribution", contribution_id, **values)
    return edit.changes


def move_contribution(pf: PartnershipFile, *, contribution_id: int, agenda_item_id: int | None, to_index: int | None = None) -> Changes:
    """Move under another item of the same session (taken out of the parking lot), at the end or `to_index`."""
    with pf.edit("Move contribution") as edit:
        row = edit.get("contribution", contribution_id)
        _check_item(edit, agenda_item_id, row["session_id"])
        edit.update("contribution", contribution_id, agenda_item_id=agenda_item_id, parked=0)
        if to_index is not None:
            siblings = edit.select(
                "SELECT id, position FROM contribution WHERE session_id = ? AND agenda_item_id IS ? AND id != ? "
                "ORDER BY position, id",
                (row["session_id"], agenda_item_id, contribution_id),
            )
            _place_among(edit, contribution_id, siblings, to_index)
    return edit.changes


def set_parked(pf: PartnershipFile, *, contribution_id: int, parked: bool = True) -> Changes:
    label = "Move to parking lot" if parked else "Take out of parking lot"
    with pf.edit(label) as edit:
        edit.get("contribution", contribution_id)
        edit.update("contribution", contribution_id, parked=int(bool(parked)))
    return edit.changes


def merge_contributions(pf: PartnershipFile, *, contribution_ids: list[int]) -> Changes:
    """Join several into the first one (texts on separate lines); the others are deleted."""
    if len(contribution_ids) < 2 or len(set(contribution_ids)) != len(contribution_ids):
        raise ValidationError("Choose at least two different contributions to merge.")
    with pf.edit(f"Merge {len(contribution_ids)} contributions") as edit:
        rows = [edit.get("contribution", cid) for cid in contribution_ids]
        if len({r["session_id"] for r in rows}) != 1:
            raise ValidationError("Only contributions from the same session can be merged.")
        first = rows[0]
        shared = lambda key: rows[0][key] if all(r[key] == rows[0][key] for r in rows) else None  # noqa: E731
        edit.update(
            "contribution",
            first["id"],
            text="\n".join(r["text"] for r in rows),
            participant_id=shared("participant_id"),
            organisation_id=shared("organisation_id"),
            category=first["category"] or next((r["category"] for r in rows if r["category"]), None),
        )
        for row in rows[1:]:
            edit.delete("contribution", row["id"])
        edit.new_id = first["id"]
    return edit.changes


def delete_contribution(pf: PartnershipFile, *, contribution_id: int) -> Changes:
    return delete_row(pf, "Delete contribution", "contribution", contribution_id)


def _check_item(edit, agenda_item_id: int | None, session_id: int) -> None:
    if agenda_item_id is None:
        return
    item = edit.get("agenda_item", agenda_item_id, "agenda item")
    if item["session_id"] != session_id:
        raise ValidationError("That agenda item belongs to another session.")


def _attribution(edit, participant_id: int | None, organisation_id: int | None) -> int | None:
    if organisation_id is not None:
        edit.get("organisation", organisation_id)
    if participant_id is None:
        return organisation_id
    person = edit.get("participant", participant_id)
    return organisation_id if organisation_id is not None else person["organisation_id"]


def _place_among(edit, row_id: int, siblings: list[dict], to_index: int) -> None:
    """Renumber only the moved row's new neighbourhood: positions are session-wide, so keep gaps."""
    ids = [s["id"] for s in siblings]
    to_index = max(0, min(to_index, len(ids)))
    ids.insert(to_index, row_id)
    positions = sorted([s["position"] for s in siblings] + [edit.get("contribution", row_id)["position"]])
    for position, sibling in zip(positions, ids):
        edit.update("contribution", sibling, position=position)
