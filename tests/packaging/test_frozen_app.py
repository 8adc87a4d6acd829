"""The built Linux app, run as a user would: the packaging smoke test.

Needs a bundle: FACILITATOR_BUNDLE=DIR (the folder `python packaging/build.py` made, e.g.
dist/Facilitator-0.1.0-linux-x86_64), or FACILITATOR_BUNDLE=build to build it first (about a minute
once the build environment exists). Without it these tests skip. `.ci/run` builds and runs them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.packaging.conftest import PACKAGING, ROOT, load, require

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle"),
]

BUDGET_MIB = 150  # the app folder measured 119 MiB (PySide6-Essentials 6.11); the full PySide6 would be ~100 MiB more


@pytest.fixture(scope="session")
def smoke():
    return load("smoke")


@pytest.fixture(scope="session")
def bundle() -> Path:
    setting = os.environ.get("FACILITATOR_BUNDLE")
    if not setting:
        pytest.skip("set FACILITATOR_BUNDLE to a built app folder, or to 'build' to build one")
    if setting == "build":
        subprocess.run([sys.executable, str(PACKAGING / "build.py")], check=True, cwd=ROOT)
        setting = json.loads((ROOT / "dist" / "build-info.json").read_text())["folder"]
    folder = Path(setting).resolve()
    assert (folder / "facilitator").is_file(), f"{folder} holds no facilitator executable"
    return folder


@pytest.fixture
def session(tmp_path, smoke):
    """A work folder, a private home, and a prefix that runs commands with no network."""
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    return work, smoke.private_env(home), smoke.network_isolated_prefix()


def test_commands_work_with_no_network(bundle, session, smoke, tmp_path):
    """sample, check, info, export --pdf: in a network namespace, and strace sees no internet socket."""
    work, env, isolated = session
    trace = tmp_path / "strace.log"
    traced = smoke.strace_prefix(trace)
    if os.environ.get("FACILITATOR_REQUIRE_PACKAGING_TOOLS") == "1":
        assert isolated and traced, "`unshare -rn` and strace must work here"
    pdf = smoke.check_cli(bundle / "facilitator", work, env, smoke.Report(), [*isolated, *traced])
    assert smoke.internet_sockets(trace) == []

    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Riverside" in text and "Session summary" in text


def test_a_many_script_pdf_uses_the_bundled_fonts_and_shaping(bundle, session, smoke):
    from facilitator.pdf import demo_data

    work, env, isolated = session
    pdf = smoke.check_scripts_pdf(bundle / "facilitator", work, env, smoke.Report(), demo_data.scripts_document(),
                                  isolated)
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(pdf)
    fonts = set()
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")).split("+")[-1])
    assert {"NotoSans-Regular", "NotoNaskhArabic-Regular", "NotoSansBengali-Regular"} <= fonts, fonts
    text = "".join(page.extract_text() for page in reader.pages)
    assert demo_data.SCRIPTS["welsh"] in text and demo_data.SCRIPTS["polish"] in text


def test_the_gui_starts_offscreen_and_keeps_running(bundle, session, smoke):
    """--sample with QT_QPA_PLATFORM=offscreen: alive after 5 s with the bundle's Qt loaded, then SIGTERM.
    (The app has no quit-after hook yet, so this cannot check a clean exit status.)"""
    work, env, isolated = session
    smoke.check_gui_offscreen(bundle / "facilitator", work, env, smoke.Report(), seconds=5, prefix=isolated)


def test_the_main_window_appears_under_xvfb(bundle, session, smoke):
    require("Xvfb", "xwininfo")
    work, env, isolated = session
    with smoke.xvfb() as display:
        seconds, title = smoke.time_to_window([bundle / "facilitator", "--sample"], env, work, display)
    assert title.endswith("— Facilitator") and ".facilitator" in title
    assert seconds < 30


def test_the_bundle_is_lean_and_complete(bundle, rules):
    internal = bundle / "_internal"
    files = [p for p in internal.rglob("*") if p.is_file() and not p.is_symlink()]
    names = {p.relative_to(internal).as_posix() for p in internal.rglob("*")}
    size_mib = sum(p.stat().st_size for p in files) / 2**20
    assert size_mib < BUDGET_MIB, f"the app folder grew to {size_mib:.0f} MiB"
    # resources, fonts and templates where facilitator/resources.py looks for them when frozen
    for needed in ("resources/templates/values-and-offers.json", "resources/sample/story1.json",
                   "resources/fonts/NotoSans-Regular.ttf", "resources/fonts/NotoNaskhArabic-Regular.ttf",
                   "resources/fonts/display/FiraSans-Regular.ttf", "resources/icons/facilitator.svg"):
        assert needed in names, needed
    # licences
    for needed in ("licenses/Facilitator-LICENSE.txt", "licenses/LGPL-3.0.txt", "licenses/GPL-3.0.txt"):
        assert needed in names, needed
    assert any(name.startswith("licenses/pyside6-essentials-") for name in names)
    assert any(name.startswith("licenses/reportlab-") for name in names)
    # PySide6-Essentials only, no translations, only allow-listed plugins, nothing for the network
    assert not any("/translations/" in name for name in names)
    assert not any(re.search(r"Qt6(Qml|Quick|WebEngine|Pdf|Multimedia|3D|Charts|Network)", name) for name in names)
    assert not any(re.search(r"lib(ssl|crypto)\.so", name) for name in names)
    plugins = [rules.plugin_of(name) for name in names if rules.plugin_of(name)]
    assert plugins and all(rules.plugin_allowed(kind, name, "linux") for kind, name in plugins), plugins
    assert ("platforms", "qxcb") in plugins and ("platforms", "qwayland") in plugins
    # the host's own libraries stay the host's
    assert not {Path(name).name for name in names} & rules.LINUX_HOST_LIBRARIES
    # no link left dangling
    assert [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()] == []


def test_bundled_libraries_resolve_against_this_host(bundle):
    """Everything but the Wayland client pieces (which use the host's libwayland, present on any
    Wayland desktop) finds its libraries in the bundle or among the host's usual ones."""
    require("ldd")
    internal = bundle / "_internal"
    binaries = [p for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink() and "wayland" not in
                p.as_posix().lower()]
    missing = set()
    for chunk in range(0, len(binaries), 40):
        out = subprocess.run(["ldd", *map(str, binaries[chunk:chunk + 40])], capture_output=True, text=True,
                             env=dict(os.environ, LD_LIBRARY_PATH=str(internal))).stdout
        missing |= set(re.findall(r"^\s*(\S+) => not found", out, re.M))
    assert missing == set()


