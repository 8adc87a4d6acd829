"""Partnership files made for exercising the PDF: large, many-script and hostile.

Used by the tests and by `benchmarks/pdf_export.py`. Each builder writes a real partnership file
through the JSON import (all or nothing), so what is exported is exactly what a user could have.
"""

from __future__ import annotations

from pathlib import Path

from facilitator import domain
from facilitator.interchange import FORMAT, FORMAT_VERSION, import_document

# Strings that must print literally (ARCHITECTURE.md rule 7).
HOSTILE = (
    '<img src="/etc/passwd" width="400" height="400"/>',
    '<a href="https://example.invalid/steal">click me</a>',
    "<font size=300>HUGE</font>",
    "&bogus; &amp; &#0; &lt;",
    "<b>unbalanced bold",
    "</para><para>closing tags</i></b>",
    '<link href="javascript:alert(1)">x</link>',
    "<onDraw name=boom/>",
    "back\\slash and ${template} and %(dict)s",
)
SCRIPTS = {
    "welsh": "Croeso i’r bartneriaeth: ŵ ŷ Ŵ Ŷ â ê",
    "polish": "Zażółć gęślą jaźń: ł ż Ł Ż",
    "greek": "Καλημέρα σε όλους",
    "cyrillic": "Добро пожаловать, партнёры",
    "arabic": "مرحبا بكم في الشراكة (المجلس والصحة)",
    "urdu": "ہماری اقدار ہمیں راستہ دکھاتی ہیں۔",
    "bengali": "আমাদের মূল্যবোধ গুরুত্বপূর্ণ",
    "punjabi": "ਸਤਿ ਸ੍ਰੀ ਅਕਾਲ",
    "gujarati": "નમસ્તે મિત્રો",
    "hindi": "नमस्ते दुनिया",
    "tamil": "வணக்கம்",
    "hebrew": "שלום לכולם",
    "unsupported": "Thai สวัสดี, Chinese 你好, emoji 👍🏽",
}
LONG_WORD = "Supercalifragilistic" * 40  # 800 letters, no space


def _base(title: str) -> dict:
    return {"format": FORMAT, "version": FORMAT_VERSION,
            "partnership": {"title": title, "description": "", "created_at": "2026-01-05T09:00:00.000+00:00"}}


def _when(day: int, minute: int = 0) -> str:
    return f"2026-03-{day:02d}T{9 + minute // 60:02d}:{minute % 60:02d}:00.000+00:00"


