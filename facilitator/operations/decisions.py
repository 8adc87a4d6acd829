"""Decisions: what was decided, how, with what agreement, and what status it has."""

from __future__ import annotations

import json

from facilitator import domain
from facilitator.changes import Changes
from facilitator.errors import ValidationError
from facilitator.operations import _rules as rules
from facilitator.operations._generic import delete_row, move_row, update_row
from facilitator.operations._rules import UNSET
from facilitator.storage.partnership_file import PartnershipFile, utc_now


def add_decision(
    pf: PartnershipFile,
    *,
    session_id: int,
    text: str,
    method: str = "consensus",
    agreement_level: str | None = None,
    agreement_counts: dict[str, int] | None = None,
    status: str = "advisory",
    status_body: str = "",
    influence: str | None = None,
    agenda_item_id: int | None = None,
) -> Changes:
    values = validated_fields(text=text, method=method, agreement_level=agreement_level,
                      agreement_counts=agreement_counts or {}, status=status, status_body=status_body,
                      influence=influence)
    with pf.edit(f"Record decision “{rules.short(text)}”") as edit:
        edit.get("session", session_id)
        if agenda_item_id is not None and edit.get("agenda_item", agenda_item_id, "agenda item")["session_id"] != session_id:
            raise ValidationError("That agenda item belongs to another session.")
        edit.new_id = edit.insert("decision", {
            **values, "session_id": session_id, "agenda_item_id": agenda_item_id, "created_at": utc_now(),
            "position": edit.next_position("decision", "session_id", session_id),
        })
    return edit.changes


def update_decision(
    pf: PartnershipFile,
    *,
    decision_id: int,
    text=UNSET,
    method=UNSET,
    agreement_level=UNSET,
    agreement_counts=UNSET,
    status=UNSET,
    status_body=UNSET,
    influence=UNSET,
) -> Changes:
    values = validated_fields(**rules.given(text=text, method=method, agreement_level=agreement_level,
                                    agreement_counts=agreement_counts, status=status, status_body=status_body,
                                    influence=influence))
    return update_row(pf, "Edit decision", "decision", decision_id, values)


def move_decision(pf: PartnershipFile, *, decision_id: int, to_index: int) -> Changes:
    return move_row(pf, "Move decision", "decision", decision_id, to_index, "session_id")


def delete_decision(pf: PartnershipFile, *, decision_id: int) -> Changes:
    return delete_row(pf, "Delete decision", "decision", decision_id)


def agreement_counts(row: dict) -> dict[str, int]:
    """The stored per-level counts of a decision row, in scale order."""
    counts = json.loads(row["agreement_counts"] or "{}")
    return {level: counts[level] for level in domain.AGREEMENT_LEVELS if counts.get(level)}


def validated_fields(**values) -> dict:
    if "text" in values:
        rules.text(values["text"], "decision")
    if "method" in values:
        rules.choice(values["method"], domain.DECISION_METHODS, "decision method")
    if "agreement_level" in values:
        rules.choice(values["agreement_level"], domain.AGREEMENT_LEVELS, "agreement level", optional=True)
    if "status" in values:
        rules.choice(values["status"], domain.DECISION_STATUSES, "decision status")
    if "status_body" in values:
        rules.text(values["status_body"], "body the recommendation goes to", required=False)
    if "influence" in values:
        rules.choice(values["influence"], domain.INFLUENCE, "influence", optional=True)
    if "agreement_counts" in values:
        counts = values["agreement_counts"]
        if not isinstance(counts, dict) or any(
            level not in domain.AGREEMENT_LEVELS or isinstance(n, bool) or not isinstance(n, int) or n < 0
            for level, n in counts.items()
        ):
            raise ValidationError("Agreement counts must be whole numbers per known agreement level.")
        values["agreement_counts"] = json.dumps(
            {level: counts[level] for level in domain.AGREEMENT_LEVELS if counts.get(level)}
        )
    return values
