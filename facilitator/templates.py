"""Session templates shipped in resources/templates: an agenda and any health checks to start from."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from facilitator.changes import Changes
from facilitator.errors import ValidationError
from facilitator.operations import agenda, sessions
from facilitator.resources import resource
from facilitator.storage.partnership_file import PartnershipFile

DEFAULT_TEMPLATE = "blank"


@dataclass(frozen=True)
class Template:
    slug: str
    name: str
    description: str
    session: dict
    agenda: list[dict]
    health_checks: list[dict]

    @property
    def planned_minutes(self) -> int:
        return sum(item.get("planned_minutes", 0) for item in self.agenda)


def template_dir() -> Path:
    return resource("templates")


def available() -> list[Template]:
    return sorted((load(p.stem) for p in template_dir().glob("*.json")), key=lambda t: (t.slug != "blank", t.name))


def load(slug: str) -> Template:
    path = template_dir() / f"{slug}.json"
    if not path.is_file():
        names = ", ".join(sorted(p.stem for p in template_dir().glob("*.json")))
        raise ValidationError(f"There is no template called “{slug}”. Available: {names}.")
    data = json.loads(path.read_text(encoding="utf-8"))
    return Template(
        slug=slug,
        name=data["name"],
        description=data.get("description", ""),
        session=data.get("session", {}),
        agenda=data.get("agenda", []),
        health_checks=data.get("health_checks", []),
    )


def add_session_from_template(
    pf: PartnershipFile, *, template: str = DEFAULT_TEMPLATE, title: str | None = None, date: str = ""
) -> Changes:
    """One undoable change: the session, its agenda and its health-check prompts."""

    chosen = load(template)
    title = title if title is not None else chosen.session.get("title", chosen.name)
    with pf.edit(f"New session from “{chosen.name}”") as edit:
        session_id = edit.insert("session", sessions.validated_fields(
            title=title, date=date, length_minutes=chosen.session.get("length_minutes", 0),
        ) | {"position": edit.next_position("session")})
        for position, item in enumerate(chosen.agenda):
            edit.insert("agenda_item", agenda.validated_fields(
                title=item["title"], kind=item.get("kind", "discussion"), prompt=item.get("prompt", ""),
                planned_minutes=item.get("planned_minutes", 0),
            ) | {"session_id": session_id, "position": position})
        for position, check in enumerate(chosen.health_checks):
            check_id = edit.insert("health_check", {
                "session_id": session_id, "title": check["title"], "scale": check.get("scale", "rag"),
                "position": position,
            })
            for index, prompt in enumerate(check.get("prompts", [])):
                edit.insert("health_prompt", {"health_check_id": check_id, "text": prompt, "position": index})
        edit.new_id = session_id
    return edit.changes
