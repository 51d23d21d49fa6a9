// The lyrics of the playing track, in a panel beside the player (on phones, in the
// full-screen player instead of the cover). Synced lyrics follow playback: the line being
// sung is marked (aria-current) and kept in view, unless the person is scrolling the
// lyrics themselves. No live region: reading every line aloud as it passes would drown the
// music; a screen reader finds the current line by moving through the list.

import { h, statusMessage } from '../dom.js';
import { icon } from '../icons.js';

/** After the person scrolls the lyrics, following playback waits this long. */
const MANUAL_SCROLL_PAUSE_MS = 4000;
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End']);

/**
 * The toggle button (for the player's controls) and the panel (for the player itself).
 * `onToggle(open)` tells the player, which lays itself out around an open panel.
 */
export function lyricsPanel(app, { onToggle = null } = {}) {
  const { playback } = app;
  const note = h('p', { class: 'lyrics-note' });
  const closeButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close the lyrics' }, icon('close'));
  const body = h('div', { class: 'lyrics-body', tabindex: '0' });
  const panel = h('section', { class: 'lyrics-panel', id: 'lyrics-panel', 'aria-labelledby': 'lyrics-heading', hidden: true },
    h('div', { class: 'lyrics-header' }, h('h2', { class: 'lyrics-heading', id: 'lyrics-heading' }, 'Lyrics'), note, closeButton),
    body);
  const button = h('button', {
    type: 'button', class: 'icon-button', id: 'lyrics-button', 'aria-label': 'Lyrics', 'aria-expanded': 'false',
    'aria-controls': 'lyrics-panel',
  }, icon('lyrics'));
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

  let open = false;
  let shownFor = null;
  let request = 0;
  /** The synced lines shown: [{element, start}] with `start` in ms, the offset applied. */
  let timed = [];
  let current = -1;
  let manualUntil = 0;

  const setOpen = (value, { returnFocus = false } = {}) => {
    open = value;
    panel.hidden = !value;
    button.setAttribute('aria-expanded', String(value));
    button.classList.toggle('is-active', value);
    onToggle?.(value);
    if (value) show(playback.current);
    else if (returnFocus) button.focus();
  };

  const show = async (track) => {
    if (!open) return;
    if (!track) {
      shownFor = null;
      clear(statusMessage('Nothing is playing.'));
      return;
    }
    if (shownFor === track.id) {
      follow();
      return;
    }
    shownFor = track.id;
    const mine = ++request;
    clear(statusMessage('Loading lyrics…'));
    try {
      const answer = await app.services.lyrics.forTrack(track.id);
      if (mine === request) render(answer?.lyrics ?? []);
    } catch (error) {
      if (mine !== request) return;
      shownFor = null;
      clear(statusMessage(`The lyrics could not be loaded: ${error.message}`, 'error'));
    }
  };

  const clear = (content) => {
    timed = [];
    current = -1;
    note.textContent = '';
    body.replaceChildren(content);
    body.scrollTop = 0;
  };

  const render = (sets) => {
    // One set is shown: synced when there is one, since it can follow the music.
    const set = sets.find((candidate) => candidate.synced) ?? sets[0];
    if (!set || !set.lines?.length) {
      clear(statusMessage('No lyrics for this track.'));
      return;
    }
    const list = h('ol', { class: ['lyrics-lines', set.synced && 'is-synced'] });
    const lines = [];
    for (const line of set.lines) {
      // An empty line is a pause (synced) or a break between verses.
      const item = line.text
        ? h('li', { class: 'lyrics-line' }, line.text)
        : h('li', { class: 'lyrics-line lyrics-gap', 'aria-hidden': 'true' });
      list.append(item);
      if (set.synced) lines.push({ element: item, start: (line.start_ms ?? 0) - (set.offset_ms ?? 0) });
    }
    clear(list);
    timed = lines;
    note.textContent = set.synced ? 'Follows the music' : '';
    follow();
  };

  /** Marks the line whose time has come (the last one starting at or before now). */
  const follow = () => {
    if (!open || !timed.length) return;
    const now = playback.currentTime * 1000;
    let low = 0;
    let high = timed.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (timed[middle].start <= now) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    if (found === current) return;
    if (current >= 0) {
      timed[current].element.classList.remove('is-current');
      timed[current].element.removeAttribute('aria-current');
    }
    current = found;
    if (found < 0) return;
    const element = timed[found].element;
    element.classList.add('is-current');
    element.setAttribute('aria-current', 'true');
    if (Date.now() < manualUntil) return;
    // Scrolls the panel only (scrollIntoView would scroll the page around it too).
    const top = element.offsetTop - (body.clientHeight - element.offsetHeight) / 2;
    body.scrollTo({ top: Math.max(0, top), behavior: reducedMotion.matches ? 'auto' : 'smooth' });
  };

  const scrolledByHand = () => { manualUntil = Date.now() + MANUAL_SCROLL_PAUSE_MS; };
  body.addEventListener('wheel', scrolledByHand, { passive: true });
  body.addEventListener('touchmove', scrolledByHand, { passive: true });
  body.addEventListener('keydown', (event) => {
    if (SCROLL_KEYS.has(event.key)) scrolledByHand();
  });

  button.addEventListener('click', () => setOpen(!open));
  closeButton.addEventListener('click', () => setOpen(false, { returnFocus: true }));
  panel.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    // Closes the lyrics only, not the full-screen player around them.
    event.stopPropagation();
    setOpen(false, { returnFocus: true });
  });
  playback.addEventListener('trackchange', () => show(playback.current));
  playback.addEventListener('timeupdate', follow);
  playback.addEventListener('seeked', follow);

  return { panel, button };
}
