#!/usr/bin/env python3
"""The transcoding figures of bench/run: how soon a transcoded stream starts, against ffmpeg
run alone on the same file, and how many 128 kbps transcodes keep up with real time at once.

  transcode.py measure BASE SERVER_PID TRACK_ID FLAC SECONDS OUT_JSON

BASE is the server under test (started by bench/run with MYSPOTIFY_MAX_TRANSCODES high
enough for the ladder below), TRACK_ID the library track whose file is FLAC (SECONDS of
audio). Requests carry "Authorization: Bearer $BENCH_TOKEN".

- The reference command is the server's own: during one untimed request the command line of
  the ffmpeg child of SERVER_PID is read from /proc, and ffmpeg alone runs exactly that,
  with the file on its standard input as the server gives it.
- Start latency: pairs, one after the other, the side that goes first alternating: ffmpeg
  alone timed from its spawn to its first byte on standard output, and
  `GET /stream/ID?format=mp3&max_bitrate=128` on a fresh connection timed from the connect
  to the first body byte. Both read to the end.
- Cost of one stream: COST_RUNS streams one after the other of the original (no query),
  of the data saver's Opus 96 kbps and of MP3 128 kbps: time to first byte, and the CPU
  time the server spent per stream, its own and its reaped children's (ffmpeg), from
  /proc/SERVER_PID/stat; the reference for the CPU is ffmpeg alone (its rusage) on the
  same command line, for the time to first byte the original.
- Real time at once: N clients at once each read the whole 128 kbps stream as fast as they
  can (N = 1, 2, 4, ... up to 64, then halving the gap between the last N that kept up and
  the first that did not, to a quarter of the former); a stream keeps up with real time when its SECONDS of audio
  arrive within SECONDS of wall time. The figure is the largest N at which every stream
  did; the same search with N ffmpeg processes alone is the reference.

Every wait is bounded; every process started here is waited for, and killed by its PID if
it outlives its deadline. An answer of the server other than 200 stops the measurement
(exit 3), so no figure is measured on error answers.
"""

import http.client
import json
import os
import select
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

QUERY = "format=mp3&max_bitrate=128"
# The web player's data saver (docs/WEB.md), for the cost of one stream against the original.
OPUS_QUERY = "format=opus&max_bitrate=96"
COST_RUNS = 3
TIMEOUT = 120.0
PAIRS = 7
LADDER = [1, 2, 4, 8, 16, 32, 64]


def token_header():
    token = os.environ.get("BENCH_TOKEN", "")
    if not token:
        sys.exit("transcode.py: BENCH_TOKEN is not set (bench/run signs in after starting the server)")
    return {"Authorization": f"Bearer {token}"}


def stream(base, track_id, start=None, timeout=TIMEOUT, first_only=False, query=QUERY):
    """GET the stream (transcoded as `query` asks) on a fresh connection: status, time to the
    first body byte, bytes and total time from `start` (the connect when not given)."""
    parsed = urllib.parse.urlsplit(base)
    start = start or time.perf_counter()
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
    result = {}
    try:
        connection.request("GET", f"/stream/{track_id}" + (f"?{query}" if query else ""), headers=token_header())
        response = connection.getresponse()
        result["status"] = response.status
        first = response.read(1)
        result["ttfb"] = time.perf_counter() - start
        size = len(first)
        if not first_only:
            while True:
                chunk = response.read(1 << 16)
                if not chunk:
                    break
                size += len(chunk)
        result["bytes"] = size
    except Exception as error:  # reported; a failed stream never counts as keeping up
        result["error"] = f"{type(error).__name__}: {error}"
    finally:
        connection.close()
    result["total"] = time.perf_counter() - start
    return result


