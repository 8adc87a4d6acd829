"""User text to reportlab markup, safely (ARCHITECTURE.md rule 7).

Everything a user typed reaches a Paragraph only through `markup()`: control characters are
stripped, the text is escaped with `xml.sax.saxutils.escape`, newlines become `<br/>`, and each run
is wrapped in a `<font face=…>` tag naming one of our bundled fonts. So `<img src=…>`,
`<a href=…>`, `<font size=300>`, `&bogus;` and an unbalanced `<b>` all print literally.

`Markup` marks strings that are safe to hand to reportlab; only this module makes them from text.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape as _xml_escape

from facilitator.pdf import fonts

# C0 and C1 controls other than newline and tab (tab becomes a space below).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Format characters we keep: zero-width (non-)joiners shape Arabic and Indic text correctly.
_KEEP_FORMAT = {"\u200c", "\u200d"}
# Non-characters and lone surrogates cannot be encoded or drawn.
_BAD = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


class Markup(str):
    """reportlab paragraph markup that is safe: made by `markup()`, `literal()` or `join()` only.

    `shaped` says a run needs harfbuzz shaping; `rtl` says the first strong character reads right
    to left (the paragraph is then right-aligned and its lines reordered for display).
    """

    shaped: bool = False
    rtl: bool | None = None  # None: no strong character at all

    def __add__(self, other):  # pragma: no cover - guard against accidental unsafe concatenation
        if not isinstance(other, Markup):
            raise TypeError("Markup can only be joined with Markup; escape text with markup() first")
        return join(self, other)


def _make(text: str, shaped: bool, rtl: bool | None) -> Markup:
    made = Markup(text)
    made.shaped = shaped
    made.rtl = rtl
    return made


def clean(text: object) -> str:
    """Plain text fit for printing: NFC, newlines kept, tabs as spaces, controls and format marks gone."""
    if text is None:
        return ""
    text = str(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _BAD.sub(fonts.REPLACEMENT, text)
    text = _CONTROLS.sub("", text)
    if not text.isascii():
        text = "".join(c for c in text if c in _KEEP_FORMAT or unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFC", text)


def escape(text: object) -> str:
    """Rule 7 for one font: strip control characters, xml-escape, then newline → <br/>."""
    return _xml_escape(clean(text)).replace("\n", "<br/>")


def markup(text: object, *, bold: bool = False, italic: bool = False) -> Markup:
    """User (or our own) text as safe markup, one bundled font per run, newlines kept."""
    text = clean(text)
    lines = text.split("\n")
    found_lines = [fonts.runs(line) for line in lines]
    shaped = any(fonts.needs_shaping(found) for found in found_lines)
    parts = []
    for found in found_lines:
        if shaped:
            found = fonts.separate_mixed_words(found)
        parts.append("".join(
            f'<font face="{run.family.name(bold, italic)}">{_xml_escape(run.text)}</font>' for run in found
        ))
    rtl = None
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL", "L"):
            rtl = direction != "L"
            break
    return _make("<br/>".join(parts), shaped, rtl)


def literal(markup_text: str) -> Markup:
    """Our own fixed markup (tags we wrote, never user text)."""
    return _make(markup_text, False, None)


def join(*parts: Markup, sep: Markup | None = None) -> Markup:
    for part in parts:
        if not isinstance(part, Markup):
            raise TypeError("join() takes Markup only; escape text with markup() first")
    text = (sep or "").join(parts)
    rtl = next((p.rtl for p in parts if p.rtl is not None), None)
    return _make(text, any(p.shaped for p in parts), rtl)


def wrap(tag_open: str, content: Markup, tag_close: str) -> Markup:
    """Put our own tags (e.g. '<font color="#555555">' … '</font>') around safe markup."""
    if not isinstance(content, Markup):
        raise TypeError("wrap() takes Markup only")
    return _make(tag_open + content + tag_close, content.shaped, content.rtl)


def plain_width_text(text: object) -> str:
    """Clean text without markup, for canvas.drawString (header and footer)."""
    return clean(text).replace("\n", " ")
