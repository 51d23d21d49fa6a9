// Sign in and sign up: email and password, and "Sign in with Google" when the server has
// it configured. The server address can be changed here too, before signing in.

import { ApiError, NetworkError } from '../../services/api-client.js';
import { h } from '../dom.js';
import { icon } from '../icons.js';

/** Builds the sign-in screen; `onSignedIn(user)` runs once a sign-in or sign-up worked. */
export function signInView(app, { onSignedIn, notice = null }) {
  const { auth } = app.services;
  let mode = 'signin';

  const email = h('input', { type: 'email', id: 'auth-email', class: 'text-input', required: true, autocomplete: 'username', inputmode: 'email' });
  const password = h('input', { type: 'password', id: 'auth-password', class: 'text-input', required: true, minlength: '8', autocomplete: 'current-password' });
  const passwordHint = h('p', { class: 'field-hint', id: 'password-hint', hidden: true }, '8 to 72 characters, not your email address.');
  password.setAttribute('aria-describedby', 'password-hint');
  const error = h('p', { class: 'form-error', role: 'alert', id: 'auth-error' });
  const submit = h('button', { type: 'submit', class: 'button button-primary button-wide', id: 'auth-submit' }, 'Sign in');
  const signInTab = h('button', { type: 'button', role: 'tab', class: 'tab', id: 'tab-signin', 'aria-selected': 'true' }, 'Sign in');
  const signUpTab = h('button', { type: 'button', role: 'tab', class: 'tab', id: 'tab-signup', 'aria-selected': 'false' }, 'Create account');
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Sign in or create an account' }, signInTab, signUpTab);
  const google = h('div', { class: 'google-area', hidden: true },
    h('p', { class: 'divider' }, h('span', {}, 'or')),
    h('a', { class: 'button button-wide google-button', id: 'google-sign-in', dataset: { external: '' }, href: '#' }, icon('globe'), 'Sign in with Google'));
  const registrationNote = h('p', { class: 'field-hint', hidden: true }, 'New accounts are created by the administrator on this server.');
  const firstRunNote = h('div', { class: 'auth-notice first-run', id: 'first-run', role: 'status', hidden: true },
    h('p', {}, h('strong', {}, 'Welcome: this server has no account yet.')),
    h('p', {}, 'The first account you create becomes its administrator: it can add the family’s accounts, scan the library and manage the sources.'));

  const setMode = (next) => {
    mode = next;
    signInTab.setAttribute('aria-selected', String(mode === 'signin'));
    signUpTab.setAttribute('aria-selected', String(mode === 'signup'));
    submit.textContent = mode === 'signin' ? 'Sign in' : 'Create account';
    password.autocomplete = mode === 'signin' ? 'current-password' : 'new-password';
    passwordHint.hidden = mode === 'signin';
    error.textContent = '';
  };
  signInTab.addEventListener('click', () => setMode('signin'));
  signUpTab.addEventListener('click', () => setMode('signup'));

  const form = h('form', { class: 'auth-form', id: 'auth-form', 'aria-labelledby': 'auth-title', novalidate: false },
    h('label', { for: 'auth-email', class: 'field-label' }, 'Email'), email,
    h('label', { for: 'auth-password', class: 'field-label' }, 'Password'), password, passwordHint,
    error, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      const user = mode === 'signin'
        ? await auth.signIn(email.value.trim(), password.value)
        : await auth.signUp(email.value.trim(), password.value);
      onSignedIn(user);
    } catch (failure) {
      error.textContent = explain(failure, mode);
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });

  const serverArea = serverAddress(app);
  const screen = h('main', { class: 'auth-screen', id: 'auth-screen' },
    h('div', { class: 'auth-card' },
      h('div', { class: 'auth-brand' }, h('img', { src: '/icons/icon.svg', alt: '', class: 'auth-logo' }), h('span', {}, 'MySpotify')),
      h('h1', { id: 'auth-title', class: 'auth-title', tabindex: '-1' }, 'Your music, at home'),
      notice ? h('p', { class: 'auth-notice', role: 'status' }, notice) : null,
      firstRunNote, tabs, form, registrationNote, google, serverArea));

  auth.config().then((config) => {
    const closed = config.registration === 'closed';
    signUpTab.hidden = closed;
    registrationNote.hidden = !closed;
    if (config.first_account && !closed) {
      // A brand-new server: nobody can sign in yet, so offer the sign-up form at once.
      firstRunNote.hidden = false;
      setMode('signup');
      submit.textContent = 'Create the administrator account';
    }
    if (config.google) {
      // Come back to where the person was; `signed_in` tells the app to look for the cookie.
      const back = new URL(location.href);
      back.searchParams.set('signed_in', 'google');
      google.querySelector('a').href = auth.googleStartURL(back.pathname + back.search);
      google.hidden = false;
    }
  }).catch((failure) => {
    error.textContent = failure instanceof NetworkError
      ? `${failure.message} Check the server address below.`
      : `Could not read the sign-in options: ${failure.message}`;
  });
  setTimeout(() => email.focus(), 0);
  return screen;

  function explain(failure, currentMode) {
    if (failure instanceof NetworkError) return `${failure.message} Check the server address below.`;
    if (!(failure instanceof ApiError)) return failure.message;
    if (failure.status === 429) {
      const minutes = failure.retryAfterSeconds ? Math.ceil(failure.retryAfterSeconds / 60) : null;
      return `Too many attempts. Try again ${minutes ? `in ${minutes} minute${minutes === 1 ? '' : 's'}` : 'later'}.`;
    }
    if (currentMode === 'signin' && (failure.status === 400 || failure.status === 401)) {
      return failure.code === 'invalid_grant' || failure.status === 401
        ? 'Wrong email or password.'
        : failure.message;
    }
    if (failure.status === 409) return 'An account with this email already exists. Sign in instead.';
    if (failure.code === 'registration_closed') return 'Registration is closed on this server: ask its administrator for an account.';
    return failure.message;
  }
}

/** "Server: host — Change": the base URL, for phones reaching the server another way. */
function serverAddress(app) {
  const { client, preferences } = app.services;
  const shown = h('span', { class: 'server-current' }, new URL(client.base).host);
  const input = h('input', { type: 'url', id: 'auth-server', class: 'text-input', placeholder: location.origin, value: preferences.get('baseURL', '') });
  const editor = h('form', { class: 'server-editor', hidden: true },
    h('label', { for: 'auth-server', class: 'field-label' }, 'Server address'),
    input,
    h('p', { class: 'field-hint' }, 'Leave empty to use this page’s own server.'),
    h('button', { type: 'submit', class: 'button' }, 'Use this server'));
  editor.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = input.value.trim();
    preferences.set('baseURL', value || null);
    client.setBaseURL(value);
    location.reload();
  });
  const toggle = h('button', { type: 'button', class: 'link-button', 'aria-expanded': 'false' }, 'Change');
  toggle.addEventListener('click', () => {
    editor.hidden = !editor.hidden;
    toggle.setAttribute('aria-expanded', String(!editor.hidden));
    if (!editor.hidden) input.focus();
  });
  return h('div', { class: 'server-area' }, h('p', { class: 'server-line' }, 'Server: ', shown, ' ', toggle), editor);
}
