// What a list of tracks does with the keyboard and beyond a click: the list is one Tab
// stop (the control last focused in it, at first the first track's play button); Up and
// Down move between tracks, Left and Right between a track's controls, Home and End to the
// ends; the menu key (or Shift+F10), a right click and a long press open the track's menu.

/** How long a finger rests on a row before its menu opens. */
const LONG_PRESS_MS = 550;
/** A finger that moves farther than this (px) is scrolling, not pressing. */
const LONG_PRESS_SLOP = 10;
const CONTROLS = 'button:not(:disabled), a[href], input:not(:disabled)';

let swallowUntil = 0;
let swallowing = false;

/**
 * The finger lifts over the menu's backdrop (or the row): that click is the press's end,
 * not a choice, so it is dropped wherever it lands. One listener for the page.
 */
function swallowNextTouchClick() {
  swallowUntil = Date.now() + 1000;
  if (swallowing) return;
  swallowing = true;
  document.addEventListener('click', (event) => {
    if (Date.now() < swallowUntil && event.pointerType === 'touch') {
      event.preventDefault();
      event.stopPropagation();
      swallowUntil = 0;
    }
  }, true);
}

/**
 * @param {HTMLElement} list the list; its rows are its children
 * @param {(row: HTMLElement) => void} openMenu opens the menu of a row's track
 */
export function enableTrackKeys(list, openMenu) {
  const rows = () => [...list.children];
  const controls = (row) => [...row.querySelectorAll(CONTROLS)];
  const home = (row) => row?.querySelector('.track-play') ?? controls(row ?? list)[0] ?? null;

  // One Tab stop: every control out of the tab order but the current one.
  let current = home(list.firstElementChild);
  for (const control of list.querySelectorAll(CONTROLS)) control.tabIndex = control === current ? 0 : -1;
  const makeCurrent = (control) => {
    if (!control || control === current) return;
    if (current) current.tabIndex = -1;
    control.tabIndex = 0;
    current = control;
  };
  list.addEventListener('focusin', (event) => {
    if (event.target instanceof HTMLElement && event.target.matches(CONTROLS)) makeCurrent(event.target);
  });
  const focus = (control) => {
    if (!control) return;
    makeCurrent(control);
    control.focus();
  };

  list.addEventListener('keydown', (event) => {
    const row = event.target.closest?.('li');
    if (!row || row.parentElement !== list) return;
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      openMenu(row);
      return;
    }
    // Alt+arrows belong to reordering; modified keys to the browser.
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const all = rows();
    const at = all.indexOf(row);
    let target = null;
    if (event.key === 'ArrowDown') target = home(all[at + 1]);
    else if (event.key === 'ArrowUp') target = home(all[at - 1]);
    else if (event.key === 'Home' && !event.target.matches('input')) target = home(all[0]);
    else if (event.key === 'End' && !event.target.matches('input')) target = home(all.at(-1));
    else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      const mine = controls(row);
      const index = mine.indexOf(event.target);
      target = mine[index + (event.key === 'ArrowRight' ? 1 : -1)] ?? null;
    }
    if (target) {
      event.preventDefault();
      focus(target);
    }
  });

  list.addEventListener('contextmenu', (event) => {
    const row = event.target.closest?.('li');
    // A link keeps the browser's own menu (open in a new tab...).
    if (!row || row.parentElement !== list || event.target.closest('a[href]')) return;
    event.preventDefault();
    if (Date.now() - pressedAt < 1000) return;
    openMenu(row);
  });

  // Touch: a long press opens the menu (iOS sends no contextmenu); the click that ends it
  // must not also play the track.
  let timer = null;
  let start = null;
  let pressedAt = 0;
  const cancel = (event) => {
    // Only the finger that pressed (a mouse pointer leaving says nothing about it).
    if (event && start && event.pointerId !== start.id) return;
    clearTimeout(timer);
    timer = null;
  };
  list.addEventListener('pointerdown', (event) => {
    if (event.pointerType !== 'touch' || event.target.closest('.drag-handle')) return;
    const row = event.target.closest('li');
    if (!row || row.parentElement !== list) return;
    cancel();
    start = { x: event.clientX, y: event.clientY, id: event.pointerId };
    timer = setTimeout(() => {
      timer = null;
      pressedAt = Date.now();
      swallowNextTouchClick();
      openMenu(row);
    }, LONG_PRESS_MS);
  });
  list.addEventListener('pointermove', (event) => {
    if (timer && start && event.pointerId === start.id && Math.hypot(event.clientX - start.x, event.clientY - start.y) > LONG_PRESS_SLOP) cancel();
  });
  for (const name of ['pointerup', 'pointercancel']) list.addEventListener(name, cancel);

}
