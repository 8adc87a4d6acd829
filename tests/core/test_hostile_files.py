"""Files that are not healthy partnerships are refused with the precise error, and left untouched.

For every hostile file: `PartnershipFile.open` raises the specific error class, its message names
the file and says what is wrong (on one line), the file's bytes and its folder are exactly as
they were (no `-journal` left behind), and `facilitator check` exits 1 with the same message.
"""

from __future__ import annotations

import os
import random
import sqlite3
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.errors import (
    AlreadyOpenError,
    DamagedFileError,
    FileMissingError,
    ForeignSchemaError,
    NeedsRecoveryError,
    NewerVersionError,
    NotOursError,
    NotSQLiteError,
    PartnershipFileError,
    ReadOnlyError,
)
from facilitator.operations import contributions, sessions
from facilitator.storage import validate
from facilitator.storage.partnership_file import PartnershipFile
from facilitator.storage.schema import SCHEMA_VERSION
from tests.core.file_safety_helpers import Snapshot, make_partnership, mounted_tmpfs, raw_sql, run_cli, sha256

PAGE_LEAF_TABLE = 0x0D  # b-tree page type byte of a table leaf page


def assert_refused(path: Path, error_class: type[PartnershipFileError], words: tuple[str, ...], capsys):
    """Open and check `path`; both must refuse it with `error_class` and change nothing."""
    before = Snapshot.take(path)

    with pytest.raises(PartnershipFileError) as caught:
        PartnershipFile.open(path)
    error = caught.value
    assert type(error) is error_class, f"expected {error_class.__name__}, got {type(error).__name__}: {error}"
    message = str(error)
    assert f"“{path.name}”" in message
    for word in words:
        assert word.lower() in message.lower(), f"{word!r} not in {message!r}"
    assert "\n" not in message, f"the message should be one line: {message!r}"
    assert error.path == path
    before.assert_unchanged()

    # A refused open must not keep the file claimed: the same refusal comes again, not AlreadyOpen.
    with pytest.raises(error_class):
        PartnershipFile.open(path)
    before.assert_unchanged()

    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"facilitator: {message}\n"
    before.assert_unchanged()
    return message


def assert_refused_by_cli_process(path: Path, words: tuple[str, ...]) -> None:
    before = Snapshot.take(path)
    result = run_cli("check", path, cwd=path.parent)
    assert result.returncode == 1, result
    assert result.stdout == ""
    assert result.stderr.startswith(f"facilitator: “{path.name}”"), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    for word in words:
        assert word.lower() in result.stderr.lower()
    before.assert_unchanged()


# Not SQLite at all, or not there --------------------------------------------------------------


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _plain_text(path: Path) -> None:
    path.write_text("Minutes of the Riverside partnership\nAgreed: meet monthly.\n" * 20, encoding="utf-8")


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(20260302).randbytes(16384))


def _png(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)


def _sqlite_magic_only(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + bytes(40))  # right magic, header cut short


