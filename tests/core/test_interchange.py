"""The JSON form: round trips exactly, survives any text, and refuses bad documents clearly."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.errors import FileExistsAlreadyError, InterchangeError
from facilitator.interchange import dumps, export_document, import_document, load_json
from facilitator.operations import actions, contributions, decisions, health, people, sessions, values
from facilitator.sample import write_sample
from facilitator.storage.partnership_file import PartnershipFile

# Any Unicode text (no lone surrogates: they cannot be stored as UTF-8), markup, controls, long.
any_text = st.one_of(
    st.text(min_size=1, max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=50),
    st.sampled_from(["<img src=/etc/passwd>", "<a href='x'>y</a>", "&bogus;", "<b>", "\x00\x01\x1b[31m", "ŵŷ łż Ελλ"]),
    st.text(alphabet="ab <>&\n", min_size=5000, max_size=20000),
).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(any_text, min_size=1, max_size=6))
def test_any_text_survives_store_json_store(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("rt")
    with PartnershipFile.create(folder / "a.facilitator", title=texts[0]) as pf:
        org = people.add_organisation(pf, name=texts[-1], sector="vcs", notes=texts[0]).new_id
        session = sessions.add_session(pf, title=texts[0], venue=texts[-1]).new_id
        for text in texts:
            contributions.add_contribution(pf, session_id=session, text=text, organisation_id=org)
        values.add_value(pf, text=texts[-1], why_notes=texts[0])
        decisions.add_decision(pf, session_id=session, text=texts[0], status_body=texts[-1])
        actions.add_action(pf, text=texts[-1], lead_organisation_id=org)
        first = dumps(export_document(pf))
    import_document(json.loads(first), folder / "b.facilitator")
    with PartnershipFile.open(folder / "b.facilitator") as pf:
        assert dumps(export_document(pf)) == first
        stored = [r["text"] for r in pf.rows("SELECT text FROM contribution ORDER BY id")]
    assert stored == texts


def test_sample_round_trips_byte_for_byte(tmp_path):
    write_sample(tmp_path / "s.facilitator")
    with PartnershipFile.open(tmp_path / "s.facilitator") as pf:
        first = dumps(export_document(pf))
    import_document(json.loads(first), tmp_path / "t.facilitator")
    with PartnershipFile.open(tmp_path / "t.facilitator") as pf:
        assert dumps(export_document(pf)) == first


@pytest.fixture
def document(tmp_path):
    with PartnershipFile.create(tmp_path / "d.facilitator", title="Doc") as pf:
        org = people.add_organisation(pf, name="Council", sector="public").new_id
        session = sessions.add_session(pf, title="S").new_id
        contributions.add_contribution(pf, session_id=session, text="hello", organisation_id=org)
        health.add_health_check(pf, session_id=session, title="H", prompts=["p"])
        return export_document(pf)


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.update(format="something-else"), "not a Facilitator partnership"),
    (lambda d: d.update(version=99), "newer Facilitator"),
    (lambda d: d.update(extra=[]), "Unknown section"),
    (lambda d: d["organisations"][0].update(sector="government"), "organisations\\[0\\].sector"),
    (lambda d: d["organisations"][0].update(colour="red"), "unknown field"),
    (lambda d: d["contributions"][0].update(session_id=77), "refers to a row that does not exist"),
    (lambda d: d["contributions"][0].update(parked="yes"), "true or false"),
    (lambda d: d["contributions"][0].update(position="first"), "wrong type"),
    (lambda d: d["organisations"].append(dict(d["organisations"][0])), "used twice"),
    (lambda d: d["sessions"][0].pop("title"), "missing “title”"),
    (lambda d: d["partnership"].update(title=" "), "non-blank"),
    (lambda d: d["contributions"][0].update(text=["list"]), "text or a whole number"),
])
def test_bad_documents_are_refused_and_leave_nothing(tmp_path, document, mutate, message):
    bad = copy.deepcopy(document)
    mutate(bad)
    target = tmp_path / "new.facilitator"
    with pytest.raises(InterchangeError, match=message):
        import_document(bad, target)
    assert not target.exists()
    assert not list(tmp_path.glob(".~*"))


def test_import_never_overwrites(tmp_path, document):
    target = tmp_path / "exists.facilitator"
    target.write_bytes(b"precious")
    with pytest.raises(FileExistsAlreadyError):
        import_document(document, target)
    assert target.read_bytes() == b"precious"


@pytest.mark.parametrize("content, message", [
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe\x00", "not UTF-8"),
    (b"[1, 2]", "not a Facilitator partnership"),
])
def test_unreadable_json_files(tmp_path, content, message):
    path = tmp_path / "in.json"
    path.write_bytes(content)
    with pytest.raises(InterchangeError, match=message):
        import_document(load_json(path), tmp_path / "out.facilitator")
