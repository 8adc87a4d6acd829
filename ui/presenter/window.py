"""The presentation window: frameless, full screen, one painted view, no menus, no dialogs.

It watches the mouse only to hide the pointer after a moment of stillness. Keys that a
presentation clicker sends (Page Up/Down, arrows, B, W, Esc, F5) work here too: the controller's
actions are added to this window, and paging is handled below. Digits 1–7 pin a view, so a
facilitator on a single screen can switch without going back to the console.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QCursor, QKeyEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.presenter.view import BoardView

CURSOR_IDLE_MS = 2000
PAGE_BACK = (Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Up)
PAGE_ON = (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Space)


class PresenterWindow(QWidget):
    closed = Signal()  # the window was closed by the system (Alt+F4): presenting stops
    digit_pressed = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setWindowTitle("Facilitator — presentation")
        self.setAccessibleName("Presentation screen")
        self.setAccessibleDescription("What the room sees on the projector")
        self.setObjectName("presenterWindow")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view = BoardView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(CURSOR_IDLE_MS)
        self._idle.timeout.connect(self.hide_cursor)

    # The pointer ----------------------------------------------------------------------------------

    @property
    def cursor_hidden(self) -> bool:
        return self.cursor().shape() == Qt.CursorShape.BlankCursor

    def hide_cursor(self) -> None:
        self.setCursor(QCursor(Qt.CursorShape.BlankCursor))

    def wake_cursor(self) -> None:
        if self.cursor_hidden:
            self.unsetCursor()
        self._idle.start()

    def mouseMoveEvent(self, event) -> None:
        self.wake_cursor()
        super().mouseMoveEvent(event)

    def enterEvent(self, event) -> None:
        self.wake_cursor()
        super().enterEvent(event)

    def showEvent(self, event) -> None:
        self._idle.start()
        super().showEvent(event)

    # Keys -----------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
        elif key in PAGE_BACK:
            self.view.turn_page(-1)
        elif key in PAGE_ON:
            self.view.turn_page(1)
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            self.digit_pressed.emit(int(key) - int(Qt.Key.Key_0))
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ToolTip, QEvent.Type.WhatsThis):
            return True  # nothing pops up on the projector
        return super().event(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.hide()
        self.closed.emit()
