"""PDF session summary timings, as ratios against plain reportlab measured in the same run.

Cases: the built-in sample; a session with 1,000 contributions and 40 actions × 20 organisations;
and 10× that work (10,000 contributions, 400 actions × 20 organisations) to show how cost grows.

For each case our export (read the file, build the story, lay out, write) is timed, then a
baseline: plain reportlab building the same number of paragraphs and table cells, in one font,
with none of our logic (no script runs, no escaping, no page X of Y). Machines here are noisy, so
the ratio is the figure to watch. Run: python benchmarks/pdf_export.py [--repeat N] [--no-10x]
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Table

from facilitator.pdf import demo_data, fonts
from facilitator.pdf.renderer import SummaryRenderer
from facilitator.pdf.summary_data import gather
from facilitator.sample import write_sample
from facilitator.storage.partnership_file import PartnershipFile


def count_story(flowables) -> tuple[int, int]:
    """(paragraphs, table cells) in a story, looking inside tables and keep-togethers."""
    paragraphs = cells = 0
    stack = list(flowables)
    while stack:
        f = stack.pop()
        if isinstance(f, Paragraph):
            paragraphs += 1
        elif isinstance(f, Table):
            for row in f._cellvalues:
                for value in row:
                    cells += 1
                    stack.extend(value if isinstance(value, (list, tuple)) else [value])
        elif isinstance(f, KeepTogether):
            stack.extend(f._content)
        elif isinstance(f, (list, tuple)):
            stack.extend(f)
        elif hasattr(f, "paragraph"):  # rotated labels
            paragraphs += 1
    return paragraphs, cells


def ours(path: Path, session: int) -> tuple[float, int, int, int]:
    start = time.perf_counter()
    with PartnershipFile.open(path, read_only=True) as pf:
        summary = gather(pf, session)
    renderer = SummaryRenderer(summary)
    story = renderer.story()
    paragraphs, cells = count_story(story)
    buffer = io.BytesIO()
    renderer.render(buffer)
    return time.perf_counter() - start, paragraphs, cells, len(buffer.getvalue())


def baseline(paragraphs: int, cells: int) -> float:
    """Plain reportlab: the same number of paragraphs and table cells, one font, nothing else."""
    fonts.register_fonts()
    start = time.perf_counter()
    style = ParagraphStyle("b", fontName=fonts.SANS.name(), fontSize=9.5, leading=13.5)
    text = "Contribution: we can offer training, rooms and links to existing initiatives across the borough."
    cell_style = ParagraphStyle("c", fontName=fonts.SANS.name(), fontSize=9, leading=12)
    story = [Paragraph(f"{n} {text}", style) for n in range(max(0, paragraphs - cells))]
    columns = 5
    rows = [[Paragraph(f"Cell {r}.{c}", cell_style) for c in range(columns)] for r in range(max(1, cells // columns))]
    story.append(Table(rows, repeatRows=1))
    SimpleDocTemplate(io.BytesIO(), pagesize=A4).build(story)
    return time.perf_counter() - start


def measure(label: str, path: Path, session: int, repeat: int) -> dict:
    runs = [ours(path, session) for _ in range(repeat)]
    ours_s = statistics.median(r[0] for r in runs)
    _, paragraphs, cells, size = runs[0]
    base_s = statistics.median(baseline(paragraphs, cells) for _ in range(repeat))
    row = {"case": label, "ours_s": ours_s, "baseline_s": base_s, "ratio": ours_s / base_s,
           "paragraphs": paragraphs, "cells": cells, "kb": size / 1024}
    print(f"{label:<44} ours {ours_s * 1000:8.0f} ms   baseline {base_s * 1000:8.0f} ms   ratio {row['ratio']:5.2f}"
          f"   ({paragraphs} paragraphs, {cells} cells, {row['kb']:.0f} KiB)", flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-10x", action="store_true", help="skip the 10× case (about a minute)")
    args = parser.parse_args()
    fonts.register_fonts()
    print(f"uharfbuzz shaping available: {fonts.SHAPING_AVAILABLE}")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        sample = folder / "sample.facilitator"
        write_sample(sample)
        big = demo_data.write(demo_data.large_document(organisations=20, actions=40, contributions=1000),
                              folder / "big.facilitator")
        results = [measure("sample (latest session)", sample, 1, args.repeat),
                   measure("1,000 contributions, 40 actions x 20 orgs", big, 2, args.repeat)]
        if not args.no_10x:
            huge = demo_data.write(demo_data.large_document(organisations=20, actions=400, contributions=10_000),
                                   folder / "huge.facilitator")
            results.append(measure("10x: 10,000 contributions, 400 actions", huge, 2, 1))
            growth = results[2]["ours_s"] / results[1]["ours_s"]
            base_growth = results[2]["baseline_s"] / results[1]["baseline_s"]
            print(f"10x the work costs {growth:.1f}x the time (baseline: {base_growth:.1f}x)")


if __name__ == "__main__":
    main()
