"""The JSON form of a whole partnership: export, validate and import (all-or-nothing).

Documented in docs/json-format.md. Rows keep their ids so links survive; export is
deterministic (sorted keys, rows by id), so export → import → export gives identical bytes.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from types import MappingProxyType

from facilitator import domain
from facilitator.errors import FileExistsAlreadyError, InterchangeError
from facilitator.storage.partnership_file import PartnershipFile, build_atomically, utc_now
from facilitator.storage.schema import TABLES

FORMAT = "facilitator-partnership"
FORMAT_VERSION = 1

# JSON key for each table's list of rows.
SECTION = MappingProxyType({
    "organisation": "organisations",
    "participant": "participants",
    "session": "sessions",
    "attendance": "attendance",
    "agenda_item": "agenda_items",
    "contribution": "contributions",
    "value": "values",
    "health_check": "health_checks",
    "health_prompt": "health_prompts",
    "health_rating": "health_ratings",
    "decision": "decisions",
    "action": "actions",
    "responsibility": "responsibilities",
    "action_status_change": "action_status_changes",
})

# Coded columns and the vocabulary their values must come from.
_CODED = {
    ("organisation", "sector"): domain.SECTORS,
    ("attendance", "status"): domain.ATTENDANCE,
    ("session", "status"): domain.SESSION_STATUSES,
    ("agenda_item", "kind"): domain.ACTIVITY_KINDS,
    ("contribution", "category"): domain.CONTRIBUTION_CATEGORIES,
    ("value", "status"): domain.VALUE_STATUSES,
    ("health_check", "scale"): domain.HEALTH_SCALES,
    ("decision", "method"): domain.DECISION_METHODS,
    ("decision", "agreement_level"): domain.AGREEMENT_LEVELS,
    ("decision", "status"): domain.DECISION_STATUSES,
    ("decision", "influence"): domain.INFLUENCE,
    ("action", "status"): domain.ACTION_STATUSES,
    ("action_status_change", "old_status"): domain.ACTION_STATUSES,
    ("action_status_change", "new_status"): domain.ACTION_STATUSES,
    ("responsibility", "role"): domain.ROLES,
}
_BOOLEAN = {("contribution", "parked")}
_JSON_OBJECT = {("decision", "agreement_counts")}


# Export -----------------------------------------------------------------------------------------


def export_document(pf: PartnershipFile) -> dict:
    partnership = pf.row("SELECT title, description, created_at FROM partnership WHERE id = 1")
    document: dict = {"format": FORMAT, "version": FORMAT_VERSION, "partnership": partnership}
    for table, key in SECTION.items():
        rows = pf.rows(f'SELECT * FROM "{table}" ORDER BY id')
        document[key] = [_to_json_row(table, row) for row in rows]
    return document


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_json(pf: PartnershipFile, out: Path) -> None:
    """Write the JSON next to `out` first and rename, so a half-written export never replaces a good one."""
    out = Path(out)
    temp = out.with_name(f".~{out.name}.partial")
    try:
        temp.write_text(dumps(export_document(pf)), encoding="utf-8")
        temp.replace(out)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise InterchangeError(f"Could not write “{out.name}”: {error.strerror or error}.") from None


def _to_json_row(table: str, row: dict) -> dict:
    row = dict(row)
    for column in list(row):
        if (table, column) in _BOOLEAN:
            row[column] = bool(row[column])
        elif (table, column) in _JSON_OBJECT:
            row[column] = json.loads(row[column] or "{}")
    return row


# Import -----------------------------------------------------------------------------------------


def load_json(path: Path) -> dict:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InterchangeError(f"“{path.name}” does not exist.") from None
    except OSError as error:
        raise InterchangeError(f"Could not read “{path.name}”: {error.strerror or error}.") from None
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InterchangeError(f"“{path.name}” is not UTF-8 text, so it is not a partnership JSON file.") from None
    except json.JSONDecodeError as error:
        raise InterchangeError(
            f"“{path.name}” is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        ) from None


def import_document(document: object, target: Path) -> None:
    """Create `target` holding exactly the document's partnership. Nothing is left on failure."""
    _check_envelope(document)
    if Path(target).exists():
        raise FileExistsAlreadyError(target)
    build_atomically(Path(target), lambda conn: _fill(conn, document))


def _check_envelope(document: object) -> None:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InterchangeError(f"This JSON is not a Facilitator partnership (its “format” is not “{FORMAT}”).")
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise InterchangeError("This partnership JSON has no whole-number “version”.")
    if version > FORMAT_VERSION:
        raise InterchangeError(
            f"This partnership JSON is format version {version}, from a newer Facilitator; "
            f"this version reads up to {FORMAT_VERSION}. Please update Facilitator."
        )
    unknown = sorted(set(document) - {"format", "version", "partnership", *SECTION.values()})
    if unknown:
        raise InterchangeError(f"Unknown section(s) in the JSON: {', '.join(unknown)}.")
    if not isinstance(document.get("partnership"), dict):
        raise InterchangeError("The JSON has no “partnership” object.")


