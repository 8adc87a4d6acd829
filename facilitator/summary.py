"""A partnership at a glance: sessions, organisations by sector and counts (for `facilitator info`)."""

from __future__ import annotations

from facilitator import domain
from facilitator.storage.partnership_file import PartnershipFile
from facilitator.storage.schema import SCHEMA_VERSION

_COUNTED = {
    "organisations": "SELECT count(*) FROM organisation",
    "participants": "SELECT count(*) FROM participant",
    "sessions": "SELECT count(*) FROM session",
    "agenda_items": "SELECT count(*) FROM agenda_item",
    "contributions": "SELECT count(*) FROM contribution",
    "parked": "SELECT count(*) FROM contribution WHERE parked = 1",
    "values": "SELECT count(*) FROM value",
    "values_agreed": "SELECT count(*) FROM value WHERE status = 'agreed'",
    "health_checks": "SELECT count(*) FROM health_check",
    "health_ratings": "SELECT count(*) FROM health_rating",
    "decisions": "SELECT count(*) FROM decision",
    "actions": "SELECT count(*) FROM action",
    "actions_open": "SELECT count(*) FROM action WHERE status IN ('open', 'in_progress')",
    "responsibilities": "SELECT count(*) FROM responsibility",
}


def summarise(pf: PartnershipFile) -> dict:
    partnership = pf.row("SELECT title, description, created_at FROM partnership WHERE id = 1")
    sessions = pf.rows(
        "SELECT s.id, s.title, s.date, s.venue, s.status,"
        " (SELECT count(*) FROM agenda_item a WHERE a.session_id = s.id) AS agenda_items,"
        " (SELECT count(*) FROM contribution c WHERE c.session_id = s.id) AS contributions"
        " FROM session s ORDER BY s.position, s.id"
    )
    by_sector: dict[str, list[str]] = {}
    for org in pf.rows("SELECT name, sector FROM organisation ORDER BY position, id"):
        by_sector.setdefault(org["sector"], []).append(org["name"])
    return {
        "file": str(pf.path),
        "format_version": SCHEMA_VERSION,
        "partnership": partnership,
        "sessions": sessions,
        "organisations_by_sector": {s: by_sector[s] for s in domain.SECTORS if s in by_sector},
        "counts": {name: pf.scalar(sql) for name, sql in _COUNTED.items()},
    }


def format_summary(info: dict) -> str:
    lines = [info["partnership"]["title"], f"File: {info['file']} (format {info['format_version']})"]
    lines.append("")
    lines.append(f"Sessions ({len(info['sessions'])}):")
    for number, s in enumerate(info["sessions"], 1):
        status = domain.label(domain.SESSION_STATUSES, s["status"]).lower()
        when = s["date"] or "no date"
        lines.append(f"  {number}. {when}  {s['title']}  [{status}]  "
                     f"{s['agenda_items']} agenda items, {s['contributions']} contributions")
    organisations = sum(len(v) for v in info["organisations_by_sector"].values())
    lines += ["", f"Organisations by sector ({organisations}):"]
    for sector, names in info["organisations_by_sector"].items():
        lines.append(f"  {domain.label(domain.SECTORS, sector)} ({len(names)}): {', '.join(names)}")
    c = info["counts"]
    lines += [
        "",
        "Counts:",
        f"  participants {c['participants']}, contributions {c['contributions']} ({c['parked']} in the parking lot)",
        f"  values {c['values']} ({c['values_agreed']} agreed), decisions {c['decisions']}",
        f"  actions {c['actions']} ({c['actions_open']} open), responsibilities {c['responsibilities']}",
        f"  health checks {c['health_checks']} ({c['health_ratings']} ratings)",
    ]
    return "\n".join(lines)
