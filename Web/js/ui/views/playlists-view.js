// Your playlists, a "New playlist" button, and the public playlists of others.

import { h, statusMessage } from '../dom.js';
import { icon } from '../icons.js';
import { count, longDuration } from '../format.js';
import { promptText } from '../components/dialogs.js';
import { page, section } from './view-kit.js';

export async function playlistsView(app) {
  const { items } = await app.services.playlists.list();
  const own = items.filter((playlist) => playlist.is_owner !== false);
  const create = async () => {
    const name = await promptText('New playlist', 'Name', { submitLabel: 'Create' });
    if (!name) return;
    try {
      const playlist = await app.services.playlists.create(name);
      app.router.navigate(`/playlists/${encodeURIComponent(playlist.id)}`);
    } catch (error) {
      app.toast.error('Could not create the playlist', error);
    }
  };
  const view = page('Playlists',
    h('div', { class: 'toolbar' }, h('button', { type: 'button', class: 'button button-primary', id: 'new-playlist', onclick: create }, icon('plus'), 'New playlist')),
    own.length ? playlistRows(own, 'Your playlists') : statusMessage('No playlists yet. Create one, or use “Add to playlist” in any track’s menu.'));

  // Others' public playlists are a bonus: offline, or on a failure, the page still shows yours.
  try {
    const shared = (await app.services.playlists.listPublic()).items.filter((playlist) => !playlist.is_owner);
    if (shared.length) view.append(section('Public playlists', playlistRows(shared, 'Public playlists')));
  } catch {
    // Nothing to add.
  }
  return view;
}

function playlistRows(playlists, label) {
  return h('ul', { class: 'row-list', 'aria-label': label },
    playlists.map((playlist) => h('li', { class: 'list-row' },
      h('a', { class: 'list-row-link', href: `/playlists/${encodeURIComponent(playlist.id)}` },
        h('div', { class: 'cover cover-small cover-playlist' }, icon('playlist')),
        h('span', { class: 'card-text' },
          h('span', { class: 'card-title' }, playlist.name),
          h('span', { class: 'card-meta' }, [count(playlist.track_count ?? 0, 'track'), longDuration(playlist.duration)].join(' · '))),
        h('span', { class: 'row-badges' },
          playlist.is_public ? h('span', { class: 'pill' }, icon('globe'), 'Public') : null,
          playlist.is_offline ? h('span', { class: 'pill' }, icon('cached'), 'Offline') : null)))));
}
