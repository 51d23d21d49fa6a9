// /admin: storage bars, users and their actions, sources and their health, a library scan
// with live progress, and the shared cache. Administrators only; anyone else is told so.

import { ApiError } from '../../services/api-client.js';
import { h, replaceChildren, statusMessage } from '../dom.js';
import { icon } from '../icons.js';
import { bytes, count, when } from '../format.js';
import { confirmAction, promptPassword } from '../components/dialogs.js';
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
    section('Users', loading(async () => usersPanel(app, (await admin.users()).items, refreshStorage))),
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

/** Why an action on the only active administrator is refused, said before it is tried. */
const LAST_ADMIN_REASON = 'The only active administrator: make someone else an administrator first.';

function usersPanel(app, initialUsers, refreshStorage) {
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
    // The figures above (users, playlists...) follow the change.
    await Promise.all([reload(), refreshStorage()]);
    // Demoting yourself takes this page away: follow what the server now says.
    if (auth.user) {
      const me = await auth.reloadUser().catch(() => null);
      if (me && me.role !== 'admin') app.router.refresh();
    }
  };
  const render = (users) => {
    const activeAdmins = users.filter((user) => user.role === 'admin' && !user.disabled).length;
    tableSlot.replaceChildren(h('table', { class: 'table', id: 'users-table' },
      h('thead', {}, h('tr', {}, ['Email', 'Role', 'Status', 'Joined', 'Actions'].map((name) => h('th', { scope: 'col' }, name)))),
      h('tbody', {}, users.map((user) => {
        const isMe = user.id === auth.user?.id;
        // The server refuses to leave no active administrator: say so rather than fail.
        const lastAdmin = user.role === 'admin' && !user.disabled && activeAdmins <= 1;
        const reasonId = `last-admin-${user.id}`;
        const guarded = (attributes) => lastAdmin ? { ...attributes, disabled: true, 'aria-describedby': reasonId } : attributes;
        return h('tr', { dataset: { userId: user.id } },
          h('td', { class: 'cell-email' }, user.email, isMe ? h('span', { class: 'pill' }, 'you') : null),
          h('td', {}, user.role === 'admin' ? 'Administrator' : 'Member'),
          h('td', { class: 'cell-status' },
            user.disabled ? h('span', { class: 'status-bad user-disabled' }, 'Disabled') : h('span', { class: 'status-good' }, 'Active'),
            user.lockout ? h('p', { class: 'cell-line status-bad user-locked' }, lockoutText(user.lockout)) : null),
          h('td', {}, user.created_at ? when(user.created_at) : ''),
          h('td', { class: 'cell-actions' },
            h('button', guarded({
              type: 'button', class: 'button button-small user-role',
              onclick: () => act(() => admin.updateUser(user.id, { role: user.role === 'admin' ? 'user' : 'admin' }),
                `${user.email} is now ${user.role === 'admin' ? 'a member' : 'an administrator'}`),
            }), user.role === 'admin' ? 'Make member' : 'Make admin'),
            h('button', guarded({
              type: 'button', class: 'button button-small user-disable',
              onclick: () => act(() => admin.updateUser(user.id, { disabled: !user.disabled }),
                `${user.email} is ${user.disabled ? 'enabled' : 'disabled'}`),
            }), user.disabled ? 'Enable' : 'Disable'),
            h('button', {
              type: 'button', class: 'button button-small user-password', 'aria-label': `Set a new password for ${user.email}`,
              onclick: async () => {
                const password = await promptPassword(`New password for ${user.email}`,
                  isMe ? 'Your other sessions end; this one stays.' : 'They are signed out everywhere and sign in with this password.');
                if (!password) return;
                await act(() => admin.setPassword(user.id, password), `${user.email} has a new password`);
              },
            }, 'Set password'),
            user.lockout ? h('button', {
              type: 'button', class: 'button button-small',
              onclick: () => act(() => admin.unlockUser(user.id), `${user.email} can sign in again`),
            }, 'Unlock') : null,
            h('button', guarded({
              type: 'button', class: 'button button-small button-danger-quiet user-delete',
              onclick: async () => {
                if (!await confirmAction('Delete user', `Delete ${user.email} with their playlists, likes and history? This cannot be undone.`, 'Delete', { danger: true })) return;
                await act(() => admin.deleteUser(user.id), `${user.email} deleted`);
              },
            }), 'Delete'),
            lastAdmin ? h('p', { class: 'cell-line field-hint last-admin-reason', id: reasonId }, LAST_ADMIN_REASON) : null));
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

/** How each state reads on the admin page. */
const SOURCE_STATES = {
  healthy: ['Healthy', 'status-good'],
  failing: ['Failing', 'status-bad'],
  unavailable: ['Unavailable', 'status-bad'],
  disabled: ['Turned off', 'status-off'],
};

function sourcesTable(sources) {
  if (!sources.length) return statusMessage('No sources are configured.');
  return h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'sources-table' },
    h('thead', {}, h('tr', {}, ['Source', 'Type', 'Health', 'Details'].map((name) => h('th', { scope: 'col' }, name)))),
    h('tbody', {}, sources.map((source) => {
      // An older server sends no state: judge by its health check alone.
      const stateName = source.state ?? (!source.enabled ? 'disabled' : source.healthy ? 'healthy' : 'unavailable');
      const [label, kind] = SOURCE_STATES[stateName] ?? SOURCE_STATES.unavailable;
      const reason = source.reason ?? (stateName === 'healthy' ? null : source.problem);
      const raw = [
        source.problem ? `Health check: ${source.problem}` : null,
        source.last_error ? `Last error (${new Date(source.last_error.at).toLocaleString()}): ${source.last_error.message}` : null,
      ].filter(Boolean);
      return h('tr', { dataset: { source: source.id, state: stateName } },
        h('td', {}, source.id),
        h('td', {}, source.type),
        h('td', {}, h('span', { class: ['health', kind] }, h('span', { class: 'health-dot', 'aria-hidden': 'true' }), label)),
        h('td', { class: 'cell-details' },
          reason ? h('p', { class: 'cell-line source-reason' }, reason) : null,
          // What failed and when, in the server's first words ("search timeout"); the
          // tool's output stays behind the disclosure.
          source.last_error
            ? h('p', { class: 'cell-line field-hint' },
              `Last error ${when(source.last_error.at)}: ${operation(source.last_error.message)}${stateName === 'healthy' ? ' (it has worked since)' : ''}.`)
            : null,
          raw.length
            ? h('details', { class: 'source-detail' }, h('summary', {}, 'Technical details'),
              h('pre', { class: 'raw-detail' }, raw.join('\n\n')))
            : null,
          reason || raw.length ? null : 'Working.'));
    }))));
}

/** "search timeout" of "search timeout: SoundCloud did not answer within 4 s". */
function operation(message) {
  const head = String(message ?? '').split(': ')[0];
  return head.length <= 60 ? head : `${head.slice(0, 57)}…`;
}

/** What a scan is doing, in words. */
const SCAN_PHASES = {
  walking: 'Looking for music files in the library folder',
  reading: 'Reading the tags and length of each file',
  removing: 'Taking out tracks whose files are gone',
  indexing: 'Updating albums, artists and search',
};

function scanPanel(app, initial, signal, onFinished) {
  const { admin } = app.services;
  let timer = null;
  signal.addEventListener('abort', () => clearTimeout(timer));
  const status = h('div', { class: 'scan-status', id: 'scan-status', 'aria-live': 'polite' });
  const quick = h('button', { type: 'button', class: 'button button-primary', id: 'scan-now' }, icon('refresh'), 'Scan now');
  const full = h('button', { type: 'button', class: 'button', id: 'scan-full' }, 'Full rescan');
  // Shown only when there is something in it.
  const failuresSlot = h('div', { class: 'scan-failures-slot' });
  const loadFailures = async () => {
    try {
      const list = await admin.scanFailures();
      failuresSlot.replaceChildren(list.length
        ? h('details', { class: 'scan-failures' },
          h('summary', {}, `${count(list.length, 'file')} could not be read`),
          h('ul', { class: 'problem-list' }, list.map((failure) => h('li', {}, h('code', {}, failure.path), ` — ${failure.reason}`))))
        : '');
    } catch (error) {
      failuresSlot.replaceChildren(statusMessage(`Could not load the files that could not be read: ${error.message}`, 'error'));
    }
  };

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
        ? scanningText(progress, done, total)
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
      else {
        onFinished();
        loadFailures();
      }
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
  render(initial);
  if (initial.running) timer = setTimeout(poll, SCAN_POLL_MS);
  loadFailures();
  return h('div', {}, h('div', { class: 'toolbar' }, quick, full), status, failuresSlot);
}

/** "Reading the tags and length of each file: 120 of 300 (a full rescan)". */
function scanningText(progress, done, total) {
  const what = SCAN_PHASES[progress.phase] ?? 'Scanning the library';
  const kind = progress.full ? 'a full rescan' : 'looking only at what changed';
  const figures = progress.phase === 'reading' && total ? `: ${done} of ${count(total, 'file')}` : '';
  return `${what}${figures} (${kind}).`;
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
