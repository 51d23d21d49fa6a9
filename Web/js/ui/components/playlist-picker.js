// "Add to playlist" from anywhere: the user's playlists, and a new one on the spot.

import { h, statusMessage } from '../dom.js';
import { icon } from '../icons.js';
import { openDialog, promptText } from './dialogs.js';

/** Lets the person pick a playlist and adds `tracks` to it. */
export async function addToPlaylist(app, tracks) {
  const list = h('ul', { class: 'picker-list', 'aria-label': 'Your playlists' });
  const body = h('div', { class: 'picker' }, statusMessage('Loading your playlists…'));
  const dialog = openDialog(tracks.length === 1 ? `Add “${tracks[0].title}” to a playlist` : `Add ${tracks.length} tracks to a playlist`, body);

  const add = async (playlist) => {
    try {
      await app.services.playlists.addTracks(playlist.id, tracks.map((track) => track.id));
      dialog.close();
      app.toast.show(`Added to “${playlist.name}”`, 'success');
    } catch (error) {
      app.toast.error(`Could not add to “${playlist.name}”`, error);
    }
  };
  const create = async () => {
    const name = await promptText('New playlist', 'Name', { submitLabel: 'Create' });
    if (!name) return;
    try {
      const playlist = await app.services.playlists.create(name);
      await add(playlist);
    } catch (error) {
      app.toast.error('Could not create the playlist', error);
    }
  };

  try {
    const { items } = await app.services.playlists.list();
    const own = items.filter((playlist) => playlist.is_owner !== false);
    list.replaceChildren(...own.map((playlist) => h('li', {},
      h('button', { type: 'button', class: 'picker-item', onclick: () => add(playlist) },
        icon('playlist'), h('span', { class: 'picker-name' }, playlist.name),
        h('span', { class: 'picker-meta' }, `${playlist.track_count} tracks`)))));
    body.replaceChildren(
      h('button', { type: 'button', class: 'button button-primary picker-new', onclick: create }, icon('plus'), 'New playlist'),
      own.length ? list : statusMessage('You have no playlists yet.'));
    body.querySelector('button')?.focus();
  } catch (error) {
    body.replaceChildren(statusMessage(`Could not load your playlists: ${error.message}`, 'error'));
  }
}
