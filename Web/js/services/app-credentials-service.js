// What the signed-in person types into a phone or desktop app that speaks Subsonic
// (Symfonium, Tempo, DSub...): the server's address, the user name, and the app password
// and API key, which the server makes (never chosen by hand) and can replace or remove.

export class AppCredentialsService {
  /** @param {import('./api-client.js').ApiClient} client */
  constructor(client) {
    this.client = client;
  }

  /** `{username, server_url, app_password?, api_key?}`: the last two only once made. */
  get() { return this.client.get('/api/me/subsonic'); }

  /** Makes an app password and an API key, or new ones in place of the old (which stop at once). */
  rotate() { return this.client.post('/api/me/subsonic'); }

  /** Removes both: apps using them are signed out at once. */
  revoke() { return this.client.delete('/api/me/subsonic'); }
}
