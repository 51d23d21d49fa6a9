import Foundation

/// Covers for what has no picture of its own: an artist (their newest album with a
/// cover) and a playlist (its first track with one), as phone apps ask for them.
extension CoverService {
    public func locate(artistID: String, size: Int?) async throws -> CoverReference {
        let (_, albums) = try await catalog.artist(id: artistID)
        guard let album = albums.first(where: { $0.coverTrackID != nil }) else {
            throw HostError.notFound(kind: "cover", id: artistID)
        }
        return try await locate(id: album.id, size: size)
    }

    /// The playlist must be readable by the viewer (their own, or public): another user's
    /// private playlist is "not found" here too.
    public func locate(playlistID: String, for viewer: User, size: Int?) async throws -> CoverReference {
        let contents = try await catalog.playlist(id: playlistID, readableBy: viewer.id, limit: 50, offset: 0)
        guard let track = contents.tracks.first(where: { $0.hasEmbeddedCover || $0.folderImage != nil }) else {
            throw HostError.notFound(kind: "cover", id: playlistID)
        }
        return try await locate(id: track.albumID ?? track.id, size: size)
    }
}
