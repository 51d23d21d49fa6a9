// /admin: storage bars, users and their actions, sources and their health, a library scan
// with live progress, and the shared cache. Administrators only; anyone else is told so.

import { ApiError } from '../../services/api-client.js';
import { h, replaceChildren, statusMessage } from '../dom.js';
import { icon } from '../icons.js';
import { bytes, count, when } from '../format.js';
import { confirmAction } from '../components/dialogs.js';
import { page, section } from './view-kit.js';

const SCAN_POLL_MS = 1000;

export async function adminView(app, route, signal) {
  if (!app.services.auth.isAdmin) return refusal();
  const { admin } = app.services;
  let storage;
  try {
    // One quick request first: a 403 (the role changed meanwhile) shows the refusal.
    storage = await admin.storage();
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return refusal();
    throw error;
  }
  const storageSlot = h('div', {}, storageBars(storage));
  const cacheSlot = h('div', {});
  const refreshStorage = async () => {
    try {
      storageSlot.replaceChildren(storageBars(await admin.storage()));
    } catch (error) {
      app.toast.error('Could not read the storage figures', error);
    }
  };
  const refreshCache = async () => {
    cacheSlot.replaceChildren(cacheTable(app, await admin.cache(), { refreshCache, refreshStorage }));
  };

  // The other sections fill in as their answers come: a source whose health check is slow
  // (a yt-dlp that hangs) must not hold back the rest of the page.
  return page('Administration',
    section('Storage', storageSlot),
    section('Users', loading(async () => usersPanel(app, (await admin.users()).items))),
    section('Sources', loading(async () => sourcesTable(await admin.sources()))),
    section('Library scan', loading(async () => scanPanel(app, await admin.scanProgress(), signal, refreshStorage))),
    section('Cache', loading(async () => {
      await refreshCache();
      return cacheSlot;
    })));
}

/** A slot that says "Loading…" until `build` answers its content (or says what failed). */
function loading(build) {
  const slot = h('div', { class: 'admin-slot', 'aria-busy': 'true' }, statusMessage('Loading…'));
  build().then(
    (content) => slot.replaceChildren(content),
    (error) => slot.replaceChildren(statusMessage(`Could not load this section: ${error.message}`, 'error')),
  ).finally(() => slot.removeAttribute('aria-busy'));
  return slot;
}

function refusal() {
  return page('Administration',
    h('div', { class: 'refusal', id: 'admin-refused', role: 'alert' },
      icon('lock'),
      h('p', {}, h('strong', {}, 'Administrators only.')),
      h('p', {}, 'This page manages the server (storage, users, sources, scans and the cache). Your account is not an administrator; ask the person who runs this server if you need access.'),
      h('a', { href: '/', class: 'button' }, 'Back to Home')));
}

/** A number from the storage answer, or null when the server did not send it. */
function figure(storage, name) {
  return typeof storage[name] === 'number' ? storage[name] : null;
}

function storageBars(storage) {
  const total = figure(storage, 'total_bytes');
  const rows = [
    ['Library', figure(storage, 'library_bytes'), 'library'],
    ['Cache', figure(storage, 'cache_bytes'), 'cache'],
    ['Database', figure(storage, 'db_bytes'), 'database'],
    ['Free', figure(storage, 'available_bytes'), 'free'],
  ];
  const counts = [
    ['Users', figure(storage, 'users')],
    ['Playlists', figure(storage, 'playlists')],
    ['Tracks', figure(storage, 'tracks')],
    ['Cached tracks', figure(storage, 'cached_tracks')],
  ].filter(([, value]) => value !== null);
  return h('div', { class: 'storage' },
    h('ul', { class: 'storage-bars', id: 'storage-bars' }, rows.map(([label, value, kind]) => {
      const share = total && value !== null ? Math.min(100, (value / total) * 100) : 0;
      return h('li', { class: 'storage-row' },
        h('span', { class: 'storage-label' }, label),
        h('span', {
          class: ['meter', `meter-${kind}`], role: 'meter', 'aria-label': label,
          'aria-valuemin': '0', 'aria-valuemax': String(total ?? 0), 'aria-valuenow': String(value ?? 0),
          'aria-valuetext': `${bytes(value)} of ${bytes(total)}`,
        }, h('span', { class: 'meter-fill', style: { '--fill': `${Math.max(share, value ? 0.5 : 0)}%` } })),
        h('span', { class: 'storage-value' }, `${bytes(value)}`));
    })),
    h('p', { class: 'field-hint' }, `Disk: ${bytes(total)} in all.`),
    counts.length
      ? h('dl', { class: 'facts facts-inline' }, counts.map(([label, value]) => [h('dt', {}, label), h('dd', {}, String(value))]))
      : null);
}

