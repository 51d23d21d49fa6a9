#!/usr/bin/env python3
"""MySpotify's resident ytmusicapi helper: one JSON object per line on stdin and stdout.

Python and ytmusicapi take about half a second to start, so the YouTube provider keeps
one helper running and sends it every search.

Request:  {"id": 1, "method": "search", "query": "...", "filter": "songs", "limit": 20}
          {"id": 2, "method": "ping"}
Reply:    {"id": 1, "ok": true, "results": [...]}   the items as ytmusicapi returns them
          {"id": 1, "ok": false, "error": "..."}
"""
import json
import sys

FIELDS = ("videoId", "title", "artists", "album", "duration", "duration_seconds", "thumbnails", "resultType", "year")


def reply(message):
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def main():
    client = None
    startup_error = None
    try:
        from ytmusicapi import YTMusic
        client = YTMusic()
    except Exception as error:  # reported on every request, so the provider can say why
        startup_error = f"ytmusicapi is not usable: {error}"

    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            request = json.loads(line)
        except ValueError as error:
            reply({"id": None, "ok": False, "error": f"request is not JSON: {error}"})
            continue
        request_id = request.get("id")
        method = request.get("method")
        if method == "ping":
            reply({"id": request_id, "ok": startup_error is None, "error": startup_error})
            continue
        if method != "search":
            reply({"id": request_id, "ok": False, "error": f"unknown method {method!r}"})
            continue
        if startup_error:
            reply({"id": request_id, "ok": False, "error": startup_error})
            continue
        try:
            items = client.search(request["query"], filter=request.get("filter", "songs"), limit=int(request.get("limit", 20)))
            results = [{key: item.get(key) for key in FIELDS} for item in items if item.get("videoId")]
            reply({"id": request_id, "ok": True, "results": results})
        except Exception as error:
            reply({"id": request_id, "ok": False, "error": f"{type(error).__name__}: {error}"})


if __name__ == "__main__":
    main()
