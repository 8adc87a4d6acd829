"""What goes into the frozen app, and what is left out: the rules facilitator.spec applies.

Plain Python with no PyInstaller import, so tests/packaging checks the rules without a build.
Entries are PyInstaller TOC tuples `(dest_name, src_name, typecode)`; dest names use "/" on every
platform here (normalised before matching).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable

# --- names shared by every platform's packaging (the tests check the files agree with these) ---
APP_NAME = "Facilitator"
APP_ID = "org.facilitator.Facilitator"  # reverse-DNS: .desktop/metainfo file names, macOS bundle id
EXTENSION = "facilitator"  # partnership files: NAME.facilitator
MIME_TYPE = "application/x-facilitator"
MACOS_UTI = "org.facilitator.partnership"  # macOS Uniform Type Identifier for partnership files
WINDOWS_PROGID = "Facilitator.Partnership"


def exe_name(platform: str) -> str:
    """The executable's name: `facilitator` on Linux (the command people type), `Facilitator` elsewhere."""
    return "facilitator" if platform == "linux" else APP_NAME


# --- Python modules the app never uses ---
EXCLUDED_MODULES = [
    # GUI toolkits and tools of the standard library the app does not use
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "pydoc_data", "lib2to3", "ensurepip", "venv",
    "curses", "readline",
    # build-time only
    "setuptools", "pkg_resources", "distutils", "pip", "PyInstaller",
    # Nothing here talks to the network: no TLS, no Qt networking (Qt's TLS and network-information
    # plugins go with it), so no OpenSSL (hashlib falls back to its built-in md5/sha; reportlab only
    # hashes document ids). PySide6's other add-on modules are not used either.
    "ssl", "_ssl", "_hashlib", "PySide6.QtNetwork", "PySide6.QtDBus", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtConcurrent",
    "PySide6.QtXml", "PySide6.QtPrintSupport", "PySide6.QtSvgWidgets",
    # Pillow (reportlab imports PIL.Image) without its codecs for formats the PDF never embeds
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin", "PIL._imagingcms", "PIL.ImageCms",
    "PIL._imagingft", "PIL.ImageFont", "PIL._imagingtk", "PIL.ImageTk", "PIL.ImageQt",
]

# --- Qt plugins: an allow-list per platform; everything else is left out and listed in the build log ---
_COMMON_PLUGINS = {
    "platforms": {"qoffscreen", "qminimal"},  # offscreen: smoke tests and headless PDF export
    "imageformats": {"qsvg", "qico"},
    "iconengines": {"qsvgicon"},
}
QT_PLUGINS: dict[str, dict[str, set[str]]] = {
    "linux": {
        "platforms": {"qxcb", "qwayland"},
        "platformthemes": {"qxdgdesktopportal"},  # qgtk3 needs the host's GTK, which we cannot ship
        "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
        "xcbglintegrations": {"qxcb-glx-integration", "qxcb-egl-integration"},
        "wayland-shell-integration": {"xdg-shell"},
        "wayland-decoration-client": {"bradient", "adwaita"},
        "wayland-graphics-integration-client": {"qt-plugin-wayland-egl"},
    },
    "windows": {
        "platforms": {"qwindows"},
        "styles": {"qmodernwindowsstyle", "qwindowsvistastyle"},  # native look on Windows 11 and 10
    },
    "macos": {
        "platforms": {"qcocoa"},
        "styles": {"qmacstyle"},
    },
}

# Linux: libraries every desktop has, which must match the host's own drivers and configuration;
# bundling them breaks apps on other distributions (old libstdc++ against new Mesa, fontconfig
# against newer config files). The AppImage project's exclude list, less what PyInstaller already
# leaves out (glibc itself).
LINUX_HOST_LIBRARIES = {
    "libasound.so.2", "libcom_err.so.2", "libdrm.so.2", "libEGL.so.1", "libexpat.so.1", "libfontconfig.so.1",
    "libfreetype.so.6", "libfribidi.so.0", "libgbm.so.1", "libgcc_s.so.1", "libgdk_pixbuf-2.0.so.0",
    "libgio-2.0.so.0", "libglapi.so.0", "libGLdispatch.so.0", "libglib-2.0.so.0", "libGL.so.1", "libGLX.so.0",
    "libgmp.so.10", "libgobject-2.0.so.0", "libgpg-error.so.0", "libharfbuzz.so.0", "libICE.so.6",
    "libjack.so.0", "libOpenGL.so.0", "libp11-kit.so.0", "libpango-1.0.so.0", "libpangocairo-1.0.so.0",
    "libpangoft2-1.0.so.0", "libSM.so.6", "libstdc++.so.6", "libthai.so.0", "libusb-1.0.so.0",
    "libuuid.so.1", "libX11.so.6", "libxcb-dri2.so.0", "libxcb-dri3.so.0", "libxcb.so.1", "libz.so.1",
    # ours: the D-Bus client library must speak to the host's own bus (desktop portals, input methods);
    # every desktop has it, and bundling it drags in libsystemd and libgcrypt
    "libdbus-1.so.3",
    # the rest of GLib, whose main library is on the list above: all four come from one package
    "libgthread-2.0.so.0", "libgmodule-2.0.so.0",
}


