"""The real server for end-to-end tests: the built `myspotify` binary on a free loopback
port, over a temporary data folder holding a small library made with ffmpeg.

Only the standard library, so every test (browser, deploy, proxy) shares one way to start
and talk to the server.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A password that passes the server's policy; tests sign up with it.
PASSWORD = "correct horse battery"


def binary() -> Path:
    """The built executable (`swift build` puts it in .build/debug); MYSPOTIFY_BIN overrides."""
    explicit = os.environ.get("MYSPOTIFY_BIN")
    path = Path(explicit) if explicit else ROOT / ".build" / "debug" / "myspotify"
    if not path.exists():
        raise RuntimeError(f"{path} does not exist: run `swift build` first (scripts/test does)")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Tone:
    """One library file: `path` under library/, tags, seconds of a sine tone."""

    path: str
    title: str
    artist: str
    album: str
    seconds: float = 8.0
    frequency: int = 440
    track: int = 1


DEFAULT_LIBRARY = [
    Tone("Aurora Lane/Night Drive/01 - Neon Harbor.mp3", "Neon Harbor", "Aurora Lane", "Night Drive", 20, 440, 1),
    Tone("Aurora Lane/Night Drive/02 - Glass Rivers.mp3", "Glass Rivers", "Aurora Lane", "Night Drive", 12, 523, 2),
    Tone("Copper Tide/Salt Roads/01 - Lantern Song.flac", "Lantern Song", "Copper Tide", "Salt Roads", 10, 330, 1),
]


def make_library(folder: Path, tones: list[Tone] = DEFAULT_LIBRARY) -> None:
    """Writes each tone with its tags (and an embedded-free cover-less file) using ffmpeg."""
    for tone in tones:
        target = folder / tone.path
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "ffmpeg", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", f"sine=frequency={tone.frequency}:duration={tone.seconds}",
                "-metadata", f"title={tone.title}", "-metadata", f"artist={tone.artist}",
                "-metadata", f"album={tone.album}", "-metadata", f"track={tone.track}",
                str(target),
            ],
            check=True,
        )


class HTTPFailure(Exception):
    def __init__(self, status: int, body: bytes, headers):
        super().__init__(f"HTTP {status}: {body[:300]!r}")
        self.status = status
        self.body = body
        self.headers = headers

    def json(self):
        return json.loads(self.body)


@dataclass
class Client:
    """JSON over HTTP to one base URL, with an optional bearer token."""

    base: str
    token: str | None = None

    def request(self, method: str, path: str, body=None, form=None, headers=None, raw=False):
        data = None
        sent = dict(headers or {})
        if body is not None:
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if self.token:
            sent["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=sent)
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                payload = answer.read()
                if raw:
                    return answer.status, dict(answer.headers), payload
                return json.loads(payload) if payload else None
        except urllib.error.HTTPError as error:
            raise HTTPFailure(error.code, error.read(), dict(error.headers)) from None

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, body=None, **kwargs):
        return self.request("POST", path, body=body, **kwargs)

    def sign_up(self, email: str, password: str = PASSWORD) -> dict:
        """Registers (or, if the account exists, signs in) and keeps the access token."""
        try:
            answer = self.post("/auth/register", {"email": email, "password": password})
        except HTTPFailure as failure:
            if failure.status != 409:
                raise
            answer = self.post(
                "/auth/token", form={"grant_type": "password", "username": email, "password": password})
        self.token = answer["access_token"]
        return answer


@dataclass
class Server:
    """The real server, started by `start()` and stopped by `stop()` (or `with`)."""

    data: Path
    port: int = field(default_factory=free_port)
    environment: dict = field(default_factory=dict)
    process: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self, token: str | None = None) -> Client:
        return Client(self.url, token)

    def start(self, timeout: float = 30) -> "Server":
        plugins = self.data / "plugins.json"
        if not plugins.exists():
            plugins.write_text(json.dumps({"providers": [
                {"id": "local", "type": "LocalFiles", "options": {"watch": False, "rescan_interval_minutes": 0}}]}))
        environment = {
            **os.environ,
            "MYSPOTIFY_DATA": str(self.data),
            "MYSPOTIFY_PLUGINS": str(plugins),
            "MYSPOTIFY_HOST": "127.0.0.1",
            "MYSPOTIFY_PORT": str(self.port),
            "MYSPOTIFY_WEB_DIR": str(ROOT / "Web"),
            # Fast hashing: the tests sign up many users; the cost is a setting.
            "MYSPOTIFY_BCRYPT_COST": "4",
            # Every test's account signs up from 127.0.0.1, more than the 5 an hour one
            # address may make as shipped (the Swift suite tests that limit).
            "MYSPOTIFY_SIGNUPS_PER_HOUR": "10000",
            **self.environment,
        }
        self.log_path = self.data / "server.log"
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [str(binary()), "serve"], env=environment, stdout=log, stderr=subprocess.STDOUT, cwd=self.data)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited ({self.process.returncode}):\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2):
                    return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not answer /healthz within {timeout} s:\n{self.log()}")

    def wait_for_tracks(self, client: Client, count: int, timeout: float = 30) -> None:
        """Waits until the start-up scan has catalogued `count` tracks."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            albums = client.get("/api/albums?limit=500")["items"]
            if sum(album["track_count"] for album in albums) >= count:
                return
            time.sleep(0.2)
        raise RuntimeError(f"the library did not reach {count} tracks within {timeout} s")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path and self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def new_data_folder(label: str) -> Path:
    """A fresh data folder with a generated library under library/."""
    folder = Path(tempfile.mkdtemp(prefix=f"myspotify-{label}-"))
    make_library(folder / "library")
    return folder


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
