// "Add to playlist" from anywhere: the user's playlists, and a new one on the spot.

import { h, statusMessage } from '../dom.js';
import { icon } from '../icons.js';
import { count } from '../format.js';
import { chooseAction, openDialog, promptText } from './dialogs.js';

/** Lets the person pick a playlist and adds `tracks` to it. */
export async function addToPlaylist(app, tracks) {
  const list = h('ul', { class: 'picker-list', 'aria-label': 'Your playlists' });
  const body = h('div', { class: 'picker' }, statusMessage('Loading your playlists…'));
  const dialog = openDialog(tracks.length === 1 ? `Add “${tracks[0].title}” to a playlist` : `Add ${count(tracks.length, 'track')} to a playlist`, body);

  const add = async (playlist, { fresh = false } = {}) => {
    try {
      let adding = tracks;
      if (!fresh && playlist.track_count > 0) {
        adding = await withoutUnwanted(app, playlist, tracks);
        if (!adding) return;
      }
      if (!adding.length) {
        dialog.close();
        return;
      }
      await app.services.playlists.addTracks(playlist.id, adding.map((track) => track.id));
      dialog.close();
      app.toast.show(adding.length === 1 ? `Added to “${playlist.name}”` : `Added ${count(adding.length, 'track')} to “${playlist.name}”`, 'success');
    } catch (error) {
      app.toast.error(`Could not add to “${playlist.name}”`, error);
    }
  };
  const create = async () => {
    const name = await promptText('New playlist', 'Name', { submitLabel: 'Create' });
    if (!name) return;
    try {
      const playlist = await app.services.playlists.create(name);
      await add(playlist, { fresh: true });
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
        h('span', { class: 'picker-meta' }, count(playlist.track_count, 'track'))))));
    body.replaceChildren(
      h('button', { type: 'button', class: 'button button-primary picker-new', onclick: create }, icon('plus'), 'New playlist'),
      own.length ? list : statusMessage('You have no playlists yet.'));
    body.querySelector('button')?.focus();
  } catch (error) {
    body.replaceChildren(statusMessage(`Could not load your playlists: ${error.message}`, 'error'));
  }
}

/**
 * What to add when some of `tracks` are in `playlist` already: asks first. Resolves the
 * tracks to add (all, or only the new ones), or null when the person cancels.
 */
async function withoutUnwanted(app, playlist, tracks) {
  const present = new Set((await app.services.playlists.fresh(playlist.id)).tracks.map((track) => track.id));
  const repeated = tracks.filter((track) => present.has(track.id));
  if (!repeated.length) return tracks;
  const fresh = tracks.filter((track) => !present.has(track.id));
  const message = tracks.length === 1
    ? `“${tracks[0].title}” is already in “${playlist.name}”. Add it again?`
    : `${count(repeated.length, 'of these tracks is', 'of these tracks are')} already in “${playlist.name}”.`;
  const choice = await chooseAction('Already in the playlist', message, [
    ...(fresh.length ? [{ label: `Add only the ${count(fresh.length, 'new one', 'new ones')}`, value: 'new', primary: true }] : []),
    { label: tracks.length === 1 ? 'Add it again' : 'Add them all', value: 'all', primary: !fresh.length },
  ]);
  if (choice === 'all') return tracks;
  if (choice === 'new') return fresh;
  return null;
}
