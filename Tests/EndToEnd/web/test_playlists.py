"""Playlists: create, add from anywhere, reorder by keyboard and by dragging, rename,
the public and offline switches, remove, delete."""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from browser import By
from test_search import search


def titles(browser) -> list[str]:
    return browser.texts(".playlist-tracks .track-title")


def server_titles(client, playlist_id) -> list[str]:
    return [track["title"] for track in client.get(f"/api/playlists/{playlist_id}")["tracks"]]


def test_create_a_playlist_and_add_a_track_from_search(server, browser, account):
    email, client = account
    browser.open("/")
    browser.sign_in(email)
    browser.go("/playlists", "playlists")
    browser.click("#new-playlist")
    name_field = browser.find("dialog[open] input")
    name_field.send_keys("Road Trip")
    name_field.send_keys(Keys.ENTER)
    browser.wait_for_view("playlist")
    assert browser.find("#main h1").text == "Road Trip"
    playlist_id = browser.driver.current_url.rsplit("/", 1)[1]
    assert "empty" in browser.find(".playlist-tracks").text

    search(browser, "neon")
    browser.button("More actions for Neon Harbor").click()
    browser.button("Add to playlist…").click()
    picker = browser.find("dialog[open] .picker-list")
    next(item for item in picker.find_elements(By.CSS_SELECTOR, ".picker-item")
         if item.find_element(By.CSS_SELECTOR, ".picker-name").text == "Road Trip").click()
    assert browser.find(".toast").text == "Added to “Road Trip”"
    assert server_titles(client, playlist_id) == ["Neon Harbor"]

    browser.go(f"/playlists/{playlist_id}", "playlist")
    assert titles(browser) == ["Neon Harbor"]
    browser.go("/playlists", "playlists")
    assert "Road Trip" in browser.find(".row-list").text and "1 track" in browser.find(".row-list").text


def test_reorder_by_keyboard_and_by_drag(server, browser, account, track_ids):
    email, client = account
    playlist = client.post("/api/playlists", {"name": "Order Matters"})
    client.post(f"/api/playlists/{playlist['id']}/tracks", {"track_ids": [
        track_ids["Neon Harbor"], track_ids["Glass Rivers"], track_ids["Lantern Song"]]})
    browser.open("/")
    browser.sign_in(email)
    browser.go(f"/playlists/{playlist['id']}", "playlist")
    assert titles(browser) == ["Neon Harbor", "Glass Rivers", "Lantern Song"]

    # The "move down" button, pressed with the keyboard; focus follows the moved track.
    browser.button("Move Neon Harbor down").send_keys(Keys.ENTER)
    browser.wait(lambda d: titles(browser) == ["Glass Rivers", "Neon Harbor", "Lantern Song"], 5, "move down did nothing")
    assert server_titles(client, playlist["id"]) == ["Glass Rivers", "Neon Harbor", "Lantern Song"]
    assert browser.js("return document.activeElement.getAttribute('aria-label')") == "Move Neon Harbor down"

    # Alt+Up on a focused row moves it up.
    browser.button("Play Lantern Song by Copper Tide").send_keys(Keys.ALT, Keys.ARROW_UP)
    browser.wait(lambda d: titles(browser) == ["Glass Rivers", "Lantern Song", "Neon Harbor"], 5, "Alt+Up did nothing")
    assert server_titles(client, playlist["id"]) == ["Glass Rivers", "Lantern Song", "Neon Harbor"]

    # Drag the last row's handle above the first row.
    handles = browser.find_all(".playlist-tracks .drag-handle")
    first_row = browser.find_all(".playlist-tracks .track-row")[0]
    (ActionChains(browser.driver).click_and_hold(handles[2])
        .move_to_element_with_offset(first_row, 0, -first_row.size["height"] // 2 + 3)
        .move_by_offset(0, -2).release().perform())
    browser.wait(lambda d: server_titles(client, playlist["id"]) == ["Neon Harbor", "Glass Rivers", "Lantern Song"], 5,
                 "the drag did not reach the server")
    browser.wait(lambda d: titles(browser) == ["Neon Harbor", "Glass Rivers", "Lantern Song"], 5)
    browser.screenshot("playlist-desktop")


def test_rename_switches_remove_and_delete(server, browser, account, track_ids):
    email, client = account
    playlist = client.post("/api/playlists", {"name": "Draft"})
    client.post(f"/api/playlists/{playlist['id']}/tracks", {"track_ids": [track_ids["Slow Satellites"], track_ids["Quiet Engines"]]})
    browser.open("/")
    browser.sign_in(email)
    browser.go(f"/playlists/{playlist['id']}", "playlist")

    browser.click("#rename-playlist")
    field = browser.find("dialog[open] input")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("Final Cut", Keys.ENTER)
    browser.wait(lambda d: d.find_element(By.CSS_SELECTOR, "#main h1").text == "Final Cut", 5, "the title did not change")
    assert client.get(f"/api/playlists/{playlist['id']}")["name"] == "Final Cut"

    browser.click("label[for=playlist-public]")
    browser.wait(lambda d: client.get(f"/api/playlists/{playlist['id']}")["is_public"] is True, 5, "public did not reach the server")
    assert browser.find("#playlist-public").is_selected()

    # Library files are on the server's disk already: offline caching completes at once.
    browser.click("label[for=playlist-offline]")
    browser.wait(lambda d: client.get(f"/api/playlists/{playlist['id']}")["is_offline"] is True, 5)
    browser.wait(lambda d: d.find_element(By.ID, "offline-status").get_attribute("data-state") == "done", 10,
                 "the offline progress did not reach done")
    assert "All 2 tracks are kept on the server" in browser.find("#offline-status").text

    browser.button("More actions for Slow Satellites").click()
    browser.button("Remove from this playlist").click()
    browser.wait(lambda d: titles(browser) == ["Quiet Engines"], 5, "the track was not removed")
    assert server_titles(client, playlist["id"]) == ["Quiet Engines"]

    browser.click("#delete-playlist")
    browser.find("dialog[open] .button-danger").click()
    browser.wait_for_view("playlists")
    assert all(item["id"] != playlist["id"] for item in client.get("/api/playlists")["items"])
