// Settings, "Password": change your own password (the current one first). Every other
// session of the account ends; this one stays. An account that signs in with Google only
// has no password to change: an administrator can set one.

import { ApiError } from '../../services/api-client.js';
import { h } from '../dom.js';
import { section } from './view-kit.js';

export function passwordSection(app) {
  const { auth } = app.services;
  const user = auth.user;
  if (user && user.has_password === false) {
    return section('Password',
      h('p', { class: 'field-hint', id: 'password-none' }, 'This account signs in with Google and has no password. An administrator can set one if you want to sign in with your email too.'));
  }
  const field = (id, label, autocomplete, hint = null) => {
    const input = h('input', { type: 'password', id, class: 'text-input', required: true, autocomplete, 'aria-describedby': hint ? `${id}-hint` : null });
    return [input, h('div', { class: 'field' },
      h('label', { for: id, class: 'field-label' }, label),
      input,
      hint ? h('p', { class: 'field-hint', id: `${id}-hint` }, hint) : null)];
  };
  const [current, currentField] = field('current-password', 'Current password', 'current-password');
  const [next, nextField] = field('new-password', 'New password', 'new-password', 'At least 8 characters, at most 72; not your email address.');
  const [again, againField] = field('new-password-again', 'New password again', 'new-password');
  const status = h('p', { class: 'form-status', role: 'status', id: 'password-status' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', id: 'change-password' }, 'Change password');
  const form = h('form', { class: 'settings-form', 'aria-label': 'Change your password' },
    currentField, nextField, againField, h('div', { class: 'toolbar' }, submit), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (next.value !== again.value) {
      status.textContent = 'The two new passwords are not the same. Type the new one twice.';
      again.focus();
      return;
    }
    submit.disabled = true;
    status.textContent = 'Changing…';
    try {
      await auth.changePassword(current.value, next.value);
      form.reset();
      status.textContent = 'Your password is changed. You are signed out on your other devices.';
    } catch (error) {
      status.textContent = error instanceof ApiError && error.code === 'wrong_password'
        ? 'That is not your current password.'
        : `Not changed: ${error.message}`;
      (error instanceof ApiError && error.code === 'wrong_password' ? current : next).focus();
    } finally {
      submit.disabled = false;
    }
  });
  return section('Password', form);
}
