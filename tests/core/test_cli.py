"""The command line: each command does its one job, and errors are one clear line with exit 1."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from facilitator import __version__
from facilitator.cli import COMMANDS, build_parser, main


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_sample_info_check_export_import(tmp_path, capsys):
    path = tmp_path / "lsp.facilitator"
    assert run(capsys, "sample", path)[0] == 0
    code, out, _ = run(capsys, "info", path)
    assert code == 0 and "Organisations by sector" in out and "Voluntary and community sector" in out
    code, out, _ = run(capsys, "info", path, "--json")
    info = json.loads(out)
    assert info["counts"]["organisations"] >= 6 and len(info["organisations_by_sector"]) >= 3
    assert run(capsys, "check", path)[1].strip() == "ok"
    assert run(capsys, "export", path, "--json", tmp_path / "a.json")[0] == 0
    assert run(capsys, "import", tmp_path / "a.json", tmp_path / "copy.facilitator")[0] == 0
    assert run(capsys, "export", tmp_path / "copy.facilitator", "--json", tmp_path / "b.json")[0] == 0
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_new_from_template(tmp_path, capsys):
    path = tmp_path / "health.facilitator"
    assert run(capsys, "new", path, "--template", "partnership-health-check", "--title", "Riverside LSP")[0] == 0
    info = json.loads(run(capsys, "info", path, "--json")[1])
    assert info["partnership"]["title"] == "Riverside LSP"
    assert info["counts"]["health_checks"] == 1


def test_errors_are_one_line_and_exit_1(tmp_path, capsys):
    code, out, err = run(capsys, "new", tmp_path / "x.facilitator", "--template", "nope")
    assert code == 1 and "no template called “nope”" in err and not (tmp_path / "x.facilitator").exists()
    (tmp_path / "y.facilitator").write_text("hello")
    code, _, err = run(capsys, "sample", tmp_path / "y.facilitator")
    assert code == 1 and "already exists" in err
    assert (tmp_path / "y.facilitator").read_text() == "hello"
    code, _, err = run(capsys, "info", tmp_path / "missing.facilitator")
    assert code == 1 and "does not exist" in err and "Traceback" not in err


def test_version_and_help_on_every_command(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and __version__ in capsys.readouterr().out
    for command in COMMANDS:
        with pytest.raises(SystemExit) as exit_:
            main([command, "--help"])
        assert exit_.value.code == 0
        assert "usage: facilitator " + command in capsys.readouterr().out


def test_every_command_is_documented_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for command in build_parser()._subparsers._group_actions[0].choices:
        assert f"facilitator {command}" in readme, f"README does not document `facilitator {command}`"


def test_runs_as_a_module():
    result = subprocess.run([sys.executable, "-m", "facilitator", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and __version__ in result.stdout
