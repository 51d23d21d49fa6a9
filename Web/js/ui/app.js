// The application: builds the services, the player and the page shell, decides between
// the sign-in screen and the app, and renders the page for each route.

import { createServices } from '../services/index.js';
import { NetworkError, ApiError } from '../services/api-client.js';
import { NotSavedOfflineError } from '../services/cached-reader.js';
import { HTML5AudioPlayer } from '../player/html5-audio-player.js';
import { PlaybackController } from '../player/playback-controller.js';
import { MediaSessionBridge } from '../player/media-session.js';
import { QueueSync } from '../player/queue-sync.js';
import { Router } from './router.js';
import { h, statusMessage } from './dom.js';
import { Toaster } from './components/toast.js';
import { sideBar, tabBar, updateNavigation } from './components/navigation.js';
import { topBar } from './components/top-bar.js';
import { playerBar } from './components/player-bar.js';
import { queuePanel } from './components/queue-panel.js';
import { sidebarPlaylists } from './components/sidebar-playlists.js';
import { offlineBanner } from './components/offline-banner.js';
import { tapToPlayOverlay } from './components/tap-to-play.js';
import { focusPlayer, installKeyboardShortcuts } from './components/keyboard-shortcuts.js';
import { signInView } from './views/sign-in-view.js';
import { discoverView } from './views/discover-view.js';
import { searchView } from './views/search-view.js';
import { libraryView } from './views/library-view.js';
import { albumView } from './views/album-view.js';
import { artistView } from './views/artist-view.js';
import { playlistsView } from './views/playlists-view.js';
import { playlistView } from './views/playlist-view.js';
import { likedView } from './views/liked-view.js';
import { historyView } from './views/history-view.js';
import { settingsView } from './views/settings-view.js';
import { adminView } from './views/admin-view.js';
import { page } from './views/view-kit.js';

const ROUTES = [
  { pattern: '/', name: 'discover' },
  { pattern: '/search', name: 'search' },
  { pattern: '/library', name: 'library' },
  { pattern: '/library/:tab', name: 'library' },
  { pattern: '/albums/:id', name: 'album' },
  { pattern: '/artists/:id', name: 'artist' },
  { pattern: '/playlists', name: 'playlists' },
  { pattern: '/playlists/:id', name: 'playlist' },
  { pattern: '/liked', name: 'liked' },
  { pattern: '/history', name: 'history' },
  { pattern: '/settings', name: 'settings' },
  { pattern: '/admin', name: 'admin' },
];

const VIEWS = {
  discover: discoverView,
  search: searchView,
  library: libraryView,
  album: albumView,
  artist: artistView,
  playlists: playlistsView,
  playlist: playlistView,
  liked: likedView,
  history: historyView,
  settings: settingsView,
  admin: adminView,
  'not-found': async (app, route) => page('Page not found',
    statusMessage(`There is nothing at ${route.path}.`), h('a', { href: '/', class: 'button' }, 'Back to Home')),
};

/** What a missing page says, by what was asked for. */
const MISSING = {
  album: { title: 'Album not found', text: 'This album is not on this server. A rescan may have removed it, or the link is wrong.', href: '/library', link: 'Browse the library' },
  artist: { title: 'Artist not found', text: 'This artist is not on this server. A rescan may have removed them, or the link is wrong.', href: '/library/artists', link: 'Browse the artists' },
  playlist: { title: 'Playlist not found', text: 'This playlist does not exist, or it is private to someone else.', href: '/playlists', link: 'Your playlists' },
  other: { title: 'Not found', text: 'What this page shows is not on this server.', href: '/', link: 'Back to Home' },
};

