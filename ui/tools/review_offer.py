"""A slim banner offering a "Review actions" agenda item when earlier actions are still open.

"The next session in the series starts with ... the open actions to review." The banner shows
only when the session has actions open from earlier sessions and no review item yet; one click
(or Enter on the button) adds it after the welcome, and Ctrl+Z takes it away again, which brings
the banner back. "Not now" hides it until another session is chosen.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from facilitator import queries
from facilitator.analysis.follow_up import open_action_count_before
from facilitator.changes import Changes
from facilitator.errors import NotFoundError
from facilitator.operations import follow_up
from ui.document import Document
from ui.tools.common import apply, button, plain_label

WATCHED = frozenset({"action", "action_status_change", "agenda_item", "session"})


def offer_text(count: int) -> str:
    noun = "action is" if count == 1 else "actions are"
    return f"{count} {noun} open from earlier sessions."


class ReviewOffer(QFrame):
    added = Signal(int)  # the review item's id (the main window may jump to it)

    def __init__(self, document: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Review actions offer")
        self.setObjectName("reviewOffer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#reviewOffer { background: palette(alternate-base); border: 1px solid palette(mid);"
                           " border-radius: 4px; }")
        self.document = document
        self.session_id: int | None = None
        self.open_count = 0
        self.offered = False
        self._dismissed = False
        self.label = plain_label(name="Open actions from earlier sessions", wrap=True, bold=True, parent=self)
        self.add_button = button("Add a Review actions item",
                                 "Put a “Review actions” item on this session's agenda, after the welcome "
                                 "(Ctrl+Z takes it away)", self.add_review_item, self)
        self.dismiss_button = button("Not now", "Hide this until another session is chosen", self.dismiss, self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        layout.addWidget(plain_label("ⓘ", name="Information", wrap=False, parent=self))
        layout.addWidget(self.label, 1)
        layout.addWidget(self.add_button)
        layout.addWidget(self.dismiss_button)
        document.changed.connect(self._on_changed)
        self.set_session(None)

    def set_session(self, session_id: int | None) -> None:
        self.session_id = session_id
        self._dismissed = False
        self.update_offer()

    def relevant(self) -> bool:
        """Open actions from earlier sessions, and no review item on this session's agenda yet."""
        if self.session_id is None or self.document.pf.closed:
            return False
        pf = self.document.pf
        try:
            self.open_count = open_action_count_before(pf, self.session_id)
        except NotFoundError:
            return False
        kinds = {item["kind"] for item in queries.agenda_items(pf, self.session_id)}
        return self.open_count > 0 and follow_up.REVIEW_KIND not in kinds

    def update_offer(self) -> None:
        self.offered = self.relevant() and not self._dismissed and not self.document.read_only
        self.label.setText(offer_text(self.open_count) if self.offered else "")
        if self.parentWidget() is not None or not self.offered:  # never pop up as a window of its own
            self.setVisible(self.offered)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*WATCHED):
            self.update_offer()

    def add_review_item(self) -> int | None:
        if self.session_id is None:
            return None
        changes, message = apply(self.document, follow_up.add_review_item, session_id=self.session_id)
        if changes is None:
            self.label.setText(message)
            return None
        self.update_offer()
        if changes.new_id is not None:
            self.added.emit(changes.new_id)
        return changes.new_id

    def dismiss(self) -> None:
        self._dismissed = True
        self.update_offer()
