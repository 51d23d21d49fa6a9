// The playlists a person played lately on this device, for Home's "Recently played" (the
// server records plays of tracks, not which playlist they were played from). Kept per
// account in localStorage, the newest first, at most MAXIMUM.

const MAXIMUM = 12;

export class RecentPlaylists {
  /** @param {import('./preferences.js').Preferences} preferences */
  constructor(preferences) {
    this.preferences = preferences;
  }

  #key(userId) { return `recentPlaylists.${userId}`; }

  /** Playlist ids, the one played last first. */
  list(userId) {
    const saved = this.preferences.get(this.#key(userId), []);
    return Array.isArray(saved) ? saved.filter((id) => typeof id === 'string').slice(0, MAXIMUM) : [];
  }

  note(userId, playlistId) {
    if (!userId || !playlistId) return;
    const ids = [playlistId, ...this.list(userId).filter((id) => id !== playlistId)].slice(0, MAXIMUM);
    this.preferences.set(this.#key(userId), ids);
  }
}
