#!/usr/bin/env python3
"""Clients for the warm remote plays phase of bench/run: a remote hit clicked soon after its
search, against a library track, on one server (the YouTube provider pointed at local files,
as in remote.py). Each subcommand prints one JSON line; every wait is bounded.

  warm.py results OUT ROUNDS               stand-in search answers: query clickNNN -> 4 hits
  warm.py rounds BASE LIBRARY_ID ROUNDS DELAY REMOTE_FILE LIBRARY_FILE OUT
                                           per round: search clickNNN, wait DELAY s (the
                                           click), then /stream of the library track, of the
                                           top hit (prepared by the search) and of the 4th
                                           hit (not prepared), in an order that rotates;
                                           JSON lines in OUT. Round 0 (untimed) warms both
                                           sides; rounds 1 to ROUNDS are the figures.

Requests carry "Authorization: Bearer $BENCH_TOKEN". A search or a play answered other than
200 makes the subcommand print its JSON line and exit 3, so no error answer is timed.
"""

import http.client
import json
import os
import statistics
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import remote  # noqa: E402  (play, md5_of, auth_headers: the same client as the remote phase)

HITS = 4            # per search; the provider prepares the first 3 (its default prepare_hits)
CLICK_LIMIT = 10.0  # the "clicked within 10 s of its search"


def video(round_index, hit):
    return f"warmclk{round_index:03d}{'abcd'[hit]}"   # 11 characters, a valid video id


def search(base, query, timeout=30):
    parsed = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
    start = time.perf_counter()
    try:
        connection.request("GET", f"/api/search?q={query}&sources=youtube&limit=20", headers=remote.auth_headers())
        response = connection.getresponse()
        body = response.read()
        return response.status, json.loads(body or b"null"), time.perf_counter() - start
    finally:
        connection.close()


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "results":
        out, rounds = args[0], int(args[1])
        answers = {f"click{r:03d}": [{"resultType": "song", "videoId": video(r, h), "title": video(r, h),
                                      "artists": [{"name": "Bench Warm", "id": None}], "album": None,
                                      "duration": "3:00", "duration_seconds": 180, "thumbnails": []}
                                     for h in range(HITS)] for r in range(0, rounds + 1)}
        json.dump(answers, open(out, "w"), indent=1)
        print(json.dumps({"queries": len(answers), "hits": HITS}))
    elif command == "rounds":
        base, library_id, rounds, delay, remote_file, library_file, out = args
        rounds, delay = int(rounds), float(delay)
        remote_md5, library_md5 = remote.md5_of(remote_file), remote.md5_of(library_file)
        rows = []
        with open(out, "w") as f:
            for r in range(0, rounds + 1):
                status, answer, search_time = search(base, f"click{r:03d}")
                if status != 200:
                    print(json.dumps({"round": r, "search_status": status, "answer": answer}))
                    remote.fail_unless_ok("rounds (search)", [status])
                ids = {hit["title"]: hit["id"] for hit in answer["results"]}
                searched = time.perf_counter()
                time.sleep(delay)
                plays = {"library": (library_id, library_md5), "prepared": (ids[video(r, 0)], remote_md5),
                         "unprepared": (ids[video(r, 3)], remote_md5)}
                order = ["library", "prepared", "unprepared"]
                order = order[r % 3:] + order[:r % 3]   # no kind always first
                row = {"round": r, "warmup": r == 0, "search": round(search_time, 4), "order": order, "plays": {}}
                for kind in order:
                    clicked = time.perf_counter() - searched
                    result = remote.play(base, plays[kind][0], plays[kind][1])
                    result["after_search"] = round(clicked, 3)
                    row["plays"][kind] = result
                f.write(json.dumps(row) + "\n")
                rows.append(row)
        statuses = [p.get("status") for row in rows for p in row["plays"].values()]
        rows = [row for row in rows if not row["warmup"]]
        complete = all(p.get("complete") for row in rows for p in row["plays"].values())

        def median(kind):
            values = [row["plays"][kind]["ttfb"] for row in rows if row["plays"][kind].get("ttfb") is not None]
            return statistics.median(values) if values else None

        late = [row["plays"]["prepared"]["after_search"] for row in rows
                if row["plays"]["prepared"]["after_search"] > CLICK_LIMIT]
        print(json.dumps({"rounds": len(rows), "complete": complete, "library_median": median("library"),
                          "prepared_median": median("prepared"), "unprepared_median": median("unprepared"),
                          "clicked_after_max": max(row["plays"]["prepared"]["after_search"] for row in rows),
                          "clicked_late": len(late)}))
        remote.fail_unless_ok("rounds", statuses)
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
