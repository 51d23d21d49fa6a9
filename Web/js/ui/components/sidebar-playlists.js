// The side bar's list of the person's playlists, kept current: loaded at sign-in, and
// again whenever a playlist is made, renamed, changed or deleted anywhere in the app.

import { h } from '../dom.js';
import { icon } from '../icons.js';

/** Answers `{element, load(), clear()}`; the element goes into the side bar. */
export function sidebarPlaylists(app) {
  const { playlists } = app.services;
  const list = h('ul', { class: 'nav-list sidebar-playlists', 'aria-label': 'Your playlists' });
  const element = h('div', { class: 'sidebar-section', hidden: true },
    h('h2', { class: 'sidebar-heading' }, h('a', { href: '/playlists' }, 'Your playlists')),
    list);
  let request = 0;

  const render = (items) => {
    list.replaceChildren(...items.map((playlist) => h('li', {},
      h('a', { href: `/playlists/${encodeURIComponent(playlist.id)}`, class: 'nav-link nav-playlist', dataset: { playlistId: playlist.id } },
        icon('playlist'), h('span', { class: 'nav-label' }, playlist.name)))));
    element.hidden = !items.length;
    markCurrent();
  };
  const markCurrent = () => {
    const path = location.pathname;
    for (const link of list.querySelectorAll('a')) {
      if (link.getAttribute('href') === path) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  };
  const load = async () => {
    const mine = ++request;
    try {
      const answer = await playlists.list();
      if (mine === request && app.signedIn) render((answer.items ?? []).filter((playlist) => playlist.is_owner !== false));
    } catch {
      // Offline with nothing saved: the Playlists page says why; the side bar stays as it was.
    }
  };
  const clear = () => {
    request += 1;
    list.replaceChildren();
    element.hidden = true;
  };
  playlists.addEventListener('change', () => { if (app.signedIn) load(); });
  app.router.addEventListener('route', markCurrent);
  return { element, load, clear };
}
