"""Decide whether a file on disk is a partnership we can open, without changing a byte of it.

The header is read as raw bytes first (SQLite magic, application_id, user_version), so a foreign
or newer file is refused before SQLite is even asked. Only then is the file opened read-only
(`mode=ro`) for `quick_check` and a look at its schema objects.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from facilitator.errors import (
    AlreadyOpenError,
    DamagedFileError,
    FileMissingError,
    ForeignSchemaError,
    NeedsRecoveryError,
    NewerVersionError,
    NotOursError,
    NotSQLiteError,
    PartnershipFileError,
)
from facilitator.storage.schema import APPLICATION_ID, MIGRATIONS_TABLE, SCHEMA_VERSION, TABLES

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


@dataclass(frozen=True)
class Header:
    application_id: int
    user_version: int
    page_size: int
    page_count: int


def read_header(path: Path) -> Header:
    """The fields of the SQLite header we rely on, or NotSQLiteError."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(HEADER_SIZE)
    except FileNotFoundError:
        raise FileMissingError(path) from None
    except IsADirectoryError:
        raise NotSQLiteError(path, "It is a folder.") from None
    except PermissionError:
        raise PartnershipFileError(path, "You do not have permission to read it.") from None
    if len(raw) < HEADER_SIZE or not raw.startswith(SQLITE_MAGIC):
        raise NotSQLiteError(path)
    page_size = struct.unpack(">H", raw[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    (page_count,) = struct.unpack(">I", raw[28:32])
    (user_version,) = struct.unpack(">i", raw[60:64])
    (application_id,) = struct.unpack(">i", raw[68:72])
    return Header(application_id & 0xFFFFFFFF, user_version, page_size, page_count)


def is_writable_location(path: Path) -> bool:
    """SQLite's rollback journal lives beside the file, so the folder must be writable too."""
    folder = path.parent if str(path.parent) else Path(".")
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK | os.X_OK)


def readonly_uri(path: Path) -> str:
    return Path(os.path.abspath(path)).as_uri() + "?mode=ro"


def validate_existing(path: Path) -> Header:
    """Raise the precise PartnershipFileError for anything wrong; return the header if all is well."""
    header = _checked_header(path)
    if _recover_hot_journal(path):
        # The rollback rewrote the file, header included: judge what is there now.
        header = _checked_header(path)
    _check_contents(path)
    return header


def _checked_header(path: Path) -> Header:
    header = read_header(path)
    if header.application_id != APPLICATION_ID:
        raise NotOursError(path)
    if header.user_version > SCHEMA_VERSION:
        raise NewerVersionError(
            path,
            f"It uses file format {header.user_version}; this version understands up to "
            f"{SCHEMA_VERSION}. Please update Facilitator to open it.",
        )
    return header


def _recover_hot_journal(path: Path) -> bool:
    """A journal left by a crash must be rolled back before a read-only look can succeed.

    That rollback restores the last committed state, which is what the user last saw saved.
    Returns whether SQLite was given the chance to roll back (a journal was there).
    """
    journal = Path(str(path) + "-journal")
    try:
        if journal.stat().st_size == 0 or not is_writable_location(path):
            return False
    except FileNotFoundError:
        return False
    try:
        conn = sqlite3.connect(path, timeout=0.3)
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError as error:
        if "locked" in str(error):
            raise AlreadyOpenError(path) from None
        raise DamagedFileError(path, f"SQLite said: {error}.") from None
    except sqlite3.DatabaseError as error:
        raise DamagedFileError(path, f"SQLite said: {error}.") from None
    return True


def _check_contents(path: Path) -> None:
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True, timeout=0.3)
    except sqlite3.Error as error:
        raise DamagedFileError(path, f"SQLite said: {error}.") from None
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA cell_size_check = ON")
        problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise DamagedFileError(path, f"SQLite found: {_first_problem(problems)}.")
        objects = conn.execute(
            "SELECT type, name FROM sqlite_schema WHERE type IN ('trigger', 'view', 'table')"
        ).fetchall()
    except sqlite3.OperationalError as error:
        if "locked" in str(error):
            raise AlreadyOpenError(path) from None
        if "readonly" in str(error) and _has_journal(path):
            raise NeedsRecoveryError(path) from None
        raise DamagedFileError(path, f"SQLite said: {error}.") from None
    except sqlite3.DatabaseError as error:
        raise DamagedFileError(path, f"SQLite said: {error}.") from None
    finally:
        conn.close()
    foreign = sorted(f"{kind} “{name}”" for kind, name in objects if kind in ("trigger", "view"))
    if foreign:
        raise ForeignSchemaError(path, "Found: " + ", ".join(foreign[:5]) + ".")
    tables = {name for kind, name in objects if kind == "table"}
    allowed = set(TABLES) | {MIGRATIONS_TABLE}
    unknown = sorted(t for t in tables - allowed if not t.startswith("sqlite_"))
    if unknown:
        raise ForeignSchemaError(path, "Unknown tables: " + ", ".join(unknown[:5]) + ".")
    missing = [t for t in TABLES if t not in tables]
    if missing:
        raise DamagedFileError(path, "Missing tables: " + ", ".join(missing[:5]) + ".")


def _has_journal(path: Path) -> bool:
    journal = Path(str(path) + "-journal")
    return journal.exists() and journal.stat().st_size > 0


def _first_problem(problems: list[str]) -> str:
    """quick_check packs many lines into one row; a message for people gets the first real one."""
    lines = [line for p in problems for line in p.splitlines() if line.strip() and not line.startswith("***")]
    return lines[0].rstrip(".") if lines else "an unreadable part"


def deep_check(path: Path) -> list[str]:
    """Everything `facilitator check` looks at beyond opening: full integrity and broken links."""
    validate_existing(path)
    conn = sqlite3.connect(readonly_uri(path), uri=True, timeout=0.3)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} points to a missing {parent}")
        if conn.execute("SELECT count(*) FROM partnership").fetchone()[0] != 1:
            problems.append("the partnership's own details are missing")
    except sqlite3.OperationalError as error:
        if "locked" in str(error):
            raise AlreadyOpenError(path) from None
        raise DamagedFileError(path, f"SQLite said: {error}.") from None
    except sqlite3.DatabaseError as error:
        raise DamagedFileError(path, f"SQLite said: {error}.") from None
    finally:
        conn.close()
    return problems
