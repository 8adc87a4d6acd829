"""A form bound to one row: each field saves itself through the row's update operation.

Why a shared base: the session, an agenda item, an organisation and a participant are all edited
the same way (no Save button, errors keep the typed text), so the rules live in one place.
Subclasses only create their fields and lay them out.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QLineEdit, QWidget

from facilitator.changes import Changes
from ui.document import Document
from ui.plan.fields import Field

Check = Callable[[Any], str | None]  # a UI-side check: a message for people, or None when fine


def plain_label(text: str = "", *, name: str = "", buddy: QWidget | None = None, wrap: bool = False) -> QLabel:
    """A label that never interprets markup (user text is plain text everywhere)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if buddy is not None:
        label.setBuddy(buddy)
    if name:
        label.setAccessibleName(name)
    return label


def mnemonic_label(text: str, buddy: QWidget) -> QLabel:
    """A field label whose &letter moves the focus to its field (Alt+letter)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # our own text; PlainText still shows the &mnemonic
    label.setBuddy(buddy)
    return label


class RecordForm(QGroupBox):
    """Shows `row` (a dict from queries) and saves edited fields with `update(id_argument=row_id, key=value)`."""

    def __init__(self, document: Document, title: str, *, update: Callable[..., Changes], id_argument: str,
                 parent: QWidget | None = None):
        super().__init__(title, parent)
        self.setAccessibleName(title)
        self.document = document
        self.update = update
        self.id_argument = id_argument
        self.fields: list[Field] = []
        self.checks: dict[str, Check] = {}
        self.row_id: int | None = None
        self.row: dict = {}
        self._saving = False
        self._read_only = document.read_only
        self.error_label = plain_label(name="Problem with this form", wrap=True)
        self.error_label.setStyleSheet("color: #b71c1c; font-weight: 600;")
        self.error_label.hide()

    # Building --------------------------------------------------------------------------------------

    def add(self, field: Field, check: Check | None = None) -> Field:
        field.on_finished = self._save
        field.set_read_only(self._read_only)
        self.fields.append(field)
        if check is not None:
            self.checks[field.key] = check
        return field

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)

    # Showing ---------------------------------------------------------------------------------------

    def bind(self, row_id: int | None, row: dict | None) -> None:
        """Show another row (everything reloads), or the same row again (only untouched fields do)."""
        if row_id == self.row_id and row_id is not None:
            self.refresh(row)
            return
        self.row_id, self.row = row_id, dict(row or {})
        for field in self.fields:
            field.show(self.row.get(field.key))
        self._show_error()
        self.setEnabled(row_id is not None)
        self.after_show()

    def refresh(self, row: dict | None) -> None:
        """The file changed: show its values, except in fields holding unsaved or refused typing."""
        if row is None:
            self.bind(None, None)
            return
        self.row = dict(row)
        for field in self.fields:
            if not field.dirty() and not field.invalid and field.value() != self.row.get(field.key):
                field.show(self.row.get(field.key))
        self.after_show()

    def after_show(self) -> None:
        """Hook for derived displays (e.g. the weekday beside a date)."""

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for field in self.fields:
            field.set_read_only(read_only)

    def focus_first(self, select_all: bool = False) -> None:
        if not self.fields or self.row_id is None:
            return
        widget = self.fields[0].widget
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if select_all and isinstance(widget, QLineEdit):
            widget.selectAll()

    # Saving ----------------------------------------------------------------------------------------

    def flush(self) -> None:
        """Save anything typed but not yet saved (before the form shows another row)."""
        for field in self.fields:
            if field.dirty():
                self._save(field)

    def _save(self, field: Field) -> None:
        if self.row_id is None or self._saving or self._read_only or self.document.pf.closed:
            return
        value = field.value()
        if value == self.row.get(field.key):
            field.show(value)  # shows the normalised form (e.g. 9:30 → 09:30), clears any mark
            self._show_error()
            return
        problem = self.checks.get(field.key, lambda _v: None)(value)
        if problem:
            self._refuse(field, problem, announce=True)
            return
        messages: list[str] = []
        self._saving = True
        self.document.failed.connect(messages.append)
        try:
            changes = self.document.apply(self.update, **{self.id_argument: self.row_id, field.key: value})
        finally:
            self.document.failed.disconnect(messages.append)
            self._saving = False
        if changes is None:
            self._refuse(field, messages[0] if messages else "That could not be saved.", announce=False)
            return
        self.row[field.key] = value
        field.show(value)
        self._show_error()

    def _refuse(self, field: Field, message: str, *, announce: bool) -> None:
        """Keep the typed text, mark the field, say why (the main window shows `failed` too)."""
        field.set_invalid(message)
        if announce:
            self.document.failed.emit(message)
        self._show_error()

    def _show_error(self) -> None:
        problems = [f.widget.accessibleDescription() for f in self.fields if f.invalid]
        self.error_label.setText(problems[0] if problems else "")
        self.error_label.setVisible(bool(problems))
