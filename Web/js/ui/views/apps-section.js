// Settings, "Phone and desktop apps": what to type into an app that speaks Subsonic
// (Symfonium, Tempo, DSub, Ultrasonic, Feishin...) to connect it to this server. The app
// password and the API key are made by the server; making new ones, or removing them,
// signs out every app that used the old ones at once, so both ask first.

import { NetworkError } from '../../services/api-client.js';
import { copyField } from '../components/copy-field.js';
import { confirmAction } from '../components/dialogs.js';
import { h, replaceChildren, statusMessage } from '../dom.js';
import { section } from './view-kit.js';

export async function appsSection(app) {
  const service = app.services.appCredentials;
  const body = h('div', { class: 'apps-connection', id: 'apps-connection' });

  const render = (credentials) => {
    const made = Boolean(credentials.app_password);
    replaceChildren(body,
      h('p', { class: 'field-hint' },
        'Apps that speak Subsonic connect with these. Your own password works in them too; an app password can be replaced without changing it.'),
      copyField(app, { id: 'apps-server-url', label: 'Server address', value: credentials.server_url }),
      copyField(app, { id: 'apps-username', label: 'User name', value: credentials.username, hint: 'Your email works as well.' }),
      made ? [
        copyField(app, { id: 'apps-password', label: 'App password', value: credentials.app_password }),
        copyField(app, {
          id: 'apps-api-key', label: 'API key', value: credentials.api_key,
          hint: 'For apps that offer “API key” sign-in: no user name or password is needed with it.',
        }),
      ] : h('p', { class: 'field-hint' }, 'No app password yet. Some apps need one (token sign-in); an API key is made with it.'),
      h('div', { class: 'toolbar' },
        made
          ? [
            h('button', { type: 'button', class: 'button', id: 'apps-rotate', onclick: rotate }, 'New app password and key'),
            h('button', { type: 'button', class: 'button button-danger-quiet', id: 'apps-revoke', onclick: revoke }, 'Remove them'),
          ]
          : h('button', { type: 'button', class: 'button button-primary', id: 'apps-create', onclick: create }, 'Make an app password and key')));
  };

  const change = async (work, done) => {
    try {
      const answer = await work();
      render(answer ?? await service.get());
      app.toast.show(done, 'success');
    } catch (error) {
      app.toast.error('Not changed', error);
    }
  };
  const create = () => change(() => service.rotate(), 'App password and API key made');
  const rotate = async () => {
    const confirmed = await confirmAction('New app password and key?',
      'Apps signed in with the current app password or API key stop working at once, until you enter the new ones.',
      'Make new ones');
    if (confirmed) await change(() => service.rotate(), 'New app password and API key made');
  };
  const revoke = async () => {
    const confirmed = await confirmAction('Remove the app password and key?',
      'Apps signed in with them stop working at once. Your own password keeps working.', 'Remove', { danger: true });
    if (confirmed) await change(() => service.revoke(), 'App password and API key removed');
  };

  try {
    render(await service.get());
  } catch (error) {
    replaceChildren(body, statusMessage(error instanceof NetworkError
      ? 'Not available offline: the server cannot be reached.'
      : `Could not load: ${error.message}`, 'error'));
  }
  return section('Phone and desktop apps', body);
}
