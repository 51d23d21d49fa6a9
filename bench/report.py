#!/usr/bin/env python3
"""Writes BENCHMARKS.md from what bench/run measured (bench/out/results.kv and friends).

  report.py OUT_DIR TARGET_FILE
"""

import json
import os
import statistics
import sys
import urllib.parse

OUT, TARGET = sys.argv[1], sys.argv[2]


def load_kv(path):
    values = {}
    for line in open(path):
        key, sep, value = line.rstrip("\n").partition("=")
        if sep:
            values[key] = value
    return values


R = load_kv(os.path.join(OUT, "results.kv"))


def num(key, default=None):
    try:
        return float(R[key])
    except (KeyError, ValueError):
        return default


def wrk_one(name):
    path = os.path.join(OUT, f"wrk-{name}.json")
    if not os.path.exists(path):
        return None
    text = open(path).read().strip()
    return json.loads(text) if text else None


def wrk(name):
    """One run, or its rounds (name-r1, name-r2, ...) added up: counts summed, latency
    percentiles from the round with the most requests (wrk gives no histogram to merge)."""
    single = wrk_one(name)
    if single:
        return single
    rounds = [j for j in (wrk_one(f"{name}-r{i}") for i in range(1, 10)) if j]
    if not rounds:
        return None
    merged = dict(max(rounds, key=lambda j: j["requests"]))
    for key in ("requests", "duration_us", "bytes") + tuple(k for k in rounds[0] if k.startswith("errors_")):
        merged[key] = sum(j[key] for j in rounds)
    merged["rounds"] = [j["bytes"] / (j["duration_us"] / 1e6) / 1e6 for j in rounds]
    return merged


def round_ratio(a, b):
    """Median of the per-round ratios of two round-run results (paired by round), else the plain ratio."""
    if a and b and a.get("rounds") and b.get("rounds") and len(a["rounds"]) == len(b["rounds"]):
        return statistics.median(x / y for x, y in zip(a["rounds"], b["rounds"]) if y)
    return ratio(mbps(a), mbps(b))


def stream_mbps(j):
    """Median MB/s over the rounds, or the single run's."""
    return statistics.median(j["rounds"]) if j and j.get("rounds") else mbps(j)


def fmt_s(value):
    if value is None:
        return "n/a"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def fmt_ms(us):
    return "n/a" if us is None else f"{us / 1000:.2f} ms"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def fmt_ratio(value):
    return "n/a" if value is None else f"{value:.2f}x"


def verdict(ok):
    if ok is None:
        return "n/a"
    return "**pass**" if ok else "**MISS**"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(str(cell) for cell in row) + " |")
    return "\n".join(lines)


def errors(j):
    return sum(v for k, v in j.items() if k.startswith("errors_")) if j else 0


def mbps(j):
    return j["bytes"] / (j["duration_us"] / 1e6) / 1e6 if j else None


def rps(j):
    return j["requests"] / (j["duration_us"] / 1e6) if j else None


def read_tsv(path):
    if not os.path.exists(path):
        return []
    return [line.rstrip("\n").split("\t") for line in open(path) if line.strip()]


summary = []   # (figure, measured, reference, ratio, target, verdict)
sections = []
problems = []

N = int(num("tracks", 0))
BIG = int(num("big", 0))
n_files = int(num("n_files", N))

# ---------------------------------------------------------------- full scan
floor = num("full_floor")
scan = num("full_scan")
r = ratio(scan, floor)
ok = None if r is None else r <= 2.0
summary.append((f"Full scan, {n_files:,} files", fmt_s(scan), f"floor walk {fmt_s(floor)}", fmt_ratio(r), "<= 2x floor", verdict(ok)))
cpu = num("full_scan_cpu")
inner = num("full_scan_inner")
probe = num("taglib_probe")
text = [f"## Full scan of {n_files:,} files\n",
        "`myspotify scan --full` on a fresh data folder (no catalog), wall time of the whole command, "
        f"median of {R.get('full_scan_runs', '').count(' ') + 1} runs. The reference is `bench/floor.c`: a "
        "single-threaded walk that stats every entry and reads the first 64 KiB of each audio file, run "
        "right before each scan; the page cache is warm for both (nothing is dropped).\n",
        table(["measured", "reference", "ratio", "target", "result"],
              [[fmt_s(scan), f"{fmt_s(floor)} (floor walk)", fmt_ratio(r), "<= 2x", verdict(ok)]]),
        "",
        f"- Runs: scan {R.get('full_scan_runs', '?')} s; floor {R.get('full_floor_runs', '?')} s; "
        f"the scan's own figure (summary line) {R.get('full_scan_inner_runs', '?')} s.",
        f"- Summary line: `{R.get('full_scan_summary', '?')}`.",
        ]
if cpu and scan:
    text.append(f"- CPU time of the scan (user + sys): {cpu:.2f} s over {scan:.2f} s wall, so {cpu / scan:.2f} of "
                f"{R.get('nproc', '?')} cores busy on average. Peak RSS of the scan command: "
                f"{num('full_scan_maxrss_kb', 0) / 1024:.0f} MiB.")
if probe:
    text.append(f"- Diagnostic: TagLib alone (`bench/taglib_probe.cpp`, the same FileRef + properties calls as "
                f"the provider, single-threaded, no database) takes {fmt_s(probe)} on the same files, "
                f"{ratio(probe, floor):.1f}x the floor; the rest of the scan ({fmt_s(scan - probe / max(1, int(num('nproc', 1))))} "
                f"if TagLib ran perfectly on all cores) is process start, catalog writes, the FTS index and the album/artist refresh.")
if R.get("profile_dso"):
    text.append(f"- Profile of one more full scan (`perf record -g`, CPU samples of all threads; `bench/out/profile/`): "
                f"by library {R['profile_dso']}. Inclusive shares of named frames: {R.get('profile_frames') or 'none found'}.")
text.append(f"- Catalog after the scan: {R.get('db_tracks', '?')} tracks, {R.get('db_albums', '?')} albums, "
            f"{R.get('db_artists', '?')} artists, {R.get('db_mb', '?')} MB on disk.")
if R.get("full_scan_failed", "0") not in ("0", ""):
    problems.append(f"The full scan reported {R['full_scan_failed']} failed files (first problems in "
                    "`bench/out/scan-problems.txt`).")
sections.append("\n".join(text))

# ---------------------------------------------------------------- rescan
stat_floor = num("stat_floor")
rescan = num("rescan")
rescan_inner = num("rescan_inner")
rows = []
for label, value in (("whole command, wall", rescan), ("scan's own time, from its summary line", rescan_inner)):
    r = ratio(value, stat_floor)
    ok = None if value is None else value < 0.3
    rows.append([label, fmt_s(value), f"{fmt_s(stat_floor)} (stat-only walk)", fmt_ratio(r), "< 0.3 s", verdict(ok)])
    summary.append((f"Rescan, no changes, {n_files:,} files: {label}", fmt_s(value), f"stat walk {fmt_s(stat_floor)}",
                    fmt_ratio(r), "< 0.3 s", verdict(ok)))
text = [f"## Rescan with no changes, {n_files:,} files\n",
        "`myspotify scan` (incremental) on the catalog the full scan made, median of 5 runs after one untimed "
        "run. The reference is the stat-only walk of `bench/floor.c` (what a rescan must at least do: list "
        "every folder and stat every file, opening none).\n",
        table(["figure", "measured", "reference", "ratio", "target", "result"], rows),
        "",
        f"- Runs (wall): {R.get('rescan_runs', '?')} s; own: {R.get('rescan_inner_runs', '?')} s.",
        f"- Summary line: `{R.get('rescan_summary', '?')}`.",
        f"- Fixed cost of starting the command (`myspotify --help`, no catalog opened): {fmt_s(num('cli_start'))}.",
        ]
if num("big_rescan"):
    text.append(f"- At {int(num('big_files', BIG)):,} files (the big library): {fmt_s(num('big_rescan'))} wall, "
                f"{fmt_s(num('big_rescan_inner'))} own.")
sections.append("\n".join(text))

# ---------------------------------------------------------------- search
text = ["## Search latency\n",
        "`GET /api/search?q=...&limit=20` with wrk, 8 connections on 2 threads (`-c 8 -t 2 --latency`), "
        f"{R.get('duration', '10')} s per run, rotating over {len(read_tsv(os.path.join(OUT, 'queries-n.tsv'))) or 'the'} "
        "queries of `bench/out/queries.txt` (common and rare title words, 2- to 4-letter prefixes as typed, "
        "artist names, genres, word pairs, diacritic-free spellings, two with no hits). wrk runs on the same 2 "
        "cores as the server. The reference is `GET /healthz` on the same server under the same load (the "
        "HTTP stack's own floor).\n"]
rows = []
for size_name, size, search_name, health_name in (("n", N, "search-n", "healthz-n"), ("big", BIG, "search-big", "healthz-big")):
    s, h = wrk(search_name), wrk(health_name)
    if not s:
        continue
    for pct in ("p50", "p99"):
        value, ref = s[f"lat_{pct}_us"], h[f"lat_{pct}_us"] if h else None
        r = ratio(value, ref)
        ok = value < 10_000 if pct == "p99" else None
        target = "< 10 ms" + ("" if size_name == "big" else f" (set for {BIG:,})") if pct == "p99" else "-"
        rows.append([f"{size:,} tracks", pct, fmt_ms(value), fmt_ms(ref), fmt_ratio(r), target, verdict(ok)])
        if pct == "p99":
            summary.append((f"Search p99, {size:,} tracks, 8 clients", fmt_ms(value), f"/healthz p99 {fmt_ms(ref)}",
                            fmt_ratio(r), "< 10 ms", verdict(ok)))
    if errors(s):
        problems.append(f"Search at {size:,} tracks: wrk counted {errors(s)} errors "
                        f"(status {s['errors_status']}, timeouts {s['errors_timeout']}, read {s['errors_read']}).")
