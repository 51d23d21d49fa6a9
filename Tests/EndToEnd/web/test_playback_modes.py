"""Issue 15, playback: shuffle and repeat in the player bar and the phone's full-screen
player; Play and Shuffle on album, artist and playlist pages (Play turns into Pause while
the page's list plays); the queue as a panel beside the page, reorderable, with what played
before and "Paused"; what was playing survives a reload, through the server's play queue."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.keys import Keys

from browser import DESKTOP, PHONE_390
from test_player import open_album

ALL_TITLES = ["Neon Harbor", "Glass Rivers", "Lantern Song", "Harbor Lights", "Slow Satellites", "Quiet Engines"]


def queue_titles(browser) -> list[str]:
    """The player's queue in play order, read from the queue panel (what played before is
    listed most recent first). On a phone the panel is opened from the full player and
    both are closed again afterwards."""
    phone = not browser.js("return document.getElementById('queue-button').offsetParent !== null")
    if phone:
        browser.click(".player-expand")
    if browser.find("#queue-button").get_attribute("aria-expanded") != "true":
        browser.click("#queue-button")
    browser.find("#queue-panel")
    played = browser.texts("#queue-panel .queue-played .track-title")
    titles = [*reversed(played), *browser.texts("#queue-panel :is(.queue-now-playing, .queue-upcoming) .track-title")]
    if phone:
        browser.click("#queue-close")
        browser.click(".player-collapse")
    return titles


def playing_title(browser) -> str:
    return browser.js("return document.querySelector('.player-title')?.textContent")


def album_id_of(server, track_ids, title):
    return server.admin.get(f"/api/tracks/{track_ids[title]}")["album_id"]


def test_shuffle_and_repeat_in_the_player_bar(server, browser, account, track_ids):
    email, client = account
    playlist = client.post("/api/playlists", {"name": "Everything"})
    client.post(f"/api/playlists/{playlist['id']}/tracks", {"track_ids": [track_ids[t] for t in ALL_TITLES]})
    browser.open("/")
    browser.sign_in(email)
    browser.go(f"/playlists/{playlist['id']}", "playlist")
    browser.button("Play Neon Harbor by Aurora Lane").click()
    browser.wait_playing_past(0.2)
    assert queue_titles(browser) == ALL_TITLES

    shuffle = browser.find("#shuffle")
    assert shuffle.get_attribute("aria-pressed") == "false"
    shuffle.click()
    browser.wait(lambda d: browser.find("#shuffle").get_attribute("aria-pressed") == "true", 5, "shuffle did not turn on")
    # What plays now stays; what comes next is the same tracks in some order.
    shuffled = queue_titles(browser)
    assert shuffled[0] == "Neon Harbor" and sorted(shuffled) == sorted(ALL_TITLES)
    assert playing_title(browser) == "Neon Harbor"
    # Off puts the playlist's order back, the current track still current.
    browser.click("#next-track")
    browser.wait(lambda d: playing_title(browser) == shuffled[1], 5, "next did not follow the shuffled order")
    browser.click("#shuffle")
    browser.wait(lambda d: queue_titles(browser) == ALL_TITLES, 5, "turning shuffle off did not restore the order")
    assert playing_title(browser) == shuffled[1]
    assert len(browser.texts("#queue-panel .queue-played .track-title")) == ALL_TITLES.index(shuffled[1])

    # Repeat cycles off -> all -> this track -> off, remembered by this browser.
    repeat = browser.find("#repeat")
    assert repeat.get_attribute("aria-label") == "Repeat: off"
    repeat.click()
    assert browser.find("#repeat").get_attribute("aria-label") == "Repeat: all"
    # Repeat all: the end of the last track goes back to the first.
    browser.button("Play Quiet Engines").click()
    browser.wait(lambda d: playing_title(browser) == "Quiet Engines", 5)
    assert browser.find("#next-track").is_enabled()
    browser.wait(lambda d: browser.audio("audio.duration > 0"), 5)
    browser.audio("audio.currentTime = audio.duration - 0.4")
    browser.wait(lambda d: playing_title(browser) == "Neon Harbor", 8, "repeat all did not wrap to the first track")
    browser.wait_playing_past(0.2)

    browser.click("#repeat")
    assert browser.find("#repeat").get_attribute("aria-label") == "Repeat: this track"
    browser.screenshot("playback-repeat-one-desktop")
    # Repeat one: the end of the track starts it again.
    src = browser.audio("audio.src")
    browser.audio("audio.currentTime = audio.duration - 0.4")
    browser.wait(lambda d: browser.audio("!audio.paused && audio.currentTime > 0.1 && audio.currentTime < 3"), 8,
                 "repeat one did not start the track again")
    assert browser.audio("audio.src") == src and playing_title(browser) == "Neon Harbor"

    browser.driver.refresh()
    browser.find("#repeat")
    browser.wait(lambda d: browser.find("#repeat").get_attribute("aria-label") == "Repeat: this track", 5)
    assert browser.find("#shuffle").get_attribute("aria-pressed") == "false"
    browser.click("#repeat")
    assert browser.find("#repeat").get_attribute("aria-label") == "Repeat: off"


def phone_playing_neon_harbor(server, browsers, account):
    """A phone-sized browser, signed in, playing Night Drive's Neon Harbor."""
    email, _ = account
    browser = browsers(server.url, size=PHONE_390)
    browser.open("/")
    browser.sign_in(email)
    open_album(browser, "Night Drive")
    browser.button("Play Neon Harbor by Aurora Lane").click()
    browser.wait_playing_past(0.2)
    return browser


