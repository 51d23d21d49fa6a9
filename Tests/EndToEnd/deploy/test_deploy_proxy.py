"""The real Caddy (Debian's) running deploy/Caddyfile in front of the real server, both on
loopback, as cloudflared would reach them in compose: the web page, sign-up and search,
byte ranges of a stream, and the absolute URLs the app builds from forwarded headers.

The server runs as compose runs it: MYSPOTIFY_TRUST_PROXY=true and no MYSPOTIFY_PUBLIC_URL,
so share links come from what Caddy forwards."""

from __future__ import annotations

import urllib.parse

import pytest

import harness
from deploy_support import Caddy

PUBLIC_HOST = "music.example.test"


@pytest.fixture(scope="module")
def server():
    data = harness.new_data_folder("deploy")
    app = harness.Server(data, environment={
        "MYSPOTIFY_TRUST_PROXY": "true",
        "MYSPOTIFY_PUBLIC_URL": "",  # empty: absolute URLs come from the forwarded headers
        "MYSPOTIFY_REGISTRATION": "open",
    })
    app.start()
    try:
        yield app
    finally:
        app.stop()
        harness.remove(data)


@pytest.fixture(scope="module")
def caddy(server):
    """Caddy with the Caddyfile's own trust rule (private ranges, which include loopback):
    the tests stand where cloudflared stands in compose."""
    proxy = Caddy(upstream=f"127.0.0.1:{server.port}").start()
    try:
        yield proxy
    finally:
        proxy.stop()


@pytest.fixture(scope="module")
def client(server, caddy):
    """A user signed up through Caddy, once the start-up scan has the whole library."""
    user = harness.Client(caddy.url)
    user.sign_up("deploy@example.test")
    server.wait_for_tracks(user, len(harness.DEFAULT_LIBRARY))
    return user


def find_track(client: harness.Client, tone: harness.Tone) -> dict:
    answer = client.get("/api/search?q=" + urllib.parse.quote(tone.title))
    hits = [track for track in answer["results"] if track["title"] == tone.title and track["artist"] == tone.artist]
    assert hits, f"searching {tone.title!r} through Caddy found {answer['results']}"
    return hits[0]


def test_the_web_page_loads_through_caddy(caddy):
    status, headers, body = harness.Client(caddy.url).get("/", raw=True)
    assert status == 200
    assert headers["Content-Type"].startswith("text/html"), headers
    assert b"<html" in body.lower()


def test_sign_up_and_search_answer_through_caddy(client):
    for tone in harness.DEFAULT_LIBRARY:
        track = find_track(client, tone)
        assert track["source"] == "local" and track["album"] == tone.album


def test_a_byte_range_of_a_stream_comes_back_206_with_the_file_bytes(server, client):
    tone = harness.DEFAULT_LIBRARY[0]
    track = find_track(client, tone)
    file_bytes = (server.data / "library" / tone.path).read_bytes()
    size = len(file_bytes)
    assert size > 2000

    status, headers, body = client.get(f"/stream/{track['id']}", headers={"Range": "bytes=1000-1999"}, raw=True)
    assert status == 206
    assert headers["Content-Range"] == f"bytes 1000-1999/{size}"
    assert headers["Content-Length"] == "1000"
    assert body == file_bytes[1000:2000]

    # The whole file streams through unchanged too.
    status, headers, body = client.get(f"/stream/{track['id']}", raw=True)
    assert status == 200 and body == file_bytes

    # An unsatisfiable range keeps its 416 and its Content-Range through the proxy.
    with pytest.raises(harness.HTTPFailure) as failure:
        client.get(f"/stream/{track['id']}", headers={"Range": f"bytes={size + 10}-"}, raw=True)
    assert failure.value.status == 416
    assert failure.value.headers["Content-Range"] == f"bytes */{size}"


def share_url(client: harness.Client, track_id: str, headers: dict) -> urllib.parse.ParseResult:
    answer = client.get(f"/api/tracks/{track_id}/share", headers=headers)
    return urllib.parse.urlparse(answer["url"])


