"""Issue 15, home and browsing: Home's rows of covers (most played this week, recently
played albums and playlists, recently added albums, new tracks), each leading somewhere;
the playlists in the side bar; the artist page's most played tracks before the albums;
the Tracks tab sorted by track name."""

from __future__ import annotations

import pytest

from browser import DESKTOP, By, PHONE_390
from test_player import open_album



def card_titles(browser, section: str) -> list[str]:
    return browser.texts(f"#{section} .card-title")


@pytest.mark.parametrize("size,label", [(DESKTOP, "desktop"), (PHONE_390, "phone")])
def test_home_is_rows_of_covers_leading_somewhere(server, browsers, account, track_ids, size, label):
    email, client = account
    for _ in range(2):
        client.post(f"/api/tracks/{track_ids['Harbor Lights']}/played")
    client.post(f"/api/tracks/{track_ids['Slow Satellites']}/played")
    playlist = client.post("/api/playlists", {"name": f"Home mix {label}"})
    client.post(f"/api/playlists/{playlist['id']}/tracks", {"track_ids": [track_ids["Quiet Engines"]]})

    browser = browsers(server.url, size=size)
    browser.open("/")
    browser.sign_in(email)
    browser.wait_for_view("discover")
    # Most played this week: a cover per track, with its plays; a press plays it.
    assert card_titles(browser, "home-most-played") == ["Harbor Lights", "Slow Satellites"]
    assert browser.texts("#home-most-played .card-meta") == ["2 plays", "1 play"]
    # Recently played: the albums of the last plays, newest first.
    assert card_titles(browser, "home-recent")[:2] == ["Paper Moons", "Salt Roads"]
    # Recently added albums: every album of the library, newest first, each a link to its page.
    recent = [album["name"] for album in client.get("/api/albums?sort=recent&limit=12")["items"]]
    assert card_titles(browser, "home-added-albums") == recent
    assert not browser.find_all("#home-cached"), "no remote source: no empty row"
    assert not browser.has_horizontal_overflow(), "a row made the page wider"
    assert not browser.stray_text() and not browser.unlabelled_controls()
    browser.wait_for_images()
    browser.screenshot(f"home-{label}")

    browser.find("#home-most-played .card-play").click()
    browser.wait(lambda d: browser.audio("audio.src").endswith(track_ids["Harbor Lights"]), 5, "the cover did not play")

    # A playlist played from its page joins "Recently played".
    browser.go(f"/playlists/{playlist['id']}", "playlist")
    browser.button(f"Play Home mix {label}").click()
    browser.wait(lambda d: browser.audio("audio.src").endswith(track_ids["Quiet Engines"]), 5)
    browser.go("/", "discover")
    assert card_titles(browser, "home-recent")[0] == f"Home mix {label}"
    browser.find("#home-recent .card-link").click()
    browser.wait_for_view("playlist")
    browser.go("/", "discover")
    browser.find("#home-added-albums .card-link").click()
    browser.wait_for_view("album")
    assert browser.find("#main h1").text == recent[0]


def test_playlists_in_the_side_bar(server, browser, account):
    email, client = account
    client.post("/api/playlists", {"name": "Side A"})
    browser.open("/")
    browser.sign_in(email)
    browser.wait(lambda d: browser.texts(".sidebar-playlists .nav-label") == ["Side A"], 5, "the side bar lists no playlists")
    # Made anywhere in the app, a playlist joins the side bar at once.
    browser.go("/playlists", "playlists")
    browser.click("#new-playlist")
    field = browser.find("dialog[open] input")
    field.send_keys("Side B")
    browser.find("dialog[open] button[type=submit]").click()
    browser.wait(lambda d: sorted(browser.texts(".sidebar-playlists .nav-label")) == ["Side A", "Side B"], 5)
    link = next(e for e in browser.find_all(".sidebar-playlists a") if e.text == "Side A")
    link.click()
    browser.wait_for_view("playlist")
    assert browser.find("#main h1").text == "Side A"
    assert link.get_attribute("aria-current") == "page"
    browser.screenshot("sidebar-playlists")
    browser.click("#delete-playlist")
    browser.find("dialog[open] .button-danger").click()
    browser.wait(lambda d: browser.texts(".sidebar-playlists .nav-label") == ["Side B"], 5, "a deleted playlist stayed")


def test_the_artist_page_leads_with_the_households_most_played(server, browser, account, track_ids):
    email, client = account
    server.admin.post(f"/api/tracks/{track_ids['Quiet Engines']}/played")
    for _ in range(2):
        client.post(f"/api/tracks/{track_ids['Quiet Engines']}/played")
    client.post(f"/api/tracks/{track_ids['Slow Satellites']}/played")
    artist = client.get(f"/api/tracks/{track_ids['Quiet Engines']}")["artist_id"]
    browser.open("/")
    browser.sign_in(email)
    browser.go(f"/artists/{artist}", "artist")
    sections = browser.texts("#main .section-title")
    assert sections[:2] == ["Most played here", "Albums"]
    assert browser.texts("#main .track-list .track-title")[:2] == ["Quiet Engines", "Slow Satellites"]
    assert not browser.has_horizontal_overflow()
    browser.screenshot("artist-top-tracks")
    browser.find("#main .track-list .track-play").click()
    browser.wait(lambda d: browser.audio("audio.src").endswith(track_ids["Quiet Engines"]), 5)


def test_the_tracks_tab_sorts_by_track_name(server, browser, account):
    email, client = account
    browser.open("/")
    browser.sign_in(email)
    browser.go("/library/tracks", "library")
    browser.find("#library-sort").send_keys("Track name")
    browser.wait(lambda d: "sort=title" in d.current_url and d.execute_script(
        "return document.getElementById('main').dataset.state") == "ready", 5, "the sort did not apply")
    titles = browser.texts("#main .track-title")
    assert titles == sorted(titles, key=str.casefold) and len(titles) == client.get("/api/tracks")["total"]
    assert titles == [t["title"] for t in client.get("/api/tracks?sort=title&limit=100")["items"]]
    browser.screenshot("library-tracks-by-name")
