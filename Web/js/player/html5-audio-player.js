// AudioPlayer over an HTML5 <audio> element. Only this file touches the element; seeking
// works because /stream/ID answers Range requests.

import { AudioPlayer, PlayerEvent } from './audio-player.js';

const MEDIA_ERRORS = {
  1: 'Playback was stopped.',
  2: 'The network failed while loading the track.',
  3: 'The track could not be decoded.',
  4: 'The track could not be loaded (the server refused it or the format is not supported).',
};

export class HTML5AudioPlayer extends AudioPlayer {
  /** @param {Document} documentObject the element is added to its body, hidden. */
  constructor(documentObject = globalThis.document) {
    super();
    this.element = documentObject.createElement('audio');
    this.element.id = 'audio-engine';
    this.element.preload = 'auto';
    this.element.hidden = true;
    documentObject.body.append(this.element);
    for (const name of Object.values(PlayerEvent)) {
      // Re-dispatch so listeners never hold the element itself.
      this.element.addEventListener(name, () => this.dispatchEvent(new Event(name)));
    }
    /** A seek asked before the source's length was known, done once it is. */
    this.pendingSeek = null;
    this.element.addEventListener('loadedmetadata', () => {
      if (this.pendingSeek === null) return;
      const seconds = this.pendingSeek;
      this.pendingSeek = null;
      this.seek(seconds);
    });
  }

  load(url) {
    this.pendingSeek = null;
    this.element.src = url;
    this.element.load();
  }

  play() { return this.element.play(); }

  pause() { this.element.pause(); }

  seek(seconds) {
    if (this.element.readyState === HTMLMediaElement.HAVE_NOTHING && this.element.getAttribute('src')) {
      this.pendingSeek = seconds;
      return;
    }
    const duration = this.element.duration;
    const limit = Number.isFinite(duration) ? Math.max(0, duration - 0.25) : seconds;
    this.element.currentTime = Math.min(Math.max(0, seconds), limit);
  }

  unload() {
    this.element.pause();
    this.element.removeAttribute('src');
    this.element.load();
  }

  get volume() { return this.element.volume; }
  set volume(value) { this.element.volume = Math.min(1, Math.max(0, Number(value) || 0)); }

  get muted() { return this.element.muted; }
  set muted(value) { this.element.muted = Boolean(value); }

  /** Where playback is, or will start once the source is known (a seek asked before). */
  get currentTime() { return this.pendingSeek ?? this.element.currentTime; }

  get duration() { return this.element.duration; }

  get paused() { return this.element.paused; }

  get error() {
    const code = this.element.error?.code;
    return code ? MEDIA_ERRORS[code] ?? `Playback failed (media error ${code}).` : null;
  }
}