export class App {
  constructor() {
    this.services = createServices();
    const { library, activity, auth, preferences } = this.services;
    this.player = new HTML5AudioPlayer(document);
    this.playback = new PlaybackController(this.player, { library, activity, auth, preferences });
    this.mediaSession = new MediaSessionBridge(this.playback, (track, size) => library.coverURL(track, size));
    this.queueSync = new QueueSync(this.playback, this.services.queue);
    // A playlist played here is one Home lists under "Recently played".
    this.playback.addEventListener('trackchange', () => {
      const context = this.playback.context;
      if (context?.startsWith('playlist:')) this.services.recentPlaylists.note(auth.user?.id, context.slice('playlist:'.length));
    });
    this.router = new Router(ROUTES);
    this.toast = new Toaster(document.getElementById('toasts'));
    this.installPrompt = null;
    this.signedIn = false;
    this.routerStarted = false;
    this.viewAbort = null;
    this.renderedOffline = false;
    this.firstRender = true;
  }

  async start() {
    this.#buildShell();
    installKeyboardShortcuts(this);
    const { auth, connectivity } = this.services;
    auth.addEventListener('signedout', (event) => {
      if (!this.signedIn) return;
      this.#leave(event.detail.reason === 'expired' ? 'Your session ended. Sign in again to continue.' : null);
    });
    connectivity.addEventListener('change', (event) => {
      // Back online after showing saved copies: show the live page again.
      if (event.detail.online && this.renderedOffline && this.signedIn) this.router.refresh();
    });
    this.router.addEventListener('route', (event) => this.#render(event.detail));
    window.addEventListener('beforeinstallprompt', (event) => {
      event.preventDefault();
      this.installPrompt = event;
    });

    const query = new URLSearchParams(location.search);
    const afterGoogle = query.has('signed_in');
    // A failed Google sign-in comes back as /?auth_error=<message>.
    const googleError = query.get('auth_error');
    this.#dropQuery(['signed_in', 'auth_error']);
    let user = null;
    try {
      user = await auth.restore(afterGoogle);
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      // The server is unreachable: open with the last account's saved copies, if any.
      user = auth.lastUser();
      if (user) auth.user = user;
    }
    document.getElementById('boot')?.remove();
    if (user) await this.#enter(user);
    else if (googleError) this.#showSignIn(`Google sign-in did not work: ${googleError}`);
    else this.#showSignIn(connectivity.online ? null : 'The server cannot be reached right now. Check your connection or the server address.');
  }

  /** Signs out here and on the server, and forgets this account's saved copies. */
  async signOut() {
    await this.services.auth.signOut();
    await this.services.store.clear().catch(() => {});
    // The auth service's `signedout` event has usually left the app already.
    if (this.signedIn) this.#leave(null);
  }

  #buildShell() {
    const root = document.getElementById('app');
    this.main = h('main', { id: 'main', class: 'main', tabindex: '-1' });
    this.queuePanel = queuePanel(this);
    this.sidebarPlaylists = sidebarPlaylists(this);
    root.replaceChildren(
      h('a', { class: 'skip-link', href: '#main', dataset: { external: '' }, onclick: (event) => { event.preventDefault(); this.main.focus(); } }, 'Skip to content'),
      h('a', { class: 'skip-link', href: '#player', dataset: { external: '' }, 'aria-keyshortcuts': 'Alt+P', onclick: (event) => { event.preventDefault(); focusPlayer(); } }, 'Skip to the player (Alt+P)'),
      offlineBanner(this),
      sideBar(this.sidebarPlaylists.element),
      topBar(this),
      this.main,
      this.queuePanel.panel,
      playerBar(this),
      tabBar(),
      tapToPlayOverlay(this));
  }

