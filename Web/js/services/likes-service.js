// Liked songs. Knows which tracks the user likes (from each track's `liked` and from its own
// changes) so every heart on the page agrees; `change` events (detail: {id, liked}) tell them.

export class LikesService extends EventTarget {
  /**
   * @param {import('./api-client.js').ApiClient} client
   * @param {import('./cached-reader.js').CachedReader} reader
   */
  constructor(client, reader) {
    super();
    this.client = client;
    this.reader = reader;
    this.known = new Map();
  }

  /** Notes what the server said of these tracks' `liked`. */
  observe(tracks) {
    for (const track of tracks) {
      if (track && typeof track.liked === 'boolean') this.known.set(track.id, track.liked);
    }
    return tracks;
  }

  isLiked(track) {
    return this.known.get(track.id) ?? Boolean(track.liked);
  }

  async setLiked(track, liked) {
    const path = `/api/tracks/${encodeURIComponent(track.id)}/like`;
    if (liked) await this.client.put(path);
    else await this.client.delete(path);
    this.known.set(track.id, liked);
    this.dispatchEvent(new CustomEvent('change', { detail: { id: track.id, liked } }));
    return liked;
  }

  toggle(track) {
    return this.setLiked(track, !this.isLiked(track));
  }

  /** A page of liked tracks, last liked first. */
  async page({ limit = 50, offset = 0 } = {}) {
    const page = await this.reader.get('/api/likes', { limit, offset });
    for (const track of page.items) this.known.set(track.id, true);
    return page;
  }

  forget() {
    this.known.clear();
  }
}