# Windows: Qt's software OpenGL and Direct3D shader compiler (~25 MB), loaded only for OpenGL/Quick
# scenes; a Qt Widgets app never asks for them.
WINDOWS_UNUSED_DLLS = {"opengl32sw.dll", "d3dcompiler_47.dll"}


def platform_key(sys_platform: str) -> str:
    if sys_platform.startswith("win"):
        return "windows"
    if sys_platform == "darwin":
        return "macos"
    return "linux"


def _dest(entry) -> str:
    return entry[0].replace("\\", "/")


def plugin_of(dest: str) -> tuple[str, str] | None:
    """(plugin type, plugin name) for a Qt plugin's dest path, else None.

    `PySide6/Qt/plugins/platforms/libqxcb.so` -> ("platforms", "qxcb"); Windows keeps plugins in
    `PySide6/plugins/...` and names them `qwindows.dll`."""
    match = re.search(r"(?:^|/)PySide6/(?:Qt/)?plugins/([^/]+)/([^/]+)$", dest)
    if not match:
        return None
    kind, file_name = match.groups()
    name = re.sub(r"\.(so|dll|dylib)$", "", file_name)
    if not file_name.endswith(".dll") and name.startswith("lib"):
        name = name[3:]
    return kind, name


def plugin_allowed(kind: str, name: str, platform: str) -> bool:
    allowed = _COMMON_PLUGINS.get(kind, set()) | QT_PLUGINS[platform].get(kind, set())
    return name in allowed


def is_qt_translation(dest: str) -> bool:
    """Qt's own .qm catalogues: the app installs no QTranslator, so none of them is ever loaded."""
    return bool(re.search(r"(?:^|/)PySide6/(?:Qt/)?translations/", dest))


def filter_binaries(binaries: Iterable, platform: str, log: Callable[[str], None] = print) -> list:
    """Drop Qt plugins not on the allow-list and (on Linux) the host's own libraries."""
    kept, dropped_plugins, dropped_host = [], [], []
    for entry in binaries:
        dest = _dest(entry)
        plugin = plugin_of(dest)
        if plugin is not None and not plugin_allowed(*plugin, platform):
            dropped_plugins.append("/".join(plugin))
            continue
        if platform == "linux" and os.path.basename(dest) in LINUX_HOST_LIBRARIES:
            dropped_host.append(os.path.basename(dest))
            continue
        if platform == "windows" and os.path.basename(dest).lower() in WINDOWS_UNUSED_DLLS:
            dropped_host.append(os.path.basename(dest))
            continue
        kept.append(entry)
    if dropped_plugins:
        log(f"facilitator.spec: left out {len(dropped_plugins)} Qt plugins: {', '.join(sorted(dropped_plugins))}")
    if dropped_host:
        log(f"facilitator.spec: left out host or unused libraries: {', '.join(sorted(set(dropped_host)))}")
    return kept


def filter_datas(datas: Iterable, log: Callable[[str], None] = print) -> list:
    datas = list(datas)
    kept = [entry for entry in datas if not is_qt_translation(_dest(entry))]
    dropped = len(datas) - len(kept)
    if dropped:
        log(f"facilitator.spec: left out {dropped} Qt translation files")
    return kept


def is_root(entry) -> bool:
    """Binaries loaded by something other than the dynamic linker: Python extension modules, Qt
    plugins, and the Python library the bootloader opens."""
    dest = _dest(entry)
    kind = entry[2]
    return (
        kind == "EXTENSION"
        or plugin_of(dest) is not None
        or re.match(r"^(lib)?python3\d*[.\d]*(\.so|\.dll|\.dylib)?", os.path.basename(dest)) is not None
        or os.path.basename(dest).startswith("Python")  # macOS framework build
    )


