"""Issue 15, playlists: adding a track that is there already asks first; a removal offers
Undo (and its toast covers no list); counts are grammatical; "Available offline" says what
it means; on a phone a row keeps room for its title, the reorder controls in edit mode."""

from __future__ import annotations

import pytest

from browser import DESKTOP, By, PHONE_390
from test_player import open_album



def server_titles(client, playlist_id) -> list[str]:
    return [t["title"] for t in client.get(f"/api/playlists/{playlist_id}")["tracks"]]


def pick_playlist(browser, name: str) -> None:
    browser.find("dialog[open] .picker-list")
    for item in browser.find_all("dialog[open] .picker-item"):
        if item.find_element(By.CSS_SELECTOR, ".picker-name").text == name:
            item.click()
            return
    raise AssertionError(f"no playlist {name!r} in the picker")


def test_adding_a_track_already_in_the_playlist_asks_first(server, browser, account, track_ids):
    email, client = account
    playlist = client.post("/api/playlists", {"name": "Drive"})
    client.post(f"/api/playlists/{playlist['id']}/tracks", {"track_ids": [track_ids["Neon Harbor"]]})
    browser.open("/")
    browser.sign_in(email)
    open_album(browser, "Night Drive")

    browser.button("More actions for Neon Harbor").click()
    browser.button("Add to playlist…").click()
    browser.find("dialog[open] .picker-list")
    # One track: "1 track", not "1 tracks".
    meta = [item.find_element(By.CSS_SELECTOR, ".picker-meta").text for item in browser.find_all("dialog[open] .picker-item")
            if item.find_element(By.CSS_SELECTOR, ".picker-name").text == "Drive"]
    assert meta == ["1 track"]
    pick_playlist(browser, "Drive")
    question = browser.wait(lambda d: next((dialog for dialog in browser.find_all("dialog[open]")
                                            if "Already in the playlist" in dialog.text), None), 5, "no question asked")
    assert "“Neon Harbor” is already in “Drive”. Add it again?" in question.text
    browser.screenshot("playlist-already-there")
    question.find_element(By.XPATH, ".//button[normalize-space()='Cancel']").click()
    # Cancelled: back in the picker (another playlist may be meant), nothing added.
    browser.wait(lambda d: len(browser.find_all("dialog[open]")) == 1, 5)
    assert browser.find("dialog[open] .picker-list")
    assert server_titles(client, playlist["id"]) == ["Neon Harbor"]
    pick_playlist(browser, "Drive")
    browser.button("Add it again").click()
    browser.wait(lambda d: server_titles(client, playlist["id"]) == ["Neon Harbor", "Neon Harbor"], 5)

    # The whole album, one of whose tracks is there: only the new one, if the person says so.
    browser.wait(lambda d: not browser.find_all("dialog[open]"), 5)
    browser.button("Add to playlist").click()
    pick_playlist(browser, "Drive")
    browser.find("dialog[open] .dialog-form")
    assert "1 of these tracks is already in “Drive”." in browser.texts("dialog[open] .dialog-form p")
    browser.button("Add only the 1 new one").click()
    browser.wait(lambda d: server_titles(client, playlist["id"]) == ["Neon Harbor", "Neon Harbor", "Glass Rivers"], 5)


@pytest.mark.parametrize("size,label", [(DESKTOP, "desktop"), (PHONE_390, "phone")])
def test_removing_offers_undo_in_a_toast_that_covers_no_list(server, browsers, account, track_ids, size, label):
    email, client = account
    playlist = client.post("/api/playlists", {"name": "Undo me"})
    titles = ["Neon Harbor", "Glass Rivers", "Lantern Song"]
    client.post(f"/api/playlists/{playlist['id']}/tracks", {"track_ids": [track_ids[t] for t in titles]})
    browser = browsers(server.url, size=size)
    browser.open("/")
    browser.sign_in(email)
    browser.go(f"/playlists/{playlist['id']}", "playlist")
    assert "3 tracks" in browser.find(".hero-meta").text
    browser.button("More actions for Glass Rivers").click()
    browser.button("Remove from this playlist").click()
    browser.wait(lambda d: server_titles(client, playlist["id"]) == ["Neon Harbor", "Lantern Song"], 5)
    toast = browser.find(".toast-with-action")
    assert toast.text.startswith("Removed “Glass Rivers”")
    # The toast sits beside the list (over the side bar, or the phone's top bar).
    main = browser.find("#main").rect
    list_box = browser.find(".track-list").rect
    box = toast.rect
    if label == "desktop":
        assert box["x"] + box["width"] <= main["x"], (box, main)
    else:
        assert box["y"] + box["height"] <= main["y"] + 1, (box, main)
    assert box["y"] + box["height"] <= list_box["y"] or box["x"] + box["width"] <= list_box["x"]
    browser.screenshot(f"playlist-undo-{label}")
    toast.find_element(By.CSS_SELECTOR, ".toast-action").click()
    browser.wait(lambda d: server_titles(client, playlist["id"]) == titles, 5, "Undo did not put the track back")
    browser.wait(lambda d: browser.texts(".playlist-tracks .track-title") == titles, 5)
    assert "3 tracks" in browser.find(".hero-meta").text


