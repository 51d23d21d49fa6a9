// Counts a play once it has really been listened to: 30 seconds, or half the track when it
// is shorter, of time actually heard (a seek does not count as listening). One report per play.

const ENOUGH_SECONDS = 30;
/** Larger jumps between two time updates are seeks, not listening. */
const LARGEST_STEP_SECONDS = 2;

export class PlayReporter {
  /**
   * @param {(trackId: string) => Promise<void>} report sends the play to the server
   */
  constructor(report) {
    this.report = report;
    this.start(null);
  }

  /** A new play of `track` begins (also when the same track is replayed). */
  start(track) {
    this.track = track;
    this.heard = 0;
    this.last = null;
    this.reported = false;
  }

  /** The position moved to `seconds` while playing; `duration` in seconds if known. */
  progress(seconds, duration) {
    if (!this.track || this.reported) return;
    if (this.last !== null) {
      const step = seconds - this.last;
      if (step > 0 && step <= LARGEST_STEP_SECONDS) this.heard += step;
    }
    this.last = seconds;
    const length = Number.isFinite(duration) && duration > 0 ? duration : this.track.duration;
    const needed = length ? Math.min(ENOUGH_SECONDS, length / 2) : ENOUGH_SECONDS;
    if (this.heard >= needed) {
      this.reported = true;
      this.report(this.track.id).catch(() => {
        // A lost count is not worth interrupting the music for; let the next play count.
      });
    }
  }

  /** A seek or a pause: the next update starts a new stretch of listening. */
  interrupt() {
    this.last = null;
  }
}
