// The shared catalog: albums, artists, tracks, covers and stream addresses. Pages read here
// are saved for offline browsing.

export class LibraryService {
  /**
   * @param {import('./api-client.js').ApiClient} client
   * @param {import('./cached-reader.js').CachedReader} reader
   */
  constructor(client, reader) {
    this.client = client;
    this.reader = reader;
  }

  /** A page of albums; `sort` is name, year or recent. */
  albums({ sort = 'name', limit = 50, offset = 0 } = {}) {
    return this.reader.get('/api/albums', { sort, limit, offset });
  }

  /** `{album, tracks}`. */
  album(id) {
    return this.reader.get(`/api/albums/${encodeURIComponent(id)}`);
  }

  artists({ limit = 50, offset = 0 } = {}) {
    return this.reader.get('/api/artists', { limit, offset });
  }

  /** `{artist, albums}`. */
  artist(id) {
    return this.reader.get(`/api/artists/${encodeURIComponent(id)}`);
  }

  track(id) {
    return this.reader.get(`/api/tracks/${encodeURIComponent(id)}`);
  }

  /**
   * A page of the tracks on the server, album by album (albums in `sort` order: name, year
   * or recent), each album in disc and track order.
   */
  tracks({ sort = 'name', limit = 100, offset = 0 } = {}) {
    return this.reader.get('/api/tracks', { sort, limit, offset });
  }

  /** `{url}` that opens the web player on this track. */
  shareTrack(id) {
    return this.client.get(`/api/tracks/${encodeURIComponent(id)}/share`);
  }

  /**
   * The absolute stream address of a track, for the audio player; `query` asks for a
   * transcode (`format`, `max_bitrate`, `time_offset`: see stream-quality.js).
   */
  streamURL(track, query = null) {
    return this.client.url(track.stream_url || `/stream/${encodeURIComponent(track.id)}`, query);
  }

  /** The absolute cover address for a track or album, or null; `size` asks for a thumbnail. */
  coverURL(item, size = null) {
    const url = item?.cover_url;
    if (!url) return null;
    if (/^https?:/i.test(url)) return url;
    return this.client.url(url, size ? { size } : null);
  }
}
