"""Keeps what is typed in the capture box as a draft on disk, so a crash mid-sentence loses nothing.

Saved a moment after the last key (not on every key, to spare the disk) and cleared once the
contribution is stored; offered back, in the box itself, when the session is opened again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLineEdit

from facilitator.drafts import load_draft, save_draft

SAVE_AFTER_MS = 300


class DraftKeeper(QObject):
    def __init__(self, box: QLineEdit, parent: QObject | None = None):
        super().__init__(parent)
        self.box = box
        self.path: Path | None = None
        self.session_id: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_AFTER_MS)
        self._timer.timeout.connect(self.save_now)
        box.textEdited.connect(lambda _text: self._timer.start())

    def switch(self, path: Path | None, session_id: int | None) -> str:
        """Save the old session's draft, then put the new session's draft (if any) in the box."""
        self.save_now()
        self.path, self.session_id = path, session_id
        draft = load_draft(path, session_id) if path is not None and session_id is not None else None
        restored = draft.text if draft is not None else ""
        self.box.setText(restored)
        return restored

    def save_now(self) -> bool:
        self._timer.stop()
        if self.path is None or self.session_id is None:
            return False
        return save_draft(self.path, self.session_id, self.box.text())

    def stored(self) -> None:
        """The box's text became a contribution: no draft to keep."""
        self._timer.stop()
        if self.path is not None and self.session_id is not None:
            save_draft(self.path, self.session_id, "")
