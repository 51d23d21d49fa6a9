"""Every main screen at desktop size and at 360 px wide: a screenshot of each into
artifacts/ (to look at), nothing sticking out sideways, and the phone's mini-player that
opens full screen."""

import pytest
from selenium.webdriver.common.keys import Keys

from browser import DESKTOP, PHONE
from conftest import ADMIN_EMAIL

SCREENS = [
    ("/", "discover", "home"),
    ("/search?q=a", "search", "search"),
    ("/library", "library", "library-albums"),
    ("/library/artists", "library", "library-artists"),
    ("/library/tracks", "library", "library-tracks"),
    ("/playlists", "playlists", "playlists"),
    ("/liked", "liked", "liked"),
    ("/history", "history", "history"),
    ("/settings", "settings", "settings"),
    ("/admin", "admin", "admin"),
]


@pytest.mark.parametrize("size,label", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_main_screens_fit_and_are_captured(server, browsers, track_ids, size, label):
    admin = server.admin
    playlist = admin.post("/api/playlists", {"name": f"Screens {label}"})
    admin.post(f"/api/playlists/{playlist['id']}/tracks", {"track_ids": list(track_ids.values())[:4]})
    admin.request("PUT", f"/api/tracks/{track_ids['Slow Satellites']}/like")
    album_id = admin.get(f"/api/tracks/{track_ids['Slow Satellites']}")["album_id"]

    browser = browsers(server.url, size=size)
    browser.open("/")
    browser.find("#auth-form")
    assert not browser.has_horizontal_overflow()
    browser.screenshot(f"{label}-sign-in")
    browser.sign_in(ADMIN_EMAIL)
    browser.wait_for_view("discover")
    # Something playing, so the player bar (or the mini-player) shows a track.
    browser.js("document.querySelector('#main .track-play')?.click()")
    browser.wait_playing_past(0.2)

    for path, view, name in SCREENS + [(f"/albums/{album_id}", "album", "album"),
                                       (f"/playlists/{playlist['id']}", "playlist", "playlist")]:
        browser.go(path, view)
        assert not browser.has_horizontal_overflow(), f"{name} is wider than the {label} screen"
        assert not browser.stray_text(), f"{name} shows {browser.stray_text()}"
        assert not browser.unlabelled_controls(), f"{name} has unlabelled controls"
        browser.wait_for_images()
        browser.screenshot(f"{label}-{name}")

    # A track's menu (a bottom sheet on phones) and the playlist picker it opens.
    browser.go(f"/albums/{album_id}", "album")
    browser.button("More actions for Slow Satellites").click()
    sheet = browser.find("dialog[open]")
    assert sheet.rect["width"] <= size[0]
    browser.screenshot(f"{label}-track-menu")
    browser.button("Add to playlist…").click()
    browser.find("dialog[open] .picker-list")
    assert not browser.has_horizontal_overflow() and not browser.unlabelled_controls()
    browser.screenshot(f"{label}-playlist-picker")
    browser.find("dialog[open]").send_keys(Keys.ESCAPE)
    browser.wait(lambda d: not d.find_elements("css selector", "dialog[open]"), 5, "Escape did not close the dialog")

    if size == PHONE:
        # The mini-player: the sidebar is gone, the tab bar is there, and a tap opens the full player.
        assert not browser.find_all(".sidebar")[0].is_displayed()
        assert browser.find(".tabbar").is_displayed()
        assert not browser.find("#player").find_elements("css selector", "#seek-bar")[0].is_displayed()
        browser.button("Open the full player").click()
        browser.wait(lambda d: d.find_element("id", "seek-bar").is_displayed(), 5, "the full player did not open")
        assert browser.find("#volume").is_displayed() and browser.find("#next-track").is_displayed()
        browser.screenshot("phone-player-expanded")
        browser.button("Close the full player").click()
        browser.wait(lambda d: not d.find_element("id", "seek-bar").is_displayed(), 5, "the full player did not close")
    else:
        assert browser.find(".sidebar").is_displayed() and not browser.find_all(".tabbar")[0].is_displayed()
