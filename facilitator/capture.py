"""Quick capture: turn what the facilitator typed into a contribution's text, attribution and category.

`@Name` attributes to a participant or organisation (the longest known name that follows the @,
or a unique start of one: `@ann` for Ann Patel), `#word` sets a category (`#off` → offer), and
`#park` sends it to the parking lot. Anything not recognised stays in the text as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from facilitator import domain

PARK = "park"
CATEGORY_WORDS = (*domain.CONTRIBUTION_CATEGORIES, PARK)


@dataclass(frozen=True)
class Capture:
    text: str
    participant_id: int | None = None
    organisation_id: int | None = None
    category: str | None = None
    parked: bool = False


@dataclass(frozen=True)
class Name:
    kind: str  # "participant" or "organisation"
    id: int
    name: str


def names_for(participants: list[dict], organisations: list[dict]) -> list[Name]:
    return [Name("participant", p["id"], p["name"]) for p in participants] + [
        Name("organisation", o["id"], o["name"]) for o in organisations
    ]


def parse(typed: str, names: list[Name]) -> Capture:
    participant_id = organisation_id = category = None
    parked = False
    kept: list[str] = []
    index = 0
    while index < len(typed):
        char = typed[index]
        at_word_start = index == 0 or typed[index - 1].isspace()
        if char == "@" and at_word_start:
            match = _match_name(typed, index + 1, names)
            if match is not None:
                found, end = match
                if found.kind == "participant" and participant_id is None:
                    participant_id = found.id
                elif found.kind == "organisation" and organisation_id is None:
                    organisation_id = found.id
                index = end
                continue
        if char == "#" and at_word_start:
            word = re.match(r"#(\w+)", typed[index:])
            if word:
                chosen = _match_category(word.group(1))
                if chosen is not None:
                    if chosen == PARK:
                        parked = True
                    elif category is None:
                        category = chosen
                    index += len(word.group(0))
                    continue
        kept.append(char)
        index += 1
    text = _tidy("".join(kept))
    return Capture(text, participant_id, organisation_id, category, parked)


def _match_name(typed: str, start: int, names: list[Name]) -> tuple[Name, int] | None:
    """Longest full name (case-insensitive) starting at `start`, else a unique word-prefix match."""
    rest = typed[start:].casefold()
    best: tuple[Name, int] | None = None
    for name in names:
        folded = name.name.casefold()
        if rest.startswith(folded) and _ends_word(rest, len(folded)):
            if best is None or len(folded) > best[1] - start:
                best = (name, start + len(folded))
    if best is not None:
        return best
    word = re.match(r"[^\s@#]+", typed[start:])
    if not word:
        return None
    prefix = word.group(0).casefold()
    candidates = [n for n in names if any(part.startswith(prefix) for part in n.name.casefold().split())]
    if len(candidates) == 1:
        return candidates[0], start + len(word.group(0))
    return None


def _ends_word(text: str, end: int) -> bool:
    return end >= len(text) or not (text[end].isalnum() or text[end] == "_")


def _match_category(word: str) -> str | None:
    word = word.casefold()
    if word in CATEGORY_WORDS:
        return word
    candidates = [c for c in CATEGORY_WORDS if c.startswith(word)]
    return candidates[0] if len(candidates) == 1 else None


def _tidy(text: str) -> str:
    """Remove the gaps left by tokens without touching the user's own line breaks."""
    lines = [re.sub(r"[ \t]{2,}", " ", line).strip(" \t") for line in text.split("\n")]
    return "\n".join(lines).strip()
