"""Presenter timings (issue 4): repainting the projector after one new contribution, 300 cards shown.

For each screen size, the live item already holds 300 contributions. Each sample adds one through
`document.apply` (as the console does), then repaints the presentation window synchronously:
- "update": the operation's commit plus the models' refresh and the presenter's board rebuild;
- "layout + paint": `repaint()` of the view, which lays out the new page and draws it;
- "presenter share": update minus the same operation's time with no presenter attached (measured
  alternately in the same process, since machines here are noisy), plus layout + paint.
Figures are milliseconds: median and p99.
Run: python benchmarks/presenter.py [--samples N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from core_operations import percentile  # noqa: E402

SIZES = ((1024, 768), (1366, 768), (1920, 1080))
WORDS = ("partnership volunteers council housing health schools youth community engagement shared data "
         "training venue transport evenings weekends befriending outreach").split()


def text(index: int) -> str:
    words = [WORDS[(index * 7 + k * 3) % len(WORDS)] for k in range(4 + index % 14)]
    return " ".join(words).capitalize() + f" ({index})"


def run(samples: int) -> None:
    from PySide6.QtWidgets import QMainWindow

    from facilitator.operations import contributions, people, sessions
    from facilitator.storage.partnership_file import PartnershipFile
    from ui.app import make_application
    from ui.document import Document
    from ui.presenter import PresenterController
    from ui.settings import Settings

    app = make_application()
    folder = Path(tempfile.mkdtemp(prefix="presenter-bench-"))
    print(f"{'screen':>10} | {'update ms':>17} | {'layout+paint ms':>17} | {'no presenter ms':>17} | "
          f"{'presenter share ms':>18} | cards on page")
    for width, height in SIZES:
        pf = PartnershipFile.create(folder / f"bench-{width}.facilitator", title="Benchmark")
        org = people.add_organisation(pf, name="Riverside Council", sector="public").new_id
        session = sessions.add_session(pf, title="Big session").new_id
        from facilitator.operations import agenda

        item = agenda.add_agenda_item(pf, session_id=session, title="What each organisation brings",
                                      planned_minutes=30, prompt="Expertise, resources, links").new_id
        sessions.start_session(pf, session_id=session)
        for index in range(300):
            contributions.add_contribution(pf, session_id=session, text=text(index), agenda_item_id=item,
                                           organisation_id=org if index % 2 else None)
        bare = Document(pf)
        document = Document(pf)
        console = QMainWindow()
        presenter = PresenterController(Settings(folder / "bench.ini"), console)
        presenter.set_document(document)
        presenter.set_session(session)
        presenter.start()
        window = presenter.window
        window.showNormal()
        window.resize(width, height)
        app.processEvents()
        window.view.repaint()
        assert window.view.scene().wall.total == 300

        updates, paints, baselines, shares = [], [], [], []
        for index in range(samples):
            start = time.perf_counter()
            bare.apply(contributions.add_contribution, session_id=session, text=text(1000 + index),
                       agenda_item_id=item)  # no presenter listens to this Document
            baselines.append((time.perf_counter() - start) * 1000)
            bare.undo()
            start = time.perf_counter()
            document.apply(contributions.add_contribution, session_id=session, text=text(300 + index),
                           agenda_item_id=item)
            middle = time.perf_counter()
            window.view.repaint()
            end = time.perf_counter()
            updates.append((middle - start) * 1000)
            paints.append((end - middle) * 1000)
            shares.append(updates[-1] - baselines[-1] + paints[-1])
            document.undo()  # keep 300 cards shown
            window.view.repaint()
            app.processEvents()
        shown = len(window.view.scene().wall.placed)

        def fmt(values):
            return f"{statistics.median(values):7.2f} / p99 {percentile(values, 0.99):6.2f}"

        print(f"{width}x{height:<5} | {fmt(updates)} | {fmt(paints)} | {fmt(baselines)} | {fmt(shares)} | {shown}")
        presenter.stop()
        window.deleteLater()
        console.deleteLater()
        pf.close()
        app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    run(args.samples)


if __name__ == "__main__":
    main()
