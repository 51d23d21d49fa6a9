// One artist: their albums, and play everything.

import { h, statusMessage } from '../dom.js';
import { icon } from '../icons.js';
import { count } from '../format.js';
import { albumContainer, albumItems } from '../components/album-cards.js';
import { heroPage, section } from './view-kit.js';

export async function artistView(app, route) {
  const { artist, albums } = await app.services.library.artist(route.params.id);
  const grid = albumContainer('grid', `Albums by ${artist.name}`);
  grid.append(...albumItems(app, albums, 'grid'));
  const playAll = async () => {
    try {
      const details = await Promise.all(albums.map((album) => app.services.library.album(album.id)));
      await app.playback.playTracks(details.flatMap((detail) => detail.tracks), 0);
    } catch (error) {
      app.toast.error(`Could not play ${artist.name}`, error);
    }
  };
  return heroPage({
    kicker: 'Artist',
    title: artist.name,
    art: h('div', { class: 'cover cover-large cover-artist' }, h('span', { class: 'initials', 'aria-hidden': 'true' },
      artist.name.split(/\s+/).filter(Boolean).slice(0, 2).map((word) => word[0].toUpperCase()).join(''))),
    meta: `${count(artist.album_count ?? albums.length, 'album')} · ${count(artist.track_count ?? 0, 'track')}`,
    actions: [h('button', { type: 'button', class: 'button button-primary', onclick: playAll, disabled: !albums.length }, icon('play'), 'Play')],
  }, section('Albums', albums.length ? grid : statusMessage('No albums.')));
}