text.append(table(["library", "percentile", "measured", "reference (/healthz)", "ratio", "target", "result"], rows))
text.append("")
for size_name, size in (("n", N), ("big", BIG)):
    s, h = wrk(f"search-{size_name}"), wrk(f"healthz-{size_name}")
    if not s:
        continue
    text.append(f"- {size:,} tracks: {rps(s):.0f} searches/s (p90 {fmt_ms(s['lat_p90_us'])}, p99.9 "
                f"{fmt_ms(s['lat_p999_us'])}, max {fmt_ms(s['lat_max_us'])}, errors {errors(s)}); /healthz "
                f"{rps(h):.0f} requests/s." if h else "")
    sweep = read_tsv(os.path.join(OUT, f"queries-{size_name}.tsv"))
    matches = dict(read_tsv(os.path.join(OUT, f"matches-{size_name}.tsv")))
    if sweep:
        timed = sorted(((float(t), urllib.parse.unquote(q), code, hits, matches.get(q, "?")) for q, code, t, hits in sweep),
                       reverse=True)
        times = [t for t, *_ in timed]
        bad = [q for t, q, code, *_ in timed if code != "200"]
        def share(m):
            try:
                return f", {100 * int(m) / size:.0f} % of the tracks" if size else ""
            except ValueError:
                return ""
        slow = ", ".join(f"`{q}` {t * 1000:.1f} ms ({m} matches{share(m)})" for t, q, _, _, m in timed[:5])
        text.append(f"  One request per query, one at a time (curl): median {statistics.median(times) * 1000:.1f} ms, "
                    f"slowest: {slow}.")
        if bad:
            problems.append(f"Search at {size:,} tracks: {len(bad)} queries did not answer 200: "
                            + ", ".join(f"`{q}`" for q in bad[:5]))
sections.append("\n".join(text))

# ---------------------------------------------------------------- signed-in floor (issue 13)
def signed_in(name):
    path = os.path.join(OUT, f"signedin-{name}.json")
    return json.load(open(path)) if os.path.exists(path) else None


floors = [(size, signed_in(name)) for name, size in (("n", N), ("big", BIG))]
if any(f for _, f in floors):
    first = next(f for _, f in floors if f)
    text = ["## Signed-in floor and search at its cost\n",
            f"Three requests on the same server, each under `wrk -t1 -c8 -d{first['seconds']}s --latency` with the bearer "
            f"token (as issue 13 measured them), in {first['rounds']} rounds of healthz, me, search (`bench/signedin.py`): "
            "`GET /healthz` (no token; the HTTP floor), `GET /api/me` (the signed-in floor: a token check and the account, "
            "answered from the live-session cache), and `GET /api/search?limit=20&q=...` rotating over the queries of the "
            "search runs above. Each figure is the median of the rounds; each ratio the median of the per-round ratios "
            "(the two runs of a round are next to each other in time).\n"]
    rows = []
    for size, f in floors:
        if not f:
            continue
        med, p99 = f["median_rps"], f["median_p99_us"]
        checks = (
            ("/api/me req/s vs /healthz req/s", f"{med['me']:.0f}/s", f"/healthz {med['healthz']:.0f}/s",
             f["me_vs_healthz_rps"], ">= 0.5x", f["me_vs_healthz_rps"] >= 0.5),
            ("search req/s vs /api/me req/s", f"{med['search']:.0f}/s", f"/api/me {med['me']:.0f}/s",
             f["search_vs_me_rps"], ">= 0.5x", f["search_vs_me_rps"] >= 0.5),
            ("search p99 vs /api/me p99", fmt_ms(p99["search"]), f"/api/me p99 {fmt_ms(p99['me'])}",
             f["search_vs_me_p99"], "<= 4x", f["search_vs_me_p99"] <= 4),
        )
        for label, measured, reference, r, target, ok in checks:
            rows.append([f"{size:,} tracks", label, measured, reference, fmt_ratio(r), target, verdict(ok)])
            summary.append((f"{label}, {size:,} tracks, wrk -t1 -c8", measured, reference, fmt_ratio(r), target, verdict(ok)))
    text.append(table(["library", "figure", "measured", "reference", "ratio", "target", "result"], rows))
    text.append("")
    for size, f in floors:
        if not f:
            continue
        runs = "; ".join(f"{kind} " + " ".join(f"{r['rps']:.0f}/s ({r['lat_p99_us'] / 1000:.1f} ms)" for r in f["runs"][kind])
                         for kind in ("healthz", "me", "search"))
        text.append(f"- {size:,} tracks, each round's req/s (p99): {runs}.")
    sections.append("\n".join(text))

# ---------------------------------------------------------------- streaming
size_mb = num("stream_size", 0) / 1e6
text = ["## Range streaming throughput\n",
        f"The same {size_mb:.1f} MB WAV file (one inode, hard-linked into both roots) served by MySpotify as a "
        "track (`GET /stream/{id}`) and by nginx (`/usr/sbin/nginx`, a minimal config of our own: 2 workers, "
        "`sendfile on`, access log off) on 127.0.0.1, wrk `-c 8 -t 2`, "
        f"three alternating rounds of {(int(R.get('duration', '10')) + 2) // 3} s per server and request kind (nginx then "
        "MySpotify, back to back). Throughput is response bytes per second (MB = 10^6 bytes), the median of the "
        "rounds; the ratio is the median of the per-round ratios, so that a slow spell of the shared machine "
        "counts against both sides. "
        "Before timing, both returned the right 1000 bytes with 206 for `Range: bytes=1000000-1000999`.\n"]
rows = []
for label, key in (("`Range: bytes=0-` (whole file)", "full"), ("1 MiB ranges at random offsets", "1m")):
    ms, ngx = wrk(f"stream-{key}-ms"), wrk(f"stream-{key}-nginx")
    if not ms or not ngx:
        continue
    r = round_ratio(ms, ngx)
    ok = None if r is None else r >= 0.8
    nosf = wrk(f"stream-{key}-nginx-nosendfile")
    per_round = lambda j: f" (rounds {', '.join(f'{x:.0f}' for x in j['rounds'])})" if j.get("rounds") else ""
    rows.append([label, f"{stream_mbps(ms):.0f} MB/s{per_round(ms)}", f"{stream_mbps(ngx):.0f} MB/s{per_round(ngx)}",
                 fmt_ratio(r), ">= 0.8x", verdict(ok),
                 f"{fmt_ms(ms['lat_p50_us'])} / {fmt_ms(ngx['lat_p50_us'])}",
                 f"{mbps(nosf):.0f} MB/s ({fmt_ratio(ratio(stream_mbps(ms), mbps(nosf)))})" if nosf else "n/a"])
    summary.append((f"Streaming, {label}", f"{stream_mbps(ms):.0f} MB/s", f"nginx {stream_mbps(ngx):.0f} MB/s", fmt_ratio(r), ">= 0.8x", verdict(ok)))
    for who, j in (("MySpotify", ms), ("nginx", ngx)):
        if errors(j):
            problems.append(f"Streaming ({label}) with {who}: wrk counted {errors(j)} errors "
                            f"(status {j['errors_status']}, timeouts {j['errors_timeout']}, read {j['errors_read']}).")
text.append(table(["requests", "MySpotify", "reference (nginx)", "ratio", "target", "result",
                   "p50 latency MySpotify / nginx", "diagnostic: nginx, sendfile off (ratio)"], rows))
text.append("\nThe last column is not the reference: it is nginx copying through user space as MySpotify does "
            "(`sendfile off`, one run of the full duration), to separate the cost of the copy from the cost per request. "
            "With `bytes=0-` the three land close together, probably bounded by wrk reading the bodies on the same "
            "2 cores, so that row says little about the server; the 1 MiB ranges show the cost per request.")
sections.append("\n".join(text))

# ---------------------------------------------------------------- streams near the floor
def round_runs(name):
    """The rounds of a round-run result (name-r1, name-r2, ...), in order."""
    return [j for j in (wrk_one(f"{name}-r{i}") for i in range(1, 10)) if j]


def paired_ratio(a, b, measure):
    """Median of the per-round ratios of `measure` (rps or mbps) of two round runs."""
    ra, rb = round_runs(a), round_runs(b)
    if not ra or len(ra) != len(rb):
        return None
    return statistics.median(measure(x) / measure(y) for x, y in zip(ra, rb) if measure(y))


def median_of_rounds(name, measure):
    runs = round_runs(name)
    return statistics.median(measure(j) for j in runs) if runs else None


if round_runs("streams-me") and round_runs("streams-small"):
    small_kb = num("streams_small_size", 0) / 1000
    medium_mb = num("streams_medium_size", 0) / 1e6
    text = ["## Streams near the floor\n",
            "What a stream costs per request, against the signed-in floor, and the whole-file speed of a track of "
            "typical size against nginx (issue 13). wrk `-c 8 -t 2`, three alternating rounds of "
            f"{(int(R.get('duration', '10')) + 2) // 3} s per kind (`/api/me`, the small file, the 64 KiB ranges, "
            "nginx's 4.8 MB file, MySpotify's); each ratio is the median of the per-round ratios. "
            f"The small file is the library's track of median size ({small_kb:.1f} KB, "
            f"{R.get('streams_small_format', '?')}: most of the synthetic library is 0.8 s tracks), whole, with no Range "
            "(200); the 64 KiB ranges are at random offsets of the streaming section's WAV file (206); the 4.8 MB file "
            f"is `medium.wav` ({medium_mb:.1f} MB, 27 s of the same noise), whole with no Range, hard-linked into "
            "nginx's root (the streaming section's config). `/api/me` is the signed-in floor: the same token check "
            "as every stream, and one read of the account. Before timing, each of the three answered with the bytes "
            "of its file.\n"]
    rows = []
    for label, key, target in (("small file, `GET /stream/{id}`", "small", 0.8), ("64 KiB ranges at random offsets", "64k", 0.8)):
        if not round_runs(f"streams-{key}"):
            continue
        r = paired_ratio(f"streams-{key}", "streams-me", rps)
        ok = None if r is None else r >= target
        ms, me = median_of_rounds(f"streams-{key}", rps), median_of_rounds("streams-me", rps)
        ngx = wrk(f"streams-{key}-nginx")
        rows.append([label, f"{ms:,.0f} req/s", f"/api/me {me:,.0f} req/s", fmt_ratio(r), f">= {target}x /api/me",
                     verdict(ok), f"{rps(ngx):,.0f} req/s" if ngx else "n/a"])
        summary.append((f"Streams: {label}, req/s", f"{ms:,.0f} req/s", f"/api/me {me:,.0f} req/s", fmt_ratio(r),
                        f">= {target}x /api/me", verdict(ok)))
    if round_runs("streams-medium-ms"):
        r = paired_ratio("streams-medium-ms", "streams-medium-nginx", mbps)
        ok = None if r is None else r >= 0.8
        ms, ngx = median_of_rounds("streams-medium-ms", mbps), median_of_rounds("streams-medium-nginx", mbps)
        rows.append([f"{medium_mb:.1f} MB file, whole", f"{ms:,.0f} MB/s", f"nginx {ngx:,.0f} MB/s", fmt_ratio(r),
                     ">= 0.8x nginx", verdict(ok), "-"])
        summary.append((f"Streams: {medium_mb:.1f} MB file, whole, MB/s", f"{ms:,.0f} MB/s", f"nginx {ngx:,.0f} MB/s",
                        fmt_ratio(r), ">= 0.8x nginx", verdict(ok)))
    text.append(table(["requests", "MySpotify", "reference", "ratio", "target", "result", "diagnostic: nginx"], rows))
    text.append("\nThe last column is not a reference: nginx serving the same small file and the same 64 KiB ranges "
                "(one run of the section's round length), with no token to check.")
    sections.append("\n".join(text))
    for name in ("streams-me", "streams-small", "streams-64k", "streams-medium-ms", "streams-medium-nginx"):
        for j in round_runs(name):
            if errors(j):
                problems.append(f"Streams near the floor ({name}): wrk counted {errors(j)} errors "
                                f"(status {j['errors_status']}, timeouts {j['errors_timeout']}, read {j['errors_read']}).")

