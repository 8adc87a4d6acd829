"""Entry point of the frozen app: the same `facilitator` command the wheel installs (ui.launcher:main).

Before handing over, it keeps the bundle's own library paths out of the environment that child
processes inherit. PyInstaller's bootloader sets LD_LIBRARY_PATH to the bundle (and its Qt hook sets
QT_PLUGIN_PATH) so that this process finds its libraries; this process has already read them by now
(the dynamic linker reads LD_LIBRARY_PATH once at start; PySide6's embedded qt.conf points Qt at its
plugins). Left in place, they would be passed to the PDF viewer that "Open the PDF" starts through
xdg-open, which would then load our Qt and ICU instead of its own and may crash.
"""

from __future__ import annotations

import os
import sys

BUNDLE_VARIABLES = ("QT_PLUGIN_PATH", "QML2_IMPORT_PATH")


def clean_child_environment(environ=os.environ, frozen: bool | None = None, platform: str = sys.platform) -> None:
    """Give child processes the environment the user launched the app with (Linux bundles).

    Windows and macOS bundles are left as PyInstaller makes them: their loaders do not use
    LD_LIBRARY_PATH, and removing QT_PLUGIN_PATH there is untested."""
    if not (getattr(sys, "frozen", False) if frozen is None else frozen):
        return
    if platform in ("win32", "cygwin", "darwin"):
        return
    original = environ.pop("LD_LIBRARY_PATH_ORIG", None)  # the bootloader keeps the user's value here
    if original is not None:
        environ["LD_LIBRARY_PATH"] = original
    else:
        environ.pop("LD_LIBRARY_PATH", None)
    for name in BUNDLE_VARIABLES:
        environ.pop(name, None)


def main() -> int:
    clean_child_environment()
    from ui.launcher import main as facilitator_main

    return facilitator_main()


if __name__ == "__main__":
    sys.exit(main())
