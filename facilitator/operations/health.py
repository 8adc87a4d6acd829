"""Partnership health checks: prompts the group rates (red/amber/green or 1 to 5) with notes.

A rating with no organisation is the whole group's; with one, it is that organisation's view.
"""

from __future__ import annotations

from facilitator import domain
from facilitator.changes import Changes
from facilitator.errors import ValidationError
from facilitator.operations import _rules as rules
from facilitator.operations._generic import delete_row, move_row, update_row
from facilitator.operations._rules import UNSET
from facilitator.storage.partnership_file import PartnershipFile


def add_health_check(
    pf: PartnershipFile, *, session_id: int, title: str, scale: str = "rag", prompts: list[str] = ()
) -> Changes:
    rules.text(title, "health check title")
    rules.choice(scale, domain.HEALTH_SCALES, "rating scale")
    for prompt in prompts:
        rules.text(prompt, "prompt")
    with pf.edit(f"Add health check “{rules.short(title)}”") as edit:
        edit.get("session", session_id)
        check_id = edit.insert("health_check", {
            "session_id": session_id, "title": title, "scale": scale,
            "position": edit.next_position("health_check", "session_id", session_id),
        })
        for position, prompt in enumerate(prompts):
            edit.insert("health_prompt", {"health_check_id": check_id, "text": prompt, "position": position})
        edit.new_id = check_id
    return edit.changes


def update_health_check(pf: PartnershipFile, *, health_check_id: int, title=UNSET, scale=UNSET) -> Changes:
    values = rules.given(title=title, scale=scale)
    if "title" in values:
        rules.text(values["title"], "health check title")
    if "scale" in values:
        rules.choice(values["scale"], domain.HEALTH_SCALES, "rating scale")
    with pf.edit("Edit health check") as edit:
        check = edit.get("health_check", health_check_id, "health check")
        if "scale" in values and values["scale"] != check["scale"]:
            low, high = domain.SCALE_RANGES[values["scale"]]
            for rating in edit.select(
                "SELECT r.id, r.rating FROM health_rating r JOIN health_prompt p ON p.id = r.health_prompt_id "
                "WHERE p.health_check_id = ? AND r.rating IS NOT NULL", (health_check_id,)
            ):
                if not low <= rating["rating"] <= high:
                    edit.update("health_rating", rating["id"], rating=None)
        edit.update("health_check", health_check_id, **values)
    return edit.changes


def delete_health_check(pf: PartnershipFile, *, health_check_id: int) -> Changes:
    return delete_row(pf, "Delete health check", "health_check", health_check_id)


def add_health_prompt(pf: PartnershipFile, *, health_check_id: int, text: str, index: int | None = None) -> Changes:
    rules.text(text, "prompt")
    with pf.edit(f"Add prompt “{rules.short(text)}”") as edit:
        edit.get("health_check", health_check_id, "health check")
        new_id = edit.insert("health_prompt", {
            "health_check_id": health_check_id, "text": text,
            "position": edit.next_position("health_prompt", "health_check_id", health_check_id),
        })
        if index is not None:
            edit.move("health_prompt", new_id, index, "health_check_id")
        edit.new_id = new_id
    return edit.changes


def update_health_prompt(pf: PartnershipFile, *, health_prompt_id: int, text: str) -> Changes:
    rules.text(text, "prompt")
    return update_row(pf, "Edit prompt", "health_prompt", health_prompt_id, {"text": text})


def move_health_prompt(pf: PartnershipFile, *, health_prompt_id: int, to_index: int) -> Changes:
    return move_row(pf, "Move prompt", "health_prompt", health_prompt_id, to_index, "health_check_id")


def delete_health_prompt(pf: PartnershipFile, *, health_prompt_id: int) -> Changes:
    return delete_row(pf, "Delete prompt", "health_prompt", health_prompt_id)


def rate_health_prompt(
    pf: PartnershipFile,
    *,
    health_prompt_id: int,
    rating: int | None,
    note: str = "",
    organisation_id: int | None = None,
) -> Changes:
    """Record (or replace) the group's or one organisation's rating; None keeps just the note."""
    rules.text(note, "note", required=False)
    with pf.edit("Rate prompt") as edit:
        prompt = edit.get("health_prompt", health_prompt_id, "prompt")
        check = edit.get("health_check", prompt["health_check_id"], "health check")
        if rating is not None:
            low, high = domain.SCALE_RANGES[check["scale"]]
            if isinstance(rating, bool) or not isinstance(rating, int) or not low <= rating <= high:
                raise ValidationError(f"A rating on this scale must be a whole number from {low} to {high}.")
        if organisation_id is not None:
            edit.get("organisation", organisation_id)
        existing = edit.select(
            "SELECT id FROM health_rating WHERE health_prompt_id = ? AND organisation_id IS ?",
            (health_prompt_id, organisation_id),
        )
        if existing:
            edit.update("health_rating", existing[0]["id"], rating=rating, note=note)
            edit.new_id = existing[0]["id"]
        else:
            edit.new_id = edit.insert("health_rating", {
                "health_prompt_id": health_prompt_id, "organisation_id": organisation_id, "rating": rating, "note": note,
            })
    return edit.changes


def clear_health_rating(pf: PartnershipFile, *, health_rating_id: int) -> Changes:
    return delete_row(pf, "Clear rating", "health_rating", health_rating_id)
