"""Quick capture syntax: @ for attribution, # for category and parking."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from facilitator.capture import Capture, Name, parse

NAMES = [
    Name("participant", 1, "Ann Patel"),
    Name("participant", 2, "Annabel Okafor"),
    Name("participant", 3, "Gwyn Hughes"),
    Name("organisation", 10, "Riverside CVS"),
    Name("organisation", 11, "Riverside Borough Council"),
]


def test_plain_text_is_untouched():
    assert parse("We can offer rooms", NAMES) == Capture("We can offer rooms")


def test_full_name_and_category():
    assert parse("@Ann Patel we bring rooms #offer", NAMES) == Capture("we bring rooms", participant_id=1, category="offer")


def test_unique_prefixes():
    assert parse("@gwyn training #exp", NAMES) == Capture("training", participant_id=3, category="expertise")


def test_ambiguous_prefix_stays_in_text():
    assert parse("@ann says hi", NAMES).participant_id is None
    assert parse("@ann says hi", NAMES).text == "@ann says hi"


def test_person_and_organisation_and_park():
    result = parse("Start on tasks now @Riverside CVS #park", NAMES)
    assert result == Capture("Start on tasks now", organisation_id=10, parked=True)


def test_email_addresses_and_hashtags_in_words_are_text():
    assert parse("mail ann@riverside.org about c#", NAMES).text == "mail ann@riverside.org about c#"


def test_unknown_category_stays():
    assert parse("#hello world", NAMES) == Capture("#hello world")


def test_line_breaks_kept():
    assert parse("first\nsecond #idea", NAMES) == Capture("first\nsecond", category="idea")


@given(st.text(alphabet=st.characters(blacklist_characters="@#"), max_size=200))
def test_text_without_markers_survives(text):
    result = parse(text, NAMES)
    assert result.participant_id is None and result.category is None
    assert set(result.text) <= set(text)
