"""A player paused longer than the write timeout: the server drops the connection the paused
<audio> stopped reading, and when it plays again the browser asks for the rest with Range and
plays on past what it had buffered, without an error. This is why the write timeout
(MYSPOTIFY_WRITE_TIMEOUT_SECONDS) can be a minute rather than the length of any pause."""

from __future__ import annotations

import time

import pytest

import harness

# Ten minutes of WAV (53 MB): far more than Chromium buffers ahead, so it stops reading.
LONG = harness.Tone("Slow Hands/Patience/01 - Long Pause.wav", "Long Pause", "Slow Hands", "Patience", 600, 330, 1)
DROPPED = "dropping a connection whose client stopped reading"


@pytest.fixture(scope="module")
def patient_server():
    data = harness.new_data_folder("paused-player")
    harness.make_library(data / "library", [LONG])
    server = harness.Server(data, environment={"MYSPOTIFY_WRITE_TIMEOUT_SECONDS": "2", "MYSPOTIFY_LOG_LEVEL": "debug"})
    server.start()
    try:
        yield server
    finally:
        server.stop()
        harness.remove(data)


def test_a_player_paused_past_the_write_timeout_plays_on(patient_server, browsers):
    client = patient_server.client()
    client.sign_up("listener@example.org")
    patient_server.wait_for_tracks(client, len(harness.DEFAULT_LIBRARY) + 1)
    track = next(hit for hit in client.get("/api/search?q=long+pause")["results"] if hit["title"] == LONG.title)

    browser = browsers(patient_server.url)
    # Chromium notes the dropped connection in the console (the body ended early); that is
    # what this test provokes.
    browser.allow_console("ERR_CONTENT_LENGTH_MISMATCH")
    browser.open("/")
    browser.sign_in("listener@example.org")
    browser.open(f"/?track={track['id']}")
    browser.wait_playing_past(1.0)
    browser.click("#play-pause")
    browser.wait(lambda d: browser.audio("audio.paused"), 5, "pause did not pause")

    # Paused, Chromium stops reading; after 2 s the server drops that connection.
    deadline = time.monotonic() + 20
    while DROPPED not in patient_server.log() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert DROPPED in patient_server.log(), "the paused player's connection was not dropped"
    buffered = browser.audio("audio.buffered.end(audio.buffered.length - 1)")
    assert buffered < LONG.seconds - 60, f"Chromium buffered {buffered:.0f} s: the test needs it to stop reading"

    browser.click("#play-pause")
    browser.wait(lambda d: not browser.audio("audio.paused"), 5, "play did not resume")
    browser.js("document.getElementById('audio-engine').playbackRate = 16")
    # Past what was buffered when the connection was dropped: bytes from a new request.
    browser.wait_playing_past(buffered + 5, timeout=40)
    assert browser.audio("audio.error") is None
