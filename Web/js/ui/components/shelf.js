// Rows of covers (Home's, and search's artists and albums): albums, artists, playlists and tracks side by side, scrolled sideways
// within the row (never the page). Each cover leads somewhere: an album or playlist page,
// or, for a track, playing it (with the rest of its row after it).

import { h } from '../dom.js';
import { icon } from '../icons.js';
import { initials } from '../format.js';
import { cover } from './cover.js';
import { openTrackMenu } from './track-menu.js';

/** A row of `cards` (from the functions below) under `title`, or null when there are none. */
export function shelf(title, cards, { id = null, note = null } = {}) {
  if (!cards.length) return null;
  const headingId = id ? `${id}-heading` : null;
  return h('section', { class: 'section shelf-section', id, 'aria-labelledby': headingId },
    h('h2', { class: 'section-title', id: headingId }, title),
    note ? h('p', { class: 'field-hint shelf-note' }, note) : null,
    h('ul', { class: 'shelf', 'aria-label': title }, cards));
}

/** An album's card: `album` needs id, name, and artist and cover_url when known. */
export function albumCard(app, album, meta = album.artist ?? '') {
  return h('li', { class: 'card shelf-card' },
    h('a', { class: 'card-link', href: `/albums/${encodeURIComponent(album.id)}` },
      cover(app.services.library.coverURL(album, 256), { size: 'fill' }),
      h('span', { class: 'card-text' },
        h('span', { class: 'card-title' }, album.name),
        meta ? h('span', { class: 'card-meta' }, meta) : null)));
}

/** An artist's card (round, their initials): `artist` needs id and name. */
export function artistCard(artist, meta = 'Artist') {
  return h('li', { class: 'card shelf-card card-round' },
    h('a', { class: 'card-link', href: `/artists/${encodeURIComponent(artist.id)}` },
      h('div', { class: 'cover cover-artist cover-fill' }, h('span', { class: 'initials', 'aria-hidden': 'true' }, initials(artist.name))),
      h('span', { class: 'card-text' },
        h('span', { class: 'card-title' }, artist.name),
        meta ? h('span', { class: 'card-meta' }, meta) : null)));
}

export function playlistCard(playlist, meta) {
  return h('li', { class: 'card shelf-card' },
    h('a', { class: 'card-link', href: `/playlists/${encodeURIComponent(playlist.id)}` },
      h('div', { class: 'cover cover-fill cover-playlist' }, icon('playlist')),
      h('span', { class: 'card-text' },
        h('span', { class: 'card-title' }, playlist.name),
        h('span', { class: 'card-meta' }, meta))));
}

/** A track's card: plays `tracks` from this one. */
export function trackCard(app, tracks, index, meta = null) {
  const track = tracks[index];
  const menu = (event) => {
    event.preventDefault();
    openTrackMenu(app, track);
  };
  return h('li', {
    class: 'card shelf-card', dataset: { trackId: track.id }, oncontextmenu: menu,
    onkeydown: (event) => { if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) menu(event); },
  },
    h('button', {
      type: 'button', class: 'card-link card-play track-play',
      'aria-label': `Play ${track.title}${track.artist ? ` by ${track.artist}` : ''}`,
      onclick: () => app.playback.playTracks(tracks, index),
    },
    cover(app.services.library.coverURL(track, 256), { size: 'fill' }),
    h('span', { class: 'card-text' },
      h('span', { class: 'card-title' }, track.title),
      h('span', { class: 'card-meta' }, meta ?? track.artist ?? ''))));
}
