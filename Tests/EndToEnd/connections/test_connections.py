"""Slow and hostile clients against the real `myspotify` binary, as a separate process so that
its resident memory can be read from /proc/PID/status: a request sent a byte a second
(slowloris), an idle kept-alive connection, clients that ask for a multi-megabyte track and
never read it, and more connections or requests than one client may hold.

The timeouts are set to a few seconds through the environment, so each test runs in
seconds; every bound has a margin for a loaded two-core machine, and every wait is a
bounded loop, not a fixed sleep that a slow machine could lose."""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pytest

import harness

# A 60 s mono WAV (44.1 kHz, 16 bits): 5.3 MB, read by TagLib like any library file.
BIG = harness.Tone("Long Tones/Endless/01 - Endless Tone.wav", "Endless Tone", "Long Tones", "Endless", 60, 220, 1)
STALLED_READERS = 40
MIB = 1024 * 1024


@pytest.fixture(scope="module")
def data():
    folder = harness.new_data_folder("connections")
    harness.make_library(folder / "library", [BIG])
    try:
        yield folder
    finally:
        harness.remove(folder)


def start(data: Path, **settings: str | int) -> harness.Server:
    """A server over `data` with these MYSPOTIFY_* settings (the name without its prefix)."""
    environment = {"MYSPOTIFY_LOG_LEVEL": "warning"}
    environment.update({f"MYSPOTIFY_{name.upper()}": str(value) for name, value in settings.items()})
    return harness.Server(data, environment=environment).start()


def signed_in(server: harness.Server) -> harness.Client:
    client = server.client()
    client.sign_up("listener@example.org")
    server.wait_for_tracks(client, len(harness.DEFAULT_LIBRARY) + 1)
    return client


def big_track(client: harness.Client) -> dict:
    hits = client.get("/api/search?q=" + urllib.parse.quote(BIG.title))["results"]
    track = next(hit for hit in hits if hit["title"] == BIG.title)
    assert track["size"] > 5_000_000, track
    return track


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/PID/status")


def open_sockets(pid: int) -> int:
    """Sockets the server process holds open (its listener and its connections)."""
    count = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:"):
                count += 1
        except OSError:
            pass  # closed while we looked
    return count


def connect(port: int, source: str = "127.0.0.1", receive_buffer: int | None = None) -> socket.socket:
    sock = socket.socket()
    if receive_buffer:
        # Before connecting, so the window the client offers stays this small: the kernel
        # then holds only a little of what the server sends, and the rest waits in the server.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    sock.bind((source, 0))
    sock.connect(("127.0.0.1", port))
    return sock


def request(path: str, token: str | None = None, headers: dict[str, str] | None = None) -> bytes:
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1"]
    if token:
        lines.append(f"Authorization: Bearer {token}")
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def read_answer(sock: socket.socket, timeout: float = 10) -> Answer:
    """One HTTP/1.1 answer with a Content-Length, read from `sock`."""
    sock.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"the connection closed before a whole answer head: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in header_lines)}
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "the connection closed in the middle of the body"
        body += chunk
    return Answer(int(status_line.split()[1]), headers, body)


def closed_by_server(sock: socket.socket) -> bool:
    """Whether the server closed `sock` (without blocking; reads and drops what is there)."""
    try:
        while select.select([sock], [], [], 0)[0]:
            if not sock.recv(65536):
                return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    return False


