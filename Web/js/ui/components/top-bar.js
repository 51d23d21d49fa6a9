// The top bar: the unified search field (every source at once) and, on phones, the links
// the tab bar has no room for.

import { h } from '../dom.js';
import { icon } from '../icons.js';

const TYPING_PAUSE_MS = 350;

export function topBar(app) {
  const input = h('input', {
    type: 'search', id: 'search-input', class: 'search-input', name: 'q', autocomplete: 'off',
    placeholder: 'Search songs, artists, albums', enterkeyhint: 'search',
  });
  let timer = null;
  const go = () => {
    clearTimeout(timer);
    const text = input.value.trim();
    const onSearch = app.router.current?.name === 'search';
    // While typing on the search page, replace the entry instead of stacking one per letter.
    app.router.navigate(text ? `/search?q=${encodeURIComponent(text)}` : '/search', { replace: onSearch });
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(go, TYPING_PAUSE_MS);
  });
  const form = h('form', { class: 'search-form', role: 'search', onsubmit: (event) => { event.preventDefault(); go(); } },
    h('label', { for: 'search-input', class: 'visually-hidden' }, 'Search every source'),
    icon('search', { className: 'search-icon' }),
    input);
  app.router.addEventListener('route', (event) => {
    // Keep the field in step with the address (back button, shared links).
    if (event.detail.name === 'search' && document.activeElement !== input) input.value = event.detail.query.get('q') ?? '';
  });
  return h('header', { class: 'topbar' },
    form,
    h('a', { href: '/history', class: 'icon-button topbar-link', 'aria-label': 'History' }, icon('history')),
    h('a', { href: '/settings', class: 'icon-button topbar-link', 'aria-label': 'Settings' }, icon('settings')));
}
