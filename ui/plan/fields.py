"""Form fields that save themselves when editing finishes, through one operation each.

There is no Save button (PRODUCT.md: every change is saved as it is made). Each field knows its
column (`key`), reads and shows a value, and says whether the person has typed something not yet
saved. A field whose value the core refused keeps what was typed and is marked, so nothing typed
is lost, and a later refresh from the file does not overwrite it.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSizePolicy, QSpinBox, QWidget

from ui.plain_text import LINE_MAX_LENGTH, editor_text

INVALID_STYLE = "border: 2px solid #c62828; border-radius: 3px;"


class PlainTextEdit(QPlainTextEdit):
    """Multi-line plain text; Tab moves on (keyboard-first), leaving it counts as finishing."""

    editing_finished = Signal()

    def __init__(self, parent: QWidget | None = None, *, lines: int = 3, grow: bool = False):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._lines = lines
        self.setMinimumHeight(self._height(min(lines, 2)))
        vertical = QSizePolicy.Policy.Expanding if grow else QSizePolicy.Policy.Preferred
        self.setSizePolicy(QSizePolicy.Policy.Expanding, vertical)

    def _height(self, lines: int) -> int:
        return self.fontMetrics().lineSpacing() * lines + 2 * self.frameWidth() + 12

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height(self._lines))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()


class Field:
    """One control bound to one column. Subclasses adapt a Qt widget."""

    def __init__(self, key: str, widget: QWidget, label: str):
        self.key = key
        self.widget = widget
        self.invalid = False
        widget.setAccessibleName(label)
        self._description = widget.accessibleDescription()
        self.on_finished: Callable[["Field"], None] = lambda field: None

    def describe(self, text: str) -> None:
        """The accessible description (and tooltip) shown while the field is valid."""
        self._description = text
        self.widget.setToolTip(text)  # our own text, never the user's
        if not self.invalid:
            self.widget.setAccessibleDescription(text)

    def value(self) -> Any:
        raise NotImplementedError

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def dirty(self) -> bool:
        return False

    def mark_clean(self) -> None:
        pass

    def show(self, value: Any) -> None:
        """Show a value from the file (never a user's edit): no signals, clean, not invalid."""
        with QSignalBlocker(self.widget):
            self._show(value)
        self.mark_clean()
        self.set_invalid(None)

    def set_invalid(self, message: str | None) -> None:
        self.invalid = message is not None
        self.widget.setStyleSheet(INVALID_STYLE if self.invalid else "")
        self.widget.setAccessibleDescription(message if self.invalid else self._description)

    def set_read_only(self, read_only: bool) -> None:
        self.widget.setEnabled(not read_only)

    def _finished(self) -> None:
        self.on_finished(self)


class LineField(Field):
    def __init__(self, key: str, label: str, *, placeholder: str = "",
                 normalise: Callable[[str], str] = lambda text: text):
        super().__init__(key, QLineEdit(), label)
        self.edit: QLineEdit = self.widget
        self.edit.setMaxLength(LINE_MAX_LENGTH)
        self.edit.setPlaceholderText(placeholder)
        self.normalise = normalise
        self.edit.editingFinished.connect(self._finished)

    def value(self) -> str:
        return self.normalise(self.edit.text())

    def _show(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.edit.text() != text:  # leave the cursor alone when nothing changes
            self.edit.setText(text)
            self.edit.setCursorPosition(0)

    def dirty(self) -> bool:
        return self.edit.isModified()

    def mark_clean(self) -> None:
        self.edit.setModified(False)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class TextField(Field):
    def __init__(self, key: str, label: str, *, lines: int = 3, placeholder: str = "", grow: bool = False):
        super().__init__(key, PlainTextEdit(lines=lines, grow=grow), label)
        self.edit: PlainTextEdit = self.widget
        self.edit.setPlaceholderText(placeholder)
        self.edit.editing_finished.connect(self._finished)

    def value(self) -> str:
        return editor_text(self.edit)

    def _show(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))  # plain text, never markup

    def dirty(self) -> bool:
        return self.edit.document().isModified()

    def mark_clean(self) -> None:
        self.edit.document().setModified(False)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class MinutesField(Field):
    def __init__(self, key: str, label: str):
        spin = QSpinBox()
        spin.setRange(0, 24 * 60)
        spin.setSuffix(" min")
        spin.setAccelerated(True)
        super().__init__(key, spin, label)
        self.spin: QSpinBox = spin
        self._dirty = False
        spin.valueChanged.connect(self._changed)
        spin.editingFinished.connect(self._finished)

    def _changed(self) -> None:
        self._dirty = True
        if not self.spin.hasFocus():  # arrows clicked or wheel turned without focus: save now
            self._finished()

    def value(self) -> int:
        return self.spin.value()

    def _show(self, value: Any) -> None:
        self.spin.setValue(int(value or 0))

    def dirty(self) -> bool:
        return self._dirty

    def mark_clean(self) -> None:
        self._dirty = False

    def set_read_only(self, read_only: bool) -> None:
        self.spin.setReadOnly(read_only)


class ChoiceField(Field):
    """A fixed list of (data, label). Choosing saves at once: there is nothing to finish."""

    def __init__(self, key: str, label: str, choices: list[tuple[Any, str]] = ()):
        super().__init__(key, QComboBox(), label)
        self.combo: QComboBox = self.widget
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(12)
        self.set_choices(choices)
        self.combo.activated.connect(lambda _index: self._finished())

    def set_choices(self, choices) -> None:
        """Replace the list, keeping the current choice where it still exists."""
        current = self.value()
        self._values = [data for data, _text in choices]
        with QSignalBlocker(self.combo):
            self.combo.clear()
            self.combo.addItems([text for _data, text in choices])  # combo items are plain text
            self._show(current)

    def value(self) -> Any:
        index = self.combo.currentIndex()
        return self._values[index] if 0 <= index < len(getattr(self, "_values", ())) else None

    def _show(self, value: Any) -> None:
        index = self._values.index(value) if value in self._values else 0
        self.combo.setCurrentIndex(index if self._values else -1)
