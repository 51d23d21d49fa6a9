// Infinite scroll with a real button underneath: the next page loads when the button comes
// into view, and a keyboard or screen-reader user can press it.

import { h } from '../dom.js';

/**
 * @param {(cursor) => Promise<{items: any[], next: any}>} loadPage answers items and the
 *   cursor of the next page (null at the end)
 * @param {(items: any[]) => void} render appends a page's items
 * @param {any} firstCursor
 * @returns {{element: HTMLElement, start: () => Promise}} the button row, and a start function
 */
export function pager(loadPage, render, firstCursor, { label = 'Load more' } = {}) {
  let cursor = firstCursor;
  let loading = null;
  const button = h('button', { type: 'button', class: 'button pager-button' }, label);
  const status = h('p', { class: 'pager-status', role: 'status' });
  const element = h('div', { class: 'pager' }, button, status);
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) loadNext();
  }, { rootMargin: '400px' });

  async function loadNext({ first = false } = {}) {
    if (loading || cursor === null) return loading;
    button.disabled = true;
    status.textContent = 'Loading…';
    loading = (async () => {
      try {
        const page = await loadPage(cursor);
        render(page.items);
        cursor = page.next;
        status.textContent = '';
      } catch (error) {
        // The first page failing is the page failing: the caller shows the error instead.
        if (first) throw error;
        status.textContent = `Could not load more: ${error.message}`;
        observer.disconnect();
      } finally {
        loading = null;
        button.disabled = false;
        button.hidden = cursor === null;
        if (cursor === null) observer.disconnect();
      }
    })();
    return loading;
  }
  button.addEventListener('click', () => {
    observer.observe(button);
    loadNext();
  });
  return {
    element,
    async start() {
      await loadNext({ first: true });
      if (cursor !== null) observer.observe(button);
    },
  };
}
