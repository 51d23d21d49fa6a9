// Small settings kept in the browser between visits. Never tokens: the session lives in
// HttpOnly cookies the page cannot read, and only a hint of it (when it expires) is here.

const PREFIX = 'myspotify.';

/** Reads and writes JSON values in localStorage; a browser that refuses storage just forgets. */
export class Preferences {
  constructor(storage = globalThis.localStorage) {
    this.storage = storage;
  }

  get(key, fallback = null) {
    try {
      const raw = this.storage?.getItem(PREFIX + key);
      return raw === null || raw === undefined ? fallback : JSON.parse(raw);
    } catch {
      return fallback;
    }
  }

  set(key, value) {
    try {
      if (value === null || value === undefined) this.storage?.removeItem(PREFIX + key);
      else this.storage?.setItem(PREFIX + key, JSON.stringify(value));
    } catch {
      // Private mode or a full quota: the setting lasts for this visit only.
    }
  }
}
