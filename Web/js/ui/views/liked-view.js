// Liked songs, last liked first, paged as you scroll.

import { h, statusMessage } from '../dom.js';
import { icon } from '../icons.js';
import { count } from '../format.js';
import { trackList } from '../components/track-list.js';
import { pager } from '../components/pager.js';
import { page } from './view-kit.js';

const PAGE_SIZE = 50;

export async function likedView(app) {
  const tracks = [];
  let total = 0;
  const slot = h('div', {});
  const summary = h('p', { class: 'view-subtitle' });
  const playButton = h('button', { type: 'button', class: 'button button-primary', onclick: () => app.playback.playTracks(tracks, 0) }, icon('play'), 'Play');
  const paging = pager(
    async (offset) => {
      const result = await app.services.likes.page({ limit: PAGE_SIZE, offset });
      total = result.total;
      const next = offset + result.items.length;
      return { items: result.items, next: next < result.total && result.items.length ? next : null };
    },
    (items) => {
      tracks.push(...items);
      slot.replaceChildren(trackList(app, tracks, { label: 'Liked songs' }));
    },
    0, { label: 'More liked songs' });
  await paging.start();
  summary.textContent = count(total, 'song');
  playButton.disabled = !tracks.length;
  return page('Liked songs', summary,
    h('div', { class: 'toolbar' }, playButton),
    tracks.length ? slot : statusMessage('Songs you like appear here. Tap the heart next to any track.'),
    paging.element);
}
