import Foundation

/// Everything known about one track, as a provider reports it. Only `title` is required;
/// a provider leaves out what it does not know.
public struct TrackMetadata: Sendable, Hashable, Codable {
    public var title: String
    public var artist: String?
    public var album: String?
    public var albumArtist: String?
    public var genre: String?
    public var year: Int?
    public var trackNumber: Int?
    public var discNumber: Int?
    /// Length in seconds.
    public var duration: Double?
    /// Kilobits per second.
    public var bitrate: Int?
    /// Container or codec name in lower case: `mp3`, `flac`, `m4a`, `ogg`, `opus`, `wav`.
    public var format: String?
    public var hasEmbeddedCover: Bool
    /// An image next to the audio (`cover.jpg`...), relative to the provider's root.
    public var coverPath: String?

    public init(
        title: String, artist: String? = nil, album: String? = nil, albumArtist: String? = nil,
        genre: String? = nil, year: Int? = nil, trackNumber: Int? = nil, discNumber: Int? = nil,
        duration: Double? = nil, bitrate: Int? = nil, format: String? = nil,
        hasEmbeddedCover: Bool = false, coverPath: String? = nil
    ) {
        self.title = title
        self.artist = artist
        self.album = album
        self.albumArtist = albumArtist
        self.genre = genre
        self.year = year
        self.trackNumber = trackNumber
        self.discNumber = discNumber
        self.duration = duration
        self.bitrate = bitrate
        self.format = format
        self.hasEmbeddedCover = hasEmbeddedCover
        self.coverPath = coverPath
    }
}
