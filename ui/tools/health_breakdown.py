"""Beside the prompts: how each organisation and sector rated the chosen prompt, and where partners differ most.

Story 2 asks partnerships to recognise power imbalance "within and between sectors": a group
rating alone hides that, so the facilitator sees the split at a glance (console only).
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.models.tools_models import (
    BREAKDOWN_COLUMNS,
    DIVIDED_COLUMNS,
    SECTOR_RATING_COLUMNS,
    AnalysisSource,
    FigureModel,
    breakdown_rows,
    divided_rows,
    rating_tint,
    sector_rating_rows,
)
from ui.plain_text import one_line
from ui.tools.common import heading, plain_label
from ui.tools.tables import ToolTable, compact


def _breakdown_tint(row: dict, column: int):
    return rating_tint(row, 2) if column == 1 else None


class HealthBreakdown(QWidget):
    def __init__(self, source: AnalysisSource, parent: QWidget | None = None):
        super().__init__(parent)
        self.source = source
        self.prompt_id: int | None = None
        self.organisations = FigureModel(source, lambda v: breakdown_rows(v, self.prompt_id), BREAKDOWN_COLUMNS, self,
                                         tint=_breakdown_tint)
        self.sectors = FigureModel(source, lambda v: sector_rating_rows(v, self.prompt_id), SECTOR_RATING_COLUMNS,
                                   self)
        self.divided = FigureModel(source, divided_rows, DIVIDED_COLUMNS, self)
        self.organisation_table = ToolTable(self.organisations, "Ratings of the chosen prompt by organisation",
                                            stretch_column=2, parent=self)
        self.sector_table = ToolTable(self.sectors, "Ratings of the chosen prompt by sector", parent=self)
        self.divided_table = ToolTable(self.divided, "Prompts on which partners differ most", parent=self)
        for table in (self.organisation_table, self.divided_table):
            compact(table)
        compact(self.sector_table, fit_height=True)
        self.prompt_label = plain_label(name="Chosen prompt", bold=True, parent=self)
        self.empty_label = plain_label(name="No organisation ratings", parent=self)
        self.divided_empty = plain_label(name="No differences yet", parent=self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(heading("B&y organisation and sector", buddy=self.organisation_table, parent=self))
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.organisation_table, 2)
        layout.addWidget(self.sector_table)
        layout.addSpacing(6)
        layout.addWidget(heading("Where partners d&iffer most", buddy=self.divided_table, parent=self))
        layout.addWidget(self.divided_empty)
        layout.addWidget(self.divided_table, 1)
        for model in (self.organisations, self.divided):
            model.modelReset.connect(self._update_texts)
        self._update_texts()

    def show_prompt(self, prompt_id: int | None, text: str = "") -> None:
        self.prompt_id = prompt_id
        self.prompt_label.setText(f"“{one_line(text, 120)}”" if prompt_id is not None else "")
        self.organisations.resync()
        self.sectors.resync()
        self._update_texts()

    def _update_texts(self) -> None:
        rated = self.organisations.rowCount()
        self.empty_label.setVisible(not rated)
        self.empty_label.setText("No organisation has rated this prompt yet: choose one under “Rating for” "
                                 "to record its own view." if self.prompt_id is not None else "")
        self.sector_table.setVisible(self.sectors.rowCount() > 0)
        self.organisation_table.setVisible(rated > 0)
        self.divided_empty.setVisible(self.divided.rowCount() == 0)
        self.divided_empty.setText("Partners have not rated any prompt differently yet.")
