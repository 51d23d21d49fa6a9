"""Transcoding against the real `myspotify` binary: a FLAC streamed through Subsonic as MP3
and Opus and read back with ffprobe, a client that hangs up after 100 KB, and one request
more than MYSPOTIFY_MAX_TRANSCODES allows. The server runs as its own process, so the
ffmpeg processes it starts are read from /proc as its children: none may be left behind,
and never more than the limit run at once."""

from __future__ import annotations

import json
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

import harness

MAX_TRANSCODES = 2
EMAIL = "listener@example.org"
FLAC_PATH = "Nina/Loud/01 - Wide.flac"
FLAC_SECONDS = 60
# For clients that hold a transcode: at 320 kbps its 9.6 MB are more than the kernel's
# socket buffers take (4 MiB at most here), so its ffmpeg cannot finish while they read
# nothing. (A 60 s Opus stream fits in them whole: ffmpeg ended and freed its slot.)
LONG_PATH = "Nina/Loud/02 - Long.flac"
LONG_SECONDS = 240
HOLD_QUERY = "format=mp3&max_bitrate=320"


def noise_flac(target: Path, seconds: int, title: str = "Wide") -> None:
    """Stereo noise (pink left, brown right): a FLAC with a music-like bit rate."""
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y",
         "-f", "lavfi", "-i", f"anoisesrc=d={seconds}:c=pink:r=44100:a=0.3:seed=7",
         "-f", "lavfi", "-i", f"anoisesrc=d={seconds}:c=brown:r=44100:a=0.3:seed=11",
         "-filter_complex", "[0:a][1:a]amerge=inputs=2[a]", "-map", "[a]",
         "-metadata", f"title={title}", "-metadata", "artist=Nina", "-metadata", "album=Loud", "-c:a", "flac", str(target)],
        check=True)


@pytest.fixture(scope="module")
def server():
    data = harness.new_data_folder("transcoding")
    noise_flac(data / "library" / FLAC_PATH, FLAC_SECONDS)
    noise_flac(data / "library" / LONG_PATH, LONG_SECONDS, title="Long")
    instance = harness.Server(data, environment={
        "MYSPOTIFY_MAX_TRANSCODES": str(MAX_TRANSCODES), "MYSPOTIFY_LOG_LEVEL": "warning"})
    instance.start()
    try:
        client = instance.client()
        client.sign_up(EMAIL)
        instance.wait_for_tracks(client, len(harness.DEFAULT_LIBRARY) + 2)
        hits = client.get("/api/search?q=Wide&sources=local")["results"]
        instance.flac_id = next(hit["id"] for hit in hits if hit["title"] == "Wide")
        hits = client.get("/api/search?q=Long&sources=local")["results"]
        instance.long_id = next(hit["id"] for hit in hits if hit["title"] == "Long")
        instance.api = client
        yield instance
    finally:
        instance.stop()
        harness.remove(data)


def transcodes(server: harness.Server) -> list[str]:
    """The server's ffmpeg children that are transcoding (not zombies), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] != "Z" and int(fields[1]) == server.process.pid and "aformat=channel_layouts" in command:
            found.append(f"{entry.name}: {command}")
    return found


def alive(pid: str) -> bool:
    """Whether the process runs (a zombie has ended: only its parent has not reaped it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2:].split()[0] != "Z"


