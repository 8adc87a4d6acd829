"""Health-check results per prompt, organisation and sector, and the trend against earlier sessions."""

from __future__ import annotations

import pytest

from facilitator.analysis.health import health_summary, health_trend
from facilitator.errors import NotFoundError
from facilitator.operations import health, people, sessions


@pytest.fixture
def rated(pf):
    org = {
        name: people.add_organisation(pf, name=name, sector=sector).new_id
        for name, sector in (("Council", "public"), ("Police", "public"), ("CVS", "vcs"), ("Faith Forum", "faith"))
    }
    s1 = sessions.add_session(pf, title="First").new_id
    check = health.add_health_check(pf, session_id=s1, title="Health", prompts=["Power", "Equality", "Style"]).new_id
    power, equality, style = (r["id"] for r in pf.rows(
        "SELECT id FROM health_prompt WHERE health_check_id = ? ORDER BY position", (check,)))

    def rate(prompt, rating, organisation=None, note=""):
        health.rate_health_prompt(pf, health_prompt_id=prompt, rating=rating, note=note,
                                  organisation_id=org[organisation] if organisation else None)

    rate(power, 2, note="Mixed")
    rate(power, 3, "Council")
    rate(power, 1, "Police")
    rate(power, 1, "CVS", note="Feel talked over")
    rate(equality, 2, "Council")
    rate(equality, 2, "CVS")
    rate(equality, None, "Faith Forum", note="Not discussed yet")
    rate(style, 3)
    rate(style, 1, "Faith Forum")
    rate(style, 3, "CVS")
    return {"pf": pf, "org": org, "s1": s1, "check": check, "rate": rate,
            "prompts": {"power": power, "equality": equality, "style": style}}


def test_summary_gives_group_organisation_and_sector_figures_per_prompt(rated):
    summary = health_summary(rated["pf"], rated["check"])
    assert (summary.title, summary.scale.key, summary.scale.low, summary.scale.high) == ("Health", "rag", 1, 3)
    power, equality, style = summary.prompts
    assert power.group.rating == 2 and power.group.note == "Mixed"
    assert [(r.organisation.name, r.rating) for r in power.by_organisation] == [("Council", 3), ("Police", 1), ("CVS", 1)]
    assert power.by_organisation[2].note == "Feel talked over"
    assert [(s.sector, s.mean, s.count) for s in power.by_sector] == [("public", 2.0, 2), ("vcs", 1.0, 1)]
    assert power.organisation_mean == pytest.approx(5 / 3)
    assert power.organisation_spread == 2 and power.sector_spread == 1.0
    # A note without a rating is kept but does not count in the figures.
    assert [(r.organisation.name, r.rating) for r in equality.by_organisation] == [
        ("Council", 2), ("CVS", 2), ("Faith Forum", None)]
    assert equality.rated_organisations == 2 and equality.organisation_spread == 0 and equality.by_sector[0].mean == 2.0
    assert style.sector_spread == 2.0 and style.group.rating == 3
    assert [o.name for o in summary.organisations] == ["Council", "Police", "CVS", "Faith Forum"]
    assert summary.scale.label(3) == "Green" and summary.scale.label(power.organisation_mean) == "1.7"


def test_prompts_that_differ_most_come_first(rated):
    summary = health_summary(rated["pf"], rated["check"])
    # Power and Style both spread 2 across organisations; Style's sectors differ more (2.0 vs 1.0).
    assert [p.text for p in summary.most_divided] == ["Style", "Power"]
    rated["rate"](rated["prompts"]["style"], 2, "Faith Forum")
    summary = health_summary(rated["pf"], rated["check"])
    assert [p.text for p in summary.most_divided] == ["Power", "Style"]


def test_summary_on_a_one_to_five_scale_and_with_a_single_rating(pf):
    council = people.add_organisation(pf, name="Council", sector="public").new_id
    session = sessions.add_session(pf, title="S").new_id
    check = health.add_health_check(pf, session_id=session, title="Five", scale="five", prompts=["Trust"]).new_id
    prompt = pf.scalar("SELECT id FROM health_prompt WHERE health_check_id = ?", (check,))
    health.rate_health_prompt(pf, health_prompt_id=prompt, rating=5, organisation_id=council)
    summary = health_summary(pf, check)
    (trust,) = summary.prompts
    assert (summary.scale.low, summary.scale.high) == (1, 5)
    assert trust.organisation_mean == 5 and trust.organisation_spread is None and trust.sector_spread is None
    assert summary.most_divided == () and summary.scale.label(5) == "5" and trust.group is None
    with pytest.raises(NotFoundError):
        health_summary(pf, 999)


def _check_in_new_session(pf, title, prompts, scale="rag"):
    session = sessions.add_session(pf, title=title).new_id
    check = health.add_health_check(pf, session_id=session, title="Health", scale=scale, prompts=prompts).new_id
    ids = [r["id"] for r in pf.rows("SELECT id FROM health_prompt WHERE health_check_id = ? ORDER BY position", (check,))]
    return session, check, ids


def test_trend_compares_each_prompt_with_the_previous_session(rated):
    pf, org = rated["pf"], rated["org"]
    _, check, (power, equality, style, fresh) = _check_in_new_session(
        pf, "Second", ["Power", "  Equality ", "Style", "Who is missing?"])
    health.rate_health_prompt(pf, health_prompt_id=power, rating=3)                     # group 2 -> 3
    health.rate_health_prompt(pf, health_prompt_id=equality, rating=1, organisation_id=org["Council"])  # orgs 2 -> 1
    health.rate_health_prompt(pf, health_prompt_id=style, rating=3)                     # group 3 -> 3
    items = {i.text.strip(): i for i in health_trend(pf, check).items}
    assert (items["Power"].direction, items["Power"].basis) == ("better", "group")
    assert items["Power"].previous.group == 2 and items["Power"].previous.session_title == "First"
    assert items["Power"].previous.health_check_id == rated["check"]
    assert (items["Equality"].direction, items["Equality"].basis) == ("worse", "organisations")
    assert items["Style"].direction == "same"
    assert items["Who is missing?"].direction == "new" and items["Who is missing?"].previous is None


def test_trend_skips_an_unrated_copy_and_compares_across_scales(rated):
    pf = rated["pf"]
    _, unrated_check, _ = _check_in_new_session(pf, "Second (copied forward, not rated)", ["Power", "Style"])
    _, check, (power, style) = _check_in_new_session(pf, "Third", ["Power", "Style"], scale="five")
    health.rate_health_prompt(pf, health_prompt_id=power, rating=3)  # 3 of 5 is the middle, like amber
    health.rate_health_prompt(pf, health_prompt_id=style, rating=4)  # 4 of 5 is below green
    items = {i.text: i for i in health_trend(pf, check).items}
    assert items["Power"].previous.session_title == "First"
    assert items["Power"].direction == "same"
    assert items["Style"].direction == "worse"
    # The unrated copy itself has something to compare with only where the first session was rated.
    second = {i.text: i for i in health_trend(pf, unrated_check).items}
    assert second["Power"].previous.session_title == "First" and second["Power"].direction is None


def test_trend_follows_the_order_of_the_series(rated):
    pf = rated["pf"]
    session, check, (power,) = _check_in_new_session(pf, "Earlier after all", ["Power"])
    health.rate_health_prompt(pf, health_prompt_id=power, rating=1)
    assert health_trend(pf, check).items[0].direction == "worse"
    sessions.move_session(pf, session_id=session, to_index=0)
    assert health_trend(pf, check).items[0].direction == "new"
    assert health_trend(pf, rated["check"]).items[0].direction == "better"
