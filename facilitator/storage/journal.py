"""Row-level writes that remember each row's before and after image.

Every operation writes through an `Edit`, so undo and redo can replay any change, cascaded
deletions included, without each operation writing its own inverse.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from facilitator.changes import RowChange
from facilitator.errors import NotFoundError


@dataclass(frozen=True)
class ChildLink:
    """A foreign key pointing at a table: which child column, and what deletion does to it."""

    table: str
    column: str
    on_delete: str  # "CASCADE" or "SET NULL"


def read_child_links(conn: sqlite3.Connection, tables: tuple[str, ...]) -> dict[str, list[ChildLink]]:
    links: dict[str, list[ChildLink]] = {t: [] for t in tables}
    for child in tables:
        for row in conn.execute(f'PRAGMA foreign_key_list("{child}")'):
            parent, column, on_delete = row[2], row[3], row[6]
            links.setdefault(parent, []).append(ChildLink(child, column, on_delete.upper()))
    return links


class Edit:
    """One open transaction's writes. Created by `PartnershipFile.edit`; never held across calls."""

    def __init__(self, conn: sqlite3.Connection, child_links: dict[str, list[ChildLink]]):
        self._conn = conn
        self._links = child_links
        self.rows: list[RowChange] = []
        self.new_id: int | None = None

    # Reading inside the transaction -------------------------------------------------------

    def find(self, table: str, row_id: int | None) -> dict | None:
        if row_id is None:
            return None
        cursor = self._conn.execute(f'SELECT * FROM "{table}" WHERE id = ?', (row_id,))
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip((d[0] for d in cursor.description), row))

    def get(self, table: str, row_id: int | None, what: str | None = None) -> dict:
        row = self.find(table, row_id)
        if row is None:
            raise NotFoundError(f"That {what or table.replace('_', ' ')} no longer exists.")
        return row

    def select(self, sql: str, params: tuple = ()) -> list[dict]:
        cursor = self._conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor]

    def scalar(self, sql: str, params: tuple = ()):
        row = self._conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def next_position(self, table: str, scope: str | None = None, scope_id: int | None = None) -> int:
        if scope is None:
            value = self.scalar(f'SELECT max(position) FROM "{table}"')
        else:
            value = self.scalar(f'SELECT max(position) FROM "{table}" WHERE "{scope}" IS ?', (scope_id,))
        return 0 if value is None else value + 1

    # Writing ------------------------------------------------------------------------------

    def insert(self, table: str, values: dict) -> int:
        row_id = _insert(self._conn, table, values)
        after = self.get(table, row_id)
        self.rows.append(RowChange(table, row_id, None, after))
        return row_id

    def update(self, table: str, row_id: int, **values) -> bool:
        """Change some columns; returns False (and records nothing) when nothing differs."""
        before = self.get(table, row_id)
        if all(before.get(k) == v for k, v in values.items()):
            return False
        _update(self._conn, table, row_id, values)
        after = self.get(table, row_id)
        self.rows.append(RowChange(table, row_id, before, after))
        return True

    def delete(self, table: str, row_id: int) -> None:
        """Delete a row and carry out its ON DELETE rules ourselves, so every row is journalled."""
        before = self.get(table, row_id)
        for link in self._links.get(table, []):
            children = self.select(f'SELECT id FROM "{link.table}" WHERE "{link.column}" = ?', (row_id,))
            for child in children:
                if link.on_delete == "CASCADE":
                    self.delete(link.table, child["id"])
                else:
                    self.update(link.table, child["id"], **{link.column: None})
        self._conn.execute(f'DELETE FROM "{table}" WHERE id = ?', (row_id,))
        self.rows.append(RowChange(table, row_id, before, None))

    def move(self, table: str, row_id: int, to_index: int, scope: str | None = None) -> None:
        """Place a row at `to_index` among its siblings (same `scope` value), renumbering them."""
        row = self.get(table, row_id)
        if scope is None:
            siblings = self.select(f'SELECT id FROM "{table}" ORDER BY position, id')
        else:
            siblings = self.select(
                f'SELECT id FROM "{table}" WHERE "{scope}" IS ? ORDER BY position, id', (row[scope],)
            )
        ids = [s["id"] for s in siblings if s["id"] != row_id]
        to_index = max(0, min(to_index, len(ids)))
        ids.insert(to_index, row_id)
        for position, sibling_id in enumerate(ids):
            self.update(table, sibling_id, position=position)


def apply_row_change(conn: sqlite3.Connection, change: RowChange) -> None:
    """Make the row match `change.after` (used by undo and redo)."""
    if change.after is None:
        conn.execute(f'DELETE FROM "{change.table}" WHERE id = ?', (change.id,))
    elif change.before is None:
        _insert(conn, change.table, change.after)
    else:
        values = {k: v for k, v in change.after.items() if k != "id"}
        _update(conn, change.table, change.id, values)


def _insert(conn: sqlite3.Connection, table: str, values: dict) -> int:
    columns = ", ".join(f'"{c}"' for c in values)
    marks = ", ".join("?" for _ in values)
    cursor = conn.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', tuple(values.values()))
    return values.get("id", cursor.lastrowid)


def _update(conn: sqlite3.Connection, table: str, row_id: int, values: dict) -> None:
    assignments = ", ".join(f'"{c}" = ?' for c in values)
    conn.execute(f'UPDATE "{table}" SET {assignments} WHERE id = ?', (*values.values(), row_id))
