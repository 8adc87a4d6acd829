"""What the app shows with no partnership open: recent files and the ways to begin."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from ui.plain_text import tooltip_html


class StartPage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal()
    recent_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Start page")
        title = QLabel("Facilitator")
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        title.setFont(font)
        tagline = QLabel("Plan and run partnership workshops. Everything you type is saved as you go.")
        tagline.setTextFormat(Qt.TextFormat.PlainText)
        tagline.setWordWrap(True)

        self.new_button = self._button("&New partnership from a template…", "Create a new partnership file",
                                       self.new_requested)
        self.open_button = self._button("&Open a partnership…", "Open an existing partnership file",
                                        self.open_requested)
        self.sample_button = self._button("Open the &sample", "Open a fresh copy of the sample partnership",
                                          self.sample_requested)
        buttons = QVBoxLayout()
        for button in (self.new_button, self.open_button, self.sample_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        recent_label = QLabel("&Recent partnerships")
        recent_label.setTextFormat(Qt.TextFormat.PlainText)
        self.recent_model = QStandardItemModel(self)
        self.recent_view = QListView()
        self.recent_view.setModel(self.recent_model)
        self.recent_view.setAccessibleName("Recent partnerships")
        self.recent_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.recent_view.setSpacing(4)
        self.recent_view.setUniformItemSizes(True)
        list_font = QFont(self.recent_view.font())
        list_font.setPointSizeF(list_font.pointSizeF() * 1.15)
        self.recent_view.setFont(list_font)
        self.recent_view.activated.connect(lambda index: self.recent_chosen.emit(index.data(Qt.ItemDataRole.UserRole)))
        recent_label.setBuddy(self.recent_view)
        self.empty_hint = QLabel("No recent partnerships yet. Open the sample to look around.")
        self.empty_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_hint.setWordWrap(True)

        recent = QVBoxLayout()
        recent.addWidget(recent_label)
        recent.addWidget(self.recent_view, 1)
        recent.addWidget(self.empty_hint)

        columns = QHBoxLayout()
        columns.addLayout(buttons, 2)
        columns.addSpacing(32)
        columns.addLayout(recent, 3)

        page = QWidget()
        page.setMaximumWidth(1200)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.addWidget(title)
        layout.addWidget(tagline)
        layout.addSpacing(24)
        layout.addLayout(columns, 1)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addStretch(1)
        outer.addWidget(page, 12)
        outer.addStretch(1)

    def _button(self, text: str, description: str, signal) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAccessibleDescription(description)
        button.setMinimumHeight(44)
        button.clicked.connect(signal.emit)
        return button

    def set_recent_files(self, paths: list[str]) -> None:
        self.recent_model.clear()
        for path in paths:
            item = QStandardItem(f"{Path(path).stem}\n{Path(path).parent}")
            item.setData(path, Qt.ItemDataRole.UserRole)
            item.setToolTip(tooltip_html(path))
            item.setEditable(False)
            self.recent_model.appendRow(item)
        self.empty_hint.setVisible(not paths)
        if paths:
            self.recent_view.setCurrentIndex(self.recent_model.index(0, 0))
