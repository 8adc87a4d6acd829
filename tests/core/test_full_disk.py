"""A full disk refuses a change cleanly: WriteFailedError, nothing half-done, the file intact.

Two real ways to run out of room: SQLite's own page limit (`PRAGMA max_page_count`, which makes
SQLite report "database or disk is full" exactly as for a full disk, and needs no privileges) and a
small tmpfs filled to the last byte (needs root; skipped with the reason otherwise). After the
failure the open file still reads, saves a copy elsewhere, and takes writes again once there is
room; every acknowledged contribution is there and `deep_check` is clean.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from facilitator import drafts
from facilitator.errors import WriteFailedError
from facilitator.operations import agenda, contributions, sessions
from facilitator.storage import backups
from facilitator.storage.partnership_file import PartnershipFile
from facilitator.storage.validate import deep_check
from tests.core.file_safety_helpers import fill_disk, mounted_tmpfs, sha256

NO_LIMIT = 1073741823


def _texts(pf: PartnershipFile) -> list[str]:
    return [r["text"] for r in pf.rows("SELECT text FROM contribution ORDER BY id")]


def _fill_until_refused(pf: PartnershipFile, session_id: int, acknowledged: list[str], *, limit: int = 5000):
    """Add contributions until the disk refuses one; return that error."""
    for i in range(limit):
        text = f"ack-{len(acknowledged):05d} " + "what the council can bring " * 8
        try:
            contributions.add_contribution(pf, session_id=session_id, text=text)
        except WriteFailedError as error:
            return error, text
        acknowledged.append(text)
    pytest.fail(f"the disk never filled up after {limit} contributions")


def _assert_still_usable(pf: PartnershipFile, acknowledged: list[str], refused_text: str, copy_to: Path) -> None:
    assert not pf.conn.in_transaction
    assert _texts(pf) == acknowledged, "a refused change left something behind, or lost something acknowledged"
    assert refused_text not in _texts(pf)
    assert pf.history.undo_label and "Add contribution" in pf.history.undo_label
    # Reads keep working, and a copy can be saved elsewhere (the way out the UI offers).
    assert pf.scalar("SELECT count(*) FROM session") >= 1
    pf.save_copy(copy_to)
    assert deep_check(copy_to) == []
    with PartnershipFile.open(copy_to, read_only=True) as copy:
        assert _texts(copy) == acknowledged


def test_page_limit_full_refuses_cleanly_and_recovers(tmp_path):
    path = tmp_path / "limited.facilitator"
    pf = PartnershipFile.create(path, title="Riverside LSP")
    try:
        session_id = sessions.add_session(pf, title="Values and offers").new_id
        acknowledged: list[str] = []
        for _ in range(20):
            acknowledged.append(f"ack-{len(acknowledged):05d} early")
            contributions.add_contribution(pf, session_id=session_id, text=acknowledged[-1])
        pages = pf.scalar("PRAGMA page_count")
        pf.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        assert pf.write_failed is None

        error, refused = _fill_until_refused(pf, session_id, acknowledged)
        message = str(error)
        assert "disk is full" in message and "not saved" in message and "\n" not in message
        assert pf.write_failed is error, "the UI needs pf.write_failed to show it is not saving"
        assert pf.read_only is False, "a full disk is not made read-only: room may come back"

        # Trying again while still full fails the same way and changes nothing.
        with pytest.raises(WriteFailedError):
            contributions.add_contribution(pf, session_id=session_id, text=refused)
        _assert_still_usable(pf, acknowledged, refused, tmp_path / "copy.facilitator")

        # Room again: the next write succeeds and clears the flag.
        pf.conn.execute(f"PRAGMA max_page_count = {NO_LIMIT}")
        acknowledged.append("after there was room again")
        contributions.add_contribution(pf, session_id=session_id, text=acknowledged[-1])
        assert pf.write_failed is None
        pf.undo()
        pf.redo()
    finally:
        pf.close()
    assert deep_check(path) == []
    with PartnershipFile.open(path) as again:
        assert _texts(again) == acknowledged


def test_an_operation_that_runs_out_of_room_part_way_keeps_nothing(tmp_path):
    path = tmp_path / "part-way.facilitator"
    with PartnershipFile.create(path, title="Riverside LSP") as pf:
        session_id = sessions.add_session(pf, title="Values and offers").new_id
        for i in range(30):
            agenda.add_agenda_item(pf, session_id=session_id, title=f"Item {i}", prompt=f"{i} " + "why? " * 200)
        before = {t: pf.scalar(f"SELECT count(*) FROM {t}") for t in ("session", "agenda_item")}
        undo_label = pf.history.undo_label
        pf.conn.execute(f"PRAGMA max_page_count = {pf.scalar('PRAGMA page_count') + 3}")
        inserts: list[str] = []
        pf.conn.set_trace_callback(lambda sql: inserts.append(sql) if sql.startswith("INSERT") else None)
        try:
            with pytest.raises(WriteFailedError):
                sessions.duplicate_session(pf, session_id=session_id)
        finally:
            pf.conn.set_trace_callback(None)
        assert len(inserts) >= 3, f"expected the copy to fail part-way, after some rows: {len(inserts)} inserts"
        assert len(inserts) < 31, "expected the copy to fail before its last agenda item"
        assert {t: pf.scalar(f"SELECT count(*) FROM {t}") for t in before} == before
        assert pf.history.undo_label == undo_label, "a refused operation must not appear on the undo stack"
        pf.conn.execute(f"PRAGMA max_page_count = {NO_LIMIT}")
        sessions.duplicate_session(pf, session_id=session_id)
        assert pf.scalar("SELECT count(*) FROM agenda_item") == 60
    assert deep_check(path) == []


def test_undo_refused_by_a_full_disk_stays_undoable(tmp_path):
    path = tmp_path / "undo.facilitator"
    with PartnershipFile.create(path, title="Riverside LSP") as pf:
        session_id = sessions.add_session(pf, title="S").new_id
        contributions.add_contribution(pf, session_id=session_id, text="short")
        big = contributions.add_contribution(pf, session_id=session_id, text="long " * 4000).new_id
        contributions.delete_contribution(pf, contribution_id=big)
        pf.conn.execute(f"PRAGMA max_page_count = {pf.scalar('PRAGMA page_count')}")
        if pf.scalar("PRAGMA freelist_count"):
            pf.conn.execute("VACUUM")  # no free pages to reuse: putting the text back needs new ones
            pf.conn.execute(f"PRAGMA max_page_count = {pf.scalar('PRAGMA page_count')}")
        label = pf.history.undo_label
        with pytest.raises(WriteFailedError):
            pf.undo()
        assert pf.history.undo_label == label, "a refused undo must stay on the stack"
        assert pf.scalar("SELECT count(*) FROM contribution") == 1
        pf.conn.execute(f"PRAGMA max_page_count = {NO_LIMIT}")
        pf.undo()
        assert pf.scalar("SELECT count(*) FROM contribution") == 2
    assert deep_check(path) == []


# A real full disk ---------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    with mounted_tmpfs(tmp_path / "stick", size="2m") as mountpoint:
        yield mountpoint


def test_real_full_disk_refuses_cleanly_and_recovers(small_disk, tmp_path):
    path = small_disk / "on-the-stick.facilitator"
    pf = PartnershipFile.create(path, title="Riverside LSP")
    try:
        session_id = sessions.add_session(pf, title="Values and offers").new_id
        acknowledged: list[str] = []
        for _ in range(30):
            acknowledged.append(f"ack-{len(acknowledged):05d} before the disk filled")
            contributions.add_contribution(pf, session_id=session_id, text=acknowledged[-1])
        filler = fill_disk(small_disk)
        assert os.statvfs(small_disk).f_bavail == 0

        error, refused = _fill_until_refused(pf, session_id, acknowledged)
        assert "disk is full" in str(error)
        assert pf.write_failed is error
        _assert_still_usable(pf, acknowledged, refused, tmp_path / "rescued.facilitator")

        # A copy onto the full disk fails cleanly too, leaving nothing behind.
        before = sorted(os.listdir(small_disk))
        with pytest.raises(WriteFailedError, match="the copy was not saved"):
            pf.save_copy(small_disk / "copy.facilitator")
        assert sorted(os.listdir(small_disk)) == before

        filler.unlink()
        acknowledged.append("after the filler was deleted")
        contributions.add_contribution(pf, session_id=session_id, text=acknowledged[-1])
        assert pf.write_failed is None
    finally:
        pf.close()
    assert sorted(os.listdir(small_disk)) == [path.name], "no journal or temporary file left behind"
    assert deep_check(path) == []
    with PartnershipFile.open(path) as again:
        assert _texts(again) == acknowledged


def test_full_user_data_disk_never_touches_the_partnership(small_disk, tmp_path, monkeypatch):
    """Backups and drafts live in the user data folder; when that disk is full they fail quietly."""
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(small_disk / "user-data"))
    path = tmp_path / "partnership.facilitator"
    with PartnershipFile.create(path, title="Riverside LSP") as pf:
        session_id = sessions.add_session(pf, title="S").new_id
        for i in range(40):
            contributions.add_contribution(pf, session_id=session_id, text=f"c{i} " + "x" * 400)
        first = backups.make_backup(pf, "open")
        assert drafts.save_draft(path, session_id, "half a sentence")
        fill_disk(small_disk)
        contributions.add_contribution(pf, session_id=session_id, text="one more")

        with pytest.raises(backups.BackupFailedError, match="disk is full"):
            backups.make_backup(pf, "interval")
        assert [b.path for b in backups.list_backups(pf)] == [first.path]
        assert deep_check(first.path) == []
        assert not [n for n in os.listdir(first.path.parent) if n.startswith(".~")], "a partial backup was left"

        assert drafts.save_draft(path, session_id, "half a sentence and then " + "y" * 20000) is False
        assert drafts.load_draft(path, session_id).text == "half a sentence", "the older draft must survive"

        before = sha256(path)
        assert pf.write_failed is None
        contributions.add_contribution(pf, session_id=session_id, text="the partnership file is elsewhere")
        assert sha256(path) != before
    assert deep_check(path) == []
