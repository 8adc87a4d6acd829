"""A list of contributions (the live item's, or the parking lot) with keyboard actions to tidy them.

Edit (F2 or Enter), move to another item (Ctrl+M), park or take out (Ctrl+Shift+P), merge
(Ctrl+J) and delete (Delete; Ctrl+Z brings it back, so there is no confirmation). Each action
is also in the context menu, and each goes through an operation on the document.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QListView, QMenu, QWidget

from facilitator.operations import contributions
from ui.document import Document
from ui.models.run_models import LiveAgendaModel, NameModel, RunContributionModel, contribution_meta
from ui.plain_text import one_line
from ui.run.cards import CardDelegate
from ui.run.contribution_dialog import ContributionDialog

PARK_KEYS = "Ctrl+Shift+P"


class ContributionList(QListView):
    leave_requested = Signal()  # Escape: back to the capture box

    def __init__(
        self,
        document: Document,
        model: RunContributionModel,
        agenda: LiveAgendaModel,
        names: NameModel,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.document = document
        self.contributions = model
        self.agenda = agenda
        self.names = names
        self.parked = model.parked
        self.edit_dialog: ContributionDialog | None = None
        self.move_menu: QMenu | None = None
        self.setModel(model)
        self.setAccessibleName("Parking lot" if self.parked else "Contributions to this item")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        heading = self._parked_heading if self.parked else contribution_meta
        self.setItemDelegate(CardDelegate(self, heading=heading, body=lambda r: r["text"]))
        self._make_actions()
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.selectionModel().selectionChanged.connect(self._update_actions)
        model.modelReset.connect(self._update_actions)
        self._update_actions()

    def _parked_heading(self, row: dict) -> str:
        found = self.agenda.row_dict(self.agenda.row_of_id(row["agenda_item_id"]))
        origin = f"from “{one_line(found['title'], 40)}”" if found else "not under an item"
        return f"{contribution_meta(row)} · {origin}"

    # Actions --------------------------------------------------------------------------------------

    def _action(self, text: str, keys: list[str], slot) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.edit_action = self._action("Edit words, speaker or category…", ["F2"], self.edit_current)
        self.move_action = self._action("Move to another item…", ["Ctrl+M"], self.show_move_menu)
        park_text = "Take out of the parking lot" if self.parked else "Move to the parking lot"
        self.park_action = self._action(park_text, [PARK_KEYS], self.toggle_parked)
        self.merge_action = self._action("Merge selected", ["Ctrl+J"], self.merge_selected)
        self.delete_action = self._action("Delete", ["Delete"], self.delete_selected)

    def _update_actions(self) -> None:
        count = len(self.selected_ids())
        for action in (self.edit_action, self.move_action, self.park_action, self.delete_action):
            action.setEnabled(count > 0)
        self.merge_action.setEnabled(count >= 2)

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.build_context_menu()
        menu.popup(self.viewport().mapToGlobal(pos))

    def build_context_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setAccessibleName("Contribution actions")
        menu.addAction(self.edit_action)
        menu.addMenu(self.build_move_menu(menu, "Move to item (Ctrl+M)"))
        menu.addAction(self.park_action)
        menu.addAction(self.merge_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        return menu

    def build_move_menu(self, parent: QWidget | None = None, title: str = "Move to item") -> QMenu:
        """Every agenda item of the session; the one the contributions are under is greyed out."""
        menu = QMenu(title, parent or self)
        menu.setAccessibleName("Move to item")
        here = None if self.parked else self.contributions.agenda_item_id
        for number, row in enumerate(self.agenda.rows, start=1):
            action = menu.addAction(f"{number}. {one_line(row['title'], 60)}")
            action.setEnabled(row["id"] != here and bool(self.selected_ids()))
            action.triggered.connect(lambda _=False, item_id=row["id"]: self.move_selected_to(item_id))
        return menu

    # Selection ------------------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.selectionModel().selectedIndexes()})
        return [self.contributions.id_at(r) for r in rows if self.contributions.id_at(r) is not None]

    def current_row(self) -> dict | None:
        index = self.currentIndex()
        row = self.contributions.row_dict(index.row()) if index.isValid() else None
        if row is None or row["id"] not in self.selected_ids():
            ids = self.selected_ids()
            row = self.contributions.row_dict(self.contributions.row_of_id(ids[0])) if ids else None
        return row

    def select_row(self, row: int) -> None:
        count = self.contributions.rowCount()
        if count == 0:
            return
        index = self.contributions.index(max(0, min(row, count - 1)), 0)
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)

    def select_last(self) -> None:
        self.select_row(self.contributions.rowCount() - 1)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def scroll_to_newest(self) -> None:
        """After the layout catches up, so a tall new card is fully in view."""
        QTimer.singleShot(0, self, self.scrollToBottom)

    # Operations -------------------------------------------------------------------------------------

    def edit_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        dialog = self.edit_dialog = ContributionDialog(row, self.names, self)
        dialog.accepted.connect(lambda: self._save_edit(dialog))
        dialog.finished.connect(lambda _: self.setFocus(Qt.FocusReason.OtherFocusReason))
        dialog.open()

    def _save_edit(self, dialog: ContributionDialog) -> None:
        changed = dialog.changes()
        if changed:
            self.document.apply(contributions.update_contribution, contribution_id=dialog.row["id"], **changed)
            self.select_row(self.contributions.row_of_id(dialog.row["id"]))

    def show_move_menu(self) -> None:
        if not self.selected_ids():
            return
        self.move_menu = self.build_move_menu()
        rect = self.visualRect(self.currentIndex()) if self.currentIndex().isValid() else self.viewport().rect()
        self.move_menu.popup(self.viewport().mapToGlobal(rect.bottomLeft()))

    def move_selected_to(self, agenda_item_id: int) -> None:
        row = self.currentIndex().row()
        for contribution_id in self.selected_ids():
            if self.document.apply(contributions.move_contribution, contribution_id=contribution_id,
                                   agenda_item_id=agenda_item_id) is None:
                break
        self.select_row(row)

    def toggle_parked(self) -> None:
        row = self.currentIndex().row()
        for contribution_id in self.selected_ids():
            if self.document.apply(contributions.set_parked, contribution_id=contribution_id,
                                   parked=not self.parked) is None:
                break
        self.select_row(row)

    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) < 2:
            return
        if self.document.apply(contributions.merge_contributions, contribution_ids=ids) is not None:
            self.select_row(self.contributions.row_of_id(ids[0]))

    def delete_selected(self) -> None:
        row = self.currentIndex().row()
        for contribution_id in self.selected_ids():
            if self.document.apply(contributions.delete_contribution, contribution_id=contribution_id) is None:
                break
        self.select_row(row)

    # Keys -------------------------------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.edit_current()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.leave_requested.emit()
            return
        super().keyPressEvent(event)
