"""The one way to find bundled resources, from a source tree, an installed wheel or a frozen app."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def candidates() -> list[Path]:
    """Where resources may be, most specific first: frozen bundle, wheel, source checkout."""
    found = []
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        found.append(Path(bundle) / "resources")
    found.append(_PACKAGE_DIR / "_resources")  # installed wheel: hatch force-include
    found.append(_PACKAGE_DIR.parent / "resources")  # source tree or editable install
    return found


def resources_dir() -> Path:
    for folder in candidates():
        if (folder / "templates").is_dir():
            return folder
    tried = ", ".join(str(c) for c in candidates())
    raise FileNotFoundError(f"Facilitator's bundled resources are missing (looked in {tried}). Reinstall the app.")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
