"""Shapes every entity shares: update some columns, move within siblings, delete with cascades."""

from __future__ import annotations

from facilitator.changes import Changes
from facilitator.errors import ValidationError
from facilitator.storage.partnership_file import PartnershipFile


def update_row(pf: PartnershipFile, label: str, table: str, row_id: int, values: dict) -> Changes:
    with pf.edit(label) as edit:
        edit.get(table, row_id)
        if values:
            edit.update(table, row_id, **values)
    return edit.changes


def move_row(pf: PartnershipFile, label: str, table: str, row_id: int, to_index: int, scope: str | None) -> Changes:
    if isinstance(to_index, bool) or not isinstance(to_index, int):
        raise ValidationError("The new place must be a whole number.")
    with pf.edit(label) as edit:
        edit.move(table, row_id, to_index, scope)
    return edit.changes


def delete_row(pf: PartnershipFile, label: str, table: str, row_id: int) -> Changes:
    with pf.edit(label) as edit:
        edit.delete(table, row_id)
    return edit.changes
