"""The partnership file's schema, as migration steps.

Each step ends by writing `user_version`, inside the same transaction as its DDL, so the version
in the header always matches the tables. `APPLICATION_ID` marks a file as ours in its header.
Deletions are declared with ON DELETE here and carried out by `journal.delete_row`, which reads
these declarations, so undo sees every cascaded row.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

APPLICATION_ID = 0x46434C54  # "FCLT"
SCHEMA_VERSION = 1

migrations = Migrations("facilitator")

_V1 = """
CREATE TABLE partnership (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE organisation (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    sector TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE participant (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisation(id) ON DELETE SET NULL,
    role TEXT NOT NULL DEFAULT '',
    access_needs TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE session (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    date TEXT NOT NULL DEFAULT '',
    start_time TEXT NOT NULL DEFAULT '',
    length_minutes INTEGER NOT NULL DEFAULT 0,
    venue TEXT NOT NULL DEFAULT '',
    facilitator TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'planned',
    live_agenda_item_id INTEGER,
    started_at TEXT,
    ended_at TEXT,
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE attendance (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    UNIQUE (session_id, participant_id)
) STRICT;

CREATE TABLE agenda_item (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'discussion',
    prompt TEXT NOT NULL DEFAULT '',
    planned_minutes INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    started_at TEXT,
    ended_at TEXT,
    run_started_at TEXT,
    elapsed_seconds INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL
) STRICT;
CREATE INDEX agenda_item_session ON agenda_item(session_id, position);

CREATE TABLE contribution (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_item(id) ON DELETE SET NULL,
    participant_id INTEGER REFERENCES participant(id) ON DELETE SET NULL,
    organisation_id INTEGER REFERENCES organisation(id) ON DELETE SET NULL,
    category TEXT,
    text TEXT NOT NULL,
    parked INTEGER NOT NULL DEFAULT 0 CHECK (parked IN (0, 1)),
    created_at TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;
CREATE INDEX contribution_session ON contribution(session_id, position);
CREATE INDEX contribution_item ON contribution(agenda_item_id, position);
CREATE INDEX contribution_participant ON contribution(participant_id);
CREATE INDEX contribution_organisation ON contribution(organisation_id);

CREATE TABLE value (
    id INTEGER PRIMARY KEY,
    session_id INTEGER REFERENCES session(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'proposed',
    why_notes TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE health_check (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    scale TEXT NOT NULL DEFAULT 'rag',
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE health_prompt (
    id INTEGER PRIMARY KEY,
    health_check_id INTEGER NOT NULL REFERENCES health_check(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;
CREATE INDEX health_prompt_check ON health_prompt(health_check_id, position);

CREATE TABLE health_rating (
    id INTEGER PRIMARY KEY,
    health_prompt_id INTEGER NOT NULL REFERENCES health_prompt(id) ON DELETE CASCADE,
    organisation_id INTEGER REFERENCES organisation(id) ON DELETE CASCADE,
    rating INTEGER,
    note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE UNIQUE INDEX health_rating_unique ON health_rating(health_prompt_id, IFNULL(organisation_id, 0));

CREATE TABLE decision (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_item(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    method TEXT NOT NULL DEFAULT 'consensus',
    agreement_level TEXT,
    agreement_counts TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'advisory',
    status_body TEXT NOT NULL DEFAULT '',
    influence TEXT,
    created_at TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE action (
    id INTEGER PRIMARY KEY,
    session_id INTEGER REFERENCES session(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    due_date TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open',
    contact_participant_id INTEGER REFERENCES participant(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE responsibility (
    id INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    UNIQUE (action_id, organisation_id)
) STRICT;

CREATE TABLE action_status_change (
    id INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    session_id INTEGER REFERENCES session(id) ON DELETE SET NULL,
    old_status TEXT NOT NULL,
    new_status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    changed_at TEXT NOT NULL
) STRICT;
"""

# Tables in dependency order: parents before children. Interchange and validation use it.
TABLES = (
    "partnership",
    "organisation",
    "participant",
    "session",
    "attendance",
    "agenda_item",
    "contribution",
    "value",
    "health_check",
    "health_prompt",
    "health_rating",
    "decision",
    "action",
    "responsibility",
    "action_status_change",
)

MIGRATIONS_TABLE = Migrations.migrations_table


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    for statement in _V1.split(";"):
        if statement.strip():
            db.execute(statement)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")


def apply_migrations(db: Database) -> None:
    """Bring a file up to SCHEMA_VERSION; each step is its own transaction."""
    migrations.apply(db)
