"""The Actions tab: capture actions, see and edit who leads and supports them, review earlier ones.

Top: the capture row (Enter stores). Below, two sections: the responsibility matrix with the
spread of responsibility beside it, and the review of actions open from earlier sessions. The
matrix shows every open action of the series by default ("who carries what now"); the scope
can be narrowed to this session's actions, and done or dropped actions shown again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from ui.document import Document
from ui.models.tools_models import ACTION_TABLES, AnalysisSource, matrix_and_spread
from ui.tools.action_capture import ActionCapture
from ui.tools.carried_forward import CarriedForwardPanel
from ui.tools.common import ShareSplitter, plain_label
from ui.tools.matrix_view import MatrixPanel, SpreadPanel

SERIES, SESSION = "series", "session"


class ActionsPage(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Actions and shared responsibilities")
        self.document = document
        self.session_id: int | None = None

        self.capture = ActionCapture(document, self)
        self.source = AnalysisSource(document, ACTION_TABLES, matrix_and_spread, self)
        self.matrix_panel = MatrixPanel(document, self.source, self)
        self.spread_panel = SpreadPanel(self.source, self)
        self.review_panel = CarriedForwardPanel(document, self)
        # The widgets tests and the main window drive most often:
        self.text_edit = self.capture.text_edit
        self.lead_edit = self.capture.lead_edit
        self.supporters_edit = self.capture.supporters_edit
        self.due_edit = self.capture.due_edit
        self.matrix = self.matrix_panel.table
        self.matrix_model = self.matrix_panel.model
        self.review_table = self.review_panel.table

        self.scope_combo = QComboBox(self)
        self.scope_combo.setAccessibleName("Which actions the matrix shows")
        self.scope_combo.addItem("All sessions", SERIES)
        self.scope_combo.addItem("Agreed in this session", SESSION)
        self.closed_check = QCheckBox("Show done and dr&opped", self)
        self.closed_check.setAccessibleName("Show done and dropped actions")
        self.scope_combo.currentIndexChanged.connect(lambda _i: self._update_scope())
        self.closed_check.toggled.connect(lambda _on: self._update_scope())

        self.sections = QTabWidget(self)
        self.sections.setAccessibleName("Actions sections")
        self.sections.setDocumentMode(True)
        self.sections.addTab(self._matrix_section(), "Matrix and spread")
        self.sections.addTab(self.review_panel, "Review earlier actions")
        self.review_panel.model.modelReset.connect(self._update_review_tab)
        self.review_panel.model.dataChanged.connect(self._update_review_tab)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(8)
        layout.addWidget(self.capture)
        layout.addWidget(self.sections, 1)
        self.capture.stored.connect(self._stored)
        self.set_session(None)

    def _matrix_section(self) -> QWidget:
        section = QWidget(self)
        scope = QHBoxLayout()
        scope.addWidget(plain_label("Sho&w", name="Matrix scope label", wrap=False, buddy=self.scope_combo,
                                    parent=section))
        scope.addWidget(self.scope_combo)
        scope.addWidget(self.closed_check)
        scope.addStretch(1)
        self.splitter = ShareSplitter((0.7, 0.3), section)
        self.splitter.addWidget(self.matrix_panel)
        self.splitter.addWidget(self.spread_panel)
        self.spread_panel.setMinimumWidth(400)
        layout = QVBoxLayout(section)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(scope)
        layout.addWidget(self.splitter, 1)
        return section

    # Contract with the main window ------------------------------------------------------------------

    def set_session(self, session_id: int | None) -> None:
        self.session_id = session_id
        self.capture.set_session(session_id)
        self.matrix_panel.set_session(session_id)
        self.review_panel.set_session(session_id)
        self._update_scope()

    def _update_scope(self) -> None:
        if self.document.pf.closed:
            self.source.set_key(None)
            return
        session_only = self.scope_combo.currentData() == SESSION
        if session_only and self.session_id is None:
            self.source.set_key(None)
            return
        self.source.set_key((self.session_id if session_only else None, self.closed_check.isChecked()))

    def _update_review_tab(self, *_args) -> None:
        open_count = sum(1 for r in self.review_panel.model.rows if not r["reviewed_here"])
        self.sections.setTabText(1, f"Review earlier actions ({open_count})")

    def _stored(self, action_id: int) -> None:
        self.sections.setCurrentIndex(0)
        self.matrix.select_id(action_id, self.matrix_model.FIXED)

    def show_matrix(self) -> None:
        self.sections.setCurrentIndex(0)
        self.matrix.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_review(self) -> None:
        """The "Review actions" agenda item: go straight to the earlier actions."""
        self.sections.setCurrentIndex(1)
        self.review_table.setFocus(Qt.FocusReason.OtherFocusReason)