# ---------------------------------------------------------------- memory
rss = num("rss_idle_kb")
ok = None if rss is None else rss / 1024 < 40
summary.append((f"Idle server RSS, {N:,} tracks", f"{rss / 1024:.1f} MiB" if rss else "n/a", "none", "-", "< 40 MB", verdict(ok)))
text = ["## Resident memory\n",
        f"VmRSS from `/proc/PID/status` of the idle server with the {N:,}-track catalog, 3 s after its start-up "
        "scan and a few requests (health, albums, artists, four searches, one 1 KiB range). MiB = 1024 KiB; "
        "the target is read as 40 MiB.\n",
        table(["measured", "reference", "ratio", "target", "result"],
              [[f"{rss / 1024:.1f} MiB" if rss else "n/a", "none", "-", "< 40 MB", verdict(ok)]]),
        ""]
for label, key in (("after the search load", "rss_after_search_kb"), ("after the streaming load", "rss_after_stream_kb"),
                   ("high-water mark (VmHWM) at the end", "rss_hwm_kb")):
    if num(key):
        text.append(f"- {label}: {num(key) / 1024:.1f} MiB")
if num("server_threads"):
    text.append(f"- threads: {int(num('server_threads'))}")
if num("big_rss_idle_kb"):
    text.append(f"- idle with the {BIG:,}-track catalog: {num('big_rss_idle_kb') / 1024:.1f} MiB; after its search "
                f"load {num('big_rss_after_search_kb', 0) / 1024:.1f} MiB")
text.append(f"- for scale: the release binary is {R.get('binary_size_mb', '?')} MB.")
sections.append("\n".join(text))

# ---------------------------------------------------------------- big scan
if num("big_scan"):
    big_floor, big_scan = num("big_floor"), num("big_scan")
    r = ratio(big_scan, big_floor)
    big_files = int(num("big_files", BIG))
    summary.append((f"Full scan, {big_files:,} files (big library, untagged links)", fmt_s(big_scan),
                    f"floor walk {fmt_s(big_floor)}", fmt_ratio(r), "none set", "-"))
    text = [f"## Full scan of the big library, {big_files:,} files\n",
            "The big library for the search figures: hard links of a few small untagged templates at distinct "
            "`Artist/Album/NN - Title.ext` paths (so tags come from the folder layout), scanned once with "
            "`myspotify scan --full` on a fresh data folder, right after the floor walk. No target is set "
            "for it; shown for scale.\n",
            table(["measured", "reference", "ratio", "target", "result"],
                  [[fmt_s(big_scan), f"{fmt_s(big_floor)} (floor walk)", fmt_ratio(r), "none", "-"]]),
            "",
            f"- Summary line: `{R.get('big_scan_summary', '?')}`.",
            f"- CPU time {num('big_scan_cpu', 0):.1f} s; peak RSS of the scan command {num('big_scan_maxrss_kb', 0) / 1024:.0f} MiB.",
            ]
    if num("big_albums_time"):
        text.append(f"- `GET /api/albums?limit=50&offset=5000` took {num('big_albums_time') * 1000:.1f} ms (one request).")
    if num("big_rescan_added"):
        added, removed = num("big_rescan_added"), num("big_rescan_removed")
        r = ratio(added, big_scan)
        ok = r is not None and r < 0.05
        summary.append((f"One album (12 files) added to {big_files:,} files: incremental scan", fmt_s(added),
                        f"full scan {fmt_s(big_scan)}", f"{r * 100:.1f} %" if r is not None else "n/a", "< 5 % of the full scan",
                        verdict(ok)))
        text.append("")
        text.append("### One album added, then removed\n")
        text.append("12 files land in a new `Artist/Album` folder of the big library and `myspotify scan` (incremental) "
                    "runs; only the albums and artists its changes touched are rebuilt. The album is then found by "
                    "`myspotify search` (all 12 songs), removed, and scanned again. The whole command's wall time, "
                    "against the full scan above.\n")
        text.append(table(["change", "measured", "reference", "share", "target", "result"],
                          [["12 files added", fmt_s(added), f"full scan {fmt_s(big_scan)}",
                            f"{r * 100:.1f} %" if r is not None else "n/a", "< 5 %", verdict(ok)],
                           ["12 files removed", fmt_s(removed), f"full scan {fmt_s(big_scan)}",
                            f"{ratio(removed, big_scan) * 100:.1f} %" if removed and big_scan else "n/a", "none set", "-"]]))
        text.append(f"\n- The scan's own time (summary line) for the added album: {fmt_s(num('big_rescan_added_inner'))}; "
                    f"the rest is start-up (opening the catalog) and the walk of {big_files:,} files.")
    sections.append("\n".join(text))

# ---------------------------------------------------------------- memory under load, start-up, watcher (bench/memory.py)
MEM = os.path.join(OUT, "memory")


def mem_json(name):
    try:
        text = open(os.path.join(MEM, name)).read().strip()
        return json.loads(text) if text else None
    except (OSError, ValueError):
        return None


def mib(kb):
    return "n/a" if kb is None else f"{kb / 1024:.1f} MiB"


def smaps_split(j):
    """RSS as private/shared and anonymous/file-backed, with the file-backed share."""
    return (f"private {mib(j['private_kb'])}, shared {mib(j['shared_kb'])}; anonymous {mib(j['anonymous_kb'])}, "
            f"file-backed {mib(j['file_backed_kb'])} ({100 * j['file_backed_kb'] / j['rss_kb']:.0f} % of RSS); PSS {mib(j['pss_kb'])}")


