"""Offline, always: the suite runs with network sockets blocked, and the app never asks for one.

The block itself lives in tests/offline.py and is installed by tests/conftest.py for the whole run.
These tests prove it is really on (a connect to 127.0.0.1 is refused and reported), that local
Unix sockets still work, and that a whole CLI round (sample → PDF → check) makes no attempt.
"""

from __future__ import annotations

import re
import socket
import tempfile
from pathlib import Path

import pytest

from facilitator.cli import main
from tests.offline import GUARD, NetworkBlockedError

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def expected_attempts():
    """For tests that try the network on purpose: hand over what was recorded, so teardown passes."""
    yield GUARD.attempts
    GUARD.take_attempts()


def test_the_guard_is_on_for_the_whole_run():
    assert GUARD.installed
    assert socket.getaddrinfo.__name__ == "getaddrinfo" and socket.getaddrinfo.__module__ == "tests.offline"


def test_connect_to_loopback_is_refused_and_reported(expected_attempts):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        with pytest.raises(NetworkBlockedError, match="127.0.0.1"):
            sock.connect(("127.0.0.1", 9))
        with pytest.raises(NetworkBlockedError):
            sock.connect_ex(("127.0.0.1", 9))
    assert len(expected_attempts) == 2


def _udp_sendto():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.sendto(b"x", ("192.0.2.1", 53))


def _ipv6_connect():
    try:
        sock = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    except OSError:
        pytest.skip("no IPv6 sockets here")
    with sock:
        sock.connect(("::1", 9, 0, 0))


@pytest.mark.parametrize(
    "attempt",
    [
        lambda: socket.create_connection(("example.org", 80), timeout=1),
        lambda: socket.getaddrinfo("example.org", 443),
        lambda: socket.gethostbyname("example.org"),
        _udp_sendto,
        _ipv6_connect,
    ],
    ids=["create_connection", "getaddrinfo", "gethostbyname", "udp-sendto", "ipv6-connect"],
)
def test_every_way_out_is_refused(attempt, expected_attempts):
    with pytest.raises(NetworkBlockedError):
        attempt()
    assert expected_attempts


def test_a_swallowed_attempt_is_still_recorded(expected_attempts):
    """Code that catches every exception cannot hide a network call: teardown fails the test."""
    try:
        socket.create_connection(("192.0.2.1", 80))
    except Exception:
        pass
    assert expected_attempts and "192.0.2.1" in expected_attempts[0]


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets on this platform")
def test_local_unix_sockets_still_work():
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:  # short path: Unix socket names are limited
        address = str(Path(folder) / "s")
        with socket.socket(socket.AF_UNIX) as server, socket.socket(socket.AF_UNIX) as client:
            server.bind(address)
            server.listen(1)
            client.connect(address)
            connection, _ = server.accept()
            with connection:
                client.sendall(b"ping")
                assert connection.recv(4) == b"ping"
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"x")
        assert right.recv(1) == b"x"
    assert GUARD.attempts == []


def test_sample_export_pdf_and_check_make_no_network_attempt(tmp_path, capsys):
    path = tmp_path / "sample.facilitator"
    assert main(["sample", str(path)]) == 0
    assert main(["export", str(path), "--pdf", str(tmp_path / "summary.pdf"),
                 "--json", str(tmp_path / "all.json")]) == 0
    assert main(["check", str(path)]) == 0
    assert main(["info", str(path)]) == 0
    assert (tmp_path / "summary.pdf").read_bytes().startswith(b"%PDF")
    capsys.readouterr()
    assert GUARD.installed and GUARD.attempts == []


# What the runtime block cannot see: C++ (Qt) sockets, and child processes -------------------

NETWORK_APIS = re.compile(
    r"\b(QNetworkAccessManager|QNetworkRequest|QTcpSocket|QUdpSocket|QSslSocket|QHostInfo|QDnsLookup|QWebEngine\w*"
    r"|urllib\.request|urlopen|http\.client|import requests|import httpx|import aiohttp|import urllib3"
    r"|import socket|from socket import|import ftplib|import smtplib)\b"
)


def test_no_source_file_names_a_network_api():
    offenders = []
    for package in ("facilitator", "ui"):
        for source in sorted((REPO / package).rglob("*.py")):
            for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
                if NETWORK_APIS.search(line):
                    offenders.append(f"{source.relative_to(REPO)}:{number}: {line.strip()}")
    assert not offenders, "Facilitator never uses the network:\n" + "\n".join(offenders)
