// The one place the web app talks HTTP. Every service goes through an ApiClient; UI code
// never calls fetch itself, so the server address, credentials and token refresh are
// decided here once.

/** An answer from the server that is not a success: status, machine code, human message. */
export class ApiError extends Error {
  constructor(status, code, message, retryAfterSeconds = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The server could not be reached at all (stopped, no network, wrong address). */
export class NetworkError extends Error {
  constructor(url, cause) {
    super(`The server at ${new URL(url).origin} cannot be reached.`);
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

/**
 * JSON over HTTP to one base URL.
 *
 * Events: `reachable` and `unreachable` (the server answered / could not be reached), which
 * the connectivity monitor listens to.
 */
export class ApiClient extends EventTarget {
  /**
   * @param {object} options
   * @param {string} options.baseURL where the API lives; '' or the page's origin means same-origin.
   * @param {typeof fetch} [options.fetch]
   */
  constructor({ baseURL = '', fetch: fetchImpl = globalThis.fetch.bind(globalThis) } = {}) {
    super();
    this.fetchImpl = fetchImpl;
    this.setBaseURL(baseURL);
    /** Set by the auth service: refreshes the session, resolves true when a retry can work. */
    this.refreshSession = null;
  }

  setBaseURL(baseURL) {
    const origin = globalThis.location?.origin ?? 'http://localhost';
    const trimmed = (baseURL || '').trim().replace(/\/+$/, '');
    this.base = trimmed ? new URL(trimmed, origin).href.replace(/\/+$/, '') : origin;
  }

  /** Whether the API is on another origin than the page (then cookies need `include`). */
  get crossOrigin() {
    return new URL(this.base).origin !== globalThis.location?.origin;
  }

  /** An absolute URL for a server path such as `/stream/ID`, with optional query values. */
  url(path, query = null) {
    const url = new URL(this.base + path);
    if (query) {
      // encodeURIComponent, not URLSearchParams: URLSearchParams writes a space as "+",
      // which the server reads as a plus sign; "%20" means a space to every reader.
      const pairs = Object.entries(query)
        .filter(([, value]) => value !== undefined && value !== null && value !== '')
        .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
      if (pairs.length) url.search = pairs.join('&');
    }
    return url.href;
  }

  /**
   * Sends one request and answers the decoded JSON (or null for an empty body).
   * @param {string} method
   * @param {string} path
   * @param {object} [options]
   * @param {object} [options.query] query values, empty ones left out
   * @param {any} [options.json] a JSON body
   * @param {object} [options.form] a form body (application/x-www-form-urlencoded)
   * @param {boolean} [options.refreshOn401=true] on a 401, refresh the session once and retry
   * @param {boolean} [options.keepalive=false] let the request outlive the page (a save as it closes)
   */
  async request(method, path, { query = null, json, form, refreshOn401 = true, keepalive = false } = {}) {
    const url = this.url(path, query);
    const send = () => {
      const init = {
        method,
        headers: { Accept: 'application/json' },
        credentials: this.crossOrigin ? 'include' : 'same-origin',
      };
      if (keepalive) init.keepalive = true;
      if (json !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(json);
      } else if (form !== undefined) {
        init.body = new URLSearchParams(form);
      }
      return this.fetchImpl(url, init);
    };

    let response = await this.#send(url, send);
    if (response.status === 401 && refreshOn401 && this.refreshSession) {
      // The access cookie lasts minutes; one refresh and one retry, never a loop.
      if (await this.refreshSession()) response = await this.#send(url, send);
    }
    if (!response.ok) throw await errorFrom(response);
    if (response.status === 204) return null;
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  /**
   * Sends a GET whose answer is JSON lines (NDJSON, `Accept: application/x-ndjson`) and
   * yields each line's value as soon as it has arrived, so a page can show the first part of
   * an answer while the server is still making the rest. Errors as `request` (an error
   * answer comes before any line); aborting `signal` stops the request, and so the server's
   * work on it. A line longer than `maxLineLength` characters stops the read with an error.
   * @param {string} path
   * @param {object} [options]
   * @param {object} [options.query]
   * @param {AbortSignal} [options.signal]
   * @param {number} [options.maxLineLength]
   */
  async *lines(path, { query = null, signal = undefined, maxLineLength = 8 * 1024 * 1024 } = {}) {
    const url = this.url(path, query);
    const send = () => this.fetchImpl(url, {
      method: 'GET',
      headers: { Accept: 'application/x-ndjson' },
      credentials: this.crossOrigin ? 'include' : 'same-origin',
      signal,
    });
    let response = await this.#send(url, send);
    if (response.status === 401 && this.refreshSession) {
      if (await this.refreshSession()) response = await this.#send(url, send);
    }
    if (!response.ok) throw await errorFrom(response);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let pending = '';
    try {
      for (;;) {
        let chunk;
        try {
          chunk = await reader.read();
        } catch (error) {
          if (error?.name === 'AbortError') throw error;
          // The answer was cut (the server stopped, the network went): what came stays valid.
          this.dispatchEvent(new Event('unreachable'));
          throw new NetworkError(url, error);
        }
        if (chunk.done) break;
        pending += chunk.value;
        let end;
        while ((end = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, end).trim();
          pending = pending.slice(end + 1);
          if (line) yield JSON.parse(line);
        }
        if (pending.length > maxLineLength) throw new Error(`The server sent a line longer than ${maxLineLength} characters.`);
      }
      if (pending.trim()) yield JSON.parse(pending);
    } finally {
      // Stopping early (the page moved on) closes the connection: the server stops searching.
      reader.cancel().catch(() => {});
    }
  }

  async #send(url, send) {
    try {
      const response = await send();
      this.dispatchEvent(new Event('reachable'));
      return response;
    } catch (error) {
      // An aborted request was stopped on purpose: the server may be fine.
      if (error?.name === 'AbortError') throw error;
      // fetch rejects only when no HTTP answer came back at all.
      this.dispatchEvent(new Event('unreachable'));
      throw new NetworkError(url, error);
    }
  }

  get(path, query) { return this.request('GET', path, { query }); }
  post(path, json, options = {}) { return this.request('POST', path, { json, ...options }); }
  put(path, json) { return this.request('PUT', path, { json }); }
  patch(path, json) { return this.request('PATCH', path, { json }); }
  delete(path) { return this.request('DELETE', path); }
}

/** Reads either error shape the server uses: ours, or OAuth2's on /auth/token. */
async function errorFrom(response) {
  let code = 'http_' + response.status;
  let message = `The server answered ${response.status} ${response.statusText}`.trim();
  try {
    const body = await response.json();
    if (body && typeof body.error === 'object' && body.error) {
      code = body.error.code || code;
      message = body.error.message || message;
    } else if (body && typeof body.error === 'string') {
      code = body.error;
      message = body.error_description || message;
    }
  } catch {
    // Not JSON (a proxy's error page, say): keep the status line.
  }
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return new ApiError(response.status, code, message, Number.isFinite(retryAfter) ? retryAfter : null);
}
