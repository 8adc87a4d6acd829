"""Every operation changes the file on disk, reports what it changed, and can be undone and redone."""

from __future__ import annotations

import pytest

from facilitator.errors import NotFoundError, ReadOnlyError, ValidationError
from facilitator.interchange import export_document
from facilitator.operations import actions, agenda, contributions, decisions, health, partnership, people, sessions, values
from facilitator.storage.partnership_file import PartnershipFile


def snapshot(pf):
    document = export_document(pf)
    return document


def reopen(pf):
    path = pf.path
    pf.close()
    return PartnershipFile.open(path)


def test_changes_name_what_changed(planned):
    pf = planned["pf"]
    changes = contributions.add_contribution(pf, session_id=planned["session"], agenda_item_id=planned["items"][1],
                                             participant_id=planned["ann"], text="Training rooms")
    assert changes.tables == {"contribution"}
    assert changes.inserted["contribution"] == {changes.new_id}
    assert "Training rooms" in changes.label


def test_contribution_takes_the_participants_organisation(planned):
    pf = planned["pf"]
    cid = contributions.add_contribution(pf, session_id=planned["session"], participant_id=planned["ann"], text="x").new_id
    assert pf.row("SELECT organisation_id FROM contribution WHERE id = ?", (cid,))["organisation_id"] == planned["council"]
    contributions.update_contribution(pf, contribution_id=cid, participant_id=None)
    row = pf.row("SELECT participant_id, organisation_id FROM contribution WHERE id = ?", (cid,))
    assert row == {"participant_id": None, "organisation_id": planned["council"]}


def test_every_change_is_on_disk_before_the_call_returns(planned, tmp_path):
    pf = planned["pf"]
    contributions.add_contribution(pf, session_id=planned["session"], text="saved at once")
    # A plain read of the bytes on disk (not our connection) must already see it.
    copy = tmp_path / "copy.facilitator"
    copy.write_bytes(pf.path.read_bytes())
    with PartnershipFile.open(copy) as other:
        assert other.scalar("SELECT text FROM contribution") == "saved at once"


def test_undo_redo_round_trip_for_every_kind_of_operation(planned):
    pf = planned["pf"]
    session, items, council, cvs, ann = (planned[k] for k in ("session", "items", "council", "cvs", "ann"))
    steps = [
        lambda: partnership.update_partnership(pf, title="Renamed", description="About us"),
        lambda: people.add_organisation(pf, name="Police", sector="public"),
        lambda: people.update_organisation(pf, organisation_id=cvs, name="CVS", sector="vcs", notes="n"),
        lambda: people.move_organisation(pf, organisation_id=cvs, to_index=0),
        lambda: people.add_participant(pf, name="Bo", organisation_id=cvs, access_needs="Hearing loop"),
        lambda: people.update_participant(pf, participant_id=ann, role="Trainer"),
        lambda: sessions.update_session(pf, session_id=session, venue="Hall", start_time="09:30"),
        lambda: sessions.set_attendance(pf, session_id=session, participant_id=ann, status="present"),
        lambda: agenda.add_agenda_item(pf, session_id=session, title="Break", kind="break", index=1),
        lambda: agenda.update_agenda_item(pf, agenda_item_id=items[0], prompt="Who are you?"),
        lambda: agenda.move_agenda_item(pf, agenda_item_id=items[2], to_index=0),
        lambda: sessions.start_session(pf, session_id=session),
        lambda: contributions.add_contribution(pf, session_id=session, agenda_item_id=items[1], text="A", category="offer"),
        lambda: contributions.add_contribution(pf, session_id=session, agenda_item_id=items[1], text="B", organisation_id=cvs),
        lambda: sessions.next_agenda_item(pf, session_id=session),
        lambda: values.add_value(pf, text="Respect", session_id=session),
        lambda: values.agree_value(pf, value_id=1),
        lambda: health.add_health_check(pf, session_id=session, title="Health", prompts=["Power", "Equality"]),
        lambda: health.rate_health_prompt(pf, health_prompt_id=1, rating=2, note="mixed"),
        lambda: health.rate_health_prompt(pf, health_prompt_id=1, rating=3, organisation_id=cvs),
        lambda: decisions.add_decision(pf, session_id=session, text="Adopt values", agreement_counts={"endorse": 9}),
        lambda: actions.add_action(pf, text="Map courses", session_id=session, lead_organisation_id=council,
                                   support_organisation_ids=[cvs]),
        lambda: actions.set_action_status(pf, action_id=1, status="in_progress", session_id=session),
        lambda: actions.set_responsibility(pf, action_id=1, organisation_id=cvs, role="lead"),
        lambda: sessions.duplicate_session(pf, session_id=session, title="Session 2"),
        lambda: contributions.merge_contributions(pf, contribution_ids=[1, 2]),
        lambda: contributions.set_parked(pf, contribution_id=1),
        lambda: people.delete_organisation(pf, organisation_id=cvs),
        lambda: agenda.delete_agenda_item(pf, agenda_item_id=items[1]),
        lambda: sessions.delete_session(pf, session_id=session),
    ]
    states = [snapshot(pf)]
    for step in steps:
        changes = step()
        assert changes, f"{changes.label} reported no change"
        states.append(snapshot(pf))
    for expected in reversed(states[:-1]):
        pf.undo()
        assert snapshot(pf) == expected
    assert not pf.history.can_undo
    for expected in states[1:]:
        pf.redo()
        assert snapshot(pf) == expected
    assert snapshot(reopen(pf)) == states[-1]


