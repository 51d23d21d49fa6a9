/// The albums and artists a scan's writes touched: the old and the new album and artist of
/// every track it added, changed, moved or removed, and the album of every new folder
/// image. Only these rows of `albums` and `artists` are rebuilt afterwards, so one album
/// added to a large library costs that album, not the library (issue 13).
struct TouchedGroups: Sendable, Equatable {
    var albumIDs: Set<String> = []
    var artistIDs: Set<String> = []

    var isEmpty: Bool { albumIDs.isEmpty && artistIDs.isEmpty }

    mutating func add(album: String?, artist: String?) {
        if let album { albumIDs.insert(album) }
        if let artist { artistIDs.insert(artist) }
    }

    mutating func formUnion(_ other: TouchedGroups) {
        albumIDs.formUnion(other.albumIDs)
        artistIDs.formUnion(other.artistIDs)
    }
}
