#!/usr/bin/env python3
"""Clients for the remote-source benchmarks of bench/run (the YouTube provider pointed at
local files). Each subcommand prints one JSON line. Every wait is bounded; a yt-dlp started
here is waited for, and killed by its PID if it outlives its deadline.

  remote.py results OUT QUERY=ID,ID... ...     stand-in search answers (BENCH_YTMUSIC_RESULTS)
  remote.py ytdlp YTDLP URL EXPECT_FILE        yt-dlp alone: time to its first stdout byte
  remote.py play BASE TRACK_ID EXPECT_FILE     GET /stream/ID: time to the first body byte
  remote.py ttfb YTDLP BASE PAIRS EXPECT OUT   pairs (yt-dlp alone, server; order alternating), JSON lines in OUT
  remote.py concurrent BASE PER_TRACK EXPECT MATCH ID...
                                               PER_TRACK clients per track, all at once
  remote.py log-gets ACCESS_LOG PREFIX         GET requests per file in an nginx access log
  remote.py wait-cached BASE ID SECONDS        polls /api/tracks/ID until is_cached
  remote.py plugins OUT PYTHON HELPER YTDLP WATCH_URL [PREPARE_HITS]   the bench's plugins.json
  remote.py ids SEARCH_JSON                    "title<TAB>track id" of a search answer
  remote.py leftovers KEY=VALUE                live processes whose environment has KEY=VALUE

Requests to the server (play, ttfb, concurrent, wait-cached) carry "Authorization: Bearer
$BENCH_TOKEN" (bench/run signs in after each server start). An answer of the server other
than 200 makes the subcommand print its JSON line, then exit with status 3 and a message
on standard error, so that no error answer is ever timed as a play.
"""

import hashlib
import http.client
import json
import os
import select
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

FORMAT = "ba[ext=m4a]/ba/b"
TIMEOUT = 60.0


def auth_headers():
    """The bench user's bearer token for the server under test (never sent to nginx)."""
    token = os.environ.get("BENCH_TOKEN", "")
    if not token:
        sys.exit("remote.py: BENCH_TOKEN is not set (bench/run signs in after starting the server)")
    return {"Authorization": f"Bearer {token}"}


def fail_unless_ok(what, statuses):
    """Exit 3 when any server answer was not 200 (None: no answer at all, reported elsewhere)."""
    bad = [status for status in statuses if status is not None and status != 200]
    if bad:
        sys.stdout.flush()
        print(f"remote.py {what}: the server answered {sorted(set(bad))} (expected 200) {len(bad)} time(s)", file=sys.stderr)
        sys.exit(3)


def md5_of(path):
    digest = hashlib.md5()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ytdlp(executable, url, expected_md5, timeout=TIMEOUT):
    """Runs yt-dlp as the server does (same arguments), reading its standard output."""
    command = [executable, "-f", FORMAT, "--no-playlist", "-q", "--no-warnings", "-o", "-", "--no-progress", "--", url]
    start = time.perf_counter()
    deadline = start + timeout
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    first = None
    digest = hashlib.md5()
    size = 0
    error = b""
    streams = {process.stdout.fileno(): "out", process.stderr.fileno(): "err"}
    try:
        while streams and time.perf_counter() < deadline:
            ready, _, _ = select.select(list(streams), [], [], max(0.0, deadline - time.perf_counter()))
            for fd in ready:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    del streams[fd]
                elif streams[fd] == "out":
                    if first is None:
                        first = time.perf_counter() - start
                    digest.update(chunk)
                    size += len(chunk)
                else:
                    error += chunk
        try:
            rc = process.wait(timeout=max(0.1, deadline - time.perf_counter()))
        except subprocess.TimeoutExpired:
            rc = None
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        process.stdout.close()
        process.stderr.close()
    total = time.perf_counter() - start
    return {"ttfb": first, "total": round(total, 4), "bytes": size, "complete": digest.hexdigest() == expected_md5,
            "rc": rc, "stderr": error.decode(errors="replace")[-300:]}


