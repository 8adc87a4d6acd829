"""The `facilitator` command: thin wrappers that open a file, call one core function, and report.

Errors the core raises on purpose (FacilitatorError) become one clear line on stderr and exit
status 1; usage errors exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable

from facilitator import __version__
from facilitator.errors import FacilitatorError

COMMANDS = ("sample", "new", "info", "check", "export", "import", "backups", "restore")

EPILOG = """\
With no command, or with just a FILE, the desktop app opens (with that file).
Every change is saved as it is made; there is no save command.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="facilitator",
        description="Facilitator: run multi-agency partnership workshops, offline.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}")
    parser.add_argument("--sample", action="store_true",
                        help="open the desktop app with a fresh copy of the sample partnership")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    sample = commands.add_parser("sample", help="write the sample partnership (Story 1) to FILE",
                                 description="Write the built-in sample partnership to a new FILE.")
    sample.add_argument("file", metavar="FILE", type=Path)

    new = commands.add_parser("new", help="create a new partnership FILE from a session template",
                              description="Create a new partnership FILE with one session from a template.")
    new.add_argument("file", metavar="FILE", type=Path)
    new.add_argument("--template", default="blank", metavar="NAME",
                     help="blank (default), values-and-offers or partnership-health-check")
    new.add_argument("--title", metavar="TEXT", help="the partnership's title (default: from the file name)")

    info = commands.add_parser("info", help="show sessions, organisations by sector and counts",
                               description="Show a partnership's sessions, organisations by sector and counts.")
    info.add_argument("file", metavar="FILE", type=Path)
    info.add_argument("--json", action="store_true", help="print JSON instead of text")

    check = commands.add_parser("check", help="check FILE is a healthy partnership (prints ok)",
                                description="Check a partnership file without changing it. Exit 0 and 'ok' when healthy.")
    check.add_argument("file", metavar="FILE", type=Path)

    export = commands.add_parser("export", help="export a partnership as JSON, or a session summary as PDF",
                                 description="Export a whole partnership as JSON (--json) and/or the printable "
                                             "summary of one session as PDF (--pdf). Give at least one.")
    export.add_argument("file", metavar="FILE", type=Path)
    export.add_argument("--json", dest="json_out", metavar="OUT", type=Path,
                        help="write the documented JSON form to OUT")
    export.add_argument("--pdf", dest="pdf_out", metavar="OUT", type=Path,
                        help="write the PDF session summary (a handout) to OUT")
    export.add_argument("--session", metavar="ID|latest", default="latest",
                        help="the session to summarise: its id (see `facilitator info --json`) or latest "
                             "(default: the last session that has started)")
    export.add_argument("--paper", choices=("a4", "letter"), default="a4", type=str.lower,
                        help="paper size for --pdf (default a4)")

    imp = commands.add_parser("import", help="make a new partnership FILE from exported JSON",
                              description="Make a new partnership FILE from a JSON export. All or nothing.")
    imp.add_argument("json_in", metavar="JSON", type=Path)
    imp.add_argument("file", metavar="FILE", type=Path)

    backups = commands.add_parser("backups", help="list the automatic backups of FILE, newest first",
                                  description="List the automatic backups of a partnership FILE, newest first: "
                                              "when, why, counts of sessions and contributions, and where. "
                                              "Works even when FILE is damaged or missing.")
    backups.add_argument("file", metavar="FILE", type=Path)
    backups.add_argument("--json", action="store_true", help="print JSON instead of text")

    restore = commands.add_parser("restore", help="make a new partnership NEWFILE from a BACKUP",
                                  description="Make a new partnership file NEWFILE from a BACKUP (a path that "
                                              "`facilitator backups` printed). Never overwrites anything.")
    restore.add_argument("backup", metavar="BACKUP", type=Path)
    restore.add_argument("new_file", metavar="NEWFILE", type=Path)
    return parser


