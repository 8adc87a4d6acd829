"""Everything the session summary PDF shows, read from the partnership into plain dataclasses.

The renderer draws only from a `SessionSummary`, so it can be tested from data, and all the SQL for
the PDF lives here. Rules the issue left to us, decided here:

- **latest session**: the last session, in session order, that has started (running or finished);
  when none has, the last session.
- **"why values matter" responses**: the contributions (not parked) under the session's agenda items
  titled "Why values matter" (ignoring case, surrounding spaces and a trailing "?"). When the session
  has no such item, the contributions under its items of kind `values`. They are printed with the
  values, and those items are not repeated under "Contributions".
- **values agreed**: values marked agreed in this session, then values agreed at earlier sessions (or
  with no session), so the group sees the set it works to.
- **who took part**: participants marked present, grouped by their organisation's sector; apologies
  listed by name. A session that has not run yet (nobody marked present) lists who is invited.
- **health-check headline**: the whole group's rating when there is one, otherwise the average of the
  organisations' ratings. The trend compares it with the same prompt (same text) in the nearest
  earlier session that has it.
- **responsibility matrix**: actions created in this session; its columns are the organisations
  that hold a responsibility on them or took part, grouped by sector.
- **open actions carried**: open or in-progress actions created in an earlier session.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from facilitator import domain, queries
from facilitator.errors import NotFoundError, ValidationError
from facilitator.storage.partnership_file import PartnershipFile

WHY_VALUES_TITLE = "why values matter"
SECTOR_ORDER = list(domain.SECTORS)


# Data ---------------------------------------------------------------------------------------------


@dataclass
class Organisation:
    id: int
    name: str
    sector: str

    @property
    def sector_label(self) -> str:
        return domain.label(domain.SECTORS, self.sector)


@dataclass
class SessionInfo:
    id: int
    title: str
    date: str
    start_time: str
    length_minutes: int
    venue: str
    facilitator: str
    status: str
    number: int  # 1-based place in the series
    of: int


@dataclass
class Person:
    name: str
    role: str
    organisation: Organisation | None


@dataclass
class SectorGroup:
    sector: str
    label: str
    organisations: list[tuple[Organisation, list[Person]]]


@dataclass
class Attendance:
    heading_people: str  # "Participants" or "Invited"
    sectors: list[SectorGroup]
    unaffiliated: list[Person]
    apologies: list[Person]
    people_count: int
    organisation_count: int

    @property
    def empty(self) -> bool:
        return not (self.sectors or self.unaffiliated or self.apologies)


@dataclass
class AgendaRow:
    number: int
    title: str
    kind_label: str
    prompt: str
    planned_minutes: int
    actual_minutes: int | None  # None: not run


@dataclass
class Contribution:
    id: int
    text: str
    category: str  # label, or ""
    participant: str  # name, or ""
    organisation: Organisation | None
    item_id: int | None
    item_title: str


@dataclass
class ContributionGroup:
    label: str  # organisation name, "Named individuals" or "Anonymous"
    sector_label: str
    kind: str  # organisation | individual | anonymous
    contributions: list[Contribution]


@dataclass
class ItemContributions:
    number: int | None  # agenda number; None for contributions not linked to an item
    title: str
    prompt: str
    groups: list[ContributionGroup]

    @property
    def count(self) -> int:
        return sum(len(g.contributions) for g in self.groups)


@dataclass
class Value:
    text: str
    why: str
    where: str  # "" for this session, otherwise "agreed at <session>"


@dataclass
class ValuesSection:
    agreed: list[Value]
    proposed: list[Value]
    responses_title: str
    responses: list[Contribution]

    @property
    def empty(self) -> bool:
        return not (self.agreed or self.proposed or self.responses)


@dataclass
class OrgRating:
    organisation: Organisation
    rating: int | None
    note: str


@dataclass
class PromptResult:
    number: int
    text: str
    scale: str
    group_rating: int | None
    group_note: str
    org_ratings: list[OrgRating]
    headline: float | None
    headline_source: str  # group | average | none
    by_sector: dict[str, tuple[float, int]]  # sector -> (average, organisations)
    previous: float | None
    previous_session: str  # "Values and offers, 2 March 2026"
    previous_comparable: bool

    @property
    def sector_spread(self) -> float | None:
        if len(self.by_sector) < 2:
            return None
        values = [v for v, _ in self.by_sector.values()]
        return max(values) - min(values)


@dataclass
class HealthCheck:
    title: str
    scale: str
    prompts: list[PromptResult]

    @property
    def has_org_ratings(self) -> bool:
        return any(p.org_ratings for p in self.prompts)


@dataclass
class Decision:
    number: int
    text: str
    method: str
    agreement: str
    counts: list[tuple[str, int]]
    status: str
    status_body: str
    influence: str
    item_title: str


@dataclass
class Action:
    number: int
    id: int
    text: str
    due_date: str
    status: str
    lead: Organisation | None
    supporters: list[Organisation]
    contact: str

    @property
    def organisations(self) -> list[Organisation]:
        return ([self.lead] if self.lead else []) + self.supporters

    @property
    def shared(self) -> bool:
        return len(self.organisations) > 1


@dataclass
class Spread:
    label: str
    sector_label: str
    leads: int
    supports: int
    organisations: int = 1

    @property
    def total(self) -> int:
        return self.leads + self.supports


@dataclass
class Matrix:
    actions: list[Action]
    organisations: list[Organisation]
    by_organisation: list[Spread]
    by_sector: list[Spread]

    @property
    def not_shared(self) -> list[Action]:
        return [a for a in self.actions if not a.shared]

    def role(self, action: Action, organisation: Organisation) -> str:
        if action.lead and action.lead.id == organisation.id:
            return "lead"
        if any(s.id == organisation.id for s in action.supporters):
            return "support"
        return ""


@dataclass
class StatusChange:
    when: str
    old: str
    new: str
    note: str
    session: str


@dataclass
class CarriedAction:
    action: Action
    from_session: str
    history: list[StatusChange]


@dataclass
class NextSession:
    title: str
    date: str
    start_time: str
    venue: str


@dataclass
class SessionSummary:
    partnership: str
    session: SessionInfo
    attendance: Attendance
    agenda: list[AgendaRow]
    values: ValuesSection
    contributions: list[ItemContributions]
    health_checks: list[HealthCheck]
    decisions: list[Decision]
    matrix: Matrix
    carried: list[CarriedAction]
    parked: list[Contribution]
    next_session: NextSession | None
    counts: dict = field(default_factory=dict)


# Formatting helpers shared by the renderer ---------------------------------------------------------


def long_date(iso: str) -> str:
    """'2026-03-02' -> 'Monday 2 March 2026'; anything else is returned as typed."""
    try:
        day = datetime.strptime(iso.strip(), "%Y-%m-%d")
    except (ValueError, AttributeError):
        return iso or ""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(iso: str) -> str:
    try:
        day = datetime.strptime((iso or "")[:10], "%Y-%m-%d")
    except ValueError:
        return iso or ""
    return f"{day.day} {day:%b %Y}"


def rating_label(scale: str, value: float | None) -> str:
    if value is None:
        return "Not rated"
    if scale == "rag":
        return domain.RAG_RATINGS.get(round(value), str(value))
    return f"{value:g} of 5" if float(value).is_integer() else f"{value:.1f} of 5"


# Reading ----------------------------------------------------------------------------------------


def resolve_session(pf: PartnershipFile, spec: int | str | None) -> int:
    """A session id from an id, "latest" or None (latest). Raises NotFoundError with a clear message."""
    sessions = pf.rows("SELECT id, status FROM session ORDER BY position, id")
    if not sessions:
        raise NotFoundError("This partnership has no sessions yet, so there is nothing to summarise.")
    if spec is None or (isinstance(spec, str) and spec.strip().lower() == "latest"):
        started = [s for s in sessions if s["status"] in ("running", "finished")]
        return (started or sessions)[-1]["id"]
    try:
        wanted = int(spec)
    except (TypeError, ValueError):
        raise ValidationError(f"“{spec}” is not a session: give a session number (id) or “latest”.") from None
    if not any(s["id"] == wanted for s in sessions):
        ids = ", ".join(str(s["id"]) for s in sessions)
        raise NotFoundError(f"There is no session {wanted} in this partnership (sessions: {ids}).")
    return wanted


def gather(pf: PartnershipFile, session_id: int) -> SessionSummary:
    """Read everything the summary of one session shows."""
    row = queries.session(pf, session_id)
    if row is None:
        raise NotFoundError(f"There is no session {session_id} in this partnership.")
    all_sessions = queries.sessions(pf)
    order = [s["id"] for s in all_sessions]
    place = order.index(session_id)
    session_titles = {s["id"]: _session_name(s) for s in all_sessions}
    earlier = {s["id"] for s in all_sessions[:place]}
    orgs = {o["id"]: Organisation(o["id"], o["name"], o["sector"]) for o in queries.organisations(pf)}
    # Organisations are listed by sector, then in the partnership's own order, everywhere in the PDF.
    org_order = {o_id: (_sector_rank(o.sector), i) for i, (o_id, o) in enumerate(orgs.items())}
    items = queries.agenda_items(pf, session_id)
    item_titles = {i["id"]: i["title"] for i in items}

    info = SessionInfo(
        id=row["id"], title=row["title"], date=row["date"], start_time=row["start_time"],
        length_minutes=row["length_minutes"] or 0, venue=row["venue"], facilitator=row["facilitator"],
        status=row["status"], number=place + 1, of=len(all_sessions),
    )
    attendance = _attendance(pf, session_id, orgs)
    agenda = [
        AgendaRow(
            number=n, title=i["title"], kind_label=domain.label(domain.ACTIVITY_KINDS, i["kind"]), prompt=i["prompt"],
            planned_minutes=i["planned_minutes"] or 0,
            actual_minutes=(round(queries.elapsed_seconds(i) / 60)
                            if (i["started_at"] or i["elapsed_seconds"] or i["run_started_at"]) else None),
        )
        for n, i in enumerate(items, 1)
    ]
    contributions = [_contribution(c, orgs, item_titles) for c in queries.contributions(pf, session_id, parked=False)]
    why_items = _why_items(items)
    values = _values(pf, session_id, earlier, session_titles, why_items, contributions)
    grouped = _contributions_by_item(items, contributions, set(why_items), org_order)
    actions = _actions(pf, "a.session_id = ?", (session_id,), orgs)
    summary = SessionSummary(
        partnership=pf.scalar("SELECT title FROM partnership WHERE id = 1") or "",
        session=info,
        attendance=attendance,
        agenda=agenda,
        values=values,
        contributions=grouped,
        health_checks=_health(pf, session_id, all_sessions, place, orgs),
        decisions=_decisions(pf, session_id, item_titles),
        matrix=_matrix(actions, attendance, orgs, org_order),
        carried=_carried(pf, earlier, session_titles, orgs),
        parked=[_contribution(c, orgs, item_titles) for c in queries.contributions(pf, session_id, parked=True)],
        next_session=_next(all_sessions, place),
    )
    summary.counts = {
        "contributions": len(contributions), "parked": len(summary.parked), "actions": len(actions),
        "organisations": len(orgs),
    }
    return summary


def _sector_rank(sector: str) -> int:
    return SECTOR_ORDER.index(sector) if sector in SECTOR_ORDER else len(SECTOR_ORDER)


def _session_name(s: dict) -> str:
    return f"{s['title']}, {short_date(s['date'])}" if s["date"] else s["title"]


def _attendance(pf, session_id, orgs) -> Attendance:
    rows = queries.attendance(pf, session_id)
    present = [r for r in rows if r["status"] == "present"]
    heading = "Participants"
    if not present:
        present = [r for r in rows if r["status"] == "invited"]
        heading = "Invited" if present else heading
    apologies = [_person(r, orgs) for r in rows if r["status"] == "apologies"]
    by_org: dict[int, list[Person]] = {}
    unaffiliated = []
    for r in present:
        person = _person(r, orgs)
        if person.organisation is None:
            unaffiliated.append(person)
        else:
            by_org.setdefault(person.organisation.id, []).append(person)
    sectors = []
    for sector in SECTOR_ORDER + sorted({o.sector for o in orgs.values()} - set(SECTOR_ORDER)):
        members = [(orgs[o_id], people) for o_id, people in
                   sorted(by_org.items(), key=lambda kv: list(orgs).index(kv[0])) if orgs[o_id].sector == sector]
        if members:
            sectors.append(SectorGroup(sector, domain.label(domain.SECTORS, sector), members))
    return Attendance(heading, sectors, unaffiliated, apologies, len(present), len(by_org))


def _person(r: dict, orgs) -> Person:
    return Person(r["name"], r["role"] or "", orgs.get(r["organisation_id"]))


def _contribution(c: dict, orgs, item_titles) -> Contribution:
    return Contribution(
        id=c["id"], text=c["text"], category=domain.label(domain.CONTRIBUTION_CATEGORIES, c["category"]),
        participant=c["participant_name"] or "", organisation=orgs.get(c["organisation_id"]),
        item_id=c["agenda_item_id"], item_title=item_titles.get(c["agenda_item_id"], ""),
    )


def _normal_title(title: str) -> str:
    return " ".join(title.lower().split()).rstrip("?").strip()


def _why_items(items: list[dict]) -> dict[int, str]:
    """Agenda items whose contributions are the 'why values matter' responses (see module docstring)."""
    titled = {i["id"]: i["title"] for i in items if _normal_title(i["title"]) == WHY_VALUES_TITLE}
    return titled or {i["id"]: i["title"] for i in items if i["kind"] == "values"}


def _values(pf, session_id, earlier, session_titles, why_items, contributions) -> ValuesSection:
    agreed_here, agreed_before, proposed = [], [], []
    for v in queries.values(pf):
        if v["session_id"] == session_id:
            (agreed_here if v["status"] == "agreed" else proposed).append(Value(v["text"], v["why_notes"], ""))
        elif v["status"] == "agreed" and (v["session_id"] is None or v["session_id"] in earlier):
            where = f"Agreed at {session_titles[v['session_id']]}" if v["session_id"] else "Agreed earlier"
            agreed_before.append(Value(v["text"], v["why_notes"], where))
    responses = [c for c in contributions if c.item_id in why_items]
    title = next(iter(why_items.values()), "")
    return ValuesSection(agreed_here + agreed_before, proposed, title, responses)


def _contributions_by_item(items, contributions, skip: set, org_order) -> list[ItemContributions]:
    by_item: dict[int | None, list[Contribution]] = {}
    for c in contributions:
        by_item.setdefault(c.item_id, []).append(c)
    result = []
    for n, item in enumerate(items, 1):
        if item["id"] in skip:
            continue
        found = by_item.get(item["id"], [])
        if found:
            result.append(ItemContributions(n, item["title"], item["prompt"], _group(found, org_order)))
    loose = by_item.get(None, [])
    if loose:
        result.append(ItemContributions(None, "Not linked to an agenda item", "", _group(loose, org_order)))
    return result


def _group(contributions: list[Contribution], org_order) -> list[ContributionGroup]:
    by_org: dict[int, list[Contribution]] = {}
    individuals, anonymous = [], []
    for c in contributions:
        if c.organisation is not None:
            by_org.setdefault(c.organisation.id, []).append(c)
        elif c.participant:
            individuals.append(c)
        else:
            anonymous.append(c)
    groups = []
    for o_id in sorted(by_org, key=lambda i: org_order.get(i, (99, 0))):
        found = by_org[o_id]
        org = found[0].organisation
        groups.append(ContributionGroup(org.name, org.sector_label, "organisation", found))
    if individuals:
        groups.append(ContributionGroup("Individuals (no organisation)", "", "individual", individuals))
    if anonymous:
        groups.append(ContributionGroup("Anonymous", "", "anonymous", anonymous))
    return groups


def _health(pf, session_id, all_sessions, place, orgs) -> list[HealthCheck]:
    checks = pf.rows("SELECT * FROM health_check WHERE session_id = ? ORDER BY position, id", (session_id,))
    if not checks:
        return []
    # Headline ratings of every prompt text in earlier sessions, nearest session last.
    earlier_ids = [s["id"] for s in all_sessions[:place]]
    names = {s["id"]: _session_name(s) for s in all_sessions}
    history: dict[str, tuple[float | None, str, str]] = {}
    if earlier_ids:
        marks = ", ".join("?" for _ in earlier_ids)
        rows = pf.rows(
            "SELECT p.id, p.text, h.scale, h.session_id FROM health_prompt p JOIN health_check h ON h.id = p.health_check_id"
            f" WHERE h.session_id IN ({marks})", tuple(earlier_ids))
        rank = {s_id: i for i, s_id in enumerate(earlier_ids)}
        rows.sort(key=lambda r: rank[r["session_id"]])
        ratings = _ratings_by_prompt(pf, [r["id"] for r in rows])
        for r in rows:  # later sessions overwrite earlier ones: the nearest wins
            group, org_values = _split_ratings(ratings.get(r["id"], []))
            headline = group if group is not None else (sum(org_values) / len(org_values) if org_values else None)
            if headline is not None or r["text"].strip() not in history:
                history[r["text"].strip()] = (headline, r["scale"], names[r["session_id"]])
    result = []
    for check in checks:
        prompts = pf.rows("SELECT * FROM health_prompt WHERE health_check_id = ? ORDER BY position, id", (check["id"],))
        ratings = _ratings_by_prompt(pf, [p["id"] for p in prompts])
        found = []
        for n, p in enumerate(prompts, 1):
            rows = ratings.get(p["id"], [])
            group_row = next((r for r in rows if r["organisation_id"] is None), None)
            org_rows = [r for r in rows if r["organisation_id"] is not None and r["organisation_id"] in orgs]
            org_rows.sort(key=lambda r: list(orgs).index(r["organisation_id"]))
            org_ratings = [OrgRating(orgs[r["organisation_id"]], r["rating"], r["note"]) for r in org_rows]
            rated = [r.rating for r in org_ratings if r.rating is not None]
            group = group_row["rating"] if group_row else None
            if group is not None:
                headline, source = float(group), "group"
            elif rated:
                headline, source = sum(rated) / len(rated), "average"
            else:
                headline, source = None, "none"
            sectors: dict[str, list[int]] = {}
            for r in org_ratings:
                if r.rating is not None:
                    sectors.setdefault(r.organisation.sector, []).append(r.rating)
            by_sector = {s: (sum(v) / len(v), len(v)) for s, v in
                         sorted(sectors.items(), key=lambda kv: SECTOR_ORDER.index(kv[0]) if kv[0] in SECTOR_ORDER else 99)}
            previous, previous_scale, previous_session = history.get(p["text"].strip(), (None, check["scale"], ""))
            found.append(PromptResult(
                number=n, text=p["text"], scale=check["scale"], group_rating=group,
                group_note=group_row["note"] if group_row else "", org_ratings=org_ratings,
                headline=headline, headline_source=source, by_sector=by_sector,
                previous=previous, previous_session=previous_session,
                previous_comparable=previous_scale == check["scale"],
            ))
        result.append(HealthCheck(check["title"], check["scale"], found))
    return result


def _ratings_by_prompt(pf, prompt_ids: list[int]) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = {}
    for start in range(0, len(prompt_ids), 500):
        chunk = prompt_ids[start:start + 500]
        if not chunk:
            continue
        marks = ", ".join("?" for _ in chunk)
        for r in pf.rows(f"SELECT * FROM health_rating WHERE health_prompt_id IN ({marks}) ORDER BY id", tuple(chunk)):
            found.setdefault(r["health_prompt_id"], []).append(r)
    return found


def _split_ratings(rows: list[dict]) -> tuple[int | None, list[int]]:
    group = next((r["rating"] for r in rows if r["organisation_id"] is None), None)
    return group, [r["rating"] for r in rows if r["organisation_id"] is not None and r["rating"] is not None]


def _decisions(pf, session_id, item_titles) -> list[Decision]:
    found = []
    rows = pf.rows("SELECT * FROM decision WHERE session_id = ? ORDER BY position, id", (session_id,))
    for n, d in enumerate(rows, 1):
        try:
            counts = json.loads(d["agreement_counts"] or "{}")
        except ValueError:
            counts = {}
        counts = counts if isinstance(counts, dict) else {}
        ordered = [(domain.AGREEMENT_LEVELS[k], counts[k]) for k in domain.AGREEMENT_LEVELS
                   if isinstance(counts.get(k), int) and counts[k] > 0]
        found.append(Decision(
            number=n, text=d["text"], method=domain.label(domain.DECISION_METHODS, d["method"]),
            agreement=domain.label(domain.AGREEMENT_LEVELS, d["agreement_level"]), counts=ordered,
            status=domain.label(domain.DECISION_STATUSES, d["status"]), status_body=d["status_body"] or "",
            influence=domain.label(domain.INFLUENCE, d["influence"]), item_title=item_titles.get(d["agenda_item_id"], ""),
        ))
    return found


def _actions(pf, where: str, params: tuple, orgs) -> list[Action]:
    rows = pf.rows(
        "SELECT a.*, p.name AS contact_name FROM action a LEFT JOIN participant p ON p.id = a.contact_participant_id"
        f" LEFT JOIN session s ON s.id = a.session_id WHERE {where} ORDER BY s.position, a.position, a.id", params)
    if not rows:
        return []
    roles: dict[int, list[dict]] = {}
    ids = [r["id"] for r in rows]
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for r in pf.rows(f"SELECT * FROM responsibility WHERE action_id IN ({marks})", tuple(chunk)):
            roles.setdefault(r["action_id"], []).append(r)
    org_ids = list(orgs)
    actions = []
    for n, r in enumerate(rows, 1):
        mine = sorted(roles.get(r["id"], []), key=lambda x: org_ids.index(x["organisation_id"]))
        lead = next((orgs[x["organisation_id"]] for x in mine if x["role"] == "lead"), None)
        supporters = [orgs[x["organisation_id"]] for x in mine if x["role"] != "lead"]
        actions.append(Action(
            number=n, id=r["id"], text=r["text"], due_date=r["due_date"] or "",
            status=domain.label(domain.ACTION_STATUSES, r["status"]), lead=lead, supporters=supporters,
            contact=r["contact_name"] or "",
        ))
    return actions


def _matrix(actions: list[Action], attendance: Attendance, orgs, org_order) -> Matrix:
    involved = {o.id for a in actions for o in a.organisations}
    if actions:
        involved |= {org.id for group in attendance.sectors for org, _ in group.organisations}
    columns = sorted((orgs[i] for i in involved), key=lambda o: org_order[o.id])
    by_org = []
    for o in columns:
        leads = sum(1 for a in actions if a.lead and a.lead.id == o.id)
        supports = sum(1 for a in actions if any(s.id == o.id for s in a.supporters))
        by_org.append(Spread(o.name, o.sector_label, leads, supports))
    by_sector = []
    for sector in dict.fromkeys(o.sector for o in columns):
        members = [s for s, o in zip(by_org, columns) if o.sector == sector]
        by_sector.append(Spread(domain.label(domain.SECTORS, sector), "", sum(m.leads for m in members),
                                sum(m.supports for m in members), organisations=len(members)))
    return Matrix(actions, columns, by_org, by_sector)


def _carried(pf, earlier: set, session_titles, orgs) -> list[CarriedAction]:
    if not earlier:
        return []
    marks = ", ".join("?" for _ in earlier)
    actions = _actions(pf, f"a.status IN ('open', 'in_progress') AND a.session_id IN ({marks})", tuple(earlier), orgs)
    if not actions:
        return []
    session_of = dict(pf.conn.execute(
        f"SELECT id, session_id FROM action WHERE id IN ({', '.join(str(a.id) for a in actions)})").fetchall())
    changes: dict[int, list[StatusChange]] = {}
    for r in pf.rows(
        f"SELECT * FROM action_status_change WHERE action_id IN ({', '.join(str(a.id) for a in actions)})"
        " ORDER BY changed_at, id"
    ):
        changes.setdefault(r["action_id"], []).append(StatusChange(
            when=short_date(r["changed_at"]), old=domain.label(domain.ACTION_STATUSES, r["old_status"]),
            new=domain.label(domain.ACTION_STATUSES, r["new_status"]), note=r["note"] or "",
            session=session_titles.get(r["session_id"], ""),
        ))
    return [CarriedAction(a, session_titles.get(session_of[a.id], ""), changes.get(a.id, [])) for a in actions]


def _next(all_sessions: list[dict], place: int) -> NextSession | None:
    if place + 1 >= len(all_sessions):
        return None
    s = all_sessions[place + 1]
    return NextSession(s["title"], s["date"], s["start_time"], s["venue"])
