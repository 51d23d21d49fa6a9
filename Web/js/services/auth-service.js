// Signing in and keeping the session alive.
//
// The server keeps the session in two HttpOnly cookies (myspotify_access for 15 minutes,
// myspotify_refresh on /auth). The page never sees or stores a token: it asks
// POST /auth/token with grant_type=refresh_token (the browser sends the refresh cookie)
// shortly before the access cookie runs out, so `<audio src=/stream/ID>` keeps working,
// and once more whenever a request answers 401.

import { ApiError, NetworkError } from './api-client.js';

/** Refresh this long before the access cookie expires. */
const REFRESH_MARGIN_SECONDS = 60;
/** Never schedule refreshes closer together than this. */
const MINIMUM_DELAY_SECONDS = 10;

/**
 * Events: `signedin` (detail: user), `signedout` (detail: {reason}), `userchange` (detail: user).
 */
export class AuthService extends EventTarget {
  /**
   * @param {import('./api-client.js').ApiClient} client
   * @param {import('./preferences.js').Preferences} preferences keeps the session hint
   */
  constructor(client, preferences) {
    super();
    this.client = client;
    this.preferences = preferences;
    this.user = null;
    this.refreshing = null;
    this.timer = null;
    client.refreshSession = () => this.refresh().then(() => true, () => false);
    globalThis.document?.addEventListener('visibilitychange', () => {
      // Timers sleep in background tabs and on locked phones: catch up on return.
      if (document.visibilityState === 'visible' && this.user) this.ensureFresh().catch(() => {});
    });
  }

  get isAdmin() { return this.user?.role === 'admin'; }

  /** `{registration: "open"|"closed", google: bool}`. */
  config() {
    return this.client.request('GET', '/auth/config', { refreshOn401: false });
  }

  async signIn(email, password) {
    const answer = await this.client.request('POST', '/auth/token', {
      form: { grant_type: 'password', username: email, password },
      refreshOn401: false,
    });
    return this.#accept(answer, 'signedin');
  }

  async signUp(email, password) {
    const answer = await this.client.request('POST', '/auth/register', {
      json: { email, password },
      refreshOn401: false,
    });
    return this.#accept(answer, 'signedin');
  }

  /** Where the browser goes to sign in with Google; the server comes back to `returnPath`. */
  googleStartURL(returnPath) {
    return this.client.url('/auth/google/start', { redirect: returnPath });
  }

  /**
   * Finds the session a previous visit left, if any: answers the user, or null when signed
   * out. Throws NetworkError when the server cannot be reached (the caller goes offline).
   * @param {boolean} assumeSession try even without the hint (after the Google redirect).
   */
  async restore(assumeSession = false) {
    const hint = this.preferences.get('session');
    if (!hint && !assumeSession) return null;
    try {
      if (hint && hint.expiresAt - Date.now() < REFRESH_MARGIN_SECONDS * 1000) await this.refresh();
      const user = await this.client.get('/api/me');
      this.user = user;
      this.#rememberUser(user);
      this.#schedule();
      return user;
    } catch (error) {
      if (error instanceof NetworkError) throw error;
      if (error instanceof ApiError && (error.status === 401 || error.status === 400)) {
        this.#forget();
        return null;
      }
      throw error;
    }
  }

  /**
   * Swaps the refresh cookie for a new pair. Concurrent callers share one request; across
   * tabs, a Web Lock keeps two refreshes from presenting the same (rotated) token, which the
   * server would take as theft and answer by revoking the session.
   */
  refresh() {
    if (!this.refreshing) {
      this.refreshing = this.#refreshOnce().finally(() => { this.refreshing = null; });
    }
    return this.refreshing;
  }

  async #refreshOnce() {
    const requestedAt = Date.now();
    const exchange = async () => {
      // Another tab refreshed while this one waited for the lock: its cookies are ours too.
      const hint = this.preferences.get('session');
      if (hint && hint.refreshedAt > requestedAt && hint.expiresAt > Date.now()) {
        this.#schedule();
        return hint;
      }
      try {
        const answer = await this.client.request('POST', '/auth/token', {
          form: { grant_type: 'refresh_token' },
          refreshOn401: false,
        });
        return this.#accept(answer, null);
      } catch (error) {
        if (!(error instanceof NetworkError)) this.#signedOut('expired');
        throw error;
      }
    };
    if (globalThis.navigator?.locks) return navigator.locks.request('myspotify-refresh', exchange);
    return exchange();
  }

  /** Refreshes now if the access cookie is about to run out (before starting a stream, say). */
  async ensureFresh() {
    const hint = this.preferences.get('session');
    if (hint && hint.expiresAt - Date.now() < REFRESH_MARGIN_SECONDS * 1000) await this.refresh();
  }

  async signOut() {
    try {
      await this.client.request('POST', '/auth/logout', { refreshOn401: false });
    } catch (error) {
      // Signed out locally either way; an unreachable server cannot keep the page signed in.
      if (!(error instanceof NetworkError) && !(error instanceof ApiError)) throw error;
    }
    this.#signedOut('signout');
  }

  /**
   * Changes the signed-in person's password (`wrong_password` when `current` is not it).
   * The server ends every other session of the account; this one stays.
   */
  changePassword(current, next) {
    return this.client.post('/api/me/password', { current_password: current, new_password: next });
  }

  /** Reloads the user (after an admin changed roles, say). */
  async reloadUser() {
    const user = await this.client.get('/api/me');
    this.user = user;
    this.#rememberUser(user);
    this.dispatchEvent(new CustomEvent('userchange', { detail: user }));
    return user;
  }

  #accept(answer, eventName) {
    const now = Date.now();
    this.preferences.set('session', {
      userId: answer.user?.id ?? this.user?.id,
      expiresAt: now + Number(answer.expires_in || 900) * 1000,
      refreshedAt: now,
    });
    if (answer.user) {
      this.user = answer.user;
      this.#rememberUser(answer.user);
    }
    this.#schedule();
    if (eventName) this.dispatchEvent(new CustomEvent(eventName, { detail: this.user }));
    return this.user;
  }

  /** The last user seen, so the app can open offline with that account's saved data. */
  #rememberUser(user) {
    this.preferences.set('lastUser', user);
  }

  lastUser() {
    return this.preferences.get('lastUser');
  }

  #schedule() {
    clearTimeout(this.timer);
    const hint = this.preferences.get('session');
    if (!hint) return;
    const delay = Math.max(MINIMUM_DELAY_SECONDS * 1000, hint.expiresAt - Date.now() - REFRESH_MARGIN_SECONDS * 1000);
    this.timer = setTimeout(() => {
      this.refresh().catch(() => {
        // A network failure retries on the next request or when the tab is shown again;
        // a refused refresh has already signed out.
      });
    }, delay);
  }

  #forget() {
    clearTimeout(this.timer);
    this.preferences.set('session', null);
    this.user = null;
  }

  #signedOut(reason) {
    const wasSignedIn = this.user !== null || this.preferences.get('session') !== null;
    this.#forget();
    if (wasSignedIn) this.dispatchEvent(new CustomEvent('signedout', { detail: { reason } }));
  }
}
