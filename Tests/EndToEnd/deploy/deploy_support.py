"""What the deploy tests share: where the deploy files are, the tools that check them, and
the real Caddy (Debian's) running deploy/Caddyfile as a child process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import harness

ROOT = harness.ROOT
DEPLOY = ROOT / "deploy"
CADDYFILE = DEPLOY / "Caddyfile"
COMPOSE = DEPLOY / "compose.yaml"
DOCKERFILE = DEPLOY / "Dockerfile"
ENV_EXAMPLE = DEPLOY / ".env.example"


def tool(name: str) -> str:
    """A command-line tool: the virtual environment's own first (check-jsonschema), then PATH."""
    beside_python = Path(sys.executable).parent / name
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which(name)
    if not found:
        raise RuntimeError(f"`{name}` is not installed: run scripts/setup --tests (it installs caddy and check-jsonschema)")
    return found


def caddy_environment(home: Path, **settings: str) -> dict:
    """Caddy's environment: the Caddyfile's {$NAME} placeholders, and a throw-away home so
    that Caddy's autosaved config and storage never land in the user's own."""
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("CADDY_", "MYSPOTIFY_UPSTREAM"))}
    environment.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
    environment.update(settings)
    return environment


class Caddy:
    """Debian's caddy running deploy/Caddyfile on a free loopback port in front of `upstream`.

    `trusted_proxies` is the Caddyfile's CADDY_TRUSTED_PROXIES (its default, private_ranges,
    includes the loopback address the tests connect from)."""

    def __init__(self, upstream: str, trusted_proxies: str | None = None):
        self.port = harness.free_port()
        self.home = Path(tempfile.mkdtemp(prefix="myspotify-caddy-"))
        settings = {
            "CADDY_ADDRESS": f":{self.port}",
            "CADDY_BIND": "127.0.0.1",
            "MYSPOTIFY_UPSTREAM": upstream,
        }
        if trusted_proxies is not None:
            settings["CADDY_TRUSTED_PROXIES"] = trusted_proxies
        self.environment = caddy_environment(self.home, **settings)
        self.log_path = self.home / "caddy.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20) -> "Caddy":
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [tool("caddy"), "run", "--adapter", "caddyfile", "--config", str(CADDYFILE)],
            env=self.environment, stdout=log, stderr=subprocess.STDOUT, cwd=self.home)
        # Ready when /healthz answers through the proxy: Caddy listens and reaches the app.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"caddy exited ({self.process.returncode}):\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return self
            except OSError:  # not listening yet, or 502 while the upstream is not reachable
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"/healthz did not answer through caddy within {timeout} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        """Stops this Caddy by its own PID (SIGTERM, then SIGKILL) and removes its home."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.home, ignore_errors=True)
