// Builds the service layer once: the UI receives these objects and nothing else that
// speaks to the server.

import { ApiClient } from './api-client.js';
import { AuthService } from './auth-service.js';
import { CachedReader } from './cached-reader.js';
import { OfflineStore } from './offline-store.js';
import { LibraryService } from './library-service.js';
import { SearchService } from './search-service.js';
import { PlaylistService } from './playlist-service.js';
import { LikesService } from './likes-service.js';
import { ActivityService } from './activity-service.js';
import { AdminService } from './admin-service.js';
import { Connectivity } from './connectivity.js';
import { ShareService } from './share-service.js';
import { LyricsService } from './lyrics-service.js';
import { QueueService } from './queue-service.js';
import { Preferences } from './preferences.js';
import { AppCredentialsService } from './app-credentials-service.js';
import { Clipboard } from './clipboard.js';
import { RecentPlaylists } from './recent-playlists.js';

/** Every service, wired to one API client whose base URL comes from the settings. */
export function createServices() {
  const preferences = new Preferences();
  const client = new ApiClient({ baseURL: preferences.get('baseURL', '') });
  const store = new OfflineStore();
  const reader = new CachedReader(client, store);
  return {
    preferences,
    client,
    store,
    connectivity: new Connectivity(client),
    auth: new AuthService(client, preferences),
    library: new LibraryService(client, reader),
    search: new SearchService(client),
    playlists: new PlaylistService(client, reader),
    likes: new LikesService(client, reader),
    activity: new ActivityService(client, reader),
    lyrics: new LyricsService(reader),
    queue: new QueueService(client),
    admin: new AdminService(client),
    share: new ShareService(),
    clipboard: new Clipboard(),
    appCredentials: new AppCredentialsService(client),
    recentPlaylists: new RecentPlaylists(preferences),
  };
}
