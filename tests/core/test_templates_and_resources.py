"""Templates ship with the app, say what the stories say, and are found wherever the app runs."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from facilitator import resources, templates
from facilitator.errors import ValidationError
from facilitator.storage.partnership_file import PartnershipFile

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_f3b0f20fa09e3085.txt"

STORY_2_FIRST = "Recognising power imbalance – within the partnership (in the room) – within and between sectors"
STORY_2_LAST = "Does the partnership recognise the needs of men and women equally?"


def test_three_templates_ship():
    slugs = [t.slug for t in templates.available()]
    assert slugs[0] == "blank"
    assert set(slugs) >= {"blank", "values-and-offers", "partnership-health-check"}


def test_values_and_offers_follows_story_1():
    titles = [item["title"] for item in templates.load("values-and-offers").agenda]
    for expected in ("Welcome and introductions", "What each individual brings", "What each organisation brings",
                     "Why values matter", "Our values", "Shared responsibilities", "Next steps"):
        assert expected in titles
    assert titles.index("What each individual brings") < titles.index("What each organisation brings")


def test_health_check_has_every_story_2_issue_word_for_word():
    prompts = templates.load("partnership-health-check").health_checks[0]["prompts"]
    assert len(prompts) == 16
    assert prompts[0] == STORY_2_FIRST and prompts[-1] == STORY_2_LAST
    if SEED.exists():  # the product's source stories, beside the repository
        story_2 = SEED.read_text(encoding="utf-8").split("Story 2", 1)[1]
        bullets = [re.sub(r"\s+", " ", b).strip() for b in re.findall(r"•\s*(.+)", story_2)]
        assert prompts == bullets


def test_template_becomes_one_undoable_session(tmp_path):
    with PartnershipFile.create(tmp_path / "t.facilitator", title="T") as pf:
        changes = templates.add_session_from_template(pf, template="partnership-health-check", date="2026-05-01")
        assert pf.scalar("SELECT count(*) FROM health_prompt") == 16
        assert pf.scalar("SELECT date FROM session WHERE id = ?", (changes.new_id,)) == "2026-05-01"
        pf.undo()
        assert pf.scalar("SELECT count(*) FROM session") == 0
        assert pf.scalar("SELECT count(*) FROM health_prompt") == 0


def test_unknown_template_names_the_choices():
    with pytest.raises(ValidationError, match="values-and-offers"):
        templates.load("nope")


def test_resources_found_in_source_tree():
    assert (resources.resources_dir() / "templates" / "blank.json").is_file()


def test_resources_found_in_frozen_bundle(tmp_path, monkeypatch):
    shutil.copytree(resources.resources_dir(), tmp_path / "resources")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resources_dir() == tmp_path / "resources"


def test_resources_found_in_installed_wheel_layout(tmp_path, monkeypatch):
    package = tmp_path / "facilitator"
    shutil.copytree(resources.resources_dir(), package / "_resources")
    monkeypatch.setattr(resources, "_PACKAGE_DIR", package)
    assert resources.resources_dir() == package / "_resources"


def test_missing_resources_say_so(tmp_path, monkeypatch):
    monkeypatch.setattr(resources, "_PACKAGE_DIR", tmp_path / "facilitator")
    with pytest.raises(FileNotFoundError, match="Reinstall"):
        resources.resources_dir()
