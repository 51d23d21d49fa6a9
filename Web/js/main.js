// Entry point: start the app, and install the service worker that keeps the app shell
// available offline.

import { App } from './ui/app.js';

const app = new App();
app.start().catch((error) => {
  document.getElementById('boot')?.replaceChildren(`MySpotify could not start: ${error.message}`);
  console.error(error);
});

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error) => {
    // The app works without it; only offline opening is lost.
    console.warn('The service worker could not be installed:', error);
  });
}
