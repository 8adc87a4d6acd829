"""Follow-up across the series: open each session with a review of the actions still open.

Recording what happened to an action during the review is `actions.set_action_status(...,
session_id=<this session>)`, which keeps the history with the session it was said in.
"""

from __future__ import annotations

from facilitator.analysis.follow_up import open_action_count_before
from facilitator.changes import Changes
from facilitator.operations import _rules as rules
from facilitator.storage.partnership_file import PartnershipFile

REVIEW_KIND = "review_actions"
REVIEW_TITLE = "Review actions"
DEFAULT_REVIEW_MINUTES = 15


def review_prompt(open_count: int) -> str:
    """The question the room sees; it says how many actions are waiting so nobody is surprised."""
    if open_count == 0:
        return "No actions are open from earlier sessions. Anything else to report back on?"
    noun = "action is" if open_count == 1 else "actions are"
    return f"{open_count} {noun} open from earlier sessions. What has happened since, and what is still to do?"


def add_review_item(pf: PartnershipFile, *, session_id: int, planned_minutes: int = DEFAULT_REVIEW_MINUTES) -> Changes:
    """Put a "Review actions" item at the start of the session, after its welcome, unless it has one.

    Why after the welcome: people introduce themselves first, then report back. When the session
    already has a review item nothing changes (the returned Changes is empty and not put on the
    undo stack) and `new_id` names the existing item, so a "Review actions" button can simply jump to it.
    The open-action count in the prompt is taken now; it is not kept up to date afterwards.
    """
    rules.minutes(planned_minutes, "planned minutes")
    open_count = open_action_count_before(pf, session_id)  # also raises NotFoundError for a missing session
    with pf.edit("Add review of open actions") as edit:
        edit.get("session", session_id)
        items = edit.select(
            "SELECT id, kind FROM agenda_item WHERE session_id = ? ORDER BY position, id", (session_id,)
        )
        existing = [item["id"] for item in items if item["kind"] == REVIEW_KIND]
        if existing:
            edit.new_id = existing[0]
        else:
            index = _after_welcome([item["kind"] for item in items])
            new_id = edit.insert("agenda_item", {
                "session_id": session_id,
                "title": REVIEW_TITLE,
                "kind": REVIEW_KIND,
                "prompt": review_prompt(open_count),
                "planned_minutes": planned_minutes,
                "position": edit.next_position("agenda_item", "session_id", session_id),
            })
            edit.move("agenda_item", new_id, index, "session_id")
            edit.new_id = new_id
    return edit.changes


def _after_welcome(kinds: list[str]) -> int:
    """Index just after the first run of welcome items, or 0 when the session has no welcome."""
    if "welcome" not in kinds:
        return 0
    index = kinds.index("welcome")
    while index < len(kinds) and kinds[index] == "welcome":
        index += 1
    return index
