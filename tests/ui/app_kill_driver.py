"""The child process of tests/ui/test_app_kill.py: the real console window, typed into until it is killed.

    python tests/ui/app_kill_driver.py PARTNERSHIP_FILE SEED SETTINGS_INI

Run it with QT_QPA_PLATFORM=offscreen and FACILITATOR_DATA_DIR set (drafts live there). It opens
the file in a real MainWindow on session 2 (starting it the first time), then types contributions
into the capture box one key at a time with QTest, with small random pauses run by QTimer so the
event loop (and the draft timer) keeps running, and presses Enter after each one. It never stops
by itself: the test kills it with SIGKILL.

It reports on stdout, one flushed line each (texts are JSON strings):

    ready <text>    the window is up; <text> is what the capture box held on opening (a restored draft)
    shown <text>    a contribution appeared in the run view's list (the model's rowsInserted)
    typing <text>   a pause of more than 400 ms begins; the capture box holds exactly <text>
    resume          the pause is over; more keys follow
    network <what>  the app tried the network (it must not)

So when the last line is `typing X` and was read 400 ms or more before the kill, the draft keeper
(300 ms after the last key) has saved X.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QModelIndex, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.offline import GUARD  # noqa: E402
from tests.ui.helpers import type_keys  # noqa: E402

SESSION_ID = 2  # "Building the programme" in the sample: planned, with an agenda
LONG_PAUSE_MS = (600, 1300)  # longer than the draft delay (300 ms) plus the test's margin (400 ms)
KEY_PAUSE_MS = (0, 45)
WORDS = ("we", "could", "share", "the", "venue", "training", "rooms", "youth", "workers", "data", "café",
         "Llanfair", "ŵyl", "Łódź", "volunteers", "on", "Tuesdays", "housing", "referrals", "and", "a", "van")


def say(kind: str, text: str | None = None) -> None:
    sys.stdout.write(kind if text is None else f"{kind} {json.dumps(text)}")
    sys.stdout.write("\n")
    sys.stdout.flush()


class Typist:
    """Types contribution after contribution; each key is one event-loop turn apart."""

    def __init__(self, window, seed: int):
        self.window = window
        self.box = window.run_view.capture_box
        self.rng = random.Random(seed)
        self.number = 0
        self.pending = ""
        model = window.run_view.contributions
        model.rowsInserted.connect(lambda parent, first, last: self._shown(model, parent, first, last))

    def _shown(self, model, parent: QModelIndex, first: int, last: int) -> None:
        for row in range(first, last + 1):
            found = model.row_dict(row)
            if found is not None:
                say("shown", found["text"])

    def next_text(self) -> str:
        self.number += 1
        words = [self.rng.choice(WORDS) for _ in range(self.rng.randint(2, 7))]
        return f"{self.rng.randrange(10**6):06d} " + " ".join(words) + f" {self.number}"

    def start(self, restored: str) -> None:
        if restored.strip():
            QTest.keyClick(self.box, Qt.Key.Key_Return)  # "Press Enter to add it"
        self.pending = self.next_text()
        QTimer.singleShot(self.rng.randint(*KEY_PAUSE_MS), self.step)

    def step(self) -> None:
        if GUARD.attempts:
            say("network", "; ".join(GUARD.take_attempts()))
        if not self.box.hasFocus():
            self.box.setFocus()
        if self.pending:
            char, self.pending = self.pending[0], self.pending[1:]
            type_keys(self.box, char)
        else:
            QTest.keyClick(self.box, Qt.Key.Key_Return)
            self.pending = self.next_text()
        if self.box.text() and self.rng.random() < 0.04:
            say("typing", self.box.text())
            QTimer.singleShot(self.rng.randint(*LONG_PAUSE_MS), self.resume)
        else:
            QTimer.singleShot(self.rng.randint(*KEY_PAUSE_MS), self.step)

    def resume(self) -> None:
        say("resume")
        self.step()


def main(argv: list[str]) -> int:
    path, seed, settings_path = Path(argv[0]), int(argv[1]), Path(argv[2])
    GUARD.install()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    from ui.main_window import MainWindow
    from ui.settings import Settings

    window = MainWindow(Settings(settings_path))
    window.show()
    if not window.open_path(path):
        say("failed", f"could not open {path}")
        return 1
    window.select_session(SESSION_ID)
    if window.run_view.live.session["status"] != "running":
        window.actions["start"].trigger()
    window.actions["run"].trigger()
    window.run_view.focus_capture()
    restored = window.run_view.capture_box.text()
    typist = Typist(window, seed)
    say("ready", restored)
    QTimer.singleShot(0, lambda: typist.start(restored))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
