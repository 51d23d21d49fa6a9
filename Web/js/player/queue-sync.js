// Keeps the person's play queue on the server, so listening started here resumes on their
// phone (any Subsonic app) and back: the queue is restored, paused, when the app opens, and
// saved as it changes.
//
// Saves are few: a change of the queue waits for a quiet moment (DEBOUNCE_MS), a new track
// or a pause saves at once, playback saves its position every PERIOD_MS, and hiding or
// closing the page saves one last time. Nothing is sent when nothing changed, and an empty
// player is never saved (so a tab left open cannot wipe the queue another device saved).
//
// That last save races the reloaded page: its request may reach the server after the new
// page has read the queue, or not at all. So it is also kept in this tab's sessionStorage,
// and a reload of the same queue resumes at the position the tab saw last.

import { Preferences } from '../services/preferences.js';

/** A change of the queue or a seek is saved after this long without another. */
const DEBOUNCE_MS = 1500;
/** While playing, the position is saved this often. */
const PERIOD_MS = 15000;
/** Browsers refuse keepalive bodies above 64 KiB: a longer queue is saved without it. */
const KEEPALIVE_LIMIT = 60 * 1024;
/** The most tracks the server keeps of a queue (it refuses a longer one whole). */
const MAXIMUM_SAVED = 5000;
/** Of a longer queue, up to this many tracks before the current one are saved with it. */
const SAVED_BEFORE = 100;
/** The tab's own last position is trusted for this long after the page went away. */
const LEFT_RECENTLY_MS = 10 * 60 * 1000;
/** Key (in this tab's sessionStorage) of the state saved as the page went away. */
const LEFT_KEY = 'queueOnLeave';

export class QueueSync {
  /**
   * @param {import('./playback-controller.js').PlaybackController} playback
   * @param {import('../services/queue-service.js').QueueService} service
   */
  constructor(playback, service, tabStorage = new Preferences(globalThis.sessionStorage)) {
    this.playback = playback;
    this.service = service;
    this.tabStorage = tabStorage;
    /** The signed-in person's id: the tab's saved state is theirs only. */
    this.userId = null;
    this.active = false;
    this.debounce = null;
    this.period = null;
    this.sending = false;
    this.again = false;
    this.lastSent = null;
    /** The state a request is saving right now. */
    this.inFlight = null;
    this.listeners = {
      queuechange: () => this.#schedule(),
      seeked: () => this.#schedule(),
      trackchange: () => this.#save(),
      statechange: () => this.#stateChanged(),
    };
    this.onPageHide = () => this.#leave();
    this.onVisibility = () => {
      if (document.visibilityState === 'hidden') this.#leave();
    };
  }

  /**
   * Loads the saved queue into the player, cued at its position and paused, unless
   * something is playing already. Answers the saved tracks (to mark their likes), or [].
   * @param {string} userId the person signed in
   */
  async restore(userId) {
    this.userId = userId;
    const left = this.#takeLeftState(userId);
    let saved;
    try {
      saved = await this.service.get();
    } catch {
      // Offline or refused: start with an empty queue, as before this existed.
      return [];
    }
    const tracks = saved?.tracks ?? [];
    if (!tracks.length || this.playback.current) return [];
    const index = Math.min(Math.max(0, saved.current_index ?? 0), tracks.length - 1);
    const trackIds = tracks.map((track) => track.id);
    const savedMs = Math.max(0, Math.round(saved.position_ms ?? 0));
    // The same queue this tab left, saved on the server before the tab went away: the tab's
    // position is the newer one (the leaving save lost the race, or never arrived). A queue
    // saved after that came from another device or tab, and wins.
    const savedAt = Date.parse(saved.changed_at ?? '');
    const savedBefore = left !== null && (!Number.isFinite(savedAt) || savedAt <= left.at);
    const sameQueue = savedBefore && left.state.index === index && sameIds(left.state.trackIds, trackIds);
    const positionMs = sameQueue ? Math.max(0, Math.round(left.state.positionMs)) : savedMs;
    await this.playback.restore(tracks, index, positionMs / 1000);
    // What the server holds: when the tab's position differs, the first save sends it.
    this.lastSent = JSON.stringify({ trackIds, index, positionMs: savedMs });
    return tracks;
  }

