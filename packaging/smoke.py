"""Run a built app as a user would, and measure it: `python packaging/smoke.py`.

    python packaging/smoke.py                          # the Linux bundle in dist/ (see build-info.json)
    python packaging/smoke.py --bundle DIR --source .venv/bin/facilitator --screenshots shots/

Checks, on the frozen binary: --version; `sample`, `check`, `info`, `export --pdf`; a many-script
file through `import` and `export --pdf` (bundled fonts, HarfBuzz shaping); the GUI started offscreen
with --sample, alive after a few seconds and then terminated; under Xvfb (when installed), the main
window mapped with the sample open, and a screenshot. With --source it times the same start-ups for a
source install in the same run. Every check runs with no network: inside a network namespace when
`unshare` works, and under strace (when installed) to prove no internet socket was even opened.

tests/packaging/test_frozen_app.py uses these helpers; this script prints the figures for a note.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TITLE_WITH_FILE = re.compile(r'"([^"]*\.facilitator[^"]*— Facilitator)"')


class SmokeError(AssertionError):
    pass


# --- environment -------------------------------------------------------------------------------
def private_env(home: Path, **extra: str) -> dict:
    """A clean environment with private data and settings folders under `home`."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("QT_", "PYTHON", "LD_LIBRARY_PATH", "FACILITATOR_", "XDG_", "DISPLAY", "WAYLAND"))}
    env.update(HOME=str(home), FACILITATOR_DATA_DIR=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "share"), XDG_CACHE_HOME=str(home / "cache"),
               XDG_RUNTIME_DIR=str(home / "runtime"), LANG=os.environ.get("LANG", "C.UTF-8"))
    (home / "runtime").mkdir(parents=True, exist_ok=True, mode=0o700)
    env.update(extra)
    return env


def network_isolated_prefix() -> list[str]:
    """`unshare -rn` (a new network namespace with only a downed loopback) when the kernel allows it."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn"]
    return []


def strace_prefix(log: Path) -> list[str]:
    """strace recording socket() calls of the process and its children, when strace works here."""
    strace = shutil.which("strace")
    if strace and subprocess.run([strace, "-f", "-qq", "-o", os.devnull, "true"], capture_output=True).returncode == 0:
        return [strace, "-f", "-qq", "-e", "trace=socket", "-o", str(log)]
    return []


def internet_sockets(log: Path) -> list[str]:
    """socket() calls for internet (or raw/netlink-route) families in a strace log."""
    if not log.exists():
        return []
    return [line for line in log.read_text(errors="replace").splitlines()
            if re.search(r"socket\((AF_INET6?|AF_PACKET)\b", line)]


# --- the command line --------------------------------------------------------------------------
def run(command: list, env: dict, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], env=env, cwd=cwd, capture_output=True, text=True,
                            timeout=timeout)
    if result.returncode != 0:
        raise SmokeError(f"{' '.join(map(str, command))} exited {result.returncode}\n"
                         f"stdout: {result.stdout}\nstderr: {result.stderr}")
    return result


@dataclass
class Report:
    checks: list[str] = field(default_factory=list)
    timings: dict = field(default_factory=dict)
    screenshots: list[str] = field(default_factory=list)

    def ok(self, what: str) -> None:
        self.checks.append(what)
        print(f"smoke: ok  {what}", flush=True)


def check_cli(exe: Path, work: Path, env: dict, report: Report, prefix: list[str] = ()) -> Path:
    """Version, sample, check, info and PDF export with the frozen binary; returns the PDF."""
    cmd = [*prefix, exe]
    version = run(cmd + ["--version"], env, work).stdout.strip()
    if not re.fullmatch(r"facilitator \d+\.\d+\.\d+.*", version):
        raise SmokeError(f"unexpected --version output {version!r}")
    report.ok(f"--version: {version}")
    run(cmd + ["sample", "sample.facilitator"], env, work)
    report.ok("sample wrote sample.facilitator")
    out = run(cmd + ["check", "sample.facilitator"], env, work).stdout.strip()
    if out != "ok":
        raise SmokeError(f"check said {out!r}")
    report.ok("check: ok")
    info = json.loads(run(cmd + ["info", "sample.facilitator", "--json"], env, work).stdout)
    if not info.get("sessions"):
        raise SmokeError(f"info --json has no sessions: {info}")
    report.ok(f"info --json: {len(info['sessions'])} sessions")
    run(cmd + ["export", "sample.facilitator", "--pdf", "sample.pdf"], env, work)
    pdf = work / "sample.pdf"
    if not pdf.read_bytes().startswith(b"%PDF"):
        raise SmokeError("export --pdf did not write a PDF")
    report.ok(f"export --pdf: sample.pdf ({pdf.stat().st_size // 1024} KiB)")
    return pdf


def check_scripts_pdf(exe: Path, work: Path, env: dict, report: Report, document: dict,
                      prefix: list[str] = ()) -> Path:
    """A many-script partnership through `import` and `export --pdf`: needs the bundled fonts and HarfBuzz."""
    source = work / "scripts.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    run([*prefix, exe, "import", source, "scripts.facilitator"], env, work)
    run([*prefix, exe, "export", "scripts.facilitator", "--pdf", "scripts.pdf"], env, work)
    report.ok("import + export --pdf of a many-script partnership")
    return work / "scripts.pdf"


# --- the GUI -----------------------------------------------------------------------------------
def start(command: list, env: dict, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([str(c) for c in command], env=env, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def stop(process: subprocess.Popen) -> tuple[str, str]:
    """SIGTERM the process group (the app, and strace/unshare around it); output after that."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        return process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        return process.communicate()


