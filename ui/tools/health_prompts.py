"""Shape the health check itself: start one from a template, add and order prompts, keep it as a template.

Why apart from the rating: this is preparation (or a quick fix in the room), while rating is the
live part; keeping it in its own widget keeps the page's rating code short.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from facilitator import templates
from facilitator.errors import FacilitatorError
from facilitator.operations import health, health_templates
from ui.document import Document
from ui.plain_text import one_line
from ui.tools.common import CaptureLine, apply, button, plain_label


def health_templates_available() -> list[tuple[str, dict]]:
    """(label, health check) for every health check in every template, shipped first."""
    found = []
    for template in templates.available():
        for check in template.health_checks:
            count = len(check.get("prompts", []))
            mine = " (yours)" if template.user else ""
            found.append((f"{template.name}{mine} — {check['title']} ({count} prompts)", check))
    return found


class StartCheck(QWidget):
    """Shown while the session has no health check: pick a template and add its prompts."""

    added = Signal(int)  # the new check's id

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.session_id: int | None = None
        self.template_combo = QComboBox(self)
        self.template_combo.setAccessibleName("Template to start the health check from")
        self.add_button = button("Add health check", "Add this template's prompts as this session's health check",
                                 self.add_check, self)
        self.message = plain_label(name="Starting a health check", parent=self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(plain_label("This session has no health check yet. &Using template", name="Template label",
                                  wrap=False, buddy=self.template_combo, parent=self))
        row.addWidget(self.template_combo, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.reload_templates()

    def reload_templates(self) -> None:
        self.template_combo.clear()
        self._checks = []
        for label, check in health_templates_available():
            self.template_combo.addItem(label)  # combo items are plain text
            self._checks.append(check)
        self.add_button.setEnabled(bool(self._checks))

    def add_check(self) -> int | None:
        index = self.template_combo.currentIndex()
        if self.session_id is None or not 0 <= index < len(self._checks) or self.document.read_only:
            return None
        check = self._checks[index]
        changes, message = apply(self.document, health.add_health_check, session_id=self.session_id,
                                 title=check["title"], scale=check.get("scale", "rag"), prompts=list(check["prompts"]))
        self.message.setText(message)
        if changes is not None:
            self.added.emit(changes.new_id)
            return changes.new_id
        return None


class PromptTools(QWidget):
    """Add a prompt (Enter), move or delete the chosen one, and save the prompts as a template."""

    def __init__(self, document: Document, current_prompt, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.check_id: int | None = None
        self._current_prompt = current_prompt  # () -> (prompt id, row index, row count)
        self.new_prompt_edit = CaptureLine(self)
        self.new_prompt_edit.setAccessibleName("New prompt")
        self.new_prompt_edit.setPlaceholderText("Type a prompt and press Enter to add it")
        self.new_prompt_edit.submitted.connect(self.add_prompt)
        self.up_button = button("Move up", "Move the chosen prompt up (Ctrl+Up in the list)", lambda: self.move(-1),
                                self)
        self.down_button = button("Move down", "Move the chosen prompt down (Ctrl+Down in the list)",
                                  lambda: self.move(1), self)
        self.delete_button = button("Delete prompt", "Delete the chosen prompt and its ratings (Ctrl+Delete in the "
                                    "list). Ctrl+Z brings it back.", self.delete, self)
        self.template_name_edit = CaptureLine(self)
        self.template_name_edit.setAccessibleName("Name of the new template")
        self.template_name_edit.setPlaceholderText("e.g. Our partnership check")
        self.template_name_edit.submitted.connect(self.save_template)
        self.save_button = button("Save as template", "Keep these prompts as one of your templates, for other "
                                  "sessions and partnerships (Enter in the name)", self.save_template, self)
        self.message = plain_label(name="Last change to the prompts", parent=self)

        first = QHBoxLayout()
        first.addWidget(plain_label("Ne&w prompt", name="New prompt label", wrap=False, buddy=self.new_prompt_edit,
                                    parent=self))
        first.addWidget(self.new_prompt_edit, 1)
        first.addWidget(self.up_button)
        first.addWidget(self.down_button)
        first.addWidget(self.delete_button)
        second = QHBoxLayout()
        second.addWidget(plain_label("Keep these prompts as a templa&te named", name="Template name label",
                                     wrap=False, buddy=self.template_name_edit, parent=self))
        second.addWidget(self.template_name_edit, 1)
        second.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.message)

    def set_check(self, check_id: int | None) -> None:
        self.check_id = check_id
        self.setEnabled(check_id is not None and not self.document.read_only)

    def add_prompt(self) -> None:
        text = self.new_prompt_edit.text()
        if self.check_id is None or not text.strip():
            return
        prompt_id, row, _count = self._current_prompt()
        index = row + 1 if prompt_id is not None else None
        changes, message = apply(self.document, health.add_health_prompt, health_check_id=self.check_id, text=text,
                                 index=index)
        if changes is not None:
            self.new_prompt_edit.clear_after_store()
            self.message.setText(f"Added “{one_line(text, 60)}”. Ctrl+Z takes it back.")
        else:
            self.message.setText(message)

    def move(self, delta: int) -> None:
        prompt_id, row, count = self._current_prompt()
        if prompt_id is None or not 0 <= row + delta < count:
            return
        changes, message = apply(self.document, health.move_health_prompt, health_prompt_id=prompt_id,
                                 to_index=row + delta)
        self.message.setText("" if changes is not None else message)

    def delete(self) -> None:
        prompt_id, _row, _count = self._current_prompt()
        if prompt_id is None:
            return
        changes, message = apply(self.document, health.delete_health_prompt, health_prompt_id=prompt_id)
        self.message.setText("Prompt deleted, with its ratings. Ctrl+Z brings it back." if changes is not None
                             else message)

    def save_template(self) -> None:
        """A template is the facilitator's, not the partnership's: it is a file of its own, not undoable."""
        name = self.template_name_edit.text()
        if self.check_id is None or not name.strip():
            self.message.setText("Type a name for the template first.")
            return
        try:
            saved = health_templates.save_health_template(self.document.pf, health_check_id=self.check_id, name=name)
        except FacilitatorError as error:
            self.message.setText(str(error))
            return
        self.template_name_edit.clear_after_store()
        self.message.setText(f"Saved as your template “{saved.name}”: it is offered for new sessions.")