def test_shuffle_and_repeat_in_the_phone_full_player(server, browsers, account):
    browser = phone_playing_neon_harbor(server, browsers, account)
    # The mini-player keeps to the essentials.
    assert not browser.find_all("#shuffle")[0].is_displayed()
    browser.click(".player-expand")
    browser.find(".player.is-expanded")
    browser.click("#shuffle")
    assert browser.find("#shuffle").get_attribute("aria-pressed") == "true"
    browser.click("#repeat")
    assert browser.find("#repeat").get_attribute("aria-label") == "Repeat: all"
    for control in ("#shuffle", "#previous-track", "#play-pause", "#next-track", "#repeat"):
        box = browser.find(control).rect
        assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE_390[0], f"{control} is off the screen"
    assert not browser.has_horizontal_overflow()
    assert not browser.unlabelled_controls()
    browser.screenshot("playback-phone-full-player-modes")


@pytest.mark.parametrize("size,label", [(DESKTOP, "desktop"), (PHONE_390, "phone")])
def test_play_and_shuffle_on_album_artist_and_playlist_pages(server, browsers, account, track_ids, size, label):
    email, client = account
    playlist = client.post("/api/playlists", {"name": "Two"})
    client.post(f"/api/playlists/{playlist['id']}/tracks", {"track_ids": [track_ids["Lantern Song"], track_ids["Slow Satellites"]]})
    browser = browsers(server.url, size=size)
    browser.open("/")
    browser.sign_in(email)
    album = album_id_of(server, track_ids, "Neon Harbor")
    browser.go(f"/albums/{album}", "album")
    assert not browser.has_horizontal_overflow()
    browser.button("Play Night Drive").click()
    browser.wait_playing_past(0.2)
    assert playing_title(browser) == "Neon Harbor"
    # While the album plays its Play is a Pause, which pauses it; Play then resumes it.
    pause = browser.button("Pause Night Drive")
    assert pause.text.strip() == "Pause"
    browser.screenshot(f"playback-album-pause-{label}")
    pause.click()
    browser.wait(lambda d: browser.audio("audio.paused"), 5, "the album's Pause did not pause")
    at = browser.audio("audio.currentTime")
    browser.button("Play Night Drive").click()
    browser.wait(lambda d: browser.audio(f"!audio.paused && audio.currentTime > {at}"), 5, "Play did not resume")
    assert playing_title(browser) == "Neon Harbor"
    # Another album's page offers Play: its list is not the one playing.
    browser.go(f"/albums/{album_id_of(server, track_ids, 'Lantern Song')}", "album")
    browser.button("Play Salt Roads")

    # Shuffle on the artist page: every track of the artist, shuffle on.
    artist = server.admin.get(f"/api/tracks/{track_ids['Lantern Song']}")["artist_id"]
    browser.go(f"/artists/{artist}", "artist")
    browser.button("Shuffle Copper Tide").click()
    browser.wait(lambda d: sorted(queue_titles(browser)) == ["Harbor Lights", "Lantern Song"], 5, "the artist's tracks were not queued")
    assert browser.js("return document.getElementById('shuffle').getAttribute('aria-pressed')") == "true"
    browser.button("Pause Copper Tide")

    browser.go(f"/playlists/{playlist['id']}", "playlist")
    browser.button("Play Two").click()
    browser.wait(lambda d: sorted(queue_titles(browser)) == ["Lantern Song", "Slow Satellites"], 5)
    browser.button("Pause Two")
    assert not browser.has_horizontal_overflow()
    assert not browser.unlabelled_controls()
    browser.screenshot(f"playback-playlist-buttons-{label}")