def loaded_files(pid: int) -> set[str]:
    """Files mapped into a process and its descendants (Linux /proc)."""
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        try:
            found |= {line.split(None, 5)[5] for line in Path(f"/proc/{current}/maps").read_text().splitlines()
                      if len(line.split(None, 5)) == 6}
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        todo += [int(child) for child in children]
    return found


def check_gui_offscreen(exe: Path, work: Path, env: dict, report: Report, seconds: float = 5,
                        prefix: list[str] = ()) -> None:
    """--sample with QT_QPA_PLATFORM=offscreen: still running after `seconds`, with the bundle's own
    offscreen plugin and Qt Widgets loaded and the sample copy made; then SIGTERM."""
    env = dict(env, QT_QPA_PLATFORM="offscreen")
    process = start([*prefix, exe, "--sample"], env, work)
    try:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)
        if process.poll() is not None:
            out, err = process.communicate()
            raise SmokeError(f"the GUI exited early with {process.returncode}\nstdout: {out}\nstderr: {err}")
        files = loaded_files(process.pid)
        bundle = str(exe.resolve().parent)
        plugin = [f for f in files if f.startswith(bundle) and f.endswith("platforms/libqoffscreen.so")]
        widgets = [f for f in files if f.startswith(bundle) and "libQt6Widgets.so" in f]
        if not plugin or not widgets:
            raise SmokeError(f"the GUI is running but has not loaded the bundle's Qt (offscreen plugin: {plugin}, "
                             f"QtWidgets: {widgets})")
        copies = list((Path(env["FACILITATOR_DATA_DIR"])).rglob("*.facilitator"))
        if not copies:
            raise SmokeError("the GUI is running but made no copy of the sample")
    finally:
        out, err = stop(process)
    if "Traceback" in err:
        raise SmokeError(f"the GUI raised an exception:\n{err}")
    report.ok(f"GUI --sample offscreen: running after {seconds:g} s with the bundle's Qt, then terminated")


