// When the browser blocks autoplay (a shared link opened cold), a big "tap to play" over
// the page; the tap is the user gesture the browser waits for.

import { h } from '../dom.js';
import { icon } from '../icons.js';

export function tapToPlayOverlay(app) {
  const title = h('span', { class: 'tap-title' });
  const button = h('button', { type: 'button', class: 'tap-button', id: 'tap-to-play' },
    icon('play'), h('span', { class: 'tap-label' }, 'Tap to play'), title);
  const overlay = h('div', { class: 'tap-overlay', hidden: true }, button);
  button.addEventListener('click', async () => {
    overlay.hidden = true;
    await app.playback.resume();
  });
  app.playback.addEventListener('autoplayblocked', () => {
    const track = app.playback.current;
    title.textContent = track ? `${track.title}${track.artist ? ` · ${track.artist}` : ''}` : '';
    overlay.hidden = false;
    button.focus();
  });
  app.playback.addEventListener('statechange', () => {
    if (!app.playback.paused) overlay.hidden = true;
  });
  return overlay;
}
