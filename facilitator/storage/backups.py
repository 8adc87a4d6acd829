"""Rolling backups of a partnership: consistent copies kept in the user data folder.

A backup is made with SQLite's backup API (a consistent snapshot even while the file is open and
locked), written to a hidden temporary file and renamed into place, so a backup is whole or
absent. The UI makes one when a file is opened and then, while the file changes, every few
minutes (`due_for_backup` says when); the CLI lists them (`facilitator backups FILE`) and
restores one into a new file (`facilitator restore BACKUP NEWFILE`). Nothing here ever writes to
the partnership file itself, and a restore never overwrites anything.

Where: ``user_data_dir()/backups/<key>/``, one folder per partnership. The key is a hash of the
partnership's ``created_at`` (set once, when the partnership is made, and kept by save-a-copy,
moves, renames and JSON export/import), so a file carried to another folder or USB stick still
finds its backups. Copies of one partnership share a folder; every backup records the path it
was made from. When a file cannot be read at all (damaged, missing, open elsewhere), its
backups are found by that recorded path instead.

Each backup is ``<UTC time>-<reason>.facilitator`` with a small JSON sidecar of the same name
holding the time, reason, title, counts of sessions and contributions, source path and a SHA-256
of the copy. A backup identical to the newest one is not written twice.

Retention (`BackupStore.prune`, run after every backup): keep the newest `KEEP_RECENT` (20)
backups, plus the newest backup of each of the `KEEP_DAILY` (7) most recent UTC days that have
backups (days without work do not use up a slot). So at most 27 per partnership.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from facilitator.errors import (
    CannotCreateError,
    DamagedFileError,
    FacilitatorError,
    FileExistsAlreadyError,
    FileMissingError,
    PartnershipFileError,
)
from facilitator.paths import fsync_dir, user_data_dir
from facilitator.storage import validate
from facilitator.storage.partnership_file import FILE_SUFFIX, PartnershipFile, _write_failure
from facilitator.storage.schema import APPLICATION_ID

BACKUPS_DIR_NAME = "backups"
KEEP_RECENT = 20
KEEP_DAILY = 7
BACKUP_INTERVAL_SECONDS = 300
SIDECAR_FORMAT = 1
STALE_PARTIAL_SECONDS = 3600

_NAME = re.compile(r"^(\d{8}T\d{6}\.\d{3}Z)(?:-(\d+))?-([a-z0-9-]+)$")
_TIME_FORMAT = "%Y%m%dT%H%M%S.%fZ"  # parses the names _free_name makes


class BackupFailedError(FacilitatorError):
    """A backup could not be written (the user data folder is full or not writable).

    The partnership file is not affected: carry on, and perhaps say so quietly.
    """


@dataclass(frozen=True)
class Backup:
    """One stored backup. `made_at` is timezone-aware UTC."""

    path: Path
    made_at: datetime
    reason: str
    title: str
    sessions: int | None
    contributions: int | None
    source_path: str
    size: int
    sha256: str

    def as_json(self) -> dict:
        data = asdict(self)
        data["path"] = str(self.path)
        data["made_at"] = self.made_at.isoformat(timespec="milliseconds")
        return data


def backups_root() -> Path:
    return user_data_dir() / BACKUPS_DIR_NAME


def partnership_key(created_at: str) -> str:
    """The folder name for a partnership's backups: stable across copies, moves and renames."""
    return hashlib.sha256(f"facilitator-partnership\0{created_at}".encode()).hexdigest()[:16]


def key_of(pf: PartnershipFile) -> str:
    created_at = pf.scalar("SELECT created_at FROM partnership WHERE id = 1")
    if not created_at:
        # Only a damaged file lacks it; fall back to where the file is.
        where = os.path.normcase(os.path.realpath(pf.path))
        return "path-" + hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return partnership_key(created_at)


