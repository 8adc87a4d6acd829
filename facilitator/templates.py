"""Session templates: an agenda and any health checks to start from.

Shipped templates live in resources/templates; a facilitator's own (saved from a health check,
see `operations.health_templates`) live as JSON files of the same shape in the user data folder's
`templates` folder. A user template never shadows a shipped one: shipped slugs are looked up first
and a user file with a shipped slug is ignored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from facilitator import domain
from facilitator.changes import Changes
from facilitator.errors import ValidationError
from facilitator.operations import agenda, sessions
from facilitator.paths import user_data_dir
from facilitator.resources import resource
from facilitator.storage.partnership_file import PartnershipFile

DEFAULT_TEMPLATE = "blank"
USER_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")  # user files with other names are ignored


@dataclass(frozen=True)
class Template:
    slug: str
    name: str
    description: str
    session: dict
    agenda: list[dict]
    health_checks: list[dict]
    user: bool = False  # saved by the facilitator, not shipped with the app

    @property
    def planned_minutes(self) -> int:
        return sum(item.get("planned_minutes", 0) for item in self.agenda)


def template_dir() -> Path:
    return resource("templates")


def user_template_dir() -> Path:
    """Where a facilitator's own templates are kept (it may not exist yet)."""
    return user_data_dir() / "templates"


def shipped_slugs() -> set[str]:
    return {p.stem for p in template_dir().glob("*.json")}


def user_slugs() -> set[str]:
    """Slugs of usable user template files: well-formed names that do not clash with a shipped one."""
    folder = user_template_dir()
    if not folder.is_dir():
        return set()
    shipped = shipped_slugs()
    return {p.stem for p in folder.glob("*.json") if USER_SLUG.match(p.stem) and p.stem not in shipped}


def available() -> list[Template]:
    """Shipped templates (blank first, then by name), then the user's own by name.

    A user file that cannot be read is left out rather than breaking the list.
    """
    shipped = sorted((load(p.stem) for p in template_dir().glob("*.json")), key=lambda t: (t.slug != "blank", t.name))
    mine = []
    for slug in user_slugs():
        try:
            mine.append(load(slug))
        except ValidationError:
            continue
    return shipped + sorted(mine, key=lambda t: (t.name.casefold(), t.slug))


def load(slug: str) -> Template:
    path = template_dir() / f"{slug}.json"
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        return _template(slug, data, user=False)
    if isinstance(slug, str) and slug in user_slugs():
        path = user_template_dir() / f"{slug}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return _template(slug, _checked_user_data(data), user=True)
        except (OSError, ValueError, TypeError, KeyError, AttributeError, ValidationError) as error:
            raise ValidationError(f"Your template “{slug}” could not be read ({error}).") from None
    names = ", ".join(sorted(shipped_slugs() | user_slugs()))
    raise ValidationError(f"There is no template called “{slug}”. Available: {names}.")


def _template(slug: str, data: dict, *, user: bool) -> Template:
    return Template(
        slug=slug,
        name=data["name"],
        description=data.get("description", ""),
        session=data.get("session", {}),
        agenda=data.get("agenda", []),
        health_checks=data.get("health_checks", []),
        user=user,
    )


def _checked_user_data(data: object) -> dict:
    """A user file may have been edited by hand: check its shape before anything trusts it."""
    if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not data["name"].strip():
        raise ValueError("it has no name")
    if not isinstance(data.get("description", ""), str) or not isinstance(data.get("session", {}), dict):
        raise ValueError("its description or session is not the right shape")
    session = data.get("session", {})
    if not isinstance(session.get("title", ""), str):
        raise ValueError("its session title is not text")
    sessions.validated_fields(length_minutes=session.get("length_minutes", 0))
    items = data.get("agenda", [])
    checks = data.get("health_checks", [])
    if not isinstance(items, list) or not isinstance(checks, list):
        raise ValueError("its agenda or health checks are not lists")
    for item in items:
        if not isinstance(item, dict):
            raise ValueError("an agenda item is not the right shape")
        agenda.validated_fields(title=item.get("title"), kind=item.get("kind", "discussion"),
                                prompt=item.get("prompt", ""), planned_minutes=item.get("planned_minutes", 0))
    for check in checks:
        if not isinstance(check, dict) or not isinstance(check.get("title"), str) or not check["title"].strip():
            raise ValueError("a health check has no title")
        if check.get("scale", "rag") not in domain.HEALTH_SCALES:
            raise ValueError(f"“{check.get('scale')}” is not a rating scale")
        prompts = check.get("prompts", [])
        if not isinstance(prompts, list) or not all(isinstance(p, str) and p.strip() for p in prompts):
            raise ValueError("a health-check prompt is not text")
    return data


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
