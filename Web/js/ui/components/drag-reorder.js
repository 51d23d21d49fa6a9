// Reordering rows by dragging their handle, with pointer events so it works with a mouse,
// a pen and a finger alike (HTML5 drag and drop does not work on most touch screens).

/**
 * Makes the `.drag-handle` of each row of `list` draggable; `onMove(from, to)` is called
 * with the row's positions once dropped somewhere else.
 */
export function enableDragReorder(list, onMove) {
  list.addEventListener('pointerdown', (event) => {
    const handle = event.target.closest('.drag-handle');
    if (!handle || event.button !== 0) return;
    const row = handle.closest('li');
    const rows = [...list.children];
    const from = rows.indexOf(row);
    if (from < 0) return;
    event.preventDefault();
    handle.setPointerCapture(event.pointerId);
    row.classList.add('is-dragging');
    list.classList.add('is-reordering');

    const move = (moveEvent) => {
      // Put the row before the first other row whose middle is below the pointer.
      const others = [...list.children].filter((other) => other !== row);
      const before = others.find((other) => {
        const box = other.getBoundingClientRect();
        return moveEvent.clientY < box.top + box.height / 2;
      });
      if (before) list.insertBefore(row, before);
      else list.append(row);
    };
    const drop = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', drop);
      handle.removeEventListener('pointercancel', drop);
      row.classList.remove('is-dragging');
      list.classList.remove('is-reordering');
      const to = [...list.children].indexOf(row);
      if (to !== from) onMove(from, to);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', drop);
    handle.addEventListener('pointercancel', drop);
  });
}
