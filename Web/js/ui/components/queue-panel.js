// The queue: what plays now and next; jump to a track, remove one, clear the rest.

import { h, statusMessage } from '../dom.js';
import { icon } from '../icons.js';
import { duration } from '../format.js';
import { openDialog } from './dialogs.js';

export function openQueue(app) {
  const { playback } = app;
  const body = h('div', { class: 'queue' });
  const render = () => {
    const { tracks, index } = playback.queue;
    if (!tracks.length) {
      body.replaceChildren(statusMessage('The queue is empty. Play a track or use “Add to queue” in a track’s menu.'));
      return;
    }
    const row = (track, position) => h('li', { class: ['queue-row', position === index && 'is-playing'] },
      h('button', { type: 'button', class: 'queue-jump', onclick: () => playback.jumpTo(position), 'aria-label': `Play ${track.title}` },
        h('span', { class: 'track-title' }, track.title),
        h('span', { class: 'track-subtitle' }, track.artist ?? '')),
      h('span', { class: 'track-duration' }, duration(track.duration)),
      position === index ? h('span', { class: 'queue-now' }, 'Playing')
        : h('button', { type: 'button', class: 'icon-button', 'aria-label': `Remove ${track.title} from the queue`, onclick: () => playback.removeFromQueue(position) }, icon('close')));
    const upcoming = tracks.map((track, position) => ({ track, position })).filter(({ position }) => position > index);
    body.replaceChildren(
      h('h3', { class: 'queue-heading' }, 'Now playing'),
      h('ol', { class: 'queue-list' }, index >= 0 ? row(tracks[index], index) : null),
      h('div', { class: 'queue-heading-row' },
        h('h3', { class: 'queue-heading' }, `Next up (${upcoming.length})`),
        upcoming.length ? h('button', { type: 'button', class: 'link-button', onclick: () => playback.clearUpcoming() }, 'Clear') : null),
      upcoming.length
        ? h('ol', { class: 'queue-list' }, upcoming.map(({ track, position }) => row(track, position)))
        : statusMessage('Nothing after this track.'));
  };
  render();
  const listener = () => render();
  playback.addEventListener('queuechange', listener);
  playback.addEventListener('trackchange', listener);
  openDialog('Queue', body, {
    className: 'queue-dialog',
    onClose: () => {
      playback.removeEventListener('queuechange', listener);
      playback.removeEventListener('trackchange', listener);
    },
  });
}
