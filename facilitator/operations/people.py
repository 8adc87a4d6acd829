"""Organisations (partner agencies, each in a sector) and the participants who come from them."""

from __future__ import annotations

from facilitator import domain
from facilitator.changes import Changes
from facilitator.operations import _rules as rules
from facilitator.operations._generic import delete_row, move_row, update_row
from facilitator.operations._rules import UNSET
from facilitator.storage.partnership_file import PartnershipFile


def add_organisation(pf: PartnershipFile, *, name: str, sector: str = "other", notes: str = "") -> Changes:
    rules.text(name, "organisation name")
    rules.choice(sector, domain.SECTORS, "sector")
    rules.text(notes, "notes", required=False)
    with pf.edit(f"Add organisation “{rules.short(name)}”") as edit:
        edit.new_id = edit.insert(
            "organisation",
            {"name": name, "sector": sector, "notes": notes, "position": edit.next_position("organisation")},
        )
    return edit.changes


def update_organisation(pf: PartnershipFile, *, organisation_id: int, name=UNSET, sector=UNSET, notes=UNSET) -> Changes:
    values = rules.given(name=name, sector=sector, notes=notes)
    if "name" in values:
        rules.text(values["name"], "organisation name")
    if "sector" in values:
        rules.choice(values["sector"], domain.SECTORS, "sector")
    if "notes" in values:
        rules.text(values["notes"], "notes", required=False)
    return update_row(pf, "Edit organisation", "organisation", organisation_id, values)


def move_organisation(pf: PartnershipFile, *, organisation_id: int, to_index: int) -> Changes:
    return move_row(pf, "Move organisation", "organisation", organisation_id, to_index, None)


def delete_organisation(pf: PartnershipFile, *, organisation_id: int) -> Changes:
    """Its people and contributions stay, unattributed; its responsibilities and ratings go."""
    return delete_row(pf, "Delete organisation", "organisation", organisation_id)


def add_participant(
    pf: PartnershipFile,
    *,
    name: str,
    organisation_id: int | None = None,
    role: str = "",
    access_needs: str = "",
) -> Changes:
    rules.text(name, "participant's name")
    rules.text(role, "role", required=False)
    rules.text(access_needs, "access needs", required=False)
    with pf.edit(f"Add participant “{rules.short(name)}”") as edit:
        if organisation_id is not None:
            edit.get("organisation", organisation_id)
        edit.new_id = edit.insert(
            "participant",
            {
                "name": name,
                "organisation_id": organisation_id,
                "role": role,
                "access_needs": access_needs,
                "position": edit.next_position("participant"),
            },
        )
    return edit.changes


def update_participant(
    pf: PartnershipFile, *, participant_id: int, name=UNSET, organisation_id=UNSET, role=UNSET, access_needs=UNSET
) -> Changes:
    values = rules.given(name=name, organisation_id=organisation_id, role=role, access_needs=access_needs)
    if "name" in values:
        rules.text(values["name"], "participant's name")
    for key in ("role", "access_needs"):
        if key in values:
            rules.text(values[key], key.replace("_", " "), required=False)
    return update_row(pf, "Edit participant", "participant", participant_id, values)


def move_participant(pf: PartnershipFile, *, participant_id: int, to_index: int) -> Changes:
    return move_row(pf, "Move participant", "participant", participant_id, to_index, None)


def delete_participant(pf: PartnershipFile, *, participant_id: int) -> Changes:
    """Their contributions stay, attributed to their organisation only."""
    return delete_row(pf, "Delete participant", "participant", participant_id)
