"""Our flowables: paragraphs that know their scripts, rating shapes, rotated column labels.

`para()` is the one way the PDF makes a Paragraph: it takes only `Markup` (see escaping.py), turns
on harfbuzz shaping where a run needs it, and right-aligns text that reads right to left.
`TextParagraph` reorders right-to-left runs line by line when it draws, so Arabic and Hebrew
words read in the right order even when a sentence wraps onto several lines.
"""

from __future__ import annotations

import re
import unicodedata
from copy import copy

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from facilitator.pdf import fonts
from facilitator.pdf.escaping import Markup

_TOKENS = re.compile(r"\s+|\S+")
_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")
_style_variants: dict[tuple[int, bool], ParagraphStyle] = {}


def _rtl_font_names() -> frozenset:
    names = set()
    for fam in fonts.FAMILIES:
        if fam.rtl:
            names.update(fam.name(b, i) for b in (False, True) for i in (False, True))
    return frozenset(names)


_RTL_FONTS = _rtl_font_names()


def shaped_style(style: ParagraphStyle, rtl: bool) -> ParagraphStyle:
    """A copy of `style` with shaping on (and right alignment for right-to-left paragraphs)."""
    key = (id(style), rtl)
    found = _style_variants.get(key)
    if found is None or found.parent is not style:
        found = ParagraphStyle(f"{style.name}-shaped{'-rtl' if rtl else ''}", parent=style, shaping=1)
        if rtl and style.alignment == TA_LEFT:
            found.alignment = TA_RIGHT
        found.facilitator_bidi = True
        _style_variants[key] = found
    return found


def para(text: Markup, style: ParagraphStyle) -> Paragraph:
    """The one way we make a Paragraph: from safe Markup only."""
    if not isinstance(text, Markup):
        raise TypeError("para() takes Markup; escape user text with escaping.markup()")
    if text.shaped and fonts.SHAPING_AVAILABLE:
        style = shaped_style(style, bool(text.rtl))
        return TextParagraph(text, style, rtl=bool(text.rtl))
    return Paragraph(text, style)


class TextParagraph(Paragraph):
    """A Paragraph with shaped runs: right-to-left runs are put in visual order as each line is drawn.

    The reordering is done only on a copy of the lines at draw time, so splitting across pages (which
    rebuilds paragraphs from the logical-order lines) is unaffected. Neutral characters between two
    right-to-left words join them, and brackets among them are mirrored.
    """

    def __init__(self, text, style, *args, rtl: bool = False, **kwargs):
        self.rtl = rtl
        super().__init__(text, style, *args, **kwargs)

    def drawPara(self, debug=0):
        blPara = self.blPara
        if getattr(blPara, "kind", 0) != 1 or not any(self._line_has_rtl(line) for line in blPara.lines):
            return super().drawPara(debug)
        visual = blPara.clone()
        visual.lines = [self._visual_line(line) for line in blPara.lines]
        self.blPara = visual
        try:
            return super().drawPara(debug)
        finally:
            self.blPara = blPara

    @staticmethod
    def _line_has_rtl(line) -> bool:
        return any(getattr(f, "fontName", None) in _RTL_FONTS for f in getattr(line, "words", ()))

    def _visual_line(self, line):
        tokens = []  # [frag, text, kind]: kind R (right to left), L, N (neutral), W (space)
        for frag in line.words:
            text = getattr(frag, "text", None)
            if text is None or hasattr(frag, "cbDefn"):
                tokens.append([frag, text, "L"])
                continue
            rtl_font = frag.fontName in _RTL_FONTS
            for match in _TOKENS.finditer(str(text)):
                piece = text[match.start():match.end()]
                if piece.isspace():
                    kind = "W"
                elif rtl_font:
                    kind = "R"
                elif all(unicodedata.category(c)[0] in "PSNZ" for c in str(piece)):
                    kind = "N"
                else:
                    kind = "L"
                tokens.append([frag, piece, kind])
        base = "R" if self.rtl else "L"
        original = [t[2] for t in tokens]
        _resolve_neutrals(tokens, base)
        forced = _pair_brackets(tokens, base)
        if forced:  # brackets paired around right-to-left text count as strong R; resolve again
            for token, kind in zip(tokens, original):
                token[2] = kind
            for index in forced:
                tokens[index][2] = "R"
            _resolve_neutrals(tokens, base)
        if base == "L":
            order = _reverse_runs(tokens, "R")
        else:
            order = _reverse_runs(list(reversed(tokens)), "L")
        words = []
        for frag, piece, kind in order:
            if piece is None:
                words.append(frag)
                continue
            if kind == "R" and frag.fontName not in _RTL_FONTS:
                mirrored = str(piece).translate(_MIRROR)  # brackets face the other way in right-to-left text
                if mirrored != str(piece):
                    piece = mirrored
            words.append(frag.clone(text=piece))
        new_line = line.clone() if hasattr(line, "clone") else copy(line)
        new_line.words = words
        return new_line


