// Short confirmations and errors at the bottom of the screen, read out by screen readers.

import { h } from '../dom.js';

const SHOWN_MS = 4000;

export class Toaster {
  /** @param {HTMLElement} region an aria-live region */
  constructor(region) {
    this.region = region;
  }

  /** Shows `message`; `kind` is info, success or error. */
  show(message, kind = 'info') {
    const toast = h('div', { class: ['toast', `toast-${kind}`], role: kind === 'error' ? 'alert' : 'status' }, message);
    this.region.append(toast);
    setTimeout(() => toast.classList.add('toast-leaving'), SHOWN_MS);
    setTimeout(() => toast.remove(), SHOWN_MS + 400);
    return toast;
  }

  /** Shows what went wrong, with the server's message when it sent one. */
  error(prefix, error) {
    return this.show(error?.message ? `${prefix}: ${error.message}` : prefix, 'error');
  }
}
