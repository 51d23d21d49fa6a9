"""The OpenSubsonic API driven by py-sonic, a real Subsonic client library, over real HTTP:
both sign-in styles, GET and POST, the start-up calls, browsing, a full library sync the
way Symfonium makes it, stream with Range, stars, scrobbles, playlists, and the walls
between two members of the family."""

from __future__ import annotations

import urllib.request
import xml.etree.ElementTree as ElementTree

import libsonic
import pytest

from conftest import ADA, BOB, TONES, connection, credentials, rest_url
from harness import PASSWORD

NS = "{http://subsonic.org/restapi}"


def songs_of(answer: dict, key: str = "searchResult3") -> list[dict]:
    return answer[key].get("song", [])


def test_start_up_calls_with_both_sign_ins_by_get_and_post(server):
    for token in (True, False):
        for get in (True, False):
            client = connection(server, ADA, token=token, get=get)
            assert client.ping(), (token, get)
            assert client.getLicense()["license"]["valid"] is True
            folders = client.getMusicFolders()["musicFolders"]["musicFolder"]
            assert [folder["id"] for folder in folders] == [1]
            user = client.getUser(credentials(server, ADA)["username"])["user"]
            assert user["adminRole"] is True and user["streamRole"] is True


def test_wrong_credentials_are_error_40_in_an_http_200(server):
    client = connection(server, ADA, token=True)
    client._rawPass = "not the app password"
    with pytest.raises(libsonic.errors.CredentialError):
        client.ping()


def test_browsing_the_library(ada):
    artists = [artist for index in ada.getArtists()["artists"]["index"] for artist in index["artist"]]
    names = sorted(artist["name"] for artist in artists)
    assert names == ["Aurora Lane", "Copper Tide", "Velvet Static"]
    copper = next(artist for artist in artists if artist["name"] == "Copper Tide")
    assert isinstance(copper["id"], str)
    albums = ada.getArtist(copper["id"])["artist"]["album"]
    assert [album["name"] for album in albums] == ["Salt Roads"]
    album = ada.getAlbum(albums[0]["id"])["album"]
    assert [song["title"] for song in album["song"]] == ["Lantern Song", "Harbor Lights"]
    assert album["songCount"] == 2 and album["duration"] >= 15
    song = ada.getSong(album["song"][1]["id"])["song"]
    assert song["title"] == "Harbor Lights" and song["suffix"] == "mp3" and song["contentType"] == "audio/mpeg"
    newest = ada.getAlbumList2("newest", size=10)["albumList2"]["album"]
    assert len(newest) == 3
    folders = ada.getIndexes()["indexes"]["index"]
    entry = next(artist for index in folders for artist in index["artist"] if artist["name"] == "Aurora Lane")
    directory = ada.getMusicDirectory(entry["id"])["directory"]
    assert [child["title"] for child in directory["child"]] == ["Night Drive"]
    assert all(child["isDir"] for child in directory["child"])


def test_a_full_library_sync_with_an_empty_search3_query(ada):
    seen = []
    offset = 0
    while True:
        page = songs_of(ada.search3('""', artistCount=0, albumCount=0, songCount=2, songOffset=offset))
        if not page:
            break
        seen += [song["id"] for song in page]
        offset += len(page)
        assert offset <= 50, "the sync never ends"
    assert len(seen) == len(TONES), "every library song once"
    assert len(set(seen)) == len(seen), "no song twice across pages"
    again = [song["id"] for song in songs_of(ada.search3("", artistCount=0, albumCount=0, songCount=500))]
    assert again == seen, "the order is stable and the same for \"\" and an empty query"


def test_stream_with_range_and_download(server, ada):
    song = songs_of(ada.search3("Lantern"))[0]
    auth = {"u": ADA, "p": "enc:" + "".join("%02X" % byte for byte in PASSWORD.encode())}
    whole = urllib.request.urlopen(rest_url(server, "stream", auth, id=song["id"])).read()
    assert len(whole) == song["size"]
    request = urllib.request.Request(rest_url(server, "stream", auth, id=song["id"]), headers={"Range": "bytes=100-199"})
    with urllib.request.urlopen(request) as answer:
        assert answer.status == 206
        assert answer.headers["Content-Range"] == f"bytes 100-199/{len(whole)}"
        assert answer.read() == whole[100:200]
    assert ada.download(song["id"]).read() == whole
    assert ada.stream(song["id"]).read() == whole


def test_stars_ratings_and_scrobbles_are_each_persons_own(server, ada, bob):
    song = songs_of(ada.search3("Neon"))[0]
    album_id = song["albumId"]
    ada.star(sids=[song["id"]], albumIds=[album_id])
    starred = ada.getStarred2()["starred2"]
    assert [item["id"] for item in starred["song"]] == [song["id"]]
    assert [item["id"] for item in starred["album"]] == [album_id]
    assert not bob.getStarred2()["starred2"].get("song"), "Bob sees none of Ada's stars"
    ada.setRating(song["id"], 4)
    assert ada.getSong(song["id"])["song"]["userRating"] == 4
    assert "userRating" not in bob.getSong(song["id"])["song"]
    ada.scrobble(song["id"], submission=True)
    history = server.accounts[ADA].get("/api/history")["items"]
    assert history and history[0]["track"]["id"] == song["id"], "a scrobble is a play in the web player's history"
    assert not server.accounts[BOB].get("/api/history")["items"]
    ada.unstar(sids=[song["id"]], albumIds=[album_id])
    assert not ada.getStarred2()["starred2"].get("song")


def test_playlists_and_their_privacy(ada, bob):
    ids = [song["id"] for song in songs_of(ada.search3("", artistCount=0, albumCount=0, songCount=500))][:4]
    created = ada.createPlaylist(name="Road trip", songIds=ids)["playlist"]
    assert created["songCount"] == 4 and created["public"] is False and created["owner"]
    ada.updatePlaylist(created["id"], songIndexesToRemove=[0, 2], songIdsToAdd=[ids[0]])
    playlist = ada.getPlaylist(created["id"])["playlist"]
    assert [entry["id"] for entry in playlist["entry"]] == [ids[1], ids[3], ids[0]], "indexes count before the edit"
    assert created["id"] in [item["id"] for item in ada.getPlaylists()["playlists"]["playlist"]]
    assert created["id"] not in [item["id"] for item in bob.getPlaylists()["playlists"].get("playlist", [])]
    with pytest.raises(libsonic.errors.DataNotFoundError):
        bob.getPlaylist(created["id"])
    with pytest.raises(libsonic.errors.DataNotFoundError):
        bob.deletePlaylist(created["id"])
    ada.deletePlaylist(created["id"])
    with pytest.raises(libsonic.errors.DataNotFoundError):
        ada.getPlaylist(created["id"])


def test_xml_is_the_default_and_well_formed(server):
    auth = {"u": ADA, "p": PASSWORD}
    with urllib.request.urlopen(rest_url(server, "getAlbumList2.view", auth, type="alphabeticalByName")) as answer:
        assert answer.headers["Content-Type"].startswith("application/xml")
        root = ElementTree.fromstring(answer.read())
    assert root.tag == NS + "subsonic-response" and root.get("status") == "ok"
    albums = root.findall(f"{NS}albumList2/{NS}album")
    assert [album.get("name") for album in albums] == ["Night Drive", "Paper Moons", "Salt Roads"]
    assert all(album.get("id") and album.get("songCount") and album.get("created") for album in albums)
