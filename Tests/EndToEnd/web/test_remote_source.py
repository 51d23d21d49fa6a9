"""A remote source (SoundCloud through a stand-in for yt-dlp, see fake_yt_dlp.py): its
results carry their badge, the cached mark appears once a play has cached the track, the
admin deletes it from the cache, an offline playlist's caching progress is followed, and
Home shows what was cached in a row of its own."""

import json
import subprocess
import urllib.parse
from pathlib import Path

import pytest

import harness
from browser import DESKTOP, PHONE_390, By
from test_search import row_of, search

FAKE = Path(__file__).resolve().parent / "fake_yt_dlp.py"


@pytest.fixture(scope="module")
def remote_server(tmp_path_factory):
    data = harness.new_data_folder("web-remote")
    audio = data / "remote.mp3"
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=600:duration=6",
                    "-metadata", "title=Remote Tide", str(audio)], check=True)
    (data / "plugins.json").write_text(json.dumps({"providers": [
        {"id": "local", "type": "LocalFiles", "options": {"watch": False, "rescan_interval_minutes": 0}},
        {"id": "soundcloud", "type": "SoundCloud", "options": {"yt_dlp": str(FAKE)}},
    ]}))
    server = harness.Server(data, environment={"FAKE_YT_DLP_AUDIO": str(audio), "FAKE_YT_DLP_SLOW_SECONDS": "3"})
    server.start()
    try:
        server.admin = server.client()
        server.admin.sign_up("remote-admin@example.com")
        server.wait_for_tracks(server.admin, len(harness.DEFAULT_LIBRARY))
        yield server
    finally:
        server.stop()
        harness.remove(data)


def remote_track(client, title):
    return next(t for t in client.get(f"/api/search?q={urllib.parse.quote(title)}")["results"] if t["title"] == title)


def test_remote_result_is_badged_then_marked_cached_and_deleted_by_the_admin(remote_server, browsers):
    browser = browsers(remote_server.url)
    browser.open("/")
    browser.sign_in("remote-admin@example.com")
    search(browser, "remote tide")
    row = row_of(browser, "Remote Tide")
    assert row.find_element(By.CSS_SELECTOR, ".source-badge").get_attribute("textContent") == "SoundCloud"
    assert not row.find_elements(By.CSS_SELECTOR, ".cached-mark")
    assert browser.texts(".source-chip") == ["Library 0", "SoundCloud 1"]

    # Playing it streams through the server, which keeps the file for everyone.
    row.find_element(By.CSS_SELECTOR, ".track-play").click()
    browser.wait_playing_past(0.5)
    browser.wait(lambda d: remote_track(remote_server.admin, "Remote Tide")["is_cached"], 15, "the track was not cached")

    search(browser, "tide")
    assert row_of(browser, "Remote Tide").find_elements(By.CSS_SELECTOR, ".cached-mark")
    assert not browser.stray_text()
    browser.screenshot("search-remote-cached")

    browser.go("/admin", "admin")
    assert "1 track" in browser.find("#cache-summary").text
    assert "Remote Tide" in browser.find("#cache-table").text
    browser.button("Delete Remote Tide from the cache").click()
    browser.find("dialog[open] .button-danger").click()
    browser.wait(lambda d: "0 tracks" in d.find_element(By.ID, "cache-summary").text, 10, "the cache list did not empty")
    assert remote_server.admin.get("/api/admin/cache")["count"] == 0
    assert remote_track(remote_server.admin, "Remote Tide")["is_cached"] is False


def test_offline_playlist_shows_caching_progress_until_done(remote_server, browsers):
    client = remote_server.client()
    client.sign_up("remote-member@example.com")
    slow = remote_track(client, "Slow Current")
    assert slow["is_cached"] is False
    playlist = client.post("/api/playlists", {"name": "Commute"})
    client.post(f"/api/playlists/{playlist['id']}/tracks", {"track_ids": [slow["id"]]})

    browser = browsers(remote_server.url)
    browser.open("/")
    browser.sign_in("remote-member@example.com")
    browser.go(f"/playlists/{playlist['id']}", "playlist")
    browser.click("label[for=playlist-offline]")
    # The download takes 3 s: the page shows it in progress, then polls until it is done.
    browser.wait(lambda d: d.find_element(By.ID, "offline-status").get_attribute("data-state") == "caching", 5,
                 "no caching state shown")
    assert "0 of 1" in browser.find("#offline-status").text
    assert not browser.stray_text()
    assert browser.find("#offline-status progress").get_attribute("max") == "1"
    browser.screenshot("playlist-offline-caching")
    browser.wait(lambda d: d.find_element(By.ID, "offline-status").get_attribute("data-state") == "done", 15,
                 "the progress never reached done")
    assert "Its one track is kept on the server" in browser.find("#offline-status").text
    assert remote_track(client, "Slow Current")["is_cached"] is True


@pytest.mark.parametrize("size,label", [(DESKTOP, "desktop"), (PHONE_390, "phone")])
def test_home_shows_what_was_cached_from_remote_sources(remote_server, browsers, size, label):
    client = remote_server.client()
    client.sign_up(f"remote-home-{label}@example.com")
    track = remote_track(client, "Remote Tide")
    browser = browsers(remote_server.url, size=size)
    if not track["is_cached"]:
        # One whole play writes it to the shared cache, for everyone.
        client.request("GET", f"/stream/{track['id']}", raw=True)
    browser.wait(lambda d: remote_track(client, "Remote Tide")["is_cached"], 15, "the track was not cached")
    browser.open("/")
    browser.sign_in(f"remote-home-{label}@example.com")
    browser.wait_for_view("discover")
    row = browser.find("#home-cached")
    # Named after the source its tracks came from (this server has no YouTube).
    assert browser.texts("#home-cached .section-title") == ["Cached from SoundCloud"]
    assert "Remote Tide" in browser.texts("#home-cached .card-title")
    assert not browser.has_horizontal_overflow()
    assert not browser.unlabelled_controls()
    browser.screenshot(f"home-cached-{label}")
    # A cover leads somewhere: pressing it plays the track (from the cache).
    row.find_element(By.CSS_SELECTOR, "[aria-label^='Play Remote Tide']").click()
    browser.wait_playing_past(0.5)
    assert browser.find(".player-title").text == "Remote Tide"