function usersPanel(app, initialUsers) {
  const { admin, auth } = app.services;
  const tableSlot = h('div', { class: 'table-wrap' });
  const reload = async () => {
    try {
      const answer = await admin.users();
      render(answer.items);
    } catch (error) {
      app.toast.error('Could not reload the users', error);
    }
  };
  const act = async (work, done) => {
    try {
      await work();
      if (done) app.toast.show(done, 'success');
    } catch (error) {
      app.toast.error('Not done', error);
    }
    await reload();
    // Demoting yourself takes this page away: follow what the server now says.
    if (auth.user) {
      const me = await auth.reloadUser().catch(() => null);
      if (me && me.role !== 'admin') app.router.refresh();
    }
  };
  const render = (users) => {
    tableSlot.replaceChildren(h('table', { class: 'table', id: 'users-table' },
      h('thead', {}, h('tr', {}, ['Email', 'Role', 'Status', 'Joined', 'Actions'].map((name) => h('th', { scope: 'col' }, name)))),
      h('tbody', {}, users.map((user) => {
        const isMe = user.id === auth.user?.id;
        return h('tr', { dataset: { userId: user.id } },
          h('td', { class: 'cell-email' }, user.email, isMe ? h('span', { class: 'pill' }, 'you') : null),
          h('td', {}, user.role === 'admin' ? 'Administrator' : 'Member'),
          h('td', { class: 'cell-status' },
            user.disabled ? h('span', { class: 'status-bad user-disabled' }, 'Disabled') : h('span', { class: 'status-good' }, 'Active'),
            user.lockout ? h('p', { class: 'cell-line status-bad user-locked' }, lockoutText(user.lockout)) : null),
          h('td', {}, user.created_at ? when(user.created_at) : ''),
          h('td', { class: 'cell-actions' },
            h('button', {
              type: 'button', class: 'button button-small',
              onclick: () => act(() => admin.updateUser(user.id, { role: user.role === 'admin' ? 'user' : 'admin' }),
                `${user.email} is now ${user.role === 'admin' ? 'a member' : 'an administrator'}`),
            }, user.role === 'admin' ? 'Make member' : 'Make admin'),
            h('button', {
              type: 'button', class: 'button button-small',
              onclick: () => act(() => admin.updateUser(user.id, { disabled: !user.disabled }),
                `${user.email} is ${user.disabled ? 'enabled' : 'disabled'}`),
            }, user.disabled ? 'Enable' : 'Disable'),
            user.lockout ? h('button', {
              type: 'button', class: 'button button-small',
              onclick: () => act(() => admin.unlockUser(user.id), `${user.email} can sign in again`),
            }, 'Unlock') : null,
            h('button', {
              type: 'button', class: 'button button-small button-danger-quiet',
              onclick: async () => {
                if (!await confirmAction('Delete user', `Delete ${user.email} with their playlists, likes and history? This cannot be undone.`, 'Delete', { danger: true })) return;
                await act(() => admin.deleteUser(user.id), `${user.email} deleted`);
              },
            }, 'Delete')));
      }))));
  };
  render(initialUsers);

  const email = h('input', { type: 'email', id: 'new-user-email', class: 'text-input', required: true, autocomplete: 'off' });
  const password = h('input', { type: 'password', id: 'new-user-password', class: 'text-input', required: true, minlength: '8', autocomplete: 'new-password' });
  const role = h('select', { id: 'new-user-role', class: 'select' }, h('option', { value: 'user' }, 'Member'), h('option', { value: 'admin' }, 'Administrator'));
  const form = h('form', { class: 'inline-form', 'aria-label': 'Add a user' },
    h('div', { class: 'field' }, h('label', { for: 'new-user-email', class: 'field-label' }, 'Email'), email),
    h('div', { class: 'field' }, h('label', { for: 'new-user-password', class: 'field-label' }, 'Password'), password),
    h('div', { class: 'field' }, h('label', { for: 'new-user-role', class: 'field-label' }, 'Role'), role),
    h('button', { type: 'submit', class: 'button button-primary' }, icon('plus'), 'Add user'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await act(() => admin.createUser(email.value.trim(), password.value, role.value), `${email.value.trim()} added`);
    form.reset();
  });
  return h('div', {}, tableSlot, h('details', { class: 'add-user' }, h('summary', {}, 'Add a user'), form));
}

