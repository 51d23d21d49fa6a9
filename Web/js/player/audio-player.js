// The audio player interface the UI codes against. The web build uses HTML5AudioPlayer; a
// native shell (Android, iOS) can pass its own implementation without changing the UI.

/** Event names every implementation dispatches (plain Events; read the state from the player). */
export const PlayerEvent = Object.freeze({
  timeUpdate: 'timeupdate',       // currentTime moved
  durationChange: 'durationchange',
  play: 'play',                   // playback was asked to start
  playing: 'playing',             // sound is coming out
  pause: 'pause',
  waiting: 'waiting',             // buffering
  ended: 'ended',
  seeked: 'seeked',
  volumeChange: 'volumechange',
  error: 'error',                 // the source could not be played; see `error`
});

/**
 * Abstract: load, play, pause, seek, volume, and events (see PlayerEvent).
 * Subclasses override every method and getter below.
 */
export class AudioPlayer extends EventTarget {
  /** Starts loading `url` (playback does not start until play()). */
  load(url) { throw new Error(`${this.constructor.name} does not implement load(${url})`); }

  /** Starts or resumes; rejects with a NotAllowedError when autoplay is blocked. */
  play() { return Promise.reject(new Error(`${this.constructor.name} does not implement play()`)); }

  pause() { throw new Error(`${this.constructor.name} does not implement pause()`); }

  /** Moves to `seconds` from the start. */
  seek(seconds) { throw new Error(`${this.constructor.name} does not implement seek(${seconds})`); }

  /** Stops and forgets the source. */
  unload() { throw new Error(`${this.constructor.name} does not implement unload()`); }

  /** 0 to 1. */
  get volume() { return 1; }
  set volume(value) { throw new Error(`${this.constructor.name} does not implement volume = ${value}`); }

  get muted() { return false; }
  set muted(value) { throw new Error(`${this.constructor.name} does not implement muted = ${value}`); }

  /** Seconds from the start. */
  get currentTime() { return 0; }

  /** Seconds, or NaN while unknown. */
  get duration() { return Number.NaN; }

  get paused() { return true; }

  /** A human sentence for the last error, or null. */
  get error() { return null; }
}