idle_n, idle_big, idle_empty = mem_json("smaps-idle-n.json"), mem_json("smaps-idle-big.json"), mem_json("smaps-idle-empty.json")
streams = mem_json("streams.json")
startup_big, startup_empty, startup_help = mem_json("startup-big.json"), mem_json("startup-empty.json"), mem_json("startup-help.json")
watched = mem_json("watch.json")
if idle_n or streams or startup_big or watched:
    ref_kb = idle_empty["rss_kb"] if idle_empty else None
    ref_text = f"empty catalog {mib(ref_kb)}" if ref_kb else "none"
    text = ["## Memory under load, start-up and the watcher\n",
            "Servers of their own (`bench/memory.py`, with `MYSPOTIFY_MAX_CONNECTIONS_PER_ADDRESS` and "
            "`MYSPOTIFY_MAX_REQUESTS_PER_ADDRESS` raised to 1000 for the 50 readers from one address). Each idle figure is "
            "3 s after the start-up scan and a few ordinary requests (albums, artists, four searches), read from "
            "`/proc/PID/smaps`; the reference is the same binary serving an empty catalog, measured the same way. "
            "MiB = 1024 KiB. RSS counts the pages of the binary and of the shared libraries that the process has "
            "touched (the kernel maps them 64 KiB around each touched page): they are file-backed and clean, held "
            "once in the page cache for every process, and reclaimable; the anonymous part is the memory this "
            "process alone costs. `Private`/`Shared` tell whether another process maps the same pages now (other "
            "Swift programs running on this machine share the libraries' pages; on the Pi the server is usually "
            "alone, so they count as private there).\n"]
    rows = []
    for label, j, limit in ((f"idle, {N:,} tracks", idle_n, 40), (f"idle, {BIG:,} tracks", idle_big, 50)):
        if not j:
            continue
        ok = j["rss_kb"] / 1024 < limit
        r = ratio(j["rss_kb"], ref_kb)
        rows.append([label, mib(j["rss_kb"]), ref_text, fmt_ratio(r), f"< {limit} MiB", verdict(ok)])
        summary.append((f"Idle server RSS, {label.split(', ')[1]} (smaps: {mib(j['anonymous_kb'])} anonymous, "
                        f"{mib(j['file_backed_kb'])} file-backed)", mib(j["rss_kb"]), ref_text, fmt_ratio(r),
                        f"< {limit} MiB", verdict(ok)))
    if streams:
        before = streams["rss_before_kb"]
        peak_ok = streams["rss_max_kb"] / 1024 < 100
        after = streams["rss_after_kb"][-1]
        back_ok = after <= before + 5 * 1024
        rows.append([f"{streams['clients']} streams at once ({streams['seconds']:.0f} s, {streams['mbps']:.0f} MB/s in all), peak",
                     mib(streams["rss_max_kb"]), f"idle {mib(before)}", fmt_ratio(ratio(streams['rss_max_kb'], before)),
                     "< 100 MiB", verdict(peak_ok)])
        rows.append([f"{len(streams['rss_after_kb'])} s after the streams", mib(after), f"idle {mib(before)}",
                     f"{(after - before) / 1024:+.1f} MiB", "<= idle + 5 MiB", verdict(back_ok)])
        summary.append((f"RSS while {streams['clients']} clients stream at once (peak)", mib(streams["rss_max_kb"]),
                        f"idle {mib(before)}", fmt_ratio(ratio(streams['rss_max_kb'], before)), "< 100 MiB", verdict(peak_ok)))
        summary.append((f"RSS {len(streams['rss_after_kb'])} s after the {streams['clients']} streams", mib(after),
                        f"idle {mib(before)}", f"{(after - before) / 1024:+.1f} MiB", "<= idle + 5 MiB", verdict(back_ok)))
    if idle_big and num("memory_big_after_search_kb"):
        base_kb = idle_big["rss_kb"]
        loaded, later = num("memory_big_after_search_kb"), num("memory_big_after_search_60s_kb")
        rows.append([f"{BIG:,} tracks, right after the search load (wrk, {R.get('duration', '10')} s)", mib(loaded),
                     f"idle {mib(base_kb)}", f"{(loaded - base_kb) / 1024:+.1f} MiB", "<= idle + 15 MiB",
                     verdict(loaded <= base_kb + 15 * 1024)])
        rows.append([f"{BIG:,} tracks, 60 s after the search load", mib(later), f"idle {mib(base_kb)}",
                     f"{(later - base_kb) / 1024:+.1f} MiB", "<= idle + 5 MiB", verdict(later <= base_kb + 5 * 1024)])
        summary.append((f"RSS after a search load, {BIG:,} tracks (60 s later)", f"{mib(loaded)} ({mib(later)})",
                        f"idle {mib(base_kb)}", f"{(loaded - base_kb) / 1024:+.1f} MiB ({(later - base_kb) / 1024:+.1f} MiB)",
                        "<= idle + 15 MiB (+ 5 MiB)", verdict(loaded <= base_kb + 15 * 1024 and later <= base_kb + 5 * 1024)))
    if rows:
        text.append(table(["figure", "measured", "reference", "ratio / difference", "target", "result"], rows))
        text.append("")
    for label, j in (("empty catalog (reference)", idle_empty), (f"idle, {N:,} tracks", idle_n), (f"idle, {BIG:,} tracks", idle_big),
                     (f"{N:,} tracks, after the streams", mem_json("smaps-after-streams-n.json")),
                     (f"{BIG:,} tracks, 60 s after the search load", mem_json("smaps-after-search-big.json"))):
        if not j:
            continue
        text.append(f"- {label}: RSS {mib(j['rss_kb'])} = {smaps_split(j)}; {j['status'].get('Threads', '?')} threads. By mapping: "
                    + "; ".join(f"{name} {mib(g['Rss'])} ({mib(g['Anonymous'])} anonymous)" for name, g in j["groups"].items()
                                if g["Rss"] >= 256) + ".")
    if streams:
        text.append(f"- The streams: {streams['clients']} clients released together, each reading the whole file "
                    f"(`Range: bytes=0-`, {num('stream_size', 0) / 1e6:.1f} MB) again and again for {streams['seconds']:.0f} s; "
                    f"RSS sampled every 100 ms (peak {mib(streams['rss_max_kb'])}, VmHWM {mib(streams['hwm_kb'])}), then every "
                    f"second: {', '.join(f'{kb / 1024:.1f}' for kb in streams['rss_after_kb'][:5])}, ... "
                    f"{streams['rss_after_kb'][-1] / 1024:.1f} MiB.")
    if startup_big:
        value = startup_big["median"]
        ok = value < 0.5
        refs = []
        if startup_empty:
            refs.append(f"empty catalog {fmt_s(startup_empty['median'])}")
        if startup_help:
            refs.append(f"`--help` {fmt_s(startup_help['median'])}")
        r = ratio(value, startup_empty["median"]) if startup_empty else None
        summary.append((f"Start-up, exec to the first /healthz answer, {BIG:,} tracks", fmt_s(value), ", ".join(refs) or "none",
                        fmt_ratio(r), "< 0.5 s", verdict(ok)))
        text.append("\n### Start-up\n")
        text.append(f"From the exec of `myspotify serve` to the first 200 of `GET /healthz` (polled every 2 ms on a fresh "
                    f"port), median of {len(startup_big['runs'])} starts, each stopped after; with the {BIG:,}-track catalog "
                    "its start-up scan then runs beside the serving. References: the same binary on an empty catalog, "
                    "and its `--help` (exec to exit).\n")
        text.append(table(["catalog", "median", "runs", "target", "result"],
                          [[f"{BIG:,} tracks", fmt_s(value), ", ".join(fmt_s(x) for x in startup_big["runs"]), "< 0.5 s", verdict(ok)]]
                          + ([["empty (reference)", fmt_s(startup_empty["median"]), ", ".join(fmt_s(x) for x in startup_empty["runs"]), "-", "-"]] if startup_empty else [])
                          + ([["`--help` (reference)", fmt_s(startup_help["median"]), ", ".join(fmt_s(x) for x in startup_help["runs"]), "-", "-"]] if startup_help else [])))
    if watched:
        value = watched["searchable_after_landing"]
        ok = value < 2
        summary.append((f"Watcher: an album (12 files) landing in {BIG:,} files, searchable after", fmt_s(value),
                        "the watcher's quiet time 1.5 s", fmt_ratio(ratio(value, 1.5)), "< 2 s", verdict(ok)))
        text.append("\n### A new album in the watched library\n")
        text.append(f"A server with the watcher on (its default quiet time, `debounce_ms` 1500) on the {BIG:,}-file "
                    f"library, once its watches cover every folder: {watched['files']} files are written into a new "
                    "`Artist/Album` folder (each written and closed, as a copy does), then `GET /api/search` is polled "
                    "every 20 ms until it finds all of them. Measured from the last file closed; the reference is the "
                    "watcher's quiet time, which any change waits for by design. The folder is then removed and the "
                    "search polled until it finds none.\n")
        text.append(table(["figure", "measured", "reference", "ratio", "target", "result"], [
            ["searchable after the last file landed", fmt_s(value), "quiet time 1.5 s", fmt_ratio(ratio(value, 1.5)), "< 2 s", verdict(ok)],
            ["gone from the search after the folder was removed", fmt_s(watched["removed_after"]), "quiet time 1.5 s",
             fmt_ratio(ratio(watched["removed_after"], 1.5)), "none set", "-"]]))
        text.append(f"\n- The scan the change caused walked {watched.get('scan_files_total')} files "
                    f"({fmt_s(watched.get('scan_seconds'))}); the removal's, {watched.get('removal_scan_files_total')} files "
                    f"({fmt_s(watched.get('removal_scan_seconds'))}). Copying took {fmt_s(watched['copy_seconds'])}.")
    sections.append("\n".join(text))

# ---------------------------------------------------------------- phone apps (Subsonic)
def out_json(name):
    try:
        text = open(os.path.join(OUT, name)).read().strip()
        return json.loads(text) if text else None
    except (OSError, ValueError):
        return None


sync, burst = out_json("subsonic-sync.json"), out_json("subsonic-covers.json")
if sync or burst or wrk("rest-me-bearer"):
    text = ["## Phone and desktop apps (the Subsonic API)\n",
            f"On the server of the {N:,}-track library, signed in as an app does: `u` with `t` = md5(app password + salt) "
            "and `s` (a fresh salt per run), the app password made through `POST /api/me/subsonic`. Every answer was "
            "checked (`status` \"ok\", a picture for each cover); `bench/subsonic.py` stops the run otherwise.\n"]
    if sync:
        value, ref = sync["subsonic_median"], sync["api_median"]
        r = ratio(value, ref)
        ok = value < 1
        summary.append([f"Library sync as Symfonium does it: search3 \"\", {sync['pages']} pages of 500, {sync['songs']:,} songs",
                        fmt_s(value), f"/api/tracks pages {fmt_s(ref)}", fmt_ratio(r), "< 1 s", verdict(ok)])
        text.append("### Full library sync\n")
        text.append("`search3?query=&artistCount=0&albumCount=0&songCount=500&songOffset=...` on one keep-alive "
                    "connection until a page comes back short, as Symfonium fills its offline library; the reference "
                    "reads the same tracks as `/api/tracks?limit=500&offset=...` pages with the bearer token (the web "
                    "page's listing), in alternating rounds. The sync returned every track of the library once, in "
                    "the same order each run.\n")
        text.append(table(["measured (median of 3)", "reference", "ratio", "target", "result"],
                          [[fmt_s(value), fmt_s(ref), fmt_ratio(r), "< 1 s", verdict(ok)]]))
        text.append(f"\n- Runs: search3 {' '.join(f'{x:.3f}' for x in sync['subsonic_seconds'])} s; "
                    f"/api/tracks {' '.join(f'{x:.3f}' for x in sync['api_seconds'])} s; one page of 500 songs is "
                    f"{sync['page_bytes'] / 1024:.0f} KiB of JSON.")
    if burst:
        walls = burst["median_wall"]
        ref = walls["reference"]
        rows = []
        for name, label in [("password", "`p=enc:` (the account's password)"), ("token", "`t` + `s` (app password)")]:
            r = ratio(walls[name], ref)
            ok = r is not None and r <= 1.25
            rows.append([label, fmt_s(walls[name]), fmt_s(ref), fmt_ratio(r), "<= 1.25x", verdict(ok)])
            summary.append([f"{burst['requests']} getCoverArt at once, {label.split(' (')[0]}, thumbnails on disk",
                            fmt_s(walls[name]), f"/api/covers bearer {fmt_s(ref)}", fmt_ratio(r), "<= 1.25x", verdict(ok)])
        first = burst["first"]
        rows.append(["first burst, `t` + `s` (thumbnails made)", fmt_s(first["wall"]), "-", "-", "none set", "-"])
        text.append("\n### A burst of 50 covers\n")
        text.append(f"{burst['requests']} `getCoverArt?id=al-...&size={burst['size']}` requests asked at once, for the first "
                    "50 albums with a picture in name order (an album grid opening), over "
                    f"{burst['connections']} keep-alive connections as an app's HTTP client queues them (50 connections "
                    "from one address would pass the server's bound of 32). Signed in with the account's own password "
                    "(each request checks it: bcrypt once, then the memo) and with a token; the reference asks for the "
                    "same pictures through `/api/covers/{album id}?size=` with the bearer token. Wall time of the whole "
                    "burst, median of 3 rounds (alternating) after a first burst that made the thumbnails.\n")
        text.append(table(["sign-in", "measured", "reference", "ratio", "target", "result"], rows))
        text.append("\n- Slowest single request per round: " + "; ".join(
            f"{name} {', '.join(fmt_s(run['max']) for run in runs)}" for name, runs in burst["rounds"].items())
            + f"; first burst {fmt_s(first['max'])}.")
    bearer_run = wrk("rest-me-bearer")
    rows = []
    for mechanism, label in [("token", "`u` + `t` + `s` (app password)"), ("apikey", "`apiKey`"),
                             ("password", "`u` + `p=enc:` (the account's password; bcrypt once, then the memo)")]:
        run = wrk(f"rest-ping-{mechanism}")
        if not run or not bearer_run:
            continue
        r = ratio(rps(run), rps(bearer_run))
        ok = r is not None and r >= 0.9
        rows.append([label, f"{rps(run):,.0f}/s, p99 {fmt_ms(run['lat_p99_us'])}",
                     f"{rps(bearer_run):,.0f}/s, p99 {fmt_ms(bearer_run['lat_p99_us'])}", fmt_ratio(r), ">= 0.9x", verdict(ok)])
        summary.append([f"Subsonic sign-in, ping with {label.split(' (')[0]}", f"{rps(run):,.0f} req/s",
                        f"/api/me bearer {rps(bearer_run):,.0f} req/s", fmt_ratio(r), ">= 0.9x (no dearer than bearer)", verdict(ok)])
    if rows:
        text.append("\n### What a Subsonic sign-in costs\n")
        text.append("wrk (2 threads, 8 connections, two rounds) on `/rest/ping` with each sign-in, each request "
                    "signed in afresh (Subsonic has no session), against `/api/me` with the bearer token (a token "
                    "check and one read of the account, as each ping does). Requests per second; the target is a "
                    "sign-in no dearer than the bearer check.\n")
        text.append(table(["sign-in", "measured", "reference (/api/me, bearer)", "ratio", "target", "result"], rows))
    sections.append("\n".join(text))