def wait_until(condition, timeout: float, step: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def test_slowloris_connections_are_closed_after_the_header_timeout(data):
    """200 connections sending their request a byte a second are closed once the header
    timeout (2 s) has passed, while a normal request still gets its answer."""
    header_timeout = 2
    server = start(data, header_timeout_seconds=header_timeout, idle_timeout_seconds=60,
                   max_connections=1000, max_connections_per_address=1000)
    try:
        text = request("/healthz") * 100  # far more than the test sends
        sockets = [connect(server.port) for _ in range(200)]
        opened = time.monotonic()
        open_until: dict[socket.socket, float] = {}
        sent = 0
        served_meanwhile = False
        while len(open_until) < len(sockets) and time.monotonic() - opened < header_timeout + 10:
            for sock in sockets:
                if sock in open_until:
                    continue
                try:
                    sock.send(text[sent:sent + 1])
                except (BrokenPipeError, ConnectionResetError):
                    open_until[sock] = time.monotonic() - opened
                    continue
                if closed_by_server(sock):
                    open_until[sock] = time.monotonic() - opened
            sent += 1
            if sent == 1:
                served_meanwhile = server.client().request("GET", "/healthz", raw=True)[0] == 200
            time.sleep(1)
        assert served_meanwhile, "a normal request was not answered while the slowloris connections were open"
        still_open = len(sockets) - len(open_until)
        assert still_open == 0, f"{still_open} of 200 slowloris connections were still open after {header_timeout + 10} s"
        # Not cut early: a head that is on its way gets its whole timeout (1 s for the loop's pace).
        assert min(open_until.values()) >= header_timeout - 1, sorted(open_until.values())[:5]
    finally:
        for sock in sockets:
            sock.close()
        server.stop()


def test_an_idle_kept_alive_connection_is_closed_after_the_idle_timeout(data):
    """After an answer, a connection on which nothing more is asked is closed after the
    idle timeout (2 s); one that asks again in time is served on the same connection. The
    header timeout is long (60 s), so it cannot be what closes it."""
    idle_timeout = 2
    server = start(data, idle_timeout_seconds=idle_timeout, header_timeout_seconds=60)
    try:
        sock = connect(server.port)
        sock.sendall(request("/healthz"))
        assert read_answer(sock).status == 200
        time.sleep(idle_timeout / 2)
        sock.sendall(request("/healthz"))  # in time: the same connection serves it
        assert read_answer(sock).status == 200
        answered = time.monotonic()
        assert wait_until(lambda: closed_by_server(sock), timeout=idle_timeout + 8), \
            f"the idle connection was still open {idle_timeout + 8} s after its last answer"
        waited = time.monotonic() - answered
        assert waited >= idle_timeout - 0.5, f"closed after {waited:.1f} s, before the idle timeout"
    finally:
        sock.close()
        server.stop()


def test_stalled_readers_hold_bounded_memory_are_dropped_and_memory_comes_back(data):
    """40 clients ask for a 5.3 MB track and read none of it. While they stall, the server
    holds a few hundred KiB for each (its resident size grows by less than 24 MiB in all);
    after the write timeout (6 s) every one of them is dropped (its socket closed, the body
    cut short), and the resident size comes back to within 16 MiB of idle."""
    write_timeout = 6
    server = start(data, write_timeout_seconds=write_timeout, idle_timeout_seconds=60, header_timeout_seconds=60,
                   max_connections_per_address=1000, max_requests_per_address=1000)
    sockets: list[socket.socket] = []
    try:
        client = signed_in(server)
        track = big_track(client)
        path = f"/stream/{track['id']}"
        # Warm up: the same stream read whole, so idle is measured with every code path loaded.
        status, _, body = client.request("GET", path, raw=True)
        assert status == 200 and len(body) == track["size"]
        pid = server.process.pid
        time.sleep(2)
        idle = rss_bytes(pid)
        sockets_before = open_sockets(pid)

        for _ in range(STALLED_READERS):
            sock = connect(server.port, receive_buffer=4096)
            sock.sendall(request(path, client.token))
            sockets.append(sock)
        started = time.monotonic()
        # While they stall: sample the resident size for 2 s (the server fills its buffers
        # within milliseconds), then check that the server still holds every connection.
        peak = idle
        while time.monotonic() - started < 2:
            peak = max(peak, rss_bytes(pid))
            time.sleep(0.05)
        held = open_sockets(pid) - sockets_before
        grown = peak - idle
        print(f"idle RSS {idle / MIB:.1f} MiB, with {STALLED_READERS} stalled readers {peak / MIB:.1f} MiB "
              f"(+{grown / MIB:.1f} MiB, {grown / STALLED_READERS / 1024:.0f} KiB each)")
        assert held >= STALLED_READERS, f"only {held} of the {STALLED_READERS} stalled connections were open after 2 s"
        assert grown < 24 * MIB, f"{STALLED_READERS} stalled readers grew the server by {grown / MIB:.1f} MiB"

        # Dropped after the write timeout: the server closes their sockets.
        assert wait_until(lambda: open_sockets(pid) - sockets_before <= 0, timeout=write_timeout + 15), \
            f"{open_sockets(pid) - sockets_before} stalled connections were still open {write_timeout + 15} s later"
        dropped_after = time.monotonic() - started
        assert dropped_after >= write_timeout - 1, f"dropped after {dropped_after:.1f} s, before the write timeout"
        # Each client then gets what was already on its way, and the end of the connection
        # before the whole body: never a short file passed off as complete.
        for sock in sockets[:3]:
            received = b""
            sock.settimeout(20)
            try:
                while chunk := sock.recv(1 << 20):
                    received += chunk
            except ConnectionResetError:
                pass
            assert len(received) < track["size"], "a dropped client got the whole file"

        # Memory comes back once they are gone.
        settled = wait_until(lambda: rss_bytes(pid) - idle < 16 * MIB, timeout=10, step=0.5)
        after = rss_bytes(pid)
        print(f"RSS after they were dropped: {after / MIB:.1f} MiB ({(after - idle) / MIB:+.1f} MiB against idle)")
        assert settled, f"RSS stayed {(after - idle) / MIB:.1f} MiB above idle after the stalled readers were dropped"
        # And the server still serves.
        status, _, body = client.request("GET", path, raw=True)
        assert status == 200 and len(body) == track["size"]
    finally:
        for sock in sockets:
            sock.close()
        server.stop()


def test_connections_over_the_limits_are_refused_with_a_short_answer(data):
    """At most 4 connections from one address (a fifth gets 429) and 6 in all (a seventh,
    from another address, gets 503), each refusal with Retry-After, the JSON error shape and
    the connection closed; a freed place is taken again at once."""
    server = start(data, max_connections=6, max_connections_per_address=4, idle_timeout_seconds=60,
                   header_timeout_seconds=60)
    held: list[socket.socket] = []
    try:
        for _ in range(4):
            sock = connect(server.port)
            sock.sendall(request("/healthz"))
            assert read_answer(sock).status == 200  # admitted, and kept alive
            held.append(sock)

        def refused(source: str) -> Answer:
            sock = connect(server.port, source=source)
            try:
                sock.sendall(request("/healthz"))
                answer = read_answer(sock)
                assert wait_until(lambda: closed_by_server(sock), timeout=5), "a refused connection stayed open"
                return answer
            finally:
                sock.close()

        answer = refused("127.0.0.1")
        assert answer.status == 429, answer
        assert answer.headers["retry-after"] == "5"
        assert json.loads(answer.body)["error"]["code"] == "too_many_requests"
        assert "Too many connections" in json.loads(answer.body)["error"]["message"]

        for _ in range(2):  # another address fills the server
            sock = connect(server.port, source="127.0.0.2")
            sock.sendall(request("/healthz"))
            assert read_answer(sock).status == 200
            held.append(sock)
        answer = refused("127.0.0.3")
        assert answer.status == 503, answer
        assert answer.headers["retry-after"] == "5"
        assert json.loads(answer.body)["error"]["code"] == "unavailable"

        held.pop(0).close()  # one of 127.0.0.1's: a place for 127.0.0.1 again

        def admitted() -> bool:
            sock = connect(server.port)
            try:
                sock.sendall(request("/healthz"))
                return read_answer(sock).status == 200
            finally:
                sock.close()

        assert wait_until(admitted, timeout=5, step=0.2), "a freed connection place was not given again"
    finally:
        for sock in held:
            sock.close()
        server.stop()


def test_behind_the_trusted_proxy_requests_in_progress_are_limited_per_visitor(data):
    """Behind the proxy every connection comes from the proxy's address, so the limit per
    peer address is not applied (5 connections where it is 2); instead one visitor (by
    X-Real-IP) may have 3 requests in progress, a stream counting until its body ends: a
    fourth gets 429 with Retry-After, another visitor is served, and once the first one's
    streams end it is served again."""
    server = start(data, trust_proxy="true", max_connections_per_address=2, max_requests_per_address=3,
                   idle_timeout_seconds=60, header_timeout_seconds=60)
    streams: list[socket.socket] = []
    try:
        client = signed_in(server)
        path = f"/stream/{big_track(client)['id']}"
        visitor = {"X-Real-IP": "203.0.113.7"}
        for _ in range(3):
            sock = connect(server.port, receive_buffer=4096)
            sock.sendall(request(path, client.token, visitor))
            streams.append(sock)
        # Requests on different connections are not ordered: a poll below sent before a stream
        # is admitted would take that stream's place. Each stream's head is read first.
        for sock in streams:
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = sock.recv(1)
                assert chunk, "a stream was closed before its head"
                head += chunk
            assert head.startswith(b"HTTP/1.1 200"), head

        def answer_for(headers: dict[str, str]) -> Answer:
            sock = connect(server.port)
            try:
                sock.sendall(request("/api/me", client.token, headers))
                return read_answer(sock)
            finally:
                sock.close()

        # The three streams are under way once the fourth request is refused.
        assert wait_until(lambda: answer_for(visitor).status == 429, timeout=10, step=0.2), \
            "a fourth request of a visitor with three streams in progress was served"
        # And still a second later: a stream counts for as long as its body is being sent.
        time.sleep(1)
        answer = answer_for(visitor)
        assert answer.status == 429, f"the visitor's streams stopped counting before their end: {answer}"
        assert answer.headers["retry-after"] == "2"
        assert json.loads(answer.body)["error"]["code"] == "too_many_requests"
        assert answer_for({"X-Real-IP": "203.0.113.8"}).status == 200

        for sock in streams:
            sock.close()
        assert wait_until(lambda: answer_for(visitor).status == 200, timeout=10, step=0.2), \
            "the visitor was still refused after its streams ended"
    finally:
        for sock in streams:
            sock.close()
        server.stop()


def test_memory_comes_back_after_a_burst_of_streams(data):
    """100 clients at once (curl, 300 transfers) read the 5.3 MB track as fast as they can.
    The buffers that burst used are handed back to the system once it is over: the
    resident size comes back to within 10 MiB of idle (glibc alone keeps them for reuse:
    about 20 MiB more)."""
    server = start(data, max_connections_per_address=1000, max_requests_per_address=1000)
    try:
        client = signed_in(server)
        track = big_track(client)
        url = f"{server.url}/stream/{track['id']}"
        status, _, body = client.request("GET", f"/stream/{track['id']}", raw=True)
        assert status == 200 and len(body) == track["size"]
        pid = server.process.pid
        time.sleep(2)
        idle = rss_bytes(pid)

        command = ["curl", "--silent", "--parallel", "--parallel-max", "100", "--max-time", "120",
                   "--header", f"Authorization: Bearer {client.token}", "--write-out", "%{http_code} %{size_download}\\n"]
        for _ in range(300):
            command += [url, "--output", "/dev/null"]
        burst = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        peak = idle
        while burst.poll() is None:
            peak = max(peak, rss_bytes(pid))
            time.sleep(0.05)
        answers = burst.stdout.read().split("\n")
        assert [line for line in answers if line] == [f"200 {track['size']}"] * 300, "not every reader got the whole track"

        settled = wait_until(lambda: rss_bytes(pid) - idle < 10 * MIB, timeout=10, step=0.5)
        after = rss_bytes(pid)
        print(f"300 streams, 100 at once: idle {idle / MIB:.1f} MiB, peak {peak / MIB:.1f} MiB, "
              f"after {after / MIB:.1f} MiB ({(after - idle) / MIB:+.1f} MiB)")
        assert settled, f"RSS stayed {(after - idle) / MIB:.1f} MiB above idle after a burst of 300 streams"
    finally:
        server.stop()


@pytest.mark.parametrize("setting, value", [("write_timeout_seconds", "0"), ("max_connections", "lots")])
def test_a_wrong_limit_stops_the_start_and_names_the_setting(data, setting, value):
    try:
        server = start(data, **{setting: value})
    except RuntimeError as failure:
        assert f"MYSPOTIFY_{setting.upper()} must be a number from 1 to" in str(failure)
    else:
        server.stop()
        pytest.fail(f"the server started with MYSPOTIFY_{setting.upper()}={value}")
