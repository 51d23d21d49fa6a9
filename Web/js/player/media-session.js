// The lock screen and media keys: title, artist and cover through the Media Session API,
// and its play/pause/next/previous/seek actions routed to the playback controller.

export class MediaSessionBridge {
  /**
   * @param {import('./playback-controller.js').PlaybackController} playback
   * @param {(track: object, size: number) => string|null} coverURL
   */
  constructor(playback, coverURL, navigatorObject = globalThis.navigator) {
    this.session = navigatorObject?.mediaSession ?? null;
    if (!this.session) return;
    this.playback = playback;
    this.coverURL = coverURL;
    const handlers = {
      play: () => playback.resume(),
      pause: () => playback.pause(),
      nexttrack: () => playback.next(),
      previoustrack: () => playback.previous(),
      seekto: (details) => playback.seek(details.seekTime),
      seekbackward: (details) => playback.seek(playback.currentTime - (details.seekOffset || 10)),
      seekforward: (details) => playback.seek(playback.currentTime + (details.seekOffset || 10)),
      stop: () => playback.pause(),
    };
    for (const [action, handler] of Object.entries(handlers)) {
      try {
        this.session.setActionHandler(action, handler);
      } catch {
        // Older browsers reject actions they do not know; the others still work.
      }
    }
    playback.addEventListener('trackchange', () => this.#describe(playback.current));
    playback.addEventListener('statechange', () => {
      this.session.playbackState = playback.current ? (playback.paused ? 'paused' : 'playing') : 'none';
    });
    playback.addEventListener('durationchange', () => this.#position());
    playback.addEventListener('seeked', () => this.#position());
  }

  #describe(track) {
    if (!track) {
      this.session.metadata = null;
      return;
    }
    const artwork = [96, 256, 512]
      .map((size) => ({ src: this.coverURL(track, size), sizes: `${size}x${size}`, type: 'image/jpeg' }))
      .filter((image) => image.src);
    this.session.metadata = new MediaMetadata({
      title: track.title,
      artist: track.artist ?? '',
      album: track.album ?? '',
      artwork,
    });
  }

  #position() {
    const { duration, currentTime } = this.playback;
    if (!Number.isFinite(duration) || duration <= 0 || typeof this.session.setPositionState !== 'function') return;
    try {
      this.session.setPositionState({ duration, position: Math.min(currentTime, duration), playbackRate: 1 });
    } catch {
      // Invalid while the element is between sources.
    }
  }
}