# ---------------------------------------------------------------- remote sources
REMOTE = os.path.join(OUT, "remote")
remote_problems = []   # listed after the others


def load_json(name):
    path = os.path.join(REMOTE, name)
    try:
        text = open(path).read().strip()
        return json.loads(text) if text else None
    except (OSError, ValueError):
        return None


def ms(seconds):
    return "n/a" if seconds is None else f"{seconds * 1000:.0f} ms"


if R.get("remote_skipped"):
    sections.append("## Remote source (YouTube provider)\n\nNot measured: " + R["remote_skipped"] + ".")
    remote_problems.append(f"The remote-source figures were not measured: {R['remote_skipped']}.")
elif R.get("remote_plays"):
    small_mb, big_mb = num("remote_small_size", 0) / 1e6, num("remote_big_size", 0) / 1e6
    per_download = int(num("remote_requests_per_download", 0)) or None
    text = ["## Remote source: the YouTube provider on local files\n",
            "The YouTube provider with a plugins file of its own (`bench/out/remote/plugins.json`): `watch_url` "
            "`http://127.0.0.1:PORT/{id}.m4a`, an nginx of ours (same minimal config as above, with an access log) "
            f"serving m4a files; `yt_dlp` the real yt-dlp of `.venv` ({R.get('remote_ytdlp', '?')}); `python` "
            "`bench/standin/python`, which runs the real `Plugins/YouTube/Sources/ytmusic_helper.py` with a stand-in "
            "`ytmusicapi` (`bench/standin/ytmusicapi/`) answering from a file, as the tests do. Tracks enter the "
            "catalog through `GET /api/search?q=...&sources=youtube` (the first search, which starts the helper, "
            f"took {ms(num('remote_first_search'))}; no figure includes a search). The library is empty; "
            f"`MYSPOTIFY_MAX_DOWNLOADS` is {R.get('remote_max_downloads', '3')} (the default: at most 3 downloads at once). "
            "Every video id is its own hard link of the same file, so every play is a first play of a new URL "
            "for the server, while yt-dlp, nginx and the page cache see the same bytes on both sides."]

    # -------- time to first byte
    rows_ttfb = [json.loads(line) for line in open(os.path.join(REMOTE, "ttfb.jsonl"))] \
        if os.path.exists(os.path.join(REMOTE, "ttfb.jsonl")) else []
    usable = [r for r in rows_ttfb if r["ytdlp"].get("ttfb") is not None and r["server"].get("ttfb") is not None
              and r["server"].get("status") == 200]
    ref_t = [r["ytdlp"]["ttfb"] for r in usable]
    srv_t = [r["server"]["ttfb"] for r in usable]
    ref_med = statistics.median(ref_t) if ref_t else None
    srv_med = statistics.median(srv_t) if srv_t else None
    diff = None if ref_med is None or srv_med is None else srv_med - ref_med
    ok_before = None if diff is None else diff <= 0.050
    r = ratio(srv_med, ref_med)
    # Issue 13: with yt-dlp kept loaded (the resident extractor), half of yt-dlp alone at most.
    ok = None if r is None else r <= 0.5
    n_plays = len(usable)
    resident = int(num("remote_resident", 0) or 0) > 0
    summary.append((f"Remote first play, uncached, time to first byte (median of {n_plays} tracks)", ms(srv_med),
                    f"yt-dlp alone {ms(ref_med)}", fmt_ratio(r) + (f" ({diff * 1000:+.0f} ms)" if diff is not None else ""),
                    "<= 0.5x yt-dlp alone", verdict(ok)))
    quart = lambda xs: statistics.quantiles(xs, n=4) if len(xs) >= 2 else [xs[0]] * 3
    def spread(xs):
        if not xs:
            return "n/a", "n/a"
        q = quart(xs)
        return (f"{ms(min(xs))} - {ms(max(xs))}", f"{ms(q[0])} - {ms(q[2])}")
    ref_range, ref_iqr = spread(ref_t)
    srv_range, srv_iqr = spread(srv_t)
    paired = [r["server"]["ttfb"] - r["ytdlp"]["ttfb"] for r in usable]
    text.append(f"\n### Uncached time to first byte, {small_mb:.1f} MB m4a\n")
    text.append(f"{len(rows_ttfb)} pairs, one after the other: yt-dlp alone (`yt-dlp -f 'ba[ext=m4a]/ba/b' --no-playlist "
                "-q --no-warnings -o - --no-progress -- URL`, the server's own command (its fallback), started by `bench/remote.py`, timed from "
                "the spawn to its first byte on standard output) on `refNNNNNNNN.m4a`, and `GET /stream/{id}` of a track "
                "never played before (`ttfbNNNNNNN.m4a`) on a fresh connection, timed from the connect to the first body "
                "byte; the side that goes first alternates. Both read to the end and compare the bytes with the source "
                "file. Before the pairs, one untimed yt-dlp run (the calibration below) and one untimed first play "
                "through the server.\n")
    text.append(table(["", "median", "min - max", "interquartile range", "complete bodies"], [
        ["yt-dlp alone (reference)", ms(ref_med), ref_range, ref_iqr,
         f"{sum(1 for r in rows_ttfb if r['ytdlp'].get('complete'))}/{len(rows_ttfb)}"],
        ["MySpotify, `GET /stream/{id}`", ms(srv_med), srv_range, srv_iqr,
         f"{sum(1 for r in rows_ttfb if r['server'].get('complete'))}/{len(rows_ttfb)}"],
    ]))
    text.append("")
    text.append(table(["measured", "reference", "ratio", "difference of medians", "target", "result"],
                      [[ms(srv_med), f"{ms(ref_med)} (yt-dlp alone)", fmt_ratio(r),
                        "n/a" if diff is None else f"{diff * 1000:+.0f} ms", "<= 0.5x (issue 13)", verdict(ok)],
                       ["", "", "", "", "<= +50 ms (before)", verdict(ok_before)]]))
    text.append("")
    text.append("- The server's yt-dlp: " + (
        "the resident extractor (`Plugins/YtDlpSupport/ytdlp_extractor.py`, yt-dlp imported once, started by the "
        "untimed warm-up play) resolved each page with the command's own options, and the server downloaded the "
        "selected format itself; no search hit was resolved ahead of its play here (`prepare_hits` 0)."
        if resident else "one yt-dlp command per play (no resident extractor process was seen)."))
    text.append("")
    if usable:
        text.append("- Per pair, first byte yt-dlp alone / server (ms): "
                    + ", ".join(f"{r['ytdlp']['ttfb'] * 1000:.0f}/{r['server']['ttfb'] * 1000:.0f}" for r in usable)
                    + f". Paired difference server - yt-dlp: median {statistics.median(paired) * 1000:+.0f} ms, "
                    f"from {min(paired) * 1000:+.0f} to {max(paired) * 1000:+.0f} ms.")
        text.append(f"- Whole file: median {ms(statistics.median(r['ytdlp']['total'] for r in usable))} for yt-dlp alone, "
                    f"{ms(statistics.median(r['server']['total'] for r in usable))} through the server "
                    "(the server's answer to a first play is chunked, with no Content-Length). Nearly all of yt-dlp "
                    "alone's time to the first byte is its start (Python imports, extractors), then the generic "
                    "extractor's probe request" + (", which is all the resident extractor pays." if resident else ", on both sides."))
    text.append(f"- Untimed warm-up first play through the server: {ms(num('remote_warm_ttfb'))}; "
                f"first play of the {big_mb:.0f} MB track used for replay below: "
                f"{ms((load_json('replay-first.json') or {}).get('ttfb'))} to the first byte, "
                f"{ms((load_json('replay-first.json') or {}).get('total'))} to the last.")
    bad = [r for r in rows_ttfb if not (r["server"].get("complete") and r["ytdlp"].get("complete"))]
    if bad:
        remote_problems.append(f"Remote first plays: {len(bad)} of {len(rows_ttfb)} pairs had an incomplete or wrong body "
                        "(`bench/out/remote/ttfb.jsonl`): " + "; ".join(
                            f"{r['id']}: server {r['server'].get('error') or r['server'].get('status')}" for r in bad[:3]))

    # -------- single-flight
    conc = load_json("concurrent.json") or {}
    gets = load_json("concurrent-gets.json") or {}
    calib = load_json("calibration-gets.json") or {}
    ref_gets = load_json("ref-gets.json") or {}
    ttfb_gets = load_json("ttfb-gets.json") or {}
    downloads = gets.get("gets", 0) / per_download if per_download else None
    complete = conc.get("complete")
    clients = conc.get("clients", 20)
    # Each download is one yt-dlp command, unless the resident extractor resolved it.
    expected_processes = 0 if resident else 5
    ok = None if downloads is None or complete is None else (downloads == 5 and complete == clients
                                                                and conc.get("ytdlp_processes") == expected_processes)
    downloads_text = "n/a" if downloads is None else (f"{downloads:.0f}" if downloads == int(downloads) else f"{downloads:.1f}")
    summary.append((f"Remote: {clients} concurrent first plays of 5 tracks, downloads started", downloads_text,
                    "5 tracks", fmt_ratio(ratio(downloads, 5)),
                    f"exactly 5; all {clients} bodies complete", verdict(ok) + f" ({complete}/{clients} complete)"))
    per_file = ", ".join(f"`{k.lstrip('/')}` {v}" for k, v in sorted(gets.get("per_file", {}).items()))
    text.append(f"\n### {clients} concurrent first plays of 5 tracks\n")
    text.append(f"{clients} clients released together (a thread barrier in `bench/remote.py`), 4 on each of 5 uncached "
                "tracks (`concNNNNNNN.m4a`), each reading the whole answer and comparing it with the source file. Downloads "
                "are counted in two independent ways: (1) the GET requests that reached nginx for the 5 files (its access "
                f"log), divided by the requests one yt-dlp download makes, calibrated by one yt-dlp run alone: "
                f"{per_download or '?'} GETs (the generic extractor fetches the URL once to see what it is, then the "
                "download fetches it); (2) the yt-dlp processes seen in `/proc` during the run (polled every 20 ms, told "
                "apart by PID and start time, not counting children that yt-dlp forks).\n")
    text.append(table(["figure", "measured", "target", "result"], [
        ["downloads started (nginx GETs / GETs per download)",
         f"{downloads_text} ({gets.get('gets', '?')} / {per_download or '?'})", "5", verdict(None if downloads is None else downloads == 5)],
        ["yt-dlp commands seen in /proc" + (" (the resident extractor resolved the pages)" if resident else ""),
         str(conc.get("ytdlp_processes", "n/a")), str(expected_processes),
         verdict(None if "ytdlp_processes" not in conc else conc["ytdlp_processes"] == expected_processes)],
        ["complete, byte-identical bodies", f"{complete}/{clients}" if complete is not None else "n/a", f"{clients}/{clients}",
         verdict(None if complete is None else complete == clients)],
        ["tracks marked cached afterwards (`is_cached`)", f"{R.get('remote_conc_cached', '?')}/5", "5/5",
         verdict(R.get("remote_conc_cached") == "5" if R.get("remote_conc_cached") else None)],
        ["cached files identical to the source", f"{R.get('remote_conc_cache_identical', '?')}/5", "5/5",
         verdict(R.get("remote_conc_cache_identical") == "5" if R.get("remote_conc_cache_identical") else None)],
    ]))
    text.append("")
    line = f"- GETs per file: {per_file or 'none'}."
    if ref_gets and ttfb_gets and per_download:
        same = all(g.get("gets") == g.get("files", 0) * per_download for g in (ref_gets, ttfb_gets))
        line += (f" Elsewhere in the run: {ref_gets.get('gets')} GETs for {ref_gets.get('files')} yt-dlp-alone runs and "
                 f"{ttfb_gets.get('gets')} for {ttfb_gets.get('files')} single first plays through the server, "
                 + (f"{per_download} per download throughout, as calibrated." if same else
                    "NOT the calibrated count everywhere, so the division above is approximate."))
    text.append(line)
    if conc.get("ttfb_median") is not None:
        text.append(f"- First body byte, from the release: median {ms(conc['ttfb_median'])}, slowest {ms(conc['ttfb_max'])}; "
                    f"all {clients} done after {ms(conc.get('wall'))}."
                    + (f" With at most {R['remote_max_downloads']} downloads at once, {5 - int(R['remote_max_downloads'])} of "
                       "the five tracks wait for a slot" if int(R.get("remote_max_downloads", "3")) < 5 else "")
                    + f"; the yt-dlp processes share {R.get('nproc', '?')} cores.")
    if conc.get("forked_children"):
        n_children = conc["forked_children"]
        text.append(f"- Not counted: {n_children} short-lived {'child' if n_children == 1 else 'children'} forked by a yt-dlp "
                    "(showing yt-dlp's command line until it execs).")
    if complete is not None and complete != clients:
        remote_problems.append(f"Concurrent first plays: only {complete} of {clients} clients got the complete file "
                        f"(statuses {conc.get('statuses')}, errors {conc.get('errors')}; `bench/out/remote/concurrent.json`).")
    if downloads is not None and downloads != 5:
        remote_problems.append(f"Concurrent first plays of 5 tracks started {downloads_text} downloads by the nginx log "
                        f"({per_file}), {conc.get('ytdlp_processes')} yt-dlp processes by /proc.")

    # -------- cached replay
    text.append(f"\n### Cached replay throughput, {num('remote_replay_size', 0) / 1e6:.1f} MB m4a\n")
    text.append(f"A {big_mb:.0f} MB ALAC m4a (`rply0000001.m4a`) played once through the server (the first play above), "
                "which caches it; once `GET /api/tracks/{id}` says `\"is_cached\":true`, the cached file "
                f"(`bench/out/{R.get('remote_replay_file', '?')}`, {'byte-identical to the source' if R.get('remote_replay_identical') == '1' else 'NOT identical to the source'}) "
                "is hard-linked into the root of an nginx with the reference config of the streaming section (sendfile on, "
                "no access log), and `GET /stream/{id}` and nginx are run with wrk exactly as there: `-c 8 -t 2`, three "
                f"alternating rounds of {(int(R.get('duration', '10')) + 2) // 3} s per server and request kind, median of the "
                "per-round ratios. Before timing, both answered `Range: bytes=1000000-1000999` with 206 and the right bytes"
                + (" (except: " + R["remote_replay_range_bad"] + ")" if R.get("remote_replay_range_bad") else "") + ".\n")
    rows = []
    for label, key in (("`Range: bytes=0-` (whole file)", "full"), ("1 MiB ranges at random offsets", "1m")):
        msr, ngx = wrk(f"replay-{key}-ms"), wrk(f"replay-{key}-nginx")
        if not msr or not ngx:
            continue
        rr = round_ratio(msr, ngx)
        ok = None if rr is None else rr >= 0.8
        per_round = lambda j: f" (rounds {', '.join(f'{x:.0f}' for x in j['rounds'])})" if j.get("rounds") else ""
        rows.append([label, f"{stream_mbps(msr):.0f} MB/s{per_round(msr)}", f"{stream_mbps(ngx):.0f} MB/s{per_round(ngx)}",
                     fmt_ratio(rr), ">= 0.8x", verdict(ok), f"{fmt_ms(msr['lat_p50_us'])} / {fmt_ms(ngx['lat_p50_us'])}"])
        summary.append((f"Remote cached replay, {label}", f"{stream_mbps(msr):.0f} MB/s", f"nginx {stream_mbps(ngx):.0f} MB/s",
                        fmt_ratio(rr), ">= 0.8x", verdict(ok)))
        for who, j in (("MySpotify", msr), ("nginx", ngx)):
            if errors(j):
                remote_problems.append(f"Cached replay ({label}) with {who}: wrk counted {errors(j)} errors "
                                f"(status {j['errors_status']}, timeouts {j['errors_timeout']}, read {j['errors_read']}).")
    text.append(table(["requests", "MySpotify", "reference (nginx, same file)", "ratio", "target", "result",
                       "p50 latency MySpotify / nginx"], rows))
    text.append("\nA cached remote track is served by the same code as a library file (a complete file on disk), so "
                "these rows should match the streaming section's; the same caveat holds for `bytes=0-`.")
    if num("remote_rss_kb"):
        text.append(f"\n- Server RSS (empty library): {num('remote_rss_after_downloads_kb', 0) / 1024:.0f} MiB after the "
                    f"{int(num('remote_catalogued', 0)) - 1} first plays above (high-water mark then "
                    f"{num('remote_hwm_after_downloads_kb', 0) / 1024:.0f} MiB); {num('remote_rss_kb') / 1024:.0f} MiB after the "
                    f"replay runs, high-water mark {num('remote_hwm_kb', 0) / 1024:.0f} MiB.")
        if num("remote_hwm_kb", 0) > 2 * num("remote_hwm_after_downloads_kb", 1e12):
            remote_problems.append(f"Memory of the remote-source server (empty library): its high-water mark went from "
                            f"{num('remote_hwm_after_downloads_kb') / 1024:.0f} MiB after all first plays and downloads to "
                            f"{num('remote_hwm_kb') / 1024:.0f} MiB under the 8-client cached-replay wrk runs: the same "
                            "in-flight file data per connection as in the streaming section; the downloads are not the cause.")
    sections.append("\n".join(text))
    if R.get("remote_leftovers"):
        remote_problems.append("Processes started by the remote-source server were still running 1 s after it stopped "
                        f"(stopped by the harness): `{R['remote_leftovers']}`.")
    if R.get("server_remote_log_errors"):
        remote_problems.append(f"The server log of the remote-source run has {R['server_remote_log_errors']} lines with "
                        "\"error\" (`bench/out/server-remote.log`).")
    if R.get("remote_replay_identical") == "0":
        remote_problems.append(f"The cached file of the replay track differs from the source (`bench/out/{R.get('remote_replay_file')}`).")

