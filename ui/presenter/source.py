"""What the presenter reads: the console's row models, fed by the projector's public queries.

The models are the console's own classes (AgendaModel, ContributionModel, ValueModel over
RowTableModel), refreshing from the document's Changes exactly as the console's do; only their
`fetch` reads the `projector_*` queries, which select named public columns. So the presenter
holds no copy of its own and cannot reach notes or voice-balance figures (ARCHITECTURE.md rule 6).
The responsibility matrix and the health check are read from the core's analyses when shown.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from facilitator import queries
from facilitator.analysis.health import health_summary
from facilitator.analysis.responsibilities import responsibility_matrix
from facilitator.changes import Changes
from facilitator.errors import FacilitatorError
from ui.document import Document
from ui.models.base import SessionScopedModel
from ui.models.partnership_models import ValueModel
from ui.models.session_models import AgendaModel, ContributionModel

MATRIX_TABLES = ("action", "responsibility", "organisation", "session")
HEALTH_TABLES = ("health_check", "health_prompt", "health_rating", "organisation", "session")


class SessionHeadModel(SessionScopedModel):
    """One row: the session's public heading and its live item."""

    tables = frozenset({"session", "partnership"})

    def fetch(self):
        row = queries.projector_session(self.document.pf, self.session_id)
        return [row] if row else []


class PublicAgendaModel(AgendaModel):
    def fetch(self):
        return queries.projector_agenda_items(self.document.pf, self.session_id)


class PublicContributionModel(ContributionModel):
    """Every contribution in scope (the projector pages them itself), read through the public query."""

    def fetch(self):
        rows = queries.projector_contributions(
            self.document.pf, self.session_id, agenda_item_id=self.agenda_item_id, parked=self.parked)
        self.total = len(rows)
        return rows

    def fetch_new(self, changes: Changes):
        """As the console's model: a capture reads only the one new row, here through the public query."""
        if set(changes.tables) != {"contribution"} or changes.updated or changes.deleted:
            return None
        rows = [r for r in queries.projector_contributions_by_id(self.document.pf, changes.inserted["contribution"])
                if self._mine(r)]
        if self._rows and rows and (rows[0]["position"], rows[0]["id"]) < (self._rows[-1]["position"],
                                                                           self._rows[-1]["id"]):
            return None
        return rows


class PublicValueModel(ValueModel):
    def fetch(self):
        return queries.projector_values(self.document.pf)


class PresenterSource(QObject):
    """The models the presenter draws from, scoped to the console's session and its live item.

    `changed` fires after every document change, once the models have refreshed, so the projector
    shows what the console just did without any other call.
    """

    changed = Signal(object)  # Changes, or None after a new document or session

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.document: Document | None = None
        self.session_id: int | None = None
        self.head = SessionHeadModel(parent=self)
        self.agenda = PublicAgendaModel(parent=self)
        self.contributions = PublicContributionModel(parent=self)
        self.parked = PublicContributionModel(parent=self, parked=True)
        self.values = PublicValueModel(parent=self)
        self._models = (self.head, self.agenda, self.contributions, self.parked, self.values)
        self._matrix = None
        self._health = None
        self._live_id: int | None = None

    # Scope --------------------------------------------------------------------------------------

    def set_document(self, document: Document | None) -> None:
        if self.document is not None:
            try:
                self.document.changed.disconnect(self._on_changed)
            except (RuntimeError, TypeError):
                pass
        self.document = document
        if document is None:
            self.session_id = None
            for model in (self.head, self.agenda, self.contributions, self.parked):
                model.session_id = None
        for model in self._models:
            model.set_document(document)  # the models connect first, so they refresh before we read them
        if document is not None:
            document.changed.connect(self._on_changed)
        self._rescope(force=True)

    def set_session(self, session_id: int | None) -> None:
        self.session_id = session_id
        self.head.set_session(session_id)
        self.agenda.set_session(session_id)
        self.parked.set_scope(session_id)
        self._rescope(force=True)

    def _rescope(self, force: bool = False) -> None:
        live = self.session.get("live_agenda_item_id") if self.session else None
        if force or live != self._live_id:
            self._live_id = live
            self.contributions.set_scope(self.session_id if live is not None else None, live)
        self._matrix = self._health = None
        if force:
            self.changed.emit(None)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("session", "agenda_item"):
            self._rescope()
        if changes.touches(*MATRIX_TABLES):
            self._matrix = None
        if changes.touches(*HEALTH_TABLES):
            self._health = None
        self.changed.emit(changes)

    # Reads --------------------------------------------------------------------------------------

    @property
    def readable(self) -> bool:
        return self.document is not None and not self.document.pf.closed and self.session_id is not None

    @property
    def session(self) -> dict | None:
        return self.head.row_dict(0)

    def matrix(self):
        """(matrix, partnership_wide): this session's actions, or every open action if it has none."""
        if self._matrix is None and self.readable:
            try:
                matrix = responsibility_matrix(self.document.pf, session_id=self.session_id)
                wide = not matrix.rows
                if wide:
                    matrix = responsibility_matrix(self.document.pf)
                self._matrix = (matrix, wide)
            except FacilitatorError:
                self._matrix = None
        return self._matrix

    def health(self, prompt_id: int | None = None):
        """The session's health check holding `prompt_id` (the prompt chosen in the console), else its
        first check with prompts (or its first), summarised; None if the session has none."""
        if self._health is None and self.readable:
            checks = queries.health_checks(self.document.pf, self.session_id)
            summaries = []
            for check in checks:
                try:
                    summaries.append(health_summary(self.document.pf, check["id"]))
                except FacilitatorError:
                    continue
            self._health = tuple(summaries)
        summaries = self._health or ()
        holding = next((s for s in summaries if any(p.prompt_id == prompt_id for p in s.prompts)), None)
        return holding or next((s for s in summaries if s.prompts), summaries[0] if summaries else None)
