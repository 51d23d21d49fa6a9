// The player bar: track, play/pause, previous/next, seek bar, volume, lyrics, queue. On
// narrow screens it is a mini-player (cover, title, play/pause, a progress line) that
// expands to a full-screen player, where the lyrics take the cover's place.

import { h } from '../dom.js';
import { icon } from '../icons.js';
import { duration } from '../format.js';
import { cover } from './cover.js';
import { likeButton } from './like-button.js';
import { lyricsPanel } from './lyrics-panel.js';

export function playerBar(app) {
  const { playback } = app;

  const coverSlot = h('div', { class: 'player-cover' }, cover(null, { size: 'medium' }));
  const title = h('span', { class: 'player-title' }, 'Nothing playing');
  const artist = h('span', { class: 'player-artist' }, 'Pick a track to start');
  const likeSlot = h('span', { class: 'player-like' });
  const expandButton = h('button', { type: 'button', class: 'player-expand' },
    coverSlot, h('span', { class: 'player-text' }, title, artist));

  const playButton = h('button', { type: 'button', class: 'play-button', 'aria-label': 'Play', id: 'play-pause' }, icon('play'));
  const previousButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Previous track', id: 'previous-track' }, icon('previous'));
  const nextButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Next track', id: 'next-track' }, icon('next'));
  const shuffleButton = h('button', { type: 'button', class: 'icon-button mode-button', 'aria-label': 'Shuffle', id: 'shuffle', 'aria-pressed': 'false' }, icon('shuffle'));
  const repeatButton = h('button', { type: 'button', class: 'icon-button mode-button', id: 'repeat' }, icon('repeat'));

  const elapsed = h('span', { class: 'time time-elapsed' }, '0:00');
  const total = h('span', { class: 'time time-total' }, '0:00');
  const seek = h('input', { type: 'range', class: 'seek-bar', id: 'seek-bar', min: '0', max: '0', step: '0.1', value: '0', 'aria-label': 'Seek', disabled: true });
  const miniProgress = h('div', { class: 'mini-progress', 'aria-hidden': 'true' }, h('span', { class: 'mini-progress-fill' }));

  const muteButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Mute', id: 'mute' }, icon('volume'));
  const volume = h('input', { type: 'range', class: 'volume-bar', id: 'volume', min: '0', max: '1', step: '0.05', 'aria-label': 'Volume' });
  const queueButton = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Queue', id: 'queue-button', 'aria-controls': 'queue-panel', 'aria-expanded': 'false' }, icon('queue'));
  const collapseButton = h('button', { type: 'button', class: 'icon-button player-collapse', 'aria-label': 'Close the full player' }, icon('collapse'));
  const lyrics = lyricsPanel(app, { onToggle: (open) => bar.classList.toggle('lyrics-open', open) });

  const bar = h('section', { class: 'player', id: 'player', 'aria-label': 'Player' },
    miniProgress,
    collapseButton,
    lyrics.panel,
    h('div', { class: 'player-track' }, expandButton, likeSlot),
    h('div', { class: 'player-center' },
      h('div', { class: 'player-buttons' }, shuffleButton, previousButton, playButton, nextButton, repeatButton),
      h('div', { class: 'player-seek' }, elapsed, seek, total)),
    h('div', { class: 'player-extras' }, lyrics.button, queueButton, muteButton, volume));

  const setExpanded = (expanded) => {
    bar.classList.toggle('is-expanded', expanded);
    document.documentElement.classList.toggle('player-open', expanded);
    expandButton.setAttribute('aria-expanded', String(expanded));
    (expanded ? collapseButton : expandButton).focus();
  };
  // Phones expand the mini-player; wide screens have every control in the bar already, so
  // there the track opens its album.
  const narrow = window.matchMedia('(max-width: 759px)');
  const labelExpand = () => {
    expandButton.setAttribute('aria-label', narrow.matches ? 'Open the full player' : 'Open the album of the playing track');
    if (narrow.matches) expandButton.setAttribute('aria-expanded', String(bar.classList.contains('is-expanded')));
    else expandButton.removeAttribute('aria-expanded');
    if (!narrow.matches && bar.classList.contains('is-expanded')) setExpanded(false);
  };
  narrow.addEventListener('change', labelExpand);
  labelExpand();
  expandButton.addEventListener('click', () => {
    if (narrow.matches) {
      if (!bar.classList.contains('is-expanded')) setExpanded(true);
    } else if (playback.current?.album_id) {
      app.router.navigate(`/albums/${encodeURIComponent(playback.current.album_id)}`);
    }
  });
  collapseButton.addEventListener('click', () => setExpanded(false));
  bar.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && bar.classList.contains('is-expanded')) setExpanded(false);
  });

  playButton.addEventListener('click', () => playback.toggle());
  previousButton.addEventListener('click', () => playback.previous());
  nextButton.addEventListener('click', () => playback.next());
  queueButton.addEventListener('click', () => app.queuePanel.toggle());
  muteButton.addEventListener('click', () => playback.toggleMute());
  shuffleButton.addEventListener('click', () => playback.setShuffle(!playback.shuffle));
  repeatButton.addEventListener('click', () => playback.cycleRepeat());

  // While the thumb is held, the bar shows the target time; the seek happens on release.
  let dragging = false;
  seek.addEventListener('pointerdown', () => { dragging = true; });
  seek.addEventListener('pointerup', () => { dragging = false; });
  seek.addEventListener('pointercancel', () => { dragging = false; });
  seek.addEventListener('input', () => {
    elapsed.textContent = duration(Number(seek.value));
  });
  seek.addEventListener('change', () => {
    dragging = false;
    playback.seek(Number(seek.value));
  });
  volume.addEventListener('input', () => playback.setVolume(Number(volume.value)));

  const paintTrack = () => {
    const track = playback.current;
    bar.classList.toggle('is-empty', !track);
    title.textContent = track ? track.title : 'Nothing playing';
    artist.textContent = track ? (track.artist ?? '') : 'Pick a track to start';
    coverSlot.replaceChildren(cover(track ? app.services.library.coverURL(track, 256) : null, { size: 'medium', lazy: false }));
    likeSlot.replaceChildren(track ? likeButton(app, track) : '');
    seek.disabled = !track;
    paintTime();
    paintState();
  };
  const paintTime = () => {
    const length = playback.duration;
    const now = playback.current ? playback.currentTime : 0;
    const known = Number.isFinite(length) && length > 0;
    seek.max = known ? String(length) : '0';
    if (!dragging) {
      seek.value = String(now);
      elapsed.textContent = duration(now);
    }
    total.textContent = known ? duration(length) : '–:––';
    seek.setAttribute('aria-valuetext', `${duration(now)} of ${known ? duration(length) : 'unknown'}`);
    const fraction = known ? Math.min(1, now / length) : 0;
    seek.style.setProperty('--progress', `${fraction * 100}%`);
    miniProgress.style.setProperty('--progress', `${fraction * 100}%`);
  };
  const paintState = () => {
    const playing = Boolean(playback.current) && !playback.paused;
    playButton.replaceChildren(icon(playing ? 'pause' : 'play'));
    playButton.setAttribute('aria-label', playing ? 'Pause' : 'Play');
    playButton.classList.toggle('is-buffering', playing && playback.buffering);
    previousButton.disabled = !playback.current;
    nextButton.disabled = !playback.queue.hasNext;
  };
  const REPEAT_LABELS = { off: 'Repeat: off', all: 'Repeat: all', one: 'Repeat: this track' };
  const paintModes = () => {
    shuffleButton.setAttribute('aria-pressed', String(playback.shuffle));
    shuffleButton.classList.toggle('is-active', playback.shuffle);
    shuffleButton.title = playback.shuffle ? 'Shuffle is on' : 'Shuffle is off';
    repeatButton.replaceChildren(icon(playback.repeat === 'one' ? 'repeatOne' : 'repeat'));
    repeatButton.setAttribute('aria-label', REPEAT_LABELS[playback.repeat]);
    repeatButton.title = REPEAT_LABELS[playback.repeat];
    repeatButton.dataset.mode = playback.repeat;
    repeatButton.classList.toggle('is-active', playback.repeat !== 'off');
    paintState();
  };
  const paintVolume = () => {
    const level = playback.muted ? 0 : playback.volume;
    volume.value = String(level);
    volume.style.setProperty('--progress', `${level * 100}%`);
    volume.setAttribute('aria-valuetext', `${Math.round(level * 100)}%`);
    muteButton.replaceChildren(icon(level === 0 ? 'mute' : 'volume'));
    muteButton.setAttribute('aria-label', playback.muted ? 'Unmute' : 'Mute');
  };

  playback.addEventListener('trackchange', paintTrack);
  playback.addEventListener('timeupdate', paintTime);
  playback.addEventListener('durationchange', paintTime);
  playback.addEventListener('seeked', paintTime);
  playback.addEventListener('statechange', paintState);
  playback.addEventListener('queuechange', paintState);
  playback.addEventListener('volumechange', paintVolume);
  playback.addEventListener('modechange', paintModes);
  playback.addEventListener('playbackerror', (event) => {
    app.toast.show(`Could not play “${event.detail.track?.title ?? 'the track'}”: ${event.detail.message}`, 'error');
    paintState();
  });
  paintTrack();
  paintVolume();
  paintModes();
  return bar;
}
