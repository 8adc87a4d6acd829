"""Planning models: the existing row models, plus drag-and-drop reordering.

A drop never changes the model's rows itself. It only asks (`move_requested`) for the row to be
moved; the planning view runs the move operation, and the model then refreshes from the document's
Changes like after any other edit. That keeps the one write path (operations) intact.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal

from facilitator import domain
from ui.models.partnership_models import OrganisationModel, ParticipantModel
from ui.models.session_models import AgendaModel


class DragReorderMixin:
    """Rows can be dragged to a new place in the same list. Concrete classes declare
    `move_requested = Signal(int, int)` (row id, new index among the rows) and `mime_type`."""

    mime_type = "application/x-facilitator-row-ids"

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid():
            return flags | Qt.ItemFlag.ItemIsDragEnabled
        return flags | Qt.ItemFlag.ItemIsDropEnabled  # between rows only, never onto a row

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [self.mime_type]

    def mimeData(self, indexes) -> QMimeData:
        ids = []
        for index in indexes:
            row_id = self.id_at(index.row())
            if row_id is not None and row_id not in ids:
                ids.append(row_id)
        data = QMimeData()
        data.setData(self.mime_type, QByteArray(json.dumps(ids).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: QModelIndex | QPersistentModelIndex) -> bool:
        """`row` is where the drop landed (before that row; -1 means after the last row)."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(self.mime_type):
            return False
        try:
            ids = json.loads(bytes(data.data(self.mime_type)).decode())
        except ValueError:
            return False
        if not ids or not isinstance(ids[0], int):
            return False
        source = self.row_of_id(ids[0])
        if source < 0:
            return False  # not one of ours (another session, another list)
        target = parent.row() if parent.isValid() else row
        if target < 0 or target > self.rowCount():
            target = self.rowCount()
        to_index = target - 1 if source < target else target
        if to_index == source:
            return False
        self.move_requested.emit(ids[0], to_index)
        return True

    def removeRows(self, row: int, count: int, parent=QModelIndex()) -> bool:
        """After a move-drag the view asks to remove the dragged rows: rows go only by operations."""
        return False


class AgendaPlanModel(DragReorderMixin, AgendaModel):
    move_requested = Signal(int, int)
    mime_type = "application/x-facilitator-agenda-item-ids"


class OrganisationPlanModel(DragReorderMixin, OrganisationModel):
    move_requested = Signal(int, int)
    mime_type = "application/x-facilitator-organisation-ids"


class ParticipantPlanModel(DragReorderMixin, ParticipantModel):
    move_requested = Signal(int, int)
    mime_type = "application/x-facilitator-participant-ids"


def sector_summary(rows: list[dict]) -> str:
    """'9 organisations: Public sector 5 · Faith group 1 …' in the vocabulary's order."""
    if not rows:
        return "No organisations yet."
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["sector"]] = counts.get(row["sector"], 0) + 1
    order = [key for key in domain.SECTORS if key in counts] + sorted(k for k in counts if k not in domain.SECTORS)
    noun = "organisation" if len(rows) == 1 else "organisations"
    parts = " · ".join(f"{domain.label(domain.SECTORS, key)} {counts[key]}" for key in order)
    return f"{len(rows)} {noun}: {parts}"


def attendance_summary(rows: list[dict]) -> str:
    """'9 present, 2 apologies, 1 absent' (+ invited, not invited when there are any)."""
    counts = {"present": 0, "apologies": 0, "absent": 0, "invited": 0, None: 0}
    for row in rows:
        counts[row.get("status") if row.get("status") in counts else None] += 1
    parts = [f"{counts['present']} present", f"{counts['apologies']} apologies", f"{counts['absent']} absent"]
    if counts["invited"]:
        parts.append(f"{counts['invited']} invited, not yet marked")
    if counts[None]:
        parts.append(f"{counts[None]} not invited")
    return ", ".join(parts)
