#!/usr/bin/env python3
"""A stand-in for yt-dlp that a SoundCloud source in the tests runs instead of the real one
(the machine has no internet). It answers the three commands the provider uses, the way
yt-dlp does: `--version`; `-J --flat-playlist -- scsearchN:TEXT` (a search listing);
`-J --no-playlist -- URL` (one item); `-f FORMAT -o - -- URL` (the audio on stdout).

Its catalogue is fixed; the audio is FAKE_YT_DLP_AUDIO. A track whose slug starts with
`slow-` takes FAKE_YT_DLP_SLOW_SECONDS before its audio, so the cache's "in progress" can be seen.
With FAKE_YT_DLP_SEARCH_GATE (a file path), a search answers only once that file exists
(60 s at most), so a test decides when this slow source has answered.
"""

import json
import os
import sys
import time

CATALOGUE = [
    {"slug": "tidewater/remote-tide", "title": "Remote Tide", "artist": "Tidewater", "duration": 6},
    {"slug": "tidewater/slow-current", "title": "Slow Current", "artist": "Tidewater", "duration": 6},
]


def item(entry):
    return {"id": entry["slug"].split("/")[1], "title": entry["title"], "uploader": entry["artist"],
            "duration": entry["duration"], "webpage_url": f"https://soundcloud.com/{entry['slug']}"}


def wait_for_gate():
    gate = os.environ.get("FAKE_YT_DLP_SEARCH_GATE")
    deadline = time.monotonic() + 60
    while gate and not os.path.exists(gate) and time.monotonic() < deadline:
        time.sleep(0.05)


def main(arguments):
    if arguments == ["--version"]:
        print("2026.10.26")
        return 0
    target = arguments[arguments.index("--") + 1]
    if "-J" in arguments and target.startswith("scsearch"):
        wait_for_gate()
        words = target.split(":", 1)[1].lower().split()
        hits = [item(entry) for entry in CATALOGUE if all(word in entry["title"].lower() for word in words)]
        print(json.dumps({"_type": "playlist", "entries": hits}))
        return 0
    entry = next((entry for entry in CATALOGUE if target.endswith(entry["slug"])), None)
    if entry is None:
        print(f"ERROR: [soundcloud] {target}: HTTP Error 404: Not Found", file=sys.stderr)
        return 1
    if "-J" in arguments:
        print(json.dumps(item(entry)))
        return 0
    if entry["slug"].split("/")[1].startswith("slow-"):
        time.sleep(float(os.environ.get("FAKE_YT_DLP_SLOW_SECONDS", "3")))
    with open(os.environ["FAKE_YT_DLP_AUDIO"], "rb") as audio:
        sys.stdout.buffer.write(audio.read())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
