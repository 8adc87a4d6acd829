"""Small dialogs of the console. Every text a user typed is shown as plain text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator import templates
from ui.shortcuts import Shortcut, all_shortcuts


def show_error(parent: QWidget | None, message: str, title: str = "Facilitator") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAccessibleName(title)
    box.exec()


def confirm(parent: QWidget | None, message: str, title: str = "Facilitator") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, message,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


class TemplateDialog(QDialog):
    """Choose a template and a title: for a new partnership, or a new session in this one."""

    def __init__(self, parent: QWidget | None = None, *, for_session: bool = False, default_title: str = ""):
        super().__init__(parent)
        self.setWindowTitle("New session" if for_session else "New partnership")
        self.setMinimumWidth(520)
        self.templates = templates.available()
        self.template_box = QComboBox()
        self.template_box.setAccessibleName("Template")
        for template in self.templates:
            self.template_box.addItem(f"{template.name} ({template.planned_minutes} min)", template.slug)
        self.description = QLabel()
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.title_edit = QLineEdit(default_title)
        self.title_edit.setAccessibleName("Session title" if for_session else "Partnership title")
        self.title_edit.setPlaceholderText("e.g. Riverside Local Strategic Partnership")
        form = QFormLayout()
        form.addRow("&Template:", self.template_box)
        form.addRow("", self.description)
        form.addRow("Session &title:" if for_session else "Partnership &title:", self.title_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept_if_titled)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.template_box.currentIndexChanged.connect(self._describe)
        self._describe()
        self.for_session = for_session

    def _describe(self) -> None:
        self.description.setText(self.templates[self.template_box.currentIndex()].description)

    def _accept_if_titled(self) -> None:
        if self.for_session or self.title_edit.text().strip():
            self.accept()
        else:
            self.title_edit.setFocus()

    @property
    def slug(self) -> str:
        return self.template_box.currentData()

    @property
    def title(self) -> str:
        return self.title_edit.text().strip()


class _ShortcutModel(QAbstractTableModel):
    def __init__(self, shortcuts: list[Shortcut]):
        super().__init__()
        self._rows = shortcuts

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Keys", "What it does", "Where")[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        shortcut = self._rows[index.row()]
        keys = QKeySequence(shortcut.keys).toString(QKeySequence.SequenceFormat.NativeText) or shortcut.keys
        return (keys, shortcut.description, shortcut.section)[index.column()]


class ShortcutsDialog(QDialog):
    """The keyboard shortcuts help page: every shortcut of the app, from ui.shortcuts."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(720, 560)
        self.table = QTableView()
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setModel(_ShortcutModel(all_shortcuts()))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnToContents(0)
        self.table.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)


def facilitator_file_filter() -> str:
    return "Facilitator partnerships (*.facilitator);;All files (*)"


def with_suffix(path: str) -> Path:
    chosen = Path(path)
    return chosen if chosen.suffix else chosen.with_suffix(".facilitator")
