import Foundation
import Host

/// A track as the API shows it: everything a player needs, with ready-made URLs.
struct TrackPayload: Encodable {
    var id: String
    var title: String
    var artist: String?
    var album: String?
    var albumArtist: String?
    var albumID: String?
    var artistID: String?
    var duration: Int?
    var source: String
    var isCached: Bool
    /// False for a library track whose file stopped being readable audio: `/stream` answers 410.
    var playable: Bool
    /// The signed-in user likes it.
    var liked: Bool
    var coverURL: String?
    var streamURL: String
    var year: Int?
    var genre: String?
    var trackNumber: Int?
    var discNumber: Int?
    var bitrate: Int?
    var format: String?
    var size: Int64?
    var addedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, title, artist, album, duration, source, year, genre, bitrate, format, size, liked, playable
        case albumArtist = "album_artist", albumID = "album_id", artistID = "artist_id", isCached = "is_cached"
        case coverURL = "cover_url", streamURL = "stream_url", trackNumber = "track_number"
        case discNumber = "disc_number", addedAt = "added_at"
    }

    init(_ view: TrackView) {
        let track = view.track
        liked = view.liked
        id = track.id
        title = track.title
        artist = track.artist
        album = track.album
        albumArtist = track.albumArtist
        albumID = track.albumID
        artistID = track.artistID
        duration = track.duration
        source = track.sourceType
        isCached = track.isCached
        playable = track.isPlayable
        // Library covers are served from the files; remote ones are the source's own image;
        // a track with neither shows its album's cover.
        if view.hasOwnCover {
            coverURL = "/api/covers/\(track.id)"
        } else if let artwork = track.artworkURL {
            coverURL = artwork
        } else if view.albumHasCover, let albumID = track.albumID {
            coverURL = "/api/covers/\(albumID)"
        } else {
            coverURL = nil
        }
        streamURL = "/stream/\(track.id)"
        year = track.year
        genre = track.genre
        trackNumber = track.trackNumber
        discNumber = track.discNumber
        bitrate = track.bitrate
        format = track.format
        size = track.fileSize
        addedAt = track.addedAt
    }
}

struct AlbumPayload: Encodable {
    var id: String
    var name: String
    var artist: String?
    var artistID: String?
    var year: Int?
    var genre: String?
    var trackCount: Int
    var duration: Int
    var coverURL: String?
    var addedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, artist, year, genre, duration
        case artistID = "artist_id", trackCount = "track_count", coverURL = "cover_url", addedAt = "added_at"
    }

    init(_ view: AlbumView) {
        let album = view.album
        id = album.id
        name = album.name
        artist = album.artist
        artistID = album.artistID
        year = album.year
        genre = album.genre
        trackCount = album.trackCount
        duration = album.duration
        coverURL = album.coverTrackID == nil ? nil : "/api/covers/\(album.id)"
        addedAt = album.addedAt
    }
}

struct ArtistPayload: Encodable {
    var id: String
    var name: String
    var albumCount: Int
    var trackCount: Int

    enum CodingKeys: String, CodingKey {
        case id, name, albumCount = "album_count", trackCount = "track_count"
    }

    init(_ view: ArtistView) {
        let artist = view.artist
        id = artist.id
        name = artist.name
        albumCount = artist.albumCount
        trackCount = artist.trackCount
    }
}

/// A page of a list, with the window it covers.
struct PagePayload<Item: Encodable>: Encodable {
    var items: [Item]
    var total: Int
    var limit: Int
    var offset: Int

    init<Source>(_ page: Page<Source>, map: (Source) -> Item) {
        self.init(page, items: page.items.map(map))
    }

    init<Source>(_ page: Page<Source>, items: [Item]) {
        self.items = items
        total = page.total
        limit = page.limit
        offset = page.offset
    }
}
