"""Shared fixtures and helpers for the partnership-tools UI tests (tests/ui/test_tools_*.py).

Every test that changes data closes the file and opens it again, to check what is on disk.
"""

from __future__ import annotations

import contextlib
import re
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from facilitator.sample import write_sample
from facilitator.storage.partnership_file import PartnershipFile
from ui.document import Document

HOSTILE = "<img src=x> <b>Bold</b>"
RESERVED_LETTERS = set("FEVSHPR") | set("ADK")  # menus, Plan/Run tabs, and the tabs these pages become


@pytest.fixture
def sample(tmp_path):
    """The shipped sample partnership, copied to a temporary file and opened through a Document."""
    path = tmp_path / "sample.facilitator"
    write_sample(path)
    document = Document(PartnershipFile.open(path))
    failures: list[str] = []
    document.failed.connect(failures.append)
    yield SimpleNamespace(path=path, document=document, pf=document.pf, failures=failures)
    if not document.pf.closed:
        document.close()


@contextlib.contextmanager
def reopen(sample):
    """Close the file the widgets use and open it again: we check the disk, not a cache."""
    if not sample.document.pf.closed:
        sample.document.close()
    pf = PartnershipFile.open(sample.path)
    try:
        yield pf
    finally:
        pf.close()


def show(qtbot, widget: QWidget, size=(1366, 768)) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def focus(qtbot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def column_texts(view: QAbstractItemView, column: int = 0) -> list[str]:
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _inside_a_compound(widget: QWidget) -> bool:
    """A combo box's list or a spin box's line: parts of a control that is named itself."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox)):
            return True
        parent = parent.parentWidget()
    return False


def controls(widget: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QAbstractItemView)
    return [w for w in widget.findChildren(QWidget) if isinstance(w, kinds)
            and not _inside_a_compound(w)
            and not w.objectName().startswith("qt_")  # Qt's own hidden parts (corner button...)
            and not isinstance(w, QHeaderView)  # a table's header is named by its table
            and w.parentWidget() is not None]  # completer popups are windows, named when made


def unnamed_controls(widget: QWidget) -> list[str]:
    return [f"{type(w).__name__} {w.objectName()!r}" for w in controls(widget) if not w.accessibleName()]


def labels_are_plain(widget: QWidget) -> list[str]:
    """Texts of labels that would interpret markup (there must be none)."""
    return [label.text() for label in widget.findChildren(QLabel) if label.textFormat() != Qt.TextFormat.PlainText]


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).upper() if found else None


def mnemonics(widget: QWidget) -> list[str]:
    texts = [label.text() for label in widget.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in widget.findChildren(QAbstractButton)]
    return [m for m in map(mnemonic, texts) if m]
