import GRDB

/// The catalog's schema, one named migration per change. A migration is never edited
/// once it has shipped: add a new one.
enum CatalogMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-catalog", migrate: createCatalog)
        migrator.registerMigration("v2-accounts", migrate: addAccounts)
        migrator.registerMigration("v3-unplayable-tracks", migrate: addUnplayableTracks)
        migrator.registerMigration("v4-ratings-and-stars", migrate: addRatingsAndStars)
        migrator.registerMigration("v5-subsonic-credentials", migrate: addSubsonicCredentials)
        migrator.registerMigration("v6-browse-indexes", migrate: addBrowseIndexes)
        migrator.registerMigration("v7-playlist-comments", migrate: addPlaylistComments)
        return migrator
    }

    /// The specification's tables (`tracks`, `playlists`, `playlist_tracks`, `users`,
    /// `user_activity`) with their names and meanings, plus what a real library needs.
    private static func createCatalog(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE tracks (
                id TEXT PRIMARY KEY NOT NULL,          -- internal UUID, stable for the life of the track
                title TEXT NOT NULL,
                artist TEXT,
                album TEXT,
                source_type TEXT NOT NULL,             -- provider id: 'local', 'youtube', 'soundcloud'
                remote_id TEXT NOT NULL,               -- the provider's reference (library-relative path for local)
                local_path TEXT,                       -- where the bytes are on this disk, relative to library/ or cache/
                is_cached BOOLEAN NOT NULL DEFAULT 0,  -- bytes are on this disk (always 1 for library files)
                duration INTEGER,                      -- seconds
                added_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
                album_artist TEXT,
                genre TEXT,
                year INTEGER,
                track_number INTEGER,
                disc_number INTEGER,
                bitrate INTEGER,                       -- kbit/s
                format TEXT,
                file_size INTEGER,
                file_mtime_ns INTEGER,
                has_embedded_cover BOOLEAN NOT NULL DEFAULT 0,
                folder_image TEXT,                     -- relative to the provider's root
                artwork_url TEXT,                      -- remote thumbnail
                album_id TEXT,
                artist_id TEXT,
                updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
                UNIQUE (source_type, remote_id)
            );
            CREATE INDEX tracks_album_id ON tracks(album_id);
            CREATE INDEX tracks_artist_id ON tracks(artist_id);
            CREATE INDEX tracks_added_at ON tracks(added_at);

            -- Derived from tracks after every scan that changed something.
            CREATE TABLE albums (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                artist TEXT,
                artist_id TEXT,
                year INTEGER,
                genre TEXT,
                track_count INTEGER NOT NULL,
                duration INTEGER NOT NULL,
                cover_track_id TEXT,
                added_at DATETIME NOT NULL
            );
            CREATE INDEX albums_name ON albums(name COLLATE NOCASE);
            CREATE INDEX albums_added_at ON albums(added_at);
            CREATE TABLE artists (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                album_count INTEGER NOT NULL,
                track_count INTEGER NOT NULL
            );
            CREATE INDEX artists_name ON artists(name COLLATE NOCASE);

            -- Files the scanner could not read, so an unchanged broken file is not reopened
            -- on every rescan, and the admin can see what is wrong.
            CREATE TABLE scan_failures (
                source_type TEXT NOT NULL,
                path TEXT NOT NULL,
                file_size INTEGER NOT NULL,
                file_mtime_ns INTEGER NOT NULL,
                reason TEXT NOT NULL,
                failed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
                PRIMARY KEY (source_type, path)
            );

            CREATE TABLE users (
                id TEXT PRIMARY KEY NOT NULL,
                username TEXT UNIQUE NOT NULL,
                hashed_password TEXT NOT NULL,
                role TEXT NOT NULL DEFAULT 'user',
                created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
            );
            CREATE TABLE playlists (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                is_offline BOOLEAN NOT NULL DEFAULT 0,
                owner_id TEXT REFERENCES users(id) ON DELETE CASCADE,
                is_public BOOLEAN NOT NULL DEFAULT 0,
                created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
            );
            CREATE TABLE playlist_tracks (
                playlist_id TEXT NOT NULL REFERENCES playlists(id) ON DELETE CASCADE,
                track_id TEXT NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                PRIMARY KEY (playlist_id, position)
            );
            CREATE TABLE user_activity (
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                track_id TEXT NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
                play_count INTEGER NOT NULL DEFAULT 0,
                is_liked BOOLEAN NOT NULL DEFAULT 0,
                last_played DATETIME,
                PRIMARY KEY (user_id, track_id)
            );
            """)
        // Search: case- and diacritic-insensitive Unicode words, kept in sync by triggers.
        try db.create(virtualTable: "tracks_fts", using: FTS5()) { table in
            table.synchronize(withTable: "tracks")
            table.tokenizer = .unicode61(diacritics: .remove)
            table.prefixes = [2, 3]
            table.column("title")
            table.column("artist")
            table.column("album")
            table.column("album_artist")
            table.column("genre")
        }
    }

    /// Accounts (sessions, disabled users, Google identities) and the users' own data:
    /// when a like or a cached file happened, and every single play so periods can be asked for.
    private static func addAccounts(_ db: Database) throws {
        try db.execute(sql: """
            -- username holds the email address, lower-cased.
            ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT 0;
            ALTER TABLE users ADD COLUMN google_subject TEXT;
            CREATE UNIQUE INDEX users_google_subject ON users(google_subject) WHERE google_subject IS NOT NULL;

            -- One row per sign-in (a device). Only hashes of refresh tokens are stored; the
            -- previous one is kept to recognise a replayed (stolen) token and end the session.
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY NOT NULL,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                refresh_hash TEXT NOT NULL UNIQUE,
                previous_hash TEXT,
                created_at DATETIME NOT NULL,
                last_used_at DATETIME NOT NULL,
                expires_at DATETIME NOT NULL,
                revoked_at DATETIME
            );
            CREATE INDEX sessions_user ON sessions(user_id);
            CREATE INDEX sessions_previous_hash ON sessions(previous_hash);

            ALTER TABLE playlists ADD COLUMN updated_at DATETIME;
            CREATE INDEX playlists_owner ON playlists(owner_id);
            CREATE INDEX playlists_public ON playlists(is_public) WHERE is_public;

            ALTER TABLE user_activity ADD COLUMN liked_at DATETIME;
            CREATE INDEX user_activity_liked ON user_activity(user_id, liked_at) WHERE is_liked;

            CREATE TABLE plays (
                id INTEGER PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                track_id TEXT NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
                played_at DATETIME NOT NULL
            );
            CREATE INDEX plays_user_time ON plays(user_id, played_at);

            ALTER TABLE tracks ADD COLUMN cached_at DATETIME;
            CREATE INDEX tracks_cached_at ON tracks(cached_at) WHERE cached_at IS NOT NULL;
            """)
    }

    /// A library track whose file stopped being valid audio (a rescan could not read it, or
    /// it became a link out of the library) keeps its row, and so its place in playlists
    /// and likes, but is not streamed until a rescan reads it well again. NULL: playable.
    private static func addUnplayableTracks(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE tracks ADD COLUMN unplayable_reason TEXT")
    }

    /// What phone apps let people mark besides liking a track: a rating of 1 to 5 for a
    /// track, and a star and a rating for an album or an artist (Subsonic's star/setRating).
    private static func addRatingsAndStars(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE user_activity ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 5);
            -- kind is 'album' or 'artist'; item_id the album's or artist's id, which is
            -- derived from names, so a mark survives a rescan that rebuilds albums.
            CREATE TABLE user_marks (
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK (kind IN ('album', 'artist')),
                item_id TEXT NOT NULL,
                starred_at DATETIME,
                rating INTEGER CHECK (rating BETWEEN 1 AND 5),
                PRIMARY KEY (user_id, kind, item_id)
            );
            CREATE INDEX user_marks_starred ON user_marks(user_id, kind, starred_at) WHERE starred_at IS NOT NULL;
            """)
    }

    /// How phone and desktop apps (the Subsonic API) sign in: every account gets a user name
    /// that is safe in a URL, made from its email now (and at sign-up from then on), and may
    /// get an app password and an API key, sealed (`CredentialSeal`) because the server must
    /// read them back.
    private static func addSubsonicCredentials(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE subsonic_credentials (
                user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                username TEXT NOT NULL UNIQUE,         -- a-z 0-9 . _ - only, from the email, never changed
                app_password BLOB,                     -- AES-GCM under db/subsonic-key; NULL: none
                api_key BLOB,                          -- the same
                api_key_hash TEXT UNIQUE,              -- SHA-256 hex of the API key, to find its owner
                generation INTEGER NOT NULL DEFAULT 0, -- one more at every rotation and revocation
                changed_at DATETIME
            );
            """)
        let users = try Row.fetchAll(db, sql: "SELECT id, username FROM users ORDER BY created_at, username")
        for user in users {
            try Catalog.assignAppUserName(db, userID: user["id"], email: user["username"])
        }
    }

    /// Lookups the Subsonic browsing lists make on every call: tracks by genre (byGenre,
    /// getSongsByGenre, radio) and by their own artist's name (radio, top songs), both
    /// ignoring case as those lists do; and a track's plays by every account (top songs),
    /// which the (user_id, track_id) key cannot answer without reading every user's rows.
    private static func addBrowseIndexes(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX tracks_genre ON tracks(genre COLLATE NOCASE);
            CREATE INDEX tracks_artist_name ON tracks(artist COLLATE NOCASE);
            CREATE INDEX user_activity_track ON user_activity(track_id);
            """)
    }

    /// A playlist's description, which phone apps show and edit (Subsonic's `comment`).
    private static func addPlaylistComments(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE playlists ADD COLUMN comment TEXT")
    }
}