class BackupStore:
    """The backups of one partnership, in one folder."""

    def __init__(self, folder: os.PathLike | str):
        self.folder = Path(folder)

    @classmethod
    def for_partnership(cls, pf: PartnershipFile) -> "BackupStore":
        return cls(backups_root() / key_of(pf))

    def __repr__(self) -> str:
        return f"<BackupStore {str(self.folder)!r}>"

    # Making ---------------------------------------------------------------------------------

    def make(self, pf: PartnershipFile, reason: str, *, now: datetime | None = None) -> Backup:
        """Copy `pf` as it is now into this store; see `make_backup`."""
        if pf.closed:
            raise ValueError("The partnership file is closed.")
        if pf.conn.in_transaction:
            raise RuntimeError("A backup cannot be made in the middle of an operation.")
        reason = _clean_reason(reason)
        now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
        now = now.replace(microsecond=now.microsecond // 1000 * 1000)  # as the name records it
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise BackupFailedError(f"No backup was made: {self.folder} could not be created "
                                    f"({error.strerror or error}).") from None
        self._remove_stale_partials()
        temp = _make_temp(self.folder)
        try:
            dest = sqlite3.connect(temp)
            try:
                dest.execute("PRAGMA synchronous = FULL")
                pf.conn.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
            digest = _sha256(temp)
            newest = self.newest()
            if newest is not None and newest.sha256 == digest:
                return newest  # nothing changed since: do not spend a slot on the same bytes
            counts = _counts(pf)
            target = self._free_name(now, reason)
            backup = Backup(
                path=target,
                made_at=now,
                reason=reason,
                title=counts["title"],
                sessions=counts["sessions"],
                contributions=counts["contributions"],
                source_path=os.path.realpath(pf.path),
                size=temp.stat().st_size,
                sha256=digest,
            )
            # The sidecar first: a backup only counts once its file is renamed into place.
            _write_json_atomically(_sidecar(target), {"format": SIDECAR_FORMAT, **backup.as_json()})
            _fsync_file(temp)
            os.replace(temp, target)
            fsync_dir(self.folder)
        except sqlite3.OperationalError as error:
            raise BackupFailedError(f"No backup was made in {self.folder}: {_disk_words(error)}.") from None
        except OSError as error:
            raise BackupFailedError(f"No backup was made in {self.folder}: {error.strerror or error}.") from None
        finally:
            for leftover in (temp, Path(f"{temp}-journal")):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
        self.prune()
        return backup

    def _free_name(self, now: datetime, reason: str) -> Path:
        stamp = now.strftime("%Y%m%dT%H%M%S") + f".{now.microsecond // 1000:03d}Z"
        for number in range(1000):
            name = f"{stamp}-{reason}" if number == 0 else f"{stamp}-{number}-{reason}"
            target = self.folder / f"{name}{FILE_SUFFIX}"
            if not target.exists() and not _sidecar(target).exists():
                return target
        raise OSError(f"too many backups made at {stamp}")

    def _remove_stale_partials(self) -> None:
        """Leftovers of a backup cut off by a crash: temporary files, and sidecars whose backup never arrived."""
        limit = time.time() - STALE_PARTIAL_SECONDS
        leftovers = list(self.folder.glob(".~*.partial*"))
        leftovers += [s for s in self.folder.glob("*.json") if not s.with_suffix(FILE_SUFFIX).exists()]
        for leftover in leftovers:
            with contextlib.suppress(OSError):
                if leftover.stat().st_mtime < limit:
                    leftover.unlink()

    # Listing --------------------------------------------------------------------------------

    def list(self) -> list[Backup]:
        """Every whole backup here, newest first. Half-written ones are never listed."""
        try:
            candidates = [p for p in self.folder.iterdir() if p.suffix == FILE_SUFFIX and not p.name.startswith(".~")]
        except (FileNotFoundError, NotADirectoryError):
            return []
        found = [backup for backup in map(_read_backup, candidates) if backup is not None]
        found.sort(key=_newest_first)
        return found

    def newest(self) -> Backup | None:
        found = self.list()
        return found[0] if found else None

    # Pruning --------------------------------------------------------------------------------

    def prune(self, *, keep_recent: int = KEEP_RECENT, keep_daily: int = KEEP_DAILY) -> list[Path]:
        """Delete backups beyond the retention rule (see the module's docstring); return what went."""
        backups = self.list()
        keep = {b.path for b in backups[:keep_recent]}
        days_seen: list = []
        for backup in backups:  # newest first, so the first of each day is that day's last backup
            day = backup.made_at.date()
            if day not in days_seen:
                days_seen.append(day)
                if len(days_seen) <= keep_daily:
                    keep.add(backup.path)
        removed = []
        for backup in backups:
            if backup.path not in keep:
                with contextlib.suppress(FileNotFoundError):
                    backup.path.unlink()
                with contextlib.suppress(FileNotFoundError):
                    _sidecar(backup.path).unlink()
                removed.append(backup.path)
        return removed


# The API the UI and the CLI use -------------------------------------------------------------


def make_backup(pf: PartnershipFile, reason: str = "interval", *, now: datetime | None = None) -> Backup:
    """A consistent copy of `pf` in its backup folder; returns it. Old backups are pruned.

    `reason` is a short word recorded with the backup ("open", "interval", "close"...). If the
    newest backup already holds exactly these bytes, no new file is written and that one is
    returned. Works on files opened read-only. Raises BackupFailedError when the user data
    folder cannot take it; the partnership is never affected.
    """
    return BackupStore.for_partnership(pf).make(pf, reason, now=now)


def list_backups(path_or_pf: PartnershipFile | os.PathLike | str) -> list[Backup]:
    """The backups of a partnership, newest first, by its key or else by the path they came from.

    Given a path, the file is only read (never changed, never locked for long). If it cannot be
    read (missing, damaged, open in the app), backups made from that same path are listed.
    """
    if isinstance(path_or_pf, PartnershipFile):
        return BackupStore.for_partnership(path_or_pf).list()
    path = Path(path_or_pf)
    created_at = _read_created_at(path)
    if created_at:
        return BackupStore(backups_root() / partnership_key(created_at)).list()
    return backups_made_from(path)


def backups_made_from(path: os.PathLike | str) -> list[Backup]:
    """Backups (of any partnership) whose recorded source is `path`, newest first."""
    wanted = os.path.normcase(os.path.realpath(path))
    found: list[Backup] = []
    root = backups_root()
    if not root.is_dir():
        return []
    for folder in root.iterdir():
        if folder.is_dir():
            found.extend(b for b in BackupStore(folder).list() if os.path.normcase(b.source_path) == wanted)
    found.sort(key=_newest_first)
    return found


def restore_backup(backup_path: os.PathLike | str, new_path: os.PathLike | str) -> Path:
    """Make a new partnership file `new_path` from a backup (or any partnership file).

    Never overwrites: an existing `new_path` is refused. The backup is checked before it is
    copied, the copy appears whole or not at all, and it is opened (upgraded if it is from an
    older version) and fully checked before this returns; a copy that fails is removed.
    """
    backup_path, new_path = Path(backup_path), Path(new_path)
    if new_path.exists() or new_path.is_symlink():
        raise FileExistsAlreadyError(new_path)
    with PartnershipFile.open(backup_path, read_only=True) as source:
        _copy_without_overwriting(source, new_path)
    try:
        with PartnershipFile.open(new_path):
            pass  # validates, and brings an older backup up to this version
        problems = validate.deep_check(new_path)
    except PartnershipFileError as error:
        problems = [str(error)]
    if problems:
        with contextlib.suppress(OSError):
            new_path.unlink()
        raise DamagedFileError(backup_path, f"The restored copy failed its check ({problems[0]}), so it was removed.")
    return new_path


def due_for_backup(last_time, changed_since: bool, now, interval: float | timedelta = BACKUP_INTERVAL_SECONDS) -> bool:
    """Whether the UI's timer should call `make_backup` now.

    `last_time` and `now` are both datetimes or both numbers of seconds (e.g. `time.monotonic()`);
    `last_time` is None when no backup has been made in this sitting. `changed_since` says whether
    the file changed since that backup: the UI can set a flag whenever an operation reports
    Changes, or compare `pf.conn.total_changes` (rows changed since the file was opened, undo
    and redo included) with its value when the last backup was made. A clock that went
    backwards counts as due, so a clock change never stops backups.
    """
    if not changed_since:
        return False
    if last_time is None:
        return True
    seconds = interval.total_seconds() if isinstance(interval, timedelta) else float(interval)
    elapsed = now - last_time
    elapsed = elapsed.total_seconds() if isinstance(elapsed, timedelta) else float(elapsed)
    return elapsed < 0 or elapsed >= seconds


# Helpers ------------------------------------------------------------------------------------


def _clean_reason(reason: str) -> str:
    cleaned = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-")[:30]
    return cleaned or "backup"


def _newest_first(backup: Backup) -> tuple:
    match = _NAME.match(backup.path.stem)
    number = int(match.group(2) or 0) if match else 0
    return (-backup.made_at.timestamp(), -number)


def _sidecar(backup_path: Path) -> Path:
    return backup_path.with_suffix(".json")


def _counts(pf: PartnershipFile) -> dict:
    return {
        "title": pf.scalar("SELECT title FROM partnership WHERE id = 1") or "",
        "sessions": pf.scalar("SELECT count(*) FROM session"),
        "contributions": pf.scalar("SELECT count(*) FROM contribution"),
    }


def _read_backup(path: Path) -> Backup | None:
    """A backup from its sidecar; from the file itself when the sidecar is missing or unreadable."""
    match = _NAME.match(path.stem)
    if match is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    try:
        data = json.loads(_sidecar(path).read_text(encoding="utf-8"))
        if data.get("size") != stat.st_size:
            raise ValueError("sidecar does not match")
        return Backup(
            path=path,
            made_at=datetime.fromisoformat(data["made_at"]).astimezone(timezone.utc),
            reason=str(data["reason"]),
            title=str(data.get("title", "")),
            sessions=data.get("sessions"),
            contributions=data.get("contributions"),
            source_path=str(data.get("source_path", "")),
            size=stat.st_size,
            sha256=str(data.get("sha256", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        pass
    made_at = datetime.strptime(match.group(1), _TIME_FORMAT).replace(tzinfo=timezone.utc)
    counts = _counts_of_file(path)
    return Backup(
        path=path,
        made_at=made_at,
        reason=match.group(3),
        title=counts.get("title", ""),
        sessions=counts.get("sessions"),
        contributions=counts.get("contributions"),
        source_path="",
        size=stat.st_size,
        sha256=_sha256(path) if counts else "",
    )


def _counts_of_file(path: Path) -> dict:
    try:
        conn = sqlite3.connect(validate.readonly_uri(path), uri=True, timeout=0.3)
    except sqlite3.Error:
        return {}
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        return {
            "title": conn.execute("SELECT title FROM partnership WHERE id = 1").fetchone()[0],
            "sessions": conn.execute("SELECT count(*) FROM session").fetchone()[0],
            "contributions": conn.execute("SELECT count(*) FROM contribution").fetchone()[0],
        }
    except (sqlite3.Error, TypeError):
        return {}
    finally:
        conn.close()


def _read_created_at(path: Path) -> str | None:
    """The partnership's created_at, read without changing or claiming the file; None if unreadable."""
    try:
        if validate.read_header(path).application_id != APPLICATION_ID:
            return None
        conn = sqlite3.connect(validate.readonly_uri(path), uri=True, timeout=0.3)
    except (PartnershipFileError, sqlite3.Error, OSError):
        return None
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        row = conn.execute("SELECT created_at FROM partnership WHERE id = 1").fetchone()
        return row[0] if row and isinstance(row[0], str) and row[0] else None
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _copy_without_overwriting(source: PartnershipFile, target: Path) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".~{target.name}.", suffix=".partial", dir=folder)
        os.close(handle)
    except FileNotFoundError:
        raise FileMissingError(folder, "The folder to restore into does not exist.") from None
    except OSError as error:
        raise CannotCreateError(target, error.strerror or str(error)) from None
    temp = Path(temp_name)
    try:
        dest = sqlite3.connect(temp)
        try:
            dest.execute("PRAGMA synchronous = FULL")
            source.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        _use_default_permissions(temp)
        _fsync_file(temp)
        _place_without_overwriting(temp, target)
        fsync_dir(folder)
    except FileExistsError:
        raise FileExistsAlreadyError(target) from None
    except sqlite3.OperationalError as error:
        raise _write_failure(error, "the restored copy") from error
    except OSError as error:
        raise CannotCreateError(target, error.strerror or str(error)) from None
    finally:
        for leftover in (temp, Path(f"{temp}-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _place_without_overwriting(temp: Path, target: Path) -> None:
    """Rename `temp` to `target`, raising FileExistsError rather than replacing anything."""
    if os.name == "nt":
        os.rename(temp, target)  # Windows refuses an existing target
        return
    try:
        os.link(temp, target)  # atomic and refuses an existing target
    except FileExistsError:
        raise
    except OSError:
        # No hard links here (FAT/exFAT sticks): check, then rename.
        if target.exists() or target.is_symlink():
            raise FileExistsError(target) from None
        os.replace(temp, target)


def _use_default_permissions(path: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o666 & ~umask)


def _make_temp(folder: Path) -> Path:
    try:
        handle, name = tempfile.mkstemp(prefix=".~backup.", suffix=".partial", dir=folder)
        os.close(handle)
    except OSError as error:
        raise BackupFailedError(f"No backup was made in {folder}: {error.strerror or error}.") from None
    return Path(name)


def _disk_words(error: sqlite3.Error) -> str:
    text = str(error)
    if "full" in text:
        return "the disk is full"
    return f"SQLite said: {text}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_json_atomically(path: Path, data: dict) -> None:
    temp = path.with_name(f".~{path.name}.partial")
    try:
        with open(temp, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
