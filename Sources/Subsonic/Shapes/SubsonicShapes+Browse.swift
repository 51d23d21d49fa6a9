import Foundation
import Host

/// The shapes of folder and tag browsing: artist indexes, directories, an album with its
/// songs, an artist with their albums, genres.
extension SubsonicShapes {
    /// `indexes` (getIndexes) or `artists` (getArtists): `ignoredArticles` and
    /// `lastModified` (ms) always, then one `index` per letter, each with its `artist` list.
    public func artistIndex(_ index: ArtistIndex, as name: String) -> SubsonicElement {
        SubsonicElement(name).with { element in
            element.set("ignoredArticles", index.ignoredArticles.spaceSeparated)
            element.set("lastModified", Int64((index.lastModified.timeIntervalSince1970 * 1000).rounded(.down)))
            element.append(list: "index", index.groups.map { group in
                SubsonicElement("index").with {
                    $0.set("name", group.name)
                    $0.append(list: "artist", group.artists.map { artist($0) })
                }
            })
        }
    }

    /// A `directory`: an artist's albums (`child`, isDir true) or an album's songs (`child`,
    /// isDir false, parent the album).
    public func directory(_ directory: LibraryDirectory) -> SubsonicElement {
        var element = SubsonicElement("directory")
        switch directory {
        case .artist(let detail):
            element.set("id", detail.artist.id)
            element.set("name", detail.artist.name)
            element.set("starred", detail.artist.mine.starredAt)
            element.set(int32: "userRating", detail.artist.mine.rating)
            element.append(list: "child", detail.albums.map { albumAsDirectory($0, as: "child") })
        case .album(let detail):
            element.set("id", detail.album.id)
            element.set("parent", detail.album.artistID)
            element.set("name", detail.album.name)
            element.set("starred", detail.album.mine.starredAt)
            element.set(int32: "userRating", detail.album.mine.rating)
            element.append(list: "child", detail.tracks.map { song($0, as: "child") })
        }
        return element
    }

    /// getAlbum's `album`: the AlbumID3 with its `song` list.
    public func album(_ detail: AlbumDetail) -> SubsonicElement {
        album(detail.album).with { $0.append(list: "song", detail.tracks.map { song($0) }) }
    }

    /// getArtist's `artist`: the ArtistID3 with its `album` list.
    public func artist(_ detail: ArtistDetail) -> SubsonicElement {
        artist(detail.artist).with { $0.append(list: "album", detail.albums.map { album($0) }) }
    }

    /// A `genre`: its name as text (JSON `value`), its song and album counts.
    public func genre(_ genre: Genre) -> SubsonicElement {
        SubsonicElement("genre").with {
            $0.set(int32: "songCount", genre.songCount)
            $0.set(int32: "albumCount", genre.albumCount)
            $0.setText(genre.name)
        }
    }
}
