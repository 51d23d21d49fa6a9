// Pieces every page shares: the page frame with its heading, and section headings.

import { h } from '../dom.js';

/** A page: an h1 (focused after navigation, so screen readers announce it) and content. */
export function page(title, ...content) {
  return h('div', { class: 'view' }, h('h1', { class: 'view-title', tabindex: '-1' }, title), content);
}

/** A page led by a cover and details (album, playlist, artist). */
export function heroPage({ kicker, title, art, meta, actions }, ...content) {
  return h('div', { class: 'view' },
    h('header', { class: 'hero' },
      h('div', { class: 'hero-art' }, art),
      h('div', { class: 'hero-text' },
        kicker ? h('p', { class: 'hero-kicker' }, kicker) : null,
        h('h1', { class: 'view-title hero-title', tabindex: '-1' }, title),
        meta ? h('p', { class: 'hero-meta' }, meta) : null),
      actions ? h('div', { class: 'hero-actions' }, actions) : null),
    content);
}

export function section(title, ...content) {
  return h('section', { class: 'section' }, h('h2', { class: 'section-title' }, title), content);
}
