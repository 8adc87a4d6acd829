"""Follow-up across the series: what earlier sessions agreed to do that is still open.

"The next session in the series starts with the agreed values and the open actions to review."
Each carried action comes with its status history, each change named by the session it was
recorded in, so the room can see what moved since it was agreed.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator import domain
from facilitator.analysis._common import OrganisationRef, earlier_sessions, organisations
from facilitator.storage.partnership_file import PartnershipFile

OPEN_STATUSES = ("open", "in_progress")


@dataclass(frozen=True)
class StatusChange:
    """One recorded change of an action's status. `session_id` None: changed between sessions."""

    old_status: str
    new_status: str
    note: str
    changed_at: str
    session_id: int | None
    session_title: str | None

    @property
    def new_status_label(self) -> str:
        return domain.label(domain.ACTION_STATUSES, self.new_status)


@dataclass(frozen=True)
class CarriedAction:
    """An action agreed in an earlier session, with who owns it and how its status moved."""

    action_id: int
    text: str
    status: str
    due_date: str
    session_id: int
    session_title: str
    lead: OrganisationRef | None
    supporters: tuple[OrganisationRef, ...]
    history: tuple[StatusChange, ...]
    reviewed_here: bool

    @property
    def status_label(self) -> str:
        return domain.label(domain.ACTION_STATUSES, self.status)


def open_actions_before(
    pf: PartnershipFile, session_id: int, *, include_reviewed_here: bool = False
) -> tuple[CarriedAction, ...]:
    """Open and in-progress actions created in sessions earlier in the series than `session_id`.

    Oldest session first, then in the actions' own order. Actions with no session (theirs was
    deleted, or they were added outside a session) are not "from an earlier session" and are left
    out. `reviewed_here` is True when a status change was recorded in this session; with
    `include_reviewed_here`, actions closed during this session's review stay in the list, so the
    review and its handout still show what was closed.
    """
    earlier = earlier_sessions(pf, session_id)
    if not earlier:
        return ()
    titles = {s.id: s.title for s in earlier}
    order = {s.id: index for index, s in enumerate(earlier)}
    all_titles = {r["id"]: r["title"] for r in pf.rows("SELECT id, title FROM session")}
    by_id = {o.id: o for o in organisations(pf)}

    marks = ", ".join("?" for _ in earlier)
    actions = pf.rows(
        f"SELECT * FROM action WHERE session_id IN ({marks}) ORDER BY position, id", tuple(titles)
    )
    history: dict[int, list[StatusChange]] = {}
    for change in pf.rows("SELECT * FROM action_status_change ORDER BY changed_at, id"):
        history.setdefault(change["action_id"], []).append(StatusChange(
            old_status=change["old_status"],
            new_status=change["new_status"],
            note=change["note"],
            changed_at=change["changed_at"],
            session_id=change["session_id"],
            session_title=all_titles.get(change["session_id"]),
        ))
    roles: dict[int, list[tuple[str, OrganisationRef]]] = {}
    for r in pf.rows("SELECT action_id, organisation_id, role FROM responsibility"):
        if r["organisation_id"] in by_id:
            roles.setdefault(r["action_id"], []).append((r["role"], by_id[r["organisation_id"]]))

    carried = []
    for action in actions:
        changes = tuple(history.get(action["id"], ()))
        reviewed_here = any(c.session_id == session_id for c in changes)
        if action["status"] not in OPEN_STATUSES and not (include_reviewed_here and reviewed_here):
            continue
        held = sorted(roles.get(action["id"], []), key=lambda pair: (pair[1].position, pair[1].id))
        leads = [o for role, o in held if role == "lead"]
        carried.append(CarriedAction(
            action_id=action["id"],
            text=action["text"],
            status=action["status"],
            due_date=action["due_date"],
            session_id=action["session_id"],
            session_title=titles[action["session_id"]],
            lead=leads[0] if leads else None,
            supporters=tuple(o for role, o in held if role == "support"),
            history=changes,
            reviewed_here=reviewed_here,
        ))
    carried.sort(key=lambda a: order[a.session_id])  # stable: keeps action order within a session
    return tuple(carried)


def open_action_count_before(pf: PartnershipFile, session_id: int) -> int:
    """How many actions the review at the start of this session has to go through."""
    return len(open_actions_before(pf, session_id))
