"""What each pinned view shows, as plain data: a `Board` built from the rows the models hold.

These are pure functions of public rows (see the `projector_*` queries): they never see notes,
access needs or voice-balance figures, and they choose every word the room reads. Attribution on
cards is included only when the facilitator's setting asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from facilitator import domain, queries
from ui.presenter.grid import LEAD, SUPPORT, MatrixGrid
from ui.presenter.layout import Card

LIVE, AGENDA, VALUES, PARKING, MATRIX, HEALTH, WELCOME = (
    "live", "agenda", "values", "parking", "matrix", "health", "welcome")

VIEWS: dict[str, str] = {  # pin key → menu label, in menu order
    LIVE: "&Live item",
    AGENDA: "&Agenda overview",
    VALUES: "&Values board",
    PARKING: "&Parking lot",
    MATRIX: "&Responsibility matrix",
    HEALTH: "&Health check",
    WELCOME: "&Welcome screen",
}


@dataclass(frozen=True)
class Clock:
    """The live item's time, read from its public row; `text` says it in words for any `now`."""

    planned_minutes: int
    elapsed_seconds: int
    run_started_at: str | None

    def seconds(self, now: datetime | None = None) -> int:
        return queries.elapsed_seconds(
            {"elapsed_seconds": self.elapsed_seconds, "run_started_at": self.run_started_at}, now)

    def reading(self, now: datetime | None = None) -> tuple[str, bool]:
        """("12:34 left", False) or ("Over by 3:10", True); overrun is said in words, not only colour."""
        spent = self.seconds(now or datetime.now(timezone.utc))
        planned = self.planned_minutes * 60
        if spent > planned:
            return f"Over by {clock_text(spent - planned)}", True
        return f"{clock_text(planned - spent)} left", False


def clock_text(seconds: int) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@dataclass(frozen=True)
class Board:
    """One screenful: a heading, a prompt and cards, or (hero) a centred title with lines under it."""

    kind: str
    title: str = ""
    prompt: str = ""
    cards: tuple[Card, ...] = ()
    anchor: str = "end"  # "end": newest page shown, older cards page off; "start": first page
    focus: int | None = None  # a card that must be on the page shown (the live agenda item)
    empty_text: str = ""
    max_columns: int = 4
    stripes: bool = False
    footer: str = ""
    clock: Clock | None = None
    hero: bool = False
    kicker: str = ""  # hero: the small line above the title
    lines: tuple[str, ...] = field(default=())  # hero: the lines under the title
    unit: str = "cards"  # what the page indicator counts
    grid: MatrixGrid | None = None  # the responsibility matrix: drawn as a grid, not as cards
    spotlight: bool = False  # one card at a time, large (the health check's prompt): `focus` says which

    @property
    def count(self) -> int:
        """How many things the board pages through (cards, or the grid's rows)."""
        return len(self.grid.rows) if self.grid is not None else len(self.cards)

    @property
    def accessible_text(self) -> str:
        parts = [self.kicker, self.title, self.prompt, *self.lines]
        if self.spotlight and self.cards:
            card = self.cards[self.focus or 0]
            parts += [card.body, card.meta, f"Prompt {(self.focus or 0) + 1} of {len(self.cards)}"]
        elif self.grid is not None:
            parts.append(f"{len(self.grid.rows)} {self.unit} and {len(self.grid.organisations)} organisations")
        else:
            parts.append(f"{len(self.cards)} {self.unit}" if self.cards else self.empty_text)
        return ". ".join(p for p in parts if p)


def long_date(iso: str, start_time: str = "") -> str:
    """2026-03-02 → "Monday 2 March 2026" (the text as typed if it is not a date)."""
    try:
        day = date.fromisoformat(iso)
    except (TypeError, ValueError):
        text = iso or ""
    else:
        text = f"{day:%A} {day.day} {day:%B %Y}"
    return f"{text} · {start_time}" if text and start_time else text or start_time


def contribution_meta(row: dict, show_attribution: bool) -> str:
    parts = []
    if row.get("category"):
        parts.append(domain.label(domain.CONTRIBUTION_CATEGORIES, row["category"]))
    if show_attribution:
        names = [n for n in (row.get("participant_name"), row.get("organisation_name")) if n]
        if names:
            parts.append(", ".join(names))
    return " · ".join(parts)


def contribution_cards(rows: list[dict], show_attribution: bool, *, mark_newest: bool) -> tuple[Card, ...]:
    last = len(rows) - 1
    return tuple(Card(row["id"], row["text"], contribution_meta(row, show_attribution),
                      strong=mark_newest and i == last) for i, row in enumerate(rows))


def blank_board() -> Board:
    return Board("empty")


def welcome_board(session: dict | None) -> Board:
    if session is None:
        return blank_board()
    finished = session.get("status") == "finished"
    lines = [session.get("partnership_title") or "",
             long_date(session.get("date") or "", session.get("start_time") or ""),
             session.get("venue") or ""]
    return Board(WELCOME, title=session["title"], hero=True, kicker="Thank you" if finished else "Welcome",
                 lines=tuple(line for line in lines if line))


