"""The web app's files as served: every file is in the service worker's offline list, the
app's paths answer index.html, index.html and sw.js are revalidated, the manifest's icons
exist at their sizes. No browser needed."""

import json
import re
import struct
from pathlib import Path

import harness

WEB = harness.ROOT / "Web"


def test_service_worker_keeps_every_file_of_the_app():
    listed = set(re.findall(r"^\s*'(/[^']+)',?$", (WEB / "sw.js").read_text(), re.MULTILINE))
    on_disk = {"/" + str(path.relative_to(WEB)) for path in WEB.rglob("*") if path.is_file() and path.name != "sw.js"}
    assert listed == on_disk, f"missing from sw.js: {sorted(on_disk - listed)}; listed but absent: {sorted(listed - on_disk)}"


def test_manifest_icons_exist_with_their_sizes():
    manifest = json.loads((WEB / "manifest.webmanifest").read_text())
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    sizes = {}
    for icon in manifest["icons"]:
        path = WEB / icon["src"].lstrip("/")
        assert path.exists(), icon["src"]
        if icon["type"] == "image/png":
            width, height = struct.unpack(">II", path.read_bytes()[16:24])
            assert icon["sizes"] == f"{width}x{height}"
            sizes[icon["sizes"]] = True
    assert "192x192" in sizes and "512x512" in sizes


def test_the_server_serves_the_app_with_revalidation(server):
    client = server.client()
    for path in ("/", "/index.html", "/playlists/abc", "/admin", "/library/tracks"):
        status, headers, body = client.request("GET", path, raw=True)
        assert status == 200 and b'<script type="module" src="/js/main.js">' in body, path
    status, headers, _ = client.request("GET", "/sw.js", raw=True)
    assert status == 200 and "no-cache" in headers.get("Cache-Control", "")
    assert "javascript" in headers.get("Content-Type", "")
    status, headers, _ = client.request("GET", "/", raw=True)
    assert "no-cache" in headers.get("Cache-Control", "")
    # The page may run only its own scripts: the whole suite runs under this policy and
    # fails on any console error, so a violation (inline script or style) would show.
    policy = headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy, policy
    assert headers.get("X-Content-Type-Options") == "nosniff"
    status, headers, _ = client.request("GET", "/js/ui/app.js", raw=True)
    assert status == 200 and "javascript" in headers.get("Content-Type", "")
    status, headers, _ = client.request("GET", "/manifest.webmanifest", raw=True)
    assert status == 200
