"""The one object that owns a partnership file: open, validate, edit, undo, close.

Every edit is its own transaction, committed before the call returns, with DELETE journalling
and synchronous=FULL so an acknowledged change survives power loss and the file stays a single
file (safe to copy to a USB stick). The connection keeps an exclusive lock for as long as the
file is open, which is how a second program is refused.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from sqlite_utils import Database

from facilitator.changes import Changes
from facilitator.errors import (
    AlreadyOpenError,
    CannotCreateError,
    FileExistsAlreadyError,
    PartnershipFileError,
    ReadOnlyError,
    ValidationError,
    WriteFailedError,
)
from facilitator.storage import validate
from facilitator.storage.journal import Edit, apply_row_change, read_child_links
from facilitator.storage.schema import SCHEMA_VERSION, TABLES, apply_migrations
from facilitator.undo import Command, UndoStack

FILE_SUFFIX = ".facilitator"

_open_paths: set[str] = set()
_open_paths_lock = threading.Lock()


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class PartnershipFile:
    """An open partnership. Use `PartnershipFile.open(path)` or `.create(path, title=...)`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool, read_only_reason: str):
        self.path = path
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.conn = conn
        self.db = Database(conn, recursive_triggers=False, execute_plugins=False)
        self.history = UndoStack()
        self._child_links = read_child_links(conn, TABLES)
        self._closed = False
        # The WriteFailedError of the last write when the disk refused it; None once a write
        # succeeds again. Nothing of a failed write is kept and the file stays readable, so the
        # UI can show a banner (and offer Save a copy elsewhere) while this is set. The file is
        # not switched to read-only: a disk that was full may have room again a moment later.
        self.write_failed: WriteFailedError | None = None

    # Opening and creating -------------------------------------------------------------------

    @classmethod
    def open(cls, path: os.PathLike | str, *, read_only: bool = False) -> "PartnershipFile":
        path = Path(path)
        key = _claim(path)
        try:
            header = validate.validate_existing(path)
            reason = ""
            if read_only:
                reason = "It was opened read-only on request."
            elif not validate.is_writable_location(path):
                read_only, reason = True, "Its folder or the file itself cannot be written to."
            elif header.user_version < SCHEMA_VERSION:
                pass  # migrated below, once the connection is ours
            conn = _connect(path, read_only=read_only)
            try:
                if not read_only:
                    _apply_migrations(conn, path)
            except BaseException:
                conn.close()
                raise
            opened = cls(path, conn, read_only=read_only, read_only_reason=reason)
            opened._key = key
            return opened
        except BaseException:
            _release(key)
            raise

    @classmethod
    def create(cls, path: os.PathLike | str, *, title: str, description: str = "") -> "PartnershipFile":
        """Make a new, empty partnership file. It appears whole or not at all."""
        path = Path(path)
        if not title.strip():
            raise ValidationError("A partnership needs a title.")
        if path.exists():
            raise FileExistsAlreadyError(path)
        build_atomically(path, lambda conn: _insert_partnership(conn, title, description))
        return cls.open(path)

    # Editing ----------------------------------------------------------------------------------

    @contextlib.contextmanager
    def edit(self, label: str, *, record: bool = True) -> Iterator[Edit]:
        """A transaction for one operation. On success it is committed and pushed for undo."""
        self._require_writable()
        edit = Edit(self.conn, self._child_links)
        with self._transaction():
            yield edit
        if edit.rows and record:
            self.history.push(Command(label, tuple(edit.rows)))
        edit.changes = Changes.from_rows(label, edit.rows, edit.new_id)

    def undo(self) -> Changes:
        command = self.history.peek_undo()
        if command is None:
            return Changes()
        rows = command.undo_rows()
        self._replay(rows)
        self.history.mark_undone()
        return Changes.from_rows(f"Undo {command.label}", rows)

    def redo(self) -> Changes:
        command = self.history.peek_redo()
        if command is None:
            return Changes()
        rows = command.redo_rows()
        self._replay(rows)
        self.history.mark_redone()
        return Changes.from_rows(f"Redo {command.label}", rows)

    def _replay(self, rows) -> None:
        self._require_writable()
        with self._transaction():
            for row in rows:
                apply_row_change(self.conn, row)

    @contextlib.contextmanager
    def _transaction(self):
        if self.conn.in_transaction:
            raise RuntimeError("Operations may not nest.")
        try:
            with self.db.atomic():
                yield
        except sqlite3.OperationalError as error:
            self.write_failed = _write_failure(error)
            raise self.write_failed from error
        except sqlite3.IntegrityError as error:
            raise ValidationError(f"That change would break the partnership's links ({error}).") from error
        self.write_failed = None

    def _require_writable(self) -> None:
        if self._closed:
            raise ReadOnlyError("The partnership file has been closed.")
        if self.read_only:
            raise ReadOnlyError(f"“{self.path.name}” is open read-only. {self.read_only_reason}".strip())

    # Reading ----------------------------------------------------------------------------------

    def rows(self, sql: str, params: tuple | dict = ()) -> list[dict]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor]

    def row(self, sql: str, params: tuple | dict = ()) -> dict | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: tuple | dict = ()):
        found = self.conn.execute(sql, params).fetchone()
        return None if found is None else found[0]

    # Copies -----------------------------------------------------------------------------------

    def save_copy(self, target: os.PathLike | str) -> Path:
        """A consistent copy via SQLite's backup API, written beside `target` then renamed into place.

        The copy is an ordinary editable file even when this one is open read-only.
        """
        target = Path(target)
        if os.path.realpath(target) == os.path.realpath(self.path):
            raise ValidationError("Choose a different name or folder for the copy.")
        folder = target.parent if str(target.parent) else Path(".")
        temp = folder / f".~{target.name}.partial"
        try:
            dest = sqlite3.connect(temp)
            try:
                self.conn.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
            os.replace(temp, target)
        except sqlite3.OperationalError as error:
            raise _write_failure(error, "the copy") from error
        except OSError as error:
            raise CannotCreateError(target, error.strerror or str(error)) from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
            with contextlib.suppress(FileNotFoundError):
                Path(f"{temp}-journal").unlink()
        return target

    # Closing ----------------------------------------------------------------------------------

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self.conn.close()
        finally:
            _release(getattr(self, "_key", None))

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> "PartnershipFile":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"<PartnershipFile {str(self.path)!r} {mode}>"