def test_the_queue_is_a_panel_beside_the_page_reorderable_with_history(server, browser, account, track_ids):
    email, client = account
    playlist = client.post("/api/playlists", {"name": "Four"})
    four = ["Neon Harbor", "Glass Rivers", "Lantern Song", "Harbor Lights"]
    client.post(f"/api/playlists/{playlist['id']}/tracks", {"track_ids": [track_ids[t] for t in four]})
    browser.open("/")
    browser.sign_in(email)
    browser.go(f"/playlists/{playlist['id']}", "playlist")
    browser.button("Play Glass Rivers by Aurora Lane").click()
    browser.wait_playing_past(0.2)
    browser.click("#queue-button")
    panel = browser.find("#queue-panel")
    # Beside the page, not a modal: the page is still there and usable next to it.
    assert not browser.find_all("dialog[open]")
    main = browser.find("#main").rect
    assert main["x"] + main["width"] <= panel.rect["x"] + 1
    assert browser.find("#queue-button").get_attribute("aria-expanded") == "true"
    assert browser.texts("#queue-panel .queue-now-playing .track-title") == ["Glass Rivers"]
    assert browser.find("#queue-state").text == "Playing"
    assert browser.texts("#queue-panel .queue-upcoming .track-title") == ["Lantern Song", "Harbor Lights"]
    assert browser.texts("#queue-panel .queue-played .track-title") == ["Neon Harbor"]
    browser.click("#play-pause")
    browser.wait(lambda d: browser.find("#queue-state").text == "Paused", 5, "the queue does not say Paused")

    # Reorder by keyboard: Alt+Down on Lantern Song, then by the move button back up.
    browser.find("#queue-panel .queue-upcoming .queue-jump").send_keys(Keys.ALT, Keys.ARROW_DOWN)
    browser.wait(lambda d: browser.texts("#queue-panel .queue-upcoming .track-title") == ["Harbor Lights", "Lantern Song"], 5,
                 "Alt+Down did not move the track")
    assert queue_titles(browser) == ["Neon Harbor", "Glass Rivers", "Harbor Lights", "Lantern Song"]
    assert browser.js("return document.activeElement.closest('.queue-row')?.querySelector('.track-title').textContent") == "Lantern Song"
    # The page behind stays in use while the panel is open.
    browser.go("/library", "library")
    assert browser.find("#queue-panel").is_displayed()
    browser.screenshot("queue-panel-desktop")
    # The order reaches the server's play queue (what the phone gets).
    browser.wait(lambda d: [t["title"] for t in client.get("/api/me/queue")["tracks"]]
                 == ["Neon Harbor", "Glass Rivers", "Harbor Lights", "Lantern Song"], 10, "the new order was not saved")

    # Drag Lantern Song above Harbor Lights.
    rows = browser.find_all("#queue-panel .queue-upcoming .queue-row")
    handle = rows[1].find_element("css selector", ".drag-handle")
    from selenium.webdriver.common.action_chains import ActionChains
    ActionChains(browser.driver).click_and_hold(handle).move_to_element_with_offset(rows[0], 0, -10).release().perform()
    browser.wait(lambda d: browser.texts("#queue-panel .queue-upcoming .track-title") == ["Lantern Song", "Harbor Lights"], 5,
                 "dragging did not move the track")

    # Escape closes it and gives the focus back.
    browser.find("#queue-panel .queue-jump").send_keys(Keys.ESCAPE)
    browser.wait(lambda d: not browser.find_all("#queue-panel")[0].is_displayed(), 5)
    assert browser.js("return document.activeElement.id") == "queue-button"


