"""The PDF session summary: a handout of one session, from the Qt-free core.

    from facilitator.pdf import export_session_pdf
    export_session_pdf(pf, "latest", "summary.pdf", paper="a4", progress=print)

Modules: `summary_data` reads what the PDF shows into plain data; `escaping` turns user text into
safe markup; `fonts` registers the bundled fonts and picks one per run of text; `styles` is the
stylesheet; `flowables` our paragraph, rating shapes and rotated labels; `sections` builds each
section; `pages` the page templates; `renderer` puts it together and writes the file atomically.
"""

from facilitator.pdf.renderer import PdfExportError, SummaryRenderer, export_session_pdf, render_summary
from facilitator.pdf.summary_data import gather, resolve_session

__all__ = ["PdfExportError", "SummaryRenderer", "export_session_pdf", "gather", "render_summary", "resolve_session"]
