/// A federated search whose sources answer one by one: the best artists and albums, a part
/// for each source as soon as it has answered (failed, or run out of its own time), then the
/// completion. Iterate it once.
///
/// Bounded by construction: one collections step, one part per source asked, each with at
/// most the search's `limit` hits, then one completion. Ending the iteration early (the client went away, or
/// its task was cancelled) cancels the searches still running.
public struct SearchStream: AsyncSequence, Sendable {
    public typealias Element = SearchEvent

    /// The query as searched (trimmed).
    public let query: String
    /// The sources asked, in `plugins.json` order: one part comes for each of them.
    public let sources: [Source]
    let events: AsyncStream<SearchEvent>

    /// A source asked.
    public struct Source: Sendable, Equatable {
        public var id: String
        /// Whether its tracks are this server's library files (as opposed to a remote source's).
        public var isLibrary: Bool
    }

    public func makeAsyncIterator() -> AsyncStream<SearchEvent>.AsyncIterator {
        events.makeAsyncIterator()
    }
}

/// One step of a `SearchStream`.
public enum SearchEvent: Sendable {
    /// The best artists and albums: once, before any part.
    case collections(SearchCollections)
    /// What one source found, or why it found nothing.
    case part(SearchPart)
    /// Every source has answered: how each did, in `plugins.json` order.
    case complete(SearchCompletion)
}

/// One source's answer in a streamed search.
public struct SearchPart: Sendable {
    /// How the source did, as in a whole search answer's `sources`.
    public var source: SourceReport
    /// Its hits in its own relevance order, in the viewer's terms, without the tracks an
    /// earlier part of the same search already had.
    public var tracks: [TrackView]
}

/// The end of a streamed search.
public struct SearchCompletion: Sendable {
    public var query: String
    public var sources: [SourceReport]
}