/** "Locked from 2 addresses until 14:05" for the users table (the addresses in the detail). */
function lockoutText(lockout) {
  const until = new Date(lockout.until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const addresses = lockout.addresses ?? [];
  const scope = lockout.everywhere ? 'from every address'
    : `from ${count(addresses.length, 'address', 'addresses')} (${addresses.join(', ')})`;
  return `Locked ${scope} until ${until}: too many wrong passwords`;
}

function sourcesTable(sources) {
  if (!sources.length) return statusMessage('No sources are configured.');
  return h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'sources-table' },
    h('thead', {}, h('tr', {}, ['Source', 'Type', 'Health', 'Details'].map((name) => h('th', { scope: 'col' }, name)))),
    h('tbody', {}, sources.map((source) => {
      const state = !source.enabled ? ['Disabled', 'status-off'] : source.healthy ? ['Healthy', 'status-good'] : ['Unhealthy', 'status-bad'];
      return h('tr', {},
        h('td', {}, source.id),
        h('td', {}, source.type),
        h('td', {}, h('span', { class: ['health', state[1]] }, h('span', { class: 'health-dot', 'aria-hidden': 'true' }), state[0])),
        h('td', { class: 'cell-details' },
          source.problem ? h('p', { class: 'cell-line' }, source.problem) : null,
          source.last_error
            ? h('p', { class: 'cell-line' }, `Last error ${when(source.last_error.at)}: ${source.last_error.message}`)
            : null,
          source.problem || source.last_error ? null : '–'));
    }))));
}

