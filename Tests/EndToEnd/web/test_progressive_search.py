"""The streamed search in the page: the library's hits show while a slow remote source is
still searching, and that source's hits are added below them when it answers, without
moving the library's rows; the page never says "Loading…" in between.

The remote source is SoundCloud run through fake_yt_dlp.py, whose search answers only once
the test creates its gate file: the test decides when the slow source answers (a cause,
not a time)."""

import json
from pathlib import Path

import pytest

import harness
from browser import By

FAKE = Path(__file__).resolve().parent / "fake_yt_dlp.py"

# Watches #main from before the search is submitted: whether "Loading…" ever showed.
WATCH_LOADING = """
window.__sawLoading = false;
const main = document.getElementById('main');
new MutationObserver(() => {
  if (main.textContent.includes('Loading…')) window.__sawLoading = true;
}).observe(main, { childList: true, subtree: true, characterData: true });
"""

LIBRARY_ROWS = """
const list = [...document.querySelectorAll('#main .search-results')].find((e) => e.dataset.query === arguments[0] && !e.dataset.stale);
return list ? [...list.querySelectorAll('.track-row')].map((row) => [
  row.querySelector('.track-title').textContent, row.querySelector('.source-badge').textContent,
  row.getBoundingClientRect().top]) : [];
"""


@pytest.fixture
def slow_remote(tmp_path):
    gate = tmp_path / "search-gate"
    data = harness.new_data_folder("web-progressive")
    audio = data / "remote.mp3"
    harness.make_library(data, [harness.Tone("remote.mp3", "Remote Tide", "Tidewater", "Remote", 2, 600, 1)])
    (data / "plugins.json").write_text(json.dumps({"providers": [
        {"id": "local", "type": "LocalFiles", "options": {"watch": False, "rescan_interval_minutes": 0}},
        {"id": "soundcloud", "type": "SoundCloud", "search_timeout_ms": 60000,
         "options": {"yt_dlp": str(FAKE), "search_process_timeout_ms": 60000}},
    ]}))
    server = harness.Server(data, environment={"FAKE_YT_DLP_AUDIO": str(audio), "FAKE_YT_DLP_SEARCH_GATE": str(gate)})
    server.start()
    try:
        client = server.client()
        client.sign_up("progressive@example.com")
        server.wait_for_tracks(client, len(harness.DEFAULT_LIBRARY))
        yield server, gate
    finally:
        gate.touch()  # a search still waiting ends at once
        server.stop()
        harness.remove(data)


def test_library_hits_show_while_a_slow_source_searches_and_remote_hits_come_below(slow_remote, browsers):
    server, gate = slow_remote
    browser = browsers(server.url)
    browser.open("/")
    browser.sign_in("progressive@example.com")
    browser.wait_for_view("discover")
    browser.js(WATCH_LOADING)

    field = browser.find("#search-input")
    field.send_keys("tide")
    browser.js("document.querySelector('form.search-form').requestSubmit()")
    # "Lantern Song" is by Copper Tide, in the library.
    browser.wait(lambda d: browser.js(LIBRARY_ROWS, "tide"), 10, "the library's hits did not show")
    rows = browser.js(LIBRARY_ROWS, "tide")
    # The cause: the slow source cannot have answered, its gate is shut.
    assert not gate.exists()
    assert [(title, badge) for title, badge, _ in rows] == [("Lantern Song", "Library")]
    assert browser.texts(".source-chip") == ["Library 1", "SoundCloud …"]
    assert browser.find(".source-pending").text == "Still searching SoundCloud…"
    assert browser.js("return document.querySelector('#main .search-view').dataset.searchState") == "searching"
    browser.screenshot("search-progressive-pending")

    gate.touch()
    browser.wait(lambda d: len(browser.js(LIBRARY_ROWS, "tide")) == 2, 20, "the remote hit was not added")
    after = browser.js(LIBRARY_ROWS, "tide")
    assert [(title, badge) for title, badge, _ in after] == [("Lantern Song", "Library"), ("Remote Tide", "SoundCloud")]
    # Added below: the library's row did not move.
    assert after[0][2] == rows[0][2]
    sections = browser.js("return [...document.querySelectorAll('#main .search-source')].map((s) => s.dataset.source)")
    assert sections == ["local", "soundcloud"]
    browser.wait(lambda d: browser.js("return document.querySelector('#main .search-view').dataset.searchState") == "complete",
                 10, "the search did not complete")
    assert browser.texts(".source-chip") == ["Library 1", "SoundCloud 1"]
    assert not browser.find_all(".source-pending")
    assert not browser.find_all(".source-notice")
    assert browser.js("return window.__sawLoading") is False
    assert not browser.stray_text()
    browser.screenshot("search-progressive-complete")


def test_a_new_search_keeps_the_shown_results_until_its_own_come(slow_remote, browsers):
    server, gate = slow_remote
    gate.touch()
    browser = browsers(server.url)
    browser.open("/")
    browser.sign_in("progressive@example.com")
    browser.wait_for_view("discover")
    field = browser.find("#search-input")
    field.send_keys("tide")
    browser.wait(lambda d: len(browser.js(LIBRARY_ROWS, "tide")) == 2, 20, "the first search did not show its hits")
    browser.js(WATCH_LOADING)
    # Typing on: every frame painted shows a result list, never an empty page (checked
    # once a frame, as the person sees it; the DOM may be between two states within a task).
    browser.js("""
      window.__emptied = false;
      const main = document.getElementById('main');
      const look = () => {
        if (!main.querySelector('.track-row') && !main.querySelector('.status-message')) window.__emptied = true;
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);""")
    field.send_keys(" remote")
    browser.wait(lambda d: [t for t, _, _ in browser.js(LIBRARY_ROWS, "tide remote")] == ["Remote Tide"], 20,
                 "the second search did not show its hit")
    assert browser.js("return window.__sawLoading") is False
    assert browser.js("return window.__emptied") is False
    # The field kept the focus while the results changed under it.
    assert browser.js("return document.activeElement.id") == "search-input"
    assert browser.find("#search-input").get_attribute("value") == "tide remote"
    row = browser.find_all("#main .track-row")[0]
    assert row.find_element(By.CSS_SELECTOR, ".source-badge").get_attribute("textContent") == "SoundCloud"
