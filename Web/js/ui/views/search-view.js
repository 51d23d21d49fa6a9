// Unified search, streamed: the library's best artists and albums come first, as one row of
// covers leading to their pages, then the songs. The library's hits show as soon as the library has answered,
// and each remote source's are added below them as that source answers, so nothing already
// on screen moves under the pointer. A source still searching, slow or failed is one calm
// line under the results. While a new search runs, the previous results stay (dimmed) until
// the new library hits replace them: typing never wipes the page.

import { h, statusMessage } from '../dom.js';
import { sourceName } from '../format.js';
import { trackList } from '../components/track-list.js';
import { albumCard, artistCard, shelf } from '../components/shelf.js';
import { page } from './view-kit.js';

const PAGE_SIZE = 30;
/** How long the page waits for the library's hits before it shows itself anyway (with the
 * previous results, or nothing yet): under the app's 200 ms before it says "Loading…". */
const LIBRARY_WAIT_MS = 150;

/** The results the search page shows now, carried into the next search until it has its own. */
let shownResults = null;

export async function searchView(app, route, signal) {
  const text = (route.query.get('q') ?? '').trim();
  if (!text) {
    // The search field is in the top bar on every screen size: send the person there.
    setTimeout(() => document.getElementById('search-input')?.focus(), 0);
    return page('Search', statusMessage('Search your library, YouTube and SoundCloud at once: type in the search field above.'));
  }
  const search = new StreamedSearch(app, text, signal, shownResults?.isConnected ? shownResults : null);
  search.run();
  await Promise.race([search.libraryShown, new Promise((resolve) => setTimeout(resolve, LIBRARY_WAIT_MS))]);
  if (!signal.aborted) search.adoptPrevious();
  return search.view;
}

/** One search page: its chips, its sections (one per source with hits), its calm lines. */
class StreamedSearch {
  constructor(app, text, signal, previous) {
    this.app = app;
    this.text = text;
    this.signal = signal;
    /** id -> {id, library, report, chip} in the order the server asked them. */
    this.sources = new Map();
    /** Remote parts that came before every library part: shown right after those. */
    this.held = [];
    this.libraryWaiting = 0;
    this.shownIds = new Set();
    this.hasResults = false;
    this.hasCollections = false;
    this.songsHeading = null;

    this.view = page(`Results for “${text}”`);
    this.view.classList.add('search-view');
    this.view.dataset.searchState = 'searching';
    this.view.setAttribute('aria-busy', 'true');
    this.summary = h('ul', { class: 'source-summary', 'aria-label': 'Sources searched' });
    this.results = h('div', { class: 'search-results', dataset: { query: text } });
    this.body = h('div', { class: 'search-results search-results-waiting' });
    this.previous = previous;
    this.pending = h('p', { class: 'source-pending', role: 'status' });
    this.notices = null;
    this.pager = h('div', { class: 'pager' });
    this.view.append(this.summary, this.body, this.pending, this.pager);

    let shown;
    this.libraryShown = new Promise((resolve) => { shown = resolve; });
    this.markLibraryShown = shown;
  }

  /** The page is about to be shown: until this search has hits, it keeps the previous
   * results (dimmed), not a blank. They move only now, as the old page leaves the screen. */
  adoptPrevious() {
    const previous = this.previous;
    this.previous = null;
    if (!previous || this.body === this.results) return;
    previous.dataset.stale = 'true';
    previous.style.opacity = '0.55';
    previous.setAttribute('aria-hidden', 'true');
    this.body.replaceWith(previous);
    this.body = previous;
    shownResults = previous;
  }

  async run() {
    try {
      for await (const line of this.app.services.search.stream(this.text, { limit: PAGE_SIZE, signal: this.signal })) {
        if (this.signal.aborted) return;
        if (line.type === 'start') this.#start(line);
        else if (line.type === 'collections') this.#collections(line);
        else if (line.type === 'part') this.#part(line);
        else if (line.type === 'complete') this.#complete(line);
      }
      if (this.view.dataset.searchState !== 'complete') this.#cutShort();
    } catch (error) {
      if (this.signal.aborted || error?.name === 'AbortError') return;
      this.#failed(error);
    }
  }

