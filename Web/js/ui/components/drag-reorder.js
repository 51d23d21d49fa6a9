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
    const from = [...list.children].indexOf(row);
    if (from < 0) return;
    event.preventDefault();
    row.classList.add('is-dragging');
    list.classList.add('is-reordering');
    const pointer = event.pointerId;

    const move = (moveEvent) => {
      if (moveEvent.pointerId !== pointer) return;
      // Put the row before the first other row whose middle is below the pointer.
      const others = [...list.children].filter((other) => other !== row);
      const before = others.find((other) => {
        const box = other.getBoundingClientRect();
        return moveEvent.clientY < box.top + box.height / 2;
      });
      if (before) {
        if (row.nextElementSibling !== before) list.insertBefore(row, before);
      } else if (list.lastElementChild !== row) {
        list.append(row);
      }
    };
    // On the window, not the handle: moving the row in the document releases a pointer
    // capture, and the release must still be seen.
    const drop = (upEvent) => {
      if (upEvent.pointerId !== pointer) return;
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', drop);
      window.removeEventListener('pointercancel', drop);
      row.classList.remove('is-dragging');
      list.classList.remove('is-reordering');
      const to = [...list.children].indexOf(row);
      if (to !== from) onMove(from, to);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', drop);
    window.addEventListener('pointercancel', drop);
  });
}