# ---------------------------------------------------------------- warm remote plays
WARM = os.path.join(OUT, "warm", "rounds.jsonl")
if os.path.exists(WARM):
    rows_all = [json.loads(line) for line in open(WARM) if line.strip()]
    rows = [row for row in rows_all if not row.get("warmup")]

    def ttfbs(kind):
        return [row["plays"][kind]["ttfb"] for row in rows if row["plays"][kind].get("ttfb") is not None]

    lib_t, prep_t, unprep_t = ttfbs("library"), ttfbs("prepared"), ttfbs("unprepared")
    lib_med = statistics.median(lib_t) if lib_t else None
    prep_med = statistics.median(prep_t) if prep_t else None
    unprep_med = statistics.median(unprep_t) if unprep_t else None
    gap = None if lib_med is None or prep_med is None else prep_med - lib_med
    clicks = [row["plays"]["prepared"]["after_search"] for row in rows]
    in_time = bool(clicks) and max(clicks) <= 10.0
    ok = None if gap is None else (gap <= 0.100 and in_time)
    summary.append((f"Remote hit clicked {R.get('warm_delay', '2')} s after its search, time to first byte "
                    f"(median of {len(prep_t)})", ms(prep_med), f"library track {ms(lib_med)}",
                    fmt_ratio(ratio(prep_med, lib_med)) + (f" ({gap * 1000:+.0f} ms)" if gap is not None else ""),
                    "<= library + 100 ms", verdict(ok)))
    bad = [f"round {row['round']} {kind}: {p.get('error') or p.get('status')}" for row in rows_all
           for kind, p in row["plays"].items() if not p.get("complete")]

    def spread(xs):
        return f"{ms(min(xs))} - {ms(max(xs))}" if xs else "n/a"

    text = ["## Warm remote plays: a hit clicked soon after its search\n",
            "One server with a library of one track (`Warm Library Track`, an m4a) and the YouTube provider on local "
            "files as in the remote-source section (nginx, the real yt-dlp, the stand-in search), with its defaults: "
            "the resident extractor, and each search's top 3 hits resolved in the background (`prepare_hits` 3). "
            f"{len(rows)} rounds after an untimed one (`bench/warm.py`): `GET /api/search?q=clickNNN&sources=youtube` "
            f"(4 hits, each a never-played track), a pause of {R.get('warm_delay', '2')} s (the click), then on fresh "
            "connections `GET /stream/{id}` of the library track (the reference), of the top hit (prepared by the "
            "search) and of the 4th hit (not prepared), in an order that rotates; each read to its end and compared "
            "with its file. Times from the connect to the first body byte.\n",
            table(["stream", "median", "min - max", "complete bodies"], [
                ["library track (reference)", ms(lib_med), spread(lib_t), f"{sum(1 for row in rows if row['plays']['library'].get('complete'))}/{len(rows)}"],
                ["top hit, prepared by its search", ms(prep_med), spread(prep_t), f"{sum(1 for row in rows if row['plays']['prepared'].get('complete'))}/{len(rows)}"],
                ["4th hit, not prepared (the resident extractor resolves it at the click)", ms(unprep_med), spread(unprep_t),
                 f"{sum(1 for row in rows if row['plays']['unprepared'].get('complete'))}/{len(rows)}"],
            ]),
            "",
            table(["measured", "reference", "difference", "target", "result"],
                  [[ms(prep_med), f"{ms(lib_med)} (library track)", "n/a" if gap is None else f"{gap * 1000:+.0f} ms",
                    "<= +100 ms, clicked within 10 s of the search", verdict(ok)]]),
            "",
            f"- Clicks came {min(clicks):.1f} to {max(clicks):.1f} s after their search's answer." if clicks else "- No rounds.",
            "- Searches took " + spread([row["search"] for row in rows]) + " (the first, untimed one starts the search "
            "helper and the resident extractor)."]
    if bad:
        problems.append(f"Warm remote plays: {len(bad)} incomplete or wrong bodies (`bench/out/warm/rounds.jsonl`): " + "; ".join(bad[:3]))
    if R.get("server_warm_log_errors"):
        problems.append(f"The server log of the warm-plays run has {R['server_warm_log_errors']} lines with \"error\" "
                        "(`bench/out/server-warm.log`).")
    sections.append("\n".join(text))

