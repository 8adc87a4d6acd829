"""Shared helpers for the core's file-safety tests: real files, raw SQLite, real subprocesses.

Qt-free on purpose (tests/core must run where PySide6 is not installed).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from facilitator.operations import contributions, sessions
from facilitator.storage.partnership_file import PartnershipFile

# First bytes of a rollback journal that still holds a transaction (a "hot" journal).
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def make_partnership(path: Path, *, contributions_count: int = 0, title: str = "T") -> int:
    """A closed partnership file with one session and `contributions_count` contributions.

    Returns the session id. Texts are "c-00000", "c-00001", ...
    """
    with PartnershipFile.create(path, title=title) as pf:
        session_id = sessions.add_session(pf, title="Session one").new_id
        for i in range(contributions_count):
            contributions.add_contribution(pf, session_id=session_id, text=f"c-{i:05d} " + "said in the room " * 3)
    return session_id


def raw_sql(path: Path, *statements: str) -> None:
    """Change a file behind Facilitator's back, the way another program would."""
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def run_cli(*args: str | os.PathLike, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """`python -m facilitator ARGS` in a fresh interpreter, as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "facilitator", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
    )


@dataclass
class Snapshot:
    """What a path and its folder look like, to prove that looking at a file changed nothing."""

    path: Path
    kind: str
    digest: str | None
    folder_listing: frozenset[str]

    @classmethod
    def take(cls, path: Path) -> "Snapshot":
        path = Path(path)
        if path.is_dir():
            kind, digest = "dir", repr(sorted(os.listdir(path)))
        elif path.exists():
            kind, digest = "file", sha256(path)
        else:
            kind, digest = "missing", None
        return cls(path, kind, digest, frozenset(os.listdir(path.parent)))

    def assert_unchanged(self) -> None:
        after = Snapshot.take(self.path)
        assert after.kind == self.kind, f"{self.path.name} went from {self.kind} to {after.kind}"
        assert after.digest == self.digest, f"the bytes of {self.path.name} changed"
        new = sorted(after.folder_listing - self.folder_listing)
        gone = sorted(self.folder_listing - after.folder_listing)
        assert not new, f"files appeared beside {self.path.name} (a -journal?): {new}"
        assert not gone, f"files vanished beside {self.path.name}: {gone}"


def is_hot_journal(path: Path) -> bool:
    """Whether the file's rollback journal still holds an unfinished transaction."""
    journal = Path(str(path) + "-journal")
    try:
        with open(journal, "rb") as handle:
            return handle.read(8) == JOURNAL_MAGIC
    except FileNotFoundError:
        return False


@contextlib.contextmanager
def mounted_tmpfs(mountpoint: Path, size: str = "4m"):
    """A real, small filesystem at `mountpoint` (to fill it up, or remount it read-only).

    Skips the test, saying why, where that is impossible (not root, no mount, no permission).
    """
    import pytest

    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs root to mount a small tmpfs (a real disk that can be filled)")
    if shutil.which("mount") is None or shutil.which("umount") is None:
        pytest.skip("mount/umount are not installed")
    mountpoint.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(mountpoint)],
                            capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    try:
        yield mountpoint
    finally:
        for _ in range(20):
            if subprocess.run(["umount", str(mountpoint)], capture_output=True).returncode == 0:
                break
            time.sleep(0.1)
        else:
            subprocess.run(["umount", "-l", str(mountpoint)], capture_output=True)


def fill_disk(folder: Path) -> Path:
    """Fill the filesystem holding `folder` to the last byte with one filler file; return it."""
    filler = folder / "filler.bin"
    with open(filler, "wb", buffering=0) as handle:
        for chunk in (1 << 16, 1 << 12, 1 << 9, 1):
            block = b"\0" * chunk
            while True:
                try:
                    if handle.write(block) == 0:
                        break
                except OSError as error:
                    if error.errno != errno.ENOSPC:
                        raise
                    break
    return filler
