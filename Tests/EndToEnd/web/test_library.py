"""The library: albums as a grid or a list (remembered), sorting, the tracks list, album
and artist pages; and the settings' server address check."""

import re

import harness
from browser import By


def test_layout_toggle_sort_tracks_and_album_and_artist_pages(server, browser, account):
    email, client = account
    browser.open("/")
    browser.sign_in(email)
    browser.go("/library", "library")
    by_name = [album["name"] for album in client.get("/api/albums?sort=name")["items"]]
    assert browser.texts(".card-grid .card-title") == by_name

    browser.button("List view").click()
    browser.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "#main .row-list"), 5, "the list layout did not show")
    assert not browser.find_all("#main .card-grid")
    assert browser.texts(".row-list .card-title") == by_name
    # The layout is remembered across visits.
    browser.driver.refresh()
    browser.wait_for_view("library")
    assert browser.find_all("#main .row-list") and browser.button("List view").get_attribute("aria-pressed") == "true"
    browser.button("Grid view").click()
    browser.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "#main .card-grid"), 5)

    # Sorting follows the server's order for that sort, and is in the address.
    browser.find("#library-sort").send_keys("Recently added")
    browser.wait(lambda d: "sort=recent" in d.current_url and d.execute_script(
        "return document.getElementById('main').dataset.state") == "ready", 5, "the sort did not apply")
    assert browser.texts(".card-grid .card-title") == [a["name"] for a in client.get("/api/albums?sort=recent")["items"]]

    # Tracks: every library track, album by album in the chosen order.
    browser.go("/library/tracks", "library")
    expected = []
    for album in client.get("/api/albums?sort=name")["items"]:
        expected += [track["title"] for track in client.get(f"/api/albums/{album['id']}")["tracks"]]
    browser.wait(lambda d: browser.texts("#main .track-title") == expected, 5, "the tracks list is not the library")

    # An album page lists its tracks in order; its artist link opens the artist page.
    album = client.get("/api/albums?sort=name")["items"][0]
    browser.go(f"/albums/{album['id']}", "album")
    assert browser.find("#main h1").text == album["name"]
    assert browser.texts("#main .track-title") == [t["title"] for t in client.get(f"/api/albums/{album['id']}")["tracks"]]
    browser.find(".hero-meta a").click()
    browser.wait_for_view("artist")
    assert browser.find("#main h1").text == album["artist"]
    assert album["name"] in browser.texts("#main .card-title")


def test_settings_refuses_a_server_address_that_does_not_answer(server, browser, account):
    email, _ = account
    browser.open("/")
    browser.sign_in(email)
    browser.go("/settings", "settings")
    nobody = f"http://127.0.0.1:{harness.free_port()}"
    browser.allow_console(re.escape(nobody) + r"/healthz .*ERR_CONNECTION_REFUSED")
    field = browser.find("#server-url")
    field.send_keys(nobody)
    browser.button("Check and save").click()
    browser.wait(lambda d: d.find_element(By.ID, "server-status").text.startswith("Not saved"), 10)
    assert f"{nobody} cannot be reached" in browser.find("#server-status").text
    # Nothing changed: the app still talks to its own server.
    assert browser.js("return localStorage.getItem('myspotify.baseURL')") is None
    browser.go("/library", "library")
    assert browser.find_all(".card")
