"""Start the desktop app: one QApplication, the typed settings, the console window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from facilitator import __version__
from ui.main_window import APP_NAME, MainWindow
from ui.settings import Settings


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0], *(argv or [])])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName(APP_NAME)
    return app


def run(files: list[str]) -> int:
    app = make_application()
    window = MainWindow(Settings())
    window.show_initially()
    if files:
        window.open_path(files[0])
    return app.exec()
