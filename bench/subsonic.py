"""The phone apps' figures of bench/run, against the running server of the main library.

    subsonic.py sync BASE OUT.json     a full library sync as Symfonium makes it (search3 with
                                       an empty query, 500 songs a page, token sign-in), and
                                       the same rows through /api/tracks (bearer) as reference
    subsonic.py covers BASE OUT.json   50 getCoverArt requests at once over 16 connections
                                       (first: thumbnails made; then from disk, signed in with
                                       the account's password and with a token), and the
                                       same 50 through /api/covers (bearer) as reference
    subsonic.py urls BASE              the /rest/ping URLs of each sign-in (for wrk), one a line

BENCH_TOKEN is the bench account's access token (its app password is made, or replaced,
through POST /api/me/subsonic). Every answer is checked: a Subsonic answer whose status is
not "ok", or an HTTP status other than 200, stops the run, so no figure is measured on
errors. Only 127.0.0.1 is used.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import http.client
import json
import os
import secrets
import statistics
import sys
import threading
import time
import urllib.parse

RUNS = 3
PAGE = 500
BURST = 50
CONNECTIONS = 16


def fail(message: str) -> None:
    print(f"subsonic.py: {message}", file=sys.stderr)
    sys.exit(1)


class Connection:
    """One keep-alive HTTP/1.1 connection, as an app holds one."""

    def __init__(self, base: str):
        parts = urllib.parse.urlsplit(base)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)

    def get(self, path: str, headers: dict[str, str] | None = None) -> bytes:
        self.connection.request("GET", path, headers=headers or {})
        answer = self.connection.getresponse()
        body = answer.read()
        if answer.status != 200:
            fail(f"GET {path.split('?')[0]} answered {answer.status}: {body[:200]!r}")
        return body

    def post(self, path: str, headers: dict[str, str]) -> bytes:
        self.connection.request("POST", path, headers=headers)
        answer = self.connection.getresponse()
        body = answer.read()
        if answer.status != 200:
            fail(f"POST {path} answered {answer.status}: {body[:200]!r}")
        return body


def bearer() -> dict[str, str]:
    token = os.environ.get("BENCH_TOKEN", "")
    if not token:
        fail("BENCH_TOKEN is not set")
    return {"Authorization": f"Bearer {token}"}


def app_credentials(base: str) -> dict:
    return json.loads(Connection(base).post("/api/me/subsonic", bearer()))


def token_auth(credentials: dict) -> dict[str, str]:
    """What Symfonium sends: u, a fresh salt and md5(app password + salt)."""
    salt = secrets.token_hex(6)
    token = hashlib.md5((credentials["app_password"] + salt).encode()).hexdigest()
    return {"u": credentials["username"], "t": token, "s": salt, "v": "1.16.1", "c": "bench", "f": "json"}


def rest(connection: Connection, method: str, auth: dict[str, str], **params) -> dict:
    query = urllib.parse.urlencode({**auth, **params})
    answer = json.loads(connection.get(f"/rest/{method}?{query}"))["subsonic-response"]
    if answer.get("status") != "ok":
        fail(f"{method} failed: {answer.get('error')}")
    return answer


def sync(base: str, out: str) -> None:
    credentials = app_credentials(base)
    auth = token_auth(credentials)

    def subsonic_run() -> tuple[float, list[str], int]:
        connection, ids, pages, started = Connection(base), [], 0, time.perf_counter()
        while True:
            songs = rest(connection, "search3", auth, query="", artistCount=0, albumCount=0, songCount=PAGE,
                         songOffset=len(ids))["searchResult3"].get("song", [])
            pages += 1
            ids += [song["id"] for song in songs]
            if len(songs) < PAGE:
                return time.perf_counter() - started, ids, pages

    def api_run() -> tuple[float, list[str], int]:
        connection, ids, pages, started = Connection(base), [], 0, time.perf_counter()
        while True:
            page = json.loads(connection.get(f"/api/tracks?limit={PAGE}&offset={len(ids)}", bearer()))
            pages += 1
            ids += [track["id"] for track in page["items"]]
            if len(page["items"]) < PAGE:
                return time.perf_counter() - started, ids, pages

    subsonic_runs, api_runs = [], []
    # Alternating rounds, so that a slow spell of the machine does not land on one side only.
    for _ in range(RUNS):
        subsonic_runs.append(subsonic_run())
        api_runs.append(api_run())
    songs = subsonic_runs[0][1]
    if len(set(songs)) != len(songs):
        fail("the search3 sync returned a song twice")
    if any(run[1] != songs for run in subsonic_runs):
        fail("two search3 syncs returned different songs or orders")
    library = set(api_runs[0][1])
    if set(songs) != library:
        fail(f"the search3 sync returned {len(songs)} songs, /api/tracks {len(library)}: not the same library")
    body = Connection(base).get("/rest/search3?" + urllib.parse.urlencode(
        {**auth, "query": "", "artistCount": 0, "albumCount": 0, "songCount": PAGE}))
    json.dump({
        "songs": len(songs), "pages": subsonic_runs[0][2], "page_bytes": len(body),
        "subsonic_seconds": [round(run[0], 4) for run in subsonic_runs],
        "api_seconds": [round(run[0], 4) for run in api_runs],
        "subsonic_median": round(statistics.median(run[0] for run in subsonic_runs), 4),
        "api_median": round(statistics.median(run[0] for run in api_runs), 4),
    }, open(out, "w"))


def covers(base: str, out: str) -> None:
    credentials = app_credentials(base)
    auth = token_auth(credentials)
    albums = rest(Connection(base), "getAlbumList2", auth, type="alphabeticalByName", size=500)["albumList2"]["album"]
    # What an app's album grid asks for: the coverArt id of each album that has a picture.
    pictured = [album for album in albums if album.get("coverArt")][:BURST]
    if len(pictured) < BURST:
        fail(f"only {len(pictured)} albums with a cover for a burst of {BURST}")
    cover_ids = [album["coverArt"] for album in pictured]
    album_ids = [album["id"] for album in pictured]
    size = 300

    def burst(paths: list[str], headers: dict[str, str]) -> dict:
        # All 50 requests are asked at once over CONNECTIONS keep-alive connections, as an
        # app's HTTP client queues them (OkHttp allows 5 a host, browsers 6): 50 connections
        # from one address would pass the server's bound of 32 and be refused.
        local = threading.local()

        def one(path: str) -> tuple[float, int]:
            if not hasattr(local, "connection"):
                local.connection = Connection(base)
            started = time.perf_counter()
            body = local.connection.get(path, headers)
            # A Subsonic error is an HTTP 200 too: only a picture counts.
            if not body.startswith((b"\xff\xd8", b"\x89PNG", b"RIFF", b"GIF8")):
                fail(f"{path.split('?')[0]} sent no picture: {body[:200]!r}")
            return time.perf_counter() - started, len(body)

        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=CONNECTIONS) as pool:
            results = list(pool.map(one, paths))
        wall = time.perf_counter() - started
        latencies = sorted(result[0] for result in results)
        return {"wall": round(wall, 4), "p50": round(latencies[len(latencies) // 2], 4),
                "max": round(latencies[-1], 4), "bytes": sum(result[1] for result in results)}

    # The account's own password (p=enc:), the case the sign-in memo is for: without it
    # each of the 50 would run bcrypt. The token sign-in for comparison.
    password = {"u": credentials["username"], "p": "enc:" + os.environ.get("BENCH_PASSWORD", "").encode().hex(),
                "v": "1.16.1", "c": "bench", "f": "json"}

    def paths(auth: dict[str, str]) -> list[str]:
        query = urllib.parse.urlencode(auth)
        return [f"/rest/getCoverArt?{query}&id={urllib.parse.quote(id)}&size={size}" for id in cover_ids]

    api_paths = [f"/api/covers/{urllib.parse.quote(id)}?size={size}" for id in album_ids]
    first = burst(paths(auth), {})
    rounds = {"password": [], "token": [], "reference": []}
    for _ in range(RUNS):
        rounds["password"].append(burst(paths(password), {}))
        rounds["token"].append(burst(paths(token_auth(credentials)), {}))
        rounds["reference"].append(burst(api_paths, bearer()))
    json.dump({
        "requests": BURST, "connections": CONNECTIONS, "size": size, "first": first, "rounds": rounds,
        "median_wall": {name: round(statistics.median(run["wall"] for run in runs), 4) for name, runs in rounds.items()},
    }, open(out, "w"))


def urls(base: str) -> None:
    """The ping URLs wrk repeats: a token (one salt for the whole run, as an app that keeps
    its salt does), the API key, and the account's own password (bcrypt once, then the memo)."""
    credentials = app_credentials(base)
    common = {"v": "1.16.1", "c": "bench", "f": "json"}
    token = token_auth(credentials)
    password = os.environ.get("BENCH_PASSWORD", "")
    for name, auth in [
        ("token", token),
        ("apikey", {"apiKey": credentials["api_key"], **common}),
        ("password", {"u": credentials["username"], "p": "enc:" + password.encode().hex(), **common}),
    ]:
        rest(Connection(base), "ping", auth)
        print(f"{name} {base}/rest/ping?{urllib.parse.urlencode(auth)}")


def main() -> None:
    if len(sys.argv) < 3:
        fail(__doc__)
    command, base = sys.argv[1], sys.argv[2]
    if command == "sync":
        sync(base, sys.argv[3])
    elif command == "covers":
        covers(base, sys.argv[3])
    elif command == "urls":
        urls(base)
    else:
        fail(f"unknown command {command}")


if __name__ == "__main__":
    main()
