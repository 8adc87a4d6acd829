"""Drafts: unsent capture text survives a crash, whole, in the user data folder."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from facilitator import drafts
from facilitator.drafts import clear_draft, draft_path, drafts_for, load_draft, save_draft
from facilitator.paths import user_data_dir


def test_save_load_clear(tmp_path):
    path = tmp_path / "lsp.facilitator"
    assert load_draft(path, 1) is None
    text = "Ann: the council could lend the hall — Ŵ ŷ ł ąę 中文 اردو\n<b>not markup</b>"
    assert save_draft(path, 1, text) is True
    draft = load_draft(path, 1)
    assert draft.text == text and draft.session_id == 1 and draft.saved_at.tzinfo is not None
    assert draft.path.parent == user_data_dir() / "drafts"

    assert save_draft(path, 2, "another session") and load_draft(path, 1).text == text
    time.sleep(0.01)  # saved_at has millisecond resolution
    assert save_draft(path, 1, "replaced") and load_draft(path, 1).text == "replaced"
    assert [d.session_id for d in drafts_for(path)] == [2, 1]  # oldest first

    assert save_draft(path, 1, "   \n") is True  # blank text is no draft
    assert load_draft(path, 1) is None
    clear_draft(path, 2)
    clear_draft(path, 2)  # clearing twice is fine
    assert drafts_for(path) == []
    assert os.listdir(user_data_dir() / "drafts") == [], "no temporary files left"


def test_drafts_belong_to_one_file(tmp_path):
    a, b = tmp_path / "a.facilitator", tmp_path / "b.facilitator"
    save_draft(a, 1, "for a")
    assert load_draft(b, 1) is None and drafts_for(b) == []
    assert load_draft(tmp_path / "." / "a.facilitator", 1).text == "for a"  # same file, other spelling
    link = tmp_path / "link.facilitator"
    link.symlink_to(a)
    assert load_draft(link, 1).text == "for a"


def test_odd_text_round_trips(tmp_path):
    path = tmp_path / "lsp.facilitator"
    for text in ("\udcff lone surrogate from a paste", "\0nul and \x1b escape", "x" * 200_000):
        assert save_draft(path, 3, text)
        assert load_draft(path, 3).text == text


def test_an_unreadable_draft_is_ignored_and_replaced(tmp_path):
    path = tmp_path / "lsp.facilitator"
    target = draft_path(path, 1)
    target.parent.mkdir(parents=True)
    for junk in ("", "{not json", json.dumps({"text": 5}), json.dumps(["a"]), "\xff\xfe"):
        target.write_text(junk, encoding="latin-1")
        assert load_draft(path, 1) is None
        assert drafts_for(path) == []
    assert save_draft(path, 1, "fresh") and load_draft(path, 1).text == "fresh"


def test_a_draft_that_cannot_be_written_keeps_the_old_one(tmp_path, monkeypatch):
    path = tmp_path / "lsp.facilitator"
    assert save_draft(path, 1, "first words")
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(blocker))
    assert save_draft(path, 1, "more words") is False
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(tmp_path / "user-data"))
    assert load_draft(path, 1).text == "first words"


# Killed while typing ------------------------------------------------------------------------

DRAFT_CHILD = """\
import sys
from facilitator.drafts import save_draft

path = sys.argv[1]
print("ready", flush=True)
i = 0
while True:
    if not save_draft(path, 7, f"{i:08d} " + "typed " * (i % 700)):
        raise SystemExit("save failed")
    print(i, flush=True)
    i += 1
"""


def _expected(i: int) -> str:
    return f"{i:08d} " + "typed " * (i % 700)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_sigkill_while_saving_drafts_loses_nothing_acknowledged(tmp_path):
    """The draft on disk is always whole: the last acknowledged one, or the one being saved."""
    path = tmp_path / "lsp.facilitator"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[2]), *sys.path])}
    rng = random.Random(20260302)
    for round_ in range(6):
        proc = subprocess.Popen([sys.executable, "-c", DRAFT_CHILD, str(path)], stdout=subprocess.PIPE,
                                text=True, env=env)
        timer = threading.Timer(30, proc.kill)
        timer.start()
        try:
            assert proc.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.05, 0.3))
            os.kill(proc.pid, signal.SIGKILL)
            lines = proc.stdout.read().splitlines(keepends=True)
            proc.wait(timeout=30)
        finally:
            timer.cancel()
        assert proc.returncode == -signal.SIGKILL, "the child stopped on its own"
        acknowledged = [int(line) for line in lines if line.endswith("\n")]
        assert acknowledged, "the child should have saved some drafts"
        last = acknowledged[-1]

        raw = draft_path(path, 7).read_text(encoding="utf-8")
        json.loads(raw)  # never torn
        draft = load_draft(path, 7)
        on_disk = int(draft.text.split(" ", 1)[0])
        assert on_disk in (last, last + 1), f"round {round_}: acknowledged {last}, found {on_disk}"
        assert draft.text == _expected(on_disk), "the draft's text is not whole"
    leftovers = [n for n in os.listdir(draft_path(path, 7).parent) if n.startswith(".~")]
    assert len(leftovers) <= 1, f"temporary files pile up: {leftovers}"
    drafts.clear_draft(path, 7)
