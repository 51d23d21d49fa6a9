"""Fixtures of the Subsonic suite: one real server for the module with a small library and
two family members, and py-sonic connections (the real client library) signed in either
way apps do: the account's password (`p=enc:...`) or the app password (token `t`+`s`)."""

from __future__ import annotations

import sys
import urllib.parse
import urllib.request
from pathlib import Path

import libsonic
import libsonic.connection
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import harness  # noqa: E402

# py-sonic 1.2.0's GET path (useGET=True) calls `urllib2.Request`, a Python 2 name its
# module never imports, so every GET raises NameError. Giving the module that name (its
# Python 3 equivalent) runs the library's own GET code unchanged.
libsonic.connection.urllib2 = urllib.request

ADA = "ada@example.com"
BOB = "bob@example.com"

TONES = harness.DEFAULT_LIBRARY + [
    harness.Tone("Copper Tide/Salt Roads/02 - Harbor Lights.mp3", "Harbor Lights", "Copper Tide", "Salt Roads", 6, 392, 2),
    harness.Tone("Velvet Static/Paper Moons/01 - Slow Satellites.mp3", "Slow Satellites", "Velvet Static", "Paper Moons", 6, 294, 1),
]


@pytest.fixture(scope="module")
def server():
    data = harness.new_data_folder("subsonic")
    harness.make_library(data / "library", TONES[len(harness.DEFAULT_LIBRARY):])
    instance = harness.Server(data)
    instance.start()
    try:
        ada = instance.client()
        ada.sign_up(ADA)
        instance.wait_for_tracks(ada, len(TONES))
        bob = instance.client()
        bob.sign_up(BOB)
        instance.accounts = {ADA: ada, BOB: bob}
        yield instance
    finally:
        instance.stop()
        harness.remove(data)


def credentials(server, email: str) -> dict:
    """The account's Subsonic user name and app password (made on first ask, then kept: a
    POST would make new ones and stop the old)."""
    client = server.accounts[email]
    shown = client.get("/api/me/subsonic")
    return shown if "app_password" in shown else client.post("/api/me/subsonic")


def connection(server, email: str, *, token: bool, get: bool = False) -> libsonic.Connection:
    """A py-sonic connection: token auth with the app password, or `p=enc:` with the account's
    own password (py-sonic's legacyAuth). POST forms by default (py-sonic's own default)."""
    base = urllib.parse.urlsplit(server.url)
    if token:
        secret = credentials(server, email)
        return libsonic.Connection(
            f"{base.scheme}://{base.hostname}", secret["username"], secret["app_password"], port=base.port,
            appName="py-sonic-tests", useGET=get)
    return libsonic.Connection(
        f"{base.scheme}://{base.hostname}", email, harness.PASSWORD, port=base.port, appName="py-sonic-tests",
        legacyAuth=True, useGET=get)


@pytest.fixture(scope="module", params=["token", "password"])
def ada(server, request):
    return connection(server, ADA, token=request.param == "token")


@pytest.fixture(scope="module")
def bob(server):
    return connection(server, BOB, token=True)


def rest_url(server, method: str, auth: dict, **params) -> str:
    """A /rest URL with `auth` parameters, for what py-sonic cannot show (headers, XML)."""
    query = urllib.parse.urlencode({**auth, "v": "1.16.1", "c": "py-sonic-tests", **params}, doseq=True)
    return f"{server.url}/rest/{method}?{query}"
