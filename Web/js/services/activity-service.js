// What the user played: history, plays reported by the player, and Discovery.

export class ActivityService {
  /**
   * @param {import('./api-client.js').ApiClient} client
   * @param {import('./cached-reader.js').CachedReader} reader
   */
  constructor(client, reader) {
    this.client = client;
    this.reader = reader;
  }

  /** A page of `{track, played_at}`, newest first; `from`/`to` are Dates bounding the period. */
  history({ from = null, to = null, limit = 50, offset = 0 } = {}) {
    return this.reader.get('/api/history', {
      from: from ? from.toISOString() : null,
      to: to ? to.toISOString() : null,
      limit,
      offset,
    });
  }

  /** Counts one play (the player calls it after 30 s or half the track). */
  reportPlayed(trackId) {
    return this.client.post(`/api/tracks/${encodeURIComponent(trackId)}/played`);
  }

  /** `{most_played_week: [{track, plays}], recently_added: [Track], recently_cached: [Track]}`. */
  discover() {
    return this.reader.get('/api/discover');
  }
}
