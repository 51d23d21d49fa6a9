// The service worker: keeps the app shell (this folder's files) so the app opens without
// the server, and the covers it has shown. Data for offline browsing is in IndexedDB (see
// js/services/offline-store.js); audio and API calls are never cached here.
//
// Network first: when the server answers, the page is always the current version (and the
// copy is refreshed); when it cannot be reached, the saved copy is used.

const VERSION = 'v1';
const SHELL_CACHE = `myspotify-shell-${VERSION}`;
const COVER_CACHE = 'myspotify-covers';
const MAXIMUM_COVERS = 400;
/** A navigation waits this long for the server before the saved page is used. */
const NAVIGATION_TIMEOUT_MS = 4000;

// Every file of the app. Tests/EndToEnd/web checks this list against the Web/ folder.
const SHELL = [
  '/index.html',
  '/manifest.webmanifest',
  '/css/base.css',
  '/css/layout.css',
  '/css/components.css',
  '/css/player.css',
  '/css/views.css',
  '/icons/icon.svg',
  '/icons/icon-maskable.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/icon-maskable-512.png',
  '/js/main.js',
  '/js/services/index.js',
  '/js/services/api-client.js',
  '/js/services/preferences.js',
  '/js/services/auth-service.js',
  '/js/services/offline-store.js',
  '/js/services/cached-reader.js',
  '/js/services/library-service.js',
  '/js/services/search-service.js',
  '/js/services/playlist-service.js',
  '/js/services/likes-service.js',
  '/js/services/activity-service.js',
  '/js/services/admin-service.js',
  '/js/services/connectivity.js',
  '/js/services/share-service.js',
  '/js/services/clipboard.js',
  '/js/services/app-credentials-service.js',
  '/js/services/lyrics-service.js',
  '/js/services/queue-service.js',
  '/js/services/recent-playlists.js',
  '/js/player/audio-player.js',
  '/js/player/html5-audio-player.js',
  '/js/player/play-queue.js',
  '/js/player/play-reporter.js',
  '/js/player/playback-controller.js',
  '/js/player/queue-sync.js',
  '/js/player/media-session.js',
  '/js/player/stream-quality.js',
  '/js/ui/app.js',
  '/js/ui/router.js',
  '/js/ui/dom.js',
  '/js/ui/format.js',
  '/js/ui/icons.js',
  '/js/ui/components/album-cards.js',
  '/js/ui/components/cover.js',
  '/js/ui/components/dialogs.js',
  '/js/ui/components/keyboard-shortcuts.js',
  '/js/ui/components/drag-reorder.js',
  '/js/ui/components/like-button.js',
  '/js/ui/components/lyrics-panel.js',
  '/js/ui/components/navigation.js',
  '/js/ui/components/offline-banner.js',
  '/js/ui/components/pager.js',
  '/js/ui/components/play-buttons.js',
  '/js/ui/components/player-bar.js',
  '/js/ui/components/playlist-picker.js',
  '/js/ui/components/queue-panel.js',
  '/js/ui/components/share-flow.js',
  '/js/ui/components/sidebar-playlists.js',
  '/js/ui/components/shelf.js',
  '/js/ui/components/copy-field.js',
  '/js/ui/components/tap-to-play.js',
  '/js/ui/components/toast.js',
  '/js/ui/components/top-bar.js',
  '/js/ui/components/track-keys.js',
  '/js/ui/components/track-list.js',
  '/js/ui/components/track-menu.js',
  '/js/ui/views/view-kit.js',
  '/js/ui/views/sign-in-view.js',
  '/js/ui/views/discover-view.js',
  '/js/ui/views/search-view.js',
  '/js/ui/views/library-view.js',
  '/js/ui/views/album-view.js',
  '/js/ui/views/artist-view.js',
  '/js/ui/views/playlists-view.js',
  '/js/ui/views/playlist-view.js',
  '/js/ui/views/liked-view.js',
  '/js/ui/views/history-view.js',
  '/js/ui/views/password-section.js',
  '/js/ui/views/settings-view.js',
  '/js/ui/views/data-saver-section.js',
  '/js/ui/views/apps-section.js',
  '/js/ui/views/admin-view.js',
];

/** Paths the server answers itself; only covers among them are kept. */
const SERVER_PATHS = ['/api/', '/auth/', '/stream/', '/system/', '/healthz'];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL_CACHE);
    // `reload` skips the HTTP cache so the saved shell is the server's current one.
    await cache.addAll(SHELL.map((path) => new Request(path, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('myspotify-shell-') && name !== SHELL_CACHE) await caches.delete(name);
    }
    // Control the page that installed us, so it works offline without a reload.
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/covers/')) {
    event.respondWith(coverFirstFromNetwork(request));
    return;
  }
  if (SERVER_PATHS.some((prefix) => url.pathname.startsWith(prefix))) return;
  if (request.mode === 'navigate') {
    // Every app path is index.html (the server answers it for any extension-less path).
    event.respondWith(networkFirst(request, '/index.html', NAVIGATION_TIMEOUT_MS));
    return;
  }
  event.respondWith(networkFirst(request, url.pathname, null));
});

async function networkFirst(request, cacheKey, timeoutMs) {
  const cache = await caches.open(SHELL_CACHE);
  try {
    const response = await withTimeout(fetch(request), timeoutMs);
    if (response.ok && response.type === 'basic') await cache.put(cacheKey, response.clone());
    return response;
  } catch (error) {
    const saved = await cache.match(cacheKey);
    if (saved) return saved;
    throw error;
  }
}

async function coverFirstFromNetwork(request) {
  const cache = await caches.open(COVER_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(request, response.clone());
      trim(cache);
    }
    return response;
  } catch (error) {
    const saved = await cache.match(request);
    if (saved) return saved;
    throw error;
  }
}

async function trim(cache) {
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - MAXIMUM_COVERS))) await cache.delete(key);
}

function withTimeout(promise, milliseconds) {
  if (!milliseconds) return promise;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), milliseconds);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error) => { clearTimeout(timer); reject(error); });
  });
}
