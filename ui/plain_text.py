"""User text is plain text everywhere (ARCHITECTURE.md rule 7). Helpers for the places Qt guesses.

Tooltips are rendered as rich text whenever Qt thinks they look like it, so we always hand Qt
rich text we built ourselves, with the user's text escaped inside it.
"""

from __future__ import annotations

import html


def tooltip_html(text: str) -> str:
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"


def one_line(text: str, limit: int = 120) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
