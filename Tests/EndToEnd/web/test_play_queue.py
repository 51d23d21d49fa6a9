"""The play queue follows the person between devices: one saved by a Subsonic app (here
urllib speaking the protocol) is in the web player after a reload, at its position and
paused; one played in the web player is what getPlayQueue answers the phone."""

from __future__ import annotations

import time
import urllib.parse

import harness
from test_player import open_album


def subsonic(server, email: str, method: str, pairs: list[tuple[str, str]] = (), client_name: str = "PhoneApp") -> dict:
    query = urllib.parse.urlencode([("u", email), ("p", harness.PASSWORD), ("v", "1.16.1"), ("c", client_name), ("f", "json"), *pairs])
    answer = server.client().get(f"/rest/{method}?{query}")["subsonic-response"]
    assert answer["status"] == "ok", answer
    return answer


def test_a_queue_saved_by_a_subsonic_app_is_resumed_paused_after_a_reload(server, browser, account, track_ids):
    email, _ = account
    browser.open("/")
    browser.sign_in(email)
    assert browser.find(".player-title").text == "Nothing playing"

    # The phone saves its queue: Glass Rivers, Neon Harbor (playing, 7.3 s in), Lantern Song.
    queue = [track_ids["Glass Rivers"], track_ids["Neon Harbor"], track_ids["Lantern Song"]]
    subsonic(server, email, "savePlayQueue", [*(("id", id) for id in queue), ("current", queue[1]), ("position", "7300")])

    browser.driver.refresh()
    browser.wait(lambda d: browser.js("return document.querySelector('.player-title')?.textContent") == "Neon Harbor", 10,
                 "the saved queue was not restored")
    assert browser.audio("audio.src") == f"{server.url}/stream/{queue[1]}"
    browser.wait(lambda d: browser.audio("audio.readyState >= 1 && Math.abs(audio.currentTime - 7.3) < 0.2"), 10,
                 f"not cued at 7.3 s: {browser.audio('audio.currentTime')}")
    browser.wait(lambda d: browser.find(".time-elapsed").text == "0:07", 5, "the seek bar does not show 0:07")
    # Paused, and it stays paused: restoring never starts the music.
    time.sleep(1.5)
    assert browser.audio("audio.paused")
    assert abs(browser.audio("audio.currentTime") - 7.3) < 0.2
    assert browser.find("#play-pause").get_attribute("aria-label") == "Play"
    browser.click("#queue-button")
    browser.find("#queue-panel")
    assert browser.texts("#queue-panel :is(.queue-now-playing, .queue-upcoming) .track-title") == ["Neon Harbor", "Lantern Song"]
    browser.screenshot("queue-restored-from-subsonic")
    browser.find("#queue-close").click()

    # Play resumes from there.
    browser.click("#play-pause")
    position = browser.wait_playing_past(7.4)
    assert position < 10


def test_a_queue_played_in_the_browser_is_what_the_phone_gets(server, browser, account, track_ids):
    email, _ = account
    browser.open("/")
    browser.sign_in(email)
    open_album(browser, "Night Drive")
    browser.button("Play Neon Harbor by Aurora Lane").click()
    browser.wait_playing_past(0.3)
    browser.click("#next-track")
    browser.wait(lambda d: browser.audio("audio.src").endswith(track_ids["Glass Rivers"]), 5, "next did not change track")
    browser.wait_playing_past(0.2)
    browser.audio("(audio.currentTime = 5, true)")
    browser.wait_playing_past(5.0)
    browser.click("#play-pause")
    browser.wait(lambda d: browser.audio("audio.paused"), 5, "pause did not pause")
    paused_at = browser.audio("audio.currentTime")

    # A pause saves at once; allow the request its moment.
    deadline = time.monotonic() + 5
    while True:
        saved = subsonic(server, email, "getPlayQueue")["playQueue"]
        if saved.get("current") == track_ids["Glass Rivers"] and abs(saved.get("position", 0) - paused_at * 1000) < 300:
            break
        assert time.monotonic() < deadline, f"the paused queue did not reach the server: {saved}"
        time.sleep(0.2)
    assert [entry["id"] for entry in saved["entry"]] == [track_ids["Neon Harbor"], track_ids["Glass Rivers"]]
    assert saved["changedBy"] == "MySpotify web"
    by_index = subsonic(server, email, "getPlayQueueByIndex")["playQueueByIndex"]
    assert by_index["currentIndex"] == 1

    # Signing out empties this player, not the saved queue.
    browser.go("/settings", "settings")
    browser.click("#sign-out")
    browser.find("#auth-form")
    assert browser.find_all(".player-title")[0].get_attribute("textContent") == "Nothing playing"
    assert len(subsonic(server, email, "getPlayQueue")["playQueue"]["entry"]) == 2



def test_a_queue_longer_than_the_server_keeps_is_saved_as_the_window_around_the_current_track(server, browser, account, track_ids):
    """The server keeps at most 5,000 tracks of a queue and refuses a longer one whole: a
    5,500-track playlist played from its last track is saved as the 5,000 that end there."""
    email, client = account
    playlist = client.post("/api/playlists", {"name": "Very long"})
    pattern = [track_ids["Neon Harbor"], track_ids["Glass Rivers"]]
    for _ in range(11):
        client.post(f"/api/playlists/{playlist['id']}/tracks", {"track_ids": pattern * 250})
    browser.open("/")
    browser.sign_in(email)
    browser.go(f"/playlists/{playlist['id']}", "playlist")
    browser.wait(lambda d: browser.js("return document.querySelectorAll('.track-row').length") == 5500, 20,
                 "the playlist did not show its 5,500 tracks")
    browser.js("document.querySelector('.track-row[data-position=\"5499\"] .track-play').click()")
    browser.wait_playing_past(0.3)
    browser.click("#play-pause")
    browser.wait(lambda d: browser.audio("audio.paused"), 5, "pause did not pause")

    deadline = time.monotonic() + 10
    while True:
        saved = subsonic(server, email, "getPlayQueueByIndex")["playQueueByIndex"]
        if len(saved.get("entry", [])) == 5000:
            break
        assert time.monotonic() < deadline, f"the long queue did not reach the server: {len(saved.get('entry', []))} entries"
        time.sleep(0.3)
    # Positions 500 to 5,499 of the playlist: the playing one (5,499) is the last kept.
    assert saved["currentIndex"] == 4999
    assert [entry["id"] for entry in saved["entry"][:2]] == pattern
    assert saved["entry"][-1]["id"] == track_ids["Glass Rivers"]
