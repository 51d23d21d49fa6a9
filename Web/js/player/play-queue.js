// The queue: an ordered list of tracks, the position of the one playing, and how it goes
// on (shuffle, repeat). `tracks` is always the play order: what played before the current
// track, then what plays next. Shuffle reorders what comes next (and remembers the order it
// had, put back when shuffle is turned off); repeat decides what follows the last track.

/** What follows the last track: nothing, the first again, or the same track. */
export const RepeatMode = Object.freeze({ off: 'off', all: 'all', one: 'one' });

const REPEAT_ORDER = [RepeatMode.off, RepeatMode.all, RepeatMode.one];

export class PlayQueue extends EventTarget {
  constructor() {
    super();
    this.tracks = [];
    this.index = -1;
    this.shuffle = false;
    this.repeat = RepeatMode.off;
    /** The order before shuffling (the same objects), kept to put back. */
    this.unshuffled = null;
    /** Where the list played came from (`album:ID`, `playlist:ID`...), for its page's Play button. */
    this.context = null;
  }

  get current() { return this.tracks[this.index] ?? null; }
  /** Whether "next" has somewhere to go (with repeat all, the end wraps to the start). */
  get hasNext() { return this.index + 1 < this.tracks.length || (this.repeat === RepeatMode.all && this.tracks.length > 0); }
  get hasPrevious() { return this.index > 0; }
  /** The tracks after the current one. */
  get upcoming() { return this.tracks.slice(this.index + 1); }
  /** The tracks before the current one (what played already). */
  get played() { return this.tracks.slice(0, Math.max(0, this.index)); }

  /**
   * Replaces the queue with `tracks`, positioned at `start`, from `context`. With shuffle
   * on, what follows `start` is shuffled; `shuffleStart` shuffles from `start` itself (a
   * page's Shuffle button: any track may come first).
   */
  replace(tracks, start = 0, { context = null, shuffleStart = false } = {}) {
    this.tracks = [...tracks];
    this.index = tracks.length ? Math.min(Math.max(0, start), tracks.length - 1) : -1;
    this.context = context;
    this.unshuffled = null;
    if (this.shuffle) this.#shuffleUpcoming(shuffleStart);
    this.#changed();
  }

  /** Adds at the end. */
  append(tracks) {
    this.tracks.push(...tracks);
    this.unshuffled?.push(...tracks);
    if (this.index < 0 && this.tracks.length) this.index = 0;
    this.#changed();
  }

  /** Adds right after the current track. */
  insertNext(tracks) {
    this.tracks.splice(this.index + 1, 0, ...tracks);
    if (this.unshuffled) {
      const at = this.unshuffled.indexOf(this.current);
      this.unshuffled.splice(at + 1, 0, ...tracks);
    }
    if (this.index < 0 && this.tracks.length) this.index = 0;
    this.#changed();
  }

  /** Removes the track at queue position `position` (not the current one). */
  removeAt(position) {
    if (position === this.index || position < 0 || position >= this.tracks.length) return;
    const [removed] = this.tracks.splice(position, 1);
    this.#forget(removed);
    if (position < this.index) this.index -= 1;
    this.#changed();
  }

  /**
   * Moves the track at `from` to `to` (queue positions), the current one included; the
   * current track stays current wherever it goes.
   */
  move(from, to) {
    const length = this.tracks.length;
    if (from === to || from < 0 || to < 0 || from >= length || to >= length) return;
    const current = this.current;
    const [track] = this.tracks.splice(from, 1);
    this.tracks.splice(to, 0, track);
    this.index = this.tracks.indexOf(current);
    // A hand-made order is the order: turning shuffle off later must not undo it.
    if (this.unshuffled) this.unshuffled = [...this.tracks];
    this.#changed();
  }

  /** Clears what comes after the current track. */
  clearUpcoming() {
    for (const track of this.tracks.splice(this.index + 1)) this.#forget(track);
    this.#changed();
  }

  moveTo(position) {
    if (position < 0 || position >= this.tracks.length) return null;
    this.index = position;
    this.#changed();
    return this.current;
  }

  /** The next track (the first again after the last, with repeat all), made current. */
  next() {
    if (this.index + 1 < this.tracks.length) return this.moveTo(this.index + 1);
    if (this.repeat === RepeatMode.all && this.tracks.length) return this.moveTo(0);
    return null;
  }

  previous() { return this.hasPrevious ? this.moveTo(this.index - 1) : null; }

  /**
   * Turns shuffle on (what comes next is put in a random order; what played stays) or off
   * (the order it had comes back, the current track still current).
   */
  setShuffle(on) {
    if (on === this.shuffle) return;
    this.shuffle = on;
    if (on) {
      this.#shuffleUpcoming();
    } else if (this.unshuffled) {
      const current = this.current;
      const present = new Set(this.tracks);
      this.tracks = this.unshuffled.filter((track) => present.has(track));
      this.index = Math.max(0, this.tracks.indexOf(current));
      this.unshuffled = null;
    }
    this.#changed();
  }

  setRepeat(mode) {
    if (!REPEAT_ORDER.includes(mode) || mode === this.repeat) return;
    this.repeat = mode;
    this.#changed();
  }

  /** Off, then all, then one, then off again: what the repeat button does. */
  cycleRepeat() {
    this.setRepeat(REPEAT_ORDER[(REPEAT_ORDER.indexOf(this.repeat) + 1) % REPEAT_ORDER.length]);
    return this.repeat;
  }

  #shuffleUpcoming(includingCurrent = false) {
    this.unshuffled = [...this.tracks];
    const start = includingCurrent ? Math.max(0, this.index) : this.index + 1;
    // Fisher-Yates over the tracks after the current one.
    for (let last = this.tracks.length - 1; last > start; last -= 1) {
      const pick = start + Math.floor(Math.random() * (last - start + 1));
      [this.tracks[last], this.tracks[pick]] = [this.tracks[pick], this.tracks[last]];
    }
  }

  #forget(track) {
    if (!this.unshuffled) return;
    const at = this.unshuffled.indexOf(track);
    if (at >= 0) this.unshuffled.splice(at, 1);
  }

  #changed() {
    this.dispatchEvent(new Event('change'));
  }
}
