"""A facilitator's own health-check templates: saved in the user data folder, listed after the
shipped ones, usable to start a session, and never able to shadow a shipped template."""

from __future__ import annotations

import json

import pytest

from facilitator import templates
from facilitator.errors import ValidationError
from facilitator.operations import agenda, health, health_templates, sessions

SHIPPED = ["blank", "partnership-health-check", "values-and-offers"]


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def check(pf, data_dir):
    session = sessions.add_session(pf, title="Health", length_minutes=120).new_id
    agenda.add_agenda_item(pf, session_id=session, title="Welcome", kind="welcome", planned_minutes=10)
    agenda.add_agenda_item(pf, session_id=session, title="How are we doing?", kind="health_check",
                           prompt="Rate each one", planned_minutes=45)
    check_id = health.add_health_check(pf, session_id=session, title="Our check", scale="five",
                                       prompts=["Power", "Gwrando ar bawb – ŵyl", "Equality"]).new_id
    prompt = pf.scalar("SELECT id FROM health_prompt WHERE health_check_id = ? ORDER BY position", (check_id,))
    health.rate_health_prompt(pf, health_prompt_id=prompt, rating=4, note="A private note")
    return check_id


def test_saved_template_is_listed_after_the_shipped_ones_and_starts_a_session(pf, check, data_dir):
    saved = health_templates.save_health_template(pf, health_check_id=check, name="Riverside health check",
                                                  description="Our own")
    path = data_dir / "templates" / "riverside-health-check.json"
    assert path.is_file() and saved.slug == "riverside-health-check" and saved.user
    document = json.loads(path.read_text(encoding="utf-8"))
    shipped_shape = json.loads((templates.template_dir() / "partnership-health-check.json").read_text(encoding="utf-8"))
    assert set(document) == set(shipped_shape)
    assert document["health_checks"] == [{"title": "Our check", "scale": "five",
                                          "prompts": ["Power", "Gwrando ar bawb – ŵyl", "Equality"]}]
    assert "A private note" not in path.read_text(encoding="utf-8")
    assert document["agenda"] == [{"title": "How are we doing?", "kind": "health_check", "prompt": "Rate each one",
                                   "planned_minutes": 45}]

    listed = templates.available()
    assert [t.slug for t in listed] == ["blank", "partnership-health-check", "values-and-offers", "riverside-health-check"]
    assert [t.user for t in listed] == [False, False, False, True]

    new_session = templates.add_session_from_template(pf, template=saved.slug).new_id
    new_check = pf.scalar("SELECT id FROM health_check WHERE session_id = ?", (new_session,))
    assert pf.scalar("SELECT scale FROM health_check WHERE id = ?", (new_check,)) == "five"
    assert [r["text"] for r in pf.rows(
        "SELECT text FROM health_prompt WHERE health_check_id = ? ORDER BY position", (new_check,))] == [
        "Power", "Gwrando ar bawb – ŵyl", "Equality"]
    assert pf.scalar("SELECT count(*) FROM health_rating r JOIN health_prompt p ON p.id = r.health_prompt_id"
                     " WHERE p.health_check_id = ?", (new_check,)) == 0


def test_whole_agenda_can_be_kept(pf, check):
    saved = health_templates.save_health_template(pf, health_check_id=check, name="With agenda", include_agenda=True)
    assert [i["title"] for i in saved.agenda] == ["Welcome", "How are we doing?"]
    assert saved.session["length_minutes"] == 120


def test_a_user_template_never_shadows_a_shipped_one(pf, check, data_dir):
    saved = health_templates.save_health_template(pf, health_check_id=check, name="Partnership health check")
    assert saved.slug == "partnership-health-check-2"
    shipped = templates.load("partnership-health-check")
    assert not shipped.user and len(shipped.health_checks[0]["prompts"]) == 16
    # Even a file put there by hand with a shipped slug is ignored.
    (data_dir / "templates" / "blank.json").write_text(json.dumps({"name": "Hijack", "agenda": []}), encoding="utf-8")
    assert templates.load("blank").name == "Blank session"
    assert [t.slug for t in templates.available()].count("blank") == 1
    assert "Hijack" not in [t.name for t in templates.available()]
    with pytest.raises(ValidationError, match="cannot be deleted"):
        health_templates.delete_user_template(slug="blank")


def test_saving_the_same_name_again_keeps_the_first_unless_replacing(pf, check):
    first = health_templates.save_health_template(pf, health_check_id=check, name="Ours")
    second = health_templates.save_health_template(pf, health_check_id=check, name="Ours")
    assert (first.slug, second.slug) == ("ours", "ours-2")
    health.add_health_prompt(pf, health_check_id=check, text="A fourth")
    replaced = health_templates.save_health_template(pf, health_check_id=check, name="Ours", replace=True)
    assert replaced.slug == "ours" and replaced.health_checks[0]["prompts"][-1] == "A fourth"
    assert [t.slug for t in templates.available() if t.user] == ["ours", "ours-2"]
    health_templates.delete_user_template(slug="ours-2")
    assert [t.slug for t in templates.available() if t.user] == ["ours"]


def test_a_broken_or_odd_user_file_is_left_out_of_the_list(data_dir):
    folder = data_dir / "templates"
    folder.mkdir(parents=True)
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "odd-scale.json").write_text(json.dumps({"name": "Odd", "health_checks": [
        {"title": "X", "scale": "ten", "prompts": ["a"]}]}), encoding="utf-8")
    (folder / "fine.json").write_text(json.dumps({"name": "Fine", "agenda": [{"title": "Talk"}]}), encoding="utf-8")
    assert [t.slug for t in templates.available()] == SHIPPED + ["fine"]
    with pytest.raises(ValidationError, match="could not be read"):
        templates.load("odd-scale")
    with pytest.raises(ValidationError, match="fine"):
        templates.load("nope")


def test_names_become_safe_slugs(pf, check):
    assert health_templates.slugify("Gwiriad iechyd – Ŵyl!") == "gwiriad-iechyd-wyl"
    assert health_templates.slugify("../../etc") == "etc"
    assert health_templates.slugify("健康") == "my-template"
    with pytest.raises(ValidationError):
        health_templates.save_health_template(pf, health_check_id=check, name="  ")
    with pytest.raises(ValidationError):
        health_templates.save_health_template(pf, health_check_id=999, name="x")


def test_no_user_folder_means_only_shipped_templates(data_dir):
    assert not data_dir.exists()
    assert [t.slug for t in templates.available()] == SHIPPED
