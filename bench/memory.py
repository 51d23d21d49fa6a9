#!/usr/bin/env python3
"""Memory and start-up figures of the MySpotify server (the "memory" phase of bench/run).

  memory.py smaps PID                      where the resident bytes are, as one JSON line
  memory.py startup RUNS OUT.json -- CMD... exec to the first 200 of /healthz, RUNS times
                                           (CMD holds {port}; each start is stopped after)
  memory.py help RUNS -- CMD...            exec to exit of CMD (the `--help` reference)
  memory.py streams BASE PID TRACK SIZE CLIENTS SECONDS SETTLE OUT.json
                                           CLIENTS readers of /stream/TRACK at once for
                                           SECONDS, RSS sampled throughout, then for SETTLE s
  memory.py watch-ready PID FOLDERS SECONDS  waits until the server's inotify descriptor
                                           watches FOLDERS folders (its watcher is set up)
  memory.py watch BASE LIBRARY TEMPLATE COUNT OUT.json
                                           COUNT files land in a new album folder of the
                                           watched LIBRARY; time until search finds them all

Only the standard library; every request goes to 127.0.0.1. A stream answered other than
206 with the whole file, or a start that never answers, exits non-zero: no figure is
written for a failed run. `streams` reads the bench user's token from BENCH_TOKEN.
"""

import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

# --------------------------------------------------------------------------- smaps


ARENA = 64 << 20   # glibc's HEAP_MAX_SIZE on 64-bit: each extra malloc arena is one such aligned reservation


def classify(path, start, end):
    """The group a mapping of /proc/PID/smaps belongs to."""
    if not path:
        # Anonymous: glibc's extra malloc arenas live in 64 MiB reservations aligned on
        # 64 MiB (the used part read-write, the rest PROT_NONE); threads get 8 MiB stacks
        # (the default RLIMIT_STACK) behind a guard page; the rest is large mallocs
        # (mmap'd past the threshold) and the Swift runtime's own allocations.
        if (end - start) // 1024 in (8192, 8188, 8196):
            return "thread stacks"
        if start % ARENA == 0 or end % ARENA == 0:
            return "malloc arenas (threads' heaps)"
        return "other anonymous (large allocations, runtime)"
    if path == "[heap]":
        return "malloc main heap ([heap])"
    if path == "[stack]":
        return "thread stacks"
    if path.startswith("["):
        return "kernel ([vdso], [vvar]...)"
    base = os.path.basename(path)
    if base == "myspotify" or path.endswith("/myspotify"):
        return "the binary (myspotify)"
    if "FoundationICU" in base:
        return "ICU (lib_FoundationICU)"
    if base.startswith("libFoundation"):
        return "Foundation (libFoundation*)"
    if "/swift/" in path:
        return "Swift runtime (libswiftCore, Concurrency, Dispatch...)"
    if base.startswith("libsqlite3"):
        return "libsqlite3"
    if ".sqlite" in base:
        return "catalog files (-shm, mmap)"
    if ".so" in base:
        return "other libraries (libc, libstdc++, libtag...)"
    return "other files"


FIELDS = ("Rss", "Pss", "Private_Clean", "Private_Dirty", "Shared_Clean", "Shared_Dirty", "Anonymous")


