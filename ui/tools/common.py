"""Small pieces the tool pages share: plain labels, buttons, quiet operation calls, a capture line.

Why here and not in ui/plan or ui/run: those packages belong to their views; these helpers keep
the tool pages reading alike without reaching into another view's internals.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QPushButton, QSplitter, QWidget

from facilitator.changes import Changes
from ui.document import Document
from ui.plain_text import LINE_MAX_LENGTH
from ui.run.cards import scaled

ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def plain_label(text: str = "", *, name: str, wrap: bool = True, bold: bool = False, scale: float = 1.0,
                buddy: QWidget | None = None, parent: QWidget | None = None) -> QLabel:
    """A label that never interprets what it shows as markup (user text is plain text everywhere)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # PlainText still shows a &mnemonic for a buddy
    label.setText(text)
    label.setWordWrap(wrap)
    label.setAccessibleName(name)
    if bold or scale != 1.0:
        label.setFont(scaled(label.font(), scale, bold=bold))
    if buddy is not None:
        label.setBuddy(buddy)
    return label


def heading(text: str, *, buddy: QWidget | None = None, parent: QWidget | None = None) -> QLabel:
    """A section heading; with a buddy, its &letter takes the keyboard there."""
    return plain_label(text, name=text.replace("&", ""), wrap=False, bold=True, scale=1.05, buddy=buddy, parent=parent)


def button(text: str, tip: str, slot: Callable[[], None], parent: QWidget | None = None) -> QPushButton:
    found = QPushButton(text, parent)
    found.setAccessibleName(text.replace("&", "").split(" (")[0])
    found.setToolTip(tip)  # our own words, never the user's
    found.setAccessibleDescription(tip)
    found.clicked.connect(lambda _checked=False: slot())
    return found


def apply(document: Document, operation: Callable[..., Changes], /, **kwargs) -> tuple[Changes | None, str]:
    """Run an operation and also hand back the refusal, so a page can show it beside the field.

    The main window still hears `failed` and shows it in its status bar.
    """
    messages: list[str] = []
    document.failed.connect(messages.append)
    try:
        changes = document.apply(operation, **kwargs)
    finally:
        document.failed.disconnect(messages.append)
    return changes, (messages[0] if messages else "")


class CaptureLine(QLineEdit):
    """A line that submits on Enter, completes on Enter/Tab when suggestions are open, and lets
    Ctrl+Z undo the last change to the file when it has no typing of its own to undo."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMaxLength(LINE_MAX_LENGTH)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab and self._popup_open():
            self._complete_current()
            event.accept()
            return True
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if (event.matches(QKeySequence.StandardKey.Undo) and not self.isUndoAvailable()) or (
                    event.matches(QKeySequence.StandardKey.Redo) and not self.isRedoAvailable()):
                event.ignore()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in ENTER and plain:
            event.accept()
            if self._popup_open():
                self._complete_current()  # the completer then hides its list; nothing is stored yet
            else:
                self.submitted.emit()
            return
        super().keyPressEvent(event)

    def _popup_open(self) -> bool:
        completer = self.completer()
        return completer is not None and completer.popup().isVisible()

    def _complete_current(self) -> None:
        """Take the highlighted suggestion, or the first one when none is highlighted."""
        completer: QCompleter = self.completer()
        index = completer.popup().currentIndex()
        if not index.isValid():
            index = completer.completionModel().index(0, 0)
        if index.isValid():
            self.setText(completer.pathFromIndex(completer.completionModel().mapToSource(index)))
        completer.popup().hide()

    def clear_after_store(self) -> None:
        """setText forgets the line's own typing history, so Ctrl+Z next undoes the stored change."""
        self.setText("")


class ShareSplitter(QSplitter):
    """A splitter that keeps its panes at given shares of its width until the person drags it.

    Why: fixed pixel sizes read well at 1920 pixels and clip at 1366; shares read well at both.
    """

    def __init__(self, shares: tuple[float, ...], parent: QWidget | None = None,
                 orientation: Qt.Orientation = Qt.Orientation.Horizontal):
        super().__init__(orientation, parent)
        self.shares = shares
        self.user_sized = False
        self.setChildrenCollapsible(False)
        self.splitterMoved.connect(self._moved)

    def _moved(self, *_args) -> None:
        self.user_sized = True

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self.user_sized and self.count() == len(self.shares):
            total = self.width() if self.orientation() == Qt.Orientation.Horizontal else self.height()
            self.setSizes([round(total * share) for share in self.shares])
