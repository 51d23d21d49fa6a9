#!/usr/bin/env python3
"""Stand-in for yt-dlp as a SoundCloud source's search runs it (`-J --flat-playlist -- scsearchN:TEXT`),
for bench/run's progressive-search phase: it sleeps BENCH_STANDIN_SEARCH_SECONDS (default 4),
then answers three hits named after the query, the way yt-dlp lists a search. `--version`
answers at once. Nothing here touches the network; nothing is ever downloaded.
"""
import json
import os
import sys
import time


def main(arguments):
    if arguments == ["--version"]:
        print("2026.10.26")
        return 0
    target = arguments[arguments.index("--") + 1] if "--" in arguments else ""
    if not target.startswith("scsearch"):
        print(f"ERROR: the bench stand-in only searches, not {target!r}", file=sys.stderr)
        return 1
    time.sleep(float(os.environ.get("BENCH_STANDIN_SEARCH_SECONDS", "4")))
    text = target.split(":", 1)[1]
    entries = [{"id": f"standin-{n}", "title": f"{text} (stand-in {n})", "uploader": "Stand-in", "duration": 180,
                "webpage_url": f"https://soundcloud.com/standin/standin-{n}"} for n in range(1, 4)]
    print(json.dumps({"_type": "playlist", "entries": entries}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
