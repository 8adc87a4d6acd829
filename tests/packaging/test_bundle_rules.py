"""What goes into the frozen app (packaging/bundle_rules.py), checked without building it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT, load


@pytest.mark.parametrize(("dest", "expected"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", ("platforms", "qxcb")),
    ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", ("wayland-shell-integration", "xdg-shell")),
    ("PySide6\\plugins\\platforms\\qwindows.dll", ("platforms", "qwindows")),
    ("PySide6/Qt/plugins/styles/libqmacstyle.dylib", ("styles", "qmacstyle")),
    ("PySide6/Qt/lib/libQt6Core.so.6", None),
    ("libxcb-cursor.so.0", None),
])
def test_plugin_names_are_read_from_every_platforms_layout(rules, dest, expected):
    assert rules.plugin_of(dest.replace("\\", "/")) == expected


def test_each_platform_keeps_its_window_system_offscreen_svg_and_native_style(rules):
    for platform, window_system in (("linux", "qxcb"), ("windows", "qwindows"), ("macos", "qcocoa")):
        for kind, name in (("platforms", window_system), ("platforms", "qoffscreen"),
                           ("imageformats", "qsvg"), ("iconengines", "qsvgicon")):
            assert rules.plugin_allowed(kind, name, platform), (platform, kind, name)
    assert rules.plugin_allowed("platforms", "qwayland", "linux")
    assert rules.plugin_allowed("platforminputcontexts", "ibusplatforminputcontextplugin", "linux")  # Urdu/Bengali IMEs
    assert rules.plugin_allowed("styles", "qmodernwindowsstyle", "windows")
    assert rules.plugin_allowed("styles", "qmacstyle", "macos")


def test_network_and_unused_plugins_are_left_out(rules):
    for kind, name in (("tls", "qopensslbackend"), ("networkinformation", "qnetworkmanager"),
                       ("platforms", "qvnc"), ("generic", "qtuiotouchplugin"), ("platforms", "qeglfs"),
                       ("platformthemes", "qgtk3"), ("imageformats", "qwebp"), ("sqldrivers", "qsqlite")):
        assert not rules.plugin_allowed(kind, name, "linux"), (kind, name)
    assert "PySide6.QtNetwork" in rules.EXCLUDED_MODULES and "ssl" in rules.EXCLUDED_MODULES


def test_filter_binaries_drops_plugins_and_host_libraries(rules):
    binaries = [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/x/libqxcb.so", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", "/x/libqvnc.so", "BINARY"),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", "/x/libqopensslbackend.so", "BINARY"),
        ("libstdc++.so.6", "/usr/lib/libstdc++.so.6", "BINARY"),
        ("libfontconfig.so.1", "/usr/lib/libfontconfig.so.1", "BINARY"),
        ("libxcb-cursor.so.0", "/usr/lib/libxcb-cursor.so.0", "BINARY"),
    ]
    messages = []
    kept = [entry[0] for entry in rules.filter_binaries(binaries, "linux", log=messages.append)]
    assert kept == ["PySide6/Qt/plugins/platforms/libqxcb.so", "libxcb-cursor.so.0"]
    assert any("qvnc" in message for message in messages)
    # Windows keeps what Linux calls host libraries (there are none such on Windows), not GL fallbacks
    assert len(rules.filter_binaries(binaries[3:], "windows", log=messages.append)) == 3
    assert rules.filter_binaries([("PySide6/opengl32sw.dll", "/x", "BINARY")], "windows", log=messages.append) == []


def test_qt_translations_are_left_out(rules):
    datas = [("PySide6/Qt/translations/qtbase_de.qm", "/x", "DATA"), ("resources/templates/blank.json", "/y", "DATA"),
             ("PySide6/translations/qt_fr.qm", "/z", "DATA")]
    assert [d[0] for d in rules.filter_datas(datas, log=lambda m: None)] == ["resources/templates/blank.json"]


def test_prune_keeps_what_roots_link_to_and_drops_orphans(rules):
    binaries = [
        ("PySide6/QtCore.abi3.so", "/s/QtCore", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/s/libQt6Core.so.6", "BINARY"),
        ("libicuuc.so.73", "/s/libicuuc.so.73", "BINARY"),
        ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", "/s/egl", "BINARY"),  # its plugin was left out
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/s/qxcb", "BINARY"),
        ("libxcb-cursor.so.0", "/s/cursor", "BINARY"),
        ("libpython3.11.so.1.0", "/s/libpython", "BINARY"),
    ]
    links = {"/s/QtCore": ["libQt6Core.so.6", "libc.so.6"], "/s/libQt6Core.so.6": ["libicuuc.so.73"],
             "/s/qxcb": ["libxcb-cursor.so.0", "libQt6Core.so.6"]}
    kept = rules.prune_unreachable(binaries, lambda src: links.get(src, []), log=lambda m: None)
    assert [entry[0] for entry in kept] == [entry[0] for entry in binaries if "EglFS" not in entry[0]]


def test_dangling_symlinks_to_left_out_libraries_are_dropped(rules):
    binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "/s/core", "BINARY")]
    datas = [("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
             ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
             ("resources/sample/story1.json", "/r", "DATA")]
    kept = rules.drop_dangling_symlinks(datas, binaries, log=lambda m: None)
    assert [entry[0] for entry in kept] == ["libQt6Core.so.6", "resources/sample/story1.json"]


def test_elf_needed_reads_the_direct_dependencies(rules, tmp_path):
    library = Path(sysconfig.get_config_var("LIBDIR") or "", sysconfig.get_config_var("INSTSONAME") or "")
    target = library if library.is_file() else Path(sys.executable).resolve()
    needed = rules.elf_needed(str(target))
    if sys.platform.startswith("linux"):
        assert "libc.so.6" in needed
        if shutil.which("objdump"):
            dump = subprocess.run(["objdump", "-p", str(target)], capture_output=True, text=True).stdout
            assert needed == re.findall(r"NEEDED\s+(\S+)", dump)
    not_elf = tmp_path / "not-elf"
    not_elf.write_bytes(b"#!/bin/sh\n")
    assert rules.elf_needed(str(not_elf)) == []


def test_version_tuple_for_the_windows_resource(rules):
    assert rules.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert rules.version_tuple("1.2.3rc1+local") == (1, 2, 3, 0)


def test_macos_info_plist_declares_the_document_type(rules):
    plist = rules.macos_document_types("facilitator.icns")
    (doc,) = plist["CFBundleDocumentTypes"]
    (uti,) = plist["UTExportedTypeDeclarations"]
    assert doc["LSItemContentTypes"] == [uti["UTTypeIdentifier"]] == [rules.MACOS_UTI]
    assert uti["UTTypeTagSpecification"]["public.filename-extension"] == ["facilitator"]
    assert uti["UTTypeTagSpecification"]["public.mime-type"] == [rules.MIME_TYPE]
    assert (ROOT / "resources" / "icons" / doc["CFBundleTypeIconFile"]).is_file()


def test_frozen_entry_point_keeps_bundle_paths_from_child_processes():
    entry = load("facilitator_main")
    env = {"LD_LIBRARY_PATH": "/app/_internal", "QT_PLUGIN_PATH": "/app/_internal/PySide6/Qt/plugins",
           "QML2_IMPORT_PATH": "/q", "HOME": "/home/x"}
    entry.clean_child_environment(env, frozen=True, platform="linux")
    assert env == {"HOME": "/home/x"}
    env = {"LD_LIBRARY_PATH": "/app/_internal", "LD_LIBRARY_PATH_ORIG": "/opt/mine"}
    entry.clean_child_environment(env, frozen=True, platform="linux")
    assert env == {"LD_LIBRARY_PATH": "/opt/mine"}
    untouched = {"LD_LIBRARY_PATH": "/mine", "QT_PLUGIN_PATH": "/p"}
    entry.clean_child_environment(untouched, frozen=False, platform="linux")
    entry.clean_child_environment(untouched, frozen=True, platform="win32")
    assert untouched == {"LD_LIBRARY_PATH": "/mine", "QT_PLUGIN_PATH": "/p"}


def test_the_spec_is_valid_python():
    compile((ROOT / "packaging" / "facilitator.spec").read_text(encoding="utf-8"), "facilitator.spec", "exec")
