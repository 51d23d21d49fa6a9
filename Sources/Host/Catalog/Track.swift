import Foundation
import GRDB
import SourceAPI

/// One row of `tracks`.
public struct Track: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "tracks"

    public var id: String
    public var title: String
    public var artist: String?
    public var album: String?
    public var sourceType: String
    public var remoteID: String
    public var localPath: String?
    public var isCached: Bool
    public var duration: Int?
    public var addedAt: Date
    public var albumArtist: String?
    public var genre: String?
    public var year: Int?
    public var trackNumber: Int?
    public var discNumber: Int?
    public var bitrate: Int?
    public var format: String?
    public var fileSize: Int64?
    public var fileMtimeNs: Int64?
    public var hasEmbeddedCover: Bool
    public var folderImage: String?
    public var artworkURL: String?
    public var albumID: String?
    public var artistID: String?
    public var updatedAt: Date
    /// When a remote track's download finished (nil for library files and uncached tracks).
    public var cachedAt: Date?
    /// Why the track's file cannot be played now (the scan's reason, for admins); `nil` when
    /// it can. Set by a rescan that could not read a changed file, cleared by one that can.
    public var unplayableReason: String?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, title, artist, album
        case sourceType = "source_type", remoteID = "remote_id", localPath = "local_path", isCached = "is_cached"
        case duration, addedAt = "added_at", albumArtist = "album_artist", genre, year
        case trackNumber = "track_number", discNumber = "disc_number", bitrate, format
        case fileSize = "file_size", fileMtimeNs = "file_mtime_ns", hasEmbeddedCover = "has_embedded_cover"
        case folderImage = "folder_image", artworkURL = "artwork_url", albumID = "album_id", artistID = "artist_id"
        case updatedAt = "updated_at", cachedAt = "cached_at", unplayableReason = "unplayable_reason"
    }

    /// Reads the row's columns directly. GRDB's `Decodable` path (a keyed decoding container
    /// per row) was 8 % of a search's server time by perf, more than the FTS query itself;
    /// GRDB's documentation recommends this form for records read in bulk. A value that
    /// does not convert throws (as the `Decodable` path did), never traps.
    public init(row: Row) throws {
        id = try row.decode(forColumn: CodingKeys.id)
        title = try row.decode(forColumn: CodingKeys.title)
        artist = try row.decode(forColumn: CodingKeys.artist)
        album = try row.decode(forColumn: CodingKeys.album)
        sourceType = try row.decode(forColumn: CodingKeys.sourceType)
        remoteID = try row.decode(forColumn: CodingKeys.remoteID)
        localPath = try row.decode(forColumn: CodingKeys.localPath)
        isCached = try row.decode(forColumn: CodingKeys.isCached)
        duration = try row.decode(forColumn: CodingKeys.duration)
        addedAt = try row.decode(forColumn: CodingKeys.addedAt)
        albumArtist = try row.decode(forColumn: CodingKeys.albumArtist)
        genre = try row.decode(forColumn: CodingKeys.genre)
        year = try row.decode(forColumn: CodingKeys.year)
        trackNumber = try row.decode(forColumn: CodingKeys.trackNumber)
        discNumber = try row.decode(forColumn: CodingKeys.discNumber)
        bitrate = try row.decode(forColumn: CodingKeys.bitrate)
        format = try row.decode(forColumn: CodingKeys.format)
        fileSize = try row.decode(forColumn: CodingKeys.fileSize)
        fileMtimeNs = try row.decode(forColumn: CodingKeys.fileMtimeNs)
        hasEmbeddedCover = try row.decode(forColumn: CodingKeys.hasEmbeddedCover)
        folderImage = try row.decode(forColumn: CodingKeys.folderImage)
        artworkURL = try row.decode(forColumn: CodingKeys.artworkURL)
        albumID = try row.decode(forColumn: CodingKeys.albumID)
        artistID = try row.decode(forColumn: CodingKeys.artistID)
        updatedAt = try row.decode(forColumn: CodingKeys.updatedAt)
        cachedAt = try row.decode(forColumn: CodingKeys.cachedAt)
        unplayableReason = try row.decode(forColumn: CodingKeys.unplayableReason)
    }

    /// Where this track lives in its provider.
    public var ref: RemoteRef { RemoteRef(provider: ProviderID(sourceType), id: remoteID) }

    /// Whether its bytes may be served.
    public var isPlayable: Bool { unplayableReason == nil }

    /// The audio's file extension (`mp3`, `flac`, `m4a`...): the file's on this disk when
    /// there is one, else what its recorded format says. nil for a remote track not yet
    /// downloaded whose source did not say.
    public var fileSuffix: String? {
        if let localPath, let dot = localPath.lastIndex(of: "."), !localPath[dot...].contains("/") {
            return localPath[localPath.index(after: dot)...].lowercased()
        }
        guard let format, !format.isEmpty else { return nil }
        return format.contains("/") ? AudioContentType.fileExtension(of: format) : format.lowercased()
    }

    /// The MIME type of the audio, from its suffix.
    public var contentType: String? {
        fileSuffix.map(AudioContentType.type(ofExtension:))
    }

    /// Whether a cover can be served for it.
    public var hasCover: Bool { hasEmbeddedCover || folderImage != nil || artworkURL != nil }

    /// A new library track for a file, with a fresh id.
    init(newFrom metadata: TrackMetadata, entry: LibraryEntry, source: ProviderID, now: Date) {
        self.id = UUID().uuidString.lowercased()
        self.title = metadata.title
        self.sourceType = source.rawValue
        self.remoteID = entry.path
        self.isCached = true
        self.addedAt = now
        self.hasEmbeddedCover = false
        self.updatedAt = now
        apply(metadata, entry: entry, now: now)
    }

    /// Overwrites the descriptive columns with a new reading of the file; keeps id and added_at.
    mutating func apply(_ metadata: TrackMetadata, entry: LibraryEntry, now: Date) {
        title = metadata.title
        artist = metadata.artist
        album = metadata.album
        albumArtist = metadata.albumArtist
        genre = metadata.genre
        year = metadata.year
        trackNumber = metadata.trackNumber
        discNumber = metadata.discNumber
        duration = metadata.duration.map { Int($0.rounded()) }
        bitrate = metadata.bitrate
        format = metadata.format
        hasEmbeddedCover = metadata.hasEmbeddedCover
        folderImage = entry.folderImage
        remoteID = entry.path
        localPath = entry.path
        fileSize = entry.size
        fileMtimeNs = entry.modifiedNanoseconds
        unplayableReason = nil
        updatedAt = now
        let albumArtistName = albumArtist ?? artist ?? ""
        artistID = StableID.make("artist", albumArtistName.isEmpty ? "Unknown Artist" : albumArtistName)
        albumID = album.map { StableID.make("album", albumArtistName, $0) }
    }

    /// The track as a provider describes it, for `LibraryIndex` answers.
    var metadata: TrackMetadata {
        TrackMetadata(
            title: title, artist: artist, album: album, albumArtist: albumArtist, genre: genre, year: year,
            trackNumber: trackNumber, discNumber: discNumber, duration: duration.map(Double.init), bitrate: bitrate,
            format: format, hasEmbeddedCover: hasEmbeddedCover, coverPath: folderImage)
    }
}
