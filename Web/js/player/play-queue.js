// The queue: an ordered list of tracks and the position of the one playing.

export class PlayQueue extends EventTarget {
  constructor() {
    super();
    this.tracks = [];
    this.index = -1;
  }

  get current() { return this.tracks[this.index] ?? null; }
  get hasNext() { return this.index + 1 < this.tracks.length; }
  get hasPrevious() { return this.index > 0; }
  /** The tracks after the current one. */
  get upcoming() { return this.tracks.slice(this.index + 1); }

  /** Replaces the queue with `tracks`, positioned at `start`. */
  replace(tracks, start = 0) {
    this.tracks = [...tracks];
    this.index = tracks.length ? Math.min(Math.max(0, start), tracks.length - 1) : -1;
    this.#changed();
  }

  /** Adds at the end. */
  append(tracks) {
    this.tracks.push(...tracks);
    if (this.index < 0 && this.tracks.length) this.index = 0;
    this.#changed();
  }

  /** Adds right after the current track. */
  insertNext(tracks) {
    this.tracks.splice(this.index + 1, 0, ...tracks);
    if (this.index < 0 && this.tracks.length) this.index = 0;
    this.#changed();
  }

  /** Removes the track at queue position `position` (not the current one). */
  removeAt(position) {
    if (position === this.index || position < 0 || position >= this.tracks.length) return;
    this.tracks.splice(position, 1);
    if (position < this.index) this.index -= 1;
    this.#changed();
  }

  /** Clears what comes after the current track. */
  clearUpcoming() {
    this.tracks.splice(this.index + 1);
    this.#changed();
  }

  moveTo(position) {
    if (position < 0 || position >= this.tracks.length) return null;
    this.index = position;
    this.#changed();
    return this.current;
  }

  next() { return this.hasNext ? this.moveTo(this.index + 1) : null; }
  previous() { return this.hasPrevious ? this.moveTo(this.index - 1) : null; }

  #changed() {
    this.dispatchEvent(new Event('change'));
  }
}
