// The administrator's routes (403 for anyone else).

export class AdminService {
  /** @param {import('./api-client.js').ApiClient} client */
  constructor(client) {
    this.client = client;
  }

  storage() { return this.client.get('/api/admin/storage'); }

  users() { return this.client.get('/api/admin/users'); }

  createUser(email, password, role = 'user') {
    return this.client.post('/api/admin/users', { email, password, role });
  }

  /** `change` holds any of role ("admin"|"user") and disabled. */
  updateUser(id, change) {
    return this.client.patch(`/api/admin/users/${encodeURIComponent(id)}`, change);
  }

  deleteUser(id) { return this.client.delete(`/api/admin/users/${encodeURIComponent(id)}`); }

  /** Sets a new password for the account (every one of its sessions ends). */
  setPassword(id, password) {
    return this.client.put(`/api/admin/users/${encodeURIComponent(id)}/password`, { password });
  }

  /** Lifts an account's sign-in locks (too many wrong passwords). */
  unlockUser(id) { return this.client.delete(`/api/admin/users/${encodeURIComponent(id)}/lockout`); }

  sources() { return this.client.get('/api/admin/sources'); }

  scanProgress() { return this.client.get('/api/admin/scan'); }

  startScan(full = false) {
    return this.client.request('POST', '/api/admin/scan', { query: full ? { full: 'true' } : null });
  }

  scanFailures() { return this.client.get('/api/admin/scan/failures'); }

  cache() { return this.client.get('/api/admin/cache'); }

  deleteCached(trackId) { return this.client.delete(`/api/admin/cache/${encodeURIComponent(trackId)}`); }
}
