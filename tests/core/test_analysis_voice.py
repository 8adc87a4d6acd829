"""Voice balance: contributions by organisation, sector and person; who is silent; who is missing."""

from __future__ import annotations

import pytest

from facilitator.analysis.voice import voice_balance
from facilitator.errors import NotFoundError
from facilitator.operations import contributions, people, sessions
from facilitator.sample import write_sample
from facilitator.storage.partnership_file import PartnershipFile


@pytest.fixture
def room(pf):
    org = {
        name: people.add_organisation(pf, name=name, sector=sector).new_id
        for name, sector in (("Council", "public"), ("Police", "public"), ("CVS", "vcs"),
                             ("Faith Forum", "faith"), ("Chamber", "private"), ("Residents", "community"))
    }
    person = {
        name: people.add_participant(pf, name=name, organisation_id=org[organisation]).new_id
        for name, organisation in (("Ann", "Council"), ("Bob", "Council"), ("Pat", "Police"), ("Cara", "CVS"),
                                   ("Fay", "Faith Forum"), ("Cher", "Chamber"), ("Rae", "Residents"))
    }
    session = sessions.add_session(pf, title="Values").new_id
    for name, status in (("Ann", "present"), ("Bob", "absent"), ("Pat", "present"), ("Cara", "present"),
                         ("Fay", "apologies"), ("Cher", "absent"), ("Rae", "invited")):
        sessions.set_attendance(pf, session_id=session, participant_id=person[name], status=status)

    def say(text, who=None, organisation=None, parked=False):
        contributions.add_contribution(pf, session_id=session, text=text, parked=parked,
                                       participant_id=person[who] if who else None,
                                       organisation_id=org[organisation] if organisation else None)

    say("Respect", "Ann")
    say("Openness", "Ann")
    say("Training rooms", "Ann")
    say("From the council's team", organisation="Council")
    say("Let's start on tasks", "Cara", parked=True)
    say("Anonymous card 1")
    say("Anonymous card 2")
    return {"pf": pf, "org": org, "person": person, "session": session, "say": say}


def test_counts_by_organisation_sector_and_participant(room):
    balance = voice_balance(room["pf"], room["session"])
    assert (balance.total, balance.attributed, balance.anonymous, balance.parked) == (7, 5, 2, 1)
    assert [(t.label, t.count) for t in balance.by_organisation] == [("Council", 4), ("CVS", 1), ("Anonymous", 2)]
    assert balance.by_organisation[-1].anonymous and balance.by_organisation[0].share == pytest.approx(4 / 7)
    assert [(t.key, t.count) for t in balance.by_sector] == [("public", 4), ("vcs", 1), (None, 2)]
    assert balance.by_sector[0].label == "Public sector" and balance.by_sector[-1].label == "Anonymous"
    # A contribution with an organisation but no person is anonymous as far as people go.
    assert [(t.label, t.count, t.detail) for t in balance.by_participant] == [
        ("Ann", 3, "Council"), ("Cara", 1, "CVS"), ("Anonymous", 3, "")]


def test_most_vocal_share_is_of_attributed_contributions(room):
    balance = voice_balance(room["pf"], room["session"])
    assert balance.most_vocal.label == "Council"
    assert balance.most_vocal_share == pytest.approx(4 / 5)


def test_silent_present_organisations_and_invited_but_absent_ones(room):
    pf, say = room["pf"], room["say"]
    balance = voice_balance(pf, room["session"])
    assert [o.name for o in balance.present] == ["Council", "Police", "CVS"]
    assert [o.name for o in balance.present_silent] == ["Police"]
    # Council has an absent member but Ann is present; Residents are only invited (not yet marked).
    assert [o.name for o in balance.absent_organisations] == ["Faith Forum", "Chamber"]
    assert balance.absent_sectors == ("faith", "private")
    assert balance.absent_sector_labels == ("Faith group", "Private sector")
    say("Police view", "Pat")
    assert voice_balance(pf, room["session"]).present_silent == ()


def test_a_sector_is_absent_only_when_all_its_invited_people_are(room):
    pf = room["pf"]
    vicar = people.add_participant(pf, name="Vic", organisation_id=people.add_organisation(
        pf, name="Parish", sector="faith").new_id).new_id
    sessions.set_attendance(pf, session_id=room["session"], participant_id=vicar, status="present")
    balance = voice_balance(pf, room["session"])
    assert balance.absent_sectors == ("private",)
    assert [o.name for o in balance.absent_organisations] == ["Faith Forum", "Chamber"]


def test_contributions_stay_with_the_organisation_they_were_made_for(room):
    pf = room["pf"]
    people.update_participant(pf, participant_id=room["person"]["Ann"], organisation_id=room["org"]["CVS"])
    balance = voice_balance(pf, room["session"])
    assert [(t.label, t.count) for t in balance.by_organisation][:2] == [("Council", 4), ("CVS", 1)]


def test_no_attributed_contributions_means_no_share(pf):
    session = sessions.add_session(pf, title="Empty").new_id
    empty = voice_balance(pf, session)
    assert (empty.total, empty.most_vocal, empty.most_vocal_share, empty.by_organisation) == (0, None, None, ())
    contributions.add_contribution(pf, session_id=session, text="Unsigned")
    only_anonymous = voice_balance(pf, session)
    assert only_anonymous.most_vocal_share is None and only_anonymous.by_sector[0].label == "Anonymous"
    with pytest.raises(NotFoundError):
        voice_balance(pf, 999)


def test_voice_balance_of_the_sample(tmp_path):
    write_sample(tmp_path / "s.facilitator")
    with PartnershipFile.open(tmp_path / "s.facilitator") as pf:
        balance = voice_balance(pf, 1)
        assert balance.total == 56 and balance.anonymous == 5
        assert sum(t.count for t in balance.by_organisation) == 56
        assert balance.most_vocal.label == "Riverside Borough Council"
        assert balance.most_vocal_share == pytest.approx(9 / 51)
        assert [o.name for o in balance.absent_organisations] == ["Riverside Chamber of Commerce"]
        assert balance.absent_sectors == ("private",)
        # Nobody is marked present yet for the second, planned session.
        assert voice_balance(pf, 2).present == () and voice_balance(pf, 2).total == 0
