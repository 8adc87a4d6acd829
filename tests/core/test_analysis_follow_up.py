"""Follow-up across the series: open actions carried into later sessions, with history; the review item."""

from __future__ import annotations

import pytest

from facilitator.analysis.follow_up import open_actions_before
from facilitator.errors import NotFoundError
from facilitator.operations import actions, agenda, follow_up, people, sessions
from facilitator.sample import write_sample
from facilitator.storage.partnership_file import PartnershipFile


@pytest.fixture
def series(pf):
    council = people.add_organisation(pf, name="Council", sector="public").new_id
    cvs = people.add_organisation(pf, name="CVS", sector="vcs").new_id
    s1, s2, s3 = (sessions.add_session(pf, title=t).new_id for t in ("Values and offers", "Building", "Review"))
    act = {
        "open": actions.add_action(pf, text="Map courses", session_id=s1, lead_organisation_id=council,
                                   support_organisation_ids=[cvs]).new_id,
        "started": actions.add_action(pf, text="Find venues", session_id=s1, lead_organisation_id=cvs).new_id,
        "done": actions.add_action(pf, text="Send notes", session_id=s1).new_id,
        "from_s2": actions.add_action(pf, text="Draft survey", session_id=s2, support_organisation_ids=[council]).new_id,
        "no_session": actions.add_action(pf, text="Loose end").new_id,
    }
    actions.set_action_status(pf, action_id=act["started"], status="in_progress", note="Two halls found")
    actions.set_action_status(pf, action_id=act["done"], status="done")
    pf.history.clear()
    return {"pf": pf, "s": (s1, s2, s3), "act": act, "council": council, "cvs": cvs}


def test_open_actions_come_from_earlier_sessions_only(series):
    pf, (s1, s2, s3), act = series["pf"], series["s"], series["act"]
    assert open_actions_before(pf, s1) == ()
    carried = open_actions_before(pf, s2)
    assert [a.action_id for a in carried] == [act["open"], act["started"]]
    first = carried[0]
    assert (first.session_title, first.status, first.lead.name) == ("Values and offers", "open", "Council")
    assert [o.name for o in first.supporters] == ["CVS"]
    assert carried[1].status_label == "In progress"
    assert [(h.old_status, h.new_status, h.note, h.session_id) for h in carried[1].history] == [
        ("open", "in_progress", "Two halls found", None)]
    # The third session also carries the second session's action, oldest session first.
    assert [a.action_id for a in open_actions_before(pf, s3)] == [act["open"], act["started"], act["from_s2"]]
    with pytest.raises(NotFoundError):
        open_actions_before(pf, 999)


def test_status_changed_in_session_two_is_carried_with_session_two_in_its_history(series):
    pf, (s1, s2, s3), act = series["pf"], series["s"], series["act"]
    actions.set_action_status(pf, action_id=act["open"], status="in_progress", session_id=s2, note="Council has a list")
    carried = {a.action_id: a for a in open_actions_before(pf, s3)}
    history = carried[act["open"]].history
    assert [(h.new_status, h.session_id, h.session_title, h.note) for h in history] == [
        ("in_progress", s2, "Building", "Council has a list")]
    assert carried[act["open"]].status == "in_progress"
    assert carried[act["open"]].reviewed_here is False
    assert open_actions_before(pf, s2)[0].reviewed_here is True
    # Closed during session 3's review: it leaves the open list but can still be shown as reviewed.
    actions.set_action_status(pf, action_id=act["open"], status="done", session_id=s3)
    assert act["open"] not in [a.action_id for a in open_actions_before(pf, s3)]
    reviewed = [a for a in open_actions_before(pf, s3, include_reviewed_here=True) if a.action_id == act["open"]]
    assert reviewed[0].status == "done" and reviewed[0].reviewed_here
    assert [h.session_title for h in reviewed[0].history] == ["Building", "Review"]


def test_earlier_means_earlier_in_the_series_order_not_by_id(series):
    pf, (s1, s2, s3), act = series["pf"], series["s"], series["act"]
    sessions.move_session(pf, session_id=s3, to_index=0)
    assert open_actions_before(pf, s3) == ()
    assert [a.action_id for a in open_actions_before(pf, s1)] == []
    sessions.move_session(pf, session_id=s1, to_index=2)
    assert [a.action_id for a in open_actions_before(pf, s1)] == [act["from_s2"]]


def _items(pf, session_id):
    return pf.rows("SELECT id, title, kind, prompt, position FROM agenda_item WHERE session_id = ? ORDER BY position",
                   (session_id,))


def test_review_item_goes_after_the_welcome_and_undo_redo_restore_the_agenda(series):
    pf, (s1, s2, s3) = series["pf"], series["s"]
    for title, kind in (("Welcome", "welcome"), ("Health check", "health_check"), ("Next steps", "next_steps")):
        agenda.add_agenda_item(pf, session_id=s2, title=title, kind=kind)
    before = _items(pf, s2)
    changes = follow_up.add_review_item(pf, session_id=s2)
    assert changes.new_id in changes.inserted["agenda_item"]
    items = _items(pf, s2)
    assert [i["kind"] for i in items] == ["welcome", "review_actions", "health_check", "next_steps"]
    assert [i["position"] for i in items] == [0, 1, 2, 3]
    review = items[1]
    assert review["id"] == changes.new_id and review["title"] == "Review actions"
    assert review["prompt"].startswith("2 actions are open")
    assert pf.history.undo_label == "Add review of open actions"

    pf.undo()
    assert _items(pf, s2) == before
    pf.redo()
    assert _items(pf, s2) == items

    # A second call changes nothing, adds no undo step, and names the item already there.
    again = follow_up.add_review_item(pf, session_id=s2)
    assert not again and again.new_id == review["id"]
    assert len(_items(pf, s2)) == 4
    pf.undo()
    assert _items(pf, s2) == before


def test_review_item_leads_an_agenda_without_a_welcome_and_survives_reopening(series):
    pf, (s1, s2, s3) = series["pf"], series["s"]
    agenda.add_agenda_item(pf, session_id=s3, title="Discussion")
    new_id = follow_up.add_review_item(pf, session_id=s3, planned_minutes=20).new_id
    path = pf.path
    pf.close()
    with PartnershipFile.open(path) as again:
        first = _items(again, s3)[0]
        assert first["id"] == new_id and first["kind"] == "review_actions"
        assert first["prompt"].startswith("3 actions are open")
        assert again.scalar("SELECT planned_minutes FROM agenda_item WHERE id = ?", (new_id,)) == 20


def test_review_prompt_for_the_first_session_says_nothing_is_open(series):
    pf, (s1, _, _) = series["pf"], series["s"]
    follow_up.add_review_item(pf, session_id=s1)
    assert _items(pf, s1)[0]["prompt"].startswith("No actions are open")
    with pytest.raises(NotFoundError):
        follow_up.add_review_item(pf, session_id=999)


def test_sample_second_session_already_has_its_review(tmp_path):
    write_sample(tmp_path / "s.facilitator")
    with PartnershipFile.open(tmp_path / "s.facilitator") as pf:
        existing = pf.scalar("SELECT id FROM agenda_item WHERE session_id = 2 AND kind = 'review_actions'")
        changes = follow_up.add_review_item(pf, session_id=2)
        assert not changes and changes.new_id == existing and not pf.history.can_undo
        assert [a.action_id for a in open_actions_before(pf, 2)] == [1, 2, 3, 4, 5, 6]