def test_a_share_link_uses_the_forwarded_scheme_and_host(client):
    # What cloudflared sends: the public name as Host, and Cloudflare's X-Forwarded-Proto.
    track = find_track(client, harness.DEFAULT_LIBRARY[1])
    url = share_url(client, track["id"], {"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https"})
    assert (url.scheme, url.netloc) == ("https", PUBLIC_HOST), url.geturl()
    assert urllib.parse.parse_qs(url.query)["track"] == [track["id"]], url.geturl()


def test_a_visitor_can_not_name_another_host_for_the_links(client):
    # Cloudflare passes on an X-Forwarded-Host the visitor made up; Caddy sets it from Host.
    track = find_track(client, harness.DEFAULT_LIBRARY[1])
    url = share_url(client, track["id"], {"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https",
                                          "X-Forwarded-Host": "attacker.example"})
    assert (url.scheme, url.netloc) == ("https", PUBLIC_HOST), url.geturl()


def test_forwarded_scheme_from_an_untrusted_peer_is_replaced(server, client):
    # The same Caddyfile trusting only another address: this client is then a visitor, not
    # the tunnel, and its X-Forwarded-Proto is replaced by what Caddy saw (plain http).
    untrusting = Caddy(upstream=f"127.0.0.1:{server.port}", trusted_proxies="192.0.2.1/32").start()
    try:
        visitor = harness.Client(untrusting.url, client.token)
        track = find_track(visitor, harness.DEFAULT_LIBRARY[2])
        url = share_url(visitor, track["id"], {"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https"})
        assert (url.scheme, url.netloc) == ("http", PUBLIC_HOST), url.geturl()
    finally:
        untrusting.stop()


def failed_sign_in(proxy: Caddy, email: str, headers: dict) -> harness.HTTPFailure:
    with pytest.raises(harness.HTTPFailure) as failure:
        harness.Client(proxy.url).post(
            "/auth/token", form={"grant_type": "password", "username": email, "password": "not the password"},
            headers=headers)
    return failure.value


def test_sign_in_limits_count_the_visitors_address_from_the_tunnel():
    # The app limits failed sign-ins per client address (20 per 15 minutes, docs/API.md)
    # and takes the address from X-Real-IP. Behind the tunnel that must be the visitor's
    # (Cloudflare's Cf-Connecting-Ip), not cloudflared's, and not one the visitor makes up.
    # A server of its own: the loopback address ends up blocked here.
    data = harness.new_data_folder("deploy-address")
    server = harness.Server(data, environment={"MYSPOTIFY_TRUST_PROXY": "true", "MYSPOTIFY_PUBLIC_URL": ""}).start()
    proxy = Caddy(upstream=f"127.0.0.1:{server.port}").start()
    try:
        visitor, other = {"Cf-Connecting-Ip": "203.0.113.7"}, {"Cf-Connecting-Ip": "203.0.113.8"}
        # A new email each time, so the per-account limit (5) never trips first.
        for attempt in range(20):
            assert failed_sign_in(proxy, f"guess{attempt}@example.test", visitor).status == 400
        blocked = failed_sign_in(proxy, "guess-next@example.test", visitor)
        assert blocked.status == 429 and int(blocked.headers["Retry-After"]) > 0, blocked
        # Another visitor through the same tunnel is not held back.
        assert failed_sign_in(proxy, "guess-next@example.test", other).status == 400

        # Without Cf-Connecting-Ip, an X-Real-IP the client sends is replaced by the address
        # Caddy sees (here loopback), so a new made-up address per try does not help.
        for attempt in range(20):
            forged = {"X-Real-IP": f"198.51.100.{attempt + 1}"}
            assert failed_sign_in(proxy, f"forged{attempt}@example.test", forged).status == 400
        assert failed_sign_in(proxy, "forged-next@example.test", {"X-Real-IP": "198.51.100.99"}).status == 429
    finally:
        proxy.stop()
        server.stop()
        harness.remove(data)