def test_one_track_and_what_available_offline_means(server, browser, account, track_ids):
    email, client = account
    playlist = client.post("/api/playlists", {"name": "Single"})
    client.post(f"/api/playlists/{playlist['id']}/tracks", {"track_ids": [track_ids["Lantern Song"]]})
    browser.open("/")
    browser.sign_in(email)
    browser.go(f"/playlists/{playlist['id']}", "playlist")
    assert browser.find(".hero-meta").text.startswith("1 track ·")
    hint = browser.find("label[for=playlist-offline] .field-hint").text
    assert "The server keeps its own copy of every track" in hint
    assert "Nothing is downloaded to this device." in hint
    browser.click("label[for=playlist-offline]")
    browser.wait(lambda d: browser.find("#offline-status").get_attribute("data-state") == "done", 15)
    assert browser.find("#offline-status .offline-text").text == "Its one track is kept on the server."


def test_on_a_phone_a_playlist_row_shows_its_title(server, browsers, account, track_ids):
    email, client = account
    playlist = client.post("/api/playlists", {"name": "Phone rows"})
    client.post(f"/api/playlists/{playlist['id']}/tracks",
                {"track_ids": [track_ids[t] for t in ["Slow Satellites", "Quiet Engines", "Harbor Lights"]]})
    browser = browsers(server.url, size=PHONE_390)
    browser.open("/")
    browser.sign_in(email)
    browser.go(f"/playlists/{playlist['id']}", "playlist")
    # No reorder controls until asked for: the title has the row.
    assert not any(e.is_displayed() for e in browser.find_all(".playlist-tracks .drag-handle, .playlist-tracks .move-buttons"))
    for row in browser.find_all(".playlist-tracks .track-row"):
        title = row.find_element(By.CSS_SELECTOR, ".track-title")
        width = browser.js("return [arguments[0].clientWidth, arguments[0].scrollWidth]", title)
        assert width[1] <= width[0], f"{title.text} is cut off: {width}"
        # The title's button takes most of the row.
        share = row.find_element(By.CSS_SELECTOR, ".track-play").rect["width"] / row.rect["width"]
        assert share >= 0.6, f"{title.text} gets {share:.0%} of its row"
    # The header leaves room: the first track shows on the first screen.
    first_row = browser.find(".playlist-tracks .track-row").rect
    assert first_row["y"] + first_row["height"] < PHONE_390[1] - 140, first_row
    assert not browser.unlabelled_controls() and not browser.has_horizontal_overflow()
    browser.screenshot("playlist-phone-rows")

    browser.click("#edit-order")
    assert browser.find("#edit-order").get_attribute("aria-pressed") == "true"
    browser.find(".playlist-tracks .drag-handle")
    browser.button("Move Slow Satellites down").click()
    browser.wait(lambda d: server_titles(client, playlist["id"])[:2] == ["Quiet Engines", "Slow Satellites"], 5)
    assert not browser.has_horizontal_overflow()
    browser.screenshot("playlist-phone-edit-order")
    browser.click("#edit-order")
    # Move up / down are in the row's menu too.
    browser.button("More actions for Slow Satellites").click()
    browser.button("Move up").click()
    browser.wait(lambda d: server_titles(client, playlist["id"])[:2] == ["Slow Satellites", "Quiet Engines"], 5)
