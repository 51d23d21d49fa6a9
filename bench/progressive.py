#!/usr/bin/env python3
"""The progressive-search figures of bench/run, measured in the real page in Debian's
headless Chromium (Selenium): from submitting a search in the top bar to the library's rows
being in the page, on a server whose remote source takes 4 s (a stand-in that sleeps,
bench/standin/sleeping_yt_dlp.py) and, round by round in the same run, on a server with the
library alone (the reference); and when the remote source's rows are in too (the full answer).

  progressive.py queries BASE OUT COUNT            COUNT queries of bench/out/queries.txt (from stdin) with library hits
  progressive.py measure SLOW_BASE REF_BASE QUERIES OUT
                                                   one round per query, alternating which server goes first;
                                                   JSON lines in OUT, a summary line on stdout

Both servers have the bench user (BENCH_EMAIL, BENCH_PASSWORD); the page signs in through
its own form. Requests of `queries` carry "Authorization: Bearer $BENCH_TOKEN". Every wait
is bounded (a round gives up after 20 s); a round where the library's rows never come, or
the remote rows never come on the slow server, stops the run with an error (exit 3): no
figure on a failed search.
"""

import json
import os
import shutil
import statistics
import sys
import tempfile
import urllib.parse
import urllib.request

ROUND_LIMIT_SECONDS = 20

# Runs in the page: submits `query` through the top bar's form and reports, in ms from the
# submit, when this search's library rows (badge "source-local") are in the page and when
# the remote source's rows are. Rows of the previous search, still shown while this one
# runs, are not counted: they sit under another heading (the old page) or in a list marked
# stale or of another query (the streamed page).
MEASURE = r"""
const [query, remote, limitMs, done] = arguments;
const main = document.getElementById('main');
const field = document.getElementById('search-input');
const title = `Results for “${query}”`;
let library = null, full = null, sawLoading = false;
const start = performance.now();
const check = () => {
  if (main.textContent.includes('Loading…')) sawLoading = true;
  const heading = main.querySelector('h1');
  if (!heading || heading.textContent !== title) return;
  const lists = [...main.querySelectorAll('.search-results')]
    .filter((list) => (list.dataset.query === undefined || list.dataset.query === query) && !list.dataset.stale);
  const rows = lists.flatMap((list) => [...list.querySelectorAll('.track-row')]);
  const now = performance.now() - start;
  if (library === null && rows.some((row) => row.querySelector('.source-local'))) library = now;
  if (full === null && (!remote || rows.some((row) => row.querySelector(`.source-${remote}`)))) {
    if (library !== null) full = now;
  }
};
const observer = new MutationObserver(check);
observer.observe(main, { childList: true, subtree: true, characterData: true, attributes: true });
const finish = (error) => {
  observer.disconnect();
  clearInterval(poll);
  done({ library_ms: library, full_ms: full, saw_loading: sawLoading, error });
};
const poll = setInterval(() => {
  check();
  if (library !== null && full !== null) finish(null);
  else if (performance.now() - start > limitMs) finish('timeout');
}, 5);
field.value = query;
field.form.requestSubmit();
"""


def auth_headers():
    token = os.environ.get("BENCH_TOKEN", "")
    if not token:
        sys.exit("progressive.py: BENCH_TOKEN is not set")
    return {"Authorization": f"Bearer {token}"}


def queries(base, out, count):
    """Queries whose library search (sources=local) has hits, in the file's order."""
    kept = []
    for line in sys.stdin:
        q = line.strip()
        if not q or q in kept:
            continue
        request = urllib.request.Request(f"{base}/api/search?limit=20&sources=local&q={q}", headers=auth_headers())
        with urllib.request.urlopen(request, timeout=30) as answer:
            if answer.status != 200:
                sys.exit(f"progressive.py queries: {q} answered {answer.status}")
            if json.load(answer)["results"]:
                kept.append(q)
        if len(kept) >= count:
            break
    with open(out, "w") as f:
        f.write("\n".join(urllib.parse.unquote(q) for q in kept) + "\n")
    print(json.dumps({"queries": len(kept)}))


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        sys.exit("progressive.py: Debian's chromium and chromium-driver are needed")
    profile = tempfile.mkdtemp(prefix="bench-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                 f"--user-data-dir={profile}/profile", "--window-size=1280,800"):
        options.add_argument(flag)
    environment = {**os.environ, "TMPDIR": profile}
    session = webdriver.Chrome(options=options, service=Service(driver, env=environment))
    session.set_script_timeout(ROUND_LIMIT_SECONDS + 10)
    return session, profile


def sign_in(session, base):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    session.get(base + "/")
    wait = WebDriverWait(session, 20)
    wait.until(lambda d: d.find_elements(By.ID, "auth-email"))
    session.find_element(By.ID, "auth-email").send_keys(os.environ["BENCH_EMAIL"])
    session.find_element(By.ID, "auth-password").send_keys(os.environ["BENCH_PASSWORD"])
    session.find_element(By.ID, "auth-submit").click()
    wait.until(lambda d: d.execute_script(
        "const m = document.getElementById('main'); return !document.getElementById('app').hidden && m && m.dataset.state === 'ready'"))


def measure(slow_base, ref_base, queries_file, out):
    words = [line.strip() for line in open(queries_file) if line.strip()]
    if not words:
        sys.exit("progressive.py measure: no queries")
    sessions = {}
    try:
        for name, base in (("slow", slow_base), ("ref", ref_base)):
            session, profile = browser()
            sessions[name] = (session, profile)
            sign_in(session, base)
        # The first query once on each, untimed (the page's modules, the first connection).
        for name in sessions:
            round_in(sessions[name][0], words[0], "soundcloud" if name == "slow" else None)
        rounds = []
        with open(out, "w") as lines:
            for index, query in enumerate(words[1:]):
                order = ("slow", "ref") if index % 2 == 0 else ("ref", "slow")
                result = {"query": query}
                for name in order:
                    figures = round_in(sessions[name][0], query, "soundcloud" if name == "slow" else None)
                    result[name] = figures
                lines.write(json.dumps(result) + "\n")
                rounds.append(result)
    finally:
        for session, profile in sessions.values():
            try:
                session.quit()
            finally:
                shutil.rmtree(profile, ignore_errors=True)

    def median(values):
        return round(statistics.median(values), 1)

    summary = {
        "rounds": len(rounds),
        "library_ms": median([r["slow"]["library_ms"] for r in rounds]),
        "library_ms_max": round(max(r["slow"]["library_ms"] for r in rounds), 1),
        "ref_library_ms": median([r["ref"]["library_ms"] for r in rounds]),
        "full_ms": median([r["slow"]["full_ms"] for r in rounds]),
        "saw_loading": sum(1 for r in rounds if r["slow"]["saw_loading"]),
    }
    summary["ratio"] = round(summary["library_ms"] / summary["ref_library_ms"], 2) if summary["ref_library_ms"] else None
    print(json.dumps(summary))


def round_in(session, query, remote):
    figures = session.execute_async_script(MEASURE, query, remote, ROUND_LIMIT_SECONDS * 1000)
    if figures["error"]:
        print(f"progressive.py: the search {query!r} did not show its rows within {ROUND_LIMIT_SECONDS} s: {figures}",
              file=sys.stderr)
        sys.exit(3)
    return figures


def main(arguments):
    if arguments[:1] == ["queries"] and len(arguments) == 4:
        queries(arguments[1], arguments[2], int(arguments[3]))
    elif arguments[:1] == ["measure"] and len(arguments) == 5:
        measure(*arguments[1:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
