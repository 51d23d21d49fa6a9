// A list of tracks: play on click or Enter, source badge, cached mark, heart, duration and
// a menu (also on a right click, a long press or the menu key: see track-keys.js); in an
// editable playlist also a drag handle and move up/down buttons.

import { h } from '../dom.js';
import { icon } from '../icons.js';
import { duration, sourceName, sourceShortName } from '../format.js';
import { cover } from './cover.js';
import { likeButton } from './like-button.js';
import { openTrackMenu } from './track-menu.js';
import { enableDragReorder } from './drag-reorder.js';
import { enableTrackKeys } from './track-keys.js';

/**
 * @param {object} app
 * @param {object[]} tracks
 * @param {object} [options]
 * @param {boolean} [options.covers=true] show each track's cover (off on album pages)
 * @param {boolean} [options.trackNumbers=false] number by the album's track numbers
 * @param {boolean} [options.albumColumn=true]
 * @param {(track, index) => object[]} [options.menuExtras] more menu entries
 * @param {(from, to) => Promise} [options.onMove] makes the list reorderable
 * @param {string} [options.label] accessible name of the list
 * @param {(row, track, index) => void} [options.decorate] adds to a row (history dates)
 * @param {string} [options.context] names the list played (`album:ID`: see PlaybackController.playTracks)
 */
export function trackList(app, tracks, options = {}) {
  const { covers = true, trackNumbers = false, albumColumn = true, menuExtras = null, onMove = null, label = 'Tracks', decorate = null, context = null } = options;
  app.services.likes.observe(tracks);
  const list = h('ol', { class: ['track-list', onMove && 'track-list-editable'], 'aria-label': label });
  const rows = tracks.map((track, index) => trackRow(app, tracks, track, index, { covers, trackNumbers, albumColumn, menuExtras, onMove, decorate, context }));
  list.append(...rows);

  const markPlaying = () => {
    const playingId = app.playback.current?.id;
    for (const row of list.children) {
      const playing = row.dataset.trackId === playingId;
      row.classList.toggle('is-playing', playing);
      if (playing) row.setAttribute('aria-current', 'true');
      else row.removeAttribute('aria-current');
    }
  };
  markPlaying();
  const listener = () => {
    if (!list.isConnected) {
      app.playback.removeEventListener('trackchange', listener);
      return;
    }
    markPlaying();
  };
  app.playback.addEventListener('trackchange', listener);
  if (onMove) enableDragReorder(list, onMove);
  enableTrackKeys(list, (row) => {
    const index = Number(row.dataset.position);
    const track = tracks[index];
    if (track) openTrackMenu(app, track, menuExtras ? menuExtras(track, index) : []);
  });
  return list;
}

function trackRow(app, tracks, track, index, options) {
  const { covers, trackNumbers, albumColumn, menuExtras, onMove, decorate, context } = options;
  const play = () => app.playback.playTracks(tracks, index, { context });
  const subtitle = [track.artist, albumColumn ? null : track.album].filter(Boolean).join(' · ');
  const number = trackNumbers && track.track_number ? track.track_number : index + 1;

  const row = h('li', { class: 'track-row', dataset: { trackId: track.id, position: String(index) } },
    onMove ? h('span', { class: 'drag-handle', title: 'Drag to reorder', 'aria-hidden': 'true' }, icon('grip')) : null,
    h('span', { class: 'track-number', 'aria-hidden': 'true' }, String(number)),
    h('button', { type: 'button', class: 'track-play', onclick: play, 'aria-label': `Play ${track.title}${track.artist ? ` by ${track.artist}` : ''}` },
      covers ? cover(app.services.library.coverURL(track, 96), { size: 'small' }) : null,
      h('span', { class: 'track-text' },
        h('span', { class: 'track-title' }, track.title),
        subtitle ? h('span', { class: 'track-subtitle' }, subtitle) : null)),
    albumColumn
      ? h('span', { class: 'track-album' }, track.album_id
        ? h('a', { href: `/albums/${encodeURIComponent(track.album_id)}` }, track.album ?? '')
        : (track.album ?? ''))
      : null,
    h('span', { class: 'track-badges' },
      h('span', { class: ['source-badge', `source-${track.source}`], title: `Source: ${sourceName(track.source)}`, dataset: { short: sourceShortName(track.source) } }, sourceName(track.source)),
      track.source !== 'local' && track.is_cached
        ? h('span', { class: 'cached-mark', title: 'Cached on the server: plays from its disk' }, icon('cached'), h('span', { class: 'visually-hidden' }, 'Cached'))
        : null),
    likeButton(app, track),
    h('span', { class: 'track-duration' }, duration(track.duration)),
    onMove
      ? h('span', { class: 'move-buttons' },
        h('button', { type: 'button', class: 'icon-button move-up', 'aria-label': `Move ${track.title} up`, disabled: index === 0, onclick: () => onMove(index, index - 1) }, icon('up')),
        h('button', { type: 'button', class: 'icon-button move-down', 'aria-label': `Move ${track.title} down`, disabled: index === tracks.length - 1, onclick: () => onMove(index, index + 1) }, icon('down')))
      : null,
    h('button', {
      type: 'button',
      class: 'icon-button track-more',
      'aria-label': `More actions for ${track.title}`,
      onclick: () => openTrackMenu(app, track, menuExtras ? menuExtras(track, index) : []),
    }, icon('more')));

  if (onMove) {
    row.addEventListener('keydown', (event) => {
      // Alt+Up/Down moves the focused track, as in most list editors.
      if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
      event.preventDefault();
      const to = event.key === 'ArrowUp' ? index - 1 : index + 1;
      if (to >= 0 && to < tracks.length) onMove(index, to);
    });
  }
  decorate?.(row, track, index);
  return row;
}
