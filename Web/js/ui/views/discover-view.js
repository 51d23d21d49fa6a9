// Home: rows of covers, as in the players people know: what this person played most this
// week, what they played lately (albums and playlists), the albums added to the library
// lately, and what was cached from the remote sources. Each row fills in from its own
// answer; one that fails or is empty is left out.

import { h, statusMessage } from '../dom.js';
import { count, sourceName } from '../format.js';
import { albumCard, playlistCard, shelf, trackCard } from '../components/shelf.js';
import { page } from './view-kit.js';

/** How many covers a row shows. */
const ROW = 12;

export async function discoverView(app) {
  const { activity, library, playlists, auth, recentPlaylists } = app.services;
  const [discover, history, albums, own] = await Promise.all([
    activity.discover(),
    activity.history({ limit: 100 }).catch(() => ({ items: [] })),
    library.albums({ sort: 'recent', limit: ROW }).catch(() => ({ items: [] })),
    playlists.list().catch(() => ({ items: [] })),
  ]);

  const mostPlayed = (discover.most_played_week ?? []).slice(0, ROW);
  const mostPlayedTracks = mostPlayed.map((entry) => entry.track);
  app.services.likes.observe(mostPlayedTracks);

  // Recently played: the albums of the last plays, and the playlists played from here.
  const seen = new Set();
  const recentAlbums = [];
  for (const { track } of history.items ?? []) {
    if (!track.album_id || seen.has(track.album_id)) continue;
    seen.add(track.album_id);
    recentAlbums.push({ id: track.album_id, name: track.album ?? 'Unknown album', artist: track.album_artist ?? track.artist, cover_url: track.cover_url });
  }
  const byId = new Map((own.items ?? []).map((playlist) => [playlist.id, playlist]));
  const recentLists = recentPlaylists.list(auth.user?.id).map((id) => byId.get(id)).filter(Boolean);
  const recentCards = [
    ...recentLists.slice(0, 4).map((playlist) => playlistCard(playlist, `Playlist · ${count(playlist.track_count ?? 0, 'track')}`)),
    ...recentAlbums.slice(0, ROW).map((album) => albumCard(app, album, album.artist ? `Album · ${album.artist}` : 'Album')),
  ].slice(0, ROW);

  const cached = (discover.recently_cached ?? []).slice(0, ROW);
  // Named after the sources its tracks came from, not every source this app knows.
  const cachedFrom = [...new Set(cached.map((track) => sourceName(track.source)))].join(' and ');
  const added = discover.recently_added ?? [];
  const rows = [
    shelf('Most played this week', mostPlayedTracks.map((track, index) =>
      trackCard(app, mostPlayedTracks, index, count(mostPlayed[index].plays ?? 0, 'play'))), { id: 'home-most-played' }),
    shelf('Recently played', recentCards, { id: 'home-recent' }),
    shelf('Recently added albums', (albums.items ?? []).map((album) => albumCard(app, album)), { id: 'home-added-albums' }),
    shelf(`Cached from ${cachedFrom}`, cached.map((track, index) => trackCard(app, cached, index)), {
      id: 'home-cached', note: 'Played here once, now kept on the server.',
    }),
    shelf('New tracks', added.slice(0, ROW).map((track, index) => trackCard(app, added, index)), { id: 'home-new-tracks' }),
  ].filter(Boolean);

  return page('Home', rows.length ? rows : statusMessage('Nothing here yet. Files dropped into the library folder and the tracks you play appear here.'),
    mostPlayed.length ? null : h('p', { class: 'field-hint', id: 'home-plays-hint' }, 'Plays count after 30 seconds or half a track.'));
}
