"""A banner that stays while the disk refuses writes: what happened, and the way out (a copy elsewhere).

Dialogs vanish when dismissed; a full disk does not. What was typed stays where it was typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton


class WriteFailureBanner(QFrame):
    save_copy_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Saving problem")
        self.setObjectName("write_banner")
        self.setStyleSheet("#write_banner { background: #fff4ce; border-bottom: 2px solid #8a6d00; }"
                           "#write_banner QLabel { color: #3d3000; }")
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.copy_button = QPushButton("Save a &copy elsewhere…")
        self.copy_button.setAccessibleName("Save a copy elsewhere")
        self.copy_button.clicked.connect(self.save_copy_requested)
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setAccessibleName("Dismiss the saving problem")
        self.dismiss_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.copy_button)
        layout.addWidget(self.dismiss_button)
        self.hide()

    def show_failure(self, message: str) -> None:
        self.label.setText(f"⚠ Not saved: {message} What you typed is still on screen; "
                           "try again when there is space, or save a copy on another drive.")
        self.show()
