// Short confirmations and errors at the bottom of the screen, read out by screen readers.

import { h } from '../dom.js';

const SHOWN_MS = 4000;
/** A toast with an Undo stays this long. */
const ACTION_SHOWN_MS = 8000;

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

  /**
   * Shows `message` with a button (Undo) that runs `action` and dismisses the toast; it
   * stays longer than a plain one, so there is time to press it.
   */
  showAction(message, label, action, kind = 'success') {
    const button = h('button', { type: 'button', class: 'toast-action' }, label);
    const toast = h('div', { class: ['toast', `toast-${kind}`, 'toast-with-action'], role: 'status' }, h('span', {}, message), button);
    const dismiss = () => {
      toast.classList.add('toast-leaving');
      setTimeout(() => toast.remove(), 400);
    };
    button.addEventListener('click', () => {
      dismiss();
      action();
    });
    this.region.append(toast);
    setTimeout(dismiss, ACTION_SHOWN_MS);
    return toast;
  }

  /** Shows what went wrong, with the server's message when it sent one. */
  error(prefix, error) {
    return this.show(error?.message ? `${prefix}: ${error.message}` : prefix, 'error');
  }
}