def large_document(*, organisations: int = 20, actions: int = 40, contributions: int = 1000,
                   people_per_organisation: int = 2, title: str = "Northshire Health and Wellbeing Partnership") -> dict:
    """Three sessions; the second (id 2) is the big one: `contributions` contributions, `actions`
    actions spread over `organisations` organisations, health checks rated by organisation in
    sessions 1 and 2 (for a trend), decisions, values, a parking lot and carried actions."""
    doc = _base(title)
    sectors = list(domain.SECTORS)
    names = ["Borough Council", "NHS Foundation Trust", "Police", "Fire and Rescue", "College", "Housing Association",
             "Council for Voluntary Service", "Food Bank", "Tenants’ Federation", "Interfaith Forum",
             "Chamber of Commerce", "Youth Club", "Carers’ Centre", "Mosque Committee", "Parish Church",
             "Citizens Advice", "Women’s Aid", "Primary Schools Network", "Leisure Trust", "Library Service"]
    doc["organisations"] = [
        {"id": i, "name": f"Northshire {names[(i - 1) % len(names)]}" + (f" {i}" if i > len(names) else ""),
         "sector": sectors[(i - 1) % len(sectors)], "position": i - 1}
        for i in range(1, organisations + 1)
    ]
    people = []
    for o in range(1, organisations + 1):
        for k in range(people_per_organisation):
            pid = len(people) + 1
            people.append({"id": pid, "name": f"Person {pid} {['Jones', 'Wójcik', 'Ahmed', 'Evans', 'Nowak'][pid % 5]}",
                           "organisation_id": o, "role": "Partnership lead" if k == 0 else "Officer",
                           "position": pid - 1})
    people.append({"id": len(people) + 1, "name": "Resident volunteer", "organisation_id": None, "role": "",
                   "position": len(people)})
    doc["participants"] = people
    doc["sessions"] = [
        {"id": 1, "title": "Getting started", "date": "2026-01-12", "start_time": "10:00", "length_minutes": 120,
         "venue": "Civic Centre", "facilitator": "Sam Carter", "status": "finished", "position": 0},
        {"id": 2, "title": "Review and shared actions", "date": "2026-03-02", "start_time": "09:30",
         "length_minutes": 240, "venue": "Community Hall", "facilitator": "Sam Carter", "status": "finished",
         "position": 1},
        {"id": 3, "title": "Next steps", "date": "2026-05-04", "start_time": "14:00", "length_minutes": 120,
         "venue": "Library, Room 2", "facilitator": "Sam Carter", "status": "planned", "position": 2},
    ]
    doc["attendance"] = [
        {"id": n + 1, "session_id": 2, "participant_id": p["id"],
         "status": "apologies" if n % 9 == 4 else "present"} for n, p in enumerate(people)
    ]
    kinds = ["welcome", "round", "round", "discussion", "values", "health_check", "decisions", "actions", "next_steps"]
    titles = ["Welcome", "What each individual brings", "What each organisation brings", "Why values matter",
              "Our values", "Health check", "Decisions", "Shared responsibilities", "Next steps"]
    items = [{"id": n + 1, "session_id": 2, "title": t, "kind": k, "prompt": f"Prompt for {t.lower()}?",
              "planned_minutes": 20, "elapsed_seconds": 1100 + 60 * n, "started_at": _when(2, n * 20),
              "ended_at": _when(2, n * 20 + 19), "position": n} for n, (t, k) in enumerate(zip(titles, kinds))]
    items.append({"id": len(items) + 1, "session_id": 1, "title": "Health check", "kind": "health_check",
                  "planned_minutes": 30, "position": 0})
    doc["agenda_items"] = items
    categories = list(domain.CONTRIBUTION_CATEGORIES) + [None]
    contribs = []
    for n in range(contributions):
        person = people[n % len(people)] if n % 7 else None
        contribs.append({
            "id": n + 1, "session_id": 2, "agenda_item_id": (n % 9) + 1,
            "participant_id": person["id"] if person else None,
            "organisation_id": person["organisation_id"] if person else None,
            "category": categories[n % len(categories)],
            "text": f"Contribution {n + 1}: we can offer training, rooms and links to existing initiatives "
                    f"across the borough{' — and a longer thought that wraps onto a second line' * (n % 3)}.",
            "parked": n % 97 == 0, "created_at": _when(2, n % 200), "position": n,
        })
    doc["contributions"] = contribs
    doc["values"] = [{"id": n + 1, "session_id": 2 if n < 5 else 1, "text": f"Value {n + 1}: respect and openness",
                      "status": "agreed" if n != 2 else "proposed", "why_notes": "Because it matters to us.",
                      "position": n} for n in range(7)]
    prompts = ["Recognising power imbalance", "How we reach consensus", "Parameters of influence",
               "Style of meetings", "Independence of the VCS"]
    doc["health_checks"] = [{"id": 1, "session_id": 1, "title": "Partnership health check", "scale": "rag",
                             "position": 0},
                            {"id": 2, "session_id": 2, "title": "Partnership health check", "scale": "rag",
                             "position": 0}]
    doc["health_prompts"] = [{"id": c * 10 + n, "health_check_id": c, "text": t, "position": n}
                             for c in (1, 2) for n, t in enumerate(prompts)]
    ratings = []
    for c in (1, 2):
        for n in range(len(prompts)):
            prompt_id = c * 10 + n
            if n != 3:
                ratings.append({"id": len(ratings) + 1, "health_prompt_id": prompt_id, "organisation_id": None,
                                "rating": (n + c) % 3 + 1, "note": "Group view." if n == 0 else ""})
            for o in range(1, organisations + 1):
                ratings.append({"id": len(ratings) + 1, "health_prompt_id": prompt_id, "organisation_id": o,
                                "rating": (o + n + c) % 3 + 1, "note": "Needs work." if o == 2 and n == 1 else ""})
    doc["health_ratings"] = ratings
    doc["decisions"] = [{"id": n + 1, "session_id": 2, "agenda_item_id": 7, "text": f"Decision {n + 1}: adopt the plan.",
                         "method": list(domain.DECISION_METHODS)[n % 4],
                         "agreement_level": list(domain.AGREEMENT_LEVELS)[n % 8],
                         "agreement_counts": {"endorse": 5 + n, "abstain": 1},
                         "status": list(domain.DECISION_STATUSES)[n % 3], "status_body": "LSP Board" if n % 3 == 1 else "",
                         "created_at": _when(2, 100 + n), "position": n} for n in range(6)]
    acts, resp = [], []
    for n in range(actions):
        acts.append({"id": n + 1, "session_id": 2, "text": f"Action {n + 1}: map what each partner already offers "
                     "and agree who follows up", "due_date": "2026-04-30", "status": "open",
                     "created_at": _when(2, 150), "position": n})
        lead = n % organisations + 1
        resp.append({"id": len(resp) + 1, "action_id": n + 1, "organisation_id": lead, "role": "lead"})
        for k in range(1, 1 + n % 4):  # every fourth action has a single organisation: not shared
            resp.append({"id": len(resp) + 1, "action_id": n + 1,
                         "organisation_id": (lead + 3 * k - 1) % organisations + 1, "role": "support"})
    for n in range(3):  # carried from session 1
        aid = actions + n + 1
        acts.append({"id": aid, "session_id": 1, "text": f"Earlier action {n + 1}", "due_date": "2026-02-20",
                     "status": "in_progress" if n else "open", "created_at": _when(1), "position": aid - 1})
        resp.append({"id": len(resp) + 1, "action_id": aid, "organisation_id": 1, "role": "lead"})
    doc["actions"] = acts
    doc["responsibilities"] = resp
    doc["action_status_changes"] = [{"id": 1, "action_id": actions + 2, "session_id": 1, "old_status": "open",
                                     "new_status": "in_progress", "note": "Started.", "changed_at": _when(20)}]
    return doc