def test_the_phone_queue_covers_the_screen_and_closes(server, browsers, account):
    browser = phone_playing_neon_harbor(server, browsers, account)
    browser.click(".player-expand")
    browser.click("#queue-button")
    panel = browser.find("#queue-panel")
    assert panel.rect["width"] == PHONE_390[0]
    assert browser.texts("#queue-panel .queue-upcoming .track-title") == ["Glass Rivers"]
    assert not browser.has_horizontal_overflow()
    assert not browser.unlabelled_controls()
    browser.screenshot("queue-panel-phone")
    browser.click("#queue-close")
    browser.wait(lambda d: not browser.find_all("#queue-panel")[0].is_displayed(), 5)


def test_what_was_playing_survives_a_reload(server, browser, account, track_ids):
    email, client = account
    browser.open("/")
    browser.sign_in(email)
    open_album(browser, "Salt Roads")
    browser.button("Play Lantern Song by Copper Tide").click()
    browser.wait_playing_past(0.2)
    browser.audio("audio.currentTime = 6")
    browser.wait_playing_past(6.2)
    # Reloaded while playing: the page saves the queue as it goes away.
    browser.driver.refresh()
    browser.wait(lambda d: playing_title(browser) == "Lantern Song", 10, "the track was not restored after the reload")
    browser.wait(lambda d: browser.audio("audio.readyState >= 1 && audio.currentTime > 5.5 && audio.currentTime < 9"), 10,
                 f"not cued where it was: {browser.audio('audio.currentTime')}")
    assert queue_titles(browser) == ["Lantern Song", "Harbor Lights"]
    assert browser.audio("audio.paused")
    saved = client.get("/api/me/queue")
    assert [t["title"] for t in saved["tracks"]] == ["Lantern Song", "Harbor Lights"] and saved["current_index"] == 0
    browser.screenshot("playback-restored-after-reload")
    browser.click("#play-pause")
    browser.wait_playing_past(6)


# Drops the page's saves of the queue while sessionStorage names this very page (its time
# origin): installed before the app's scripts, which keep their own reference to fetch.
DROP_QUEUE_SAVES = """
const send = window.fetch;
window.fetch = function (url, options) {
  const dropping = sessionStorage.getItem('test.dropQueueSaves') === String(performance.timeOrigin);
  if (dropping && options?.method === 'PUT' && String(url).includes('/api/me/queue')) return new Promise(() => {});
  return send.call(this, url, options);
};
"""


def test_a_reload_resumes_where_the_tab_was_when_its_last_save_is_lost(server, browser, account, track_ids):
    """The save a page sends as it goes away races the reloaded page's read of the queue,
    and may never arrive: the tab's own last position still wins for the same queue."""
    email, client = account
    browser.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": DROP_QUEUE_SAVES})
    browser.open("/")
    browser.sign_in(email)
    open_album(browser, "Salt Roads")
    browser.button("Play Lantern Song by Copper Tide").click()
    browser.wait_playing_past(0.2)
    # The new track was saved at once, near its start.
    browser.wait(lambda d: [t["title"] for t in client.get("/api/me/queue")["tracks"]] == ["Lantern Song", "Harbor Lights"], 10,
                 "the new track was not saved")
    # From here no save of this page reaches the server (as when the leaving request loses).
    browser.js("sessionStorage.setItem('test.dropQueueSaves', String(performance.timeOrigin))")
    browser.audio("audio.currentTime = 6")
    browser.wait_playing_past(6.2)
    assert client.get("/api/me/queue")["position_ms"] < 3000
    browser.driver.refresh()
    browser.wait(lambda d: playing_title(browser) == "Lantern Song", 10, "the track was not restored after the reload")
    browser.wait(lambda d: browser.audio("audio.readyState >= 1 && audio.currentTime > 5.5 && audio.currentTime < 9"), 10,
                 f"not cued where the tab was: {browser.audio('audio.currentTime')}")
    assert browser.audio("audio.paused")
    # The reloaded page (a new page, whose saves go through) tells the server where it is.
    browser.wait(lambda d: 5500 < client.get("/api/me/queue")["position_ms"] < 9000, 10,
                 "the tab's position was not saved after the reload")
