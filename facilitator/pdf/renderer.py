"""The session summary renderer: fonts, stylesheet, page templates and story, then an atomic write.

`SummaryRenderer` draws a `SessionSummary` (plain data, see summary_data.py); each step is a method a
subclass may override, in the manner of pretix's invoice renderers. `export_session_pdf` is the
function the CLI and the app call.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Callable

from facilitator import __version__
from facilitator.errors import FacilitatorError, ValidationError
from facilitator.pdf import fonts
from facilitator.pdf import summary_data as sd
from facilitator.pdf.escaping import plain_width_text
from facilitator.pdf.pages import PAPERS, SummaryDocument, frame_size
from facilitator.pdf.sections import Frames, Sections
from facilitator.pdf.styles import Stylesheet

Progress = Callable[[float], None]


class PdfExportError(FacilitatorError):
    """The PDF could not be written (disk full, folder missing, no permission...)."""


def check_paper(paper: str) -> str:
    key = (paper or "").strip().lower()
    if key not in PAPERS:
        raise ValidationError(f"Unknown paper size “{paper}”: use a4 or letter.")
    return key


class SummaryRenderer:
    """Turns one SessionSummary into a PDF. Override a hook to change one part of the handout."""

    SECTION_ORDER = ("title_block", "attendance", "agenda", "values", "contributions", "health", "decisions",
                     "matrix", "carried", "parking", "next_session")

    def __init__(self, summary: sd.SessionSummary, *, paper: str = "a4"):
        self.summary = summary
        self.paper = check_paper(paper)
        fonts.register_fonts()
        self.sheet = self.stylesheet()
        portrait = frame_size(self.paper)
        rotated = frame_size(self.paper, rotated=True)
        self.sections = Sections(self.sheet, Frames(portrait[0], portrait[1], rotated[0], rotated[1]))

    # Hooks -------------------------------------------------------------------------------------

    def stylesheet(self) -> Stylesheet:
        return Stylesheet()

    def metadata(self) -> dict:
        s = self.summary
        info = s.session
        when = sd.long_date(info.date) if info.date else ""
        title = f"{info.title} — session summary"
        subject = f"Summary of “{info.title}”" + (f", {when}" if when else "") + (f", {s.partnership}" if s.partnership else "")
        return {
            "title": plain_width_text(title),
            "author": plain_width_text(info.facilitator or s.partnership or "Facilitator"),
            "subject": plain_width_text(subject),
            "creator": f"Facilitator {__version__}",
            "keywords": ["session summary", "partnership"],
            "lang": "en-GB",
        }

    def running_heads(self) -> tuple[str, str, str]:
        s = self.summary
        info = s.session
        right = info.title + (f" · {sd.short_date(info.date)}" if info.date else "")
        return s.partnership or info.title, right, f"Session summary: {right}"

    def story(self) -> list:
        flowables = []
        for name in self.SECTION_ORDER:
            flowables += getattr(self.sections, name)(self.summary)
        return flowables

    # Rendering ---------------------------------------------------------------------------------

    def render(self, target, progress: Progress | None = None) -> None:
        """Write the PDF to `target` (a path or a binary file object)."""
        story = self.story()
        if progress:
            progress(0.25)
        left, right, footer = self.running_heads()
        document = SummaryDocument(
            target, paper=self.paper, sheet=self.sheet, header_left=left, header_right=right, footer_left=footer,
            progress=(lambda done: progress(0.25 + 0.7 * done)) if progress else None, **self.metadata(),
        )
        document.build(story)


def render_summary(summary: sd.SessionSummary, out_path: os.PathLike | str, *, paper: str = "a4",
                   progress: Progress | None = None) -> Path:
    """Render to a hidden file beside `out_path`, then rename it into place: a failed export never
    leaves half a PDF, nor replaces a good one."""
    out = Path(out_path)
    renderer = SummaryRenderer(summary, paper=paper)
    temp = out.with_name(f".~{out.name}.partial")
    try:
        with open(temp, "wb") as handle:
            renderer.render(handle, progress)
        os.replace(temp, out)
    except OSError as error:
        raise PdfExportError(f"Could not write “{out.name}”: {error.strerror or error}.") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    if progress:
        progress(1.0)
    return out


def export_session_pdf(pf, session_id, out_path: os.PathLike | str, *, paper: str = "a4",
                       progress: Progress | None = None) -> Path:
    """Write the PDF summary of one session (an id, or "latest"/None for the latest) to `out_path`.

    `progress(fraction)` is called now and then with a number from 0 to 1, so a UI thread can show
    progress; it is called from the thread doing the export. Returns the path written.
    """
    check_paper(paper)
    if progress:
        progress(0.0)
    session = sd.resolve_session(pf, session_id)
    summary = sd.gather(pf, session)
    if progress:
        progress(0.1)
    return render_summary(summary, out_path, paper=paper, progress=progress)
