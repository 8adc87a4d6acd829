"""The `facilitator` command: CLI commands go to the Qt-free core; anything else opens the app.

It lives in `ui` because only the UI layer may know about both. Qt is imported only when the
desktop app is actually opened, so the commands work (and start fast) without a display.
"""

from __future__ import annotations

import sys


def open_app(files: list[str]) -> int:
    try:
        from ui.app import run
    except ImportError as error:
        print(f"facilitator: the desktop app cannot start here ({error}).", file=sys.stderr)
        return 1
    return run(files)


def main(argv: list[str] | None = None) -> int:
    from facilitator.cli import main as cli_main

    return cli_main(argv, open_app=open_app)


if __name__ == "__main__":
    sys.exit(main())