def _directory(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text("a folder named like a partnership file")


def _missing(path: Path) -> None:
    pass


NOT_SQLITE_CASES = {
    "empty-0-bytes": (_empty, NotSQLiteError, ("not an SQLite database",)),
    "plain-text": (_plain_text, NotSQLiteError, ("not an SQLite database",)),
    "random-bytes": (_random_bytes, NotSQLiteError, ("not an SQLite database",)),
    "png-header": (_png, NotSQLiteError, ("not an SQLite database",)),
    "sqlite-magic-but-short": (_sqlite_magic_only, NotSQLiteError, ("not an SQLite database",)),
    "directory": (_directory, NotSQLiteError, ("not", "folder")),
    "missing": (_missing, FileMissingError, ("does not exist",)),
}


@pytest.mark.parametrize("case", list(NOT_SQLITE_CASES))
def test_not_a_database_is_refused(tmp_path, capsys, case):
    make, error_class, words = NOT_SQLITE_CASES[case]
    path = tmp_path / f"{case}.facilitator"
    make(path)
    assert_refused(path, error_class, words, capsys)
    if case in ("random-bytes", "missing"):
        assert_refused_by_cli_process(path, words)


# SQLite, but not (only) ours ------------------------------------------------------------------


def test_someone_elses_sqlite_database_is_refused(tmp_path, capsys):
    path = tmp_path / "notes.facilitator"
    raw_sql(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO notes (body) VALUES ('hi')")
    assert_refused(path, NotOursError, ("SQLite database", "not a Facilitator partnership file"), capsys)
    assert_refused_by_cli_process(path, ("not a Facilitator partnership file",))


def test_file_from_a_newer_version_is_refused(tmp_path, capsys):
    path = tmp_path / "future.facilitator"
    make_partnership(path)
    raw_sql(path, "PRAGMA user_version = 99")
    message = assert_refused(path, NewerVersionError, ("newer version", "99", "update"), capsys)
    assert str(SCHEMA_VERSION) in message


@pytest.mark.parametrize(
    "case, statement, words",
    [
        ("trigger", "CREATE TRIGGER sneaky AFTER INSERT ON contribution BEGIN DELETE FROM session; END",
         ("trigger", "sneaky", "did not create")),
        ("view", "CREATE VIEW peek AS SELECT name, access_needs FROM participant", ("view", "peek", "did not create")),
        ("unknown-table", "CREATE TABLE stash (secret TEXT)", ("unknown table", "stash", "did not create")),
    ],
    ids=["trigger", "view", "unknown-table"],
)
def test_objects_we_did_not_create_are_refused(tmp_path, capsys, case, statement, words):
    path = tmp_path / f"{case}.facilitator"
    make_partnership(path, contributions_count=3)
    raw_sql(path, statement)
    assert_refused(path, ForeignSchemaError, words, capsys)
    if case == "trigger":
        assert_refused_by_cli_process(path, words)


def test_missing_table_is_refused_as_damaged(tmp_path, capsys):
    path = tmp_path / "gutted.facilitator"
    make_partnership(path)
    raw_sql(path, "DROP TABLE value")
    assert_refused(path, DamagedFileError, ("damaged", "missing tables", "value"), capsys)


# Damaged ------------------------------------------------------------------------------------


def _file_with_real_data(path: Path) -> bytes:
    make_partnership(path, contributions_count=300)
    data = path.read_bytes()
    assert len(data) > 20 * validate.read_header(path).page_size
    return data


def test_overwritten_page_is_refused_as_damaged(tmp_path, capsys):
    path = tmp_path / "scribbled.facilitator"
    data = bytearray(_file_with_real_data(path))
    page_size = validate.read_header(path).page_size
    leaves = [
        n for n in range(1, len(data) // page_size)
        if data[n * page_size] == PAGE_LEAF_TABLE and b"said in the room" in data[n * page_size:(n + 1) * page_size]
    ]
    assert len(leaves) >= 3, "expected contributions to fill several pages"
    page = leaves[len(leaves) // 2]
    middle = page * page_size + page_size // 2
    data[middle - 512:middle + 512] = b"\xff" * 1024
    path.write_bytes(bytes(data))

    assert_refused(path, DamagedFileError, ("damaged", "cannot be read safely"), capsys)
    with pytest.raises(DamagedFileError):
        validate.deep_check(path)
    assert_refused_by_cli_process(path, ("damaged",))


@pytest.mark.parametrize("cut", ["half-on-page-boundary", "half-mid-page"])
def test_truncated_file_is_refused_as_damaged(tmp_path, capsys, cut):
    path = tmp_path / f"truncated-{cut}.facilitator"
    data = _file_with_real_data(path)
    page_size = validate.read_header(path).page_size
    size = len(data) // 2 // page_size * page_size
    if cut == "half-mid-page":
        size += page_size // 3
    path.write_bytes(data[:size])
    assert path.read_bytes()[:16] == validate.SQLITE_MAGIC  # the header survived the cut

    assert_refused(path, DamagedFileError, ("damaged",), capsys)


CRASH_MID_TRANSACTION = (
    "import os, sqlite3, sys\n"
    "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "conn.execute('PRAGMA cache_size = 2')\n"
    "conn.execute('BEGIN')\n"
    "conn.execute('UPDATE partnership SET description = ?', ('x' * 300000,))\n"
    "os._exit(0)\n"
)


def crash_mid_transaction(path: Path) -> None:
    """Leave a hot journal beside `path`, as a process that died mid-change would."""
    subprocess.run([sys.executable, "-c", CRASH_MID_TRANSACTION, str(path)], check=True, timeout=60)


def test_hot_journal_cannot_smuggle_in_a_newer_file(tmp_path, capsys):
    """A crash journal whose rollback turns the file into a newer-format one must still be refused.

    The header says format 1, but the journal beside it restores a page 1 saying format 99.
    Rolling back is what any SQLite program does; the check must judge the rolled-back file.
    """
    path = tmp_path / "smuggled.facilitator"
    make_partnership(path)
    raw_sql(path, "PRAGMA user_version = 99")
    crash_mid_transaction(path)
    journal = Path(str(path) + "-journal")
    assert journal.stat().st_size > 0
    data = bytearray(path.read_bytes())
    data[60:64] = struct.pack(">i", 1)  # the header on disk now claims format 1
    path.write_bytes(bytes(data))
    assert validate.read_header(path).user_version == 1

    with pytest.raises(NewerVersionError, match="99"):
        PartnershipFile.open(path)
    assert validate.read_header(path).user_version == 99  # rolled back, as SQLite would
    assert_refused(path, NewerVersionError, ("newer version", "99"), capsys)


# In use -------------------------------------------------------------------------------------

HOLD_OPEN = (
    "import sys, time\n"
    "from facilitator.storage.partnership_file import PartnershipFile\n"
    "pf = PartnershipFile.open(sys.argv[1])\n"
    "print('ready', flush=True)\n"
    "while True:\n"
    "    time.sleep(60)\n"
)


def test_file_open_in_another_process_is_refused(tmp_path, capsys):
    path = tmp_path / "busy.facilitator"
    make_partnership(path, contributions_count=5)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_OPEN, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready", "the holding process did not open the file"
        assert_refused(path, AlreadyOpenError, ("already open",), capsys)
        assert_refused_by_cli_process(path, ("already open",))
        with pytest.raises(AlreadyOpenError):
            validate.deep_check(path)
        assert holder.poll() is None, "the holder should still be running"
    finally:
        holder.kill()
        holder.wait(timeout=30)
    # Once the other program is gone, the lock goes with it.
    with PartnershipFile.open(path) as pf:
        assert pf.scalar("SELECT count(*) FROM contribution") == 5


def test_second_open_in_the_same_process_is_refused(tmp_path):
    path = tmp_path / "twice.facilitator"
    make_partnership(path)
    first = PartnershipFile.open(path)
    try:
        before = sha256(path)
        for spelling in (path, str(path), path.parent / "." / path.name):
            with pytest.raises(AlreadyOpenError) as caught:
                PartnershipFile.open(spelling)
            message = str(caught.value)
            assert "“twice.facilitator”" in message and "already open" in message
        link = tmp_path / "alias.facilitator"
        link.symlink_to(path)
        with pytest.raises(AlreadyOpenError):
            PartnershipFile.open(link)
        assert sha256(path) == before
        sessions.add_session(first, title="Still writable")  # the first one is unharmed
    finally:
        first.close()
    with PartnershipFile.open(path) as again:
        assert again.scalar("SELECT count(*) FROM session") == 2


# Read-only location ---------------------------------------------------------------------------


def _mount(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["mount", *args], capture_output=True, text=True, timeout=30)


@pytest.fixture
def tmpfs(tmp_path):
    with mounted_tmpfs(tmp_path / "stick", size="4m") as mountpoint:
        yield mountpoint


def test_read_only_location_opens_read_only(tmpfs, capsys):
    path = tmpfs / "on-a-locked-stick.facilitator"
    session_id = make_partnership(path, contributions_count=4)
    result = _mount("-o", "remount,ro", str(tmpfs))
    assert result.returncode == 0, result.stderr
    with pytest.raises(OSError):
        (tmpfs / "probe").write_text("x")  # it really is read-only
    before = Snapshot.take(path)

    with PartnershipFile.open(path) as pf:
        assert pf.read_only is True
        assert pf.read_only_reason.strip()
        assert pf.scalar("SELECT count(*) FROM contribution") == 4
        assert pf.row("SELECT title FROM session WHERE id = ?", (session_id,))["title"] == "Session one"
        for attempt in (
            lambda: sessions.add_session(pf, title="Not allowed"),
            lambda: contributions.add_contribution(pf, session_id=session_id, text="Not allowed"),
            lambda: contributions.delete_contribution(pf, contribution_id=1),
        ):
            with pytest.raises(ReadOnlyError) as caught:
                attempt()
            message = str(caught.value)
            assert "“on-a-locked-stick.facilitator”" in message and "read-only" in message
        assert pf.scalar("SELECT count(*) FROM session") == 1
    before.assert_unchanged()

    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == "ok\n"
    before.assert_unchanged()


# Healthy ------------------------------------------------------------------------------------


def test_healthy_file_checks_ok_and_is_unchanged(tmp_path, capsys):
    path = tmp_path / "healthy.facilitator"
    make_partnership(path, contributions_count=10)
    before = Snapshot.take(path)

    assert main(["check", str(path)]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("ok\n", "")
    before.assert_unchanged()

    result = run_cli("check", path, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "ok\n", "")
    before.assert_unchanged()

    assert validate.deep_check(path) == []
    with PartnershipFile.open(path, read_only=True) as pf:
        assert pf.scalar("SELECT count(*) FROM contribution") == 10
    before.assert_unchanged()


def test_check_reports_what_only_the_full_check_finds(tmp_path, capsys):
    """An index out of step with its table passes quick_check on open, but `check` must say so."""
    path = tmp_path / "stale-index.facilitator"
    make_partnership(path, contributions_count=20)
    conn = sqlite3.connect(path)
    try:
        root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'contribution_session'").fetchone()[0]
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    page_size = validate.read_header(path).page_size
    start = (root - 1) * page_size
    header_at = start + (100 if root == 1 else 0)
    assert data[header_at] == 0x0A, "expected the index to be a single leaf page"
    # Swap two cell pointers: every key stays valid, but the index is no longer in order.
    cells = header_at + 8
    data[cells:cells + 2], data[cells + 2:cells + 4] = data[cells + 2:cells + 4], data[cells:cells + 2]
    path.write_bytes(bytes(data))
    before = Snapshot.take(path)

    problems = validate.deep_check(path)
    assert problems, "integrity_check should notice the out-of-order index"
    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "“stale-index.facilitator” has problems" in err
    before.assert_unchanged()


def test_crash_journal_on_read_only_media_asks_for_a_writable_copy(tmpfs, capsys):
    """A file whose last change was cut off by a crash, on a read-only stick: not 'damaged'."""
    path = tmpfs / "crashed.facilitator"
    make_partnership(path, contributions_count=3)
    crash_mid_transaction(path)
    assert Path(str(path) + "-journal").stat().st_size > 0
    assert _mount("-o", "remount,ro", str(tmpfs)).returncode == 0
    before = Snapshot.take(path)
    with pytest.raises(NeedsRecoveryError, match="folder you can write to"):
        PartnershipFile.open(path)
    before.assert_unchanged()
