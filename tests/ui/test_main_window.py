"""The console window: start page, opening files (good and hostile), titles, undo labels, copies."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from facilitator.operations import contributions, values
from facilitator.sample import write_sample
from facilitator.storage.partnership_file import PartnershipFile
from tests.ui.helpers import DialogWatcher
from ui.dialogs import ShortcutsDialog
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.shortcuts import COMMANDS


@pytest.fixture
def settings(tmp_path):
    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def window(qtbot, settings):
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture
def watcher():
    w = DialogWatcher()
    yield w
    w.stop()


@pytest.fixture
def sample_path(tmp_path):
    path = tmp_path / "riverside.facilitator"
    write_sample(path)
    return path


def test_starts_on_the_start_page(window):
    assert window.stack.currentWidget() is window.start_page
    assert window.windowTitle() == "Facilitator"
    assert not window.actions["undo"].isEnabled()


def test_open_the_sample_from_the_start_page(window, qtbot):
    qtbot.mouseClick(window.start_page.sample_button, Qt.MouseButton.LeftButton)
    assert window.document is not None
    assert window.windowTitle().startswith("Sample partnership")
    assert window.session_box.count() == 2
    assert window.stack.currentWidget() is window.workspace


def test_opening_a_file_shows_its_name_and_remembers_it(window, sample_path, settings):
    assert window.open_path(sample_path)
    assert window.windowTitle() == "riverside.facilitator — Facilitator"
    assert settings.recent_files[0] == str(sample_path.resolve())
    window.close_file()
    assert window.start_page.recent_model.rowCount() == 1


@pytest.mark.parametrize("content, words", [
    (b"", "not a Facilitator partnership"),
    (b"hello, I am a text file", "not a Facilitator partnership"),
])
def test_hostile_files_get_a_plain_dialog_and_the_app_keeps_running(window, tmp_path, watcher, qtbot, content, words):
    bad = tmp_path / "bad.facilitator"
    bad.write_bytes(content)
    assert not window.open_path(bad)
    qtbot.waitUntil(lambda: bool(watcher.messages))
    assert words in watcher.messages[0] and "bad.facilitator" in watcher.messages[0]
    assert bad.read_bytes() == content
    assert window.document is None and window.isVisible()


def test_a_file_open_elsewhere_is_refused_clearly(window, sample_path, watcher, qtbot):
    other = PartnershipFile.open(sample_path)
    try:
        assert not window.open_path(sample_path)
        qtbot.waitUntil(lambda: bool(watcher.messages))
        assert "already open" in watcher.messages[0]
    finally:
        other.close()


def test_opening_the_same_file_again_keeps_the_window(window, sample_path):
    assert window.open_path(sample_path)
    document = window.document
    assert window.open_path(sample_path)
    assert window.document is document


def test_undo_menu_text_follows_the_last_change(window, sample_path):
    window.open_path(sample_path)
    window.document.apply(values.add_value, text="Honesty")
    assert window.actions["undo"].text() == "&Undo Propose value “Honesty”"
    window.actions["undo"].trigger()
    assert window.actions["redo"].text() == "&Redo Propose value “Honesty”"
    assert window.actions["redo"].isEnabled() and not window.document.pf.scalar(
        "SELECT count(*) FROM value WHERE text = 'Honesty'")
    window.actions["redo"].trigger()
    assert window.document.pf.scalar("SELECT count(*) FROM value WHERE text = 'Honesty'") == 1


def test_core_errors_become_dialogs(window, sample_path, watcher, qtbot):
    window.open_path(sample_path)
    window.document.apply(contributions.add_contribution, session_id=999, text="x")
    qtbot.waitUntil(lambda: bool(watcher.messages))
    assert "no longer exists" in watcher.messages[0]


def test_save_a_copy(window, sample_path, tmp_path):
    window.open_path(sample_path)
    copy = window.save_copy_to(tmp_path / "copy.facilitator")
    assert copy is not None
    with PartnershipFile.open(copy) as pf:
        assert pf.scalar("SELECT count(*) FROM organisation") == 9
    assert window.document.path == sample_path


def test_new_partnership_from_a_template(window, tmp_path):
    path = tmp_path / "health.facilitator"
    assert window.create_partnership(path, title="Westbrook LSP", template="partnership-health-check")
    assert window.windowTitle().startswith("health.facilitator")
    assert window.document.pf.scalar("SELECT title FROM partnership") == "Westbrook LSP"
    assert window.document.pf.scalar("SELECT count(*) FROM health_prompt") == 16


def test_new_and_duplicate_session(window, sample_path):
    window.open_path(sample_path)
    window.add_session(template="values-and-offers", title="Third session")
    assert window.session_box.currentText() == "Third session"
    window.actions["duplicate_session"].trigger()
    assert window.session_box.currentText() == "Third session (next)"
    assert window.session_box.count() == 4


def test_dropping_a_file_opens_it(window, sample_path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sample_path))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    assert window.document is not None and Path(window.document.path) == sample_path


def test_read_only_file_says_so_and_disables_editing(window, sample_path, watcher, qtbot, monkeypatch):
    original = PartnershipFile.open
    monkeypatch.setattr(PartnershipFile, "open", classmethod(lambda cls, p, read_only=False: original(p, read_only=True)))
    window.open_path(sample_path)
    qtbot.waitUntil(lambda: bool(watcher.messages))
    assert "read-only" in watcher.messages[0]
    assert "[read-only]" in window.windowTitle()
    assert not window.actions["start"].isEnabled() and not window.actions["new_session"].isEnabled()


def test_window_layout_is_remembered(qtbot, settings):
    first = MainWindow(settings)
    qtbot.addWidget(first)
    assert first.first_run
    first.show()
    first.close()
    saved = settings.window_geometry
    assert not saved.isEmpty() and not settings.window_state.isEmpty()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    # The offscreen screen is only 800x600, so Qt clamps sizes; what matters is that the saved
    # layout is the one used, not the first-run default.
    assert not second.first_run
    assert second.restoreGeometry(saved)


def test_shortcuts_page_lists_every_menu_shortcut(qtbot):
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    model = dialog.table.model()
    listed = {model.index(r, 1).data() for r in range(model.rowCount())}
    assert {c.description for c in COMMANDS.values()} <= listed
    assert any("@" in model.index(r, 0).data() for r in range(model.rowCount()))


def test_presenting_from_the_console_follows_the_capture(window, sample_path, qtbot):
    window.open_path(sample_path)
    window.select_session(2)
    window.actions["start"].trigger()
    assert window.presenter.present_action.text()
    window.presenter.present_action.trigger()
    assert window.presenter.presenting and window.presenter.window is not None
    box = window.run_view.capture_box
    box.setFocus()
    qtbot.keyClicks(box, "bbb www typed while presenting")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.presenter.blank == ""  # B and W typed in the capture box are text, not commands
    window.presenter.refresh_now()
    assert "bbb www typed while presenting" in window.presenter.window.view.visible_items()
    window.presenter.stop()
    assert not window.presenter.presenting


def test_opening_makes_a_backup_and_a_later_change_another(window, sample_path, monkeypatch):
    from datetime import timedelta

    from facilitator.storage.backups import list_backups

    window.open_path(sample_path)
    assert [b.reason for b in list_backups(window.document.pf)] == ["open"]
    window.document.apply(values.add_value, text="Patience")
    window._backup_if_due()  # not yet due: five minutes have not passed
    assert len(list_backups(window.document.pf)) == 1
    window._last_backup -= timedelta(minutes=6)
    window._backup_if_due()
    backups = list_backups(window.document.pf)
    assert [b.reason for b in backups] == ["interval", "open"]
    with PartnershipFile.open(backups[0].path, read_only=True) as copy:
        assert copy.scalar("SELECT count(*) FROM value WHERE text = 'Patience'") == 1


def test_restore_from_backup_makes_a_new_file(window, sample_path, tmp_path):
    from facilitator.storage.backups import list_backups

    window.open_path(sample_path)
    window.document.apply(values.add_value, text="Only in the live file")
    backup = list_backups(window.document.pf)[0]
    restored = window.restore_backup_to(backup.path, tmp_path / "restored.facilitator")
    assert restored is not None and window.document.path == restored
    assert window.document.pf.scalar("SELECT count(*) FROM value WHERE text = 'Only in the live file'") == 0
    with PartnershipFile.open(sample_path) as original:
        assert original.scalar("SELECT count(*) FROM value WHERE text = 'Only in the live file'") == 1


def test_a_damaged_file_offers_its_backups(window, sample_path, tmp_path, qtbot):
    from ui.restore_dialog import RestoreDialog

    window.open_path(sample_path)
    window.close_file()
    data = bytearray(sample_path.read_bytes())
    data[len(data) // 2: len(data) // 2 + 4096] = b"\xff" * 4096
    sample_path.write_bytes(bytes(data))
    seen = []

    def answer(dialog):
        if isinstance(dialog, RestoreDialog):
            seen.append(dialog.table.model().rowCount())
            dialog.reject()

    watcher = DialogWatcher(answer=QMessageBox.StandardButton.Yes, handle_dialog=answer)
    try:
        assert not window.open_path(sample_path)
    finally:
        watcher.stop()
    assert "damaged" in watcher.messages[0] and "backups" in watcher.messages[1]
    assert seen and seen[0] >= 1


def test_a_full_disk_keeps_the_words_and_shows_a_way_out(window, tmp_path, watcher, qtbot):
    """SQLite reports 'full' for real once the file may not grow (max_page_count)."""
    path = tmp_path / "small.facilitator"
    write_sample(path)
    window.open_path(path)
    window.select_session(2)
    window.actions["start"].trigger()
    pf = window.document.pf
    pages = pf.scalar("PRAGMA page_count")
    pf.conn.execute(f"PRAGMA max_page_count = {pages}")
    box = window.run_view.capture_box
    box.setText("A long contribution " * 400)  # too big for the free space left in the file's pages
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(watcher.messages))
    assert "disk is full" in watcher.messages[0]
    assert box.text().startswith("A long contribution")  # nothing typed is lost
    assert window.write_banner.isVisible() and "Not saved" in window.write_banner.label.text()
    pf.conn.execute(f"PRAGMA max_page_count = {pages * 10}")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert not window.write_banner.isVisible() and box.text() == ""