def smaps(pid):
    groups = {}
    current = None
    header = re.compile(r"^[0-9a-f]+-[0-9a-f]+ ")
    for line in open(f"/proc/{pid}/smaps"):
        if header.match(line):
            parts = line.split(None, 5)
            start, end = (int(x, 16) for x in parts[0].split("-"))
            path = parts[5].strip() if len(parts) > 5 else ""
            if path.endswith(" (deleted)"):
                path = path[: -len(" (deleted)")]
            current = {"path": path, "size": (end - start) // 1024}
            current["group"] = classify(path, start, end)
            groups.setdefault(current["group"], {f: 0 for f in FIELDS + ("mappings",)})["mappings"] += 1
            continue
        key, _, rest = line.partition(":")
        if current and key in FIELDS:
            groups[current["group"]][key] += int(rest.split()[0])
    total = {f: sum(g[f] for g in groups.values()) for f in FIELDS}
    private = total["Private_Clean"] + total["Private_Dirty"]
    shared = total["Shared_Clean"] + total["Shared_Dirty"]
    file_backed = total["Rss"] - total["Anonymous"]
    status = {}
    for line in open(f"/proc/{pid}/status"):
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem", "Threads"):
            status[key] = int(rest.split()[0])
    return {
        "rss_kb": total["Rss"], "pss_kb": total["Pss"], "private_kb": private, "shared_kb": shared,
        "anonymous_kb": total["Anonymous"], "file_backed_kb": file_backed,
        "status": status,
        "groups": {name: g for name, g in sorted(groups.items(), key=lambda kv: -kv[1]["Rss"])},
    }


# --------------------------------------------------------------------------- start-up


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthz(port):
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/healthz")
        status = connection.getresponse().status
        connection.close()
        return status
    except OSError:
        return None


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def startup(runs, out_path, command):
    """Exec to the first 200 of /healthz: the server polled every 2 ms (a refused
    connection costs microseconds), each start on a fresh port, stopped after."""
    times = []
    for _ in range(runs):
        port = free_port()
        argv = [part.replace("{port}", str(port)) for part in command]
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                if healthz(port) == 200:
                    times.append(time.perf_counter() - start)
                    break
                if process.poll() is not None:
                    sys.exit(f"the server exited ({process.returncode}) before answering /healthz: {' '.join(argv)}")
                if time.perf_counter() - start > 60:
                    sys.exit("no 200 from /healthz within 60 s")
                time.sleep(0.002)
        finally:
            stop(process)
    result = {"runs": [round(t, 4) for t in times], "median": round(statistics.median(times), 4)}
    json.dump(result, open(out_path, "w"))
    print(json.dumps(result))


def help_time(runs, command):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    print(json.dumps({"runs": [round(t, 4) for t in times], "median": round(statistics.median(times), 4)}))


# --------------------------------------------------------------------------- streams


def rss_kb(pid, field="VmRSS"):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return None


def streams(base, pid, track, size, clients, seconds, settle, out_path):
    """CLIENTS readers, released together, each streaming the whole file (Range bytes=0-)
    again and again until SECONDS are over; RSS sampled every 100 ms throughout, then every
    second for SETTLE seconds after the last reader ends."""
    token = os.environ["BENCH_TOKEN"]
    url = urllib.parse.urlparse(base)
    barrier = threading.Barrier(clients + 1)
    deadline = [0.0]
    failures = []
    totals = [0] * clients

    def reader(index):
        barrier.wait()
        while time.monotonic() < deadline[0] and not failures:
            connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            try:
                connection.request("GET", f"/stream/{track}", headers={"Authorization": f"Bearer {token}", "Range": "bytes=0-"})
                response = connection.getresponse()
                if response.status != 206:
                    failures.append(f"status {response.status}: {response.read(300)!r}")
                    return
                got = 0
                while True:
                    chunk = response.read(65536)
                    if not chunk:
                        break
                    got += len(chunk)
                if got != size:
                    failures.append(f"got {got} bytes of {size}")
                    return
                totals[index] += got
            except OSError as error:
                failures.append(f"{type(error).__name__}: {error}")
                return
            finally:
                connection.close()

    threads = [threading.Thread(target=reader, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    before = rss_kb(pid)
    samples = []
    start = time.monotonic()
    deadline[0] = start + seconds
    barrier.wait()
    while any(t.is_alive() for t in threads):
        samples.append(rss_kb(pid))
        time.sleep(0.1)
    for thread in threads:
        thread.join()
    ended = time.monotonic()
    if failures:
        sys.exit(f"{len(failures)} streams failed, first: {failures[0]}")
    peak_threads = rss_kb(pid, "Threads")
    after = []
    for second in range(1, settle + 1):
        time.sleep(max(0.0, ended + second - time.monotonic()))
        after.append(rss_kb(pid))
    result = {
        "clients": clients, "seconds": round(ended - start, 2), "bytes": sum(totals),
        "mbps": round(sum(totals) / (ended - start) / 1e6, 1),
        "rss_before_kb": before, "rss_max_kb": max(samples), "hwm_kb": rss_kb(pid, "VmHWM"),
        "rss_after_kb": after, "threads": peak_threads,
    }
    json.dump(result, open(out_path, "w"))
    print(json.dumps({k: v for k, v in result.items() if k != "rss_after_kb"} | {"rss_after_1s": after[0], "rss_after_last": after[-1]}))


# --------------------------------------------------------------------------- watcher


def inotify_watches(pid):
    """Watches held by the process's inotify descriptors (lines of their fdinfo)."""
    total = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") != "anon_inode:inotify":
                continue
            total += sum(1 for line in open(f"/proc/{pid}/fdinfo/{fd}") if line.startswith("inotify wd:"))
        except OSError:
            continue
    return total


def watch_ready(pid, folders, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        count = inotify_watches(pid)
        if count >= folders:
            print(json.dumps({"watches": count}))
            return
        time.sleep(0.1)
    sys.exit(f"the server's watcher holds {inotify_watches(pid)} watches after {seconds} s, expected {folders}")


def api_get(base, path, token):
    url = urllib.parse.urlparse(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        connection.request("GET", path, headers={"Authorization": f"Bearer {token}"})
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            sys.exit(f"GET {path} answered {response.status}: {body[:300]!r}")
        return json.loads(body)
    finally:
        connection.close()


def watch(base, library, template, count, out_path):
    """Copies COUNT files into a new `Artist/Album` folder of the library (as a file manager
    would: each written, then closed), then polls the search every 20 ms until it finds all
    of them; then removes the folder and polls until none is found. Times from the last file
    landing (closed) and from the first one starting."""
    token = os.environ["BENCH_TOKEN"]
    word = "zyxwatchbench"
    artist = os.path.join(library, "Bench Watch Artist")
    album = os.path.join(artist, "Bench Watch Album")
    if os.path.exists(artist):
        sys.exit(f"{artist} exists already")
    data = open(template, "rb").read()
    query = f"/api/search?limit=50&sources=local&q={word}"

    def found():
        return len(api_get(base, query, token)["results"])

    if found() != 0:
        sys.exit(f"the search finds {word} before any file landed")
    first = time.monotonic()
    os.makedirs(album)
    for number in range(1, count + 1):
        with open(os.path.join(album, f"{number:02d} - {word.capitalize()} Song {number:02d}.mp3"), "wb") as f:
            f.write(data)
    landed = time.monotonic()
    hits = 0
    while hits < count:
        if time.monotonic() - landed > 60:
            sys.exit(f"after 60 s the search finds {hits} of the {count} files")
        time.sleep(0.02)
        hits = found()
    searchable = time.monotonic()
    scan = api_get(base, "/api/admin/scan", token)
    gone_start = time.monotonic()
    for name in os.listdir(album):
        os.remove(os.path.join(album, name))
    os.rmdir(album)
    os.rmdir(artist)
    gone_landed = time.monotonic()
    while found() > 0:
        if time.monotonic() - gone_landed > 60:
            sys.exit("60 s after the folder was removed, the search still finds its files")
        time.sleep(0.02)
    gone = time.monotonic()
    scan_after_removal = api_get(base, "/api/admin/scan", token)
    result = {
        "files": count, "copy_seconds": round(landed - first, 4),
        "searchable_after_landing": round(searchable - landed, 4), "searchable_after_first": round(searchable - first, 4),
        "scan_files_total": scan.get("files_total"), "scan_seconds": scan.get("seconds"),
        "removed_after": round(gone - gone_landed, 4), "removal_scan_files_total": scan_after_removal.get("files_total"),
        "removal_scan_seconds": scan_after_removal.get("seconds"), "removal_copy_seconds": round(gone_landed - gone_start, 4),
    }
    json.dump(result, open(out_path, "w"))
    print(json.dumps(result))


def main():
    verb = sys.argv[1]
    if verb == "smaps":
        print(json.dumps(smaps(int(sys.argv[2]))))
    elif verb == "startup":
        assert sys.argv[4] == "--"
        startup(int(sys.argv[2]), sys.argv[3], sys.argv[5:])
    elif verb == "help":
        assert sys.argv[3] == "--"
        help_time(int(sys.argv[2]), sys.argv[4:])
    elif verb == "streams":
        base, pid, track, size, clients, seconds, settle, out = sys.argv[2:10]
        streams(base, int(pid), track, int(size), int(clients), float(seconds), int(settle), out)
    elif verb == "watch-ready":
        watch_ready(int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
    elif verb == "watch":
        base, library, template, count, out = sys.argv[2:7]
        watch(base, library, template, int(count), out)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
