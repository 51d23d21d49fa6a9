import Foundation
import GRDB
import SourceAPI

extension Catalog {
    /// Stores remote search hits so that the same item is the same track (same id) for
    /// every user and every later search. Known items keep their id and cache state; their
    /// descriptive fields are refreshed.
    func upsertRemote(_ candidates: [TrackCandidate]) async throws -> [RemoteRef: Track] {
        guard !candidates.isEmpty else { return [:] }
        let now = Date()
        return try await pool.write { db in
            var result: [RemoteRef: Track] = [:]
            for candidate in candidates {
                let existing = try Track
                    .filter(Track.CodingKeys.sourceType == candidate.ref.provider.rawValue && Track.CodingKeys.remoteID == candidate.ref.id)
                    .fetchOne(db)
                var track = existing ?? Track(remote: candidate, now: now)
                track.describe(with: candidate, now: now)
                try track.save(db)
                result[candidate.ref] = track
            }
            return result
        }
    }

    /// Marks a finished download as cached for everyone.
    func markCached(trackID: String, localPath: String, size: Int64, format: String) async throws {
        let now = Date()
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE tracks SET is_cached = 1, local_path = ?, file_size = ?, format = ?, updated_at = ?, cached_at = ?
                    WHERE id = ?
                    """,
                arguments: [localPath, size, format, now, now, trackID])
        }
    }

    func markUncached(trackID: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE tracks SET is_cached = 0, local_path = NULL, file_size = NULL, cached_at = NULL, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: [Date(), trackID])
        }
    }

    /// Cached tracks of the remote sources, most recently cached first.
    func cachedRemoteTracks(sources: [ProviderID]) async throws -> [Track] {
        guard !sources.isEmpty else { return [] }
        return try await pool.read { db in
            try Track
                .filter(Track.CodingKeys.isCached == true && sources.map(\.rawValue).contains(Track.CodingKeys.sourceType))
                .order(Track.CodingKeys.cachedAt.desc)
                .fetchAll(db)
        }
    }
}

extension Track {
    /// A new catalog entry for a remote item, not cached yet.
    init(remote candidate: TrackCandidate, now: Date) {
        self.id = UUID().uuidString.lowercased()
        self.title = candidate.metadata.title
        self.sourceType = candidate.ref.provider.rawValue
        self.remoteID = candidate.ref.id
        self.isCached = false
        self.addedAt = now
        self.hasEmbeddedCover = false
        self.updatedAt = now
    }

    /// Takes the descriptive fields of a remote hit; leaves id, cache state and paths alone.
    mutating func describe(with candidate: TrackCandidate, now: Date) {
        let metadata = candidate.metadata
        title = metadata.title
        artist = metadata.artist
        album = metadata.album
        genre = metadata.genre ?? genre
        year = metadata.year ?? year
        duration = metadata.duration.map { Int($0.rounded()) } ?? duration
        artworkURL = candidate.artworkURL ?? artworkURL
    }
}
