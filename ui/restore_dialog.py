"""File → Restore from backup…: pick one of a partnership's rolling backups; it becomes a new file.

The original is never overwritten, so a restore can never make things worse.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from facilitator.storage.backups import Backup

REASONS = {"open": "When opened", "interval": "While working", "close": "When closed"}


class BackupModel(QAbstractTableModel):
    HEADERS = ("Made", "When", "Sessions", "Contributions", "Partnership")

    def __init__(self, backups: list[Backup], parent=None):
        super().__init__(parent)
        self.backups = backups

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole) or not index.isValid():
            return None
        backup = self.backups[index.row()]
        local = backup.made_at.astimezone()
        return (
            local.strftime("%a %d %b %Y, %H:%M:%S"),
            REASONS.get(backup.reason, backup.reason),
            "?" if backup.sessions is None else str(backup.sessions),
            "?" if backup.contributions is None else str(backup.contributions),
            backup.title,
        )[index.column()]


class RestoreDialog(QDialog):
    def __init__(self, backups: list[Backup], file_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.resize(760, 420)
        intro = QLabel(f"Backups of “{file_name}”, newest first. The one you choose is copied to a new file; "
                       "the original is left as it is.")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.table = QTableView()
        self.table.setAccessibleName("Backups")
        self.table.setModel(BackupModel(backups, self))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        if backups:
            self.table.selectRow(0)
        self.table.doubleClicked.connect(self.accept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Restore as a new file…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    @property
    def chosen(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.model().backups[rows[0].row()] if rows else None
