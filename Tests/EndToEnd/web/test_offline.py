"""With the server stopped, the app still opens (service worker) and shows the library,
playlists and likes last seen (IndexedDB), under an offline banner."""

import harness
from browser import By


def test_last_library_is_browsable_with_the_server_stopped(browsers):
    data = harness.new_data_folder("web-offline")
    server = harness.Server(data)
    server.start()
    try:
        client = server.client()
        client.sign_up("offline@example.com")
        server.wait_for_tracks(client, len(harness.DEFAULT_LIBRARY))
        neon = client.get("/api/search?q=neon")["results"][0]
        playlist = client.post("/api/playlists", {"name": "For the Train"})
        client.post(f"/api/playlists/{playlist['id']}/tracks", {"track_ids": [neon["id"]]})
        client.request("PUT", f"/api/tracks/{neon['id']}/like")

        browser = browsers(server.url)
        browser.open("/")
        browser.sign_in("offline@example.com")
        # See each page once while online.
        browser.go("/library", "library")
        albums = browser.texts(".card-title")
        assert albums == ["Night Drive", "Salt Roads"]
        browser.go(f"/albums/{neon['album_id']}", "album")
        browser.go("/playlists", "playlists")
        browser.go(f"/playlists/{playlist['id']}", "playlist")
        browser.go("/liked", "liked")
        # The service worker controls the page and holds the shell.
        browser.wait(lambda d: d.execute_script("return navigator.serviceWorker.controller !== null"), 10,
                     "no service worker controls the page")
        assert browser.js_async("caches.open('myspotify-shell-v1').then(c => c.match('/index.html')).then(r => done(Boolean(r)))")
    finally:
        server.stop()

    try:
        # Failed requests to the stopped server are expected in the console now.
        browser.allow_console(r"ERR_CONNECTION_REFUSED|Failed to fetch|net::ERR_FAILED|FetchEvent")
        browser.open("/library")
        browser.wait_for_view("library", timeout=15)
        assert browser.find("#offline-banner").is_displayed()
        assert browser.texts(".card-title") == ["Night Drive", "Salt Roads"]
        browser.screenshot("offline-library")

        browser.find_all(".card-link")[0].click()
        browser.wait_for_view("album")
        assert browser.texts("#main .track-title") == ["Neon Harbor", "Glass Rivers"]

        browser.go("/playlists", "playlists")
        assert "For the Train" in browser.find(".row-list").text
        browser.go(f"/playlists/{playlist['id']}", "playlist")
        assert browser.texts(".playlist-tracks .track-title") == ["Neon Harbor"]

        browser.go("/liked", "liked")
        assert browser.texts("#main .track-title") == ["Neon Harbor"]
        assert browser.find("#main .like-button").get_attribute("aria-pressed") == "true"

        # A page never opened online says so instead of failing silently.
        browser.js("history.pushState(null, '', '/library/artists'); dispatchEvent(new PopStateEvent('popstate'))")
        browser.wait(lambda d: d.execute_script("return document.getElementById('main').dataset.state") == "error", 10)
        assert "not opened while online" in browser.find("#main").text
    finally:
        harness.remove(data)
