"""Fixtures shared by core and UI tests. Nothing here may import Qt."""

from __future__ import annotations

import pytest

from facilitator.operations import agenda, people, sessions
from facilitator.storage.partnership_file import PartnershipFile
from tests.offline import GUARD as _NETWORK_GUARD


def pytest_configure(config):
    """The whole run is offline: see tests/offline.py (Python sockets only; not child processes)."""
    _NETWORK_GUARD.install()


def pytest_unconfigure(config):
    _NETWORK_GUARD.uninstall()


@pytest.fixture(autouse=True)
def _no_network():
    """Fail the test loudly if it tried the network, even when the code swallowed the error."""
    _NETWORK_GUARD.take_attempts()
    yield _NETWORK_GUARD
    attempts = _NETWORK_GUARD.take_attempts()
    if attempts:
        pytest.fail("The test tried to use the network (Facilitator must work offline):\n  "
                    + "\n  ".join(attempts), pytrace=False)


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path, monkeypatch):
    """Keep every test away from the real user data and settings folders."""
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(tmp_path / "user-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def pf(tmp_path):
    """A new, empty partnership file on disk."""
    opened = PartnershipFile.create(tmp_path / "test.facilitator", title="Riverside LSP")
    yield opened
    opened.close()


@pytest.fixture
def planned(pf):
    """A partnership with two organisations, a participant and a session of three agenda items."""
    council = people.add_organisation(pf, name="Riverside Council", sector="public").new_id
    cvs = people.add_organisation(pf, name="Riverside CVS", sector="vcs").new_id
    ann = people.add_participant(pf, name="Ann Patel", organisation_id=council, role="Learning lead").new_id
    session = sessions.add_session(pf, title="Values and offers", date="2026-03-02", length_minutes=90).new_id
    items = [
        agenda.add_agenda_item(pf, session_id=session, title=title, planned_minutes=minutes).new_id
        for title, minutes in (("Welcome", 10), ("What each organisation brings", 30), ("Our values", 30))
    ]
    pf.history.clear()
    return {"pf": pf, "council": council, "cvs": cvs, "ann": ann, "session": session, "items": items}
