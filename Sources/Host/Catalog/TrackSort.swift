/// How `/api/tracks` orders its pages: album by album in one of the albums' orders (each
/// album in disc and track order), or by the tracks' own titles.
public enum TrackSort: Sendable, Equatable {
    case albums(AlbumSort)
    /// By track title (then artist), whatever album each is on: "Sort by name" of a list
    /// of tracks.
    case title

    /// The names `?sort=` takes: the album orders, and `title`.
    public static let names = AlbumSort.allCases.map(\.rawValue) + ["title"]

    public init?(name: String) {
        if name == "title" {
            self = .title
        } else if let album = AlbumSort(rawValue: name) {
            self = .albums(album)
        } else {
            return nil
        }
    }
}
