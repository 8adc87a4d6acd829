"""Where Facilitator keeps its own files (sample copies, later backups), per platform.

`FACILITATOR_DATA_DIR` overrides the location, which keeps tests away from the real home folder.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

APP_DIR_NAME = "Facilitator"


def user_data_dir() -> Path:
    override = os.environ.get("FACILITATOR_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX). Windows cannot open folders this way and needs no such step."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
