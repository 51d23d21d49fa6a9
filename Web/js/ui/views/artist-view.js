// One artist: their tracks most played in this household, then their albums; play or
// shuffle everything.

import { h, statusMessage } from '../dom.js';
import { count, initials } from '../format.js';
import { albumContainer, albumItems } from '../components/album-cards.js';
import { trackList } from '../components/track-list.js';
import { playButtons } from '../components/play-buttons.js';
import { heroPage, section } from './view-kit.js';

export async function artistView(app, route, signal) {
  const { artist, albums, top_tracks: topTracks = [] } = await app.services.library.artist(route.params.id);
  const grid = albumContainer('grid', `Albums by ${artist.name}`);
  grid.append(...albumItems(app, albums, 'grid'));
  const everything = async () => {
    const details = await Promise.all(albums.map((album) => app.services.library.album(album.id)));
    return details.flatMap((detail) => detail.tracks);
  };
  return heroPage({
    kicker: 'Artist',
    title: artist.name,
    art: h('div', { class: 'cover cover-large cover-artist' }, h('span', { class: 'initials', 'aria-hidden': 'true' }, initials(artist.name))),
    meta: `${count(artist.album_count ?? albums.length, 'album')} · ${count(artist.track_count ?? 0, 'track')}`,
    actions: playButtons(app, { context: `artist:${artist.id}`, tracks: everything, name: artist.name, signal, disabled: !albums.length }),
  },
  topTracks.length
    ? section('Most played here', h('p', { class: 'field-hint' }, 'By everyone’s plays on this server.'),
      trackList(app, topTracks, { label: `Most played tracks of ${artist.name}`, context: `artist-top:${artist.id}` }))
    : null,
  section('Albums', albums.length ? grid : statusMessage('No albums.')));
}
