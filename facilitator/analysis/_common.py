"""Small shapes and reads the analyses share: organisations, sectors and the order of sessions."""

from __future__ import annotations

from dataclasses import dataclass

from facilitator import domain
from facilitator.errors import NotFoundError
from facilitator.storage.partnership_file import PartnershipFile

ANONYMOUS = "Anonymous"


@dataclass(frozen=True)
class OrganisationRef:
    """Enough of an organisation to name it and place it in its sector, without a second lookup."""

    id: int
    name: str
    sector: str
    position: int = 0

    @property
    def sector_label(self) -> str:
        return domain.label(domain.SECTORS, self.sector)


@dataclass(frozen=True)
class SessionRef:
    """A session's identity and place in the series ("earlier" always means lower position)."""

    id: int
    title: str
    date: str
    position: int


def organisations(pf: PartnershipFile) -> tuple[OrganisationRef, ...]:
    """Every organisation in the partnership's own order (the order the facilitator chose)."""
    return tuple(
        OrganisationRef(r["id"], r["name"], r["sector"], r["position"])
        for r in pf.rows("SELECT id, name, sector, position FROM organisation ORDER BY position, id")
    )


def sector_order(sectors) -> list[str]:
    """Sectors in the vocabulary's order, then any unknown ones (from an odd file) alphabetically."""
    known = [s for s in domain.SECTORS if s in sectors]
    return known + sorted(s for s in set(sectors) if s not in domain.SECTORS)


def sessions(pf: PartnershipFile) -> tuple[SessionRef, ...]:
    """The series in order. Position decides, not date: dates may be blank or typed late."""
    return tuple(
        SessionRef(r["id"], r["title"], r["date"], r["position"])
        for r in pf.rows("SELECT id, title, date, position FROM session ORDER BY position, id")
    )


def session(pf: PartnershipFile, session_id: int) -> SessionRef:
    for found in sessions(pf):
        if found.id == session_id:
            return found
    raise NotFoundError("That session no longer exists.")


def earlier_sessions(pf: PartnershipFile, session_id: int) -> tuple[SessionRef, ...]:
    """Sessions before this one in the series, nearest last. Raises NotFoundError for a missing session."""
    ordered = sessions(pf)
    ids = [s.id for s in ordered]
    if session_id not in ids:
        raise NotFoundError("That session no longer exists.")
    return ordered[: ids.index(session_id)]


def share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
