"""Shared responsibilities: the matrix marks, the spread figures and the 'not shared' / 'no lead' flags."""

from __future__ import annotations

import pytest

from facilitator.analysis.responsibilities import responsibility_matrix, spread
from facilitator.errors import NotFoundError
from facilitator.operations import actions, people, sessions
from facilitator.sample import write_sample
from facilitator.storage.partnership_file import PartnershipFile


@pytest.fixture
def shared(pf):
    org = {
        name: people.add_organisation(pf, name=name, sector=sector).new_id
        for name, sector in (("Council", "public"), ("Police", "public"), ("CVS", "vcs"),
                             ("Interfaith Forum", "faith"), ("Chamber", "private"))
    }
    s1 = sessions.add_session(pf, title="One").new_id
    s2 = sessions.add_session(pf, title="Two").new_id
    act = {
        "shared": actions.add_action(pf, text="Map competencies", session_id=s1, lead_organisation_id=org["Council"],
                                     support_organisation_ids=[org["CVS"], org["Police"]]).new_id,
        "lone_lead": actions.add_action(pf, text="Book venues", session_id=s1, lead_organisation_id=org["CVS"]).new_id,
        "lone_support": actions.add_action(pf, text="Ask congregations", session_id=s2,
                                           support_organisation_ids=[org["Interfaith Forum"]]).new_id,
        "nobody": actions.add_action(pf, text="Someone should…", session_id=s2).new_id,
        "closed": actions.add_action(pf, text="Old task", session_id=s1, lead_organisation_id=org["Police"],
                                     support_organisation_ids=[org["Council"]]).new_id,
    }
    actions.set_action_status(pf, action_id=act["closed"], status="done")
    return {"pf": pf, "org": org, "act": act, "s1": s1, "s2": s2}


def test_matrix_marks_lead_and_support_per_organisation(shared):
    pf, org, act = shared["pf"], shared["org"], shared["act"]
    matrix = responsibility_matrix(pf)
    assert [c.name for c in matrix.columns] == ["Council", "Police", "CVS", "Interfaith Forum", "Chamber"]
    assert [r.action_id for r in matrix.rows] == [act["shared"], act["lone_lead"], act["lone_support"], act["nobody"]]
    first = matrix.rows[0]
    assert first.marks == ("lead", "support", "support", None, None)
    assert first.lead.name == "Council"
    assert [o.name for o in first.supporters] == ["Police", "CVS"]
    assert matrix.mark(act["lone_support"], org["Interfaith Forum"]) == "support"
    assert matrix.rows[2].lead is None
    assert [c.name for c in matrix.columns_with_roles] == ["Council", "Police", "CVS", "Interfaith Forum"]


def test_matrix_filters_by_session_and_can_include_closed_actions(shared):
    pf, act = shared["pf"], shared["act"]
    assert [r.action_id for r in responsibility_matrix(pf, session_id=shared["s2"]).rows] == [
        act["lone_support"], act["nobody"]]
    with_closed = responsibility_matrix(pf, session_id=shared["s1"], include_closed=True)
    assert [r.action_id for r in with_closed.rows] == [act["shared"], act["lone_lead"], act["closed"]]
    assert with_closed.rows[-1].status_label == "Done"
    with pytest.raises(NotFoundError):
        responsibility_matrix(pf, session_id=999)


def test_spread_counts_roles_per_organisation_and_sector(shared):
    result = spread(shared["pf"])
    assert result.action_count == 4
    loads = {load.organisation.name: (load.led, load.supported) for load in result.organisations}
    assert loads == {"Council": (1, 0), "Police": (0, 1), "CVS": (1, 1), "Interfaith Forum": (0, 1), "Chamber": (0, 0)}
    sectors = {s.sector: (s.organisations, s.led, s.supported) for s in result.sectors}
    assert sectors == {"public": (2, 1, 1), "vcs": (1, 1, 1), "faith": (1, 0, 1), "private": (1, 0, 0)}
    assert [s.sector for s in result.sectors] == ["public", "vcs", "faith", "private"]
    assert [o.name for o in result.without_role] == ["Chamber"]


def test_spread_counts_closed_actions_only_when_asked(shared):
    result = spread(shared["pf"], include_closed=True)
    loads = {load.organisation.name: (load.led, load.supported) for load in result.organisations}
    assert loads["Council"] == (1, 1) and loads["Police"] == (1, 1)


def test_single_organisation_actions_are_flagged_not_shared_and_leaderless_ones_flagged(shared):
    pf, org, act = shared["pf"], shared["org"], shared["act"]
    result = spread(pf)
    assert [a.action_id for a in result.not_shared] == [act["lone_lead"], act["lone_support"]]
    assert [a.action_id for a in result.without_lead] == [act["lone_support"], act["nobody"]]
    # Sharing the lone-led action takes its flag away; leading the other takes its 'no lead' flag away.
    actions.set_responsibility(pf, action_id=act["lone_lead"], organisation_id=org["Chamber"], role="support")
    actions.set_responsibility(pf, action_id=act["lone_support"], organisation_id=org["Interfaith Forum"], role="lead")
    result = spread(pf)
    assert [a.action_id for a in result.not_shared] == [act["lone_support"]]
    assert [a.action_id for a in result.without_lead] == [act["nobody"]]
    assert result.without_role == ()


def test_spread_of_the_sample(tmp_path):
    write_sample(tmp_path / "s.facilitator")
    with PartnershipFile.open(tmp_path / "s.facilitator") as pf:
        result = spread(pf)
        assert result.action_count == 6
        assert [a.text for a in result.not_shared] == ["Take the agreed values to the LSP Board for endorsement"]
        assert result.without_lead == () and result.without_role == ()
        council = next(load for load in result.organisations if load.organisation.id == 1)
        assert (council.led, council.supported) == (2, 0)
        assert sum(s.led for s in result.sectors) == 6
