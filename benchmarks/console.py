"""Console timings (issue 3), printed as figures and ratios against baselines run in the same process.

1. Capture latency: from pressing Enter in the capture box to the contribution being committed on
   disk and shown in the view, on a file that already holds 10,000 contributions (all under the
   live item, the worst case for the list).
2. Start-up: process start to the main window shown with the sample open, against a bare PySide6
   program that shows an empty QMainWindow, both measured here, alternating, several times.
Run: python benchmarks/console.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from core_operations import big_document, percentile  # noqa: E402

BARE = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1280, 760); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

OURS = """
import sys
from PySide6.QtCore import QTimer
from ui.app import make_application
from ui.main_window import MainWindow
from ui.settings import Settings
app = make_application()
w = MainWindow(Settings(sys.argv[2]))
w.show()
w.open_path(sys.argv[1])
QTimer.singleShot(0, app.quit)
app.exec()
"""


def capture_latency(folder: Path, contributions: int, repeat: int) -> list[float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from facilitator.interchange import import_document
    from ui.app import make_application
    from ui.main_window import MainWindow
    from ui.settings import Settings

    path = folder / "big.facilitator"
    document = big_document(contributions)
    for row in document["contributions"]:
        row["agenda_item_id"] = 1
    import_document(document, path)
    app = make_application()
    window = MainWindow(Settings(folder / "bench.ini"))
    window.resize(1366, 768)
    window.show()
    window.open_path(path)
    window.actions["start"].trigger()
    box = window.run_view.capture_box
    app.processEvents()
    samples = []
    pf = window.document.pf
    for index in range(repeat):
        QTest.keyClicks(box, f"Contribution typed live number {index} @Org 3 #offer")
        before = pf.scalar("SELECT count(*) FROM contribution")
        start = time.perf_counter()
        QTest.keyClick(box, Qt.Key.Key_Return)
        app.processEvents()  # the view's repaint of the new row
        samples.append((time.perf_counter() - start) * 1000)
        assert pf.scalar("SELECT count(*) FROM contribution") == before + 1
    window.close()
    return samples


def startup_times(folder: Path, rounds: int) -> tuple[list[float], list[float]]:
    from facilitator.sample import write_sample

    sample = folder / "sample.facilitator"
    write_sample(sample)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FACILITATOR_DATA_DIR": str(folder)}
    bare, ours = [], []
    for _ in range(rounds):
        for code, bucket, args in ((BARE, bare, []), (OURS, ours, [str(sample), str(folder / "s.ini")])):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code, *args], check=True, env=env)
            bucket.append((time.perf_counter() - start) * 1000)
    return bare, ours


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        samples = capture_latency(folder, 10_000, 200)
        bare, ours = startup_times(folder, 5)
    med, p99 = statistics.median(samples), percentile(samples, 0.99)
    print(f"capture, Enter to on disk and in view, 10,000 contributions under the live item: "
          f"median {med:.2f} ms, p99 {p99:.2f} ms (n={len(samples)})")
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"start-up to window shown: bare QMainWindow median {b:.0f} ms; Facilitator with the sample open "
          f"median {o:.0f} ms; ratio {o / b:.2f}x")


if __name__ == "__main__":
    main()
