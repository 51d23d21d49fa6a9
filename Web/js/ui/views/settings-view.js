// Settings: the account, the server address (for phones that reach the server through the
// tunnel or on the home network), the streaming quality, connecting phone and desktop apps,
// installing the app, offline data, signing out.

import { checkServer } from '../../services/connectivity.js';
import { h } from '../dom.js';
import { icon } from '../icons.js';
import { appsSection } from './apps-section.js';
import { passwordSection } from './password-section.js';
import { page, section } from './view-kit.js';
import { dataSaverSection } from './data-saver-section.js';

export async function settingsView(app) {
  const { auth, client, preferences, store } = app.services;
  const user = auth.user;

  const account = section('Account',
    h('dl', { class: 'facts' },
      h('dt', {}, 'Email'), h('dd', { id: 'account-email' }, user?.email ?? '–'),
      h('dt', {}, 'Role'), h('dd', {}, user?.role === 'admin' ? 'Administrator' : 'Member'),
      user?.google_linked ? [h('dt', {}, 'Google'), h('dd', {}, 'Linked')] : null),
    h('div', { class: 'toolbar' },
      auth.isAdmin ? h('a', { class: 'button', href: '/admin' }, icon('admin'), 'Administration') : null,
      h('button', { type: 'button', class: 'button', id: 'sign-out', onclick: () => app.signOut() }, icon('signOut'), 'Sign out')));

  const input = h('input', { type: 'url', id: 'server-url', class: 'text-input', placeholder: location.origin, value: preferences.get('baseURL', '') ?? '' });
  const result = h('p', { class: 'form-status', role: 'status', id: 'server-status' });
  const form = h('form', { class: 'settings-form' },
    h('label', { for: 'server-url', class: 'field-label' }, 'Server address'),
    h('p', { class: 'field-hint' }, `Now: ${client.base}. Leave empty to use the server this page came from. Another address must allow this page’s origin (CORS).`),
    input,
    h('div', { class: 'toolbar' }, h('button', { type: 'submit', class: 'button button-primary' }, 'Check and save')),
    result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = input.value.trim();
    result.textContent = 'Checking…';
    try {
      if (value) {
        const parsed = new URL(value);
        if (!/^https?:$/.test(parsed.protocol)) throw new Error('The address must start with http:// or https://.');
        await checkServer(value);
      }
      preferences.set('baseURL', value || null);
      result.textContent = 'Saved. Reloading…';
      // Sign-in cookies belong to one server: start over against the new one.
      location.reload();
    } catch (error) {
      result.textContent = `Not saved: ${error.message}`;
    }
  });

  const install = h('button', { type: 'button', class: 'button', hidden: !app.installPrompt }, 'Install MySpotify');
  install.addEventListener('click', async () => {
    app.installPrompt?.prompt();
    await app.installPrompt?.userChoice;
    app.installPrompt = null;
    install.hidden = true;
  });
  const clearOffline = h('button', { type: 'button', class: 'button' }, 'Forget offline copies');
  clearOffline.addEventListener('click', async () => {
    await store.clear();
    app.toast.show('Offline copies forgotten', 'success');
  });

  const apps = await appsSection(app);

  return page('Settings',
    account,
    passwordSection(app),
    section('Server', form),
    dataSaverSection(app),
    apps,
    section('This device',
      h('p', { class: 'field-hint' }, 'Your library, playlists and likes are kept on this device as last seen, to browse when the server cannot be reached.'),
      h('div', { class: 'toolbar' }, install, clearOffline),
      h('p', { class: 'field-hint' }, h('a', { href: '/history' }, 'Listening history'))));
}
