"""Save a health check's prompts as the facilitator's own template, to reuse with other partnerships.

Why files and not the partnership: a template belongs to the facilitator, who runs many
partnerships, so it is kept in the user data folder (`templates.user_template_dir()`) as JSON in
the same shape as the shipped templates, and `templates.available()` lists it after them.
These functions therefore change no partnership file: they are not on the undo stack and return
the saved `Template` rather than `Changes`. A file is written whole or not at all.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import unicodedata

from facilitator import templates
from facilitator.errors import ValidationError
from facilitator.operations import _rules as rules
from facilitator.storage.partnership_file import PartnershipFile

DEFAULT_ITEM_PROMPT = "How well is our partnership working? Rate each issue and say why."


def save_health_template(
    pf: PartnershipFile,
    *,
    health_check_id: int,
    name: str,
    description: str = "",
    include_agenda: bool = False,
    replace: bool = False,
) -> templates.Template:
    """Write the check's title, scale and prompts (never its ratings or notes) as a user template.

    The agenda is the session's own when `include_agenda`, otherwise one health-check item (taken
    from the session's health-check item if it has one). The slug comes from `name`; it never takes
    a shipped template's slug, and an existing user template of that name is kept (a numbered slug
    is used) unless `replace` is True.
    """
    rules.text(name, "template name")
    rules.text(description, "description", required=False)
    check = pf.row("SELECT * FROM health_check WHERE id = ?", (health_check_id,))
    if check is None:
        raise ValidationError("That health check no longer exists.")
    prompts = [r["text"] for r in pf.rows(
        "SELECT text FROM health_prompt WHERE health_check_id = ? ORDER BY position, id", (health_check_id,)
    )]
    if not prompts:
        raise ValidationError("That health check has no prompts to save.")
    session = pf.row("SELECT * FROM session WHERE id = ?", (check["session_id"],))
    items = pf.rows(
        "SELECT title, kind, prompt, planned_minutes FROM agenda_item WHERE session_id = ? ORDER BY position, id",
        (check["session_id"],),
    )
    if include_agenda and items:
        agenda = [dict(item) for item in items]
        length = session["length_minutes"]
    else:
        source = next((item for item in items if item["kind"] == "health_check"), None)
        agenda = [{
            "title": source["title"] if source else check["title"],
            "kind": "health_check",
            "prompt": source["prompt"] if source and source["prompt"] else DEFAULT_ITEM_PROMPT,
            "planned_minutes": source["planned_minutes"] if source else 0,
        }]
        length = agenda[0]["planned_minutes"]
    document = {
        "name": name.strip(),
        "description": description,
        "session": {"title": name.strip(), "length_minutes": length},
        "agenda": agenda,
        "health_checks": [{"title": check["title"], "scale": check["scale"], "prompts": prompts}],
    }
    folder = templates.user_template_dir()
    slug = _free_slug(slugify(name), replace=replace)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(folder / f"{slug}.json", json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    except OSError as error:
        raise ValidationError(f"The template could not be saved in {folder} ({error.strerror or error}).") from None
    return templates.load(slug)


def delete_user_template(*, slug: str) -> None:
    """Remove one of the facilitator's own templates. Shipped templates cannot be deleted."""
    if slug in templates.shipped_slugs():
        raise ValidationError(f"“{slug}” comes with Facilitator and cannot be deleted.")
    if slug not in templates.user_slugs():
        raise ValidationError(f"There is no template of yours called “{slug}”.")
    (templates.user_template_dir() / f"{slug}.json").unlink(missing_ok=True)


def slugify(name: str) -> str:
    """A file-safe ASCII slug: "Gwiriad iechyd – Ŵyl" becomes "gwiriad-iechyd-wyl"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60].strip("-")
    return slug or "my-template"


def _free_slug(base: str, *, replace: bool) -> str:
    shipped = templates.shipped_slugs()
    mine = templates.user_slugs()
    folder = templates.user_template_dir()
    number = 1
    while True:
        slug = base if number == 1 else f"{base}-{number}"
        taken_by_file = (folder / f"{slug}.json").exists()
        if slug not in shipped and (not taken_by_file or (replace and slug in mine)):
            return slug
        number += 1


def _write_atomically(path, text: str) -> None:
    handle, temp = tempfile.mkstemp(prefix=f".~{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
