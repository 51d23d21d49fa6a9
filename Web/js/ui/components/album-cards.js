// Albums as a cover grid or as a compact list (the library's grid/list toggle).

import { h } from '../dom.js';
import { count } from '../format.js';
import { cover } from './cover.js';

/** Cards (or rows when `layout` is "list") linking to each album's page. */
export function albumItems(app, albums, layout = 'grid') {
  return albums.map((album) => {
    const meta = [album.artist, album.year, count(album.track_count ?? 0, 'track')].filter(Boolean).join(' · ');
    return h('li', { class: layout === 'grid' ? 'card' : 'list-row' },
      h('a', { class: layout === 'grid' ? 'card-link' : 'list-row-link', href: `/albums/${encodeURIComponent(album.id)}` },
        cover(app.services.library.coverURL(album, layout === 'grid' ? 256 : 96), { size: layout === 'grid' ? 'fill' : 'small' }),
        h('span', { class: 'card-text' },
          h('span', { class: 'card-title' }, album.name),
          h('span', { class: 'card-meta' }, meta))));
  });
}

/** A container list for album items in `layout`. */
export function albumContainer(layout, label) {
  return h('ul', { class: layout === 'grid' ? 'card-grid' : 'row-list', 'aria-label': label });
}
