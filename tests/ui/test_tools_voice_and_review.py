"""The voice-balance panel (console only) and the "Review actions" offer.

Sample partnership: session 1 has 56 contributions and a register; session 2 already has a
"Review actions" item, so the offer is tested on a new third session.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from facilitator import queries, templates
from facilitator.analysis.voice import voice_balance
from facilitator.operations import actions, contributions, follow_up, people, sessions
from ui.models.tools_models import share_text
from ui.tools.review_offer import ReviewOffer
from ui.tools.voice_balance import VoiceBalancePanel

from tests.ui.tools_support import (  # noqa: F401  (sample is a fixture)
    HOSTILE,
    column_texts,
    focus,
    labels_are_plain,
    reopen,
    sample,
    show,
    unnamed_controls,
)

CHAMBER, POLICE_PERSON = 9, 5


def tallies(table) -> list[tuple[str, str]]:
    return list(zip(column_texts(table), column_texts(table, 1)))


def expected(tallies_) -> list[tuple[str, str]]:
    return [(t.label, f"{t.count} · {share_text(t.share)}") for t in tallies_]


# Voice balance -------------------------------------------------------------------------------------------


def test_voice_balance_matches_the_analysis_and_names_a_silent_organisation(qtbot, sample):
    document = sample.document
    youth = document.apply(people.add_organisation, name=f"Youth Forum {HOSTILE}", sector="community").new_id
    jo = document.apply(people.add_participant, name="Jo Reyes", organisation_id=youth).new_id
    document.apply(sessions.set_attendance, session_id=1, participant_id=jo, status="present")
    panel = VoiceBalancePanel(document)
    show(qtbot, panel, (420, 760))
    panel.set_session(1)
    for text, person, organisation in (("We can host the launch", None, CHAMBER), ("Another view", None, None),
                                       ("Police can co-deliver", POLICE_PERSON, None),
                                       ("And the chamber again", None, CHAMBER)):
        document.apply(contributions.add_contribution, session_id=1, text=text, participant_id=person,
                       organisation_id=organisation)

    found = voice_balance(document.pf, 1)
    assert found.total == 60
    assert tallies(panel.organisation_table) == expected(found.by_organisation)
    assert tallies(panel.sector_table) == expected(found.by_sector)
    assert tallies(panel.participant_table) == expected(found.by_participant)
    assert column_texts(panel.organisation_table)[-1] == "Anonymous"
    assert tallies(panel.organisation_table)[0] == ("Riverside Borough Council", "9 · 15%")
    assert panel.summary.text() == "60 contributions so far (6 anonymous, 3 parked)"
    assert panel.silent.text() == f"⚠ In the room, not heard yet (1): Youth Forum {HOSTILE}"
    assert panel.dominant.text() == ("Most vocal: Riverside Borough Council, "
                                     f"{share_text(found.most_vocal_share)} of attributed contributions")
    assert panel.absent.text() == ("Invited but absent: Riverside Chamber of Commerce\n"
                                   "Sectors with nobody in the room: Private sector")
    bar = panel.by_organisation.index(0, 1).data(Qt.ItemDataRole.UserRole + 20)
    assert bar == 1.0  # the most vocal fills its bar; the words carry the figure

    document.apply(contributions.add_contribution, session_id=1, text="Young people want evening sessions",
                   participant_id=jo)
    assert panel.silent.text() == "Every organisation in the room has spoken."
    assert (f"Youth Forum {HOSTILE}", "1 · 2%") in tallies(panel.organisation_table)
    assert labels_are_plain(panel) == [] and unnamed_controls(panel) == []
    with reopen(sample) as pf:
        assert voice_balance(pf, 1).total == 61


def test_voice_balance_of_a_session_nobody_has_spoken_in(qtbot, sample):
    panel = VoiceBalancePanel(sample.document)
    show(qtbot, panel, (420, 760))
    assert panel.summary.text() == "Choose a session to see who has been heard."
    panel.set_session(2)
    assert panel.summary.text() == "0 contributions so far (0 anonymous)"
    assert panel.silent.text() == "Nobody is marked present yet (Plan → Attendance)."
    assert panel.by_organisation.rowCount() == 0


# The review offer ------------------------------------------------------------------------------------------


@pytest.fixture
def offer(qtbot, sample):
    holder = QWidget()
    found = ReviewOffer(sample.document, holder)
    layout = QVBoxLayout(holder)
    layout.addWidget(found)
    layout.addStretch(1)
    show(qtbot, holder, (1366, 120))
    found.test_holder = holder  # the banner lives in a window, as above the main window's tabs
    return found


def review_items(pf, session_id: int) -> list[dict]:
    return [i for i in queries.agenda_items(pf, session_id) if i["kind"] == follow_up.REVIEW_KIND]


def test_no_offer_when_the_session_already_has_a_review_item(qtbot, sample, offer):
    offer.set_session(2)
    assert review_items(sample.pf, 2) and not offer.offered and not offer.isVisible()
    offer.set_session(1)  # the first session: nothing earlier to review
    assert not offer.offered and not offer.isVisible()


def test_offer_adds_a_review_item_to_a_new_session_and_undo_brings_it_back(qtbot, sample, offer):
    third = sample.document.apply(templates.add_session_from_template, template="values-and-offers",
                                  title="Session three").new_id
    offer.set_session(third)
    assert offer.offered and offer.isVisible()
    assert offer.label.text() == "6 actions are open from earlier sessions."
    focus(qtbot, offer.add_button)
    qtbot.keyClick(offer.add_button, Qt.Key.Key_Space)
    assert not offer.isVisible() and sample.failures == []
    items = queries.agenda_items(sample.pf, third)
    assert [i["kind"] for i in items[:2]] == ["welcome", "review_actions"]  # after the welcome
    assert items[1]["prompt"].startswith("6 actions are open from earlier sessions.")

    sample.document.undo()
    assert offer.isVisible() and review_items(sample.pf, third) == []
    sample.document.redo()
    assert not offer.isVisible()
    with reopen(sample) as pf:
        assert [i["title"] for i in review_items(pf, third)] == ["Review actions"]


def test_not_now_hides_the_offer_until_another_session(qtbot, sample, offer):
    third = sample.document.apply(templates.add_session_from_template, template="blank", title="Three").new_id
    offer.set_session(third)
    offer.dismiss_button.click()
    assert not offer.isVisible()
    sample.document.apply(people.add_organisation, name="Anyone")  # unrelated changes leave it hidden
    assert not offer.isVisible()
    offer.set_session(third)
    assert offer.isVisible()
    assert labels_are_plain(offer) == [] and unnamed_controls(offer) == []


def test_offer_follows_the_open_count_and_is_never_a_window_of_its_own(qtbot, sample):
    third = sample.document.apply(templates.add_session_from_template, template="blank", title="Three").new_id
    loose = ReviewOffer(sample.document)  # not in a layout yet
    qtbot.addWidget(loose)
    loose.set_session(third)
    assert loose.offered and not loose.isVisible()
    for action_id in range(1, 7):
        sample.document.apply(actions.set_action_status, action_id=action_id, status="done", session_id=third)
    assert not loose.offered
