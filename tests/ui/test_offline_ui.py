"""The desktop app works offline: a whole session under the socket block, and no Qt network module.

One test starts the console, opens a partnership, runs a session (start, capture, next item,
propose a value), presents it and exports the PDF summary, all under the block.

tests/conftest.py blocks Python-level sockets for every test (tests/offline.py). Qt's own C++
network classes would not pass through Python, so this also checks that QtNetwork is never
loaded: without it, Qt cannot make a network request on our behalf.
"""

from __future__ import annotations

import sys

from pypdf import PdfReader
from PySide6.QtCore import Qt

from facilitator.sample import write_sample
from tests.offline import GUARD
from ui.main_window import MainWindow
from ui.settings import Settings


def test_open_run_present_export_and_close_make_no_network_attempt(qtbot, tmp_path):
    path = tmp_path / "riverside.facilitator"
    write_sample(path)
    window = MainWindow(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        assert window.open_path(path)
        window.select_session(2)
        window.actions["start"].trigger()
        box = window.run_view.capture_box
        box.setFocus()
        qtbot.keyClicks(box, "Typed in a hall with no wireless")
        qtbot.keyClick(box, Qt.Key.Key_Return)
        texts = [r["text"] for r in window.document.pf.rows("SELECT text FROM contribution")]
        assert "Typed in a hall with no wireless" in texts
        qtbot.keyClick(box, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # next item
        qtbot.keyClicks(box, "Said under the second item")
        qtbot.keyClick(box, Qt.Key.Key_Return)
        board = window.run_view.values_board
        qtbot.keyClicks(board.propose_box, "Offline by default")
        qtbot.keyClick(board.propose_box, Qt.Key.Key_Return)
        window.presenter.present_action.trigger()
        window.presenter.refresh_now()
        window.presenter.stop()
        pdf = tmp_path / "summary.pdf"
        export = window.export_pdf_to(pdf, offer_to_open=False)
        with qtbot.waitSignal(export.finished, timeout=60000):
            pass
        window.close_file()
    finally:
        window.close()
    assert GUARD.installed and GUARD.attempts == []
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    for typed in ("Typed in a hall with no wireless", "Said under the second item", "Offline by default"):
        assert typed in text
    assert "PySide6.QtNetwork" not in sys.modules, (
        "QtNetwork was loaded; Facilitator must never use the network. If a local-only class "
        "(QLocalServer) is really needed, check for QNetworkAccessManager use instead."
    )
