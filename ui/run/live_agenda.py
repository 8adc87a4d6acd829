"""The agenda while running: each item with its timing; Enter or double-click makes one live."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from ui.models.run_models import LiveAgendaModel


class LiveAgendaList(QListView):
    chosen = Signal(int)  # agenda item id to make live
    leave_requested = Signal()

    def __init__(self, model: LiveAgendaModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.agenda = model
        self._live_id: int | None = None
        self.setModel(model)
        self.setAccessibleName("Agenda")
        self.setAccessibleDescription("Press Enter on an item to make it the live item")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setSpacing(3)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.doubleClicked.connect(lambda index: self._choose(index.row()))
        model.modelReset.connect(self.show_live)
        model.dataChanged.connect(self.show_live)

    def _choose(self, row: int) -> None:
        item_id = self.agenda.id_at(row)
        if item_id is not None:
            self.chosen.emit(item_id)

    def show_live(self, *_) -> None:
        """When another item goes live, make it current and scroll to it (browsing is left alone otherwise)."""
        row = self.agenda.live_row()
        live_id = self.agenda.id_at(row) if row >= 0 else None
        if live_id == self._live_id and self.currentIndex().isValid():
            return
        self._live_id = live_id
        if row < 0:
            return
        index = self.agenda.index(row, 0)
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)

    def keyPressEvent(self, event) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers()
        if enter and self.currentIndex().isValid():
            self._choose(self.currentIndex().row())
            return
        if event.key() == Qt.Key.Key_Escape:
            self.leave_requested.emit()
            return
        super().keyPressEvent(event)
