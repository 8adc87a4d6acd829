"""Build Facilitator's desktop app with PyInstaller: `python packaging/build.py`.

1. Makes (or reuses) a build environment, `.venv-build/` by default, with the pinned PyInstaller
   from packaging/requirements-build.txt and the project installed *non-editable* (so the bundle
   holds exactly what the wheel holds), PySide6-Essentials only.
2. Runs packaging/facilitator.spec from outside the checkout, so the source tree cannot leak in.
3. Linux: assembles dist/Facilitator-VERSION-linux-ARCH/ (the app, install.sh, INSTALL.txt, the
   .desktop file, AppStream metainfo, MIME entry and icons) and packs it as a .tar.gz.
   Windows: prints the Inno Setup command (or runs it with --installer when ISCC.exe is on PATH).
   macOS: leaves dist/pyinstaller/Facilitator.app (and makes a .dmg with --installer).
4. Prints the build time and sizes, and writes them to dist/build-info.json.

Runs with any Python 3.11+ (the one that makes the venv is the one frozen into the app; use
--python to choose). Needs no network once the build environment exists (--offline to insist).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent


def _load(name: str):
    """A module from packaging/ by path (packaging/ is not put on sys.path: `build` is also a PyPI name)."""
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return sys.modules[name]


rules = _load("bundle_rules")

DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
PYI_DIST = DIST / "pyinstaller"
PLATFORM = rules.platform_key(sys.platform)
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def log(message: str) -> None:
    print(f"build.py: {message}", flush=True)


def run(command: list, **kwargs) -> None:
    log("$ " + " ".join(str(part) for part in command))
    subprocess.run([str(part) for part in command], check=True, **kwargs)


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if PLATFORM == "windows" else "bin/python")


def project_version() -> str:
    text = (ROOT / "facilitator" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__\s*=\s*"([^"]+)"', text).group(1)


def prepare_environment(venv: Path, python: str, offline: bool) -> Path:
    """The build venv with PyInstaller and the project installed non-editable; returns its python."""
    py = venv_python(venv)
    if not py.exists():
        run([python, "-m", "venv", venv])
    pip = [py, "-m", "pip", "--disable-pip-version-check", "--quiet"] + (["--no-index"] if offline else [])
    env = dict(os.environ, PIP_PROGRESS_BAR="off")
    run(pip + ["install", "-r", PACKAGING / "requirements-build.txt"], env=env)
    run(pip + ["install", "-c", PACKAGING / "constraints.txt", "--no-build-isolation", ROOT], env=env)
    # Refresh the project itself (same version number, new code) without touching its dependencies.
    run(pip + ["install", "--no-deps", "--force-reinstall", "--no-build-isolation", ROOT], env=env)
    return py


def build_bundle(py: Path, clean: bool) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    command = [py, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", PYI_DIST, "--workpath", WORK, PACKAGING / "facilitator.spec"]
    if clean:
        command.insert(3, "--clean")
    # From outside the checkout: `python -m` puts the working folder first on sys.path, and the
    # source tree's facilitator/ and ui/ must not shadow the installed copies.
    run(command, cwd=WORK)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def linux_arch() -> str:
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(platform.machine().lower(), platform.machine().lower())


def needed_runtime(folder: Path) -> dict:
    """The newest GLIBC_x.y and GLIBCXX_x.y.z symbol versions any bundled binary needs from the host:
    they decide the oldest distribution the bundle runs on (the build machine's own libraries set them)."""
    if not shutil.which("objdump"):
        return {}
    newest = {"glibc": (0,), "glibcxx": (0,)}
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and (
        ".so" in p.name or os.access(p, os.X_OK))]
    for chunk in range(0, len(files), 50):
        out = subprocess.run(["objdump", "-T", *map(str, files[chunk:chunk + 50])],
                             capture_output=True, text=True).stdout
        for kind, number in re.findall(r"\b(GLIBC|GLIBCXX)_(\d+(?:\.\d+)+)", out):
            key = kind.lower()
            newest[key] = max(newest[key], tuple(int(n) for n in number.split(".")))
    return {key: ".".join(map(str, value)) for key, value in newest.items() if value != (0,)}


def write_linux_share(share: Path) -> None:
    """The desktop integration files install.sh copies: menu entry, AppStream metainfo, MIME type, icons."""
    linux = PACKAGING / "linux"
    (share / "applications").mkdir(parents=True)
    shutil.copy(linux / f"{rules.APP_ID}.desktop", share / "applications")
    (share / "metainfo").mkdir()
    shutil.copy(linux / f"{rules.APP_ID}.metainfo.xml", share / "metainfo")
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy(linux / f"{rules.APP_ID}.mime.xml", share / "mime" / "packages" / f"{rules.APP_ID}.xml")
    icons = ROOT / "resources" / "icons"
    mime_icon = rules.MIME_TYPE.replace("/", "-")
    for kind, icon_name in (("apps", rules.APP_ID), ("mimetypes", mime_icon)):
        for size in HICOLOR_SIZES:
            target = share / "icons" / "hicolor" / f"{size}x{size}" / kind
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy(icons / f"facilitator-{size}.png", target / f"{icon_name}.png")
        target = share / "icons" / "hicolor" / "scalable" / kind
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(icons / "facilitator.svg", target / f"{icon_name}.svg")


