"""The open partnership as the UI sees it: runs operations, reports errors, announces Changes.

Widgets call `document.apply(operation, **kwargs)`; models listen to `changed` and refresh only
when the Changes name their tables. Nothing here writes SQL.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal

from facilitator.changes import Changes
from facilitator.errors import FacilitatorError
from facilitator.storage.partnership_file import PartnershipFile


class Document(QObject):
    changed = Signal(object)  # Changes
    failed = Signal(str)  # a message for people
    undo_state_changed = Signal()

    def __init__(self, pf: PartnershipFile, parent: QObject | None = None):
        super().__init__(parent)
        self.pf = pf

    @property
    def path(self):
        return self.pf.path

    @property
    def read_only(self) -> bool:
        return self.pf.read_only

    def apply(self, operation: Callable[..., Changes], /, **kwargs) -> Changes | None:
        """Run one operation; on an expected error, say so and return None."""
        try:
            changes = operation(self.pf, **kwargs)
        except FacilitatorError as error:
            self.failed.emit(str(error))
            return None
        self._announce(changes)
        return changes

    def undo(self) -> Changes | None:
        return self._replay(self.pf.undo)

    def redo(self) -> Changes | None:
        return self._replay(self.pf.redo)

    def _replay(self, step: Callable[[], Changes]) -> Changes | None:
        try:
            changes = step()
        except FacilitatorError as error:
            self.failed.emit(str(error))
            return None
        self._announce(changes)
        return changes

    def _announce(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)
        self.undo_state_changed.emit()

    @property
    def undo_label(self) -> str | None:
        return self.pf.history.undo_label

    @property
    def redo_label(self) -> str | None:
        return self.pf.history.redo_label

    def close(self) -> None:
        self.pf.close()
