"""Lyrics in the player: a synced `.lrc` follows playback (the line sung is marked and kept in
view, the file's [offset:] applied), an embedded unsynced tag shows as text, a track with none
says so; on phones the lyrics take the cover's place in the full-screen player."""

from __future__ import annotations

import subprocess

import pytest
from selenium.webdriver.common.keys import Keys

import harness
from browser import PHONE

TIMED = harness.Tone("Lyric Band/Words/01 - Timed.mp3", "Timed", "Lyric Band", "Words", 40, 440, 1)
PLAIN = harness.Tone("Lyric Band/Words/02 - Plain.mp3", "Plain", "Lyric Band", "Words", 6, 523, 2)
SILENT = harness.Tone("Lyric Band/Words/03 - Silent.mp3", "Silent", "Lyric Band", "Words", 6, 330, 3)

# A line every second from 0:02, shown a second early by the offset (so the line stamped
# [00:05.00] is the one sung from 4 s): 30 lines, more than the panel shows at once.
OFFSET_MS = 1000
LRC = "[ar:Lyric Band]\n[ti:Timed]\n[offset:+1000]\n" + "".join(
    f"[00:{second:02d}.00]Line at {second}\n" for second in range(2, 32))


@pytest.fixture(scope="module")
def lyrics_server():
    data = harness.new_data_folder("web-lyrics")
    library = data / "library"
    harness.make_library(library, [TIMED, SILENT])
    (library / "Lyric Band/Words/01 - Timed.lrc").write_text(LRC)
    # The plain song carries its words in a tag, as ffmpeg writes one.
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", f"sine=frequency={PLAIN.frequency}:duration={PLAIN.seconds}",
         "-metadata", f"title={PLAIN.title}", "-metadata", f"artist={PLAIN.artist}", "-metadata", f"album={PLAIN.album}",
         "-metadata", "track=2", "-metadata", "lyrics=Words in a tag\n\nA second verse", str(library / PLAIN.path)],
        check=True)
    server = harness.Server(data)
    server.start()
    try:
        client = server.client()
        client.sign_up("lyrics-admin@example.org")
        server.wait_for_tracks(client, len(harness.DEFAULT_LIBRARY) + 3)
        yield server
    finally:
        server.stop()
        harness.remove(data)


def sign_in_and_open_album(server, browser, email: str) -> None:
    server.client().sign_up(email)
    browser.open("/")
    browser.sign_in(email)
    browser.go("/library", "library")
    for card in browser.find_all(".card-link"):
        if card.find_element("css selector", ".card-title").get_attribute("textContent") == "Words":
            card.click()
            break
    browser.wait_for_view("album")


def current_line(browser) -> str | None:
    return browser.js("return document.querySelector('#lyrics-panel .lyrics-line.is-current')?.textContent ?? null")


def seek_paused(browser, seconds: float) -> None:
    browser.audio(f"(audio.pause(), audio.currentTime = {seconds}, true)")
    browser.wait(lambda d: browser.audio(f"!audio.seeking && Math.abs(audio.currentTime - {seconds}) < 0.05"), 5,
                 f"the audio did not seek to {seconds}")


