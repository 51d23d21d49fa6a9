// Home: Discovery. The tracks played most this week, and what was recently added to the
// library or the cache.

import { h, statusMessage } from '../dom.js';
import { count } from '../format.js';
import { trackList } from '../components/track-list.js';
import { page, section } from './view-kit.js';

export async function discoverView(app) {
  const discover = await app.services.activity.discover();
  const mostPlayed = discover.most_played_week ?? [];
  const plays = new Map(mostPlayed.map((entry) => [entry.track.id, entry.plays]));
  return page('Home',
    section('Most played this week',
      mostPlayed.length
        ? trackList(app, mostPlayed.map((entry) => entry.track), {
          label: 'Most played this week',
          decorate: (row, track) => row.querySelector('.track-badges')
            .append(h('span', { class: 'plays' }, count(plays.get(track.id) ?? 0, 'play'))),
        })
        : statusMessage('Nothing played this week yet. Plays count after 30 seconds or half a track.')),
    section('Recently added',
      discover.recently_added?.length
        ? trackList(app, discover.recently_added, { label: 'Recently added' })
        : statusMessage('No tracks yet. Files dropped into the library folder appear here.')),
    discover.recently_cached?.length
      ? section('Recently cached', trackList(app, discover.recently_cached, { label: 'Recently cached' }))
      : null);
}
