import Foundation
import Host

/// Builds the protocol's elements from the Host's views, one way for every method: a song
/// is the same `Child` in `getAlbum`, `search3` and `getPlaylist`.
///
/// What clients depend on (SUBSONIC.md): ids are strings, `isDir` and `title` are always
/// there, absent values are left out, dates are ISO 8601. OpenSubsonic's additions are left
/// out for the clients Navidrome lists as legacy (DSub chokes on some of them).
public struct SubsonicShapes: Sendable {
    /// The enabled sources by id, to say where a remote song comes from.
    public var sources: [String: SourceDescription]
    /// The client (`c`) is one that breaks on OpenSubsonic's extra fields.
    public var legacyClient = false

    public init(sources: [String: SourceDescription], legacyClient: Bool = false) {
        self.sources = sources
        self.legacyClient = legacyClient
    }

    /// Clients whose parsers fail on OpenSubsonic fields, by their `c` (case-insensitive prefix).
    public static let legacyClients = ["dsub"]

    public static func isLegacy(client: String?) -> Bool {
        guard let client = client?.lowercased() else { return false }
        return legacyClients.contains { client.hasPrefix($0) }
    }

    // MARK: Songs

    /// A song (`Child`) named `name` (`song`, `child`, `entry`).
    public func song(_ view: TrackView, as name: String = "song") -> SubsonicElement {
        let track = view.track
        let source = sources[track.sourceType]
        let remote = source?.isRemote == true
        var song = SubsonicElement(name)
        song.set("id", track.id)
        song.set("parent", track.albumID)
        song.set("isDir", false)
        song.set("title", track.title)
        // A remote song with no album is filed under its source, so apps group it somewhere
        // that says where it comes from.
        song.set("album", track.album ?? (remote ? source?.name : nil))
        song.set("artist", track.artist)
        song.set(int32: "track", track.trackNumber)
        song.set(int32: "year", track.year)
        song.set("genre", remote ? source?.name : track.genre)
        song.set("coverArt", coverArt(of: track))
        song.set("size", track.fileSize)
        song.set("contentType", track.contentType)
        song.set("suffix", track.fileSuffix)
        // What `stream` sends when an app limits the bit rate without naming a format.
        if let transcoded = TranscodePolicy.formatWhenLimited(track) {
            song.set("transcodedContentType", transcoded.contentType)
            song.set("transcodedSuffix", transcoded.suffix)
        }
        song.set(int32: "duration", track.duration)
        song.set(int32: "bitRate", track.bitrate)
        song.set("path", path(of: track, source: source))
        song.set(int32: "playCount", view.mine.playCount)
        song.set(int32: "discNumber", track.discNumber)
        song.set("created", track.addedAt)
        song.set("albumId", track.albumID)
        song.set("artistId", track.artistID)
        song.set("type", "music")
        song.set("isVideo", false)
        song.set("starred", view.mine.likedAt)
        song.set(int32: "userRating", view.mine.rating)
        if remote, let source {
            song.set("comment", track.isCached
                ? "From \(source.name), kept on this server"
                : "From \(source.name): the first play downloads it to this server")
        }
        guard !legacyClient else { return song }
        song.set("played", view.mine.lastPlayed)
        song.set("mediaType", "song")
        if let genre = remote ? source?.name : track.genre {
            song.append(list: "genres", [SubsonicElement("genres").with { $0.set("name", genre) }])
        } else {
            song.append(list: "genres", [])
        }
        song.append(list: "artists", artistReferences(name: track.artist, id: track.artistID, name: "artists"))
        song.append(list: "albumArtists", artistReferences(name: track.albumArtist ?? track.artist, id: track.artistID, name: "albumArtists"))
        song.set("displayArtist", track.artist)
        song.set("displayAlbumArtist", track.albumArtist ?? track.artist)
        return song
    }

    private func artistReferences(name: String?, id: String?, name element: String) -> [SubsonicElement] {
        guard let name, let id else { return [] }
        return [SubsonicElement(element).with {
            $0.set("id", id)
            $0.set("name", name)
        }]
    }

    /// One cover id per album, so an app fetches each album's art once; a track without an
    /// album has its own.
    public func coverArt(of track: Track) -> String? {
        if let album = track.albumID { return "al-\(album)" }
        return track.hasCover ? track.id : nil
    }

    /// A path apps can use to name downloaded files: the library's own layout, or
    /// `Source/Artist/Title.ext` for remote songs.
    private func path(of track: Track, source: SourceDescription?) -> String {
        if source?.isRemote == false { return track.remoteID }
        let ext = track.fileSuffix ?? "m4a"
        return [source?.name ?? track.sourceType, track.artist ?? "Unknown Artist", "\(track.title).\(ext)"]
            .map { $0.replacingOccurrences(of: "/", with: "-") }.joined(separator: "/")
    }

    // MARK: Albums and artists

    /// An `AlbumID3` named `name` (`album`), without its songs.
    public func album(_ view: AlbumView, as name: String = "album") -> SubsonicElement {
        let album = view.album
        var element = SubsonicElement(name)
        element.set("id", album.id)
        element.set("name", album.name)
        element.set("artist", album.artist)
        element.set("artistId", album.artistID)
        element.set("coverArt", album.coverTrackID == nil ? nil : "al-\(album.id)")
        element.set(int32: "songCount", album.trackCount)
        element.set(int32: "duration", album.duration)
        element.set("created", album.addedAt)
        element.set(int32: "year", album.year)
        element.set("genre", album.genre)
        element.set("starred", view.mine.starredAt)
        element.set(int32: "userRating", view.mine.rating)
        guard !legacyClient else { return element }
        element.set("isDir", false)
        element.set("title", album.name)
        element.set("parent", album.artistID)
        element.append(list: "genres", album.genre.map { genre in [SubsonicElement("genres").with { $0.set("name", genre) }] } ?? [])
        element.append(list: "artists", artistReferences(name: album.artist, id: album.artistID, name: "artists"))
        element.set("displayArtist", album.artist)
        return element
    }

    /// An album as a directory entry (`child` of getMusicDirectory / getAlbumList).
    public func albumAsDirectory(_ view: AlbumView, as name: String = "album") -> SubsonicElement {
        let album = view.album
        var element = SubsonicElement(name)
        element.set("id", album.id)
        element.set("parent", album.artistID)
        element.set("isDir", true)
        element.set("title", album.name)
        element.set("name", album.name)
        element.set("album", album.name)
        element.set("artist", album.artist)
        element.set(int32: "year", album.year)
        element.set("genre", album.genre)
        element.set("coverArt", album.coverTrackID == nil ? nil : "al-\(album.id)")
        element.set(int32: "songCount", album.trackCount)
        element.set(int32: "duration", album.duration)
        element.set("created", album.addedAt)
        element.set("starred", view.mine.starredAt)
        element.set(int32: "userRating", view.mine.rating)
        return element
    }

    /// An `ArtistID3` named `name` (`artist`).
    public func artist(_ view: ArtistView, as name: String = "artist") -> SubsonicElement {
        let artist = view.artist
        var element = SubsonicElement(name)
        element.set("id", artist.id)
        element.set("name", artist.name)
        element.set("coverArt", "ar-\(artist.id)")
        element.set(int32: "albumCount", artist.albumCount)
        element.set("starred", view.mine.starredAt)
        element.set(int32: "userRating", view.mine.rating)
        return element
    }
}