def test_undo_labels_follow_the_stack(planned):
    pf = planned["pf"]
    contributions.add_contribution(pf, session_id=planned["session"], text="We bring rooms")
    assert pf.history.undo_label == "Add contribution “We bring rooms”"
    assert pf.undo().label == "Undo Add contribution “We bring rooms”"
    assert pf.history.redo_label == "Add contribution “We bring rooms”"
    values.add_value(pf, text="Trust")
    assert not pf.history.can_redo, "a new change clears redo"


def test_deleting_an_organisation_keeps_contributions_unattributed_and_undo_restores(planned):
    pf = planned["pf"]
    cid = contributions.add_contribution(pf, session_id=planned["session"], organisation_id=planned["cvs"], text="x").new_id
    actions.add_action(pf, text="Do", lead_organisation_id=planned["cvs"])
    changes = people.delete_organisation(pf, organisation_id=planned["cvs"])
    assert changes.deleted["responsibility"]
    assert pf.scalar("SELECT organisation_id FROM contribution WHERE id = ?", (cid,)) is None
    pf.undo()
    assert pf.scalar("SELECT organisation_id FROM contribution WHERE id = ?", (cid,)) == planned["cvs"]
    assert pf.scalar("SELECT count(*) FROM responsibility") == 1


def test_running_a_session_keeps_time_per_item(planned):
    pf = planned["pf"]
    session, items = planned["session"], planned["items"]
    sessions.start_session(pf, session_id=session)
    assert pf.scalar("SELECT live_agenda_item_id FROM session") == items[0]
    sessions.next_agenda_item(pf, session_id=session)
    sessions.next_agenda_item(pf, session_id=session)
    sessions.next_agenda_item(pf, session_id=session)  # past the end: stays on the last
    assert pf.scalar("SELECT live_agenda_item_id FROM session") == items[2]
    sessions.previous_agenda_item(pf, session_id=session)
    first = pf.row("SELECT * FROM agenda_item WHERE id = ?", (items[0],))
    assert first["started_at"] and first["ended_at"] and first["run_started_at"] is None
    live = pf.row("SELECT * FROM agenda_item WHERE id = ?", (items[1],))
    assert live["run_started_at"] is not None
    sessions.finish_session(pf, session_id=session)
    assert pf.scalar("SELECT status FROM session") == "finished"
    assert pf.scalar("SELECT count(*) FROM agenda_item WHERE run_started_at IS NOT NULL") == 0


def test_start_needs_an_agenda(pf):
    session = sessions.add_session(pf, title="Empty").new_id
    with pytest.raises(ValidationError, match="agenda item"):
        sessions.start_session(pf, session_id=session)


def test_move_contribution_between_items_and_out_of_the_parking_lot(planned):
    pf = planned["pf"]
    s, items = planned["session"], planned["items"]
    ids = [contributions.add_contribution(pf, session_id=s, agenda_item_id=items[1], text=t).new_id for t in "abc"]
    moved = contributions.add_contribution(pf, session_id=s, agenda_item_id=items[0], text="m", parked=True).new_id
    contributions.move_contribution(pf, contribution_id=moved, agenda_item_id=items[1], to_index=1)
    order = [r["text"] for r in pf.rows(
        "SELECT text FROM contribution WHERE agenda_item_id = ? ORDER BY position, id", (items[1],))]
    assert order == ["a", "m", "b", "c"]
    assert pf.scalar("SELECT parked FROM contribution WHERE id = ?", (moved,)) == 0
    assert ids


def test_merge_joins_texts_and_keeps_shared_attribution(planned):
    pf = planned["pf"]
    s = planned["session"]
    a = contributions.add_contribution(pf, session_id=s, text="one", participant_id=planned["ann"]).new_id
    b = contributions.add_contribution(pf, session_id=s, text="two", participant_id=planned["ann"], category="idea").new_id
    contributions.merge_contributions(pf, contribution_ids=[a, b])
    row = pf.row("SELECT * FROM contribution")
    assert row["text"] == "one\ntwo" and row["participant_id"] == planned["ann"] and row["category"] == "idea"
    assert pf.scalar("SELECT count(*) FROM contribution") == 1


