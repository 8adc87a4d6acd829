"""Start the desktop app: one QApplication, the typed settings, the console window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from facilitator import __version__
from facilitator.resources import resource
from ui.main_window import APP_NAME, MainWindow
from ui.settings import Settings

DESKTOP_FILE = "org.facilitator.Facilitator"  # matches packaging/linux/*.desktop (Wayland uses it)
QUIT_AFTER = "FACILITATOR_QUIT_AFTER_MS"  # smoke tests of installers: start, show, quit cleanly


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0], *(argv or [])])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(DESKTOP_FILE)
    icon = resource("icons", "facilitator.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


class FileOpenHandler(QObject):
    """macOS sends a double-clicked document to the running app as an event, not an argument."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent) and event.file():
            self.window.open_path(event.file())
            return True
        return False


def run(files: list[str]) -> int:
    app = make_application()
    window = MainWindow(Settings())
    app.installEventFilter(FileOpenHandler(window))
    window.show_initially()
    if files:
        window.open_path(files[0])
    quit_after = os.environ.get(QUIT_AFTER, "")
    if quit_after.isdigit():
        QTimer.singleShot(int(quit_after), window.close)
    return app.exec()
