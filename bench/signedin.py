#!/usr/bin/env python3
"""The signed-in floor and search at its cost (issue 13), on a running server.

  signedin.py BASE OUT_JSON

Environment: BENCH_TOKEN (the bench user's access token), BENCH_QUERIES (the URL-encoded
queries, one a line, as bench/run's search runs use), BENCH_SECONDS (per wrk run, default
5), BENCH_ROUNDS (default 3), BENCH_WRK_LUA (bench/wrk.lua).

Three requests, each under `wrk -t1 -c8 -dS` as the issue measured them, in rounds
(healthz, me, search, healthz, me, search, ...) so the three share the machine's state:

  healthz  GET /healthz, no token (the HTTP floor)
  me       GET /api/me with the bearer token (the signed-in floor: a token check)
  search   GET /api/search?limit=20&q=... with the bearer token, rotating over the queries

Each request is probed once first and must answer 200; a wrk run that counts an answer >=
400 or a socket error stops the script with an error (no figure on error answers). Writes
every run and the medians: req/s and p99 of each, and the ratios of the issue's rows
(me/healthz req/s, search/me req/s, search/me p99), each the median of the per-round ratios.
"""

import json
import os
import statistics
import subprocess
import sys
import urllib.error
import urllib.request

BASE, OUT_JSON = sys.argv[1], sys.argv[2]
TOKEN = os.environ["BENCH_TOKEN"]
QUERIES = os.environ["BENCH_QUERIES"]
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
LUA = os.environ.get("BENCH_WRK_LUA", os.path.join(os.path.dirname(os.path.abspath(__file__)), "wrk.lua"))
PREFIX = "/api/search?limit=20&q="

first_query = next(line.strip() for line in open(QUERIES) if line.strip())
KINDS = {
    # name: (wrk URL, probe URL, token?, extra wrk environment)
    "healthz": (f"{BASE}/healthz", f"{BASE}/healthz", False, {}),
    "me": (f"{BASE}/api/me", f"{BASE}/api/me", True, {}),
    "search": (f"{BASE}/api/search", f"{BASE}{PREFIX}{first_query}", True, {"WRK_QUERIES": QUERIES, "WRK_PREFIX": PREFIX}),
}


def fail(message):
    print(f"signedin.py: {message}", file=sys.stderr)
    sys.exit(1)


def probe(url, with_token):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {TOKEN}"} if with_token else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            if answer.status != 200:
                fail(f"the probe {url} answered {answer.status}, expected 200")
            answer.read()
    except urllib.error.HTTPError as error:
        fail(f"the probe {url} answered {error.code}, expected 200: {error.read()[:300]!r}")


def run_wrk(name, url, with_token, extra):
    env = dict(os.environ)
    env.pop("WRK_TOKEN", None)
    env.pop("WRK_QUERIES", None)
    if with_token:
        env["WRK_TOKEN"] = TOKEN
    env.update(extra)
    command = ["wrk", "-t", "1", "-c", "8", "-d", f"{SECONDS}s", "--timeout", "10s", "--latency", "-s", LUA, url]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=SECONDS + 60)
    lines = [line for line in done.stdout.splitlines() if line.startswith("WRKJSON ")]
    if not lines:
        fail(f"wrk {name} printed no result: {done.stdout[-500:]} {done.stderr[-500:]}")
    result = json.loads(lines[-1][len("WRKJSON "):])
    errors = {k: v for k, v in result.items() if k.startswith("errors_") and v}
    if errors:
        fail(f"wrk {name}: errors {errors}; no figure is measured on error answers")
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


runs = {name: [] for name in KINDS}
for name, (_, probe_url, with_token, _) in KINDS.items():
    probe(probe_url, with_token)
for number in range(1, ROUNDS + 1):
    for name, (url, _, with_token, extra) in KINDS.items():
        result = run_wrk(name, url, with_token, extra)
        runs[name].append(result)
        print(f"  round {number} {name}: {result['rps']:.0f} req/s, p50 {result['lat_p50_us'] / 1000:.2f} ms, "
              f"p99 {result['lat_p99_us'] / 1000:.2f} ms", flush=True)
for name, (_, probe_url, with_token, _) in KINDS.items():
    probe(probe_url, with_token)


def paired(top, bottom, key):
    return statistics.median(a[key] / b[key] for a, b in zip(runs[top], runs[bottom]) if b[key])


summary = {
    "seconds": SECONDS,
    "rounds": ROUNDS,
    "runs": runs,
    "median_rps": {name: statistics.median(r["rps"] for r in rs) for name, rs in runs.items()},
    "median_p99_us": {name: statistics.median(r["lat_p99_us"] for r in rs) for name, rs in runs.items()},
    "me_vs_healthz_rps": paired("me", "healthz", "rps"),
    "search_vs_me_rps": paired("search", "me", "rps"),
    "search_vs_me_p99": paired("search", "me", "lat_p99_us"),
}
json.dump(summary, open(OUT_JSON, "w"), indent=1)
print(f"  medians: healthz {summary['median_rps']['healthz']:.0f}/s, me {summary['median_rps']['me']:.0f}/s, "
      f"search {summary['median_rps']['search']:.0f}/s; me/healthz {summary['me_vs_healthz_rps']:.2f}x, "
      f"search/me {summary['search_vs_me_rps']:.2f}x, search p99/me p99 {summary['search_vs_me_p99']:.2f}x")
