// Cover art with a drawn placeholder when there is none or it fails to load.

import { h } from '../dom.js';
import { icon } from '../icons.js';

/**
 * An image of `url` (or the placeholder). Decorative: the title next to it says what it is.
 * `size` is the rendered size class: small, medium or large.
 */
export function cover(url, { size = 'small', lazy = true } = {}) {
  const frame = h('div', { class: ['cover', `cover-${size}`] });
  const placeholder = () => frame.replaceChildren(icon('note', { className: 'cover-placeholder' }));
  if (!url) {
    placeholder();
    return frame;
  }
  const image = h('img', { src: url, alt: '', loading: lazy ? 'lazy' : 'eager', decoding: 'async' });
  image.addEventListener('error', placeholder, { once: true });
  frame.append(image);
  return frame;
}
