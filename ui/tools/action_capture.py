"""Capture an action in seconds: what, then the lead and the supporting organisations, Enter stores.

Responsibility belongs to organisations (Story 1), so lead and supporters are organisation names
with a completer; the supporters field takes several, comma separated, and completes the name
being typed after the last comma. A contact person is optional and comes last. A live line under
the fields says how the names were understood before anything is stored.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QCompleter, QGridLayout, QHBoxLayout, QLineEdit, QWidget

from facilitator.operations import actions
from ui.document import Document
from ui.models.partnership_models import OrganisationModel, ParticipantModel
from ui.plain_text import one_line
from ui.tools.common import CaptureLine, apply, button, plain_label

HINT = ("Type the action, Tab to the lead and supporters (names complete as you type; Tab or Enter "
        "takes a suggestion), then Enter stores it. Supporters: separate names with commas.")


def resolve(typed: str, rows: list[dict], what: str = "organisation") -> tuple[int | None, str]:
    """The id of the row whose name was typed: an exact name (any case), else the only name that
    contains it. Returns (id, "") or (None, a message for people)."""
    wanted = " ".join(typed.split()).casefold()
    if not wanted:
        return None, ""
    exact = [r for r in rows if " ".join(r["name"].split()).casefold() == wanted]
    if exact:
        return exact[0]["id"], ""
    found = [r for r in rows if wanted in r["name"].casefold()]
    if len(found) == 1:
        return found[0]["id"], ""
    if not found:
        return None, f"No {what} is called “{typed.strip()}”."
    return None, f"“{typed.strip()}” could be {len(found)} {what}s: type more of the name."


def split_names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class NamesCompleter(QCompleter):
    """Completes one name, or (several=True) the name after the last comma, keeping those before it."""

    def __init__(self, model, parent: QLineEdit, *, several: bool = False, name: str):
        super().__init__(model, parent)
        self.several = several
        self._head = ""
        self.setCompletionRole(Qt.ItemDataRole.DisplayRole)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(9)
        self.popup().setAccessibleName(name)

    def splitPath(self, path: str) -> list[str]:
        if not self.several:
            return [path.strip()]
        head, _comma, last = path.rpartition(",")
        self._head = head.strip()
        return [last.strip()]

    def pathFromIndex(self, index: QModelIndex) -> str:
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if not self.several:
            return name
        return (f"{self._head}, " if self._head else "") + name + ", "


class ActionCapture(QWidget):
    """The capture row of the Actions page. `stored(action_id)` after each action is added."""

    stored = Signal(int)

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.session_id: int | None = None
        self.organisations = OrganisationModel(document, self)
        self.people = ParticipantModel(document, self)

        self.text_edit = self._line("Action", "What is to be done? Type it and press Enter")
        self.lead_edit = self._line("Lead organisation", "Lead organisation")
        self.supporters_edit = self._line("Supporting organisations", "Supporting, separated by commas")
        self.due_edit = self._line("Due date", "YYYY-MM-DD")
        self.contact_edit = self._line("Contact person (optional)", "Optional")
        self.lead_completer = NamesCompleter(self.organisations, self.lead_edit, name="Organisations")
        self.supporters_completer = NamesCompleter(self.organisations, self.supporters_edit, several=True,
                                                   name="Organisations")
        self.contact_completer = NamesCompleter(self.people, self.contact_edit, name="People")
        self.lead_edit.setCompleter(self.lead_completer)
        self.supporters_edit.setCompleter(self.supporters_completer)
        self.contact_edit.setCompleter(self.contact_completer)
        self.add_button = button("Add action", "Store this action (Enter in any field)", self.store, self)
        self.preview = plain_label(HINT, name="How this action will be stored", parent=self)
        self.text_edit.setAccessibleDescription(HINT)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        fields = ((self.text_edit, "&New action", 5), (self.lead_edit, "&Lead", 2),
                  (self.supporters_edit, "Suppor&ting", 3), (self.due_edit, "D&ue", 1),
                  (self.contact_edit, "&Contact", 2))
        for column, (edit, text, stretch) in enumerate(fields):
            grid.addWidget(plain_label(text, name=f"{edit.accessibleName()} label", wrap=False, buddy=edit), 0, column)
            grid.addWidget(edit, 1, column)
            grid.setColumnStretch(column, stretch)
        self.due_edit.setMinimumWidth(self.due_edit.fontMetrics().horizontalAdvance("2026-04-10") + 24)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        grid.addLayout(row, 1, len(fields))
        grid.addWidget(self.preview, 2, 0, 1, len(fields) + 1)

        for edit in (self.text_edit, self.lead_edit, self.supporters_edit, self.due_edit, self.contact_edit):
            edit.submitted.connect(self.store)
            edit.textChanged.connect(self.update_preview)
        self.set_session(None)

    def _line(self, name: str, placeholder: str) -> CaptureLine:
        edit = CaptureLine(self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def set_session(self, session_id: int | None) -> None:
        self.session_id = session_id
        enabled = session_id is not None and not self.document.read_only
        for widget in (self.text_edit, self.lead_edit, self.supporters_edit, self.due_edit, self.contact_edit,
                       self.add_button):
            widget.setEnabled(enabled)
        self.update_preview()

    # Understanding what was typed ------------------------------------------------------------------

    def understood(self) -> tuple[dict, list[str]]:
        """The add_action arguments the fields describe, and any problems with the names."""
        problems = []
        lead, problem = resolve(self.lead_edit.text(), self.organisations.rows)
        problems += [problem] if problem else []
        supporters = []
        for typed in split_names(self.supporters_edit.text()):
            found, problem = resolve(typed, self.organisations.rows)
            if problem:
                problems.append(problem)
            elif found == lead:
                problems.append("The lead cannot also be a supporter.")
            elif found not in supporters:
                supporters.append(found)
        contact, problem = resolve(self.contact_edit.text(), self.people.rows, "person")
        problems += [problem] if problem else []
        arguments = {"text": self.text_edit.text().strip(), "due_date": self.due_edit.text().strip(),
                     "lead_organisation_id": lead, "support_organisation_ids": supporters,
                     "contact_participant_id": contact}
        return arguments, problems

    def _name(self, rows: list[dict], row_id: int | None) -> str:
        return next((r["name"] for r in rows if r["id"] == row_id), "")

    def update_preview(self) -> None:
        if self.session_id is None:
            self.preview.setText("Choose a session to record its actions.")
            return
        typed = [e.text().strip() for e in (self.text_edit, self.lead_edit, self.supporters_edit, self.contact_edit)]
        if not any(typed):
            self.preview.setText(HINT)
            return
        arguments, problems = self.understood()
        lead = self._name(self.organisations.rows, arguments["lead_organisation_id"]) or "nobody yet"
        parts = [f"Lead: {lead}"]
        supporters = [self._name(self.organisations.rows, i) for i in arguments["support_organisation_ids"]]
        parts.append(f"Supporting: {', '.join(supporters) if supporters else 'none'}")
        if not supporters and arguments["lead_organisation_id"] is not None:
            parts.append("⚠ not shared")
        if arguments["contact_participant_id"] is not None:
            parts.append(f"Contact: {self._name(self.people.rows, arguments['contact_participant_id'])}")
        self.preview.setText("   ·   ".join(parts + [f"⚠ {p}" for p in problems]))

    # Storing ---------------------------------------------------------------------------------------

    def store(self) -> int | None:
        if self.session_id is None:
            return None
        arguments, problems = self.understood()
        if not arguments["text"]:
            self.preview.setText("Type what is to be done first.")
            self.text_edit.setFocus()
            return None
        if problems:
            self.preview.setText("Not stored: " + " ".join(problems))
            return None
        changes, message = apply(self.document, actions.add_action, session_id=self.session_id, **arguments)
        if changes is None:
            self.preview.setText(f"Not stored: {message}")
            return None
        lead = self._name(self.organisations.rows, arguments["lead_organisation_id"])
        for edit in (self.text_edit, self.lead_edit, self.supporters_edit, self.due_edit, self.contact_edit):
            edit.clear_after_store()
        self.preview.setText(f"Added “{one_line(arguments['text'], 70)}”" + (f", led by {lead}" if lead else "")
                             + ". Ctrl+Z takes it back.")
        self.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.stored.emit(changes.new_id)
        return changes.new_id
