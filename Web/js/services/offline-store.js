// The last answers seen for library pages, playlists and likes, kept in IndexedDB so they
// can be browsed when the server cannot be reached (the specification's "browse when
// disconnected"). One object store of {key: request path, owner, data, savedAt}.

const DATABASE = 'myspotify';
const VERSION = 1;
const RESPONSES = 'responses';

/** A key-value store of JSON answers, scoped to one account. */
export class OfflineStore {
  constructor(indexedDB = globalThis.indexedDB) {
    this.indexedDB = indexedDB;
    this.opening = null;
    this.owner = null;
  }

  /** Answers saved from now on belong to this user; another user's are removed. */
  async useAccount(userId) {
    this.owner = userId;
    const db = await this.#open();
    if (!db) return;
    await this.#transaction(db, 'readwrite', (store) => {
      const cursor = store.openCursor();
      cursor.onsuccess = () => {
        const current = cursor.result;
        if (!current) return;
        if (current.value.owner !== userId) current.delete();
        current.continue();
      };
    });
  }

  async put(key, data) {
    const db = await this.#open();
    if (!db || !this.owner) return;
    await this.#transaction(db, 'readwrite', (store) => {
      store.put({ key, owner: this.owner, data, savedAt: Date.now() });
    });
  }

  /** The saved answer for `key` with when it was saved, or null. */
  async get(key) {
    const db = await this.#open();
    if (!db) return null;
    let found = null;
    await this.#transaction(db, 'readonly', (store) => {
      const request = store.get(key);
      request.onsuccess = () => { found = request.result ?? null; };
    });
    if (!found || (this.owner && found.owner !== this.owner)) return null;
    return { data: found.data, savedAt: found.savedAt };
  }

  /** Forgets everything (at sign-out: the next person on this browser sees nothing). */
  async clear() {
    const db = await this.#open();
    if (!db) return;
    await this.#transaction(db, 'readwrite', (store) => store.clear());
  }

  #open() {
    if (!this.indexedDB) return Promise.resolve(null);
    if (!this.opening) {
      this.opening = new Promise((resolve) => {
        const request = this.indexedDB.open(DATABASE, VERSION);
        request.onupgradeneeded = () => {
          request.result.createObjectStore(RESPONSES, { keyPath: 'key' });
        };
        request.onsuccess = () => resolve(request.result);
        // Private browsing can refuse IndexedDB: the app works, only without offline pages.
        request.onerror = () => resolve(null);
        request.onblocked = () => resolve(null);
      });
    }
    return this.opening;
  }

  #transaction(db, mode, work) {
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(RESPONSES, mode);
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
      work(transaction.objectStore(RESPONSES));
    });
  }
}
