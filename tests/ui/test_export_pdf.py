"""File → Export summary PDF…: a real file dialog, a worker thread, and a PDF read back."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox

from facilitator.sample import write_sample
from tests.ui.helpers import DialogWatcher
from ui.main_window import MainWindow
from ui.settings import Settings


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "riverside.facilitator"
    write_sample(path)
    win = MainWindow(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(win)
    win.show()
    win.open_path(path)
    win.select_session(1)
    yield win
    win.close()


def test_export_from_the_file_menu(window, qtbot, tmp_path):
    target = tmp_path / "handout.pdf"

    def fill_in(dialog):
        if isinstance(dialog, QFileDialog):  # type the name, as a person would, then Save
            dialog.findChild(QLineEdit, "fileNameEdit").setText(str(target))
            dialog.accept()

    watcher = DialogWatcher(answer=QMessageBox.StandardButton.No, handle_dialog=fill_in)
    try:
        action = window.actions["export_pdf"]
        assert action.isEnabled() and action.text() == "&Export summary PDF…"
        action.trigger()
        qtbot.waitUntil(lambda: target.exists() and bool(watcher.messages), timeout=60000)
    finally:
        watcher.stop()
    assert "Open it now?" in watcher.messages[-1]
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Values and offers" in text and "Who took part" in text and "Shared responsibilities" in text
    assert action.isEnabled()


def test_console_keeps_working_while_exporting(window, qtbot, tmp_path):
    export = window.export_pdf_to(tmp_path / "a.pdf", offer_to_open=False)
    fractions = []
    export.progressed.connect(fractions.append)
    assert export.running
    window.run_view.capture_box.setText("typed while exporting")  # the UI thread is free
    with qtbot.waitSignal(export.finished, timeout=60000):
        pass
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert fractions and fractions[-1] == 1.0


def test_export_failure_is_a_plain_message(window, qtbot, tmp_path):
    watcher = DialogWatcher()
    try:
        export = window.export_pdf_to(tmp_path / "no-such-folder" / "x.pdf", offer_to_open=False)
        with qtbot.waitSignal(export.failed, timeout=60000):
            pass
        qtbot.waitUntil(lambda: bool(watcher.messages))
    finally:
        watcher.stop()
    assert "x.pdf" in watcher.messages[0]
    assert window.actions["export_pdf"].isEnabled()


def test_closing_during_an_export_waits_for_it(window, qtbot, tmp_path):
    export = window.export_pdf_to(tmp_path / "late.pdf", offer_to_open=False)
    assert export.running
    window.close()  # used to abort the process: "QThread: Destroyed while thread is still running"
    assert not export._thread or not export._thread.isRunning()
