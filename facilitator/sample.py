"""The built-in sample partnership (Story 1), shipped as JSON in resources/sample."""

from __future__ import annotations

from pathlib import Path

from facilitator.interchange import import_document, load_json
from facilitator.paths import user_data_dir
from facilitator.resources import resource

SAMPLE_JSON = ("sample", "story1.json")


def write_sample(path: Path) -> None:
    import_document(load_json(resource(*SAMPLE_JSON)), Path(path))


def fresh_sample_copy() -> Path:
    """A new copy of the sample in the user's data folder, for `facilitator --sample` and the start page.

    The previous copy is replaced; if it cannot be (still open elsewhere), a numbered name is used.
    """
    folder = user_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, 100):
        suffix = "" if number == 1 else f" {number}"
        path = folder / f"Sample partnership{suffix}.facilitator"
        try:
            path.unlink(missing_ok=True)
        except OSError:
            continue
        if not path.exists():
            write_sample(path)
            return path
    raise OSError(f"Could not make a copy of the sample in {folder}.")