def server_command(base, track_id, server_pid, query=QUERY):
    """The ffmpeg command line the server runs for this stream, read from /proc while one
    request is under way (the client reads one byte and waits)."""
    parsed = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    try:
        connection.request("GET", f"/stream/{track_id}?{query}", headers=token_header())
        response = connection.getresponse()
        if response.status != 200:
            fail(f"the probe request answered {response.status}")
        response.read(1)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            for command in ffmpeg_children(server_pid):
                return command
            time.sleep(0.02)
        fail("no ffmpeg child of the server was seen during a transcoded stream")
    finally:
        connection.close()


def ffmpeg_children(pid):
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                command = [part.decode() for part in f.read().split(b"\0") if part]
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] != "Z" and int(fields[1]) == pid and command and "aformat=channel_layouts=mono|stereo" in command:
            found.append(command)
    return found


def ffmpeg_alone(command, flac, start=None, timeout=TIMEOUT, first_only=False):
    """Runs the server's ffmpeg command on `flac` (as its standard input): time to its first
    output byte, bytes and total time."""
    start = start or time.perf_counter()
    with open(flac, "rb") as source:
        process = subprocess.Popen(command, stdin=source, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    result = {}
    size = 0
    try:
        deadline = start + timeout
        descriptor = process.stdout.fileno()
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([descriptor], [], [], max(0.0, deadline - time.perf_counter()))
            if not ready:
                continue
            chunk = os.read(descriptor, 1 << 16)
            if not chunk:
                break
            if size == 0:
                result["ttfb"] = time.perf_counter() - start
                if first_only:
                    size += len(chunk)
                    break
            size += len(chunk)
    finally:
        if first_only:
            process.kill()   # not reaped yet (no poll: reap reads its rusage), so the pid is still ours
        result["cpu"] = reap(process, max(1.0, start + timeout - time.perf_counter()))
        process.stdout.close()
    result["bytes"] = size
    result["rc"] = process.returncode
    result["total"] = time.perf_counter() - start
    return result


def reap(process, timeout):
    """Waits for `process` (bounded; killed past it) and returns its CPU seconds (user +
    system, from wait4's rusage)."""
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid == process.pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return usage.ru_utime + usage.ru_stime
        if time.monotonic() > deadline:
            process.kill()
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            return usage.ru_utime + usage.ru_stime
        time.sleep(0.002)


def server_cpu(pid):
    """CPU seconds of the server so far: its own and its reaped children's (utime, stime,
    cutime, cstime of /proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def cost(base, track_id, server_pid, query, flac):
    """COST_RUNS streams one after the other: the median time to first byte, and the CPU the
    server spent per stream; with `flac`, the same for ffmpeg alone on the server's command."""
    command = server_command(base, track_id, server_pid, query) if query else None
    stream(base, track_id, query=query)   # untimed: a first run pays for the page cache
    before = server_cpu(server_pid)
    runs = [stream(base, track_id, query=query) for _ in range(COST_RUNS)]
    spent = server_cpu(server_pid) - before
    if any(run.get("status") not in (200, 206) for run in runs):
        fail(f"a stream for the cost ({query or 'original'}) answered {runs}")
    result = {"query": query, "ttfb": statistics.median(run["ttfb"] for run in runs),
              "cpu": spent / COST_RUNS, "bytes": statistics.median(run["bytes"] for run in runs)}
    if command:
        alone = [ffmpeg_alone(command, flac) for _ in range(COST_RUNS)]
        result["alone_ttfb"] = statistics.median(run["ttfb"] for run in alone)
        result["alone_cpu"] = statistics.median(run["cpu"] for run in alone)
        result["command"] = command
    return result


def at_once(count, run):
    """`run()` in `count` threads started together; their results."""
    results = [None] * count
    barrier = threading.Barrier(count)

    def worker(index):
        barrier.wait()
        results[index] = run()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT + 30)
    return results


def fail(message):
    sys.stdout.flush()
    print(f"transcode.py: {message}", file=sys.stderr)
    sys.exit(3)


