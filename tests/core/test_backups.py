"""Rolling backups: whole, consistent copies in the user data folder, found again, bounded, restorable."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.errors import FileExistsAlreadyError, NotSQLiteError, PartnershipFileError
from facilitator.operations import contributions, partnership, sessions
from facilitator.paths import user_data_dir
from facilitator.storage import backups
from facilitator.storage.backups import BackupStore, due_for_backup, list_backups, make_backup, restore_backup
from facilitator.storage.partnership_file import PartnershipFile
from facilitator.storage.validate import deep_check
from tests.core.file_safety_helpers import Snapshot, make_partnership, raw_sql, sha256

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)


def _count(path: Path, table: str = "contribution") -> int:
    with PartnershipFile.open(path, read_only=True) as pf:
        return pf.scalar(f"SELECT count(*) FROM {table}")


def _add(pf: PartnershipFile, text: str) -> None:
    session_id = pf.scalar("SELECT min(id) FROM session")
    contributions.add_contribution(pf, session_id=session_id, text=text)


def test_a_backup_is_a_consistent_copy_in_the_user_data_folder(tmp_path):
    (tmp_path / "files").mkdir()
    path = tmp_path / "files" / "riverside.facilitator"
    make_partnership(path, contributions_count=5, title="Riverside LSP")
    with PartnershipFile.open(path) as pf:
        before = Snapshot.take(path)
        first = make_backup(pf, "open")
        before.assert_unchanged()  # making a backup never writes to the partnership or beside it
        _add(pf, "said after the first backup")
        second = make_backup(pf, "interval")

    assert first.path.parent == second.path.parent
    assert first.path.parent.parent == user_data_dir() / "backups"
    assert (first.reason, first.sessions, first.contributions, first.title) == ("open", 1, 5, "Riverside LSP")
    assert (second.reason, second.contributions) == ("interval", 6)
    assert first.source_path == os.path.realpath(path)
    for backup in (first, second):
        assert deep_check(backup.path) == []
        assert backup.size == backup.path.stat().st_size and backup.sha256 == sha256(backup.path)
        sidecar = json.loads(backup.path.with_suffix(".json").read_text(encoding="utf-8"))
        assert sidecar["contributions"] == backup.contributions and sidecar["reason"] == backup.reason
    assert _count(first.path) == 5 and _count(second.path) == 6  # each is the state at its time
    assert [b.path for b in list_backups(path)] == [second.path, first.path]


def test_an_unchanged_file_is_not_backed_up_twice(pf):
    first = make_backup(pf, "open")
    assert make_backup(pf, "interval") == first
    assert make_backup(pf, "open") == first
    assert len(list_backups(pf)) == 1
    sessions.add_session(pf, title="Next")
    assert make_backup(pf, "interval") != first
    assert len(list_backups(pf)) == 2


def test_backups_follow_the_partnership_not_the_path(tmp_path):
    """A file moved, renamed, or saved as a copy finds the same backups; another partnership does not."""
    path = tmp_path / "a" / "lsp.facilitator"
    path.parent.mkdir()
    make_partnership(path, contributions_count=2, title="Riverside LSP")
    with PartnershipFile.open(path) as pf:
        made = make_backup(pf, "open")
        partnership.update_partnership(pf, title="Riverside LSP (renamed)")
        pf.save_copy(tmp_path / "copy.facilitator")

    moved = tmp_path / "stick" / "moved and renamed.facilitator"
    moved.parent.mkdir()
    shutil.move(path, moved)
    assert [b.path for b in list_backups(moved)] == [made.path]
    assert [b.path for b in list_backups(tmp_path / "copy.facilitator")] == [made.path]
    with PartnershipFile.open(moved) as pf:
        assert [b.path for b in list_backups(pf)] == [made.path]
        later = make_backup(pf, "open")
    assert later.path.parent == made.path.parent and later.title == "Riverside LSP (renamed)"

    other = tmp_path / "other.facilitator"
    make_partnership(other, title="Riverside LSP")  # same title, different partnership
    assert list_backups(other) == []
    with PartnershipFile.open(other) as pf:
        assert make_backup(pf, "open").path.parent != made.path.parent


def test_backups_of_a_damaged_missing_or_busy_file_are_found_by_path(tmp_path, capsys):
    path = tmp_path / "lsp.facilitator"
    make_partnership(path, contributions_count=3)
    with PartnershipFile.open(path) as pf:
        made = make_backup(pf, "open")
        assert [b.path for b in list_backups(path)] == [made.path], "found while the app has it open"

    path.write_bytes(b"\0" * 4096)  # wrecked
    assert [b.path for b in list_backups(path)] == [made.path]
    path.unlink()  # gone
    assert [b.path for b in list_backups(path)] == [made.path]
    assert list_backups(tmp_path / "never-existed.facilitator") == []

    assert main(["backups", str(path)]) == 0
    out = capsys.readouterr().out
    assert str(made.path) in out and "3 contributions" in out and "1 session," in out


def test_retention_keeps_twenty_recent_and_the_last_of_seven_days(pf):
    """Five backups a day for ten days: the newest 20, plus the last of each of the 7 latest days."""
    sessions.add_session(pf, title="Values and offers")
    made = []
    for day in range(10):
        for slot in range(5):
            _add(pf, f"day {day} slot {slot}")
            made.append(make_backup(pf, "interval", now=T0 + timedelta(days=day, minutes=5 * slot)))
            assert len(list_backups(pf)) <= backups.KEEP_RECENT + backups.KEEP_DAILY
    kept = [b.path for b in list_backups(pf)]
    newest_twenty = [b.path for b in reversed(made[-20:])]
    last_of_days_4_to_6 = [made[5 * day + 4].path for day in (5, 4, 3)]
    assert kept == newest_twenty + last_of_days_4_to_6
    assert all(b.exists() and b.with_suffix(".json").exists() for b in kept)
    folder = made[0].path.parent
    assert sorted(p.name for p in folder.iterdir()) == sorted([p.name for p in kept] + [p.with_suffix(".json").name for p in kept])


def test_prune_counts_days_with_backups_not_calendar_days(tmp_path):
    store = BackupStore(tmp_path / "store")
    path = tmp_path / "weekly.facilitator"
    make_partnership(path)
    with PartnershipFile.open(path) as pf:
        for week in range(12):  # one session a week, four backups each time
            for slot in range(4):
                _add(pf, f"week {week} {slot}")
                store.make(pf, "interval", now=T0 + timedelta(weeks=week, minutes=slot))
    kept = store.list()
    assert len(kept) == 20 + 2  # the newest 20 cover 5 weeks; the 6th and 7th latest weeks add their last
    assert {b.made_at.date() for b in kept} == {(T0 + timedelta(weeks=w)).date() for w in range(5, 12)}


def test_backups_made_on_a_read_only_file(tmp_path):
    (tmp_path / "files").mkdir()
    path = tmp_path / "files" / "ro.facilitator"
    make_partnership(path, contributions_count=4)
    before = Snapshot.take(path)
    with PartnershipFile.open(path, read_only=True) as pf:
        backup = make_backup(pf, "open")
    before.assert_unchanged()
    assert backup.contributions == 4 and deep_check(backup.path) == []


def test_no_backup_in_the_middle_of_an_operation(pf):
    with pytest.raises(RuntimeError, match="middle of an operation"):
        with pf.edit("Half done") as edit:
            edit.insert("session", {"title": "x", "position": 0})
            make_backup(pf, "interval")
    assert pf.scalar("SELECT count(*) FROM session") == 0
    assert list_backups(pf) == []


def test_a_user_data_folder_that_cannot_be_made_fails_cleanly(pf, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(blocker))
    with pytest.raises(backups.BackupFailedError, match="No backup was made"):
        make_backup(pf, "open")
    sessions.add_session(pf, title="The partnership is unaffected")
    assert pf.write_failed is None


def test_leftovers_of_a_crashed_backup_are_not_listed_and_are_cleared(pf):
    made = make_backup(pf, "open")
    folder = made.path.parent
    partial = folder / ".~backup.abc123.partial"
    partial.write_bytes(b"SQLite format 3\0half")
    orphan_sidecar = folder / "20260101T000000.000Z-interval.json"
    orphan_sidecar.write_text("{}")
    half_named = folder / "20260101T000000.000Z-open.facilitator"
    half_named.write_bytes(b"not a database")
    assert [b.path for b in list_backups(pf)] == [made.path, half_named]  # listed by name, counts unknown
    assert list_backups(pf)[1].contributions is None

    old = time.time() - 2 * backups.STALE_PARTIAL_SECONDS
    for leftover in (partial, orphan_sidecar):
        os.utime(leftover, (old, old))
    sessions.add_session(pf, title="Changed")
    make_backup(pf, "interval")
    assert not partial.exists() and not orphan_sidecar.exists()


# Restore ------------------------------------------------------------------------------------


def test_restore_makes_a_new_checked_file_and_never_overwrites(tmp_path, capsys):
    path = tmp_path / "lsp.facilitator"
    make_partnership(path, contributions_count=3)
    with PartnershipFile.open(path) as pf:
        backup = make_backup(pf, "open")
        _add(pf, "said later")
    original = sha256(path)
    backup_before = sha256(backup.path)

    restored = tmp_path / "restored.facilitator"
    assert restore_backup(backup.path, restored) == restored
    assert deep_check(restored) == [] and _count(restored) == 3
    with PartnershipFile.open(restored) as pf:
        assert pf.read_only is False
        _add(pf, "the restored file is an ordinary, editable partnership")
    assert sha256(path) == original and sha256(backup.path) == backup_before
    assert not [n for n in os.listdir(tmp_path) if n.startswith(".~")]

    # Never over an existing file: not the original, not a previous restore.
    for target in (path, restored):
        kept = sha256(target)
        with pytest.raises(FileExistsAlreadyError):
            restore_backup(backup.path, target)
        assert sha256(target) == kept

    assert main(["restore", str(backup.path), str(tmp_path / "via-cli.facilitator")]) == 0
    assert "Restored" in capsys.readouterr().out and _count(tmp_path / "via-cli.facilitator") == 3
    assert main(["restore", str(backup.path), str(path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert sha256(path) == original


def test_restore_refuses_what_is_not_a_healthy_partnership(tmp_path):
    junk = tmp_path / "20260302T093000.000Z-open.facilitator"
    junk.write_text("not a partnership")
    target = tmp_path / "new.facilitator"
    with pytest.raises(NotSQLiteError):
        restore_backup(junk, target)
    assert not target.exists()
    with pytest.raises(PartnershipFileError):
        restore_backup(tmp_path / "missing.facilitator", target)
    good = tmp_path / "good.facilitator"
    make_partnership(good)
    with pytest.raises(PartnershipFileError):
        restore_backup(good, tmp_path / "no such folder" / "new.facilitator")
    assert sorted(os.listdir(tmp_path)) == sorted([junk.name, good.name])


# Timing -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "changed", "now", "due"),
    [
        (None, True, T0, True),  # nothing made in this sitting yet
        (None, False, T0, False),
        (T0, False, T0 + timedelta(hours=5), False),  # no change: never due
        (T0, True, T0 + timedelta(seconds=299), False),
        (T0, True, T0 + timedelta(seconds=300), True),
        (T0, True, T0 - timedelta(hours=1), True),  # the clock went back: do not stall
        (100.0, True, 399.0, False),  # time.monotonic() numbers work too
        (100.0, True, 400.0, True),
    ],
)
def test_due_for_backup(last, changed, now, due):
    assert due_for_backup(last, changed, now) is due


def test_due_for_backup_takes_an_interval():
    assert due_for_backup(T0, True, T0 + timedelta(minutes=1), interval=timedelta(seconds=30))
    assert not due_for_backup(T0, True, T0 + timedelta(minutes=1), interval=120)


# CLI ----------------------------------------------------------------------------------------


def test_cli_backups_lists_newest_first(tmp_path, capsys):
    path = tmp_path / "lsp.facilitator"
    make_partnership(path, contributions_count=1)
    assert main(["backups", str(path)]) == 0
    assert "No backups" in capsys.readouterr().out
    with PartnershipFile.open(path) as pf:
        old = make_backup(pf, "open", now=T0)
        _add(pf, "more")
        new = make_backup(pf, "interval", now=T0 + timedelta(minutes=5))
    assert main(["backups", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    listed = [line for line in lines if line.endswith(".facilitator")]
    assert listed[0].endswith(str(new.path)) and "2 contributions" in listed[0] and "interval" in listed[0]
    assert listed[1].endswith(str(old.path)) and "1 contribution " in listed[1]
    assert main(["backups", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["path"] for d in data] == [str(new.path), str(old.path)]
    assert data[0]["made_at"] == (T0 + timedelta(minutes=5)).isoformat(timespec="milliseconds")
    assert main(["backups", str(tmp_path / "gone.facilitator")]) == 1
    assert "does not exist" in capsys.readouterr().err


# Killed while backing up --------------------------------------------------------------------

BIG_INSERT = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)
INSERT INTO contribution (session_id, text, created_at, position)
SELECT 1, printf('bulk %05d ', i) || replace(hex(zeroblob(500)), '00', 'ab'), '2026-03-02T10:00:00Z', i FROM n
"""

