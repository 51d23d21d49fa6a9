// The Play and Shuffle buttons of an album, artist or playlist page. Play turns into Pause
// while this page's list is what plays (and back into Play, resuming it, once paused).

import { h } from '../dom.js';
import { icon } from '../icons.js';

/**
 * @param {object} app
 * @param {object} options
 * @param {string} options.context names the list (`album:ID`), as PlaybackController keeps it
 * @param {() => object[] | Promise<object[]>} options.tracks the tracks to play, asked for on a press
 * @param {string} options.name what the list is called, for the buttons' labels
 * @param {AbortSignal} options.signal the page's: its end stops listening to the player
 * @param {boolean} [options.disabled]
 */
export function playButtons(app, { context, tracks, name, signal, disabled = false }) {
  const { playback } = app;
  const playButton = h('button', { type: 'button', class: 'button button-primary page-play', disabled });
  const shuffleButton = h('button', {
    type: 'button', class: 'button page-shuffle', disabled, 'aria-label': `Shuffle ${name}`,
  }, icon('shuffle'), 'Shuffle');

  const ours = () => playback.context === context && Boolean(playback.current);
  const paint = () => {
    const playing = ours() && !playback.paused;
    playButton.replaceChildren(icon(playing ? 'pause' : 'play'), playing ? 'Pause' : 'Play');
    playButton.setAttribute('aria-label', `${playing ? 'Pause' : 'Play'} ${name}`);
    playButton.dataset.state = playing ? 'playing' : 'stopped';
  };
  const start = async (shuffle) => {
    try {
      const list = await tracks();
      if (!list.length) return;
      await playback.playTracks(list, 0, { context, shuffle });
    } catch (error) {
      app.toast.error(`Could not play ${name}`, error);
    }
  };
  playButton.addEventListener('click', () => {
    if (!ours()) start(false);
    else if (playback.paused) playback.resume();
    else playback.pause();
  });
  shuffleButton.addEventListener('click', () => start(true));

  for (const eventName of ['statechange', 'trackchange', 'queuechange']) playback.addEventListener(eventName, paint, { signal });
  paint();
  return [playButton, shuffleButton];
}