def eventually(condition, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def subsonic_path(method: str, **parameters) -> str:
    query = {"u": EMAIL, "p": harness.PASSWORD, "v": "1.16.1", "c": "e2e", **parameters}
    return f"/rest/{method}?{urllib.parse.urlencode(query)}"


def fetch(server: harness.Server, path: str, token: str | None = None) -> tuple[int, dict, bytes]:
    """Status, headers (names in lower case) and body of a GET."""
    client = harness.Client(server.url, token)
    try:
        status, headers, body = client.get(path, raw=True)
    except harness.HTTPFailure as failure:
        status, headers, body = failure.status, failure.headers, failure.body
    return status, {name.lower(): value for name, value in headers.items()}, body


def probe(data: bytes, suffix: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=f".{suffix}") as file:
        file.write(data)
        file.flush()
        answer = subprocess.run(
            ["ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name:format=duration",
             "-of", "json", file.name], check=True, capture_output=True, text=True)
    parsed = json.loads(answer.stdout)
    seconds = float(parsed["format"]["duration"])
    return {"codec": parsed["streams"][0]["codec_name"], "seconds": seconds, "bit_rate": len(data) * 8 / seconds}


class Holder:
    """A client that asks for a stream, reads its head and a little, then reads nothing (a
    tiny receive buffer, so the server feels it at once) until it hangs up."""

    def __init__(self, server: harness.Server, path: str, headers: list[str] = ()):
        self.socket = socket.socket()
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.socket.connect(("127.0.0.1", server.port))
        request = "\r\n".join([f"GET {path} HTTP/1.1", "Host: 127.0.0.1", *headers, "", ""])
        self.socket.sendall(request.encode())
        self.socket.settimeout(20)
        self.received = b""

    def read(self, count: int) -> bytes:
        while len(self.received) < count:
            chunk = self.socket.recv(65536)
            if not chunk:
                break
            self.received += chunk
        return self.received

    @property
    def status(self) -> int:
        return int(self.received.split(b" ", 2)[1])

    def hang_up(self) -> None:
        # A reset, as a phone that loses its signal.
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        self.socket.close()


@pytest.mark.parametrize("parameters, codec, bit_rate, suffix", [
    ({"maxBitRate": "128", "format": "mp3"}, "mp3", 128_000, "mp3"),
    ({"format": "opus"}, "opus", 96_000, "opus"),
])
def test_a_flac_streamed_as_mp3_and_opus_decodes_at_its_bit_rate(server, parameters, codec, bit_rate, suffix):
    status, headers, body = fetch(server, subsonic_path("stream", id=server.flac_id, **parameters))
    assert status == 200
    assert "accept-ranges" not in headers and headers["content-type"] == ("audio/mpeg" if codec == "mp3" else "audio/ogg; codecs=opus")
    found = probe(body, suffix)
    assert found["codec"] == codec
    assert abs(found["bit_rate"] - bit_rate) <= bit_rate * 0.10, found
    assert abs(found["seconds"] - FLAC_SECONDS) <= 1, found
    assert eventually(lambda: not transcodes(server)), transcodes(server)


def test_a_client_that_hangs_up_after_100_kb_leaves_no_ffmpeg(server):
    holder = Holder(server, subsonic_path("stream", id=server.flac_id, format="opus", maxBitRate="128"))
    received = holder.read(100 * 1024)
    assert len(received) >= 100 * 1024 and holder.status == 200
    assert len(transcodes(server)) == 1, "ffmpeg runs while the client reads"
    holder.hang_up()
    assert eventually(lambda: not transcodes(server)), f"left behind: {transcodes(server)}"


def test_one_request_more_than_the_limit_waits_then_is_refused_and_never_runs(server):
    token = f"Authorization: Bearer {server.api.token}"
    holders = [Holder(server, f"/stream/{server.long_id}?{HOLD_QUERY}", [token]) for _ in range(MAX_TRANSCODES)]
    try:
        for holder in holders:
            holder.read(2048)
            assert holder.status == 200
        assert eventually(lambda: len(transcodes(server)) == MAX_TRANSCODES)
        # One more on /api: it waits for a slot (5 s), then a 503 saying when to try again.
        started = time.monotonic()
        status, headers, body = fetch(server, f"/stream/{server.flac_id}?format=mp3&max_bitrate=128", server.api.token)
        waited = time.monotonic() - started
        assert status == 503 and headers.get("retry-after") == "5", (status, headers, body)
        assert json.loads(body)["error"]["code"] == "unavailable"
        assert waited >= 4.5, f"refused after {waited:.1f} s, not after waiting for a slot"
        # And on Subsonic: an error envelope with a plain message (apps break on other statuses).
        results = {}
        subsonic = threading.Thread(target=lambda: results.update(
            answer=fetch(server, subsonic_path("stream", id=server.flac_id, format="mp3", f="json"))))
        subsonic.start()
        time.sleep(1)
        assert len(transcodes(server)) == MAX_TRANSCODES, "never more than the limit"
        subsonic.join(timeout=30)
        status, _, body = results["answer"]
        assert status == 200
        error = json.loads(body)["subsonic-response"]["error"]
        assert error["code"] == 0 and "transcoding slot" in error["message"]
        # The original needs no slot.
        assert fetch(server, f"/stream/{server.flac_id}", server.api.token)[0] == 200
    finally:
        for holder in holders:
            holder.hang_up()
    assert eventually(lambda: not transcodes(server)), f"left behind: {transcodes(server)}"
    # A freed slot serves the next.
    status, _, body = fetch(server, f"/stream/{server.flac_id}?format=mp3&max_bitrate=64", server.api.token)
    assert status == 200 and probe(body, "mp3")["codec"] == "mp3"


def test_stopping_the_server_ends_its_transcodes(tmp_path):
    data = harness.new_data_folder("transcoding-stop")
    noise_flac(data / "library" / FLAC_PATH, FLAC_SECONDS)
    instance = harness.Server(data, environment={"MYSPOTIFY_LOG_LEVEL": "warning"}).start()
    try:
        client = instance.client()
        client.sign_up(EMAIL)
        instance.wait_for_tracks(client, len(harness.DEFAULT_LIBRARY) + 1)
        track = next(hit["id"] for hit in client.get("/api/search?q=Wide&sources=local")["results"] if hit["title"] == "Wide")
        holder = Holder(instance, f"/stream/{track}?format=opus", [f"Authorization: Bearer {client.token}"])
        holder.read(2048)
        assert eventually(lambda: len(transcodes(instance)) == 1)
        children = [line.split(":")[0] for line in transcodes(instance)]
        instance.stop()
        assert instance.process.returncode is not None
        assert eventually(lambda: not any(alive(pid) for pid in children)), f"still running after the server stopped: {children}"
        holder.hang_up()
    finally:
        instance.stop()
        harness.remove(data)
