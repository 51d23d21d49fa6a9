"""Fixtures of the web player's tests: one real server for the session (its first account
is the admin), a fresh headless Chromium per test, a screenshot when a test fails, and no
console errors allowed."""

from __future__ import annotations

import subprocess
import urllib.parse
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402
from browser import ARTIFACTS, Browser  # noqa: E402

ADMIN_EMAIL = "admin@example.com"

# The harness's library, plus an album with a folder cover, so grids show both kinds.
EXTRA_TONES = [
    harness.Tone("Copper Tide/Salt Roads/02 - Harbor Lights.mp3", "Harbor Lights", "Copper Tide", "Salt Roads", 6, 392, 2),
    harness.Tone("Velvet Static/Paper Moons/01 - Slow Satellites.mp3", "Slow Satellites", "Velvet Static", "Paper Moons", 6, 294, 1),
    harness.Tone("Velvet Static/Paper Moons/02 - Quiet Engines.mp3", "Quiet Engines", "Velvet Static", "Paper Moons", 6, 349, 2),
]
TRACK_COUNT = len(harness.DEFAULT_LIBRARY) + len(EXTRA_TONES)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="session")
def server():
    data = harness.new_data_folder("web")
    harness.make_library(data / "library", EXTRA_TONES)
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "color=c=0x2a7f62:s=300x300",
         "-frames:v", "1", str(data / "library" / "Velvet Static" / "Paper Moons" / "cover.jpg")], check=True)
    instance = harness.Server(data)
    instance.start()
    try:
        admin = instance.client()
        answer = admin.sign_up(ADMIN_EMAIL)
        assert answer["user"]["role"] == "admin", "the first account must be the admin"
        instance.wait_for_tracks(admin, TRACK_COUNT)
        instance.admin = admin
        yield instance
    finally:
        instance.stop()
        harness.remove(data)


@pytest.fixture
def account(server):
    """A new member account: (email, API client signed in as it)."""
    email = f"member-{uuid.uuid4().hex[:10]}@example.com"
    client = server.client()
    client.sign_up(email)
    return email, client


@pytest.fixture
def track_ids(server):
    """Title -> track id, from the server's own search."""
    ids = {}
    for tone in harness.DEFAULT_LIBRARY + EXTRA_TONES:
        results = server.admin.get(f"/api/search?q={urllib.parse.quote(tone.title)}&sources=local")["results"]
        ids[tone.title] = next(track["id"] for track in results if track["title"] == tone.title)
    return ids


@pytest.fixture
def browsers(request):
    """Makes browsers on demand: new_browser(base_url, autoplay=..., size=...)."""
    made: list[Browser] = []

    def new_browser(base_url: str, **options) -> Browser:
        browser = Browser(base_url, **options)
        made.append(browser)
        return browser

    yield new_browser
    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    problems = []
    for index, browser in enumerate(made):
        try:
            if failed:
                path = browser.screenshot(f"FAILED-{request.node.name}-{index}")
                print(f"screenshot of the failure: {path}")
            errors = browser.console_errors()
            if errors and not failed:
                problems.append(errors)
        finally:
            browser.quit()
    assert not problems, f"the browser console has errors: {problems}"


@pytest.fixture
def browser(server, browsers):
    """A desktop-sized browser on the session's server, with autoplay allowed."""
    return browsers(server.url)


def pytest_sessionstart(session):
    ARTIFACTS.mkdir(exist_ok=True)
