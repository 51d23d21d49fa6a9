// The side bar (wide screens) and the tab bar (phones): the same destinations, marked
// with aria-current for the one shown.

import { h } from '../dom.js';
import { icon } from '../icons.js';

const MAIN = [
  { href: '/', label: 'Home', icon: 'home', routes: ['discover'] },
  { href: '/search', label: 'Search', icon: 'search', routes: ['search'] },
  { href: '/library', label: 'Library', icon: 'library', routes: ['library', 'album', 'artist'] },
  { href: '/playlists', label: 'Playlists', icon: 'playlist', routes: ['playlists', 'playlist'] },
  { href: '/liked', label: 'Liked songs', shortLabel: 'Liked', icon: 'heart', routes: ['liked'] },
];
const MORE = [
  { href: '/history', label: 'History', icon: 'history', routes: ['history'] },
  { href: '/settings', label: 'Settings', icon: 'settings', routes: ['settings'] },
  { href: '/admin', label: 'Admin', icon: 'admin', routes: ['admin'], adminOnly: true },
];

function link(item, short = false) {
  return h('a', { href: item.href, class: 'nav-link', dataset: { routes: item.routes.join(' ') }, hidden: item.adminOnly ? true : null },
    icon(item.icon), h('span', { class: 'nav-label' }, short ? (item.shortLabel ?? item.label) : item.label));
}

/** The side bar; `extra` (the person's playlists) goes under the main destinations. */
export function sideBar(extra = null) {
  return h('nav', { class: 'sidebar', 'aria-label': 'Main' },
    h('a', { class: 'brand', href: '/' }, h('img', { src: '/icons/icon.svg', alt: '', class: 'brand-logo' }), h('span', {}, 'MySpotify')),
    h('ul', { class: 'nav-list' }, MAIN.map((item) => h('li', {}, link(item)))),
    h('ul', { class: 'nav-list nav-secondary' }, MORE.map((item) => h('li', {}, link(item)))),
    extra);
}

export function tabBar() {
  return h('nav', { class: 'tabbar', 'aria-label': 'Main' },
    h('ul', { class: 'tab-list' }, MAIN.map((item) => h('li', {}, link(item, true)))));
}

/** Marks the links for `routeName` as current, and shows admin links to admins only. */
export function updateNavigation(routeName, isAdmin) {
  for (const anchor of document.querySelectorAll('.nav-link')) {
    // The side bar's playlists mark themselves (by address, not by route).
    if (!anchor.dataset.routes) continue;
    const current = anchor.dataset.routes.split(' ').includes(routeName);
    if (current) anchor.setAttribute('aria-current', 'page');
    else anchor.removeAttribute('aria-current');
    if (anchor.getAttribute('href') === '/admin') anchor.hidden = !isAdmin;
  }
}
