"""Voice balance: who has been heard this session, by organisation, by sector and by person.

Console only (PRODUCT.md: the projector never shows voice-balance figures). The words that call
for action come first: organisations in the room that have not spoken yet, and who is missing
from the room altogether. Then the tallies, most vocal first, each with its count and share in
words and a bar behind them. Anonymous contributions count as "Anonymous", last.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from facilitator.analysis.voice import voice_balance
from ui.document import Document
from ui.models.base import Column
from ui.models.tools_models import AnalysisSource, FigureModel, names, plural, share_text
from ui.tools.common import plain_label
from ui.tools.tables import BarDelegate, ToolTable, compact

VOICE_TABLES = frozenset({"contribution", "attendance", "participant", "organisation", "session"})


def tally_rows(tallies) -> list[dict]:
    top = max((t.count for t in tallies), default=0)
    return [{"id": "anonymous" if t.key is None else t.key, "label": t.label, "count": t.count, "share": t.share,
             "detail": t.detail, "bar": t.count / top if top else 0.0} for t in tallies]


def _figure(row: dict) -> str:
    return f"{row['count']} · {share_text(row['share'])}"


def _columns(first: str, detail: bool = False) -> tuple[Column, ...]:
    tip = (lambda r: f"{r['label']}\n{r['detail']}" if r["detail"] else r["label"]) if detail else None
    return (Column(first, lambda r: r["label"], tip), Column("Said · share", _figure))


class VoiceBalancePanel(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Voice balance (console only)")
        self.document = document
        self.session_id: int | None = None
        self.source = AnalysisSource(document, VOICE_TABLES, voice_balance, self)

        self.summary = plain_label(name="Contributions this session", bold=True, parent=self)
        self.silent = plain_label(name="Present but not heard yet", bold=True, parent=self)
        self.dominant = plain_label(name="Most vocal organisation", parent=self)
        self.absent = plain_label(name="Invited but absent", parent=self)
        self.by_organisation = self._model(lambda v: tally_rows(v.by_organisation), _columns("Organisation"))
        self.by_sector = self._model(lambda v: tally_rows(v.by_sector), _columns("Sector"))
        self.by_participant = self._model(lambda v: tally_rows(v.by_participant), _columns("Person", detail=True))
        self.organisation_table = self._table(self.by_organisation, "Contributions by organisation")
        self.sector_table = self._table(self.by_sector, "Contributions by sector")
        self.participant_table = self._table(self.by_participant, "Contributions by person")
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Voice balance tables")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.organisation_table, "Organisations")
        self.tabs.addTab(self.sector_table, "Sectors")
        self.tabs.addTab(self.participant_table, "People")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(plain_label("Voice balance — for you only, never projected", name="Voice balance heading",
                                     bold=True, scale=1.05, parent=self))
        layout.addWidget(self.summary)
        layout.addWidget(self.silent)
        layout.addWidget(self.dominant)
        layout.addWidget(self.absent)
        layout.addWidget(self.tabs, 1)
        self.setMinimumWidth(320)
        self.source.updated.connect(self.update_texts)
        self.update_texts()

    def sizeHint(self) -> QSize:
        """Wide enough in a dock for most organisation names and a readable bar."""
        return QSize(max(440, super().sizeHint().width()), super().sizeHint().height())

    def _model(self, rows_of, columns) -> FigureModel:
        return FigureModel(self.source, rows_of, columns, self, bar=lambda r: r["bar"])

    def _table(self, model: FigureModel, name: str) -> ToolTable:
        table = ToolTable(model, name, stretch_column=0, parent=self)
        table.setItemDelegateForColumn(1, BarDelegate(table))
        compact(table)
        return table

    def set_session(self, session_id: int | None) -> None:
        self.session_id = session_id
        self.source.set_key(session_id)

    def update_texts(self) -> None:
        found = self.source.value
        if found is None:
            self.summary.setText("Choose a session to see who has been heard.")
            for label in (self.silent, self.dominant, self.absent):
                label.setText("")
            return
        parked = f", {found.parked} parked" if found.parked else ""
        self.summary.setText(f"{plural(found.total, 'contribution')} so far ({found.anonymous} anonymous{parked})")
        if found.present_silent:
            self.silent.setText(f"⚠ In the room, not heard yet ({len(found.present_silent)}): "
                                f"{names(found.present_silent)}")
        elif found.present:
            self.silent.setText("Every organisation in the room has spoken.")
        else:
            self.silent.setText("Nobody is marked present yet (Plan → Attendance).")
        if found.most_vocal is not None:
            self.dominant.setText(f"Most vocal: {found.most_vocal.label}, "
                                  f"{share_text(found.most_vocal_share)} of attributed contributions")
        else:
            self.dominant.setText("No contribution is attributed to an organisation yet.")
        absent = []
        if found.absent_organisations:
            absent.append(f"Invited but absent: {names(found.absent_organisations)}")
        if found.absent_sectors:
            absent.append(f"Sectors with nobody in the room: {', '.join(found.absent_sector_labels)}")
        self.absent.setText("\n".join(absent))
        self.absent.setVisible(bool(absent))
