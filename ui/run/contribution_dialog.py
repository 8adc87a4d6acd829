"""A small dialog to correct one contribution: its words, who said it, and its category.

It only collects the changes (`changes()`); the list applies them through the operation, so the
dialog never touches the file. Opened with `open()` (not `exec()`), so nothing blocks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator import domain
from ui.models.run_models import NameModel
from ui.plain_text import editor_text
from ui.run.cards import scaled


def _combo(accessible: str, choices: list[tuple[str, object]], current: object) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(accessible)
    for text, value in choices:
        combo.addItem(text, value)
    found = combo.findData(current)
    combo.setCurrentIndex(max(0, found))
    return combo


class ContributionDialog(QDialog):
    def __init__(self, row: dict, names: NameModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Edit contribution")
        self.setAccessibleName("Edit contribution")
        self.row = row
        self._names = names
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setPlainText(row["text"])
        self.text_edit.setAccessibleName("Contribution text")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setFont(scaled(self.text_edit.font(), 1.15))
        self.text_edit.moveCursor(self.text_edit.textCursor().MoveOperation.End)
        people = [(p["name"] + (f" ({p['detail']})" if p["detail"] else ""), p["entity_id"])
                  for p in names.of_kind("participant")]
        orgs = [(o["name"], o["entity_id"]) for o in names.of_kind("organisation")]
        self.person = _combo("Said by", [("No one named", None), *people], row["participant_id"])
        self.organisation = _combo("Organisation", [("No organisation", None), *orgs], row["organisation_id"])
        categories = [(label, key) for key, label in domain.CONTRIBUTION_CATEGORIES.items()]
        self.category = _combo("Category", [("No category", None), *categories], row["category"])
        self.person.currentIndexChanged.connect(self._follow_person)
        form = QFormLayout()
        form.addRow("&Words", self.text_edit)
        form.addRow("Said &by", self.person)
        form.addRow("&Organisation", self.organisation)
        form.addRow("&Category", self.category)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setToolTip("Save (Ctrl+Enter)")
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 320)
        self.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _follow_person(self) -> None:
        """Choosing a person brings their organisation along (it can still be changed)."""
        person_id = self.person.currentData()
        if person_id is None:
            return
        found = self._names.row_dict(self._names.row_of_id(f"participant:{person_id}"))
        if found and found["organisation_id"] is not None:
            index = self.organisation.findData(found["organisation_id"])
            if index >= 0:
                self.organisation.setCurrentIndex(index)

    def changes(self) -> dict:
        """Keyword arguments for `update_contribution`: only what differs from the stored row."""
        wanted = {
            "text": editor_text(self.text_edit),
            "participant_id": self.person.currentData(),
            "organisation_id": self.organisation.currentData(),
            "category": self.category.currentData(),
        }
        changed = {k: v for k, v in wanted.items() if v != self.row[k]}
        if "participant_id" in changed or "organisation_id" in changed:
            changed["participant_id"] = wanted["participant_id"]
            changed["organisation_id"] = wanted["organisation_id"]
        return changed
