// One album: its cover and details, play all, and its tracks in disc and track order.

import { h } from '../dom.js';
import { icon } from '../icons.js';
import { count, longDuration } from '../format.js';
import { cover } from '../components/cover.js';
import { trackList } from '../components/track-list.js';
import { addToPlaylist } from '../components/playlist-picker.js';
import { playButtons } from '../components/play-buttons.js';
import { heroPage } from './view-kit.js';

export async function albumView(app, route, signal) {
  const { album, tracks } = await app.services.library.album(route.params.id);
  const artistLink = album.artist_id
    ? h('a', { href: `/artists/${encodeURIComponent(album.artist_id)}` }, album.artist ?? 'Unknown artist')
    : (album.artist ?? 'Unknown artist');
  return heroPage({
    kicker: 'Album',
    title: album.name,
    art: cover(app.services.library.coverURL(album, 512), { size: 'large', lazy: false }),
    meta: [artistLink, ' · ', [album.year, count(tracks.length, 'track'), longDuration(album.duration)].filter(Boolean).join(' · ')],
    actions: [
      ...playButtons(app, { context: `album:${album.id}`, tracks: () => tracks, name: album.name, signal, disabled: !tracks.length }),
      h('button', { type: 'button', class: 'button', onclick: () => addToPlaylist(app, tracks), disabled: !tracks.length }, icon('plus'), 'Add to playlist'),
    ],
  }, trackList(app, tracks, { covers: false, trackNumbers: true, albumColumn: false, label: `Tracks of ${album.name}`, context: `album:${album.id}` }));
}
