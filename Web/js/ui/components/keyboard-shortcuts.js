// Page-wide keys: Space plays or pauses, "/" jumps to the search field, as in most players;
// Alt+P takes the keyboard to the player from anywhere (its play button). Space and "/" are
// ignored while typing in a field or when the focused control uses the key itself.

const OWN_KEYS = 'input, textarea, select, button, a[href], [contenteditable="true"], dialog[open] *';

/** Moves the focus to the player's play button (the mini-player's on a phone). */
export function focusPlayer() {
  document.getElementById('play-pause')?.focus();
}

export function installKeyboardShortcuts(app) {
  document.addEventListener('keydown', (event) => {
    if (event.altKey && !event.ctrlKey && !event.metaKey && (event.code === 'KeyP' || event.key.toLowerCase() === 'p') && app.signedIn) {
      event.preventDefault();
      focusPlayer();
      return;
    }
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target instanceof Element && event.target.closest(OWN_KEYS)) return;
    if (event.key === ' ' && app.signedIn && app.playback.current) {
      event.preventDefault();
      app.playback.toggle();
    } else if (event.key === '/') {
      const search = document.getElementById('search-input');
      if (search && search.offsetParent !== null) {
        event.preventDefault();
        search.focus();
      }
    }
  });
}
