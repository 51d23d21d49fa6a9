// Lyrics of tracks: `{track_id, lyrics: [{source, synced, lang?, offset_ms, lines: [{start_ms?, text}]}]}`,
// synced sets first. Answers are kept for the tracks last asked (a queue's worth), and saved
// for offline use like every other page.

const REMEMBERED = 30;

export class LyricsService {
  /**
   * @param {import('./cached-reader.js').CachedReader} reader
   */
  constructor(reader) {
    this.reader = reader;
    this.answers = new Map();
  }

  /** The track's lyrics answer (a promise; one request per track while it is remembered). */
  forTrack(id) {
    const known = this.answers.get(id);
    if (known) return known;
    const answer = this.reader.get(`/api/tracks/${encodeURIComponent(id)}/lyrics`);
    this.answers.set(id, answer);
    // A failure is not remembered: the next look asks again.
    answer.catch(() => this.answers.delete(id));
    if (this.answers.size > REMEMBERED) this.answers.delete(this.answers.keys().next().value);
    return answer;
  }
}
