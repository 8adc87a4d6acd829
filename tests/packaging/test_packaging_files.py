"""The packaging files: validated with the real Linux validators, consistent with each other and
with the app, and the installer script run into a temporary prefix. No build needed."""

from __future__ import annotations

import configparser
import os
import re
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import facilitator
from facilitator.storage.schema import APPLICATION_ID
from tests.packaging.conftest import LINUX, PACKAGING, ROOT, load, require

DESKTOP = LINUX / "org.facilitator.Facilitator.desktop"
METAINFO = LINUX / "org.facilitator.Facilitator.metainfo.xml"
MIME = LINUX / "org.facilitator.Facilitator.mime.xml"
ISS = PACKAGING / "windows" / "facilitator.iss"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def desktop_entry(path: Path = DESKTOP) -> dict:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


# --- the real validators ---------------------------------------------------------------------
def test_desktop_file_passes_desktop_file_validate():
    require("desktop-file-validate")
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "" and result.stderr.strip() == "", result


def test_metainfo_passes_appstreamcli_validate():
    require("appstreamcli")
    result = subprocess.run(["appstreamcli", "validate", "--no-net", "--pedantic", str(METAINFO)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    issues = [line for line in result.stdout.splitlines() if re.match(r"^[EWI]:", line)]
    assert issues == [], issues  # pedantic notes (P:) allowed: e.g. upper case in the reverse-DNS id


def test_mime_entry_is_well_formed_and_compiles(tmp_path):
    require("xmllint", "update-mime-database")
    result = subprocess.run(["xmllint", "--noout", str(MIME)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    (packages / "org.facilitator.Facilitator.xml").write_bytes(MIME.read_bytes())
    result = subprocess.run(["update-mime-database", "-V", str(tmp_path / "mime")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not re.search(r"(?i)warning|error|unknown", result.stdout + result.stderr), result.stdout + result.stderr
    globs = (tmp_path / "mime" / "globs2").read_text()
    assert "application/x-facilitator:*.facilitator" in globs
    assert "[60:application/x-facilitator]" in (tmp_path / "mime" / "magic").read_bytes().decode("latin-1")


def test_the_desktop_recognises_partnership_files_by_name_and_by_content(tmp_path):
    """With the MIME entry installed, Qt's QMimeDatabase (which reads the same shared-mime-info
    database as file managers) calls a partnership file ours, even renamed; plain SQLite is not."""
    require("update-mime-database")
    pytest.importorskip("PySide6")
    share = tmp_path / "share"
    packages = share / "mime" / "packages"
    packages.mkdir(parents=True)
    (packages / "org.facilitator.Facilitator.xml").write_bytes(MIME.read_bytes())
    subprocess.run(["update-mime-database", str(share / "mime")], check=True, capture_output=True)
    from facilitator.sample import write_sample

    write_sample(tmp_path / "a.facilitator")
    (tmp_path / "renamed.db").write_bytes((tmp_path / "a.facilitator").read_bytes())
    sqlite3.connect(tmp_path / "plain.db").execute("create table t(x)").connection.commit()
    code = ("import sys; from PySide6.QtCore import QMimeDatabase; db = QMimeDatabase(); "
            "print(' '.join(db.mimeTypeForFile(p).name() for p in sys.argv[1:]))")
    env = dict(os.environ, XDG_DATA_DIRS=f"{share}:/usr/share", XDG_DATA_HOME=str(tmp_path / "empty"))
    out = subprocess.run([sys.executable, "-c", code, *(str(tmp_path / n) for n in ("a.facilitator", "renamed.db",
                                                                                  "plain.db"))],
                         env=env, capture_output=True, text=True, check=True).stdout.split()
    assert out == ["application/x-facilitator", "application/x-facilitator", "application/vnd.sqlite3"]


# --- consistency ------------------------------------------------------------------------------
def test_desktop_entry_names_our_type_icon_and_command(rules):
    entry = desktop_entry()
    assert entry["MimeType"] == f"{rules.MIME_TYPE};"
    assert entry["Icon"] == rules.APP_ID
    assert entry["Exec"] == "facilitator %f" and entry["TryExec"] == "facilitator"  # install.sh makes them absolute
    assert entry["Terminal"] == "false" and "Office;" in entry["Categories"]
    assert DESKTOP.name == f"{rules.APP_ID}.desktop"


def test_metainfo_matches_the_app(rules):
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == rules.APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/mediatype") == rules.MIME_TYPE
    assert root.findtext("provides/binary") == rules.exe_name("linux")
    newest = root.find("releases/release")
    assert newest.get("version") == facilitator.__version__, "add a <release> for the new version to the metainfo"


def test_mime_entry_matches_the_file_format(rules):
    mime_type = ET.parse(MIME).getroot().find(f"{MIME_NS}mime-type")
    assert mime_type.get("type") == rules.MIME_TYPE
    assert mime_type.find(f"{MIME_NS}glob").get("pattern") == f"*.{rules.EXTENSION}"
    outer = mime_type.find(f"{MIME_NS}magic/{MIME_NS}match")
    inner = outer.find(f"{MIME_NS}match")
    assert (outer.get("offset"), outer.get("value")) == ("0", "SQLite format 3")
    assert inner.get("offset") == "68" and inner.get("value").encode() == APPLICATION_ID.to_bytes(4, "big")


def test_inno_setup_script_associates_files_and_adds_a_start_menu_entry(rules):
    text = ISS.read_text(encoding="utf-8")
    defines = dict(re.findall(r'^#define (\w+) "([^"]*)"', text, re.M))
    assert defines["AppExe"] == f"{rules.exe_name('windows')}.exe"
    assert defines["ProgId"] == rules.WINDOWS_PROGID
    assert defines["Extension"] == f".{rules.EXTENSION}" and defines["MimeType"] == rules.MIME_TYPE
    sections = re.findall(r"^\[(\w+)\]", text, re.M)
    assert {"Setup", "Files", "Icons", "Registry", "Run", "InstallDelete"} <= set(sections)
    assert re.search(r"^ChangesAssociations=yes$", text, re.M)
    assert re.search(r'^Name: "\{autoprograms\}\\\{#AppName\}"', text, re.M)  # Start menu
    assert '""{app}\\{#AppExe}"" ""%1""' in text  # open command passes the file
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", text, re.M)
    for key in ("SetupIconFile", "LicenseFile"):
        relative = re.search(rf"^{key}=(.+)$", text, re.M).group(1).replace("\\", "/")
        assert (ISS.parent / relative).resolve().is_file(), key


def test_icons_are_complete():
    pytest.importorskip("PIL")
    assert load("make_icons").problems() == []


def test_constraints_satisfy_the_projects_dependency_ranges():
    requirements = pytest.importorskip("packaging.requirements")
    import tomllib

    declared = {}
    for text in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]:
        req = requirements.Requirement(text)
        declared[req.name.lower()] = req.specifier
    pins = {}
    for line in (PACKAGING / "constraints.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    assert set(declared) <= set(pins), f"pin every runtime dependency in packaging/constraints.txt: {declared}"
    for name, specifier in declared.items():
        assert specifier.contains(pins[name]), (name, pins[name], str(specifier))


def test_every_packaging_file_is_documented():
    readme = (PACKAGING / "README.md").read_text(encoding="utf-8")
    for path in sorted(PACKAGING.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.name != "README.md":
            assert path.name in readme, f"packaging/README.md does not mention {path.relative_to(PACKAGING)}"


# --- install.sh --------------------------------------------------------------------------------
@pytest.fixture
def fake_bundle(tmp_path):
    """An app folder laid out like the Linux archive, with a stand-in executable."""
    folder = tmp_path / "Facilitator-test-linux"
    (folder / "_internal").mkdir(parents=True)
    (folder / "_internal" / "marker").write_text("bundle")
    exe = folder / "facilitator"
    exe.write_text("#!/bin/sh\necho 'facilitator stand-in'\n")
    exe.chmod(0o755)
    load("build").write_linux_share(folder / "share")
    (folder / "install.sh").write_bytes((LINUX / "install.sh").read_bytes())
    return folder


def test_install_sh_installs_and_uninstalls_under_a_prefix(fake_bundle, tmp_path, rules):
    prefix = tmp_path / "prefix"
    env = dict(os.environ, PATH=os.environ.get("PATH", "/usr/bin:/bin"))
    result = subprocess.run(["sh", str(fake_bundle / "install.sh"), "--prefix", str(prefix)], env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    app = prefix / "lib" / "facilitator" / "facilitator"
    assert subprocess.run([str(prefix / "bin" / "facilitator")], capture_output=True, text=True).stdout.strip() \
        == "facilitator stand-in"
    assert (prefix / "lib" / "facilitator" / "_internal" / "marker").read_text() == "bundle"
    installed = prefix / "share" / "applications" / DESKTOP.name
    entry = desktop_entry(installed)
    assert entry["Exec"] == f"{app} %f" and entry["TryExec"] == str(app)
    assert (prefix / "share" / "metainfo" / METAINFO.name).is_file()
    assert (prefix / "share" / "mime" / "packages" / f"{rules.APP_ID}.xml").is_file()
    for size in (16, 32, 48, 128, 256, 512):
        assert (prefix / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{rules.APP_ID}.png").is_file()
        assert (prefix / "share" / "icons" / "hicolor" / f"{size}x{size}" / "mimetypes"
                / "application-x-facilitator.png").is_file()
    if subprocess.run(["sh", "-c", "command -v update-mime-database"], capture_output=True).returncode == 0:
        assert "application/x-facilitator" in (prefix / "share" / "mime" / "globs2").read_text()
    if subprocess.run(["sh", "-c", "command -v desktop-file-validate"], capture_output=True).returncode == 0:
        check = subprocess.run(["desktop-file-validate", str(installed)], capture_output=True, text=True)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout

    # a second install replaces the first in place
    assert subprocess.run(["sh", str(fake_bundle / "install.sh"), "--prefix", str(prefix)],
                          capture_output=True).returncode == 0

    result = subprocess.run(["sh", str(fake_bundle / "install.sh"), "--prefix", str(prefix), "--uninstall"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    left = sorted(str(p.relative_to(prefix)) for p in prefix.rglob("*") if p.is_file())
    caches = [p for p in left if (p.startswith("share/mime/") and "/packages/" not in p)
              or p.endswith(("/mimeinfo.cache", "/icon-theme.cache"))]
    assert sorted(set(left) - set(caches)) == []  # only the desktop's regenerated caches are left


def test_install_sh_refuses_unknown_options(fake_bundle):
    result = subprocess.run(["sh", str(fake_bundle / "install.sh"), "--bogus"], capture_output=True, text=True)
    assert result.returncode == 2 and "unknown option" in result.stderr
