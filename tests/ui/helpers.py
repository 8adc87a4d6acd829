"""Helpers for UI tests: answer real modal dialogs as a person would (recording what they said), and type."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox


class DialogWatcher:
    """Polls for modal dialogs; message boxes are recorded and answered with `answer`."""

    def __init__(self, answer=QMessageBox.StandardButton.Ok, handle_dialog=None):
        self.messages: list[str] = []
        self.answer = answer
        self.handle_dialog = handle_dialog
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, QMessageBox):
            self.messages.append(widget.text())
            button = widget.button(self.answer) or widget.button(QMessageBox.StandardButton.Ok)
            (button or widget.defaultButton()).click()
        elif isinstance(widget, QDialog) and self.handle_dialog is not None:
            self.handle_dialog(widget)

    def stop(self) -> None:
        self.timer.stop()


def type_keys(widget, text: str) -> None:
    """Type `text` into `widget` one key press at a time, as a keyboard (or an input method) would.

    QTest.keyClicks only knows ASCII (any other character aborts the process with a failed
    assertion in qasciikey.cpp), so other characters arrive as key events carrying their text.
    """
    for char in text:
        if char.isascii() and char.isprintable():
            QTest.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
