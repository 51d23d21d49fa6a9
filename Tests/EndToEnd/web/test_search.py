"""The unified search: local results with their source badge, the heart, and the notice
for a source that did not answer."""

import json
import os
import stat

import harness
import pytest

from browser import DESKTOP, PHONE_390, By


def search(browser, text: str) -> None:
    field = browser.find("#search-input")
    field.clear()
    field.send_keys(text)
    browser.wait(lambda d: d.execute_script(
        "const m = document.getElementById('main');"
        "return m.dataset.view === 'search' && m.dataset.state === 'ready' && location.search.includes(arguments[0])"
        # Every source has answered (the page shows the library's hits before that).
        " && m.querySelector('.search-view')?.dataset.searchState === 'complete'",
        "q=" + text.replace(" ", "%20")), 10, f"no results page for {text!r}")


def result_titles(browser) -> list[str]:
    return browser.texts(".search-results .track-title")


def row_of(browser, title: str):
    for row in browser.find_all(".track-row"):
        if row.find_element(By.CSS_SELECTOR, ".track-title").get_attribute("textContent") == title:
            return row
    raise AssertionError(f"no row for {title!r}")


def test_search_shows_local_results_with_source_badges(server, browser, account):
    email, _ = account
    browser.open("/")
    browser.sign_in(email)
    search(browser, "harbor")
    assert sorted(result_titles(browser)) == ["Harbor Lights", "Neon Harbor"]
    for row in browser.find_all(".search-results .track-row"):
        assert row.find_element(By.CSS_SELECTOR, ".source-badge").get_attribute("textContent") == "Library"
        # Library files are on disk already: no "cached" mark, which is for remote tracks.
        assert not row.find_elements(By.CSS_SELECTOR, ".cached-mark")
    chips = browser.texts(".source-chip")
    assert chips == ["Library 2"]
    assert not browser.find_all(".source-notice")
    browser.screenshot("search-desktop")

    search(browser, "nothing matches this")
    assert "Nothing found" in browser.find("#main .status-message").text


def test_like_fills_the_heart_in_search_and_lists_the_song(server, browser, account):
    email, client = account
    browser.open("/")
    browser.sign_in(email)
    search(browser, "glass")
    heart = row_of(browser, "Glass Rivers").find_element(By.CSS_SELECTOR, ".like-button")
    assert heart.get_attribute("aria-pressed") == "false"
    heart.click()
    browser.wait(lambda d: heart.get_attribute("aria-pressed") == "true", 10, "the heart did not fill")
    liked = client.get("/api/likes")["items"]
    assert [track["title"] for track in liked] == ["Glass Rivers"]

    # A new search reads `liked` from the server: the heart is still filled.
    search(browser, "rivers")
    heart = row_of(browser, "Glass Rivers").find_element(By.CSS_SELECTOR, ".like-button")
    assert heart.get_attribute("aria-pressed") == "true"

    browser.go("/liked", "liked")
    assert browser.texts("#main .track-title") == ["Glass Rivers"]

    # Unliking from the list empties Liked songs on the server too.
    browser.find("#main .like-button").click()
    browser.wait(lambda d: client.get("/api/likes")["total"] == 0, 10, "the unlike did not reach the server")


def test_a_source_that_times_out_is_named_in_a_notice(browsers, tmp_path):
    # A SoundCloud source whose yt-dlp never answers: the search must still show the
    # library's results, and say that SoundCloud did not answer in time.
    slow = tmp_path / "slow-yt-dlp"
    slow.write_text('#!/bin/sh\n[ "$1" = --version ] && { echo 2026.10.26; exit 0; }\nsleep 30\n')
    slow.chmod(slow.stat().st_mode | stat.S_IEXEC)
    data = harness.new_data_folder("web-slow-source")
    (data / "plugins.json").write_text(json.dumps({"providers": [
        {"id": "local", "type": "LocalFiles", "options": {"watch": False, "rescan_interval_minutes": 0}},
        {"id": "soundcloud", "type": "SoundCloud", "search_timeout_ms": 700, "options": {"yt_dlp": str(slow)}},
    ]}))
    server = harness.Server(data, environment={"PATH": os.environ.get("PATH", "")})
    server.start()
    try:
        client = server.client()
        client.sign_up("slow@example.com")
        server.wait_for_tracks(client, len(harness.DEFAULT_LIBRARY))
        browser = browsers(server.url)
        browser.open("/")
        browser.sign_in("slow@example.com")
        search(browser, "neon")
        assert result_titles(browser) == ["Neon Harbor"]
        notice = browser.find(".source-notice").text
        assert "SoundCloud did not answer in time" in notice
        assert "Results from the other sources are shown" in notice
        browser.screenshot("search-source-timeout")
        # The first account is the admin: /admin names the source's last error.
        browser.go("/admin", "admin")
        sources = browser.find("#sources-table").text
        assert "soundcloud" in sources and "Last error" in sources and "search timeout" in sources
        assert not browser.stray_text()
    finally:
        server.stop()
        harness.remove(data)


@pytest.mark.parametrize("size,label", [(DESKTOP, "desktop"), (PHONE_390, "phone")])
def test_search_shows_the_best_artists_and_albums_above_the_songs(server, browsers, account, size, label):
    email, _ = account
    browser = browsers(server.url, size=size)
    browser.open("/")
    browser.sign_in(email)
    search(browser, "paper")
    # The album named so, as a card above its songs.
    assert browser.texts("#main .shelf .card-title") == ["Paper Moons"]
    row = browser.find("#main .shelf[aria-label='Artists and albums']")
    songs = browser.find("#main .search-results .track-row")
    assert row.rect["y"] + row.rect["height"] <= songs.rect["y"]
    # The songs still start on the first screen.
    assert songs.rect["y"] + songs.rect["height"] <= browser.js("return window.innerHeight")
    assert browser.texts("#main .search-songs-heading") == ["Songs"]
    assert sorted(result_titles(browser)) == ["Quiet Engines", "Slow Satellites"]
    assert not browser.has_horizontal_overflow()
    assert not browser.unlabelled_controls()
    browser.screenshot(f"search-albums-{label}")
    browser.click("#main .shelf .card-link")
    browser.wait_for_view("album")
    assert browser.find("#main h1").text == "Paper Moons"

    # An artist's name: the artist first, then the albums found through them.
    search(browser, "copper")
    assert browser.texts("#main .shelf .card-title") == ["Copper Tide", "Salt Roads"]
    assert browser.texts("#main .shelf .card-meta") == ["Artist", "Album · Copper Tide"]
    assert not browser.has_horizontal_overflow()
    browser.screenshot(f"search-artists-{label}")
    browser.click("#main .shelf .card-round .card-link")
    browser.wait_for_view("artist")
    assert browser.find("#main h1").text == "Copper Tide"

    # A text only songs match: no rows of artists or albums, no "Songs" heading.
    search(browser, "harbor")
    assert not browser.find_all("#main .shelf")
    assert not browser.find_all("#main .search-songs-heading")
