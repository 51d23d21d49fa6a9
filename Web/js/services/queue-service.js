// The play queue kept on the server for the signed-in person, shared with their other
// devices and apps (Subsonic's savePlayQueue and getPlayQueue read and write the same one).

/** How this app names itself to the person's other devices ("changed by"). */
export const CLIENT_NAME = 'MySpotify web';

export class QueueService {
  /** @param {import('./api-client.js').ApiClient} client */
  constructor(client) {
    this.client = client;
  }

  /** `{tracks: [Track], current_index?, position_ms, changed_at?, changed_by?}`. */
  get() {
    return this.client.get('/api/me/queue');
  }

  /**
   * Replaces the saved queue; an empty `trackIds` clears it.
   * @param {{trackIds: string[], index: number, positionMs: number}} state
   * @param {{keepalive?: boolean}} [options] keepalive: the page is closing
   */
  save({ trackIds, index, positionMs }, { keepalive = false } = {}) {
    const json = { track_ids: trackIds, position_ms: positionMs, client: CLIENT_NAME };
    if (trackIds.length) json.current_index = index;
    return this.client.request('PUT', '/api/me/queue', { json, keepalive });
  }
}
