"""Kill the running app (SIGKILL) while a facilitator is typing: every contribution that appeared on
screen is in the file, and the text still in the capture box is kept as a draft and offered back.

The child is the real console window (tests/ui/app_kill_driver.py) typing key by key into the
capture box of the sample's session 2, pressing Enter after each contribution. It says `shown X`
when a contribution appears in the run view's list and `typing X` when it pauses for longer than
the draft delay. Each round kills it at a random moment (seeded): at any time, just after a
contribution appeared, or inside a pause in typing. Then the file must hold every shown
contribution and pass `deep_check`; when the kill came 400 ms or more into a pause, the draft on
disk must be exactly what was in the box, and a fresh console window opening the file (here, in
the test process) must show it back in the capture box. The next round's child starts from the
same file and draft, so recovery is exercised as well: it must find that draft in its box too.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from facilitator.drafts import load_draft
from facilitator.sample import write_sample
from facilitator.storage.partnership_file import PartnershipFile
from facilitator.storage.validate import deep_check
from tests.ui.app_kill_driver import SESSION_ID
from ui.main_window import MainWindow
from ui.settings import Settings

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")]

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("app_kill_driver.py")
SEED = 20260413
ROUNDS = 24
DRAFT_DUE_S = 0.4  # the draft keeper saves 300 ms after the last key; this leaves 100 ms for the disk
MODES = ("any moment", "just after a contribution appeared", "inside a pause in typing")
WANTED_DRAFT_CHECKS = 6


class Lines:
    """Reads the child's stdout on a thread, noting when each line arrived."""

    def __init__(self, stream):
        self.stream = stream
        self.lines: list[tuple[float, str]] = []
        self.arrived = threading.Condition()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        for line in self.stream:
            with self.arrived:
                self.lines.append((time.monotonic(), line.rstrip("\n")))
                self.arrived.notify_all()
        with self.arrived:
            self.lines.append((time.monotonic(), None))  # end of output
            self.arrived.notify_all()

    def wait_for(self, wanted, timeout: float, start: int = 0) -> int | None:
        """Index of the first line from `start` for which wanted(line) is true; None if the child ended."""
        deadline = time.monotonic() + timeout
        with self.arrived:
            index = start
            while True:
                while index < len(self.lines):
                    line = self.lines[index][1]
                    if line is None:
                        return None
                    if wanted(line):
                        return index
                    index += 1
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"the child did not say what was expected within {timeout} s: "
                                         f"{[l for _, l in self.lines[-5:]]}")
                self.arrived.wait(left)

    def finished(self) -> list[tuple[float, str]]:
        self.thread.join(timeout=30)
        assert not self.thread.is_alive(), "the child's output never ended"
        return [(t, line) for t, line in self.lines if line is not None]


def _payload(line: str, kind: str) -> str:
    return json.loads(line[len(kind) + 1:])


def _session_texts(path: Path) -> Counter:
    with PartnershipFile.open(path) as pf:
        return Counter(r["text"] for r in pf.rows("SELECT text FROM contribution WHERE session_id = ?", (SESSION_ID,)))


def _box_in_a_fresh_window(qtbot, tmp_path: Path, path: Path) -> str:
    window = MainWindow(Settings(tmp_path / "test-settings.ini"))
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.open_path(path)
        assert window.session_id == SESSION_ID and window.tabs.currentIndex() == 1, "opens on the running session"
        return window.run_view.capture_box.text()
    finally:
        window.close()