def assemble_linux(version: str) -> tuple[Path, Path]:
    """dist/Facilitator-VERSION-linux-ARCH/ and its .tar.gz."""
    name = f"{rules.APP_NAME}-{version}-linux-{linux_arch()}"
    folder = DIST / name
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(PYI_DIST / rules.exe_name("linux"), folder, symlinks=True)
    write_linux_share(folder / "share")
    shutil.copy(PACKAGING / "linux" / "install.sh", folder / "install.sh")
    (folder / "install.sh").chmod(0o755)
    shutil.copy(PACKAGING / "linux" / "INSTALL.txt", folder / "INSTALL.txt")

    archive = DIST / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        def tidy(info: tarfile.TarInfo) -> tarfile.TarInfo:
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            return info
        tar.add(folder, arcname=name, filter=tidy)
    return folder, archive


def windows_installer(version: str, make: bool) -> Path | None:
    iss = PACKAGING / "windows" / "facilitator.iss"
    source = PYI_DIST / rules.exe_name("windows")
    command = ["iscc", f"/DAppVersion={version}", f"/DSourceDir={source}", f"/O{DIST}", iss]
    if not make:
        log("next, on Windows with Inno Setup 6: " + " ".join(map(str, command)))
        return None
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if not iscc:
        raise SystemExit("build.py: Inno Setup's ISCC.exe is not on PATH (see packaging/README.md)")
    run([iscc, *command[1:]])
    return DIST / f"{rules.APP_NAME}-{version}-windows-x64-setup.exe"


def macos_dmg(version: str, make: bool) -> Path | None:
    app = PYI_DIST / f"{rules.APP_NAME}.app"
    dmg = DIST / f"{rules.APP_NAME}-{version}-macos-{platform.machine()}.dmg"
    command = ["hdiutil", "create", "-volname", rules.APP_NAME, "-srcfolder", app, "-ov", "-format", "UDZO", dmg]
    if not make:
        log("next, to make a disk image: " + " ".join(map(str, command)))
        return None
    run(command)
    return dmg


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Facilitator desktop app with PyInstaller.")
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv-build",
                        help="build environment to create or reuse (default: .venv-build)")
    parser.add_argument("--python", default=sys.executable,
                        help="interpreter that creates the build environment (it is the one frozen)")
    parser.add_argument("--skip-install", action="store_true",
                        help="use the build environment as it is (no pip; the project must already be installed)")
    parser.add_argument("--offline", action="store_true", help="pip may not use the network (--no-index)")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--installer", action="store_true",
                        help="also make the Windows installer (Inno Setup) or the macOS .dmg")
    args = parser.parse_args(argv)

    version = project_version()
    started = time.monotonic()
    py = venv_python(args.venv) if args.skip_install else prepare_environment(args.venv, args.python, args.offline)
    prepared = time.monotonic()
    build_bundle(py, args.clean)
    built = time.monotonic()

    info: dict = {"version": version, "platform": PLATFORM, "python": subprocess.run(
        [py, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True, text=True).stdout.strip(),
        "environment_seconds": round(prepared - started, 1), "pyinstaller_seconds": round(built - prepared, 1)}
    if PLATFORM == "linux":
        folder, archive = assemble_linux(version)
        info.update(folder=str(folder), archive=str(archive), executable=str(folder / rules.exe_name("linux")),
                    folder_bytes=folder_size(folder), app_bytes=folder_size(PYI_DIST / rules.exe_name("linux")),
                    archive_bytes=archive.stat().st_size, needs=needed_runtime(folder))
    elif PLATFORM == "windows":
        folder = PYI_DIST / rules.exe_name("windows")
        info.update(folder=str(folder), executable=str(folder / "Facilitator.exe"), folder_bytes=folder_size(folder))
        installer = windows_installer(version, args.installer)
        if installer:
            info.update(installer=str(installer), installer_bytes=installer.stat().st_size)
    else:
        app = PYI_DIST / f"{rules.APP_NAME}.app"
        info.update(folder=str(app), executable=str(app / "Contents" / "MacOS" / rules.APP_NAME),
                    folder_bytes=folder_size(app))
        dmg = macos_dmg(version, args.installer)
        if dmg:
            info.update(installer=str(dmg), installer_bytes=dmg.stat().st_size)
    info["total_seconds"] = round(time.monotonic() - started, 1)
    DIST.mkdir(exist_ok=True)
    (DIST / "build-info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")

    log(f"built Facilitator {version} for {PLATFORM} in {info['total_seconds']} s "
        f"(environment {info['environment_seconds']} s, PyInstaller {info['pyinstaller_seconds']} s)")
    log(f"app folder: {info['folder']} ({mib(info['folder_bytes'])})")
    if "archive" in info:
        needs = info["needs"]
        log(f"archive: {info['archive']} ({mib(info['archive_bytes'])}); needs glibc {needs.get('glibc')} and "
            f"libstdc++ GLIBCXX {needs.get('glibcxx')} or newer")
    if "installer" in info:
        log(f"installer: {info['installer']} ({mib(info['installer_bytes'])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