def main(argv: list[str] | None = None, *, open_app: Callable[[list[str]], int] | None = None) -> int:
    """Run a command. `open_app(files)` starts the desktop app; the `facilitator` launcher in `ui` passes it."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        return _run_app(argv, open_app)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return _run_app([str(_fresh_sample())] if args.sample else [], open_app)
        return HANDLERS[args.command](args)
    except FacilitatorError as error:
        print(f"facilitator: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _run_app(argv: list[str], open_app: Callable[[list[str]], int] | None) -> int:
    if len(argv) > 1:
        print("facilitator: give at most one FILE to open (see facilitator --help)", file=sys.stderr)
        return 2
    if open_app is None:
        print("facilitator: the desktop app starts from the `facilitator` command, not `python -m facilitator`.",
              file=sys.stderr)
        return 1
    return open_app(argv)


def _fresh_sample():
    from facilitator.sample import fresh_sample_copy

    try:
        return fresh_sample_copy()
    except OSError as error:
        raise FacilitatorError(str(error)) from None


def _sample(args) -> int:
    from facilitator.sample import write_sample

    write_sample(args.file)
    print(f"Wrote the sample partnership to {args.file}")
    return 0


def _new(args) -> int:
    from facilitator.storage.partnership_file import PartnershipFile
    from facilitator.templates import add_session_from_template, load

    load(args.template)  # fail before creating anything
    title = args.title if args.title is not None else args.file.stem.replace("-", " ").replace("_", " ")
    with PartnershipFile.create(args.file, title=title) as pf:
        add_session_from_template(pf, template=args.template)
    print(f"Created {args.file} from the “{args.template}” template")
    return 0


def _info(args) -> int:
    from facilitator.storage.partnership_file import PartnershipFile
    from facilitator.summary import format_summary, summarise

    with PartnershipFile.open(args.file, read_only=True) as pf:
        info = summarise(pf)
    print(json.dumps(info, ensure_ascii=False, indent=2) if args.json else format_summary(info))
    return 0


def _check(args) -> int:
    from facilitator.storage.validate import deep_check

    problems = deep_check(args.file)
    if problems:
        print(f"facilitator: “{args.file.name}” has problems:", file=sys.stderr)
        for problem in problems[:20]:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print("ok")
    return 0


def _export(args) -> int:
    from facilitator.interchange import export_json
    from facilitator.storage.partnership_file import PartnershipFile

    if args.json_out is None and args.pdf_out is None:
        print("facilitator: export needs --json OUT and/or --pdf OUT (see facilitator export --help)", file=sys.stderr)
        return 2
    with PartnershipFile.open(args.file, read_only=True) as pf:
        if args.json_out is not None:
            export_json(pf, args.json_out)
            print(f"Exported {args.file} to {args.json_out}")
        if args.pdf_out is not None:
            from facilitator.pdf import export_session_pdf, resolve_session

            session_id = resolve_session(pf, args.session)
            export_session_pdf(pf, session_id, args.pdf_out, paper=args.paper)
            print(f"Wrote the summary of session {session_id} to {args.pdf_out}")
    return 0


def _import(args) -> int:
    from facilitator.interchange import import_document, load_json

    import_document(load_json(args.json_in), args.file)
    print(f"Imported {args.json_in} into {args.file}")
    return 0


def _backups(args) -> int:
    from facilitator.errors import FileMissingError
    from facilitator.storage.backups import list_backups

    found = list_backups(args.file)
    if args.json:
        print(json.dumps([b.as_json() for b in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        if not args.file.exists():
            raise FileMissingError(args.file, "No backups made from that path were found either.")
        print(f"No backups of {args.file} yet. The app makes one when it opens the file.")
        return 0
    print(f"Backups of “{found[0].title}”, newest first:")
    for backup in found:
        when = backup.made_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        counts = f"{_count(backup.sessions, 'session')}, {_count(backup.contributions, 'contribution')}"
        print(f"{when}  {backup.reason:<8}  {counts}  {backup.path}")
    print("Restore one with: facilitator restore BACKUP NEWFILE")
    return 0


def _count(number: int | None, noun: str) -> str:
    if number is None:
        return f"? {noun}s"
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _restore(args) -> int:
    from facilitator.storage.backups import restore_backup

    restore_backup(args.backup, args.new_file)
    print(f"Restored {args.backup} to {args.new_file}")
    return 0


HANDLERS = {"sample": _sample, "new": _new, "info": _info, "check": _check, "export": _export, "import": _import,
            "backups": _backups, "restore": _restore}


if __name__ == "__main__":
    sys.exit(main())