def play(base, track_id, expected_md5, start=None, timeout=TIMEOUT):
    """GET /stream/ID on a fresh connection: time to the headers and to the first body byte."""
    parsed = urllib.parse.urlsplit(base)
    start = start or time.perf_counter()
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
    result = {"id": track_id}
    headers = auth_headers()
    try:
        connection.request("GET", f"/stream/{track_id}", headers=headers)
        response = connection.getresponse()
        result["headers"] = time.perf_counter() - start
        result["status"] = response.status
        result["length_header"] = response.getheader("Content-Length")
        digest = hashlib.md5()
        first = response.read(1)
        result["ttfb"] = time.perf_counter() - start
        digest.update(first)
        size = len(first)
        while True:
            chunk = response.read(1 << 20)
            if not chunk:
                break
            digest.update(chunk)
            size += len(chunk)
        result["bytes"] = size
        result["complete"] = response.status == 200 and digest.hexdigest() == expected_md5
    except Exception as error:  # reported, counted as incomplete
        result["error"] = f"{type(error).__name__}: {error}"
        result["complete"] = False
    finally:
        connection.close()
    result["total"] = round(time.perf_counter() - start, 4)
    return result


def get_json(base, path, timeout=30):
    parsed = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
    try:
        connection.request("GET", path, headers=auth_headers())
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        connection.close()