function scanPanel(app, initial, signal, onFinished) {
  const { admin } = app.services;
  let timer = null;
  signal.addEventListener('abort', () => clearTimeout(timer));
  const status = h('div', { class: 'scan-status', id: 'scan-status', 'aria-live': 'polite' });
  const quick = h('button', { type: 'button', class: 'button button-primary', id: 'scan-now' }, icon('refresh'), 'Scan now');
  const full = h('button', { type: 'button', class: 'button', id: 'scan-full' }, 'Full rescan');
  const failures = h('details', { class: 'scan-failures' }, h('summary', {}, 'Files that could not be read'));

  const render = (progress) => {
    const running = Boolean(progress.running);
    quick.disabled = running;
    full.disabled = running;
    const done = progress.files_done ?? 0;
    const total = progress.files_total ?? 0;
    const summary = [
      `${progress.added ?? 0} added`, `${progress.updated ?? 0} updated`, `${progress.moved ?? 0} moved`,
      `${progress.removed ?? 0} removed`, `${progress.unchanged ?? 0} unchanged`, `${progress.failed ?? 0} failed`,
    ].join(' · ');
    status.dataset.phase = progress.phase ?? 'idle';
    status.dataset.running = String(running);
    replaceChildren(status,
      h('p', { class: 'scan-phase' }, running
        ? `Scanning (${progress.full ? 'full' : 'changes only'}): ${progress.phase} — ${done} of ${total || '?'} files`
        : progress.phase === 'failed' ? `The last scan failed: ${progress.error ?? 'unknown error'}`
          : progress.finished_at ? `Last scan ${when(progress.finished_at)}${progress.seconds ? ` in ${progress.seconds.toFixed(1)} s` : ''}` : 'No scan since the server started.'),
      running || progress.finished_at
        ? h('progress', { class: 'progress', id: 'scan-progress', max: String(Math.max(total, 1)), value: String(running ? done : Math.max(total, 1)), 'aria-label': 'Scan progress' })
        : null,
      h('p', { class: 'field-hint' }, summary),
      progress.problems?.length ? h('ul', { class: 'problem-list' }, progress.problems.map((problem) => h('li', {}, problem))) : null);
  };
  const poll = async () => {
    if (signal.aborted) return;
    try {
      const progress = await admin.scanProgress();
      render(progress);
      if (progress.running) timer = setTimeout(poll, SCAN_POLL_MS);
      else onFinished();
    } catch (error) {
      status.append(statusMessage(`Lost track of the scan: ${error.message}`, 'error'));
    }
  };
  const start = async (fullScan) => {
    try {
      const answer = await admin.startScan(fullScan);
      if (!answer.started) app.toast.show('A scan is already running: following it.');
      render(answer.progress ?? { running: true, phase: 'walking' });
      clearTimeout(timer);
      timer = setTimeout(poll, answer.progress?.running === false ? 0 : SCAN_POLL_MS);
    } catch (error) {
      app.toast.error('Could not start a scan', error);
    }
  };
  quick.addEventListener('click', () => start(false));
  full.addEventListener('click', () => start(true));
  failures.addEventListener('toggle', async () => {
    if (!failures.open || failures.dataset.loaded) return;
    failures.dataset.loaded = 'true';
    try {
      const answer = await admin.scanFailures();
      const list = answer;
      failures.append(list.length
        ? h('ul', { class: 'problem-list' }, list.map((failure) => h('li', {}, h('code', {}, failure.path), ` — ${failure.reason}`)))
        : statusMessage('Every file could be read.'));
    } catch (error) {
      failures.append(statusMessage(`Could not load the list: ${error.message}`, 'error'));
    }
  });
  render(initial);
  if (initial.running) timer = setTimeout(poll, SCAN_POLL_MS);
  return h('div', {}, h('div', { class: 'toolbar' }, quick, full), status, failures);
}

function cacheTable(app, cache, { refreshCache, refreshStorage }) {
  const tracks = cache.tracks;
  const header = h('p', { class: 'field-hint', id: 'cache-summary' }, `${count(cache.count ?? tracks.length, 'track')} · ${bytes(cache.bytes ?? 0)}`);
  if (!tracks.length) return h('div', {}, header, statusMessage('Nothing is cached yet. Remote tracks are cached the first time anyone plays them.'));
  const remove = async (track) => {
    if (!await confirmAction('Delete from the cache', `Delete the cached copy of “${track.title}”? It is downloaded again the next time someone plays it.`, 'Delete', { danger: true })) return;
    try {
      await app.services.admin.deleteCached(track.id);
      app.toast.show(`Deleted “${track.title}” from the cache`, 'success');
    } catch (error) {
      app.toast.error('Could not delete it', error);
    }
    await Promise.all([refreshCache().catch((error) => app.toast.error('Could not reload the cache', error)), refreshStorage()]);
  };
  const rows = tracks.map((track) => h('tr', {},
    h('td', {}, h('span', { class: 'track-title' }, track.title), h('span', { class: 'track-subtitle' }, track.artist ?? '')),
    h('td', {}, track.source),
    h('td', {}, bytes(track.size ?? 0)),
    h('td', { class: 'cell-actions' },
      h('button', { type: 'button', class: 'button button-small button-danger-quiet', 'aria-label': `Delete ${track.title} from the cache`, onclick: () => remove(track) },
        icon('trash'), 'Delete'))));
  const table = h('table', { class: 'table', id: 'cache-table' },
    h('thead', {}, h('tr', {}, ['Track', 'Source', 'Size', 'Actions'].map((name) => h('th', { scope: 'col' }, name)))),
    h('tbody', {}, rows));
  return h('div', {}, header, h('div', { class: 'table-wrap' }, table));
}
