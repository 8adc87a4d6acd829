"""Partnership health check results: where partners agree, where they differ, and the trend.

Story 2 asks partnerships to recognise power imbalance "within and between sectors". A group
rating alone hides that, so each prompt is also summarised per organisation and per sector, and
the prompts on which partners differ most come first in `most_divided`.

Ratings are only compared within their scale (red/amber/green 1..3, or 1..5); higher is better.
A rating outside its check's scale (possible in a file edited elsewhere) is ignored, not guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from facilitator import domain
from facilitator.analysis._common import OrganisationRef, earlier_sessions, organisations, sector_order
from facilitator.errors import NotFoundError
from facilitator.storage.partnership_file import PartnershipFile


@dataclass(frozen=True)
class Scale:
    key: str
    low: int
    high: int

    def label(self, rating: int | float | None) -> str:
        """Red, Amber or Green on the RAG scale; the number itself on 1..5 (a mean keeps one decimal)."""
        if rating is None:
            return ""
        if self.key == "rag" and float(rating).is_integer():
            return domain.RAG_RATINGS.get(int(rating), str(rating))
        return str(int(rating)) if float(rating).is_integer() else f"{rating:.1f}"

    def fraction(self, rating: float) -> float:
        """0 (worst) to 1 (best): lets a RAG check and a 1..5 check be compared."""
        return (rating - self.low) / (self.high - self.low)

    def accepts(self, rating: object) -> bool:
        return isinstance(rating, int) and not isinstance(rating, bool) and self.low <= rating <= self.high


def scale_of(key: str) -> Scale:
    low, high = domain.SCALE_RANGES.get(key, domain.SCALE_RANGES["rag"])
    return Scale(key if key in domain.SCALE_RANGES else "rag", low, high)


@dataclass(frozen=True)
class Rating:
    """One rating with its note; `rating` None means a note without a rating."""

    rating: int | None
    note: str


@dataclass(frozen=True)
class OrganisationRating:
    organisation: OrganisationRef
    rating: int | None
    note: str


@dataclass(frozen=True)
class SectorRating:
    """The mean of the ratings given by one sector's organisations on one prompt."""

    sector: str
    mean: float
    count: int

    @property
    def label(self) -> str:
        return domain.label(domain.SECTORS, self.sector)


@dataclass(frozen=True)
class PromptSummary:
    """One prompt: the group's rating, each organisation's, each sector's mean and the spreads.

    `organisation_spread` is max - min over organisations and `sector_spread` over sector means,
    both in scale points; None when fewer than two organisations (sectors) rated it.
    """

    prompt_id: int
    text: str
    position: int
    group: Rating | None
    by_organisation: tuple[OrganisationRating, ...]
    by_sector: tuple[SectorRating, ...]
    organisation_mean: float | None
    organisation_spread: int | None
    sector_spread: float | None

    @property
    def rated_organisations(self) -> int:
        return sum(1 for r in self.by_organisation if r.rating is not None)


@dataclass(frozen=True)
class HealthSummary:
    health_check_id: int
    title: str
    session_id: int
    scale: Scale
    prompts: tuple[PromptSummary, ...]
    most_divided: tuple[PromptSummary, ...]

    @property
    def organisations(self) -> tuple[OrganisationRef, ...]:
        """Organisations that rated at least one prompt, in the partnership's order."""
        seen = {r.organisation for p in self.prompts for r in p.by_organisation}
        return tuple(sorted(seen, key=lambda o: (o.position, o.id)))


def health_summary(pf: PartnershipFile, health_check_id: int) -> HealthSummary:
    """Every prompt of the check in order, and (in `most_divided`) those partners rated differently,
    most different first: by organisation spread, then sector spread, then prompt order."""
    check = _check(pf, health_check_id)
    scale = scale_of(check["scale"])
    by_id = {o.id: o for o in organisations(pf)}
    ratings: dict[int, list[dict]] = {}
    for r in pf.rows(
        "SELECT r.* FROM health_rating r JOIN health_prompt p ON p.id = r.health_prompt_id"
        " WHERE p.health_check_id = ? ORDER BY r.id",
        (health_check_id,),
    ):
        ratings.setdefault(r["health_prompt_id"], []).append(r)

    prompts = []
    for prompt in _prompts(pf, health_check_id):
        group = None
        mine = []
        for r in ratings.get(prompt["id"], []):
            value = r["rating"] if scale.accepts(r["rating"]) else None
            if r["organisation_id"] is None:
                group = Rating(value, r["note"])
            elif r["organisation_id"] in by_id:
                mine.append(OrganisationRating(by_id[r["organisation_id"]], value, r["note"]))
        mine.sort(key=lambda r: (r.organisation.position, r.organisation.id))
        rated = [r for r in mine if r.rating is not None]
        sectors = []
        for sector in sector_order({r.organisation.sector for r in rated}):
            values = [r.rating for r in rated if r.organisation.sector == sector]
            sectors.append(SectorRating(sector, fmean(values), len(values)))
        numbers = [r.rating for r in rated]
        means = [s.mean for s in sectors]
        prompts.append(PromptSummary(
            prompt_id=prompt["id"],
            text=prompt["text"],
            position=prompt["position"],
            group=group,
            by_organisation=tuple(mine),
            by_sector=tuple(sectors),
            organisation_mean=fmean(numbers) if numbers else None,
            organisation_spread=max(numbers) - min(numbers) if len(numbers) > 1 else None,
            sector_spread=max(means) - min(means) if len(means) > 1 else None,
        ))
    divided = sorted(
        (p for p in prompts if (p.organisation_spread or 0) > 0 or (p.sector_spread or 0) > 0),
        key=lambda p: (-(p.organisation_spread or 0), -(p.sector_spread or 0), p.position, p.prompt_id),
    )
    return HealthSummary(
        health_check_id=health_check_id,
        title=check["title"],
        session_id=check["session_id"],
        scale=scale,
        prompts=tuple(prompts),
        most_divided=tuple(divided),
    )


