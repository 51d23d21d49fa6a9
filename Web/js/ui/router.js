// Client-side routes with the History API. The server answers index.html for any path
// without a file extension, so /albums/ID or /admin can be opened or reloaded directly.

/** Paths the server handles itself: links to them are followed, not routed. */
const SERVER_PATHS = ['/auth/', '/api/', '/stream/', '/system/', '/healthz'];

export class Router extends EventTarget {
  /**
   * @param {Array<{pattern: string, name: string}>} routes patterns such as '/albums/:id'
   */
  constructor(routes) {
    super();
    this.routes = routes.map((route) => ({ ...route, matcher: compile(route.pattern) }));
    this.current = null;
  }

  /** Starts following links and the back button, and announces the current location. */
  start() {
    document.addEventListener('click', (event) => this.#intercept(event));
    window.addEventListener('popstate', () => this.#resolve());
    this.#resolve();
  }

  /** Goes to `path` (with its query string); `replace` keeps it out of the history. */
  navigate(path, { replace = false } = {}) {
    const target = new URL(path, location.origin);
    const now = location.pathname + location.search;
    if (target.pathname + target.search === now && !replace) return this.#resolve();
    history[replace ? 'replaceState' : 'pushState'](null, '', target.pathname + target.search + target.hash);
    return this.#resolve();
  }

  /** Re-renders the current location (after signing in, or when back online). */
  refresh() { this.#resolve(); }

  #intercept(event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest?.('a[href]');
    if (!link || link.target || link.hasAttribute('download') || link.dataset.external !== undefined) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || SERVER_PATHS.some((prefix) => url.pathname.startsWith(prefix))) return;
    event.preventDefault();
    this.navigate(url.pathname + url.search + url.hash);
  }

  #resolve() {
    const path = location.pathname;
    const query = new URLSearchParams(location.search);
    for (const route of this.routes) {
      const params = route.matcher(path);
      if (params) {
        this.current = { name: route.name, path, params, query };
        this.dispatchEvent(new CustomEvent('route', { detail: this.current }));
        return this.current;
      }
    }
    this.current = { name: 'not-found', path, params: {}, query };
    this.dispatchEvent(new CustomEvent('route', { detail: this.current }));
    return this.current;
  }
}

/** '/albums/:id' -> a function answering {id} for '/albums/abc', or null. */
function compile(pattern) {
  const names = [];
  const source = pattern
    .split('/')
    .map((part) => {
      if (part.startsWith(':')) {
        names.push(part.slice(1));
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const expression = new RegExp(`^${source}/?$`);
  return (path) => {
    const match = expression.exec(path);
    if (!match) return null;
    return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1])]));
  };
}
