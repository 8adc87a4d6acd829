"""The core never pulls in Qt, proven by importing every core module in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_whole_core_loads_no_qt():
    code = (
        "import pkgutil, importlib, sys, facilitator\n"
        "for m in pkgutil.walk_packages(facilitator.__path__, 'facilitator.'):\n"
        "    if m.name != 'facilitator.__main__': importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
