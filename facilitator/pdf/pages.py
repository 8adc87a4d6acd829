"""Page templates: paper sizes, margins, running header and footer, and "Page X of Y".

The first page carries the title block instead of a running header. A landscape template is used
for a responsibility matrix too wide for portrait. "Page X of Y" needs the page count before it can
be drawn, so the canvas keeps each page until the document is complete (`NumberedCanvas`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from facilitator.pdf import fonts
from facilitator.pdf.styles import Stylesheet

PAPERS = {"a4": A4, "letter": LETTER}


@dataclass(frozen=True)
class Margins:
    left: float = 18 * mm
    right: float = 18 * mm
    top: float = 20 * mm  # the running header sits inside this band
    bottom: float = 18 * mm  # the footer sits inside this band


MARGINS = Margins()


def frame_size(paper: str, *, rotated: bool = False) -> tuple[float, float]:
    width, height = PAPERS[paper]
    if rotated:
        width, height = landscape((width, height))
    return width - MARGINS.left - MARGINS.right, height - MARGINS.top - MARGINS.bottom


_fitted: dict[tuple[str, str, float], str] = {}


def one_line(sheet: Stylesheet, text: str, style: str, width: float):
    """A paragraph of `text` cut to one line with "…" (running heads must never grow off the page)."""
    text = " ".join(str(text).split())
    key = (text, style, round(width, 2))
    fitted = _fitted.get(key)
    if fitted is None:
        fitted = _fit(sheet, text, style, width)
        if len(_fitted) > 256:
            _fitted.clear()
        _fitted[key] = fitted
    paragraph = sheet.p(fitted, style)
    paragraph.wrap(width, 100)
    return paragraph


def _lines(sheet: Stylesheet, text: str, style: str, width: float) -> int:
    paragraph = sheet.p(text, style)
    paragraph.wrap(width, 1000)
    return len(paragraph.blPara.lines)


def _fit(sheet: Stylesheet, text: str, style: str, width: float) -> str:
    if _lines(sheet, text, style, width) <= 1:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that still fits on one line
        middle = (low + high + 1) // 2
        if _lines(sheet, text[:middle].rstrip() + "…", style, width) <= 1:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


class NumberedCanvas(pdfcanvas.Canvas):
    """A canvas that holds its pages back until save(), then writes "Page X of Y" on each."""

    footer_font = fonts.SANS.name()
    footer_size = 7.5
    footer_colour = (0.333, 0.357, 0.38)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict] = []

    def showPage(self):
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved_pages)
        for number, state in enumerate(self._saved_pages, 1):
            self.__dict__.update(state)
            self._draw_page_number(number, total)
            super().showPage()
        super().save()

    def _draw_page_number(self, number: int, total: int) -> None:
        width, _ = self._pagesize
        self.saveState()
        self.setFont(self.footer_font, self.footer_size)
        self.setFillColorRGB(*self.footer_colour)
        self.drawRightString(width - MARGINS.right, MARGINS.bottom - 9 * mm, f"Page {number} of {total}")
        self.restoreState()


class SummaryDocument(BaseDocTemplate):
    """The handout's page templates: 'first', 'portrait' and 'landscape'."""

    def __init__(self, target, *, paper: str, sheet: Stylesheet, header_left, header_right, footer_left,
                 progress: Callable[[float], None] | None = None, **metadata):
        self.paper = paper
        self.sheet = sheet
        self.header_left = header_left  # Markup
        self.header_right = header_right
        self.footer_left = footer_left
        self._progress = progress
        self._total = 0
        self._reported = 0.0
        size = PAPERS[paper]
        super().__init__(
            target, pagesize=size, leftMargin=MARGINS.left, rightMargin=MARGINS.right,
            topMargin=MARGINS.top, bottomMargin=MARGINS.bottom,
            initialFontName=fonts.SANS.name(), initialFontSize=10, initialLeading=12,  # no stray Helvetica
            **metadata,
        )
        self.addPageTemplates([
            self._template("first", size, header=False),
            self._template("portrait", size, header=True),
            self._template("landscape", landscape(size), header=True),
        ])

    def _template(self, name: str, size, *, header: bool) -> PageTemplate:
        width, height = size
        frame = Frame(MARGINS.left, MARGINS.bottom, width - MARGINS.left - MARGINS.right,
                      height - MARGINS.top - MARGINS.bottom, id=f"{name}-body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        following = "portrait" if name == "first" else name
        return PageTemplate(id=name, frames=[frame], pagesize=size, autoNextPageTemplate=following,
                            onPage=lambda c, d: self._decorate(c, size, header))

    def _decorate(self, canv, size, header: bool) -> None:
        width, height = size
        pal = self.sheet.palette
        inner = width - MARGINS.left - MARGINS.right
        canv.saveState()
        if header:
            y = height - MARGINS.top + 7 * mm
            left = one_line(self.sheet, self.header_left, "running", inner * 0.58)
            right = one_line(self.sheet, self.header_right, "running_right", inner * 0.4)
            left.drawOn(canv, MARGINS.left, y)
            right.drawOn(canv, MARGINS.left + inner * 0.6, y)
            canv.setStrokeColor(pal.rule)
            canv.setLineWidth(0.5)
            canv.line(MARGINS.left, y - 2.5, width - MARGINS.right, y - 2.5)
        footer_y = MARGINS.bottom - 9 * mm
        canv.setStrokeColor(pal.grid)
        canv.setLineWidth(0.5)
        canv.line(MARGINS.left, footer_y + 10, width - MARGINS.right, footer_y + 10)
        left = one_line(self.sheet, self.footer_left, "running", inner * 0.75)
        left.drawOn(canv, MARGINS.left, footer_y)
        canv.restoreState()

    # Progress ----------------------------------------------------------------------------------

    def build(self, flowables, **kwargs):
        self._total = max(1, len(flowables))
        self._story = flowables
        kwargs.setdefault("canvasmaker", NumberedCanvas)
        super().build(flowables, **kwargs)

    def handle_flowable(self, flowables):
        if self._progress is not None and flowables is self._story:
            done = 1 - len(flowables) / self._total
            if done > self._reported + 0.01:
                self._reported = done
                self._progress(done)
        super().handle_flowable(flowables)