BACKUP_CHILD = """\
import sys
from facilitator.operations import contributions
from facilitator.storage.backups import make_backup
from facilitator.storage.partnership_file import PartnershipFile

pf = PartnershipFile.open(sys.argv[1])
session_id = pf.scalar("SELECT min(id) FROM session")
print("ready", flush=True)
i = 0
while True:
    contributions.add_contribution(pf, session_id=session_id, text=f"k{i} " + "x" * 2000)
    make_backup(pf, "interval")
    print(i, flush=True)
    i += 1
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_a_backup_killed_part_way_is_never_listed(tmp_path):
    path = tmp_path / "big.facilitator"
    make_partnership(path, contributions_count=1)
    raw_sql(path, BIG_INSERT)  # ~6 MB, so a kill mostly lands while a backup is being written
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[2]), *sys.path])}
    for delay in (0.1, 0.25, 0.4, 0.55, 0.7):
        proc = subprocess.Popen([sys.executable, "-c", BACKUP_CHILD, str(path)], stdout=subprocess.PIPE,
                                text=True, env=env)
        try:
            assert proc.stdout.readline().strip() == "ready"
            time.sleep(delay)
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.communicate(timeout=30)
    found = list_backups(path)
    assert found, "the child should have made some backups"
    for backup in found:
        assert deep_check(backup.path) == [], backup.path
        assert backup.contributions == _count(backup.path)
    folder = found[0].path.parent
    assert list(folder.glob(".~backup.*.partial")), "no kill landed mid-backup: the test proved nothing"
    assert len(found) <= backups.KEEP_RECENT + backups.KEEP_DAILY
