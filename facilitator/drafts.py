"""Drafts: the capture box's unsent text, kept on disk so a crash while typing loses nothing.

The UI calls `save_draft` as the facilitator types (debounced, say 300 ms after the last key),
`clear_draft` once the text has been added as a contribution (or the box is emptied), and
`load_draft` / `drafts_for` when a partnership is opened, to offer unsent text back.

A draft lives in ``user_data_dir()/drafts/<key>-s<session id>.json``, where the key is a hash of
the partnership file's real path (a draft belongs to the file on this computer that was being
typed into). Each save writes a temporary file, fsyncs it, renames it over the old draft with
`os.replace` and fsyncs the folder, so the draft on disk is always the old one or the new one,
whole, even if the process is killed or the power goes mid-save. Drafts are never written into
the partnership file itself: typing does not create undo steps or touch the file on a USB stick.

One writer per partnership is assumed (the partnership file's lock guarantees it).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from facilitator.paths import fsync_dir, user_data_dir

DRAFTS_DIR_NAME = "drafts"
DRAFT_FORMAT = 1


@dataclass(frozen=True)
class Draft:
    session_id: int
    text: str
    saved_at: datetime  # timezone-aware UTC
    path: Path


def drafts_dir() -> Path:
    return user_data_dir() / DRAFTS_DIR_NAME


def draft_path(partnership_path: os.PathLike | str, session_id: int) -> Path:
    return drafts_dir() / f"{_key(partnership_path)}-s{int(session_id)}.json"


def save_draft(partnership_path: os.PathLike | str, session_id: int, text: str) -> bool:
    """Keep `text` as the unsent draft for a session; blank text clears it.

    Returns True once the draft is safely on disk, False if the disk refused (full, not
    writable); then the previous draft, if any, is still there, whole. Never raises for that.
    """
    if not text.strip():
        clear_draft(partnership_path, session_id)
        return True
    target = draft_path(partnership_path, session_id)
    data = {
        "format": DRAFT_FORMAT,
        "partnership_path": os.path.realpath(partnership_path),
        "session_id": int(session_id),
        "saved_at": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
        "text": text,
    }
    temp = target.with_name(f".~{target.name}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(temp, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=True)  # \u escapes: even a lone surrogate is kept
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
        fsync_dir(target.parent)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            temp.unlink()
        return False
    return True


def load_draft(partnership_path: os.PathLike | str, session_id: int) -> Draft | None:
    """The unsent draft for a session, or None (none saved, or unreadable)."""
    return _read(draft_path(partnership_path, session_id))


def drafts_for(partnership_path: os.PathLike | str) -> list[Draft]:
    """Every unsent draft of a partnership, oldest first (to offer back when it is opened)."""
    folder = drafts_dir()
    found = [_read(path) for path in folder.glob(f"{_key(partnership_path)}-s*.json")] if folder.is_dir() else []
    return sorted((d for d in found if d is not None), key=lambda d: (d.saved_at, d.session_id))


def clear_draft(partnership_path: os.PathLike | str, session_id: int) -> None:
    """Forget a session's draft (its text was added, or the box was emptied)."""
    with contextlib.suppress(FileNotFoundError):
        draft_path(partnership_path, session_id).unlink()


def _key(partnership_path: os.PathLike | str) -> str:
    where = os.path.normcase(os.path.realpath(partnership_path))  # one key however the path is spelt
    return hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _read(path: Path) -> Draft | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        text = data["text"]
        if not isinstance(text, str) or not text:
            return None
        return Draft(
            session_id=int(data["session_id"]),
            text=text,
            saved_at=datetime.fromisoformat(data["saved_at"]),
            path=path,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
