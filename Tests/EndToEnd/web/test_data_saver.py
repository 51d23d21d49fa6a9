"""The data saver: a streaming quality chosen in the settings makes the player ask
/stream/{id}?format=&max_bitrate= for a transcode, which plays, and seeks by asking again
from the new time (a transcode has no byte ranges)."""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.ui import Select


def open_album(browser, name: str) -> None:
    browser.go("/library", "library")
    for card in browser.find_all(".card-link"):
        if card.find_element("css selector", ".card-title").get_attribute("textContent") == name:
            card.click()
            break
    else:
        raise AssertionError(f"no album card {name!r}")
    browser.wait_for_view("album")


def answer_of(browser, url: str) -> dict:
    """What the server answers to `url`, fetched by the page (with its cookie)."""
    return browser.js_async(
        "fetch(arguments[0]).then(async (r) => done({status: r.status, type: r.headers.get('content-type'),"
        " ranges: r.headers.get('accept-ranges'), size: (await r.arrayBuffer()).byteLength}))", url)


def test_data_saver_streams_a_transcode_that_plays_and_seeks(server, browser, account, track_ids):
    email, _ = account
    browser.open("/")
    browser.sign_in(email)
    browser.go("/settings", "settings")
    Select(browser.find("#stream-quality")).select_by_value("opus-96")
    assert "45 MB an hour" in browser.find("#stream-quality-hint").text
    assert browser.js("return localStorage.getItem('myspotify.streamQuality')") == '"opus-96"'
    browser.screenshot("settings-data-saver")

    track = track_ids["Lantern Song"]
    open_album(browser, "Salt Roads")
    browser.button("Play Lantern Song by Copper Tide").click()
    browser.wait(lambda d: "format=" in (browser.audio("audio.src") or ""), 5, "the player did not ask for a transcode")
    source = browser.audio("audio.src")
    assert source == f"{server.url}/stream/{track}?format=opus&max_bitrate=96"
    browser.wait_playing_past(0.5)
    answer = answer_of(browser, source)
    assert answer["status"] == 200 and answer["type"] == "audio/ogg; codecs=opus", answer
    assert answer["ranges"] is None, "a transcode has no byte ranges"
    # A 10 s track at 96 kbps: about 120 KB, not the FLAC.
    assert answer["size"] < 200_000, answer

    # Three quarters along the seek bar: the player asks again from 7 s.
    bar = browser.find("#seek-bar")
    ActionChains(browser.driver).move_to_element_with_offset(bar, int(bar.size["width"] * 0.25), 0).click().perform()
    browser.wait(lambda d: "time_offset=7" in browser.audio("audio.src"), 5, "the seek did not ask from the new time")
    browser.wait(lambda d: browser.audio("!audio.paused && audio.currentTime > 0.3"), 10, "the seeked stream did not play")
    assert browser.find(".time-elapsed").text in ("0:07", "0:08", "0:09")

    # Back to the original files: the next play is the file itself, with Range.
    browser.go("/settings", "settings")
    Select(browser.find("#stream-quality")).select_by_value("original")
    assert browser.js("return localStorage.getItem('myspotify.streamQuality')") is None
    open_album(browser, "Salt Roads")
    browser.button("Play Lantern Song by Copper Tide").click()
    browser.wait(lambda d: browser.audio("audio.src") == f"{server.url}/stream/{track}", 5, "the original was not asked for")
    browser.wait_playing_past(0.3)
    assert browser.audio("audio.seekable.length") == 1
