// Whether the server can be reached. The API client reports every answer and every failed
// request; while unreachable, /healthz is probed so the app notices when it is back.

const PROBE_INTERVAL_MS = 10_000;

/** Events: `change` (detail: {online}). */
export class Connectivity extends EventTarget {
  /** @param {import('./api-client.js').ApiClient} client */
  constructor(client) {
    super();
    this.client = client;
    this.online = true;
    this.timer = null;
    client.addEventListener('reachable', () => this.#set(true));
    client.addEventListener('unreachable', () => this.#set(false));
    globalThis.addEventListener?.('online', () => this.probe());
    globalThis.addEventListener?.('offline', () => this.#set(false));
  }

  /** Asks the server once whether it is there. */
  async probe() {
    try {
      await this.client.request('GET', '/healthz', { refreshOn401: false });
    } catch {
      // The client has already reported the failure.
    }
    return this.online;
  }

  #set(online) {
    if (online === this.online) return;
    this.online = online;
    clearInterval(this.timer);
    if (!online) this.timer = setInterval(() => this.probe(), PROBE_INTERVAL_MS);
    this.dispatchEvent(new CustomEvent('change', { detail: { online } }));
  }
}

/**
 * Whether a MySpotify server answers at `baseURL` (the settings page checks an address
 * before switching to it). Resolves, or rejects with the reason.
 */
export async function checkServer(baseURL) {
  const { ApiClient } = await import('./api-client.js');
  const probe = new ApiClient({ baseURL });
  const answer = await probe.request('GET', '/healthz', { refreshOn401: false });
  if (answer?.status !== 'ok') throw new Error(`${probe.base} answered, but not like a MySpotify server.`);
}
