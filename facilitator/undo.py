"""A Qt-free undo/redo stack of committed changes, each a list of row images.

The stack only stores history; `PartnershipFile` replays it inside a transaction. A UI shows
`undo_label`/`redo_label` and enables its menu items from `can_undo`/`can_redo`.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.changes import RowChange

DEFAULT_LIMIT = 1000


@dataclass(frozen=True)
class Command:
    label: str
    rows: tuple[RowChange, ...]

    def undo_rows(self) -> list[RowChange]:
        return [row.inverted() for row in reversed(self.rows)]

    def redo_rows(self) -> list[RowChange]:
        return list(self.rows)


class UndoStack:
    def __init__(self, limit: int = DEFAULT_LIMIT):
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._limit = limit

    def push(self, command: Command) -> None:
        self._done.append(command)
        del self._done[: -self._limit]
        self._undone.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    @property
    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    def peek_undo(self) -> Command | None:
        return self._done[-1] if self._done else None

    def peek_redo(self) -> Command | None:
        return self._undone[-1] if self._undone else None

    def mark_undone(self) -> None:
        self._undone.append(self._done.pop())

    def mark_redone(self) -> None:
        self._done.append(self._undone.pop())

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
