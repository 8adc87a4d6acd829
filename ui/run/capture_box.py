"""The capture box: type what was said and press Enter; `@` completes names, `#` categories.

The box only edits text and says when Enter was pressed (`submitted`). The run view turns the
text into a contribution with `facilitator.capture.parse`, so the quick-capture syntax lives in
one place; the preview line under the box uses the same parser to show, as you type, who the
contribution will be attributed to and how it will be filed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QVBoxLayout, QWidget

from facilitator import capture, domain
from ui.models.run_models import NAME_ROLE, NameModel
from ui.plain_text import LINE_MAX_LENGTH
from ui.run.cards import scaled

HINT = ("Type what was said, then Enter.   @name: who said it   ·   #offer #idea #concern …: category   ·   "
        "#park: parking lot")
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_NAME_LOOKBACK = 80  # an @name token may contain spaces ("@Helen Ok"); look back this far at most


def category_model(parent=None) -> QStandardItemModel:
    """`#` completions: every category word and `park`, each shown with its label."""
    model = QStandardItemModel(parent)
    labels = {**domain.CONTRIBUTION_CATEGORIES, capture.PARK: "Send to the parking lot"}
    for word in capture.CATEGORY_WORDS:
        item = QStandardItem(f"#{word} — {labels[word]}")
        item.setData(word, NAME_ROLE)
        item.setEditable(False)
        model.appendRow(item)
    return model


def token_at(text: str, cursor: int) -> tuple[str, int, str] | None:
    """The `@`/`#` token being typed at `cursor`: (trigger, index of trigger, text typed after it)."""
    index = cursor - 1
    seen_space = False
    while index >= 0 and cursor - index <= _NAME_LOOKBACK:
        char = text[index]
        if char in "@#" and (index == 0 or text[index - 1].isspace()):
            if char == "#" and seen_space:
                return None
            return char, index, text[index + 1 : cursor]
        if char == "\n":
            return None
        seen_space = seen_space or char.isspace()
        index -= 1
    return None


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _index_of_position(text: str, position: int) -> int:
    """A QLineEdit cursor position (UTF-16 code units) as an index into the Python string (code
    points): they differ after an emoji or any other character beyond U+FFFF."""
    head = text.encode("utf-16-le", "surrogatepass")[: 2 * max(0, position)]
    return len(head.decode("utf-16-le", "surrogatepass"))


def _completer(model, parent: QLineEdit, filter_mode: Qt.MatchFlag, name: str) -> QCompleter:
    completer = QCompleter(model, parent)
    completer.setWidget(parent)
    completer.setCompletionRole(NAME_ROLE)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(filter_mode)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setMaxVisibleItems(9)
    completer.popup().setAccessibleName(name)
    return completer


class CaptureBox(QLineEdit):
    """One line per contribution. Enter submits; Tab (or Enter on a highlighted suggestion) completes."""

    submitted = Signal(str)
    up_pressed = Signal()  # Up with no suggestions open: go to the latest contribution

    def __init__(self, names: NameModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMaxLength(LINE_MAX_LENGTH)
        self.setAccessibleName("Capture contribution")
        self.setAccessibleDescription(HINT)
        self.setPlaceholderText("Type what was said and press Enter")
        self.name_completer = _completer(names, self, Qt.MatchFlag.MatchContains, "People and organisations")
        self.category_completer = _completer(category_model(self), self, Qt.MatchFlag.MatchStartsWith, "Categories")
        for completer in (self.name_completer, self.category_completer):
            completer.activated[QModelIndex].connect(self._accept_index)
        self.textEdited.connect(self._update_completion)
        self.cursorPositionChanged.connect(self._follow_cursor)

    # Completion ---------------------------------------------------------------------------------

    def open_completer(self) -> QCompleter | None:
        for completer in (self.name_completer, self.category_completer):
            if completer.popup().isVisible():
                return completer
        return None

    def _hide_popups(self) -> None:
        for completer in (self.name_completer, self.category_completer):
            completer.popup().hide()

    def _cursor_index(self) -> int:
        return _index_of_position(self.text(), self.cursorPosition())

    def _update_completion(self) -> None:
        token = token_at(self.text(), self._cursor_index())
        if token is None:
            self._hide_popups()
            return
        trigger, _, typed = token
        completer, other = (
            (self.name_completer, self.category_completer) if trigger == "@"
            else (self.category_completer, self.name_completer)
        )
        other.popup().hide()
        completer.setCompletionPrefix(typed)
        if completer.completionCount() == 0:
            completer.popup().hide()
            return
        rect = self.cursorRect()
        rect.translate(-self.fontMetrics().horizontalAdvance(typed) - self.fontMetrics().horizontalAdvance(trigger), 0)
        popup = completer.popup()
        rect.setWidth(max(320, popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + 8))
        completer.complete(rect)

    def _follow_cursor(self) -> None:
        if self.open_completer() is not None:
            self._update_completion()

    def _accept_index(self, index: QModelIndex) -> None:
        completion = index.data(NAME_ROLE)
        if completion:
            self.insert_completion(str(completion))

    def insert_completion(self, completion: str) -> None:
        """Replace the token being typed by the full name or word, then a space."""
        text = self.text()
        token = token_at(text, self._cursor_index())
        if token is None:
            return
        _, start, typed = token
        self.setSelection(_utf16_length(text[: start + 1]), _utf16_length(typed))
        self.insert(completion + " ")
        self._hide_popups()

    def _complete_current(self, completer: QCompleter) -> None:
        popup = completer.popup()
        index = popup.currentIndex()
        if not index.isValid():
            index = completer.completionModel().index(0, 0)
        if index.isValid():
            self._accept_index(index)
        self._hide_popups()

    # Keys ---------------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab:
            completer = self.open_completer()
            if completer is not None:
                self._complete_current(completer)
                event.accept()
                return True
        if event.type() == QEvent.Type.ShortcutOverride and self._lets_window_undo(event):
            event.ignore()  # nothing of ours to undo: let Ctrl+Z undo the last change to the file
            return True
        return super().event(event)

    def _lets_window_undo(self, event: QKeyEvent) -> bool:
        if event.matches(QKeySequence.StandardKey.Undo):
            return not self.isUndoAvailable()
        if event.matches(QKeySequence.StandardKey.Redo):
            return not self.isRedoAvailable()
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        completer = self.open_completer()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if completer is not None:
            if event.key() in _ENTER and completer.popup().currentIndex().isValid():
                self._complete_current(completer)
                event.accept()
                return
            if event.key() in (*_ENTER, Qt.Key.Key_Escape):
                self._hide_popups()
                if event.key() == Qt.Key.Key_Escape:
                    event.accept()
                    return
        if event.key() in _ENTER and plain:
            event.accept()
            if self.text().strip():
                self.submitted.emit(self.text())
            return
        if event.key() == Qt.Key.Key_Up and plain and completer is None:
            event.accept()
            self.up_pressed.emit()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            for completer in (self.name_completer, self.category_completer):
                completer.popup().setFont(self.font())

    def clear_after_capture(self) -> None:
        """Empty the box and forget its own typing history, so Ctrl+Z next undoes the capture itself."""
        self.setText("")


def preview_text(typed: str, names: NameModel) -> str:
    """How the typed text will be stored, in words: who, which category, parked or not."""
    if not typed.strip():
        return HINT
    parsed = capture.parse(typed, names.names())
    person = names.name_of("participant", parsed.participant_id) if parsed.participant_id else ""
    organisation = names.name_of("organisation", parsed.organisation_id) if parsed.organisation_id else ""
    if person and not organisation:
        found = names.row_dict(names.row_of_id(f"participant:{parsed.participant_id}"))
        organisation = found["detail"] if found else ""
    who = ", ".join(p for p in (person, organisation) if p) or "no one (anonymous)"
    category = domain.label(domain.CONTRIBUTION_CATEGORIES, parsed.category) or "none"
    parts = [f"From: {who}", f"Category: {category}"]
    if parsed.parked:
        parts.append("→ Parking lot")
    return "   ·   ".join(parts)


class CapturePanel(QWidget):
    """The capture box with its live preview line underneath."""

    def __init__(self, names: NameModel, parent: QWidget | None = None):
        super().__init__(parent)
        self._names = names
        self.box = CaptureBox(names, self)
        self.box.setFont(scaled(self.font(), 1.3))
        self.box.setMinimumHeight(self.box.sizeHint().height() + 10)
        self.preview = QLabel(self)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName("How this will be stored")
        self._hint_font = self.preview.font()
        self._preview_font = scaled(self.font(), 1.0, bold=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.box)
        layout.addWidget(self.preview)
        self.box.textChanged.connect(self.update_preview)
        names.modelReset.connect(self.update_preview)
        self.update_preview()

    def update_preview(self) -> None:
        """Bold when it describes what was typed; normal weight for the standing hint."""
        self.show_note(preview_text(self.box.text(), self._names), hint=not self.box.text().strip())

    def show_note(self, text: str, *, hint: bool = False) -> None:
        self.preview.setFont(self._hint_font if hint else self._preview_font)
        self.preview.setText(text)