def _fill(conn: sqlite3.Connection, document: dict) -> None:
    columns = {table: _columns(conn, table) for table in TABLES}
    partnership = document["partnership"]
    _check_keys("partnership", 0, partnership, {"title", "description", "created_at"})
    title = partnership.get("title")
    if not isinstance(title, str) or not title.strip():
        raise InterchangeError("The partnership needs a non-blank “title”.")
    _insert(conn, "partnership", 0, {
        "id": 1,
        "title": title,
        "description": partnership.get("description", ""),
        "created_at": partnership.get("created_at", utc_now()),
    })
    for table, key in SECTION.items():
        rows = document.get(key, [])
        if not isinstance(rows, list):
            raise InterchangeError(f"“{key}” must be a list.")
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                raise InterchangeError(f"{key}[{index}] must be an object.")
            _check_keys(key, index, row, set(columns[table]))
            if not isinstance(row.get("id"), int) or isinstance(row.get("id"), bool):
                raise InterchangeError(f"{key}[{index}] needs a whole-number “id”.")
            _insert(conn, table, index, _from_json_row(table, key, index, row, columns[table]))


def _columns(conn: sqlite3.Connection, table: str) -> dict[str, tuple[bool, bool]]:
    """column -> (required, has_default)."""
    return {
        row[1]: (bool(row[3]), row[4] is not None)
        for row in conn.execute(f'PRAGMA table_info("{table}")')
    }


def _check_keys(section: str, index: int, row: dict, allowed: set[str]) -> None:
    unknown = sorted(set(row) - allowed)
    if unknown:
        raise InterchangeError(f"{section}[{index}] has unknown field(s): {', '.join(unknown)}.")


def _from_json_row(table: str, key: str, index: int, row: dict, columns: dict) -> dict:
    values = dict(row)
    where = f"{key}[{index}]"
    for column, (required, has_default) in columns.items():
        if column in values:
            continue
        if column == "position":
            values["position"] = index
        elif column in ("created_at", "changed_at"):
            values[column] = utc_now()
        elif required and not has_default:
            raise InterchangeError(f"{where} is missing “{column}”.")
    for column, value in list(values.items()):
        if (table, column) in _BOOLEAN:
            if not isinstance(value, bool):
                raise InterchangeError(f"{where}.{column} must be true or false.")
            values[column] = int(value)
        elif (table, column) in _JSON_OBJECT:
            values[column] = _agreement_counts(where, column, value)
        elif (table, column) in _CODED and value is not None and value not in _CODED[(table, column)]:
            allowed = ", ".join(_CODED[(table, column)])
            raise InterchangeError(f"{where}.{column} is “{value}”; expected one of: {allowed}.")
        elif isinstance(value, bool):
            raise InterchangeError(f"{where}.{column} must not be true or false.")
        elif isinstance(value, (dict, list, float)):
            raise InterchangeError(f"{where}.{column} must be text or a whole number.")
    return values


def _agreement_counts(where: str, column: str, value: object) -> str:
    if not isinstance(value, dict) or any(
        k not in domain.AGREEMENT_LEVELS or isinstance(n, bool) or not isinstance(n, int) or n < 0
        for k, n in value.items()
    ):
        raise InterchangeError(f"{where}.{column} must map agreement levels to whole numbers.")
    return json.dumps({level: value[level] for level in domain.AGREEMENT_LEVELS if value.get(level)})


def _insert(conn: sqlite3.Connection, table: str, index: int, values: dict) -> None:
    names = ", ".join(f'"{c}"' for c in values)
    marks = ", ".join("?" for _ in values)
    try:
        conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', tuple(values.values()))
    except sqlite3.IntegrityError as error:
        where = f"{SECTION.get(table, table)}[{index}]"
        raise InterchangeError(f"{where} cannot be imported: {_explain(error)}.") from None
    except (OverflowError, ValueError) as error:
        raise InterchangeError(f"{SECTION.get(table, table)}[{index}] has a value out of range ({error}).") from None


def _explain(error: sqlite3.IntegrityError) -> str:
    text = str(error)
    if "FOREIGN KEY" in text:
        return "it refers to a row that does not exist"
    if "UNIQUE" in text or "PRIMARY KEY" in text:
        return "its id (or combination of links) is used twice"
    if "cannot store" in text:
        return "a field has the wrong type (" + text + ")"
    if "NOT NULL" in text:
        return "a required field is empty (" + text + ")"
    return text