_OPENING = {"(": ")", "[": "]", "{": "}"}


def _resolve_neutrals(tokens: list, base: str) -> None:
    """Spaces and neutral tokens take the direction of the strong tokens on both sides, else the base."""
    strong = [i for i, t in enumerate(tokens) if t[2] in "RL"]
    for index, token in enumerate(tokens):
        if token[2] in "NW":
            before = next((tokens[i][2] for i in reversed(strong) if i < index), base)
            after = next((tokens[i][2] for i in strong if i > index), base)
            token[2] = before if before == after else base


def _pair_brackets(tokens: list, base: str) -> list[int]:
    """Unicode bidi rule N0, simplified: a bracket pair around right-to-left text, after right-to-left
    text, reads right to left as a pair (so "(…)" is reversed and mirrored together). Returns the
    indexes of the brackets to treat as right to left."""
    forced = []
    stack = []
    for index, token in enumerate(tokens):
        text = str(token[1] or "").strip()
        if token[2] == "R" and len(text) > 1:
            continue  # brackets inside shaped words are handled by the shaper
        if text in _OPENING:
            stack.append((index, _OPENING[text]))
        elif text in _OPENING.values() and stack and stack[-1][1] == text:
            start, _ = stack.pop()
            inside = {t[2] for t in tokens[start + 1:index] if t[2] in "RL" and str(t[1] or "").strip()}
            before = next((t[2] for t in reversed(tokens[:start]) if t[2] in "RL" and str(t[1] or "").strip()), base)
            if "R" in inside and ("L" not in inside or base == "R") and (before == "R" or base == "R"):
                forced += [start, index]
    return forced


def _reverse_runs(tokens: list, kind: str) -> list:
    """Reverse every maximal stretch of tokens of `kind`, leaving the rest in place."""
    out, stretch = [], []
    for token in tokens:
        if token[2] == kind:
            stretch.append(token)
        else:
            out.extend(reversed(stretch))
            stretch = []
            out.append(token)
    out.extend(reversed(stretch))
    return out


class RatingMark(Flowable):
    """A small vector shape for a rating, so a rating is never told by colour alone.

    RAG: red = square, amber = triangle, green = circle (filled dark, mid and light grey tones
    that survive greyscale printing). Five-point scale: five dots, as many filled as the rating.
    """

    SIZE = 7.5

    def __init__(self, scale: str, value: float | None, colours: dict):
        super().__init__()
        self.scale = scale
        self.value = value
        self.colours = colours
        self.width = self.SIZE if scale == "rag" else 5 * (self.SIZE * 0.75) + 4 * 1.6
        self.height = self.SIZE

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        c = self.canv
        s = self.SIZE
        c.saveState()
        c.setLineWidth(0.6)
        c.setStrokeColor(self.colours["ink"])
        if self.value is None:
            c.setDash(1, 1.2)
            c.circle(s / 2, s / 2, s / 2 - 0.5, stroke=1, fill=0)
        elif self.scale == "rag":
            level = max(1, min(3, round(self.value)))
            c.setFillColor(self.colours[{1: "red", 2: "amber", 3: "green"}[level]])
            if level == 1:
                c.rect(0.4, 0.4, s - 0.8, s - 0.8, stroke=1, fill=1)
            elif level == 2:
                p = c.beginPath()
                p.moveTo(s / 2, s - 0.2)
                p.lineTo(s - 0.2, 0.4)
                p.lineTo(0.2, 0.4)
                p.close()
                c.drawPath(p, stroke=1, fill=1)
            else:
                c.circle(s / 2, s / 2, s / 2 - 0.4, stroke=1, fill=1)
        else:
            d = s * 0.75
            filled = round(self.value)
            for i in range(5):
                c.setFillColor(self.colours["ink"] if i < filled else self.colours["paper"])
                c.circle(i * (d + 1.6) + d / 2, s / 2, d / 2, stroke=1, fill=1)
        c.restoreState()


class RotatedLabel(Flowable):
    """A paragraph turned 90° anticlockwise, for the responsibility matrix's organisation columns."""

    def __init__(self, paragraph: Paragraph, width: float, height: float):
        super().__init__()
        self.paragraph = paragraph
        self.width = width
        self.height = height

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        w, h = self.paragraph.wrap(self.height - 2, 1000)
        c.rotate(90)
        # After rotating, x runs up the page and y runs left; centre the lines in the column.
        c.translate(0, -self.width + (self.width - h) / 2)
        self.paragraph.drawOn(c, 0, 0)
        c.restoreState()