@contextmanager
def xvfb(width: int = 1366, height: int = 768):
    """An Xvfb server on a free display (no TCP); yields its DISPLAY value."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24",
                               "-nolisten", "tcp", "-noreset"], pass_fds=(write_fd,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise SmokeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def window_with_file(display: str) -> str | None:
    """The title of a viewable Facilitator window showing a partnership file, if any."""
    tree = subprocess.run(["xwininfo", "-display", display, "-root", "-tree"], capture_output=True,
                          text=True).stdout
    for line in tree.splitlines():
        match = TITLE_WITH_FILE.search(line)
        if match:
            window_id = line.split()[0]
            state = subprocess.run(["xwininfo", "-display", display, "-id", window_id], capture_output=True,
                                   text=True).stdout
            if "IsViewable" in state:
                return match.group(1)
    return None


def time_to_window(command: list, env: dict, cwd: Path, display: str, timeout: float = 60,
                   screenshot: Path | None = None, settle: float = 1.5) -> tuple[float, str]:
    """Seconds from starting `command` until its main window is on screen with the sample open."""
    env = dict(env, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    started = time.monotonic()
    process = start(command, env, cwd)
    try:
        while True:
            title = window_with_file(display)
            if title:
                elapsed = time.monotonic() - started
                break
            if process.poll() is not None:
                out, err = process.communicate()
                raise SmokeError(f"the GUI exited with {process.returncode} before showing a window\n{err}")
            if time.monotonic() - started > timeout:
                raise SmokeError(f"no Facilitator window within {timeout} s")
            time.sleep(0.02)
        if screenshot is not None:
            time.sleep(settle)
            subprocess.run(["import", "-display", display, "-window", "root", str(screenshot)], check=True)
        if process.poll() is not None:
            raise SmokeError(f"the GUI exited with {process.returncode} after showing its window")
    finally:
        stop(process)
    return elapsed, title


def gui_tools() -> list[str]:
    return [tool for tool in ("Xvfb", "xwininfo") if shutil.which(tool) is None]


# --- timings -----------------------------------------------------------------------------------
def median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.monotonic()
        action()
        times.append(time.monotonic() - started)
    return statistics.median(times)


def compare_startup(frozen: Path, sources: list[Path], work: Path, home: Path, repeat: int = 5,
                    display: str | None = None) -> dict:
    """Median start-up times of the frozen app and of source installs, measured in the same run."""
    results: dict = {}
    commands = {"frozen": [frozen]}
    for number, source in enumerate(sources, 1):
        commands[f"source{number}" if len(sources) > 1 else "source"] = [source]
    for name, command in commands.items():
        env = private_env(home / name)
        run(command + ["sample", f"{name}.facilitator"], env, work)
        results[f"{name} --version"] = median_seconds(lambda: run(command + ["--version"], env, work), repeat)
        results[f"{name} export --pdf"] = median_seconds(
            lambda: run(command + ["export", f"{name}.facilitator", "--pdf", f"{name}.pdf"], env, work), repeat)
        if display:
            gui = []
            for _ in range(max(3, repeat // 2)):
                gui.append(time_to_window(command + ["--sample"], env, work, display)[0])
            results[f"{name} GUI to window with file"] = statistics.median(gui)
    return {key: round(value, 3) for key, value in results.items()}


# --- script ------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Smoke-test and time the frozen Linux app.")
    parser.add_argument("--bundle", type=Path, help="the app folder (default: from dist/build-info.json)")
    parser.add_argument("--source", type=Path, action="append", default=[],
                        help="a source install's `facilitator` command to compare with (repeatable)")
    parser.add_argument("--screenshots", type=Path, help="folder for screenshots taken under Xvfb")
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing (median reported)")
    args = parser.parse_args(argv)
    if args.bundle is None:
        args.bundle = Path(json.loads((ROOT / "dist" / "build-info.json").read_text())["folder"])
    exe = args.bundle / "facilitator"
    report = Report()
    with tempfile.TemporaryDirectory(prefix="facilitator-smoke-") as tmp:
        work, home = Path(tmp) / "work", Path(tmp) / "home"
        work.mkdir()
        isolated = network_isolated_prefix()
        trace = Path(tmp) / "strace.log"
        prefix = isolated + strace_prefix(trace)
        env = private_env(home)
        check_cli(exe, work, env, report, prefix)
        sys.path.insert(0, str(ROOT))
        from facilitator.pdf import demo_data

        check_scripts_pdf(exe, work, env, report, demo_data.scripts_document(), prefix)
        check_gui_offscreen(exe, work, private_env(home / "gui"), report, prefix=isolated)
        sockets = internet_sockets(trace)
        if sockets:
            raise SmokeError("the frozen app opened internet sockets:\n" + "\n".join(sockets))
        report.ok(f"no network: {'network namespace' if isolated else 'no namespace'}"
                  f"{', strace saw no internet socket' if prefix != isolated else ''}")
        display_ctx = xvfb() if not gui_tools() else None
        if display_ctx is None:
            print(f"smoke: skipped the Xvfb checks ({', '.join(gui_tools())} not installed)")
            report.timings = compare_startup(exe, args.source, work, home, args.repeat)
        else:
            with display_ctx as display:
                if args.screenshots:
                    args.screenshots.mkdir(parents=True, exist_ok=True)
                    shot = args.screenshots / "frozen-console.png"
                    seconds, title = time_to_window([exe, "--sample"], private_env(home / "shot"), work, display,
                                                    screenshot=shot, settle=2.5)
                    report.screenshots.append(str(shot))
                    report.ok(f"Xvfb: window {title!r} after {seconds:.2f} s; screenshot {shot}")
                report.timings = compare_startup(exe, args.source, work, home, args.repeat, display)
    print(json.dumps({"checks": len(report.checks), "sources": [str(s) for s in args.source],
                      "timings_seconds": report.timings,
                      "screenshots": report.screenshots}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