def test_the_archive_installs_and_runs(bundle, tmp_path):
    archive = bundle.parent / f"{bundle.name}.tar.gz"
    if not archive.exists():
        pytest.skip(f"no archive beside the bundle ({archive.name})")
    with tarfile.open(archive) as tar:
        members = {m.name: m for m in tar.getmembers()}
        top = bundle.name
        assert members[f"{top}/facilitator"].mode & 0o111 and members[f"{top}/install.sh"].mode & 0o111
        for needed in ("INSTALL.txt", "_internal/resources/templates/blank.json",
                       "share/applications/org.facilitator.Facilitator.desktop",
                       "share/metainfo/org.facilitator.Facilitator.metainfo.xml",
                       "share/mime/packages/org.facilitator.Facilitator.xml",
                       "share/icons/hicolor/256x256/apps/org.facilitator.Facilitator.png"):
            assert f"{top}/{needed}" in members, needed
        assert all(m.uid == 0 and m.gid == 0 for m in members.values())
        tar.extractall(tmp_path / "unpacked", filter="tar")
    prefix = tmp_path / "prefix"
    unpacked = tmp_path / "unpacked" / top
    subprocess.run(["sh", str(unpacked / "install.sh"), "--prefix", str(prefix)], check=True, capture_output=True)
    version = subprocess.run([str(prefix / "bin" / "facilitator"), "--version"], capture_output=True, text=True,
                             check=True).stdout
    assert version.startswith("facilitator ")
    subprocess.run(["sh", str(unpacked / "install.sh"), "--prefix", str(prefix), "--uninstall"], check=True,
                   capture_output=True)
    assert not (prefix / "lib" / "facilitator").exists() and not (prefix / "bin" / "facilitator").exists()
