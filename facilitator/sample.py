"""The built-in sample partnership (Story 1), shipped as JSON in resources/sample."""

from __future__ import annotations

from pathlib import Path

from facilitator.interchange import import_document, load_json
from facilitator.resources import resource

SAMPLE_JSON = ("sample", "story1.json")


def write_sample(path: Path) -> None:
    import_document(load_json(resource(*SAMPLE_JSON)), Path(path))
