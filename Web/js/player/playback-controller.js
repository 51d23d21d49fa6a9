// What the player bar, the queue and every "play" button drive: the queue, the current
// track and the AudioPlayer underneath. UI code talks to this, never to the player.

import { PlayerEvent } from './audio-player.js';
import { PlayQueue, RepeatMode } from './play-queue.js';
import { PlayReporter } from './play-reporter.js';
import { streamQuery, streamQuality } from './stream-quality.js';

/** Pressing "previous" this far into a track restarts it instead. */
const RESTART_THRESHOLD_SECONDS = 3;

/**
 * Events: `trackchange`, `statechange` (playing, paused, buffering), `timeupdate`,
 * `durationchange`, `seeked`, `volumechange`, `queuechange`, `modechange` (shuffle, repeat),
 * `autoplayblocked` (the browser wants a tap first), `playbackerror` (detail: {message, track}).
 */
export class PlaybackController extends EventTarget {
  /**
   * @param {import('./audio-player.js').AudioPlayer} player
   * @param {object} services library (stream URLs), activity (plays), auth (fresh cookie), preferences
   */
  constructor(player, { library, activity, auth, preferences }) {
    super();
    this.player = player;
    this.library = library;
    this.auth = auth;
    this.preferences = preferences;
    this.queue = new PlayQueue();
    this.reporter = new PlayReporter((id) => activity.reportPlayed(id));
    this.buffering = false;
    this.retriedAfterError = false;
    this.blocked = false;
    /** The quality the current track was loaded at (see stream-quality.js). */
    this.quality = null;
    /**
     * Where in the track the loaded stream starts: a transcode (data saver) has no byte
     * ranges, so a seek asks the server for the track again from that time.
     */
    this.offset = 0;

    player.volume = preferences.get('volume', 0.8);
    player.muted = preferences.get('muted', false);
    // Shuffle and repeat are the person's habit on this device: kept across visits.
    this.queue.shuffle = preferences.get('shuffle', false) === true;
    this.queue.setRepeat(preferences.get('repeat', RepeatMode.off));

    this.queue.addEventListener('change', () => this.#emit('queuechange'));
    player.addEventListener(PlayerEvent.timeUpdate, () => {
      if (!player.paused) this.reporter.progress(this.currentTime, this.duration);
      this.#emit('timeupdate');
    });
    player.addEventListener(PlayerEvent.durationChange, () => this.#emit('durationchange'));
    player.addEventListener(PlayerEvent.seeked, () => {
      this.reporter.interrupt();
      this.#emit('seeked');
    });
    player.addEventListener(PlayerEvent.volumeChange, () => this.#emit('volumechange'));
    player.addEventListener(PlayerEvent.waiting, () => this.#setBuffering(true));
    player.addEventListener(PlayerEvent.playing, () => {
      this.retriedAfterError = false;
      this.#setBuffering(false);
    });
    player.addEventListener(PlayerEvent.play, () => this.#emit('statechange'));
    player.addEventListener(PlayerEvent.pause, () => {
      this.reporter.interrupt();
      this.#emit('statechange');
    });
    player.addEventListener(PlayerEvent.ended, () => {
      if (this.queue.repeat === RepeatMode.one && this.current) this.#replay();
      else if (this.queue.hasNext) this.next();
      else this.#emit('statechange');
    });
    player.addEventListener(PlayerEvent.error, () => this.#recover());
  }

  get current() { return this.queue.current; }
  get paused() { return this.player.paused; }
  get currentTime() { return this.offset + this.player.currentTime; }
  get duration() {
    // A transcode's length is not known to the element until it ends: the catalog's is.
    const known = this.transcoded ? Number.NaN : this.player.duration;
    return Number.isFinite(known) ? known : (this.current?.duration ?? Number.NaN);
  }
  /** The current track plays as a transcode (the data saver). */
  get transcoded() { return Boolean(this.quality?.format); }
  get volume() { return this.player.volume; }
  get muted() { return this.player.muted; }

  /**
   * Plays `tracks` from `start`, replacing the queue (what "play" on a list does).
   * `context` names the list (`album:ID`), so its page can show Pause while it plays;
   * `shuffle` turns shuffle on and lets any track come first (a page's Shuffle button).
   */
  playTracks(tracks, start = 0, { context = null, shuffle = false } = {}) {
    if (!tracks.length) return Promise.resolve();
    if (shuffle) this.setShuffle(true, { reorder: false });
    this.queue.replace(tracks, start, { context, shuffleStart: shuffle });
    return this.#start(this.queue.current);
  }

  /** The list the queue was played from (see playTracks), or null. */
  get context() { return this.queue.context; }
  get shuffle() { return this.queue.shuffle; }
  get repeat() { return this.queue.repeat; }

  /** Turns shuffle on or off (remembered); `reorder: false` leaves the queue as it is. */
  setShuffle(on, { reorder = true } = {}) {
    if (reorder) this.queue.setShuffle(on);
    else this.queue.shuffle = on;
    this.preferences.set('shuffle', on);
    this.#emit('modechange');
  }

  /** Off, all, one, off: answers the new mode (remembered). */
  cycleRepeat() {
    const mode = this.queue.cycleRepeat();
    this.preferences.set('repeat', mode);
    this.#emit('modechange');
    return mode;
  }

  /** Moves a track of the queue (the current one stays current). */
  moveInQueue(from, to) { this.queue.move(from, to); }

  playTrack(track) { return this.playTracks([track], 0); }

  /**
   * Puts back a queue saved earlier (on this or another device): `tracks` with `index`
   * current, cued at `seconds` and paused. Nothing plays until the person presses play.
   */
  async restore(tracks, index, seconds = 0) {
    if (!tracks.length) return;
    this.queue.replace(tracks, index);
    await this.#load(this.queue.current);
    if (seconds > 0) this.player.seek(seconds);
    this.#emit('statechange');
  }

  enqueue(tracks) {
    const wasEmpty = !this.current;
    this.queue.append(tracks);
    if (wasEmpty) this.#load(this.queue.current);
  }

  playNext(tracks) {
    const wasEmpty = !this.current;
    this.queue.insertNext(tracks);
    if (wasEmpty) this.#load(this.queue.current);
  }

  removeFromQueue(position) { this.queue.removeAt(position); }

  clearUpcoming() { this.queue.clearUpcoming(); }

  jumpTo(position) {
    const track = this.queue.moveTo(position);
    return track ? this.#start(track) : Promise.resolve();
  }

  /** Resumes, or starts the cued track; answers whether sound started. */
  async resume() {
    if (!this.current) return false;
    return this.#tryPlay();
  }

  pause() { this.player.pause(); }

  /** Stops and empties the queue (at sign-out). */
  stop() {
    this.player.unload();
    this.offset = 0;
    this.queue.replace([], 0);
    this.reporter.start(null);
    this.#emit('trackchange');
    this.#emit('statechange');
  }

  toggle() {
    if (this.player.paused) return this.resume();
    this.pause();
    return Promise.resolve(false);
  }

  next() {
    const track = this.queue.next();
    return track ? this.#start(track) : Promise.resolve();
  }

  previous() {
    if (this.currentTime > RESTART_THRESHOLD_SECONDS || !this.queue.hasPrevious) {
      this.seek(0);
      return Promise.resolve();
    }
    return this.#start(this.queue.previous());
  }

  seek(seconds) {
    if (!this.current || !Number.isFinite(seconds)) return;
    if (!this.transcoded) {
      this.player.seek(seconds);
      return;
    }
    const length = this.current.duration;
    const target = Math.max(0, Number.isFinite(length) && length > 1 ? Math.min(seconds, length - 1) : seconds);
    const wasPlaying = !this.player.paused || this.buffering;
    this.#loadStream(this.current, target);
    this.reporter.interrupt();
    this.#emit('seeked');
    if (wasPlaying) this.#tryPlay();
  }

  setVolume(volume) {
    this.player.volume = volume;
    if (volume > 0 && this.player.muted) this.player.muted = false;
    this.preferences.set('volume', this.player.volume);
    this.preferences.set('muted', this.player.muted);
  }

  toggleMute() {
    this.player.muted = !this.player.muted;
    this.preferences.set('muted', this.player.muted);
  }

  /** Repeat one: the same track again from its start. */
  async #replay() {
    this.reporter.start(this.current);
    if (this.transcoded) this.#loadStream(this.current, 0);
    else this.player.seek(0);
    this.#emit('seeked');
    await this.#tryPlay();
  }

  async #start(track) {
    await this.#load(track);
    return this.#tryPlay();
  }

  async #load(track) {
    // A stream is fetched with the access cookie: renew it first if it is about to expire.
    await this.auth.ensureFresh().catch(() => {});
    this.reporter.start(track);
    this.retriedAfterError = false;
    this.quality = streamQuality(this.preferences);
    this.#loadStream(track, 0);
    this.#emit('trackchange');
  }

  /** Loads `track` at the current quality, from `offset` seconds (a transcode only). */
  #loadStream(track, offset) {
    this.offset = this.transcoded ? Math.floor(offset) : 0;
    this.player.load(this.library.streamURL(track, streamQuery(this.quality, this.offset)));
  }

  async #tryPlay() {
    try {
      await this.player.play();
      this.blocked = false;
      return true;
    } catch (error) {
      if (error?.name === 'NotAllowedError') {
        // Autoplay policy: the UI shows a "tap to play" that calls resume().
        this.blocked = true;
        this.#emit('autoplayblocked');
      } else if (error?.name !== 'AbortError') {
        // AbortError only means another load replaced this one.
        this.#emit('playbackerror', { message: this.player.error ?? error.message, track: this.current });
      }
      return false;
    }
  }

  /**
   * A stream failed. The usual cause is an access cookie that ran out during a long pause:
   * refresh once and continue where it stopped; otherwise tell the person.
   */
  async #recover() {
    const track = this.current;
    if (!track) return;
    if (!this.retriedAfterError) {
      this.retriedAfterError = true;
      const position = this.currentTime;
      const wasPlaying = !this.player.paused || this.buffering;
      try {
        await this.auth.refresh();
        this.#loadStream(track, position);
        if (position > 0 && !this.transcoded) this.player.seek(position);
        if (wasPlaying) await this.#tryPlay();
        return;
      } catch {
        // Fall through to the message.
      }
    }
    this.#setBuffering(false);
    this.#emit('playbackerror', {
      message: this.player.error ?? 'The track could not be played.',
      track,
    });
  }

  #setBuffering(buffering) {
    if (this.buffering === buffering) return;
    this.buffering = buffering;
    this.#emit('statechange');
  }

  #emit(name, detail = null) {
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }
}