def test_sigkill_while_typing_loses_nothing_shown_and_keeps_the_draft(qtbot, tmp_path, capsys):
    rng = random.Random(SEED)
    path = tmp_path / "riverside.facilitator"
    write_sample(path)
    with PartnershipFile.open(path) as pf:
        before = pf.scalar("SELECT count(*) FROM contribution WHERE session_id = ?", (SESSION_ID,))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    assert env["FACILITATOR_DATA_DIR"], "tests/conftest.py gives each test its own user data folder"
    all_shown: Counter = Counter()
    expected_restore: str | None = ""
    report = []
    started = time.monotonic()

    for number in range(ROUNDS):
        mode = MODES[number % len(MODES)]
        seed = rng.randrange(2**31)
        stderr_path = tmp_path / f"child-{number}.err"
        with open(stderr_path, "w", encoding="utf-8") as stderr:
            proc = subprocess.Popen(
                [sys.executable, str(DRIVER), str(path), str(seed), str(tmp_path / "child-settings.ini")],
                stdout=subprocess.PIPE, stderr=stderr, text=True, encoding="utf-8", env=env, cwd=ROOT)
        watchdog = threading.Timer(60, lambda: proc.poll() is None and proc.kill())
        watchdog.daemon = True
        watchdog.start()
        lines = Lines(proc.stdout)
        try:
            ready = lines.wait_for(lambda l: l.startswith(("ready", "failed")), 30)
            assert ready is not None and lines.lines[ready][1].startswith("ready"), \
                f"the child did not start: {stderr_path.read_text(encoding='utf-8')[-2000:]}"
            restored = _payload(lines.lines[ready][1], "ready")
            if expected_restore is not None:
                assert restored == expected_restore, "the reopened app did not offer back the draft"
            if mode == "any moment":
                time.sleep(rng.uniform(0.02, 1.6))
            elif mode == "just after a contribution appeared":
                wanted = rng.randint(1, 2)
                found = ready
                for _ in range(wanted):
                    found = lines.wait_for(lambda l: l.startswith("shown"), 30, found + 1)
                    assert found is not None, "the child ended"
            else:
                found = lines.wait_for(lambda l: l.startswith("typing"), 30, ready + 1)
                assert found is not None, "the child ended"
                time.sleep(rng.uniform(DRAFT_DUE_S + 0.03, DRAFT_DUE_S + 0.15))
            killed_at = time.monotonic()
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            watchdog.cancel()
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        received = lines.finished()
        proc.stdout.close()
        assert proc.returncode == -signal.SIGKILL, stderr_path.read_text(encoding="utf-8")[-2000:]
        assert not [l for _, l in received if l.startswith("network")], "the app tried the network"

        # Every contribution that appeared on screen is in the file, which is sound.
        shown = [_payload(l, "shown") for _, l in received if l.startswith("shown")]
        all_shown.update(shown)
        assert deep_check(path) == []
        in_file = _session_texts(path)
        lost = all_shown - in_file
        assert not lost, f"round {number}: shown on screen but not in the file: {sorted(lost)}"

        # The text in the box: kept as a draft when the kill came after the draft was due.
        draft = load_draft(path, SESSION_ID)
        last_time, last = received[-1]
        due = last.startswith("typing") and killed_at - last_time >= DRAFT_DUE_S
        if due:
            typed = _payload(last, "typing")
            assert draft is not None and draft.text == typed, (
                f"round {number}: killed {killed_at - last_time:.3f} s into a pause with {typed!r} in the box; "
                f"the draft is {draft.text if draft else None!r}")
        # Whatever draft there is, a fresh window offers it back in the capture box (and so must the next child).
        offered = _box_in_a_fresh_window(qtbot, tmp_path, path)
        assert offered == (draft.text if draft else ""), "the draft on disk was not offered back on opening"
        expected_restore = offered
        report.append({"mode": mode, "lines": len(received), "shown": len(shown),
                       "draft": draft.text if draft else None, "checked": due, "last": last[:60]})

    elapsed = time.monotonic() - started
    final = _session_texts(path)
    assert not (all_shown - final)
    checked = sum(r["checked"] for r in report)
    with capsys.disabled():
        print(f"\napp kill rounds (seed {SEED}): {len(report)} rounds in {elapsed:.1f} s; "
              f"{sum(all_shown.values())} contributions shown, all in the file "
              f"({sum(final.values()) - before} added in all); {checked} kills inside a pause had their draft checked")
        for i, r in enumerate(report):
            print(f"  round {i}: killed {r['mode']}; {r['shown']} shown; last line {r['last']!r}; "
                  f"draft {'(checked) ' if r['checked'] else ''}{r['draft']!r}")
    assert checked >= WANTED_DRAFT_CHECKS, "too few kills landed inside a pause to check the draft"
