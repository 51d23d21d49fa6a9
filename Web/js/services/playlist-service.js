// The signed-in user's playlists. Every change answers the whole playlist, which is passed
// on in a `change` event (detail: the playlist, or {id, deleted: true}) so lists and pages
// showing it can update.

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
    return this.reader.get(`/api/playlists/${encodeURIComponent(id)}`);
  }

  /** Reads the playlist from the server only (offline progress must never be a saved copy). */
  fresh(id) {
    return this.client.get(`/api/playlists/${encodeURIComponent(id)}`);
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

  async #changed(request) {
    const playlist = await request;
    this.dispatchEvent(new CustomEvent('change', { detail: playlist }));
    return playlist;
  }
}