# ---------------------------------------------------------------- transcoding
TRANSCODE = os.path.join(OUT, "transcode", "results.json")
transcode_problems = []
if os.path.exists(TRANSCODE):
    T = json.load(open(TRANSCODE))
    seconds = T["seconds"]
    pairs = T["pairs"]
    alone_t = [p["alone"]["ttfb"] for p in pairs if p["alone"].get("ttfb") is not None]
    server_t = [p["server"]["ttfb"] for p in pairs if p["server"].get("ttfb") is not None]
    alone_med = statistics.median(alone_t) if alone_t else None
    server_med = statistics.median(server_t) if server_t else None
    diff = None if alone_med is None or server_med is None else server_med - alone_med
    ok = None if diff is None else diff <= 0.050
    summary.append((f"Transcode start, time to first byte (median of {len(pairs)}, 128 kbps MP3 from FLAC)", ms(server_med),
                    f"ffmpeg alone {ms(alone_med)}", fmt_ratio(ratio(server_med, alone_med)) +
                    (f" ({diff * 1000:+.0f} ms)" if diff is not None else ""), "<= ffmpeg alone + 50 ms", verdict(ok)))
    costs = T.get("costs", {})
    original, opus = costs.get("original"), costs.get("opus96")
    if original and opus:
        summary.append(("Data saver (Opus 96 kbps from FLAC): time to first byte", ms(opus["ttfb"]),
                        f"the original {ms(original['ttfb'])}", fmt_ratio(ratio(opus["ttfb"], original["ttfb"])), "none set", "-"))
        if opus.get("alone_cpu"):
            summary.append(("Data saver (Opus 96 kbps from FLAC): CPU per stream, server and its ffmpeg", f"{opus['cpu']:.3f} s",
                            f"ffmpeg alone {opus['alone_cpu']:.3f} s", fmt_ratio(ratio(opus["cpu"], opus["alone_cpu"])),
                            "none set", "-"))
    capacity = T["capacity"]

    def kept(side):
        entry = capacity.get(side, {})
        value = entry.get("kept_up", 0)
        return f"{value}" if entry.get("first_behind") else f">= {value} (the most tried)"

    server_cap = capacity.get("server", {}).get("kept_up", 0)
    alone_cap = capacity.get("alone", {}).get("kept_up", 0)
    summary.append((f"128 kbps transcodes at real time at once ({T.get('nproc', '?')} cores)", kept("server"),
                    f"ffmpeg alone {kept('alone')}", fmt_ratio(ratio(server_cap, alone_cap)), "none set", "-"))
    single = next((row for row in T["ladder"] if row["side"] == "alone" and row["count"] == 1), None)
    single_server = next((row for row in T["ladder"] if row["side"] == "server" and row["count"] == 1), None)
    text = ["## Transcoding\n",
            f"One {seconds:.0f} s FLAC of stereo noise ({num('transcode_flac_size', 0) / 1e6:.1f} MB, about "
            f"{num('transcode_flac_size', 0) * 8 / seconds / 1000:.0f} kbps, like music) in a library of its own, on a server "
            "started with `MYSPOTIFY_MAX_TRANSCODES=64` and the per-address limits raised (so that only the machine limits "
            f"the streams at once), ffmpeg {R.get('transcode_ffmpeg', '?')}. Every request is "
            "`GET /stream/{id}?format=mp3&max_bitrate=128` on a fresh connection (`bench/transcode.py`). The reference is "
            "ffmpeg alone running the very command line the server runs (read from `/proc` during an untimed request: "
            f"`{' '.join(T['command'][1:])}`), with the file on its standard input as the server gives it. Load average "
            f"{R.get('transcode_loadavg_start', '?')} at the start of this part, {T.get('loadavg_end', '?')} at its end.\n",
            "### Start latency\n",
            f"{len(pairs)} pairs after one untimed run of each, one after the other, the side that goes first alternating: "
            "ffmpeg alone from its spawn to its first byte on standard output; the server from the connect to the first "
            "body byte (sign-in check, catalog lookup, slot, spawn, ffmpeg's start, the first chunk). Both read to the end.\n",
            table(["figure", "measured", "reference (ffmpeg alone)", "difference", "target", "result"],
                  [["median time to first byte", ms(server_med), ms(alone_med),
                    f"{diff * 1000:+.0f} ms" if diff is not None else "n/a", "<= + 50 ms", verdict(ok)],
                   ["fastest - slowest", f"{ms(min(server_t))} - {ms(max(server_t))}" if server_t else "n/a",
                    f"{ms(min(alone_t))} - {ms(max(alone_t))}" if alone_t else "n/a", "", "", ""]]),
            "",
            "### Cost of one stream\n",
            f"{T.get('cost_runs', 3)} streams one after the other of each kind, after an untimed one. First byte: the median, "
            "from the connect. CPU: what the server spent per stream, its own and that of its reaped children (ffmpeg), from "
            "`/proc/PID/stat`; the reference is ffmpeg alone on the very command line the server ran (its rusage). The "
            "original is the FLAC as it is, the same file, with no ffmpeg.\n",
            table(["stream", "size", "first byte", "first byte, ffmpeg alone", "CPU per stream", "CPU, ffmpeg alone", "CPU ratio"],
                  [[label, f"{entry['bytes'] / 1e6:.2f} MB", ms(entry["ttfb"]), ms(entry.get("alone_ttfb")),
                    f"{entry['cpu']:.3f} s", f"{entry['alone_cpu']:.3f} s" if entry.get("alone_cpu") else "-",
                    fmt_ratio(ratio(entry["cpu"], entry.get("alone_cpu")))]
                   for label, entry in [("original FLAC", costs.get("original")), ("Opus 96 kbps (data saver)", costs.get("opus96")),
                                        ("MP3 128 kbps", costs.get("mp3128"))] if entry]),
            "",
            "### 128 kbps transcodes at real time, at once\n",
            f"N clients at once each read the whole stream as fast as they can; a stream keeps up with real time when its "
            f"{seconds:.0f} s of audio arrive within {seconds:.0f} s. N doubles from 1 to 64, then the gap between the last N that "
            "kept up and the first that did not is halved until it is a quarter of the former. The figure is the largest N at which every stream kept up. "
            "The reference is the same search with N ffmpeg processes alone (no server, no HTTP).\n"]
    rows = []
    for row in sorted(T["ladder"], key=lambda r: (r["count"], r["side"])):
        rows.append([row["count"], "server" if row["side"] == "server" else "ffmpeg alone", f"{row['slowest']:.2f}x",
                     f"{row['median']:.2f}x", f"{row['wall']:.1f} s", "yes" if row["slowest"] >= 1 else "no"])
    text.append(table(["streams at once", "side", "slowest stream (x real time)", "median", "wall time of the slowest",
                       "all kept up"], rows))
    text.append("")
    text.append(f"- Kept up at once: {kept('server')} through the server, {kept('alone')} for ffmpeg alone.")
    if single and single_server:
        text.append(f"- One stream alone runs at {single_server['slowest']:.0f}x real time through the server and "
                    f"{single['slowest']:.0f}x for ffmpeg alone, on one core (ffmpeg runs with `-threads 1`).")
        text.append(f"- For a Raspberry Pi 5 (4 Cortex-A76 cores at 2.4 GHz): scale the single-stream speed by how much slower "
                    f"one of its cores encodes MP3 than one here, and multiply by 4 cores instead of {T.get('nproc', 2)}. "
                    f"At an assumed 3x slower core that is about {single_server['slowest'] / 3 * 4:.0f} streams at once, "
                    "far above `MYSPOTIFY_MAX_TRANSCODES` (4 by default): the default limits memory and bursts, not the CPU. "
                    "(A player reads a stream at about real time once its buffer is full, so a running stream costs far "
                    "less than these flat-out ones.)")
    if num("transcode_hwm_kb"):
        text.append(f"- Server RSS after the runs: {num('transcode_rss_kb', 0) / 1024:.0f} MiB (high-water mark "
                    f"{num('transcode_hwm_kb') / 1024:.0f} MiB).")
    if T.get("leftover_ffmpeg"):
        transcode_problems.append(f"{T['leftover_ffmpeg']} ffmpeg processes of the server were still running after the transcoding runs.")
    if R.get("server_transcode_log_errors"):
        transcode_problems.append(f"The server log of the transcoding run has {R['server_transcode_log_errors']} lines with "
                                  "\"error\" (`bench/out/server-transcode.log`).")
    sections.append("\n".join(text))

