"""The play queue and lyrics driven by py-sonic, the real client library, over real HTTP:
a queue saved by an app is the web player's (`/api/me/queue`) and the other way round,
another member of the family sees none of it, and an `.lrc` sidecar added after the scan
comes back through getLyrics and getLyricsBySongId."""

from __future__ import annotations

import json
import urllib.request

from conftest import ADA, BOB, rest_url
from harness import PASSWORD


def song_ids(client) -> dict[str, str]:
    songs = client.search3("", artistCount=0, albumCount=0, songCount=500)["searchResult3"]["song"]
    return {song["title"]: song["id"] for song in songs}


def test_a_queue_saved_by_an_app_is_the_web_players_and_back_and_private(server, ada, bob):
    ids = song_ids(ada)
    queue = [ids["Harbor Lights"], ids["Slow Satellites"], ids["Harbor Lights"]]
    ada.savePlayQueue(queue, current=ids["Slow Satellites"], position=42_500)
    saved = ada.getPlayQueue()["playQueue"]
    assert [entry["id"] for entry in saved["entry"]] == queue, "order and the repeat kept"
    assert saved["current"] == ids["Slow Satellites"] and saved["position"] == 42_500
    assert saved["changedBy"] == "py-sonic-tests" and saved["username"]

    web = server.accounts[ADA].get("/api/me/queue")
    assert [track["id"] for track in web["tracks"]] == queue
    assert web["current_index"] == 1 and web["position_ms"] == 42_500 and web["changed_by"] == "py-sonic-tests"

    # Bob, signed in to the same server, has a queue of his own: empty, and his clearing
    # it touches nothing of Ada's.
    assert not bob.getPlayQueue()["playQueue"].get("entry")
    assert not server.accounts[BOB].get("/api/me/queue")["tracks"]
    bob.savePlayQueue([])
    assert len(ada.getPlayQueue()["playQueue"]["entry"]) == 3

    # And back: what the browser saves is what the app resumes.
    server.accounts[ADA].request(
        "PUT", "/api/me/queue", {"track_ids": [ids["Lantern Song"]], "current_index": 0, "position_ms": 7_000, "client": "MySpotify web"})
    resumed = ada.getPlayQueue()["playQueue"]
    assert [entry["id"] for entry in resumed["entry"]] == [ids["Lantern Song"]]
    assert resumed["current"] == ids["Lantern Song"] and resumed["position"] == 7_000
    assert resumed["changedBy"] == "MySpotify web"


def test_a_sidecar_added_after_the_scan_is_read_by_getlyrics_and_getlyricsbysongid(server, ada):
    sidecar = server.data / "library" / "Copper Tide" / "Salt Roads" / "02 - Harbor Lights.lrc"
    sidecar.write_text("[ti:Harbor Lights]\n[00:03.00]Second light\n[00:01.50]First light\n", encoding="utf-8")
    try:
        plain = ada.getLyrics(artist="copper tide", title="harbor lights")["lyrics"]
        assert plain["value"] == "First light\nSecond light"
        assert plain["artist"] == "Copper Tide" and plain["title"] == "Harbor Lights"

        song = song_ids(ada)["Harbor Lights"]
        url = rest_url(server, "getLyricsBySongId.view", {"u": ADA, "p": PASSWORD}, id=song, f="json")
        with urllib.request.urlopen(url) as answer:
            body = json.load(answer)["subsonic-response"]
        assert body["status"] == "ok"
        [lyrics] = body["lyricsList"]["structuredLyrics"]
        assert lyrics["synced"] is True and lyrics["lang"] == "xxx"
        assert [(line["start"], line["value"]) for line in lyrics["line"]] == [(1_500, "First light"), (3_000, "Second light")]
    finally:
        sidecar.unlink()
    assert ada.getLyrics(artist="Copper Tide", title="Harbor Lights")["lyrics"]["value"] == "", "read when asked, not kept"