def measure(base, server_pid, track_id, flac, seconds, out):
    command = server_command(base, track_id, server_pid)
    # One untimed of each, so neither side pays a first start (page cache, libraries).
    ffmpeg_alone(command, flac)
    warm = stream(base, track_id)
    if warm.get("status") != 200:
        fail(f"the warm-up stream answered {warm}")

    pairs = []
    for index in range(PAIRS):
        order = ["alone", "server"] if index % 2 == 0 else ["server", "alone"]
        pair = {"first": order[0]}
        for side in order:
            pair[side] = ffmpeg_alone(command, flac) if side == "alone" else stream(base, track_id)
        if pair["server"].get("status") != 200:
            fail(f"a timed stream answered {pair['server']}")
        pairs.append(pair)

    costs = {"original": cost(base, track_id, server_pid, "", flac),
             "opus96": cost(base, track_id, server_pid, OPUS_QUERY, flac),
             "mp3128": cost(base, track_id, server_pid, QUERY, flac)}
    for name, entry in costs.items():
        print(f"  cost {name}: first byte {entry['ttfb'] * 1000:.1f} ms, server CPU {entry['cpu']:.3f} s per stream"
              + (f" (ffmpeg alone {entry['alone_cpu']:.3f} s)" if "alone_cpu" in entry else ""), file=sys.stderr)

    expected = seconds * 128_000 / 8

    def trial(side, count):
        run = (lambda: ffmpeg_alone(command, flac)) if side == "alone" else (lambda: stream(base, track_id))
        results = at_once(count, run)
        if side == "server" and any(result is None or result.get("status") != 200 for result in results):
            fail(f"{count} streams at once: not every answer was 200: {[r and r.get('status') for r in results]}")
        # A stream that came short (or not at all) never counts as keeping up.
        speeds = [seconds / result["total"] if result and result.get("bytes", 0) >= expected * 0.9 else 0 for result in results]
        row = {"side": side, "count": count, "slowest": min(speeds), "median": statistics.median(speeds),
               "wall": max(result["total"] for result in results if result)}
        print(f"  {side}: {count} at once, slowest {row['slowest']:.2f}x real time", file=sys.stderr)
        return row

    ladder = []
    capacity = {}
    for side in ("alone", "server"):
        passed, failed = 0, None
        for count in LADDER:
            row = trial(side, count)
            ladder.append(row)
            if row["slowest"] >= 1:
                passed = count
            else:
                failed = count
                break
        # Between the last count that kept up and the first that did not, halve the gap a few times.
        # (To a quarter of the last count that kept up: the part runs in under 2 minutes.)
        while failed is not None and failed - passed > max(1, passed // 4):
            count = (passed + failed) // 2
            row = trial(side, count)
            ladder.append(row)
            if row["slowest"] >= 1:
                passed = count
            else:
                failed = count
        capacity[side] = {"kept_up": passed, "first_behind": failed}

    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    leftovers = ffmpeg_children(server_pid)
    summary = {"command": command, "seconds": seconds, "pairs": pairs, "costs": costs, "cost_runs": COST_RUNS, "ladder": ladder, "capacity": capacity,
               "loadavg_end": load, "leftover_ffmpeg": len(leftovers), "nproc": os.cpu_count()}
    with open(out, "w") as f:
        json.dump(summary, f)
    alone = statistics.median(pair["alone"]["ttfb"] for pair in pairs)
    server = statistics.median(pair["server"]["ttfb"] for pair in pairs)
    print(json.dumps({"ttfb_alone": round(alone, 4), "ttfb_server": round(server, 4), "capacity": capacity,
                      "opus96": {k: round(v, 4) for k, v in costs["opus96"].items() if isinstance(v, float)},
                      "original_ttfb": round(costs["original"]["ttfb"], 4)}))


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "measure":
        base, pid, track_id, flac, seconds, out = args
        measure(base, int(pid), track_id, flac, float(seconds), out)
    else:
        sys.exit(f"transcode.py: unknown command {command}")


if __name__ == "__main__":
    main()