  #start({ sources }) {
    for (const source of sources) {
      const chip = h('li', { class: ['source-chip', 'source-chip-pending'] },
        h('span', { class: ['source-badge', `source-${source.id}`] }, sourceName(source.id)), ' …');
      this.sources.set(source.id, { id: source.id, library: source.library, report: null, chip });
      this.summary.append(chip);
      if (source.library) this.libraryWaiting += 1;
    }
    if (this.libraryWaiting === 0) this.#libraryDone();
    this.#updatePending();
  }

  /** The best artists and albums (they come before any part): one row of covers above the
   * songs, artists first, so the songs still start on the first screen. */
  #collections({ artists = [], albums = [] }) {
    const row = shelf('Artists and albums', [
      ...artists.map((artist) => artistCard(artist)),
      ...albums.map((album) => albumCard(this.app, album, album.artist ? `Album · ${album.artist}` : 'Album')),
    ]);
    if (!row) return;
    row.classList.add('search-collections');
    this.hasCollections = true;
    this.hasResults = true;
    this.results.prepend(row);
  }

  #part({ source: report, results }) {
    const source = this.sources.get(report.id);
    if (!source || source.report) return;
    source.report = report;
    updateChip(source.chip, report);
    if (source.library) {
      this.#show(report, results);
      this.libraryWaiting -= 1;
      if (this.libraryWaiting === 0) this.#libraryDone();
    } else if (this.libraryWaiting > 0) {
      this.held.push({ report, results });
    } else {
      this.#show(report, results);
    }
    this.#updatePending();
  }

  /** Every library source has answered: the remote parts that came sooner follow them. */
  #libraryDone() {
    for (const held of this.held.splice(0)) this.#show(held.report, held.results);
    if (this.hasResults) this.#reveal();
    this.markLibraryShown();
  }

  #complete({ sources }) {
    for (const report of sources) {
      const source = this.sources.get(report.id);
      if (source && !source.report) this.#part({ source: report, results: [] });
    }
    this.#reveal();
    this.pending.remove();
    if (!this.hasResults) this.results.append(statusMessage(`Nothing found for “${this.text}”.`));
    if (sources.some((source) => source.count >= PAGE_SIZE)) this.pager.append(this.#moreButton());
    this.#finish();
  }

  /** This search's results replace what the page showed before (the previous search's),
   * once they have hits or every source has answered. */
  #reveal() {
    if (this.body !== this.results) {
      this.body.replaceWith(this.results);
      this.body = this.results;
      shownResults = this.results;
    }
    this.markLibraryShown();
  }

  /** One source's part: its hits as a section below those already shown, its trouble as a line. */
  #show(report, results) {
    const fresh = results.filter((track) => !this.shownIds.has(track.id));
    for (const track of fresh) this.shownIds.add(track.id);
    if (fresh.length) {
      this.hasResults = true;
      this.#appendSection(report.id, fresh);
      if (this.libraryWaiting === 0) this.#reveal();
    }
    if (report.status !== 'ok') this.#notice(report);
  }

  #appendSection(sourceId, tracks, container = this.results) {
    const name = sourceName(sourceId);
    // Under rows of artists and albums, the songs have a heading of their own.
    if (this.hasCollections && !this.songsHeading) {
      this.songsHeading = h('h2', { class: 'section-title search-songs-heading' }, 'Songs');
      container.append(this.songsHeading);
    }
    container.append(h('section', { class: 'search-source', dataset: { source: sourceId }, 'aria-label': `${name} results` },
      trackList(this.app, tracks, { label: `${name} results for ${this.text}` })));
  }

  /** A source that timed out or failed: one calm line under the results. */
  #notice(report) {
    if (!this.notices) {
      this.notices = h('div', { class: 'source-notice', role: 'status' });
      this.pending.before(this.notices);
    }
    const name = sourceName(report.id);
    this.notices.append(h('p', {},
      h('strong', {}, name),
      report.status === 'timeout' ? ' did not answer in time' : ` could not be searched${report.message ? ` (${report.message})` : ''}`,
      '. Results from the other sources are shown.'));
  }

  #updatePending() {
    const waiting = [...this.sources.values()].filter((source) => !source.report && !source.library).map((source) => sourceName(source.id));
    this.pending.textContent = waiting.length ? `Still searching ${waiting.join(', ')}…` : '';
    this.pending.hidden = !waiting.length;
  }

  #cutShort() {
    for (const source of this.sources.values()) {
      if (!source.report) {
        source.chip.classList.replace('source-chip-pending', 'source-chip-error');
        source.chip.lastChild.textContent = ' failed';
      }
    }
    this.#reveal();
    this.pending.remove();
    this.results.append(statusMessage('The search was cut short. Try again.', 'error'));
    this.#finish();
  }

  #failed(error) {
    this.#reveal();
    this.pending.remove();
    const retry = h('button', { type: 'button', class: 'button', onclick: () => this.app.router.refresh() }, 'Try again');
    this.results.replaceChildren(statusMessage(error.message || String(error), 'error'), retry);
    this.#finish();
  }

  #finish() {
    this.view.dataset.searchState = 'complete';
    this.view.removeAttribute('aria-busy');
  }

  /** More results: the next page of every source, streamed the same way, below the rest. */
  #moreButton() {
    let offset = PAGE_SIZE;
    const more = h('button', { type: 'button', class: 'button pager-button' }, 'More results');
    more.addEventListener('click', async () => {
      more.disabled = true;
      let again = false;
      try {
        for await (const line of this.app.services.search.stream(this.text, { limit: PAGE_SIZE, offset, signal: this.signal })) {
          if (line.type === 'part') {
            const fresh = line.results.filter((track) => !this.shownIds.has(track.id));
            for (const track of fresh) this.shownIds.add(track.id);
            if (fresh.length) this.#appendSection(line.source.id, fresh);
          } else if (line.type === 'complete') {
            again = line.sources.some((source) => source.count >= PAGE_SIZE);
          }
        }
        offset += PAGE_SIZE;
        more.hidden = !again;
      } catch (error) {
        if (!this.signal.aborted && error?.name !== 'AbortError') this.app.toast.error('Could not load more results', error);
      } finally {
        more.disabled = false;
      }
    });
    return more;
  }
}

function updateChip(chip, report) {
  chip.classList.replace('source-chip-pending', `source-chip-${report.status}`);
  chip.lastChild.textContent = report.status === 'ok' ? ` ${report.count}` : ` ${report.status === 'timeout' ? 'timed out' : 'failed'}`;
}