# ---------------------------------------------------------------- progressive search
PROGRESSIVE = os.path.join(OUT, "progressive", "rounds.jsonl")
if R.get("progressive_summary") and os.path.exists(PROGRESSIVE):
    P = json.loads(R["progressive_summary"])
    rounds = [json.loads(line) for line in open(PROGRESSIVE) if line.strip()]
    first_ms, ref_ms, full_ms = P["library_ms"], P["ref_library_ms"], P["full_ms"]
    summary.append(("Progressive search: first library rows in the browser while a remote source takes 4 s "
                    f"(median of {P['rounds']})", f"{first_ms:.0f} ms", f"library alone {ref_ms:.0f} ms",
                    fmt_ratio(ratio(first_ms, ref_ms)), "<= 100 ms", verdict(first_ms <= 100)))
    summary.append(("Progressive search: the full answer (remote rows in too)", f"{full_ms:.0f} ms",
                    "the remote source's 4 s", fmt_ratio(ratio(full_ms, 4000)), "none set", "-"))
    text = ["## Progressive search\n",
            "Two servers over the same library folder (the main library, each with its own catalog): one with a SoundCloud "
            "source whose yt-dlp is a stand-in that sleeps 4 s and then lists three hits (`bench/standin/sleeping_yt_dlp.py`, "
            "`search_timeout_ms` 8000), one with the library alone (the reference). In headless Chromium "
            "(`bench/progressive.py`, one signed-in browser per server, the page served from "
            f"`{R.get('progressive_web', 'Web')}`), each query is submitted through the top bar's search form; a "
            "MutationObserver in the page takes the time from the submit to the first of this search's rows with the "
            "Library badge in the page, and to the remote source's first row (the full answer). The servers take turns "
            "going first, query by query; one untimed search on each comes first. The \"Loading…\" column counts the "
            "searches during which the page said \"Loading…\" at any moment.\n",
            table(["query", "library rows (with the slow source)", "library rows (library alone)", "full answer", "\"Loading…\" shown"],
                  [[f"`{r['query']}`", f"{r['slow']['library_ms']:.0f} ms", f"{r['ref']['library_ms']:.0f} ms",
                    f"{r['slow']['full_ms']:.0f} ms", "yes" if r["slow"]["saw_loading"] else "no"] for r in rounds]),
            "",
            f"- Medians: {first_ms:.0f} ms with the slow source (slowest {P['library_ms_max']:.0f} ms), {ref_ms:.0f} ms for "
            f"the library alone, {full_ms:.0f} ms for the full answer; \"Loading…\" shown in {P['saw_loading']} of "
            f"{P['rounds']} searches."]
    sections.append("\n".join(text))

# ---------------------------------------------------------------- problems
if R.get("server_upkeep_exit"):
    problems.insert(0, "With `\"watch\": false` and `\"rescan_interval_minutes\": 0` (the configuration asked for, so "
                    "that no background rescan disturbs the timings) `myspotify serve` stops right after starting: "
                    f"`{R['server_upkeep_exit'].strip()}` (full log: `bench/out/server-n-upkeep-exit.log`). `LibraryUpkeepService.run` returns as soon as there "
                    "is nothing to watch and no rescan period, and ServiceLifecycle treats a service that returns as "
                    "a failure. The benchmark reruns the server with `rescan_interval_minutes: 10080` (7 days), "
                    "which keeps rescans out of the run as well.")
idle_kb, stream_kb, hwm_kb = num("rss_idle_kb"), num("rss_after_stream_kb"), num("rss_hwm_kb")
if idle_kb and stream_kb and hwm_kb and hwm_kb > 2 * idle_kb:
    problems.append(f"Memory under streaming load: RSS {stream_kb / 1024:.0f} MiB right after the 8-client streaming runs "
                    f"and a high-water mark of {hwm_kb / 1024:.0f} MiB, against {idle_kb / 1024:.0f} MiB idle. With fast "
                    "readers the server holds a lot of file data in flight per connection; a device with little RAM "
                    "and a few fast clients (LAN downloads, caching players) could run short.")
if R.get("server_n_log_errors"):
    problems.append(f"The server log of the {N:,}-track run has {R['server_n_log_errors']} lines with \"error\" "
                    "(`bench/out/server-n.log`).")

problems.extend(remote_problems)
problems.extend(transcode_problems)

# ---------------------------------------------------------------- write
dirty = R.get("git_dirty", "0")
remote_note = (" The remote-source figures use a plugins file of their own, with the YouTube provider pointed at "
               "local files (see that section)." if R.get("remote_plays") else "")
dropped_note = (f"; the remote sources ({R['dropped_providers']}) are left out, so that no search waits on the network"
                if R.get("dropped_providers") else "")
auth_note = (f"- Signed in: every request to `/api` and `/stream` carries `Authorization: Bearer` with the access token "
             f"of the bench's own account ({R['auth_user']}, the admin of each data folder, signed up at each server start, "
             "tokens valid 1440 minutes), so every measured request includes the server's token check; `/healthz` (public) "
             "and nginx are requested without one. An answer with a status of 400 or more in a wrk run (wrk's count), or "
             "any other than 200/206 to the harness's own requests, stops the run: no figure is measured on error answers.\n"
             if R.get("auth_user") else "")
intro = f"""# MySpotify benchmarks

Measured by `bench/run` on {R.get('date', '?')}, commit `{R.get('git_commit', '?')}`{' (with uncommitted changes in Sources/, Plugins/ or Package.swift)' if dirty not in ('0', '') else ''}, release build.

- Machine: {R.get('nproc', '?')} cores ({R.get('cpu', '?')}), {R.get('mem_gb', '?')} GB RAM, {R.get('os', '?')}, Linux {R.get('kernel', '?')}; load average {R.get('loadavg_start', '?')} at the start of the run, {R.get('loadavg_end', '?')} at the end (the benchmark itself loads both cores; a load well above 2 at the start means something else was running)
- Tools: {R.get('swift', '?')}; nginx {R.get('nginx', '?')}; wrk {R.get('wrk', '?')}
- Libraries: N = {n_files:,} audio files (BENCH_TRACKS={N} plus the streaming test files, 52 MB and 4.8 MB WAV; mostly mp3, some flac, m4a and ogg; about 70 % of albums tagged with mutagen, the rest untagged so the folder layout names them; some album folders with a cover image), and {BIG:,} tracks for search at scale (BENCH_BIG). Names come from a seeded vocabulary with Zipf-like word frequencies (`bench/make_library.py`).
- Configuration: the repository's `plugins.json` with `"watch": false` and `"rescan_interval_minutes": 0` for the local library{dropped_note}.{remote_note}
{auth_note}- Every figure is a ratio against a reference measured in the same run, on the same machine. Rerun with `bench/run` (env BENCH_TRACKS, BENCH_BIG, BENCH_DURATION, BENCH_REMOTE, BENCH_REMOTE_PLAYS, BENCH_WARM, BENCH_WARM_ROUNDS, BENCH_TRANSCODE, BENCH_STREAMS, BENCH_SIGNEDIN, BENCH_PROGRESSIVE); raw outputs are in `bench/out/`.

## Summary

{table(["figure", "measured", "reference", "ratio", "target", "result"], summary)}
"""
problem_text = "## Problems seen while benchmarking\n\n" + (
    "\n".join(f"- {p}" for p in problems) if problems else "- None detected by the harness (no errors, crashes or non-2xx answers).")
with open(TARGET, "w") as out:
    out.write(intro + "\n" + "\n\n".join(sections) + "\n\n" + problem_text + "\n")
print(f"wrote {TARGET}")
