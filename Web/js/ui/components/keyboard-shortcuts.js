// Page-wide keys: Space plays or pauses, "/" jumps to the search field, as in most players.
// Ignored while typing in a field or when the focused control uses the key itself.

const OWN_KEYS = 'input, textarea, select, button, a[href], [contenteditable="true"], dialog[open] *';

export function installKeyboardShortcuts(app) {
  document.addEventListener('keydown', (event) => {
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
