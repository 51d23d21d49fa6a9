// The library: albums (cover grid or list), artists and tracks, with sorting and paging as
// you scroll.

import { h, statusMessage } from '../dom.js';
import { icon } from '../icons.js';
import { count, initials } from '../format.js';
import { albumContainer, albumItems } from '../components/album-cards.js';
import { trackList } from '../components/track-list.js';
import { pager } from '../components/pager.js';
import { page } from './view-kit.js';

const PAGE_SIZE = 40;
const TABS = [
  { id: 'albums', label: 'Albums', href: '/library' },
  { id: 'artists', label: 'Artists', href: '/library/artists' },
  { id: 'tracks', label: 'Tracks', href: '/library/tracks' },
];
const SORTS = [
  { id: 'name', label: 'Name' },
  { id: 'year', label: 'Year' },
  { id: 'recent', label: 'Recently added' },
];
/**
 * The Tracks tab's: by the track's own name (`title`), or album by album in an album order
 * (the server's `name`, `year`, `recent`).
 */
const TRACK_SORTS = [
  { id: 'name', label: 'Album name' },
  { id: 'title', label: 'Track name' },
  { id: 'year', label: 'Album year' },
  { id: 'recent', label: 'Recently added' },
];

export async function libraryView(app, route) {
  const tab = route.params.tab ?? 'albums';
  if (!TABS.some((known) => known.id === tab)) throw new Error(`There is no “${tab}” section in the library.`);
  const sorts = tab === 'tracks' ? TRACK_SORTS : SORTS;
  const sort = sorts.some((known) => known.id === route.query.get('sort')) ? route.query.get('sort') : 'name';
  const layout = app.services.preferences.get('libraryLayout', 'grid');

  const view = page('Library');
  view.append(h('nav', { class: 'subtabs', 'aria-label': 'Library sections' },
    TABS.map((item) => h('a', {
      href: item.id === 'artists' || (item.id === 'albums' && sort === 'title') ? item.href : `${item.href}${sort !== 'name' ? `?sort=${sort}` : ''}`,
      class: 'subtab',
      'aria-current': item.id === tab ? 'page' : null,
    }, item.label))));

  const toolbar = h('div', { class: 'toolbar' });
  if (tab !== 'artists') {
    const select = h('select', { id: 'library-sort', class: 'select' },
      sorts.map((option) => h('option', { value: option.id, selected: option.id === sort }, option.label)));
    select.addEventListener('change', () => {
      const base = TABS.find((item) => item.id === tab).href;
      app.router.navigate(select.value === 'name' ? base : `${base}?sort=${select.value}`, { replace: true });
    });
    toolbar.append(h('label', { for: 'library-sort', class: 'toolbar-label' }, 'Sort by'), select);
  }
  if (tab !== 'tracks') {
    const toggle = (value, label, iconName) => h('button', {
      type: 'button', class: 'icon-button layout-toggle', 'aria-label': label, 'aria-pressed': String(layout === value),
      onclick: () => {
        app.services.preferences.set('libraryLayout', value);
        app.router.refresh();
      },
    }, icon(iconName));
    toolbar.append(h('div', { class: 'toggle-group', role: 'group', 'aria-label': 'Layout' },
      toggle('grid', 'Grid view', 'grid'), toggle('list', 'List view', 'list')));
  }
  view.append(toolbar);

  if (tab === 'albums') await albumsTab(app, view, sort, layout);
  else if (tab === 'artists') await artistsTab(app, view, layout);
  else await tracksTab(app, view, sort);
  return view;
}

async function albumsTab(app, view, sort, layout) {
  const container = albumContainer(layout, 'Albums');
  const paging = pager(
    async (offset) => {
      const result = await app.services.library.albums({ sort, limit: PAGE_SIZE, offset });
      const next = offset + result.items.length;
      return { items: result.items, next: next < result.total && result.items.length ? next : null };
    },
    (albums) => container.append(...albumItems(app, albums, layout)),
    0, { label: 'More albums' });
  await paging.start();
  view.append(container.children.length ? container : statusMessage('The library is empty. Add music files to the library folder, or ask the administrator to scan.'), paging.element);
}

async function artistsTab(app, view, layout) {
  const container = h('ul', { class: layout === 'grid' ? 'card-grid' : 'row-list', 'aria-label': 'Artists' });
  const render = (artists) => container.append(...artists.map((artist) => h('li', { class: layout === 'grid' ? 'card card-round' : 'list-row' },
    h('a', { class: layout === 'grid' ? 'card-link' : 'list-row-link', href: `/artists/${encodeURIComponent(artist.id)}` },
      h('div', { class: ['cover', 'cover-artist', layout === 'grid' ? 'cover-fill' : 'cover-small'] }, h('span', { class: 'initials', 'aria-hidden': 'true' }, initials(artist.name))),
      h('span', { class: 'card-text' },
        h('span', { class: 'card-title' }, artist.name),
        h('span', { class: 'card-meta' }, `${count(artist.album_count ?? 0, 'album')} · ${count(artist.track_count ?? 0, 'track')}`))))));
  const paging = pager(
    async (offset) => {
      const result = await app.services.library.artists({ limit: PAGE_SIZE, offset });
      const next = offset + result.items.length;
      return { items: result.items, next: next < result.total && result.items.length ? next : null };
    },
    render, 0, { label: 'More artists' });
  await paging.start();
  view.append(container.children.length ? container : statusMessage('No artists yet.'), paging.element);
}

async function tracksTab(app, view, sort) {
  const tracks = [];
  const slot = h('div', {});
  const paging = pager(
    async (offset) => {
      const result = await app.services.library.tracks({ sort, limit: PAGE_SIZE, offset });
      const next = offset + result.items.length;
      return { items: result.items, next: next < result.total && result.items.length ? next : null };
    },
    (items) => {
      tracks.push(...items);
      // Re-rendered whole so "play" queues every track loaded so far, in order.
      slot.replaceChildren(trackList(app, tracks, { label: 'Tracks' }));
    },
    0, { label: 'More tracks' });
  await paging.start();
  view.append(tracks.length ? slot : statusMessage('No tracks yet.'), paging.element);
}
