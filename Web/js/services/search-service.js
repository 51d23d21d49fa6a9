// The unified search across every source (library, YouTube, SoundCloud...).

export class SearchService {
  /** @param {import('./api-client.js').ApiClient} client */
  constructor(client) {
    this.client = client;
  }

  /**
   * `{query, results: [Track], sources: [{id, status, count, message?}]}`. Sources whose
   * status is not "ok" timed out or failed; the results hold what the others found.
   */
  search(text, { limit = 30, offset = 0, sources = null } = {}) {
    return this.client.get('/api/search', {
      q: text,
      limit,
      offset,
      sources: sources ? sources.join(',') : null,
    });
  }

  /**
   * The same search, streamed: yields `{type: "start", query, sources: [{id, library}]}`,
   * then `{type: "part", source: {id, status, count, elapsed_ms, message?}, results: [Track]}`
   * for each source as it answers, then `{type: "complete", query, sources}`. Aborting
   * `signal` stops the search on the server too.
   */
  stream(text, { limit = 30, offset = 0, sources = null, signal = undefined } = {}) {
    return this.client.lines('/api/search', {
      query: { q: text, limit, offset, sources: sources ? sources.join(',') : null },
      signal,
    });
  }
}
