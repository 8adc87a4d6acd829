"""Helpers for the packaging tests: packaging/*.py loaded by path, and the Linux tools they need.

The tools (desktop-file-validate, appstreamcli, update-mime-database, xmllint, Xvfb, xwininfo...)
come from Debian packages: a test skips when its tool is missing, unless
FACILITATOR_REQUIRE_PACKAGING_TOOLS=1 (set by .ci/run's packaging step), where it fails instead.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"


def load(name: str):
    """packaging/NAME.py as a module (packaging/ is not on sys.path: `build` is also a PyPI package)."""
    key = f"_facilitator_packaging_{name}"
    if key not in sys.modules:
        if name != "bundle_rules":
            sys.modules.setdefault("bundle_rules", load("bundle_rules"))
        spec = importlib.util.spec_from_file_location(key, PACKAGING / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


def require(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not missing:
        return
    message = f"needs {', '.join(missing)} (Debian packages; see packaging/README.md)"
    if os.environ.get("FACILITATOR_REQUIRE_PACKAGING_TOOLS") == "1":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def rules():
    return load("bundle_rules")