  /** `{state, at}`: what this tab saved as it went away for `userId` and when, if recent; read once. */
  #takeLeftState(userId) {
    const left = this.tabStorage.get(LEFT_KEY);
    this.tabStorage.set(LEFT_KEY, null);
    if (!left || left.userId !== userId || typeof left.at !== 'number') return null;
    if (!(Date.now() - left.at < LEFT_RECENTLY_MS)) return null;
    const state = left.state;
    if (!state || !Array.isArray(state.trackIds) || !Number.isInteger(state.index) || !Number.isFinite(state.positionMs)) return null;
    return { state, at: left.at };
  }

  /** Starts saving changes (after `restore`, so the saved queue is not overwritten first). */
  start() {
    if (this.active) return;
    this.active = true;
    for (const [name, listener] of Object.entries(this.listeners)) this.playback.addEventListener(name, listener);
    window.addEventListener('pagehide', this.onPageHide);
    document.addEventListener('visibilitychange', this.onVisibility);
    this.#stateChanged();
  }

  /** Stops saving (before signing out empties the player: that is not a new queue). */
  stop() {
    if (!this.active) return;
    this.active = false;
    for (const [name, listener] of Object.entries(this.listeners)) this.playback.removeEventListener(name, listener);
    window.removeEventListener('pagehide', this.onPageHide);
    document.removeEventListener('visibilitychange', this.onVisibility);
    clearTimeout(this.debounce);
    clearInterval(this.period);
    this.debounce = null;
    this.period = null;
    this.lastSent = null;
    // Signed out: nothing of this person's queue stays in the tab.
    this.tabStorage.set(LEFT_KEY, null);
    this.userId = null;
  }

  /** The page is hidden or going away: keep the state in the tab, and send it. */
  #leave() {
    if (!this.active) return;
    const state = this.#state();
    if (state.trackIds.length) this.tabStorage.set(LEFT_KEY, { userId: this.userId, at: Date.now(), state });
    this.#save({ keepalive: true });
  }

  #schedule() {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.#save(), DEBOUNCE_MS);
  }

  #stateChanged() {
    const playing = Boolean(this.playback.current) && !this.playback.paused;
    if (playing && !this.period) {
      this.period = setInterval(() => this.#save(), PERIOD_MS);
    } else if (!playing && this.period) {
      clearInterval(this.period);
      this.period = null;
    }
    // A pause is where the person will want to resume.
    if (!playing) this.#save();
  }

  #state() {
    const { tracks, index } = this.playback.queue;
    const current = Math.max(0, index);
    // A queue longer than the server keeps (a big playlist) is saved as the window that
    // holds the current track and what follows it, rather than refused whole.
    const start = Math.max(0, Math.min(current - SAVED_BEFORE, tracks.length - MAXIMUM_SAVED));
    const kept = tracks.slice(start, start + MAXIMUM_SAVED);
    const positionMs = this.playback.current ? Math.max(0, Math.round((this.playback.currentTime || 0) * 1000)) : 0;
    return { trackIds: kept.map((track) => track.id), index: current - start, positionMs };
  }

  async #save({ keepalive = false } = {}) {
    if (!this.active) return;
    clearTimeout(this.debounce);
    this.debounce = null;
    // The page is going away: no later turn will come, so what is in flight does not
    // hold this one back (else a reload while a save is on its way loses the position).
    if (this.sending && !keepalive) {
      // One request at a time; the latest state goes when this one is done.
      this.again = true;
      return;
    }
    const state = this.#state();
    // This page never empties a saved queue: an empty player (nothing played yet here)
    // must not wipe what the phone saved meanwhile.
    if (!state.trackIds.length) return;
    const key = JSON.stringify(state);
    if (key === this.lastSent || key === this.inFlight) return;
    const wasSending = this.sending;
    this.sending = true;
    this.inFlight = key;
    try {
      await this.service.save(state, { keepalive: keepalive && key.length < KEEPALIVE_LIMIT });
      this.lastSent = key;
    } catch {
      // Offline, or the session ended: the next change tries again.
    } finally {
      if (this.inFlight === key) this.inFlight = null;
      // A closing save sent beside another leaves that one to clear the flag.
      if (!wasSending) this.sending = false;
    }
    if (this.again && !this.sending) {
      this.again = false;
      await this.#save();
    }
  }
}

function sameIds(a, b) {
  return a.length === b.length && a.every((id, position) => id === b[position]);
}