def test_synced_lyrics_follow_playback(lyrics_server, browsers):
    browser = browsers(lyrics_server.url)
    sign_in_and_open_album(lyrics_server, browser, "follower@example.org")
    browser.button("Play Timed by Lyric Band").click()
    browser.wait_playing_past(0.2)

    browser.click("#lyrics-button")
    panel = browser.find("#lyrics-panel")
    assert browser.find("#lyrics-button").get_attribute("aria-expanded") == "true"
    browser.wait(lambda d: len(browser.find_all("#lyrics-panel .lyrics-line")) == 30, 10, "the lyrics did not load")
    assert browser.texts("#lyrics-panel .lyrics-line")[:2] == ["Line at 2", "Line at 3"]
    assert "Follows the music" in panel.text

    # The line sung follows currentTime, with the offset: [00:05.00] from 4 s.
    seek_paused(browser, 4.2)
    browser.wait(lambda d: current_line(browser) == "Line at 5", 5, f"current line at 4.2 s: {current_line(browser)}")
    seek_paused(browser, 3.9)
    browser.wait(lambda d: current_line(browser) == "Line at 4", 5, f"current line at 3.9 s: {current_line(browser)}")
    seek_paused(browser, 0.5)
    browser.wait(lambda d: current_line(browser) is None, 5, "a line is marked before the first one starts")

    # Far down, the current line is scrolled into the panel's view.
    seek_paused(browser, 27.5)
    browser.wait(lambda d: current_line(browser) == "Line at 28", 5, f"current line at 27.5 s: {current_line(browser)}")
    browser.wait(lambda d: browser.js("""
        const body = document.querySelector('#lyrics-panel .lyrics-body');
        const line = body.querySelector('.is-current').getBoundingClientRect();
        const box = body.getBoundingClientRect();
        return body.scrollTop > 0 && line.top >= box.top && line.bottom <= box.bottom;"""), 5,
        "the current line was not scrolled into view")
    # Exactly one line is current, for screen readers too.
    assert browser.js("return document.querySelectorAll('#lyrics-panel [aria-current=\"true\"]').length") == 1

    # Playing on moves the mark without any seek.
    browser.audio("(audio.currentTime = 9.5, audio.play(), true)")
    browser.wait(lambda d: browser.audio("audio.currentTime > 11.2"), 10, "playback did not advance")
    browser.wait(lambda d: current_line(browser) in ("Line at 12", "Line at 13"), 5,
                 f"current line while playing at {browser.audio('audio.currentTime')}: {current_line(browser)}")
    browser.screenshot("lyrics-synced-desktop")

    # Escape closes the panel and gives the focus back to its button.
    browser.find("#lyrics-panel .lyrics-body").send_keys(Keys.ESCAPE)
    browser.wait(lambda d: browser.find("#lyrics-button").get_attribute("aria-expanded") == "false", 5, "Escape did not close")
    assert not panel.is_displayed()
    assert browser.js("return document.activeElement.id") == "lyrics-button"


def test_unsynced_and_missing_lyrics(lyrics_server, browsers):
    browser = browsers(lyrics_server.url)
    sign_in_and_open_album(lyrics_server, browser, "reader@example.org")
    browser.button("Play Plain by Lyric Band").click()
    browser.wait_playing_past(0.2)
    browser.click("#lyrics-button")
    browser.wait(lambda d: browser.texts("#lyrics-panel .lyrics-line:not(.lyrics-gap)") == ["Words in a tag", "A second verse"], 10,
                 f"the tag's lyrics: {browser.texts('#lyrics-panel .lyrics-line')}")
    assert current_line(browser) is None
    assert len(browser.find_all("#lyrics-panel .lyrics-gap")) == 1

    # The next track has none: the panel, still open, says so.
    browser.click("#next-track")
    browser.wait(lambda d: "No lyrics for this track." in browser.find("#lyrics-panel").text, 10, "no 'no lyrics' message")
    assert not browser.find_all("#lyrics-panel .lyrics-line")


def test_phone_full_screen_player_shows_lyrics_instead_of_the_cover(lyrics_server, browsers):
    browser = browsers(lyrics_server.url, size=PHONE)
    sign_in_and_open_album(lyrics_server, browser, "phone-reader@example.org")
    browser.button("Play Timed by Lyric Band").click()
    browser.wait_playing_past(0.2)
    browser.click(".player-expand")
    browser.wait(lambda d: "is-expanded" in browser.find("#player").get_attribute("class"), 5, "the full player did not open")
    browser.click("#lyrics-button")
    browser.wait(lambda d: len(browser.find_all("#lyrics-panel .lyrics-line")) == 30, 10, "the lyrics did not load")
    assert browser.find("#lyrics-panel").is_displayed()
    assert not browser.find_all(".player-cover")[0].is_displayed()
    assert not browser.has_horizontal_overflow()
    seek_paused(browser, 6.1)
    browser.wait(lambda d: current_line(browser) == "Line at 7", 5, f"current line at 6.1 s: {current_line(browser)}")
    browser.screenshot("lyrics-phone-full-player")
    # Escape closes the lyrics first, and the full player stays open.
    browser.find("#lyrics-panel .lyrics-body").send_keys(Keys.ESCAPE)
    browser.wait(lambda d: not browser.find_all("#lyrics-panel")[0].is_displayed(), 5)
    assert "is-expanded" in browser.find("#player").get_attribute("class")
    assert browser.find_all(".player-cover")[0].is_displayed()
