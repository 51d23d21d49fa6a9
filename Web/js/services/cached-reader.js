// Reads that survive a lost server: every successful GET through here is saved in the
// offline store, and when the server cannot be reached the saved answer is returned.

import { NetworkError } from './api-client.js';

/** Thrown when the server is unreachable and this page was never seen while online. */
export class NotSavedOfflineError extends Error {
  constructor() {
    super('You are offline, and this page was not opened while online, so there is nothing saved to show.');
    this.name = 'NotSavedOfflineError';
  }
}

export class CachedReader {
  /**
   * @param {import('./api-client.js').ApiClient} client
   * @param {import('./offline-store.js').OfflineStore} store
   */
  constructor(client, store) {
    this.client = client;
    this.store = store;
  }

  /** GET `path` with `query`; the answer is the server's, or the saved one when offline. */
  async get(path, query = null) {
    const key = this.client.url(path, query).slice(this.client.base.length);
    try {
      const data = await this.client.get(path, query);
      // Saving is best effort and must not delay the page.
      this.store.put(key, data).catch(() => {});
      return data;
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      const saved = await this.store.get(key);
      if (!saved) throw new NotSavedOfflineError();
      return saved.data;
    }
  }
}