def hostile_document() -> dict:
    """A partnership whose every text field is hostile markup, odd scripts or very long."""
    doc = _base(HOSTILE[0] + " " + SCRIPTS["welsh"])
    texts = list(HOSTILE) + list(SCRIPTS.values()) + [
        LONG_WORD, "Line one\nLine two\n\nLine four after a blank line",
        "Control\x00chars\x07and\x1bescapes\u202eRTL override\u200bzero width",
        "Noncharacter \uffff and private use \ue000 and tag \U000e0041",
    ]
    doc["organisations"] = [{"id": n + 1, "name": t[:200], "sector": list(domain.SECTORS)[n % 6], "position": n}
                            for n, t in enumerate(texts)]
    doc["participants"] = [{"id": n + 1, "name": t[:120], "organisation_id": n + 1, "role": texts[-1 - n][:200],
                            "position": n} for n, t in enumerate(texts)]
    doc["sessions"] = [
        {"id": 1, "title": HOSTILE[2] + " earlier", "date": "2026-01-01", "status": "finished", "position": 0},
        {"id": 2, "title": HOSTILE[4] + " " + SCRIPTS["polish"], "date": "not a date <b>", "start_time": "",
         "venue": HOSTILE[1], "facilitator": HOSTILE[3] + " " + SCRIPTS["greek"], "status": "finished", "position": 1},
        {"id": 3, "title": HOSTILE[5], "date": "2026-12-01", "venue": SCRIPTS["arabic"], "position": 2},
    ]
    doc["attendance"] = [{"id": n + 1, "session_id": 2, "participant_id": n + 1,
                          "status": "apologies" if n % 5 == 0 else "present"} for n in range(len(texts))]
    doc["agenda_items"] = [{"id": n + 1, "session_id": 2, "title": t[:300], "kind": list(domain.ACTIVITY_KINDS)[n % 10],
                            "prompt": texts[-1 - n], "planned_minutes": 10, "elapsed_seconds": 600, "position": n}
                           for n, t in enumerate(texts[:8])]
    doc["agenda_items"].append({"id": 9, "session_id": 2, "title": "Why values matter", "kind": "discussion",
                                "position": 8})
    doc["contributions"] = [{"id": n + 1, "session_id": 2, "agenda_item_id": (n % 9) + 1,
                             "participant_id": (n + 1) if n % 3 else None, "organisation_id": (n + 1) if n % 3 else None,
                             "text": t, "parked": n % 6 == 5, "created_at": _when(2, n), "position": n}
                            for n, t in enumerate(texts)]
    doc["values"] = [{"id": n + 1, "session_id": 2, "text": t, "status": "agreed" if n % 2 else "proposed",
                      "why_notes": texts[-1 - n], "position": n} for n, t in enumerate(texts)]
    doc["health_checks"] = [{"id": 1, "session_id": 1, "title": HOSTILE[6], "scale": "five", "position": 0},
                            {"id": 2, "session_id": 2, "title": HOSTILE[6], "scale": "five", "position": 0}]
    doc["health_prompts"] = [{"id": c * 100 + n, "health_check_id": c, "text": t, "position": n}
                             for c in (1, 2) for n, t in enumerate(texts[:10])]
    doc["health_ratings"] = [{"id": len(texts) * c + n + 1, "health_prompt_id": c * 100 + n, "organisation_id": None,
                              "rating": (n + c) % 5 + 1, "note": texts[-1 - n]} for c in (1, 2) for n in range(10)]
    doc["health_ratings"] += [{"id": 1000 + n, "health_prompt_id": 200 + n, "organisation_id": n + 1,
                               "rating": n % 5 + 1, "note": texts[n]} for n in range(10)]
    huge = (HOSTILE[0] + " a long decision text that goes on and on ") * 120  # taller than a page in a table cell
    doc["decisions"] = [{"id": n + 1, "session_id": 2, "text": t, "method": "majority", "status": "recommendation",
                         "status_body": texts[-1 - n], "created_at": _when(2), "position": n}
                        for n, t in enumerate(texts[:6] + [huge])]
    doc["actions"] = [{"id": n + 1, "session_id": 2 if n < 12 else 1, "text": t, "due_date": "",
                       "status": "open", "created_at": _when(2), "position": n} for n, t in enumerate(texts)]
    doc["responsibilities"] = [{"id": n + 1, "action_id": n + 1, "organisation_id": n + 1, "role": "lead"}
                               for n in range(len(texts))]
    doc["responsibilities"] += [{"id": 100 + n, "action_id": n + 1, "organisation_id": (n + 1) % len(texts) + 1,
                                 "role": "support"} for n in range(0, len(texts), 2)]
    doc["action_status_changes"] = [{"id": 1, "action_id": len(texts), "session_id": 2, "old_status": "open",
                                     "new_status": "in_progress", "note": HOSTILE[0], "changed_at": _when(3)}]
    return doc


def scripts_document() -> dict:
    """A small partnership whose session carries one contribution per script, for extraction tests."""
    doc = _base("Partneriaeth Caerdydd — ŵ ŷ")
    doc["organisations"] = [{"id": 1, "name": "Cyngor Caerdydd", "sector": "public", "position": 0}]
    doc["participants"] = [{"id": 1, "name": "Łucja Żak", "organisation_id": 1, "position": 0}]
    doc["sessions"] = [{"id": 1, "title": "Gweithdy ŵ ŷ", "date": "2026-03-02", "status": "finished", "position": 0}]
    doc["attendance"] = [{"id": 1, "session_id": 1, "participant_id": 1, "status": "present"}]
    doc["agenda_items"] = [{"id": 1, "session_id": 1, "title": "Croeso", "kind": "welcome", "position": 0}]
    doc["contributions"] = [{"id": n + 1, "session_id": 1, "agenda_item_id": 1, "participant_id": 1,
                             "organisation_id": 1, "text": f"{key}: {text}", "created_at": _when(2), "position": n}
                            for n, (key, text) in enumerate(SCRIPTS.items())]
    return doc


def write(document: dict, path: Path | str) -> Path:
    import_document(document, Path(path))
    return Path(path)
