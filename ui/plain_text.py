"""User text is plain text everywhere (ARCHITECTURE.md rule 7). Helpers for the places Qt guesses.

Tooltips are rendered as rich text whenever Qt thinks they look like it, so we always hand Qt
rich text we built ourselves, with the user's text escaped inside it.
"""

from __future__ import annotations

import html

# A QLineEdit keeps at most 32,767 characters unless told otherwise, and silently cuts longer text
# (a long paste). The core accepts up to 1,000,000 (MAX_TEXT in facilitator/operations/_rules.py),
# so every line edit that takes user text raises its limit to that.
LINE_MAX_LENGTH = 1_000_000


def tooltip_html(text: str) -> str:
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"


def editor_text(edit) -> str:
    """What a QPlainTextEdit holds, as typed, with each line break as a newline character.

    toPlainText() also turns no-break spaces (U+00A0) into ordinary spaces, so text with one was
    changed when saved (and saved again, changed, when the field was merely left)."""
    return edit.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")


def one_line(text: str, limit: int = 120) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