def live_board(session: dict | None, agenda: list[dict], contributions: list[dict], *,
               show_attribution: bool) -> Board:
    """The live item: its title and prompt, its contributions in captured order, the timer.
    Before the session starts (or once it is finished) the room sees the welcome screen."""
    if session is None:
        return blank_board()
    live_id = session.get("live_agenda_item_id")
    number, item = next(((i, r) for i, r in enumerate(agenda, start=1) if r["id"] == live_id), (0, None))
    if item is None or session.get("status") != "running":
        return welcome_board(session)
    clock = None
    if item["planned_minutes"]:
        clock = Clock(item["planned_minutes"], item["elapsed_seconds"] or 0, item["run_started_at"])
    return Board(
        LIVE, title=item["title"], prompt=item["prompt"],
        cards=contribution_cards(contributions, show_attribution, mark_newest=True),
        anchor="end", empty_text="What people say will appear here.",
        footer=f"Item {number} of {len(agenda)}", clock=clock,
    )


def agenda_board(session: dict | None, agenda: list[dict]) -> Board:
    if session is None:
        return blank_board()
    live_id = session.get("live_agenda_item_id") if session.get("status") == "running" else None
    cards, focus = [], None
    for number, row in enumerate(agenda, start=1):
        is_live = row["id"] == live_id
        status = "Now" if is_live else "Done" if row.get("ended_at") or (row.get("started_at") and not is_live) else ""
        minutes = f"{row['planned_minutes']} min" if row["planned_minutes"] else ""
        cards.append(Card(row["id"], f"{number}. {row['title']}", " · ".join(p for p in (status, minutes) if p),
                          strong=is_live))
        if is_live:
            focus = number - 1
    return Board(AGENDA, title="Agenda", prompt=session["title"], cards=tuple(cards), anchor="start", focus=focus,
                 max_columns=2, empty_text="No agenda items yet.", unit="items")


def values_board(values: list[dict]) -> Board:
    ordered = sorted(values, key=lambda r: (r["status"] != "agreed", r["position"], r["id"]))
    agreed = sum(1 for r in values if r["status"] == "agreed")
    counts = f"{agreed} agreed · {len(values) - agreed} proposed" if values else ""
    cards = tuple(Card(r["id"], r["text"], "Agreed" if r["status"] == "agreed" else "Proposed",
                       dashed=r["status"] != "agreed") for r in ordered)
    return Board(VALUES, title="Our values", prompt=counts, cards=cards, anchor="start",
                 empty_text="No values proposed yet.", unit="values")


def parking_board(parked: list[dict], *, show_attribution: bool) -> Board:
    return Board(PARKING, title="Parking lot", prompt="Set aside for later, not forgotten",
                 cards=contribution_cards(parked, show_attribution, mark_newest=False), anchor="end",
                 empty_text="Nothing in the parking lot.")


def matrix_board(matrix, *, partnership_wide: bool) -> Board:
    """Actions × organisations: an "L" or "S" in each organisation's column (a filled cell repeats it)."""
    marks = {"lead": LEAD, "support": SUPPORT}
    rows = tuple((row.text, tuple(marks.get(mark, "") for mark in row.marks)) for row in matrix.rows)
    grid = MatrixGrid(tuple(o.name for o in matrix.columns), rows) if rows else None
    prompt = "Open actions across the partnership" if partnership_wide else ""
    return Board(MATRIX, title="Shared responsibilities", prompt=prompt, grid=grid, anchor="start",
                 empty_text="No actions agreed yet.", unit="actions")


RAG_SYMBOLS = {1: "cross", 2: "triangle", 3: "tick"}  # as the console's ✖ Red, ▲ Amber, ✔ Green


def _tone(summary, rating: float | None) -> str:
    if rating is None:
        return ""
    share = summary.scale.fraction(rating)
    return "rating_red" if share < 0.34 else "rating_amber" if share < 0.67 else "rating_green"


def rating_words(scale, rating: int) -> str:
    """"Rated: Amber" on the red/amber/green scale, "Rated: 4 out of 5" on 1 to 5."""
    if scale.key == "rag":
        return f"Rated: {scale.label(rating)}"
    return f"Rated: {scale.label(rating)} out of {scale.high}"


def health_board(summary, focus_prompt: int | None = None) -> Board:
    """One prompt at a time, large, with the group's rating in words and a shape (and a colour).

    The prompt shown is the one chosen in the console (`focus_prompt`), else the first the group
    has not rated yet; the projector's page keys step through the others. Notes are never shown.
    """
    if summary is None:
        return Board(HEALTH, title="Partnership health check", empty_text="No health check in this session.",
                     unit="prompts")
    scale = summary.scale
    cards = []
    for prompt in summary.prompts:
        rating = prompt.group.rating if prompt.group is not None else None
        if rating is not None:
            meta, tone = rating_words(scale, rating), _tone(summary, rating)
            symbol = RAG_SYMBOLS.get(rating, "") if scale.key == "rag" else f"dots:{rating}/{scale.high}"
        elif prompt.organisation_mean is not None:
            mean = prompt.organisation_mean
            meta = f"Not rated by the group yet · partners' average {scale.label(round(mean, 1))} out of {scale.high}"
            tone, symbol = "", ""
        else:
            meta, tone, symbol = "Not rated yet", "", ""
        cards.append(Card(prompt.prompt_id, prompt.text, meta, stripe=tone, symbol=symbol))
    ids = [p.prompt_id for p in summary.prompts]
    if focus_prompt in ids:
        focus = ids.index(focus_prompt)
    else:
        focus = next((i for i, p in enumerate(summary.prompts) if p.group is None or p.group.rating is None), 0)
    scale_text = ("Red, amber or green" if scale.key == "rag"
                  else f"Rated {scale.low} to {scale.high}, where {scale.high} is best")
    return Board(HEALTH, title=summary.title, prompt=scale_text, cards=tuple(cards), anchor="start",
                 focus=focus if cards else None, spotlight=bool(cards),
                 empty_text="This health check has no prompts yet.", unit="prompts")