# Helpers ----------------------------------------------------------------------------------------


def configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")
    conn.execute("PRAGMA foreign_keys = ON")


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    try:
        if read_only:
            conn = sqlite3.connect(validate.readonly_uri(path), uri=True, timeout=0.3, check_same_thread=False)
        else:
            conn = sqlite3.connect(path, timeout=0.3, check_same_thread=False)
    except sqlite3.Error as error:
        raise PartnershipFileError(path, f"SQLite said: {error}.") from None
    try:
        configure(conn)
        if not read_only:
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        if read_only:
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        else:
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
    except sqlite3.OperationalError as error:
        conn.close()
        if "locked" in str(error):
            raise AlreadyOpenError(path) from None
        raise PartnershipFileError(path, f"SQLite said: {error}.") from None
    return conn


def _apply_migrations(conn: sqlite3.Connection, path: Path) -> None:
    if conn.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
        return
    try:
        apply_migrations(Database(conn, recursive_triggers=False, execute_plugins=False))
    except sqlite3.Error as error:
        raise PartnershipFileError(path, f"It could not be upgraded ({error}); it was left as it was.") from None


def _insert_partnership(conn: sqlite3.Connection, title: str, description: str) -> None:
    conn.execute(
        "INSERT INTO partnership (id, title, description, created_at) VALUES (1, ?, ?, ?)",
        (title, description, utc_now()),
    )


def build_atomically(path: Path, fill) -> None:
    """Create a partnership at `path` by filling a hidden temporary file and renaming it.

    `fill(conn)` runs inside one transaction after the schema exists. If the process dies
    part-way, `path` does not exist; only a hidden `.~NAME.XXXX.partial` file may be left behind,
    and the next build of the same name clears such leftovers away.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    _remove_stale_partials(folder, path.name)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".~{path.name}.", suffix=".partial", dir=folder)
        os.close(handle)
    except OSError as error:
        raise CannotCreateError(path, error.strerror or str(error)) from None
    temp = Path(temp_name)
    try:
        conn = sqlite3.connect(temp)
        try:
            configure(conn)
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA synchronous = FULL")
            db = Database(conn, recursive_triggers=False, execute_plugins=False)
            apply_migrations(db)
            with db.atomic():
                fill(conn)
            violations = conn.execute("PRAGMA foreign_key_check").fetchall()
            if violations:
                raise ValidationError(f"Broken link in {violations[0][0]} row {violations[0][1]}.")
        finally:
            conn.close()
        if path.exists():
            raise FileExistsAlreadyError(path)
        _use_default_permissions(temp)
        os.replace(temp, path)
    except sqlite3.OperationalError as error:
        raise _write_failure(error) from error
    except OSError as error:
        raise CannotCreateError(path, error.strerror or str(error)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        with contextlib.suppress(FileNotFoundError):
            Path(str(temp) + "-journal").unlink()


def _remove_stale_partials(folder: Path, name: str) -> None:
    """Leftovers of killed builds: deleted only when no other process is writing them."""
    for partial in folder.glob(f".~{glob_escape(name)}.*.partial"):
        try:
            conn = sqlite3.connect(partial, timeout=0)
            try:
                conn.execute("BEGIN EXCLUSIVE")
                conn.execute("ROLLBACK")
            finally:
                conn.close()
        except sqlite3.Error:
            if not partial.stat().st_size == 0:
                continue  # busy (another import is running) or not a database we made
        with contextlib.suppress(OSError):
            partial.unlink()
            Path(str(partial) + "-journal").unlink(missing_ok=True)


def glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def _use_default_permissions(path: Path) -> None:
    """mkstemp makes owner-only files; a partnership file should get the usual permissions."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def _write_failure(error: sqlite3.OperationalError, what: str = "that change") -> WriteFailedError:
    text = str(error)
    if "full" in text:
        return WriteFailedError(f"The disk is full, so {what} was not saved. Free some space or save a copy elsewhere.")
    if "readonly" in text or "read-only" in text:
        return WriteFailedError(f"The file can no longer be written to, so {what} was not saved.")
    if "I/O" in text or "disk" in text:
        return WriteFailedError(f"The disk reported an error, so {what} was not saved. Was a USB stick removed?")
    return WriteFailedError(f"{what[0].upper()}{what[1:]} was not saved: {text}.")


def _claim(path: Path) -> str:
    key = os.path.realpath(path)
    with _open_paths_lock:
        if key in _open_paths:
            raise AlreadyOpenError(path, "It is open in this Facilitator already.")
        _open_paths.add(key)
    return key


def _release(key: str | None) -> None:
    if key is None:
        return
    with _open_paths_lock:
        _open_paths.discard(key)
