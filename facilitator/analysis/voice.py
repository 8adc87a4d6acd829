"""Voice balance: who has been heard this session, by organisation, by sector and by person.

Story 2 names "recognising power imbalance – within the partnership (in the room) – within and
between sectors". These figures are for the facilitator's console only (never the projector):
they show who is dominating, which partners in the room have not yet spoken, and which sectors
are missing from the room altogether.

Parked contributions count: they were said in the room, and parking is the facilitator's choice
about where to put them, not a judgement on whether the speaker was heard. A contribution counts
for the organisation stored on it (`contribution.organisation_id`, which capture fills from the
speaker's organisation), so moving a person to another organisation later does not rewrite
who spoke for whom. Anything with no organisation (or no person) is counted as "Anonymous".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from facilitator import domain
from facilitator.analysis._common import ANONYMOUS, OrganisationRef, organisations, sector_order, session, share
from facilitator.storage.partnership_file import PartnershipFile

ABSENT_STATUSES = frozenset({"absent", "apologies"})


@dataclass(frozen=True)
class Tally:
    """How many contributions one organisation, sector or person made this session.

    `key` is the organisation or participant id or the sector key; None is "Anonymous".
    `share` is of all the session's contributions (0..1). `detail` names a person's organisation.
    """

    key: int | str | None
    label: str
    count: int
    share: float
    detail: str = ""

    @property
    def anonymous(self) -> bool:
        return self.key is None


@dataclass(frozen=True)
class VoiceBalance:
    """This session's voice balance. Tallies run most vocal first; "Anonymous" comes last.

    - `present`: organisations with at least one participant marked present;
    - `present_silent`: of those, the ones with no contribution yet (ask them in);
    - `absent_organisations` / `absent_sectors`: on this session's list, but every listed person is
      absent or sent apologies, so nobody is in the room for them;
    - `most_vocal_share`: the most vocal organisation's share of the contributions attributed to an
      organisation (0..1), None when none are attributed. Anonymous ones are left out of it because
      they cannot be anybody's.
    """

    session_id: int
    total: int
    parked: int
    attributed: int
    by_organisation: tuple[Tally, ...]
    by_sector: tuple[Tally, ...]
    by_participant: tuple[Tally, ...]
    present: tuple[OrganisationRef, ...]
    present_silent: tuple[OrganisationRef, ...]
    absent_organisations: tuple[OrganisationRef, ...]
    absent_sectors: tuple[str, ...]
    most_vocal: Tally | None
    most_vocal_share: float | None

    @property
    def anonymous(self) -> int:
        """Contributions not attributed to any organisation."""
        return self.total - self.attributed

    @property
    def absent_sector_labels(self) -> tuple[str, ...]:
        return tuple(domain.label(domain.SECTORS, s) for s in self.absent_sectors)


def voice_balance(pf: PartnershipFile, session_id: int) -> VoiceBalance:
    """Count this session's contributions (parked included) and compare them with who is in the room."""
    session(pf, session_id)  # NotFoundError for a missing session
    orgs = organisations(pf)
    by_id = {o.id: o for o in orgs}
    people = {
        r["id"]: r for r in pf.rows(
            "SELECT p.id, p.name, p.position, o.name AS organisation_name FROM participant p"
            " LEFT JOIN organisation o ON o.id = p.organisation_id"
        )
    }
    said = pf.rows(
        "SELECT participant_id, organisation_id, parked FROM contribution WHERE session_id = ?", (session_id,)
    )
    total = len(said)

    # An organisation id that no longer exists cannot happen through operations (SET NULL), but
    # an odd file might hold one: count it as anonymous rather than inventing a name.
    org_counts = Counter(c["organisation_id"] if c["organisation_id"] in by_id else None for c in said)
    person_counts = Counter(c["participant_id"] if c["participant_id"] in people else None for c in said)
    sector_counts = Counter(by_id[k].sector if k is not None else None for k in org_counts.elements())

    def ordered(tallies: list[Tally], rank) -> tuple[Tally, ...]:
        return tuple(sorted(tallies, key=lambda t: (t.key is None, -t.count, rank(t.key))))

    by_organisation = ordered(
        [Tally(k, by_id[k].name if k is not None else ANONYMOUS, n, share(n, total)) for k, n in org_counts.items()],
        lambda k: (by_id[k].position, k) if k is not None else (0, 0),
    )
    sectors = sector_order({k for k in sector_counts if k is not None})
    by_sector = ordered(
        [Tally(k, domain.label(domain.SECTORS, k) if k is not None else ANONYMOUS, n, share(n, total))
         for k, n in sector_counts.items()],
        lambda k: sectors.index(k) if k is not None else 0,
    )
    by_participant = ordered(
        [Tally(k, people[k]["name"] if k is not None else ANONYMOUS, n, share(n, total),
               (people[k]["organisation_name"] or "") if k is not None else "")
         for k, n in person_counts.items()],
        lambda k: (people[k]["position"], k) if k is not None else (0, 0),
    )

    listed: dict[int, list[str]] = {}
    sector_listed: dict[str, list[str]] = {}
    for r in pf.rows(
        "SELECT p.organisation_id, a.status FROM attendance a JOIN participant p ON p.id = a.participant_id"
        " WHERE a.session_id = ?",
        (session_id,),
    ):
        if r["organisation_id"] in by_id:
            listed.setdefault(r["organisation_id"], []).append(r["status"])
            sector_listed.setdefault(by_id[r["organisation_id"]].sector, []).append(r["status"])
    present = tuple(o for o in orgs if "present" in listed.get(o.id, ()))
    absent = tuple(o for o in orgs if o.id in listed and all(s in ABSENT_STATUSES for s in listed[o.id]))
    absent_sectors = tuple(
        s for s in sector_order(set(sector_listed)) if all(x in ABSENT_STATUSES for x in sector_listed[s])
    )

    attributed = total - org_counts.get(None, 0)
    named = [t for t in by_organisation if t.key is not None]
    most_vocal = named[0] if named else None
    return VoiceBalance(
        session_id=session_id,
        total=total,
        parked=sum(1 for c in said if c["parked"]),
        attributed=attributed,
        by_organisation=by_organisation,
        by_sector=by_sector,
        by_participant=by_participant,
        present=present,
        present_silent=tuple(o for o in present if org_counts.get(o.id, 0) == 0),
        absent_organisations=absent,
        absent_sectors=absent_sectors,
        most_vocal=most_vocal,
        most_vocal_share=share(most_vocal.count, attributed) if most_vocal else None,
    )
