// The signed-in user's playlists. Every change answers the playlist, which is passed on in
// a `change` event (detail: the playlist, or {id, deleted: true}) so lists and pages showing
// it can update. The server answers a playlist's tracks in pages (at most 500 each, with
// `offset` and `track_count`); the views show whole playlists, so the pages are read here.

export class PlaylistService extends EventTarget {
  /**
   * @param {import('./api-client.js').ApiClient} client
   * @param {import('./cached-reader.js').CachedReader} reader
   */
  constructor(client, reader) {
    super();
    this.client = client;
    this.reader = reader;
  }

  /** `{items: [PlaylistSummary]}`, your own. */
  list() {
    return this.reader.get('/api/playlists');
  }

  /** Every public playlist, anyone's. */
  listPublic() {
    return this.client.get('/api/playlists', { public: 'true' });
  }

  get(id) {
    const path = `/api/playlists/${encodeURIComponent(id)}`;
    return this.#whole(path, (query) => this.reader.get(path, query));
  }

  /** Reads the playlist from the server only (offline progress must never be a saved copy). */
  fresh(id) {
    const path = `/api/playlists/${encodeURIComponent(id)}`;
    return this.#whole(path, (query) => this.client.get(path, query));
  }

  create(name, isPublic = false) {
    return this.#changed(this.client.post('/api/playlists', { name, is_public: isPublic }));
  }

  /** `change` holds any of name, is_public, is_offline. */
  update(id, change) {
    return this.#changed(this.client.patch(`/api/playlists/${encodeURIComponent(id)}`, change));
  }

  async remove(id) {
    await this.client.delete(`/api/playlists/${encodeURIComponent(id)}`);
    this.dispatchEvent(new CustomEvent('change', { detail: { id, deleted: true } }));
  }

  /** Adds tracks at `position` (the end when left out). */
  addTracks(id, trackIds, position = undefined) {
    const body = { track_ids: trackIds };
    if (position !== undefined) body.position = position;
    return this.#changed(this.client.post(`/api/playlists/${encodeURIComponent(id)}/tracks`, body));
  }

  removeTrack(id, position) {
    return this.#changed(this.client.delete(`/api/playlists/${encodeURIComponent(id)}/tracks/${position}`));
  }

  move(id, from, to) {
    return this.#changed(this.client.post(`/api/playlists/${encodeURIComponent(id)}/tracks/move`, { from, to }));
  }

  /** `{url}` that opens the web player on this playlist. */
  share(id) {
    return this.client.get(`/api/playlists/${encodeURIComponent(id)}/share`);
  }

  /** The playlist with all its tracks: the first page, then the rest page by page. */
  async #whole(path, read, first = null) {
    const playlist = first ?? await read(null);
    const tracks = [...playlist.tracks];
    while (tracks.length < playlist.track_count) {
      const page = await read({ offset: tracks.length, limit: 500 });
      if (!page.tracks.length) break;
      tracks.push(...page.tracks);
    }
    return { ...playlist, tracks, offset: 0, limit: tracks.length };
  }

  async #changed(request) {
    const answer = await request;
    const path = `/api/playlists/${encodeURIComponent(answer.id)}`;
    const playlist = await this.#whole(path, (query) => this.client.get(path, query), answer);
    this.dispatchEvent(new CustomEvent('change', { detail: playlist }));
    return playlist;
  }
}