# Trend -------------------------------------------------------------------------------------------

BETTER, WORSE, SAME, NEW = "better", "worse", "same", "new"


@dataclass(frozen=True)
class Side:
    """A prompt's result in one check: the group rating and the mean of organisations' ratings."""

    health_check_id: int
    session_id: int
    session_title: str
    scale: Scale
    group: int | None
    organisation_mean: float | None


@dataclass(frozen=True)
class TrendItem:
    """One prompt now and last time it was asked.

    `direction` is 'new' when no earlier session asked this prompt; 'better', 'worse' or 'same'
    when both times have a comparable rating; None when it was asked before but the two cannot be
    compared (one side unrated). `basis` says what was compared: 'group' ratings when both have
    one, otherwise the 'organisations' means.
    """

    prompt_id: int
    text: str
    current: Side
    previous: Side | None
    direction: str | None
    basis: str | None


@dataclass(frozen=True)
class HealthTrend:
    health_check_id: int
    items: tuple[TrendItem, ...]


def health_trend(pf: PartnershipFile, health_check_id: int) -> HealthTrend:
    """Each prompt against the nearest earlier session (by position) whose health check asked it.

    Prompts match by their text, ignoring differences of spacing only: a reworded prompt is a new
    prompt. Among earlier sessions that asked it, the nearest one with a rating is preferred, since
    a copied-forward check often holds prompts nobody rated; if none was rated, the nearest that
    asked it is shown with no direction. Within one session, its last check asking the prompt wins.
    Ratings are compared as fractions of their scale, so a RAG check can follow a 1..5 check.
    """
    check = _check(pf, health_check_id)
    current_summary = health_summary(pf, health_check_id)
    session_title = pf.scalar("SELECT title FROM session WHERE id = ?", (check["session_id"],))
    earlier = earlier_sessions(pf, check["session_id"])

    # For each earlier session (nearest first), its checks' sides keyed by normalised prompt text.
    history: list[dict[str, Side]] = []
    for earlier_session in reversed(earlier):
        sides: dict[str, Side] = {}
        for other in pf.rows(
            "SELECT id FROM health_check WHERE session_id = ? ORDER BY position, id", (earlier_session.id,)
        ):
            summary = health_summary(pf, other["id"])
            for prompt in summary.prompts:
                sides[_normal(prompt.text)] = _side(summary, prompt, earlier_session.title)
        history.append(sides)

    items = []
    for prompt in current_summary.prompts:
        current = _side(current_summary, prompt, session_title)
        key = _normal(prompt.text)
        asked = [sides[key] for sides in history if key in sides]
        rated = [side for side in asked if side.group is not None or side.organisation_mean is not None]
        previous = rated[0] if rated else asked[0] if asked else None
        direction, basis = _compare(current, previous)
        items.append(TrendItem(prompt.prompt_id, prompt.text, current, previous, direction, basis))
    return HealthTrend(health_check_id, tuple(items))


def _side(summary: HealthSummary, prompt: PromptSummary, session_title: str) -> Side:
    return Side(
        health_check_id=summary.health_check_id,
        session_id=summary.session_id,
        session_title=session_title,
        scale=summary.scale,
        group=prompt.group.rating if prompt.group else None,
        organisation_mean=prompt.organisation_mean,
    )


def _compare(current: Side, previous: Side | None) -> tuple[str | None, str | None]:
    if previous is None:
        return NEW, None
    if current.group is not None and previous.group is not None:
        basis, now, before = "group", current.group, previous.group
    elif current.organisation_mean is not None and previous.organisation_mean is not None:
        basis, now, before = "organisations", current.organisation_mean, previous.organisation_mean
    else:
        return None, None
    difference = current.scale.fraction(now) - previous.scale.fraction(before)
    if abs(difference) < 1e-9:
        return SAME, basis
    return (BETTER if difference > 0 else WORSE), basis


def _normal(text: str) -> str:
    return " ".join(text.split())


def _check(pf: PartnershipFile, health_check_id: int) -> dict:
    check = pf.row("SELECT * FROM health_check WHERE id = ?", (health_check_id,))
    if check is None:
        raise NotFoundError("That health check no longer exists.")
    return check


def _prompts(pf: PartnershipFile, health_check_id: int) -> list[dict]:
    return pf.rows(
        "SELECT id, text, position FROM health_prompt WHERE health_check_id = ? ORDER BY position, id",
        (health_check_id,),
    )
