// The menu of a track (its "more" button, a right click, a long press or the menu key):
// play next, queue, playlists, album, artist, like, share, and what the list it sits in
// adds (move, remove from this playlist).

import { h } from '../dom.js';
import { icon } from '../icons.js';
import { openDialog } from './dialogs.js';
import { addToPlaylist } from './playlist-picker.js';
import { shareLink } from './share-flow.js';

/**
 * Opens the menu for `track`. `extra` is a list of {label, icon, action} the caller adds.
 */
export function openTrackMenu(app, track, extra = []) {
  const { playback, services, router } = app;
  const items = [
    { label: 'Play next', icon: 'queue', action: () => { playback.playNext([track]); app.toast.show(`“${track.title}” plays next`, 'success'); } },
    { label: 'Add to queue', icon: 'plus', action: () => { playback.enqueue([track]); app.toast.show(`Added “${track.title}” to the queue`, 'success'); } },
    { label: 'Add to playlist…', icon: 'playlist', action: () => addToPlaylist(app, [track]) },
    track.album_id && { label: 'Go to album', icon: 'library', action: () => router.navigate(`/albums/${encodeURIComponent(track.album_id)}`) },
    track.artist_id && { label: 'Go to artist', icon: 'user', action: () => router.navigate(`/artists/${encodeURIComponent(track.artist_id)}`) },
    services.likes.isLiked(track)
      ? { label: 'Remove from Liked songs', icon: 'heartFilled', action: () => like(false) }
      : { label: 'Add to Liked songs', icon: 'heart', action: () => like(true) },
    { label: 'Share…', icon: 'share', action: () => shareLink(app, track.title, () => services.library.shareTrack(track.id)) },
    ...extra,
  ].filter(Boolean);

  async function like(liked) {
    try {
      await services.likes.setLiked(track, liked);
      app.toast.show(liked ? `Added “${track.title}” to Liked songs` : `Removed “${track.title}” from Liked songs`, 'success');
    } catch (error) {
      app.toast.error('Could not change the like', error);
    }
  }

  const opener = document.activeElement;
  let dialog;
  const buttons = items.map((item) => h('li', {},
    h('button', {
      type: 'button',
      class: 'menu-item',
      onclick: () => {
        dialog.close();
        item.action();
      },
    }, icon(item.icon), item.label)));
  dialog = openDialog(track.title, [
    h('p', { class: 'menu-subtitle' }, [track.artist, track.album].filter(Boolean).join(' · ')),
    h('ul', { class: 'menu-list', role: 'list' }, buttons),
  ], {
    className: 'sheet',
    // Back to where the menu was opened from (a row, its button), if still there.
    onClose: () => { if (opener?.isConnected && !document.querySelector('dialog[open]')) opener.focus({ preventScroll: true }); },
  });
  dialog.querySelector('.menu-item')?.focus();
  return dialog;
}
