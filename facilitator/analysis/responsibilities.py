"""Shared responsibilities: which organisations lead and support which actions, and how evenly.

Story 1's facilitator wanted "a sharing of responsibility across agencies rather than a focus on
passing tasks to individuals". The matrix shows it action by action; `spread` says at a glance
who carries the load, which sectors are missing, and which actions are not really shared.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator import domain
from facilitator.analysis._common import OrganisationRef, organisations, sector_order
from facilitator.errors import NotFoundError
from facilitator.storage.partnership_file import PartnershipFile

CLOSED_STATUSES = frozenset({"done", "dropped"})


@dataclass(frozen=True)
class MatrixRow:
    """One action and each column's mark: 'lead', 'support' or None, aligned with the matrix columns."""

    action_id: int
    text: str
    status: str
    due_date: str
    session_id: int | None
    leads: tuple[OrganisationRef, ...]
    supporters: tuple[OrganisationRef, ...]
    marks: tuple[str | None, ...]

    @property
    def lead(self) -> OrganisationRef | None:
        """The lead organisation. Operations keep one; an imported file might hold more (first wins)."""
        return self.leads[0] if self.leads else None

    @property
    def organisation_count(self) -> int:
        return len(self.leads) + len(self.supporters)

    @property
    def status_label(self) -> str:
        return domain.label(domain.ACTION_STATUSES, self.status)


@dataclass(frozen=True)
class ResponsibilityMatrix:
    """Actions (rows) × every organisation (columns), so an empty column shows who holds no role."""

    columns: tuple[OrganisationRef, ...]
    rows: tuple[MatrixRow, ...]

    def mark(self, action_id: int, organisation_id: int) -> str | None:
        for row in self.rows:
            if row.action_id == action_id:
                for column, mark in zip(self.columns, row.marks):
                    if column.id == organisation_id:
                        return mark
                return None
        raise KeyError(action_id)

    @property
    def columns_with_roles(self) -> tuple[OrganisationRef, ...]:
        """Only organisations with a role somewhere: for a printed table that must fit the page."""
        used = {i for row in self.rows for i, mark in enumerate(row.marks) if mark}
        return tuple(c for i, c in enumerate(self.columns) if i in used)


@dataclass(frozen=True)
class OrganisationLoad:
    organisation: OrganisationRef
    led: int
    supported: int

    @property
    def total(self) -> int:
        return self.led + self.supported


@dataclass(frozen=True)
class SectorLoad:
    """Roles held by a sector's organisations; `organisations` is how many it has in the partnership."""

    sector: str
    organisations: int
    led: int
    supported: int

    @property
    def label(self) -> str:
        return domain.label(domain.SECTORS, self.sector)

    @property
    def total(self) -> int:
        return self.led + self.supported


@dataclass(frozen=True)
class ActionRef:
    action_id: int
    text: str
    status: str
    organisation_count: int


@dataclass(frozen=True)
class Spread:
    """How responsibility is spread across organisations and sectors, with the actions to look at again.

    - `not_shared`: actions carried by exactly one organisation (a lone lead, or a lone supporter);
    - `without_lead`: actions nobody leads (including actions with no organisation at all);
    - `without_role`: organisations holding no role on any of the actions considered.
    """

    action_count: int
    organisations: tuple[OrganisationLoad, ...]
    sectors: tuple[SectorLoad, ...]
    without_role: tuple[OrganisationRef, ...]
    not_shared: tuple[ActionRef, ...]
    without_lead: tuple[ActionRef, ...]


def responsibility_matrix(
    pf: PartnershipFile, *, session_id: int | None = None, include_closed: bool = False
) -> ResponsibilityMatrix:
    """The actions (all, or those agreed in one session), open and in progress unless `include_closed`.

    Closed actions are left out by default because the matrix is about who carries what now.
    """
    if session_id is not None and pf.scalar("SELECT 1 FROM session WHERE id = ?", (session_id,)) is None:
        raise NotFoundError("That session no longer exists.")
    columns = organisations(pf)
    by_id = {o.id: o for o in columns}
    where, params = [], []
    if session_id is not None:
        where.append("session_id = ?")
        params.append(session_id)
    if not include_closed:
        where.append("status NOT IN ('done', 'dropped')")
    sql = "SELECT id, text, status, due_date, session_id FROM action"
    if where:
        sql += " WHERE " + " AND ".join(where)
    actions = pf.rows(sql + " ORDER BY position, id", tuple(params))
    roles: dict[int, dict[int, str]] = {}
    for r in pf.rows("SELECT action_id, organisation_id, role FROM responsibility"):
        roles.setdefault(r["action_id"], {})[r["organisation_id"]] = r["role"]
    rows = []
    for action in actions:
        mine = roles.get(action["id"], {})
        marks = tuple(mine.get(c.id) if mine.get(c.id) in domain.ROLES else None for c in columns)
        holders = sorted((by_id[o] for o in mine if o in by_id), key=lambda o: (o.position, o.id))
        rows.append(MatrixRow(
            action_id=action["id"],
            text=action["text"],
            status=action["status"],
            due_date=action["due_date"],
            session_id=action["session_id"],
            leads=tuple(o for o in holders if mine[o.id] == "lead"),
            supporters=tuple(o for o in holders if mine[o.id] == "support"),
            marks=marks,
        ))
    return ResponsibilityMatrix(columns=columns, rows=tuple(rows))


def spread(pf: PartnershipFile, *, session_id: int | None = None, include_closed: bool = False) -> Spread:
    """Counts of roles per organisation and per sector over the same actions as the matrix.

    Every organisation and every sector with organisations is listed, zeros included: a sector
    holding nothing is exactly what the facilitator needs to see.
    """
    matrix = responsibility_matrix(pf, session_id=session_id, include_closed=include_closed)
    loads = []
    for index, organisation in enumerate(matrix.columns):
        marks = [row.marks[index] for row in matrix.rows]
        loads.append(OrganisationLoad(organisation, marks.count("lead"), marks.count("support")))
    sectors = []
    for sector in sector_order({o.sector for o in matrix.columns}):
        members = [load for load in loads if load.organisation.sector == sector]
        sectors.append(SectorLoad(
            sector=sector,
            organisations=len(members),
            led=sum(m.led for m in members),
            supported=sum(m.supported for m in members),
        ))

    def ref(row: MatrixRow) -> ActionRef:
        return ActionRef(row.action_id, row.text, row.status, row.organisation_count)

    return Spread(
        action_count=len(matrix.rows),
        organisations=tuple(loads),
        sectors=tuple(sectors),
        without_role=tuple(load.organisation for load in loads if load.total == 0),
        not_shared=tuple(ref(row) for row in matrix.rows if row.organisation_count == 1),
        without_lead=tuple(ref(row) for row in matrix.rows if not row.leads),
    )
