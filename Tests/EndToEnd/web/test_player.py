"""Playing: currentTime advances, seeking within the stream (HTTP Range), volume, the
queue, the lock-screen metadata, and the play count after half a track."""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys


def open_album(browser, name: str) -> None:
    browser.go("/library", "library")
    for card in browser.find_all(".card-link"):
        if card.find_element("css selector", ".card-title").get_attribute("textContent") == name:
            card.click()
            break
    else:
        raise AssertionError(f"no album card {name!r}")
    browser.wait_for_view("album")


def test_play_advances_current_time_and_sets_media_session(server, browser, account, track_ids):
    email, _ = account
    browser.open("/")
    browser.sign_in(email)
    open_album(browser, "Night Drive")
    browser.button("Play Neon Harbor by Aurora Lane").click()
    first = browser.wait_playing_past(0.3)
    later = browser.wait_playing_past(first + 1.0)
    assert later > first
    assert browser.audio("audio.src") == f"{server.url}/stream/{track_ids['Neon Harbor']}"
    assert browser.find(".player-title").text == "Neon Harbor"
    assert browser.find("#play-pause").get_attribute("aria-label") == "Pause"
    # The lock screen and media keys see the track.
    assert browser.js("return navigator.mediaSession.metadata.title") == "Neon Harbor"
    assert browser.js("return navigator.mediaSession.metadata.artist") == "Aurora Lane"
    assert browser.js("return navigator.mediaSession.playbackState") == "playing"

    # Space anywhere outside a control pauses and resumes.
    browser.find("#main h1").send_keys(" ")
    browser.wait(lambda d: browser.audio("audio.paused"), 5, "Space did not pause")
    browser.find("#main h1").send_keys(" ")
    browser.wait(lambda d: not browser.audio("audio.paused"), 5, "Space did not resume")

    browser.click("#play-pause")
    browser.wait(lambda d: browser.audio("audio.paused"), 5, "pause did not pause")
    paused_at = browser.audio("audio.currentTime")
    assert browser.find("#play-pause").get_attribute("aria-label") == "Play"
    assert abs(browser.audio("audio.currentTime") - paused_at) < 0.05

    # The album queued its tracks: "next" plays the second one.
    browser.click("#next-track")
    browser.wait(lambda d: browser.audio("audio.src").endswith(track_ids["Glass Rivers"]), 5, "next did not change track")
    browser.wait_playing_past(0.3)
    assert browser.find(".player-title").text == "Glass Rivers"
    browser.click("#queue-button")
    browser.find("#queue-panel")
    assert browser.texts("#queue-panel :is(.queue-now-playing, .queue-upcoming) .track-title") == ["Glass Rivers"]
    browser.screenshot("player-queue-desktop")


def test_seek_moves_within_the_stream(server, browser, account):
    email, _ = account
    browser.open("/")
    browser.sign_in(email)
    open_album(browser, "Night Drive")
    browser.button("Play Neon Harbor by Aurora Lane").click()
    browser.wait_playing_past(0.2)
    duration = browser.audio("audio.duration")
    assert 19 < duration < 21
    # Range support is what makes the whole file seekable before it is downloaded.
    assert browser.audio("audio.seekable.length") == 1
    assert browser.audio("audio.seekable.end(0)") > duration - 0.5

    # Click three quarters of the way along the seek bar.
    bar = browser.find("#seek-bar")
    ActionChains(browser.driver).move_to_element_with_offset(bar, int(bar.size["width"] * 0.25), 0).click().perform()
    browser.wait(lambda d: browser.audio("audio.currentTime") > 13, 5, "the seek did not move the audio")
    position = browser.wait_playing_past(14)
    assert position < duration
    assert browser.find(".time-elapsed").text.startswith("0:1")

    # The keyboard seeks too: Home goes back to the start.
    bar.send_keys(Keys.HOME)
    browser.wait(lambda d: browser.audio("audio.currentTime") < 3, 5, "Home on the seek bar did not go back")


def test_volume_slider_and_mute_drive_the_audio_and_persist(server, browser, account):
    email, _ = account
    browser.open("/")
    browser.sign_in(email)
    volume = browser.find("#volume")
    volume.send_keys(Keys.HOME)
    browser.wait(lambda d: browser.audio("audio.volume") == 0, 5, "Home did not set the volume to 0")
    assert browser.find("#mute").get_attribute("aria-label") == "Mute"
    for _ in range(10):
        volume.send_keys(Keys.ARROW_RIGHT)
    browser.wait(lambda d: abs(browser.audio("audio.volume") - 0.5) < 0.01, 5, "the volume did not reach 0.5")

    browser.click("#mute")
    browser.wait(lambda d: browser.audio("audio.muted"), 5, "mute did not mute")
    assert browser.find("#mute").get_attribute("aria-label") == "Unmute"
    browser.click("#mute")
    browser.wait(lambda d: not browser.audio("audio.muted"), 5, "unmute did not unmute")

    # The level is a preference of this browser: a reload keeps it.
    browser.driver.refresh()
    browser.wait_for_view("discover")
    assert abs(browser.audio("audio.volume") - 0.5) < 0.01


def test_a_play_counts_after_half_the_track(server, browser, account, track_ids):
    email, client = account
    browser.open("/")
    browser.sign_in(email)
    open_album(browser, "Salt Roads")
    # Harbor Lights lasts 6 s: it counts after 3 s actually heard.
    browser.button("Play Harbor Lights by Copper Tide").click()
    browser.wait_playing_past(1.0)
    assert client.get("/api/history")["total"] == 0, "counted before half the track was heard"
    browser.wait(lambda d: client.get("/api/history")["total"] == 1, 10, "the play was not reported")
    # Once per play: the rest of the track adds nothing.
    browser.wait(lambda d: browser.audio("audio.ended || audio.currentTime > 5.5"), 10)
    assert client.get("/api/history")["total"] == 1
    assert client.get("/api/history")["items"][0]["track"]["id"] == track_ids["Harbor Lights"]

    browser.go("/history", "history")
    assert browser.texts("#main .track-title") == ["Harbor Lights"]
    # The period goes to the server as `from` (an ISO 8601 date): today still has the play.
    browser.find("#history-period").send_keys("Today")
    browser.wait(lambda d: "period=today" in d.current_url and d.execute_script(
        "return document.getElementById('main').dataset.state") == "ready", 5, "the period did not apply")
    assert browser.texts("#main .track-title") == ["Harbor Lights"]
    browser.go("/", "discover")
    assert "Harbor Lights" in browser.find("#main .section").text
