"""The partnership itself: its title and description."""

from __future__ import annotations

from facilitator.changes import Changes
from facilitator.operations import _rules as rules
from facilitator.operations._generic import update_row
from facilitator.operations._rules import UNSET
from facilitator.storage.partnership_file import PartnershipFile


def update_partnership(pf: PartnershipFile, *, title=UNSET, description=UNSET) -> Changes:
    values = rules.given(title=title, description=description)
    if "title" in values:
        rules.text(values["title"], "partnership title")
    if "description" in values:
        rules.text(values["description"], "description", required=False)
    return update_row(pf, "Edit partnership", "partnership", 1, values)
