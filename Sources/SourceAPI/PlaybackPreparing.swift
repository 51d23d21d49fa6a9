/// A remote source that can get items ready to play before anyone asks: it resolves their
/// media in the background, so that a play soon after starts at once.
///
/// The host offers a source the top hits of each search that are not cached yet; the
/// source keeps what it resolved for a short while, and never lets this work delay a play.
public protocol PlaybackPreparing: SourceProvider {
    /// How many of its top hits in a search the source wants offered (0: none).
    var preparedHitsPerSearch: Int { get }

    /// Starts getting `refs` (best first) ready to play and returns without waiting for it.
    func preparePlayback(of refs: [RemoteRef]) async
}