class ProcessWatcher(threading.Thread):
    """Polls /proc every 20 ms for yt-dlp processes whose command line contains `match`;
    tells processes apart by (pid, start time) and keeps each one's parent."""

    def __init__(self, match):
        super().__init__(daemon=True)
        self.match = match.encode()
        self.seen = {}
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            for name in os.listdir("/proc"):
                if not name.isdigit():
                    continue
                try:
                    with open(f"/proc/{name}/cmdline", "rb") as f:
                        command = f.read()
                    if b"yt-dlp" not in command or self.match not in command:
                        continue
                    with open(f"/proc/{name}/stat") as f:
                        fields = f.read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                key = (int(name), fields[19])
                now = time.perf_counter()
                if key in self.seen:
                    self.seen[key]["last"] = now
                else:
                    self.seen[key] = {"pid": int(name), "ppid": int(fields[1]), "first": now, "last": now,
                                      "argv": command.replace(b"\0", b" ").decode(errors="replace")[:300]}
            self.stop.wait(0.02)


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "results":
        out, groups = args[0], args[1:]
        answers = {}
        for group in groups:
            query, _, ids = group.partition("=")
            answers[query] = [{"resultType": "song", "videoId": video, "title": video,
                               "artists": [{"name": "Bench Remote", "id": None}], "album": None,
                               "duration": "3:00", "duration_seconds": 180, "thumbnails": []} for video in ids.split(",")]
        json.dump(answers, open(out, "w"), indent=1)
        print(json.dumps({query: len(results) for query, results in answers.items()}))
    elif command == "plugins":
        out, python, helper, executable, watch_url = args[:5]
        options = {"python": python, "helper_script": helper, "yt_dlp": executable, "watch_url": watch_url}
        if len(args) > 5:
            options["prepare_hits"] = int(args[5])
        json.dump({"providers": [
            {"id": "local", "type": "LocalFiles", "options": {"watch": False, "rescan_interval_minutes": 10080}},
            {"id": "youtube", "type": "YouTube", "search_timeout_ms": 20000, "options": options}]},
            open(out, "w"), indent=2)
    elif command == "ids":
        for result in json.load(open(args[0]))["results"]:
            print(f"{result['title']}\t{result['id']}")
    elif command == "leftovers":
        entry = args[0].encode()
        for name in os.listdir("/proc"):
            if not name.isdigit() or int(name) == os.getpid():
                continue
            try:
                with open(f"/proc/{name}/environ", "rb") as f:
                    environment = f.read().split(b"\0")
                with open(f"/proc/{name}/stat") as f:
                    state = f.read().rsplit(")", 1)[1].split()[0]
                with open(f"/proc/{name}/cmdline", "rb") as f:
                    command_line = f.read().replace(b"\0", b" ").decode(errors="replace")[:200]
            except OSError:
                continue
            if entry in environment and state != "Z":
                print(f"{name} {command_line}")
    elif command == "ytdlp":
        print(json.dumps(ytdlp(args[0], args[1], md5_of(args[2]))))
    elif command == "play":
        result = play(args[0], args[1], md5_of(args[2]))
        print(json.dumps(result))
        fail_unless_ok("play", [result.get("status")])
    elif command == "ttfb":
        executable, base, pairs, expect, out = args
        expected = md5_of(expect)
        rows = []
        with open(out, "w") as f:
            lines = [line.split() for line in open(pairs) if line.strip()]
            for index, (url, track_id) in enumerate(lines):
                # Alternate which side goes first, so that neither always follows the other.
                if index % 2 == 0:
                    reference = ytdlp(executable, url, expected)
                    served = play(base, track_id, expected)
                else:
                    served = play(base, track_id, expected)
                    reference = ytdlp(executable, url, expected)
                row = {"url": url, "id": track_id, "first": "ytdlp" if index % 2 == 0 else "server",
                       "ytdlp": reference, "server": served}
                f.write(json.dumps(row) + "\n")
                rows.append(row)
        ok = [r for r in rows if r["ytdlp"]["ttfb"] is not None and r["server"].get("ttfb") is not None
              and r["server"].get("status") == 200]
        print(json.dumps({"pairs": len(rows), "usable": len(ok),
                          "ytdlp_median": statistics.median(r["ytdlp"]["ttfb"] for r in ok) if ok else None,
                          "server_median": statistics.median(r["server"]["ttfb"] for r in ok) if ok else None}))
        fail_unless_ok("ttfb", [r["server"].get("status") for r in rows])
    elif command == "concurrent":
        base, per_track, expect, match, ids = args[0], int(args[1]), args[2], args[3], args[4:]
        expected = md5_of(expect)
        clients = [track_id for track_id in ids for _ in range(per_track)]
        barrier = threading.Barrier(len(clients) + 1, timeout=30)
        results = [None] * len(clients)
        release = {}

        def client(index, track_id):
            barrier.wait()
            results[index] = play(base, track_id, expected, start=release["at"])

        watcher = ProcessWatcher(match)
        watcher.start()
        threads = [threading.Thread(target=client, args=(i, t), daemon=True) for i, t in enumerate(clients)]
        for thread in threads:
            thread.start()
        release["at"] = time.perf_counter()
        barrier.wait()
        for thread in threads:
            thread.join(TIMEOUT + 10)
        wall = time.perf_counter() - release["at"]
        time.sleep(0.5)  # a process that starts late would still show
        watcher.stop.set()
        watcher.join(5)
        done = [r for r in results if r]
        ttfbs = sorted(r["ttfb"] for r in done if r.get("ttfb") is not None)
        # A child that yt-dlp forks (to look for ffmpeg, say) shows its command line until it
        # execs: such a process, whose parent is a yt-dlp seen here, is not a download.
        pids = {p["pid"] for p in watcher.seen.values()}
        downloads = [p for p in watcher.seen.values() if p["ppid"] not in pids]
        per_url = {}
        for process in downloads:
            url = next((part for part in process["argv"].split() if match in part), "?")
            per_url[url] = per_url.get(url, 0) + 1
        print(json.dumps({
            "clients": len(clients), "answered": len(done), "complete": sum(1 for r in done if r.get("complete")),
            "statuses": sorted({r.get("status") for r in done if r.get("status")}),
            "errors": [r["error"] for r in done if r.get("error")][:5],
            "ttfb_median": statistics.median(ttfbs) if ttfbs else None, "ttfb_max": ttfbs[-1] if ttfbs else None,
            "wall": round(wall, 4), "ytdlp_processes": len(downloads),
            "forked_children": len(watcher.seen) - len(downloads), "ytdlp_per_url": per_url,
            "processes": [dict(p, first=round(p["first"] - release["at"], 3), last=round(p["last"] - release["at"], 3))
                          for p in sorted(watcher.seen.values(), key=lambda p: p["first"])]}))
        fail_unless_ok("concurrent", [r.get("status") for r in done])
    elif command == "log-gets":
        path, prefix = args
        counts = {}
        for line in open(path):
            parts = line.split()
            if len(parts) >= 4 and parts[3] == "GET" and parts[0].startswith(prefix):
                counts[parts[0]] = counts.get(parts[0], 0) + 1
        print(json.dumps({"files": len(counts), "gets": sum(counts.values()), "per_file": counts}))
    elif command == "wait-cached":
        base, track_id, seconds = args[0], args[1], float(args[2])
        deadline = time.perf_counter() + seconds
        body = None
        while time.perf_counter() < deadline:
            status, body = get_json(base, f"/api/tracks/{track_id}")
            if status != 200:
                print(json.dumps({"cached": False, "status": status, "last": body}))
                fail_unless_ok("wait-cached", [status])
            if body.get("is_cached"):
                print(json.dumps({"cached": True, "waited": round(seconds - (deadline - time.perf_counter()), 3),
                                  "size": body.get("size"), "format": body.get("format")}))
                return
            time.sleep(0.1)
        print(json.dumps({"cached": False, "last": body}))
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