def prune_unreachable(binaries: list, needs: Callable[[str], Iterable[str]],
                      log: Callable[[str], None] = print) -> list:
    """Drop shared libraries that nothing left in the bundle links to.

    Leaving out plugins orphans the libraries only they used (EGLFS, Wayland shells, OpenSSL, ...).
    `needs(src_path)` gives the file names a binary links to (ELF NEEDED, Mach-O/PE imports)."""
    by_name: dict[str, list] = {}
    for entry in binaries:
        by_name.setdefault(os.path.basename(_dest(entry)), []).append(entry)
    reachable: set[str] = set()
    todo = [entry for entry in binaries if is_root(entry)]
    seen = set()
    while todo:
        entry = todo.pop()
        if id(entry) in seen:
            continue
        seen.add(id(entry))
        reachable.add(os.path.basename(_dest(entry)))
        if entry[2] == "SYMLINK":
            continue
        for name in needs(entry[1]):
            name = os.path.basename(name)
            for target in by_name.get(name, []):
                todo.append(target)
    kept = [entry for entry in binaries if is_root(entry) or os.path.basename(_dest(entry)) in reachable]
    dropped = sorted({os.path.basename(_dest(e)) for e in binaries} - {os.path.basename(_dest(e)) for e in kept})
    if dropped:
        log(f"facilitator.spec: left out {len(dropped)} libraries nothing links to: {', '.join(dropped)}")
    return kept


def drop_dangling_symlinks(datas: Iterable, binaries: Iterable, log: Callable[[str], None] = print) -> list:
    """PyInstaller lists top-level symlinks to libraries in subfolders (libQt6Core.so.6 ->
    PySide6/Qt/lib/libQt6Core.so.6) among the datas; drop those whose library was left out."""
    present = {_dest(entry) for entry in binaries} | {_dest(entry) for entry in datas if entry[2] != "SYMLINK"}
    kept, dropped = [], []
    for entry in datas:
        if entry[2] == "SYMLINK":
            target = os.path.normpath(os.path.join(os.path.dirname(_dest(entry)), entry[1])).replace("\\", "/")
            if target not in present:
                dropped.append(_dest(entry))
                continue
        kept.append(entry)
    if dropped:
        log(f"facilitator.spec: left out {len(dropped)} symlinks to left-out libraries")
    return kept


def elf_needed(path: str) -> list[str]:
    """The DT_NEEDED entries of an ELF file: the libraries it links to directly.

    (PyInstaller's own helper asks ldd, which lists the whole closure, so a library only needed by a
    left-out one would look needed.) Returns [] for a file that is not ELF."""
    import struct

    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF":
        return []
    is64, little = data[4] == 2, data[5] == 1
    e = "<" if little else ">"
    if is64:
        shoff, = struct.unpack_from(e + "Q", data, 0x28)
        shentsize, shnum = struct.unpack_from(e + "HH", data, 0x3A)
    else:
        shoff, = struct.unpack_from(e + "I", data, 0x20)
        shentsize, shnum = struct.unpack_from(e + "HH", data, 0x2E)
    sections = []
    for i in range(shnum):
        base = shoff + i * shentsize
        if is64:
            _, sh_type, _, _, sh_offset, sh_size, sh_link, _, _, _ = struct.unpack_from(e + "IIQQQQIIQQ", data, base)
        else:
            _, sh_type, _, _, sh_offset, sh_size, sh_link, _, _, _ = struct.unpack_from(e + "IIIIIIIIII", data, base)
        sections.append((sh_type, sh_offset, sh_size, sh_link))
    needed = []
    for sh_type, offset, size, link in sections:
        if sh_type != 6:  # SHT_DYNAMIC
            continue
        strtab = sections[link][1]
        entry_size = 16 if is64 else 8
        for pos in range(offset, offset + size, entry_size):
            tag, value = struct.unpack_from(e + ("qQ" if is64 else "iI"), data, pos)
            if tag == 0:  # DT_NULL
                break
            if tag == 1:  # DT_NEEDED
                end = data.index(b"\0", strtab + value)
                needed.append(data[strtab + value:end].decode("utf-8", "replace"))
    return needed


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' -> (0, 1, 0, 0) for the Windows version resource (pre-release tags are dropped)."""
    release = re.match(r"\d+(?:\.\d+)*", version)
    numbers = [int(part) for part in release.group(0).split(".")[:4]] if release else []
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def macos_document_types(icon_file: str) -> dict:
    """Info.plist keys that make Finder open .facilitator files with the app."""
    return {
        "CFBundleDocumentTypes": [{
            "CFBundleTypeName": "Facilitator partnership",
            "CFBundleTypeRole": "Editor",
            "LSHandlerRank": "Owner",
            "LSItemContentTypes": [MACOS_UTI],
            "CFBundleTypeIconFile": icon_file,
        }],
        "UTExportedTypeDeclarations": [{
            "UTTypeIdentifier": MACOS_UTI,
            "UTTypeDescription": "Facilitator partnership",
            "UTTypeConformsTo": ["public.data", "public.database"],
            "UTTypeIconFile": icon_file,
            "UTTypeTagSpecification": {
                "public.filename-extension": [EXTENSION],
                "public.mime-type": [MIME_TYPE],
            },
        }],
    }
