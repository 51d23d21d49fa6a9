"""Shared links: `?track=ID` starts that track (after signing in if needed), a "tap to
play" where the browser blocks autoplay, `?playlist=ID` opens the playlist, and the share
button's link, through the clipboard or, where there is none, the fallback field."""

import harness
from browser import By


def test_track_link_plays_after_signing_in(server, browser, account, track_ids):
    email, _ = account
    track = track_ids["Lantern Song"]
    browser.open(f"/?track={track}")
    browser.sign_in(email)
    browser.wait_playing_past(0.5)
    assert browser.audio("audio.src") == f"{server.url}/stream/{track}"
    assert browser.find(".player-title").text == "Lantern Song"
    # The parameter is consumed: a reload does not restart the track.
    assert "track=" not in browser.driver.current_url


def test_track_link_shows_tap_to_play_when_autoplay_is_blocked(server, browsers, account, track_ids):
    email, _ = account
    browser = browsers(server.url, autoplay=False)
    browser.open("/")
    browser.sign_in(email)
    # A new page load: the click on "Sign in" no longer counts as a gesture for it.
    browser.open(f"/?track={track_ids['Neon Harbor']}")
    tap = browser.find("#tap-to-play")
    assert "Tap to play" in tap.text and "Neon Harbor" in tap.text
    assert browser.audio("audio.paused")
    browser.screenshot("tap-to-play")
    tap.click()
    browser.wait_playing_past(0.5)
    assert not browser.find_all(".tap-overlay:not([hidden])")


def test_playlist_link_opens_a_public_playlist(server, browser, account):
    owner = server.client()
    owner.sign_up("sharer@example.com")
    playlist = owner.post("/api/playlists", {"name": "Shared Evening", "is_public": True})
    email, _ = account
    browser.open(f"/?playlist={playlist['id']}")
    browser.sign_in(email)
    browser.wait_for_view("playlist")
    assert browser.find("#main h1").text == "Shared Evening"
    assert "read only" in browser.find(".hero-meta").text
    # Someone else's playlist has no edit controls.
    assert not browser.find_all("#rename-playlist") and not browser.find_all("#playlist-public")


def open_share(browser, title: str) -> None:
    field = browser.find("#search-input")
    field.send_keys(title)
    browser.wait(lambda d: any(e.get_attribute("textContent") == title for e in d.find_elements(By.CSS_SELECTOR, ".search-results .track-title")), 10)
    browser.button(f"More actions for {title}").click()
    browser.button("Share…").click()


def test_share_fallback_selects_the_link_when_there_is_no_share_sheet_or_clipboard(server, browser, account, track_ids):
    email, client = account
    expected = client.get(f"/api/tracks/{track_ids['Lantern Song']}/share")["url"]
    assert expected == f"{server.url}/?track={track_ids['Lantern Song']}"
    browser.open("/")
    browser.sign_in(email)
    # Chromium on Linux has no Web Share API; take the clipboard away too, as on plain
    # http to a LAN address (not a secure context), to reach the last fallback.
    assert browser.js("return typeof navigator.share") == "undefined"
    browser.js("Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true})")
    open_share(browser, "Lantern Song")
    field = browser.find("#share-link")
    assert field.get_attribute("value") == expected
    assert field.get_attribute("readonly") is not None
    # Selected and focused, so Ctrl+C (or the long-press menu) copies exactly the link.
    assert browser.js("const f = document.getElementById('share-link');"
                      "return document.activeElement === f && f.selectionStart === 0 && f.selectionEnd === f.value.length")
    status = browser.find("#share-link-status").text
    assert status in ("Link copied to the clipboard.",
                      "The link is selected: press Ctrl+C (⌘C on a Mac) or long-press to copy it.")
    browser.screenshot("share-fallback")


def test_share_copies_the_link_to_the_clipboard_when_allowed(server, browser, account, track_ids):
    email, client = account
    expected = client.get(f"/api/tracks/{track_ids['Quiet Engines']}/share")["url"]
    browser.open("/")
    browser.driver.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": server.url, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    browser.sign_in(email)
    open_share(browser, "Quiet Engines")
    toast = browser.find(".toast")
    assert toast.text == "Link copied to the clipboard"
    assert browser.js_async("navigator.clipboard.readText().then(done, (e) => done('error: ' + e))") == expected
    assert not browser.find_all("#share-link")
