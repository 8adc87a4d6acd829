"""What an operation (or an undo) changed, so a UI refreshes only what it must."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowChange:
    """One row's before and after image; None on one side means inserted or deleted."""

    table: str
    id: int
    before: dict | None
    after: dict | None

    def inverted(self) -> "RowChange":
        return RowChange(self.table, self.id, self.after, self.before)


@dataclass(frozen=True)
class Changes:
    """Tables and row ids touched by one committed change. `new_id` is the row an add created."""

    label: str = ""
    inserted: dict[str, frozenset[int]] = field(default_factory=dict)
    updated: dict[str, frozenset[int]] = field(default_factory=dict)
    deleted: dict[str, frozenset[int]] = field(default_factory=dict)
    new_id: int | None = None

    @classmethod
    def from_rows(cls, label: str, rows: list[RowChange], new_id: int | None = None) -> "Changes":
        buckets: dict[str, dict[str, set[int]]] = {"inserted": {}, "updated": {}, "deleted": {}}
        for row in rows:
            kind = "inserted" if row.before is None else "deleted" if row.after is None else "updated"
            buckets[kind].setdefault(row.table, set()).add(row.id)
        frozen = {k: {t: frozenset(ids) for t, ids in v.items()} for k, v in buckets.items()}
        return cls(label=label, new_id=new_id, **frozen)

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(self.inserted) | frozenset(self.updated) | frozenset(self.deleted)

    def touches(self, *tables: str) -> bool:
        return any(t in self.tables for t in tables)

    def __bool__(self) -> bool:
        return bool(self.tables)
