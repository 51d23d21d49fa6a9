import SourceAPI

/// One search result as ytmusicapi documents it (`YTMusic.search`): `album` may be null,
/// `duration_seconds` may be missing, and there may be several artists.
public struct YTMusicSearchResult: Decodable, Sendable, Equatable {
    public struct Named: Decodable, Sendable, Equatable {
        public var name: String?
        public var id: String?
    }

    public struct Thumbnail: Decodable, Sendable, Equatable {
        public var url: String
        public var width: Int?
        public var height: Int?
    }

    public var videoId: String?
    public var title: String?
    public var artists: [Named]?
    public var album: Named?
    public var duration: String?
    public var durationSeconds: Int?
    public var thumbnails: [Thumbnail]?
    public var resultType: String?
    public var year: String?

    enum CodingKeys: String, CodingKey {
        case videoId, title, artists, album, duration, thumbnails, resultType, year
        case durationSeconds = "duration_seconds"
    }

    /// A candidate, or nil for results that cannot be played (no video id, no title).
    func candidate(provider: ProviderID, idRule: (String) -> Bool) -> TrackCandidate? {
        guard let videoId, idRule(videoId), let title, !title.isEmpty else { return nil }
        let names = (artists ?? []).compactMap(\.name).filter { !$0.isEmpty }
        let seconds = durationSeconds.map(Double.init) ?? duration.flatMap(Self.seconds(of:))
        let metadata = TrackMetadata(
            title: title, artist: names.isEmpty ? nil : names.joined(separator: ", "), album: album?.name,
            year: year.flatMap { Int($0) }, duration: seconds)
        let artwork = thumbnails?.max { ($0.width ?? 0) < ($1.width ?? 0) }?.url
        return TrackCandidate(ref: RemoteRef(provider: provider, id: videoId), metadata: metadata, artworkURL: artwork)
    }

    /// "3:45" or "1:02:03" -> seconds.
    static func seconds(of text: String) -> Double? {
        let parts = text.split(separator: ":").map { Int($0) }
        guard !parts.isEmpty, parts.count <= 3, parts.allSatisfy({ $0 != nil }) else { return nil }
        return Double(parts.reduce(0) { $0 * 60 + $1! })
    }
}
