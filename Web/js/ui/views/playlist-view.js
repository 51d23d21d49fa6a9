// One playlist: play, rename, delete, share; the public and offline switches with the
// offline caching progress; remove and reorder tracks (drag, buttons or Alt+arrows).

import { h, replaceChildren, statusMessage } from '../dom.js';
import { icon } from '../icons.js';
import { count, longDuration } from '../format.js';
import { confirmAction, promptText } from '../components/dialogs.js';
import { shareLink } from '../components/share-flow.js';
import { trackList } from '../components/track-list.js';
import { playButtons } from '../components/play-buttons.js';
import { heroPage } from './view-kit.js';

const POLL_MS = 1500;

export async function playlistView(app, route, signal) {
  const { playlists } = app.services;
  const id = route.params.id;
  let playlist = await playlists.get(id);
  const editable = playlist.is_owner !== false;

  const meta = h('span', {});
  const title = h('span', {});
  const tracksSlot = h('div', { class: 'playlist-tracks' });
  const offlineStatus = h('div', { class: 'offline-status', id: 'offline-status', 'aria-live': 'polite' });
  let pollTimer = null;
  signal.addEventListener('abort', () => clearTimeout(pollTimer));

  const update = (fresh, focusSelector = null) => {
    playlist = fresh;
    title.textContent = playlist.name;
    meta.textContent = [
      editable ? null : 'Shared with you · read only',
      count(playlist.tracks.length, 'track'),
      longDuration(playlist.duration ?? playlist.tracks.reduce((sum, track) => sum + (track.duration ?? 0), 0)),
    ].filter(Boolean).join(' · ');
    publicSwitch.checked = Boolean(playlist.is_public);
    offlineSwitch.checked = Boolean(playlist.is_offline);
    renderTracks();
    renderOffline();
    if (focusSelector) tracksSlot.querySelector(focusSelector)?.focus();
  };

  const change = async (work, failure) => {
    try {
      return await work();
    } catch (error) {
      app.toast.error(failure, error);
      return null;
    }
  };

  const move = async (from, to) => {
    // Keep the keyboard where it was: on the moved track's button in its new row.
    const focus = document.activeElement?.classList.contains('move-up') ? 'move-up'
      : document.activeElement?.classList.contains('move-down') ? 'move-down' : null;
    const fresh = await change(() => playlists.move(id, from, to), 'Could not move the track');
    if (fresh) {
      update(fresh, `.track-row:nth-child(${to + 1}) ${focus ? `.${focus}:not(:disabled)` : '.track-play'}`);
      announce(`Moved “${fresh.tracks[to]?.title}” to position ${to + 1}`);
    } else {
      update(playlist);
    }
  };

  const renderTracks = () => {
    if (!playlist.tracks.length) {
      tracksSlot.replaceChildren(statusMessage(editable
        ? 'This playlist is empty. Add tracks with “Add to playlist” in any track’s menu.'
        : 'This playlist is empty.'));
      return;
    }
    tracksSlot.replaceChildren(trackList(app, playlist.tracks, {
      label: `Tracks of ${playlist.name}`,
      context: `playlist:${id}`,
      onMove: editable ? move : null,
      menuExtras: editable ? (track, position) => [
        position > 0 && { label: 'Move up', icon: 'up', action: () => move(position, position - 1) },
        position < playlist.tracks.length - 1 && { label: 'Move down', icon: 'down', action: () => move(position, position + 1) },
        {
          label: 'Remove from this playlist',
          icon: 'trash',
          action: async () => {
            const fresh = await change(() => playlists.removeTrack(id, position), 'Could not remove the track');
            if (!fresh) return;
            update(fresh);
            // Put back where it was, if the person did not mean it.
            app.toast.showAction(`Removed “${track.title}”`, 'Undo', async () => {
              const restored = await change(() => playlists.addTracks(id, [track.id], Math.min(position, playlist.tracks.length)),
                'Could not put the track back');
              if (restored) {
                update(restored, `.track-row:nth-child(${position + 1}) .track-play`);
                announce(`“${track.title}” is back at position ${position + 1}`);
              }
            });
          },
        }].filter(Boolean) : null,
    }));
  };

  const renderOffline = () => {
    clearTimeout(pollTimer);
    const offline = playlist.offline ?? { state: playlist.is_offline ? 'caching' : 'off' };
    offlineStatus.dataset.state = offline.state;
    if (!playlist.is_offline || offline.state === 'off') {
      offlineStatus.replaceChildren();
      return;
    }
    const total = offline.total ?? playlist.tracks.length;
    const cached = offline.cached ?? 0;
    const failed = offline.failed ?? 0;
    const text = {
      caching: `Keeping tracks on the server for offline play: ${cached} of ${total}`,
      done: total === 1 ? 'Its one track is kept on the server.' : `All ${count(total, 'track')} are kept on the server.`,
      incomplete: `${cached} of ${count(total, 'track')} are kept on the server; ${failed} could not be downloaded.`,
    }[offline.state] ?? `${cached} of ${total}`;
    replaceChildren(offlineStatus,
      h('progress', { class: 'progress', max: String(Math.max(total, 1)), value: String(cached), 'aria-label': 'Offline caching progress' }),
      h('p', { class: 'offline-text' }, text, failed && offline.state === 'caching' ? ` (${failed} failed)` : ''),
      offline.problems?.length
        ? h('ul', { class: 'problem-list' }, offline.problems.map((problem) => h('li', {}, typeof problem === 'string' ? problem : JSON.stringify(problem))))
        : null);
    if (offline.state === 'caching') {
      pollTimer = setTimeout(async () => {
        if (signal.aborted) return;
        try {
          update(await playlists.fresh(id));
        } catch {
          pollTimer = setTimeout(renderOffline, POLL_MS * 2);
        }
      }, POLL_MS);
    }
  };

  const switchControl = (labelText, hint, idName, onToggle) => {
    const input = h('input', { type: 'checkbox', role: 'switch', id: idName, class: 'switch-input', disabled: !editable });
    input.addEventListener('change', async () => {
      input.disabled = true;
      const fresh = await change(() => onToggle(input.checked), `Could not change “${labelText}”`);
      input.disabled = false;
      update(fresh ?? playlist);
    });
    return [input, h('div', { class: 'switch-row' }, input,
      h('label', { for: idName, class: 'switch-label' }, h('span', {}, labelText), h('span', { class: 'field-hint' }, hint)))];
  };
  const [publicSwitch, publicRow] = switchControl('Public', 'Anyone signed in to this server can find and play it.', 'playlist-public',
    (on) => playlists.update(id, { is_public: on }));
  const [offlineSwitch, offlineRow] = switchControl('Available offline',
    'The server keeps its own copy of every track, so the playlist plays even when YouTube or SoundCloud no longer has a track or cannot be reached. Nothing is downloaded to this device.',
    'playlist-offline',
    (on) => playlists.update(id, { is_offline: on }));

  const rename = async () => {
    const name = await promptText('Rename playlist', 'Name', { value: playlist.name, submitLabel: 'Rename' });
    if (!name || name === playlist.name) return;
    const fresh = await change(() => playlists.update(id, { name }), 'Could not rename the playlist');
    if (fresh) {
      update(fresh);
      document.title = `${fresh.name} · MySpotify`;
    }
  };
  const remove = async () => {
    if (!await confirmAction('Delete playlist', `Delete “${playlist.name}”? This cannot be undone.`, 'Delete', { danger: true })) return;
    const done = await change(() => playlists.remove(id).then(() => true), 'Could not delete the playlist');
    if (done) {
      app.toast.show(`Deleted “${playlist.name}”`, 'success');
      app.router.navigate('/playlists');
    }
  };

  // On a phone the rows keep their width for the titles: the reorder controls show in edit
  // mode (and Move up/down are in each row's menu).
  const editButton = editable
    ? h('button', { type: 'button', class: 'button button-secondary edit-order', id: 'edit-order', 'aria-pressed': 'false', 'aria-label': 'Edit order' },
      icon('grip'), h('span', { class: 'button-label' }, 'Edit order'))
    : null;
  editButton?.addEventListener('click', () => {
    const editing = !tracksSlot.classList.contains('is-editing');
    tracksSlot.classList.toggle('is-editing', editing);
    editButton.setAttribute('aria-pressed', String(editing));
  });

  const announcer = h('p', { class: 'visually-hidden', role: 'status' });
  const announce = (text) => { announcer.textContent = text; };

  const view = heroPage({
    kicker: playlist.is_public ? 'Public playlist' : 'Playlist',
    title,
    art: h('div', { class: 'cover cover-large cover-playlist' }, icon('playlist')),
    meta,
    actions: [
      ...playButtons(app, { context: `playlist:${id}`, tracks: () => playlist.tracks, name: playlist.name, signal }),
      h('button', { type: 'button', class: 'button button-secondary', 'aria-label': 'Share', onclick: () => shareLink(app, playlist.name, () => playlists.share(id)) }, icon('share'), h('span', { class: 'button-label' }, 'Share')),
      editButton,
      editable ? h('button', { type: 'button', class: 'button button-secondary', id: 'rename-playlist', 'aria-label': 'Rename', onclick: rename }, icon('edit'), h('span', { class: 'button-label' }, 'Rename')) : null,
      editable ? h('button', { type: 'button', class: 'button button-danger-quiet button-secondary', id: 'delete-playlist', 'aria-label': 'Delete', onclick: remove }, icon('trash'), h('span', { class: 'button-label' }, 'Delete')) : null,
    ],
  },
  editable ? playlistSettings(publicRow, offlineRow, offlineStatus) : null,
  announcer,
  tracksSlot);
  update(playlist);
  return view;
}

/**
 * The public and offline switches. On a phone they fold under one line, so the header
 * leaves room for the list; on wide screens they are always open.
 */
function playlistSettings(...rows) {
  const narrow = window.matchMedia('(max-width: 759px)');
  const details = h('details', { class: 'playlist-settings', open: !narrow.matches },
    h('summary', { class: 'playlist-settings-summary' }, 'Sharing and offline'),
    h('div', { class: 'switches' }, rows));
  narrow.addEventListener('change', () => { if (!narrow.matches) details.open = true; });
  return details;
}