def test_new_lead_demotes_old_lead(planned):
    pf = planned["pf"]
    aid = actions.add_action(pf, text="x", lead_organisation_id=planned["council"]).new_id
    actions.set_responsibility(pf, action_id=aid, organisation_id=planned["cvs"], role="lead")
    roles = {r["organisation_id"]: r["role"] for r in pf.rows("SELECT * FROM responsibility")}
    assert roles == {planned["council"]: "support", planned["cvs"]: "lead"}
    actions.set_responsibility(pf, action_id=aid, organisation_id=planned["council"], role=None)
    assert pf.scalar("SELECT count(*) FROM responsibility") == 1


def test_action_status_history(planned):
    pf = planned["pf"]
    aid = actions.add_action(pf, text="x", lead_organisation_id=planned["council"]).new_id
    actions.set_action_status(pf, action_id=aid, status="done", session_id=planned["session"], note="finished early")
    history = pf.rows("SELECT old_status, new_status, session_id, note FROM action_status_change")
    assert history == [{"old_status": "open", "new_status": "done", "session_id": planned["session"], "note": "finished early"}]


def test_health_ratings_respect_the_scale(planned):
    pf = planned["pf"]
    check = health.add_health_check(pf, session_id=planned["session"], title="H", scale="rag", prompts=["p"]).new_id
    with pytest.raises(ValidationError, match="1 to 3"):
        health.rate_health_prompt(pf, health_prompt_id=1, rating=5)
    health.rate_health_prompt(pf, health_prompt_id=1, rating=3)
    health.rate_health_prompt(pf, health_prompt_id=1, rating=1, note="changed our minds")
    assert pf.rows("SELECT rating, note FROM health_rating") == [{"rating": 1, "note": "changed our minds"}]
    health.update_health_check(pf, health_check_id=check, scale="five")
    health.rate_health_prompt(pf, health_prompt_id=1, rating=5)
    assert pf.scalar("SELECT rating FROM health_rating") == 5


@pytest.mark.parametrize("call, message", [
    (lambda pf: people.add_organisation(pf, name="  ", sector="public"), "blank"),
    (lambda pf: people.add_organisation(pf, name="X", sector="government"), "not a known sector"),
    (lambda pf: sessions.add_session(pf, title="S", date="2 March"), "year-month-day"),
    (lambda pf: sessions.add_session(pf, title="S", length_minutes=-5), "whole number"),
    (lambda pf: contributions.add_contribution(pf, session_id=999, text="x"), "no longer exists"),
    (lambda pf: decisions.add_decision(pf, session_id=1, text="d", agreement_counts={"love": 1}), "Agreement counts"),
])
def test_bad_input_gets_a_clear_message_and_changes_nothing(pf, call, message):
    sessions.add_session(pf, title="S")
    before = snapshot(pf)
    with pytest.raises(ValidationError, match=message):
        call(pf)
    assert snapshot(pf) == before


def test_missing_row_is_not_found(pf):
    with pytest.raises(NotFoundError):
        values.update_value(pf, value_id=42, text="x")


def test_read_only_file_refuses_changes(tmp_path):
    path = tmp_path / "ro.facilitator"
    PartnershipFile.create(path, title="T").close()
    with PartnershipFile.open(path, read_only=True) as pf:
        with pytest.raises(ReadOnlyError, match="ro.facilitator"):
            sessions.add_session(pf, title="S")


def test_markup_and_control_characters_are_stored_verbatim(planned):
    pf = planned["pf"]
    text = "<img src=/etc/passwd> &bogus; <b>unclosed\x00\x07\u202e ŵŷ łż Ελληνικά اردو বাংলা"
    cid = contributions.add_contribution(pf, session_id=planned["session"], text=text).new_id
    assert reopen(pf).scalar("SELECT text FROM contribution WHERE id = ?", (cid,)) == text


def test_save_copy_is_a_separate_editable_file(planned, tmp_path):
    pf = planned["pf"]
    contributions.add_contribution(pf, session_id=planned["session"], text="in the copy")
    target = pf.save_copy(tmp_path / "copy.facilitator")
    with PartnershipFile.open(target) as copy:
        assert copy.scalar("SELECT text FROM contribution") == "in the copy"
        sessions.add_session(copy, title="Only in the copy")
    assert pf.scalar("SELECT count(*) FROM session WHERE title = 'Only in the copy'") == 0
    with pytest.raises(ValidationError, match="different name"):
        pf.save_copy(pf.path)
