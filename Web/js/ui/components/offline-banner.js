// "You are offline" across the top while the server cannot be reached.

import { h } from '../dom.js';
import { icon } from '../icons.js';

export function offlineBanner(app) {
  const retry = h('button', { type: 'button', class: 'link-button', onclick: () => app.services.connectivity.probe() }, 'Retry now');
  const banner = h('div', { class: 'offline-banner', id: 'offline-banner', role: 'status', hidden: true },
    icon('offline'),
    h('span', {}, 'Offline: the server cannot be reached. Showing your library, playlists and likes as last seen.'),
    retry);
  app.services.connectivity.addEventListener('change', (event) => {
    banner.hidden = event.detail.online;
    document.documentElement.classList.toggle('is-offline', !event.detail.online);
  });
  return banner;
}
