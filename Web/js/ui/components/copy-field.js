// A value to copy into another app (a server address, an app password): shown read-only
// with a Copy button. The clipboard when the browser offers it; else the text is selected
// and copied the old way; else it stays selected for Ctrl+C or a long press, and the
// status line says so.

import { h } from '../dom.js';

/**
 * @param {object} app
 * @param {{id: string, label: string, value: string, hint?: string}} field
 * @returns {HTMLElement} the label, the field with its button, and a status line
 */
export function copyField(app, { id, label, value, hint = null }) {
  const statusId = `${id}-status`;
  const input = h('input', {
    type: 'text', id, class: 'text-input copy-value', readOnly: true, value, spellcheck: false,
    autocomplete: 'off', autocapitalize: 'off', 'aria-describedby': statusId,
  });
  const status = h('p', { class: 'copy-status', id: statusId, role: 'status' });
  const copy = async () => {
    if (await app.services.clipboard.copy(value)) {
      status.textContent = `${label} copied to the clipboard.`;
      return;
    }
    status.textContent = selectAndCopy(input)
      ? `${label} copied to the clipboard.`
      : `${label} is selected: press Ctrl+C (⌘C on a Mac) or long-press to copy it.`;
  };
  return h('div', { class: 'copy-field' },
    h('label', { for: id, class: 'field-label' }, label),
    hint ? h('p', { class: 'field-hint' }, hint) : null,
    h('div', { class: 'copy-row' },
      input,
      h('button', { type: 'button', class: 'button', 'aria-label': `Copy ${inSentence(label)}`, onclick: copy }, 'Copy')),
    status);
}

/** `App password` as in "Copy app password"; an acronym (`API key`) stays as it is. */
function inSentence(label) {
  return /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * Selects all of `input` (focused, so Ctrl+C or a long press takes exactly it) and copies
 * it the old way; answers whether that copied.
 */
export function selectAndCopy(input) {
  input.focus();
  input.select();
  input.setSelectionRange(0, input.value.length);
  try {
    // Deprecated but the only way without the clipboard API; answers false when refused.
    return document.execCommand('copy');
  } catch {
    return false;
  }
}
