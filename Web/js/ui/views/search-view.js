// Unified search: every source in one list, each result with its source badge, the cached
// mark and the heart, and a notice for a source that timed out or failed.

import { h, statusMessage } from '../dom.js';
import { sourceName } from '../format.js';
import { trackList } from '../components/track-list.js';
import { page } from './view-kit.js';

const PAGE_SIZE = 30;

export async function searchView(app, route) {
  const text = (route.query.get('q') ?? '').trim();
  if (!text) {
    // The search field is in the top bar on every screen size: send the person there.
    setTimeout(() => document.getElementById('search-input')?.focus(), 0);
    return page('Search', statusMessage('Search your library, YouTube and SoundCloud at once: type in the search field above.'));
  }

  const answer = await app.services.search.search(text, { limit: PAGE_SIZE });
  const results = [...answer.results];
  const view = page(`Results for “${text}”`);
  view.append(sourceSummary(answer.sources));
  const notices = sourceNotices(answer.sources);
  if (notices) view.append(notices);
  if (!results.length) {
    view.append(statusMessage(`Nothing found for “${text}”.`));
    return view;
  }
  const listSlot = h('div', { class: 'search-results' }, trackList(app, results, { label: `Results for ${text}` }));
  view.append(listSlot);

  // More results: the next page from each source, without repeating a track already shown.
  if (answer.sources.some((source) => source.count >= PAGE_SIZE)) {
    let offset = PAGE_SIZE;
    const more = h('button', { type: 'button', class: 'button pager-button' }, 'More results');
    more.addEventListener('click', async () => {
      more.disabled = true;
      try {
        const next = await app.services.search.search(text, { limit: PAGE_SIZE, offset });
        offset += PAGE_SIZE;
        const known = new Set(results.map((track) => track.id));
        results.push(...next.results.filter((track) => !known.has(track.id)));
        listSlot.replaceChildren(trackList(app, results, { label: `Results for ${text}` }));
        more.hidden = !next.sources.some((source) => source.count >= PAGE_SIZE);
      } catch (error) {
        app.toast.error('Could not load more results', error);
      } finally {
        more.disabled = false;
      }
    });
    view.append(h('div', { class: 'pager' }, more));
  }
  return view;
}

function sourceSummary(sources) {
  return h('ul', { class: 'source-summary', 'aria-label': 'Sources searched' },
    sources.map((source) => h('li', { class: ['source-chip', `source-chip-${source.status}`] },
      h('span', { class: ['source-badge', `source-${source.id}`] }, sourceName(source.id)),
      source.status === 'ok' ? ` ${source.count}` : ` ${source.status === 'timeout' ? 'timed out' : 'failed'}`)));
}

function sourceNotices(sources) {
  const troubled = sources.filter((source) => source.status !== 'ok');
  if (!troubled.length) return null;
  return h('div', { class: 'source-notice', role: 'status' },
    troubled.map((source) => h('p', {},
      h('strong', {}, sourceName(source.id)),
      source.status === 'timeout' ? ' did not answer in time' : ' could not be searched',
      source.message ? ` (${source.message})` : '',
      '. Results from the other sources are shown.')));
}
