"""The PDF's layout, read back from the file: every piece of text lies inside the page margins.

`text_boxes` is a small interpreter of the page content streams (through pypdf): it follows the
graphics state (q/Q/cm) and text state (Tf, Tm, Td, TL, T*, Tc, Tw, Tz, Tj, TJ) and measures each
string with the embedded font's own /Widths, so rotated matrix labels and table cells are measured
where they are really drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from facilitator.pdf import demo_data, export_session_pdf
from facilitator.pdf.pages import MARGINS
from facilitator.storage.partnership_file import PartnershipFile

TOLERANCE = 0.75  # points


@dataclass
class Box:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float


def _mul(a, b):
    """Product of two PDF matrices [a b c d e f] (a applied first)."""
    return [
        a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _apply(m, x, y):
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _raw(string) -> bytes:
    """The bytes of a PDF string operand as written (pypdf may have decoded it to text)."""
    if isinstance(string, bytes):
        return bytes(string)
    return string.get_original_bytes()


def text_boxes(path) -> list[Box]:
    reader = PdfReader(str(path))
    boxes: list[Box] = []
    for number, page in enumerate(reader.pages, 1):
        fonts = {name: font.get_object() for name, font in page["/Resources"].get("/Font", {}).items()}
        widths = {}
        for name, font in fonts.items():
            first = int(font.get("/FirstChar", 0))
            widths[name] = (first, [float(w) for w in font.get("/Widths", [])])
        content = ContentStream(page.get_contents(), reader)
        ctm = [1, 0, 0, 1, 0, 0]
        stack = []
        tm = lm = [1, 0, 0, 1, 0, 0]
        font, size, leading, char_space, word_space, scale = None, 0.0, 0.0, 0.0, 0.0, 1.0

        def show(data: bytes, adjustments=()):
            nonlocal tm
            first, table = widths.get(font, (0, []))
            start = tm
            advance = 0.0
            for code in data:
                w = table[code - first] if 0 <= code - first < len(table) else 1000
                advance += (w / 1000 * size + char_space + (word_space if code == 32 else 0)) * scale
            for adjust in adjustments:
                advance -= adjust / 1000 * size * scale
            corners = [(0, -0.25 * size), (advance, -0.25 * size), (0, 0.9 * size), (advance, 0.9 * size)]
            device = _mul(start, ctm)
            points = [_apply(device, x, y) for x, y in corners]
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            if data.strip():
                boxes.append(Box(number, data.decode("latin-1"), min(xs), min(ys), max(xs), max(ys), size))
            tm = _mul([1, 0, 0, 1, advance, 0], tm)

        for operands, op in content.operations:
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop()
            elif op == b"cm":
                ctm = _mul([float(v) for v in operands], ctm)
            elif op == b"BT":
                tm = lm = [1, 0, 0, 1, 0, 0]
            elif op == b"Tf":
                font, size = operands[0], float(operands[1])
            elif op == b"Tm":
                tm = lm = [float(v) for v in operands]
            elif op in (b"Td", b"TD"):
                if op == b"TD":
                    leading = -float(operands[1])
                tm = lm = _mul([1, 0, 0, 1, float(operands[0]), float(operands[1])], lm)
            elif op == b"TL":
                leading = float(operands[0])
            elif op == b"T*":
                tm = lm = _mul([1, 0, 0, 1, 0, -leading], lm)
            elif op == b"Tc":
                char_space = float(operands[0])
            elif op == b"Tw":
                word_space = float(operands[0])
            elif op == b"Tz":
                scale = float(operands[0]) / 100
            elif op == b"Tj":
                show(_raw(operands[0]))
            elif op == b"'":
                tm = lm = _mul([1, 0, 0, 1, 0, -leading], lm)
                show(_raw(operands[0]))
            elif op == b"TJ":
                for item in operands[0]:
                    if isinstance(item, (int, float)) or hasattr(item, "as_numeric"):
                        tm = _mul([1, 0, 0, 1, -float(item) / 1000 * size * scale, 0], tm)
                    else:
                        show(_raw(item))
    return boxes


def assert_inside_margins(path) -> int:
    reader = PdfReader(str(path))
    sizes = {n: (float(p.mediabox.width), float(p.mediabox.height)) for n, p in enumerate(reader.pages, 1)}
    boxes = text_boxes(path)
    assert boxes, "no text found"
    outside = []
    for box in boxes:
        width, height = sizes[box.page]
        if (box.x0 < MARGINS.left - TOLERANCE or box.x1 > width - MARGINS.right + TOLERANCE
                or box.y0 < MARGINS.bottom - 12 * 2.835 or box.y1 > height - MARGINS.top + 12 * 2.835):
            outside.append(box)
    assert not outside, f"{len(outside)} pieces of text outside the margins, e.g. {outside[:3]}"
    return len(boxes)


def _export(tmp_path, document, session, name="out.pdf", paper="a4"):
    source = demo_data.write(document, tmp_path / f"{name}.facilitator")
    out = tmp_path / name
    with PartnershipFile.open(source, read_only=True) as pf:
        export_session_pdf(pf, session, out, paper=paper)
    return out


def test_the_interpreter_measures_what_reportlab_draws(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    from facilitator.pdf import fonts

    fonts.register_fonts()
    path = tmp_path / "probe.pdf"
    canvas = Canvas(str(path))
    canvas.setFont(fonts.SANS.name(), 20)
    canvas.drawString(100, 500, "Hello world")
    canvas.saveState()
    canvas.translate(300, 300)
    canvas.rotate(90)
    canvas.drawString(0, 0, "Up")
    canvas.restoreState()
    canvas.save()
    hello, up = text_boxes(path)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert hello.x0 == pytest.approx(100) and hello.x1 == pytest.approx(100 + stringWidth("Hello world", fonts.SANS.name(), 20))
    # turned 90°: the string runs up the page from (300, 300); its ascent reaches left, its descent right
    assert (up.x0, up.x1, up.y0) == (pytest.approx(300 - 18), pytest.approx(300 + 5), pytest.approx(300))
    assert up.y1 == pytest.approx(300 + stringWidth("Up", fonts.SANS.name(), 20))


def test_sample_text_stays_inside_the_margins(tmp_path, sample_pdf):
    assert assert_inside_margins(sample_pdf) > 200


def test_hostile_text_stays_inside_the_margins(tmp_path):
    out = _export(tmp_path, demo_data.hostile_document(), 2)
    assert assert_inside_margins(out) > 200


@pytest.mark.slow
def test_twenty_organisations_forty_actions_and_a_thousand_contributions_fit(tmp_path):
    out = _export(tmp_path, demo_data.large_document(organisations=20, actions=40, contributions=1000), 2)
    assert assert_inside_margins(out) > 2000
    text = "\n".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "Contribution 1000:" in text and "Action 40:" in text


def test_twenty_organisation_matrix_fits_on_letter_too(tmp_path):
    out = _export(tmp_path, demo_data.large_document(organisations=20, actions=40, contributions=30), 2,
                  paper="letter")
    assert assert_inside_margins(out) > 300
    reader = PdfReader(str(out))
    landscape = [p for p in reader.pages if float(p.mediabox.width) > float(p.mediabox.height)]
    assert landscape, "a 20-organisation matrix should get landscape pages"
    # every organisation is a column of the matrix, named (sideways) on the landscape page
    matrix_text = " ".join(p.extract_text() for p in landscape)
    for name in ("Borough Council", "Library Service", "Chamber of Commerce"):
        assert name in matrix_text.replace("\n", " ")


@pytest.fixture
def sample_pdf(tmp_path):
    from facilitator.sample import write_sample

    source = tmp_path / "sample.facilitator"
    write_sample(source)
    out = tmp_path / "sample.pdf"
    with PartnershipFile.open(source, read_only=True) as pf:
        export_session_pdf(pf, "latest", out)
    return out