  async #enter(user) {
    this.signedIn = true;
    await this.services.store.useAccount(user.id).catch(() => {});
    document.getElementById('auth-root').replaceChildren();
    document.getElementById('app').hidden = false;
    document.documentElement.classList.add('signed-in');
    this.sidebarPlaylists.load();
    if (this.routerStarted) this.router.refresh();
    else {
      this.routerStarted = true;
      this.router.start();
    }
    // A shared track starts a queue of its own; otherwise the queue saved last (here or on
    // another device) is put back, paused.
    const sharedTrack = new URLSearchParams(location.search).has('track');
    this.#openSharedLink();
    if (!sharedTrack) this.services.likes.observe(await this.queueSync.restore(user.id));
    if (this.signedIn) this.queueSync.start();
  }

  #leave(notice) {
    this.signedIn = false;
    this.viewAbort?.abort();
    // Emptying the player at sign-out is not a new queue to save.
    this.queueSync.stop();
    this.queuePanel.toggle(false);
    this.sidebarPlaylists.clear();
    this.playback.stop();
    this.services.likes.forget();
    document.documentElement.classList.remove('signed-in');
    this.#showSignIn(notice);
  }

  #showSignIn(notice) {
    document.getElementById('app').hidden = true;
    const screen = signInView(this, { notice, onSignedIn: (user) => this.#enter(user) });
    document.getElementById('auth-root').replaceChildren(screen);
    document.title = 'Sign in · MySpotify';
  }

  /** A page for something that is not (or no longer) on the server, with ways back. */
  #missingPage(route) {
    const missing = MISSING[route?.name] ?? MISSING.other;
    const back = h('button', { type: 'button', class: 'button', onclick: () => history.back() }, 'Go back');
    return page(missing.title,
      statusMessage(missing.text),
      h('div', { class: 'toolbar' },
        history.length > 1 ? back : null,
        h('a', { href: missing.href, class: 'button button-primary' }, missing.link)));
  }

  /** `?track=ID` starts that track; `?playlist=ID` opens that playlist. */
  async #openSharedLink() {
    const query = new URLSearchParams(location.search);
    const trackId = query.get('track');
    const playlistId = query.get('playlist');
    if (playlistId) {
      this.#dropQuery(['playlist']);
      this.router.navigate(`/playlists/${encodeURIComponent(playlistId)}`, { replace: true });
    }
    if (!trackId) return;
    this.#dropQuery(['track']);
    try {
      const track = await this.services.library.track(trackId);
      this.services.likes.observe([track]);
      await this.playback.playTrack(track);
    } catch (error) {
      this.toast.error('Could not open the shared track', error instanceof ApiError && error.status === 404
        ? new Error('it is not on this server')
        : error);
    }
  }

  /** Removes query parameters from the address without a navigation. */
  #dropQuery(names) {
    const url = new URL(location.href);
    for (const name of names) url.searchParams.delete(name);
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }

  async #render(route) {
    if (!this.signedIn) return;
    this.viewAbort?.abort();
    const controller = new AbortController();
    this.viewAbort = controller;
    updateNavigation(route.name, this.services.auth.isAdmin);
    const main = this.main;
    main.dataset.view = route.name;
    main.dataset.state = 'loading';
    main.setAttribute('aria-busy', 'true');
    // Show "Loading" only when it takes long enough to notice, to avoid a flash.
    const loading = setTimeout(() => main.replaceChildren(statusMessage('Loading…')), 200);
    let content;
    try {
      content = await VIEWS[route.name](this, route, controller.signal);
      main.dataset.state = 'ready';
    } catch (error) {
      content = this.#errorPage(error, route);
      main.dataset.state = 'error';
    } finally {
      clearTimeout(loading);
    }
    if (controller.signal.aborted) return;
    this.renderedOffline = !this.services.connectivity.online;
    main.replaceChildren(content);
    main.removeAttribute('aria-busy');
    main.scrollTop = 0;
    const heading = main.querySelector('h1');
    document.title = heading ? `${heading.textContent} · MySpotify` : 'MySpotify';
    // Move focus to the new page's heading so screen readers announce it; not on the
    // first page, where focus belongs to the top of the document, and not away from the
    // search field, where the person is still typing while the results change.
    const typing = document.activeElement?.id === 'search-input';
    if (!this.firstRender && !typing && heading && !main.contains(document.activeElement) && !document.querySelector('dialog[open]')) {
      heading.focus({ preventScroll: true });
    }
    this.firstRender = false;
  }

  #errorPage(error, route) {
    if (error instanceof NotSavedOfflineError) return page('Offline', statusMessage(error.message, 'error'));
    if (error instanceof ApiError && error.status === 404) return this.#missingPage(route);
    const retry = h('button', { type: 'button', class: 'button', onclick: () => this.router.refresh() }, 'Try again');
    return page('Something went wrong', statusMessage(error.message || String(error), 'error'), retry);
  }
}
