// Modal dialogs on the native <dialog> element: focus is trapped inside and Escape closes,
// with no code of ours.

import { h } from '../dom.js';
import { icon } from '../icons.js';

/**
 * Opens a modal dialog holding `content`, titled `title`; answers the dialog element. It is
 * removed from the page once closed. `className` styles it (e.g. as a bottom sheet).
 */
export function openDialog(title, content, { className = '', onClose = null } = {}) {
  const heading = h('h2', { class: 'dialog-title' }, title);
  const closeButton = h('button', { type: 'button', class: 'icon-button dialog-close', 'aria-label': 'Close' }, icon('close'));
  const dialog = h('dialog', { class: ['dialog', className] },
    h('div', { class: 'dialog-header' }, heading, closeButton),
    h('div', { class: 'dialog-body' }, content));
  const id = `dialog-${Math.random().toString(36).slice(2, 8)}`;
  heading.id = id;
  dialog.setAttribute('aria-labelledby', id);
  closeButton.addEventListener('click', () => dialog.close());
  // A click on the backdrop (the dialog itself, outside its box) closes it.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    onClose?.(dialog.returnValue);
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/** Asks a yes/no question; resolves true when confirmed. */
export function confirmAction(title, message, confirmLabel = 'OK', { danger = false } = {}) {
  return new Promise((resolve) => {
    let answer = false;
    const confirmButton = h('button', { type: 'submit', class: ['button', danger ? 'button-danger' : 'button-primary'] }, confirmLabel);
    const form = h('form', { method: 'dialog', class: 'dialog-form' },
      h('p', {}, message),
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'button', onclick: () => dialog.close() }, 'Cancel'),
        confirmButton));
    form.addEventListener('submit', () => { answer = true; });
    const dialog = openDialog(title, form, { onClose: () => resolve(answer) });
    confirmButton.focus();
  });
}

/** Asks for one line of text (a playlist name); resolves the trimmed text, or null. */
export function promptText(title, label, { value = '', submitLabel = 'Save', maxLength = 200 } = {}) {
  return new Promise((resolve) => {
    let answer = null;
    const input = h('input', { type: 'text', class: 'text-input', required: true, maxlength: String(maxLength), value });
    const id = `prompt-${Math.random().toString(36).slice(2, 8)}`;
    input.id = id;
    const form = h('form', { method: 'dialog', class: 'dialog-form' },
      h('label', { for: id, class: 'field-label' }, label),
      input,
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'button', onclick: () => dialog.close() }, 'Cancel'),
        h('button', { type: 'submit', class: 'button button-primary' }, submitLabel)));
    form.addEventListener('submit', (event) => {
      const text = input.value.trim();
      if (!text) {
        event.preventDefault();
        input.focus();
        return;
      }
      answer = text;
    });
    const dialog = openDialog(title, form, { onClose: () => resolve(answer) });
    input.focus();
    input.select();
  });
}

/** Asks for a new password (an admin setting someone's); resolves it, or null. */
export function promptPassword(title, note, { submitLabel = 'Set password' } = {}) {
  return new Promise((resolve) => {
    let answer = null;
    const id = `password-${Math.random().toString(36).slice(2, 8)}`;
    const input = h('input', {
      type: 'password', class: 'text-input', required: true, minlength: '8', autocomplete: 'new-password', id,
      'aria-describedby': `${id}-hint`,
    });
    const form = h('form', { method: 'dialog', class: 'dialog-form' },
      note ? h('p', {}, note) : null,
      h('label', { for: id, class: 'field-label' }, 'New password'),
      input,
      h('p', { class: 'field-hint', id: `${id}-hint` }, 'At least 8 characters, at most 72.'),
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'button', onclick: () => dialog.close() }, 'Cancel'),
        h('button', { type: 'submit', class: 'button button-primary' }, submitLabel)));
    form.addEventListener('submit', (event) => {
      if (!input.value) {
        event.preventDefault();
        input.focus();
        return;
      }
      answer = input.value;
    });
    const dialog = openDialog(title, form, { onClose: () => resolve(answer) });
    input.focus();
  });
}

/**
 * Asks which of `choices` ({label, value, primary?}) to take; resolves its value, or null
 * when cancelled.
 */
export function chooseAction(title, message, choices) {
  return new Promise((resolve) => {
    let answer = null;
    const buttons = choices.map((choice) => h('button', {
      type: 'button',
      class: ['button', choice.primary && 'button-primary'],
      onclick: () => { answer = choice.value; dialog.close(); },
    }, choice.label));
    const form = h('div', { class: 'dialog-form' },
      h('p', {}, message),
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'button', onclick: () => dialog.close() }, 'Cancel'),
        buttons));
    const dialog = openDialog(title, form, { onClose: () => resolve(answer) });
    (buttons.find((_, index) => choices[index].primary) ?? buttons[0])?.focus();
  });
}
