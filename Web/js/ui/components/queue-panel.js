// The queue, in a panel beside the page (on phones, over it): the track playing now (and
// whether it is paused), what plays next (reorder by dragging, the move buttons or
// Alt+Up/Down; jump to a track, remove one, clear the rest) and what played before.
// Not a modal: the page stays usable while it is open.

import { h, replaceChildren, statusMessage } from '../dom.js';
import { icon } from '../icons.js';
import { count, duration } from '../format.js';
import { cover } from './cover.js';
import { enableDragReorder } from './drag-reorder.js';
import { openTrackMenu } from './track-menu.js';

/** Answers `{panel, toggle(open?), isOpen()}`; the panel goes into the page's grid. */
export function queuePanel(app) {
  const { playback } = app;
  const closeButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close the queue', id: 'queue-close' }, icon('close'));
  const body = h('div', { class: 'queue-body' });
  const panel = h('aside', { class: 'queue-panel', id: 'queue-panel', 'aria-labelledby': 'queue-heading', hidden: true, tabindex: '-1' },
    h('div', { class: 'queue-header' }, h('h2', { class: 'queue-title', id: 'queue-heading' }, 'Queue'), closeButton),
    body);
  let open = false;
  let opener = null;

  const row = (track, position, { movable = false, first = false, last = false } = {}) => {
    const playing = position === playback.queue.index;
    const title = track.title;
    const menu = (event) => {
      event.preventDefault();
      openTrackMenu(app, track);
    };
    return h('li', {
      class: ['queue-row', playing && 'is-playing'], dataset: { position: String(position) }, oncontextmenu: menu,
      onkeydown: (event) => { if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) menu(event); },
    },
      movable ? h('span', { class: 'drag-handle', title: 'Drag to reorder', 'aria-hidden': 'true' }, icon('grip')) : null,
      cover(app.services.library.coverURL(track, 96), { size: 'small' }),
      h('button', { type: 'button', class: 'queue-jump', onclick: () => playback.jumpTo(position), 'aria-label': `Play ${title}` },
        h('span', { class: 'track-title' }, title),
        h('span', { class: 'track-subtitle' }, track.artist ?? '')),
      playing
        ? h('span', { class: 'queue-now', id: 'queue-state' }, playback.paused ? 'Paused' : 'Playing')
        : h('span', { class: 'track-duration' }, duration(track.duration)),
      movable ? h('span', { class: 'move-buttons' },
        h('button', { type: 'button', class: 'icon-button move-up', 'aria-label': `Move ${title} up`, disabled: first, onclick: () => move(position, position - 1, 'move-up') }, icon('up')),
        h('button', { type: 'button', class: 'icon-button move-down', 'aria-label': `Move ${title} down`, disabled: last, onclick: () => move(position, position + 1, 'move-down') }, icon('down'))) : null,
      playing ? null
        : h('button', { type: 'button', class: 'icon-button', 'aria-label': `Remove ${title} from the queue`, onclick: () => playback.removeFromQueue(position) }, icon('close')));
  };

  /** Moves within "next up", keeping the keyboard on the moved track. */
  const move = (from, to, keep = null) => {
    const { index, tracks } = playback.queue;
    if (to <= index || to >= tracks.length) return;
    playback.moveInQueue(from, to);
    const target = body.querySelector(`.queue-upcoming [data-position="${to}"]`);
    (target?.querySelector(keep ? `.${keep}:not(:disabled)` : '.queue-jump') ?? target?.querySelector('.queue-jump'))?.focus();
  };

  const render = () => {
    if (!open) return;
    const { tracks, index } = playback.queue;
    if (!tracks.length || index < 0) {
      body.replaceChildren(statusMessage('The queue is empty. Play a track or use “Add to queue” in a track’s menu.'));
      return;
    }
    const upcoming = tracks.slice(index + 1);
    const played = tracks.slice(0, index);
    const upcomingList = h('ol', { class: 'queue-list queue-upcoming', 'aria-label': 'Next up' },
      upcoming.map((track, offset) => row(track, index + 1 + offset, { movable: true, first: offset === 0, last: offset === upcoming.length - 1 })));
    upcomingList.addEventListener('keydown', (event) => {
      if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
      const position = Number(event.target.closest('.queue-row')?.dataset.position);
      if (!Number.isInteger(position)) return;
      event.preventDefault();
      move(position, event.key === 'ArrowUp' ? position - 1 : position + 1);
    });
    enableDragReorder(upcomingList, (from, to) => playback.moveInQueue(index + 1 + from, index + 1 + to));
    replaceChildren(body,
      h('h3', { class: 'queue-heading' }, 'Now playing'),
      h('ol', { class: 'queue-list queue-now-playing' }, row(tracks[index], index)),
      h('div', { class: 'queue-heading-row' },
        h('h3', { class: 'queue-heading' }, `Next up (${upcoming.length})`),
        upcoming.length ? h('button', { type: 'button', class: 'link-button', onclick: () => playback.clearUpcoming() }, 'Clear') : null),
      upcoming.length ? upcomingList : statusMessage('Nothing after this track.'),
      played.length
        ? [h('h3', { class: 'queue-heading' }, `Played before (${count(played.length, 'track')})`),
          // Most recent first: the one just heard is the one people go back to.
          h('ol', { class: 'queue-list queue-played', 'aria-label': 'Played before' },
            played.map((track, position) => row(track, position)).reverse())]
        : null);
  };
  const paintState = () => {
    const state = body.querySelector('#queue-state');
    if (state) state.textContent = playback.paused ? 'Paused' : 'Playing';
  };

  const toggle = (value = !open) => {
    if (value === open) return;
    open = value;
    panel.hidden = !open;
    document.getElementById('app')?.classList.toggle('queue-open', open);
    document.getElementById('queue-button')?.setAttribute('aria-expanded', String(open));
    document.getElementById('queue-button')?.classList.toggle('is-active', open);
    if (open) {
      opener = document.activeElement;
      render();
      panel.focus();
    } else if (panel.contains(document.activeElement) || document.activeElement === document.body) {
      (opener?.isConnected ? opener : document.getElementById('queue-button'))?.focus();
    }
  };
  closeButton.addEventListener('click', () => toggle(false));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      toggle(false);
    }
  });
  playback.addEventListener('queuechange', render);
  playback.addEventListener('trackchange', render);
  playback.addEventListener('statechange', paintState);
  return { panel, toggle, isOpen: () => open };
}
