"""The facilitator's console window: files, sessions, the Plan and Run views, menus and undo.

It owns the one open Document. Errors from the core become plain-text dialogs and the app keeps
running; everything typed is already saved, so closing never asks to save.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QProgressDialog,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from facilitator.errors import DamagedFileError, FacilitatorError, NeedsRecoveryError
from facilitator.operations import sessions as session_ops
from facilitator.sample import fresh_sample_copy
from facilitator.storage.backups import due_for_backup, list_backups, make_backup, restore_backup
from facilitator.storage.partnership_file import FILE_SUFFIX, PartnershipFile
from facilitator.templates import add_session_from_template
from ui.dialogs import ShortcutsDialog, TemplateDialog, confirm, facilitator_file_filter, show_error, with_suffix
from ui.document import Document
from ui.models.partnership_models import SessionModel
from ui.pdf_export import PdfExport
from ui.plan_view import PlanView
from ui.presenter.controller import PresenterController
from ui.restore_dialog import RestoreDialog
from ui.write_banner import WriteFailureBanner
from ui.run_view import RunView
from ui.tools.actions_page import ActionsPage
from ui.tools.decisions_page import DecisionsPage
from ui.tools.health_page import HealthCheckPage
from ui.tools.review_offer import ReviewOffer
from ui.tools.voice_balance import VoiceBalancePanel
from ui.settings import Settings
from ui.shortcuts import COMMANDS
from ui.start_page import StartPage

APP_NAME = "Facilitator"
BACKUP_CHECK_MS = 30_000  # how often to ask whether a backup is due (one is due every five minutes of change)


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.document: Document | None = None
        self.session_id: int | None = None
        self.setAcceptDrops(True)
        self.setMinimumSize(1000, 640)

        self.start_page = StartPage()
        self.session_model = SessionModel()
        self.session_box = QComboBox()
        self.session_box.setAccessibleName("Session")
        self.session_box.setModel(self.session_model)
        self.session_box.setModelColumn(1)
        self.session_box.setMinimumContentsLength(28)
        self.session_box.currentIndexChanged.connect(self._session_chosen)
        self.read_only_label = QLabel()
        self.read_only_label.setTextFormat(Qt.TextFormat.PlainText)
        self.read_only_label.setAccessibleName("Read-only notice")

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Plan, run and partnership tools")
        self.plan_view: PlanView | None = None
        self.run_view: RunView | None = None
        self.actions_page: ActionsPage | None = None
        self.decisions_page: DecisionsPage | None = None
        self.health_page: HealthCheckPage | None = None
        self.voice_panel: VoiceBalancePanel | None = None
        self.review_offer: ReviewOffer | None = None
        self.workspace = QWidget()
        self.workspace_layout = QVBoxLayout(self.workspace)
        self.workspace_layout.setContentsMargins(0, 0, 0, 0)
        self.workspace_layout.addWidget(self.tabs, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_page)
        self.stack.addWidget(self.workspace)
        self.write_banner = WriteFailureBanner()
        self.write_banner.save_copy_requested.connect(self.save_copy)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.write_banner)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._last_backup = None
        self._changed_since_backup = False
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(self._backup_if_due)
        self.backup_timer.start()

        self.actions: dict[str, QAction] = {}
        self._build_actions()
        self.presenter = PresenterController(settings, self, self)
        self._build_menus()
        self._build_toolbar()
        self.start_page.new_requested.connect(self.new_partnership)
        self.start_page.open_requested.connect(self.open_dialog)
        self.start_page.sample_requested.connect(self.open_sample)
        self.start_page.recent_chosen.connect(self.open_path)
        self._show_start_page()
        self._update_title()
        self._update_actions()
        self._update_undo_actions()
        self._restore_layout()

    # Actions and menus ----------------------------------------------------------------------------

    def _action(self, name: str, handler, *, needs_file: bool = False, text: str | None = None) -> QAction:
        command = COMMANDS[name]
        action = QAction(text or command.description, self)
        action.setShortcut(QKeySequence(command.keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(handler)
        action.setProperty("needs_file", needs_file)
        self.actions[name] = action
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self._action("new", self.new_partnership, text="&New partnership from a template…")
        self._action("open", self.open_dialog, text="&Open…")
        self._action("save_copy", self.save_copy, needs_file=True, text="Save a &copy as…")
        self._action("export_pdf", self.export_pdf, needs_file=True, text="&Export summary PDF…")
        self._action("close", self.close_file, needs_file=True, text="&Close partnership")
        self._action("quit", self.close, text="&Quit")
        self._action("undo", self.undo, needs_file=True, text="&Undo")
        self._action("redo", self.redo, needs_file=True, text="&Redo")
        self.actions["redo"].setShortcuts([QKeySequence(COMMANDS["redo"].keys), QKeySequence("Ctrl+Y")])
        self._action("plan", lambda: self.tabs.setCurrentIndex(0), needs_file=True, text="&Plan")
        self._action("run", lambda: self._show_run(), needs_file=True, text="&Run")
        self._action("actions", lambda: self.tabs.setCurrentIndex(2), needs_file=True, text="&Actions")
        self._action("decisions", lambda: self.tabs.setCurrentIndex(3), needs_file=True, text="&Decisions")
        self._action("health", lambda: self.tabs.setCurrentIndex(4), needs_file=True, text="Health chec&k")
        self._action("voice", lambda: self.tabs.setCurrentIndex(5), needs_file=True, text="V&oice balance")
        self._action("new_session", self.new_session, needs_file=True, text="&New session from a template…")
        self._action("duplicate_session", self.duplicate_session, needs_file=True, text="&Duplicate as next session")
        self._action("start", lambda: self._run_command("start_session"), needs_file=True, text="&Start or resume session")
        self._action("next", lambda: self._run_command("next_item"), needs_file=True, text="Ne&xt item")
        self._action("previous", lambda: self._run_command("previous_item"), needs_file=True, text="&Previous item")
        self._action("finish", self.finish_session, needs_file=True, text="&Finish session")
        self._action("capture", lambda: self._run_command("focus_capture"), needs_file=True, text="&Capture box")
        self._action("help", self.show_shortcuts, text="&Keyboard shortcuts")
        self.delete_session_action = QAction("De&lete session…", self)
        self.delete_session_action.triggered.connect(self.delete_session)
        self.delete_session_action.setProperty("needs_file", True)
        self.restore_action = QAction("Restore from &backup…", self)
        self.restore_action.triggered.connect(lambda: self.restore_from_backup())
        self.restore_action.setProperty("needs_file", True)
        self.sample_action = QAction("Open the &sample", self)
        self.sample_action.triggered.connect(self.open_sample)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        files = bar.addMenu("&File")
        files.addActions([self.actions["new"], self.actions["open"], self.sample_action])
        self.recent_menu = files.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        files.addSeparator()
        files.addActions([self.actions["save_copy"], self.actions["export_pdf"], self.restore_action,
                          self.actions["close"]])
        files.addSeparator()
        files.addAction(self.actions["quit"])
        edit = bar.addMenu("&Edit")
        edit.addActions([self.actions["undo"], self.actions["redo"]])
        view = bar.addMenu("&View")
        view.addActions([self.actions[name] for name in ("plan", "run", "actions", "decisions", "health", "voice")])
        view.addSeparator()
        view.addAction(self.actions["capture"])
        session = bar.addMenu("&Session")
        session.addActions([self.actions["new_session"], self.actions["duplicate_session"], self.delete_session_action])
        session.addSeparator()
        session.addActions([self.actions[n] for n in ("start", "previous", "next", "finish")])
        present = bar.addMenu("Presen&t")
        present.addActions(self.presenter.actions())
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.actions["help"])

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Session")
        toolbar.setObjectName("session_toolbar")
        toolbar.setMovable(False)
        label = QLabel("Session:")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setBuddy(self.session_box)
        toolbar.addWidget(label)
        toolbar.addWidget(self.session_box)
        toolbar.addSeparator()
        toolbar.addAction(self.actions["start"])
        toolbar.addAction(self.actions["previous"])
        toolbar.addAction(self.actions["next"])
        toolbar.addSeparator()
        toolbar.addWidget(self.read_only_label)
        self.toolbar = toolbar
        self.addToolBar(toolbar)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not self.settings.recent_files:
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    # Files ----------------------------------------------------------------------------------------

    def open_path(self, path: str | Path) -> bool:
        path = Path(path)
        if self.document is not None and Path(self.document.path).resolve() == path.resolve():
            self.raise_()
            self.activateWindow()
            return True
        try:
            pf = PartnershipFile.open(path)
        except FacilitatorError as error:
            show_error(self, str(error), "Could not open the partnership")
            if not path.exists():
                self.settings.remove_recent_file(path)
                self.start_page.set_recent_files(self.settings.recent_files)
            if isinstance(error, (DamagedFileError, NeedsRecoveryError)) and list_backups(path):
                if confirm(self, f"There are backups of “{path.name}”. Restore one as a new file?", "Restore"):
                    self.restore_from_backup(path)
            return False
        self._set_document(Document(pf))
        self._back_up("open")
        self.settings.add_recent_file(path)
        self.settings.last_folder = str(path.parent)
        if pf.read_only:
            show_error(self, f"“{path.name}” is open read-only. {pf.read_only_reason}\n\n"
                             "You can look at everything. To make changes, use File → Save a copy as…",
                       "Read-only")
        return True

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a partnership", self.settings.last_folder,
                                              facilitator_file_filter())
        if path:
            self.open_path(path)

    def open_sample(self) -> None:
        try:
            path = fresh_sample_copy()
        except (OSError, FacilitatorError) as error:
            show_error(self, f"Could not make a copy of the sample: {error}")
            return
        self.open_path(path)

    def new_partnership(self) -> None:
        dialog = TemplateDialog(self)
        if dialog.exec() != TemplateDialog.DialogCode.Accepted:
            return
        suggested = str(Path(self.settings.last_folder or Path.home()) / f"{dialog.title}{FILE_SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(self, "Save the new partnership as", suggested, facilitator_file_filter())
        if path:
            self.create_partnership(with_suffix(path), title=dialog.title, template=dialog.slug)

    def create_partnership(self, path: Path, *, title: str, template: str) -> bool:
        try:
            if path.exists():
                path.unlink()  # the save dialog already asked whether to replace it
            with PartnershipFile.create(path, title=title) as pf:
                add_session_from_template(pf, template=template)
        except (FacilitatorError, OSError) as error:
            show_error(self, str(error), "Could not create the partnership")
            return False
        return self.open_path(path)

    def save_copy(self) -> None:
        if self.document is None:
            return
        current = Path(self.document.path)
        suggested = str(current.with_name(f"{current.stem} copy{FILE_SUFFIX}"))
        path, _ = QFileDialog.getSaveFileName(self, "Save a copy as", suggested, facilitator_file_filter())
        if path:
            self.save_copy_to(with_suffix(path))

    def save_copy_to(self, path: Path) -> Path | None:
        try:
            return self.document.pf.save_copy(path)
        except FacilitatorError as error:
            show_error(self, str(error), "Could not save a copy")
            return None

    def export_pdf(self) -> None:
        if self.document is None or self.session_id is None:
            return
        row = self.session_model.row_dict(self.session_model.row_of_id(self.session_id)) or {}
        name = f"{row.get('title') or 'Session'} summary.pdf".replace("/", "-").replace("\\", "-")
        folder = Path(self.settings.last_folder or Path(self.document.path).parent)
        path, _ = QFileDialog.getSaveFileName(self, "Export the session summary", str(folder / name), "PDF (*.pdf)")
        if path:
            self.export_pdf_to(Path(path) if Path(path).suffix else Path(path).with_suffix(".pdf"))

    def export_pdf_to(self, path: Path, *, offer_to_open: bool = True) -> PdfExport | None:
        """Start exporting the current session; progress shows in a small dialog on this screen."""
        if self.document is None or self.session_id is None:
            return None
        export = PdfExport(self.document.pf, self.session_id, path, parent=self)
        progress = QProgressDialog("Making the session summary…", "", 0, 100, self)
        progress.setWindowTitle("Export summary PDF")
        progress.setCancelButton(None)
        progress.setMinimumDuration(300)
        progress.setAutoClose(True)
        export.progressed.connect(lambda fraction: progress.setValue(round(fraction * 100)))
        export.failed.connect(lambda message: (progress.reset(), show_error(self, message, "Could not export")))
        export.finished.connect(lambda written: (progress.reset(), self._exported(Path(written), offer_to_open)))
        self.actions["export_pdf"].setEnabled(False)
        export.finished.connect(lambda *_: self.actions["export_pdf"].setEnabled(True))
        export.failed.connect(lambda *_: self.actions["export_pdf"].setEnabled(True))
        export.start()
        self._export = export
        return export

    def _exported(self, path: Path, offer_to_open: bool) -> None:
        self.statusBar().showMessage(f"Saved the summary to {path}", 10000)
        if offer_to_open and confirm(self, f"The summary was saved as “{path.name}”.\n\nOpen it now?", "Summary saved"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def close_file(self) -> None:
        self._set_document(None)

    # Backups --------------------------------------------------------------------------------------

    def restore_from_backup(self, path: Path | None = None) -> Path | None:
        """Choose a backup of `path` (default: the open file) and open it as a new file."""
        path = Path(path or (self.document.path if self.document else ""))
        if not str(path):
            return None
        backups = list_backups(self.document.pf if self.document and self.document.path == path else path)
        if not backups:
            show_error(self, f"There are no backups of “{path.name}” yet.", "Restore from backup")
            return None
        dialog = RestoreDialog(backups, path.name, self)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted or dialog.chosen is None:
            return None
        stamp = dialog.chosen.made_at.astimezone().strftime("%Y-%m-%d %H.%M")
        suggested = str(path.with_name(f"{path.stem} (restored {stamp}){FILE_SUFFIX}"))
        target, _ = QFileDialog.getSaveFileName(self, "Restore the backup as", suggested, facilitator_file_filter())
        if not target:
            return None
        return self.restore_backup_to(dialog.chosen.path, with_suffix(target))

    def restore_backup_to(self, backup: Path, target: Path) -> Path | None:
        try:
            restored = restore_backup(backup, target)
        except FacilitatorError as error:
            show_error(self, str(error), "Could not restore")
            return None
        self.open_path(restored)
        return restored

    def _back_up(self, reason: str) -> None:
        """A rolling backup; failing to make one is worth a quiet note, never an interruption."""
        if self.document is None or self.document.pf.closed:
            return
        try:
            self._last_backup = make_backup(self.document.pf, reason).made_at
            self._changed_since_backup = False
        except FacilitatorError as error:
            self.statusBar().showMessage(f"No backup was made: {error}", 15000)

    def _backup_if_due(self) -> None:
        if self.document is not None and due_for_backup(
                self._last_backup, self._changed_since_backup, datetime.now(timezone.utc)):
            self._back_up("interval")

    # Sessions -------------------------------------------------------------------------------------

    def new_session(self) -> None:
        if self.document is None:
            return
        dialog = TemplateDialog(self, for_session=True)
        if dialog.exec() == TemplateDialog.DialogCode.Accepted:
            self.add_session(template=dialog.slug, title=dialog.title or None)

    def add_session(self, *, template: str, title: str | None) -> None:
        changes = self.document.apply(add_session_from_template, template=template, title=title)
        if changes is not None:
            self.select_session(changes.new_id)

    def duplicate_session(self) -> None:
        if self.document is not None and self.session_id is not None:
            changes = self.document.apply(session_ops.duplicate_session, session_id=self.session_id)
            if changes is not None:
                self.select_session(changes.new_id)

    def delete_session(self) -> None:
        if self.document is None or self.session_id is None:
            return
        if confirm(self, "Delete this session with its agenda and everything captured in it?\n\n"
                         "Edit → Undo brings it back."):
            self.document.apply(session_ops.delete_session, session_id=self.session_id)

    def finish_session(self) -> None:
        if self.document is not None and self.session_id is not None:
            self.document.apply(session_ops.finish_session, session_id=self.session_id)

    def select_session(self, session_id: int | None) -> None:
        row = self.session_model.row_of_id(session_id)
        if row >= 0:
            self.session_box.setCurrentIndex(row)

    def _session_chosen(self, row: int) -> None:
        self.session_id = self.session_model.id_at(row)
        self.presenter.set_session(self.session_id)
        for view in self._session_views():
            view.set_session(self.session_id)
        self._update_actions()

    def _run_command(self, name: str) -> None:
        if self.run_view is None or self.session_id is None:
            return
        self._show_run()
        getattr(self.run_view, name)()

    def _show_run(self) -> None:
        self.tabs.setCurrentIndex(1)

    # Undo -----------------------------------------------------------------------------------------

    def undo(self) -> None:
        if self.document is not None:
            self.document.undo()

    def redo(self) -> None:
        if self.document is not None:
            self.document.redo()

    def _update_undo_actions(self) -> None:
        document = self.document
        undo_label = document.undo_label if document else None
        redo_label = document.redo_label if document else None
        self.actions["undo"].setText(f"&Undo {undo_label}" if undo_label else "&Undo")
        self.actions["redo"].setText(f"&Redo {redo_label}" if redo_label else "&Redo")
        self.actions["undo"].setEnabled(bool(undo_label) and not document.read_only)
        self.actions["redo"].setEnabled(bool(redo_label) and not document.read_only)

    # Document wiring ------------------------------------------------------------------------------

    def _set_document(self, document: Document | None) -> None:
        old = self.document
        if old is not None and self._changed_since_backup:
            self._back_up("close")
        self._last_backup = None
        self._changed_since_backup = False
        self.document = document
        self.session_model.set_document(document)
        self.presenter.set_document(document)
        self.write_banner.hide()
        if document is None:
            self._drop_views()
            self.session_id = None
            self._show_start_page()
        else:
            document.failed.connect(self._operation_failed)
            document.undo_state_changed.connect(self._update_undo_actions)
            document.changed.connect(self._after_change)
            self._drop_views()
            self.plan_view = PlanView(document)
            self.run_view = RunView(document)
            self.actions_page = ActionsPage(document)
            self.decisions_page = DecisionsPage(document)
            self.health_page = HealthCheckPage(document)
            self.health_page.prompt_selected.connect(self.presenter.set_focus_prompt)
            self.voice_panel = VoiceBalancePanel(document)
            self.review_offer = ReviewOffer(document)
            self.workspace_layout.insertWidget(0, self.review_offer)
            self.tabs.addTab(self.plan_view, "&Plan")
            self.tabs.addTab(self.run_view, "&Run")
            self.tabs.addTab(self.actions_page, "&Actions")
            self.tabs.addTab(self.decisions_page, "&Decisions")
            self.tabs.addTab(self.health_page, "Health chec&k")
            self.tabs.addTab(self.voice_panel, "V&oice balance")
            self.stack.setCurrentWidget(self.workspace)
            self.toolbar.setVisible(True)
            self._pick_initial_session()
        if old is not None:
            old.close()
        self._update_title()
        self._update_actions()
        self._update_undo_actions()

    def _drop_views(self) -> None:
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()
        if self.review_offer is not None:
            self.workspace_layout.removeWidget(self.review_offer)
            self.review_offer.deleteLater()
        self.plan_view = self.run_view = self.actions_page = self.decisions_page = None
        self.health_page = self.voice_panel = self.review_offer = None

    def _session_views(self) -> list:
        views = (self.plan_view, self.run_view, self.actions_page, self.decisions_page, self.health_page,
                 self.voice_panel, self.review_offer)
        return [view for view in views if view is not None]

    def _pick_initial_session(self) -> None:
        """Open on the running session if there is one, else the next planned one, else the last."""
        rows = self.session_model.rows
        chosen = next((r for r in rows if r["status"] == "running"), None) or next(
            (r for r in rows if r["status"] == "planned"), None) or (rows[-1] if rows else None)
        if chosen is None:
            self._session_chosen(-1)
            return
        self.select_session(chosen["id"])
        self._session_chosen(self.session_box.currentIndex())
        self.tabs.setCurrentIndex(1 if chosen["status"] == "running" else 0)

    def _after_change(self, changes) -> None:
        self._changed_since_backup = True
        self.write_banner.hide()
        if changes.touches("session") and self.session_model.row_of_id(self.session_id) < 0:
            rows = self.session_model.rows
            self.session_box.setCurrentIndex(len(rows) - 1 if rows else -1)
            if not rows:
                self._session_chosen(-1)
        elif changes.touches("session"):
            self.select_session(self.session_id)
        self._update_actions()

    def _show_start_page(self) -> None:
        self.start_page.set_recent_files(self.settings.recent_files)
        self.stack.setCurrentWidget(self.start_page)
        self.toolbar.setVisible(False)
        self.start_page.new_button.setFocus()

    def _update_title(self) -> None:
        if self.document is None:
            self.setWindowTitle(APP_NAME)
            self.setWindowFilePath("")
            self.read_only_label.setText("")
            return
        suffix = " [read-only]" if self.document.read_only else ""
        self.setWindowTitle(f"{Path(self.document.path).name}{suffix} — {APP_NAME}")
        self.setWindowFilePath(str(self.document.path))
        self.read_only_label.setText("  Read-only: use File → Save a copy as… to make changes" if suffix else "")

    def _update_actions(self) -> None:
        has_file = self.document is not None
        writable = has_file and not self.document.read_only
        has_session = writable and self.session_id is not None
        for name, action in self.actions.items():
            if action.property("needs_file") and name not in ("undo", "redo"):
                action.setEnabled(has_file)
        for name in ("new_session",):
            self.actions[name].setEnabled(writable)
        self.actions["export_pdf"].setEnabled(has_file and self.session_id is not None)
        for name in ("duplicate_session", "start", "next", "previous", "finish", "capture"):
            self.actions[name].setEnabled(has_session)
        self.delete_session_action.setEnabled(has_session)
        self.restore_action.setEnabled(has_file)

    def _operation_failed(self, message: str) -> None:
        """A refused write keeps a banner up (with Save a copy) until a later write succeeds."""
        if self.document is not None and self.document.pf.write_failed is not None:
            self.write_banner.show_failure(message)
        show_error(self, message)

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self).exec()

    # Window events --------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.toLocalFile().endswith(FILE_SUFFIX) for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.toLocalFile().endswith(FILE_SUFFIX):
                event.acceptProposedAction()
                self.open_path(url.toLocalFile())
                return

    def _restore_layout(self) -> None:
        geometry = self.settings.window_geometry
        self.first_run = not geometry or geometry.isEmpty()
        if not self.first_run:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = self.settings.window_state
        if state and not state.isEmpty():
            self.restoreState(state)

    def show_initially(self) -> None:
        """First run on a laptop-sized screen: use all of it; otherwise as the user left it."""
        screen = self.screen().availableGeometry()
        if self.first_run:
            self.resize(min(self.width(), screen.width()), min(self.height(), screen.height()))
            self.move(screen.topLeft())
        if self.first_run and (screen.width() < 1500 or screen.height() < 900):
            self.showMaximized()
        else:
            self.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.window_geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.sync()
        self.presenter.stop()
        export = getattr(self, "_export", None)
        if export is not None and export.running:
            export.wait()
        self._set_document(None)
        super().closeEvent(event)
