import Foundation

/// One search over every enabled source, each under its own deadline, answered in the
/// viewer's terms (their likes on each hit).
public struct Searching: Sendable {
    let federated: FederatedSearch
    let viewing: Viewing

    /// Longest query accepted, in characters.
    public static let maximumQueryLength = FederatedSearch.maximumQueryLength

    /// Library hits first (by relevance), then the other sources in `plugins.json` order,
    /// and the best artists and albums on the first page; `viewer` nil for the command line,
    /// which has no person's marks. `preparingPlayback`: the remote sources resolve their top
    /// hits in the background, so that a click soon after plays at once (the command line,
    /// which plays nothing, turns it off).
    public func search(
        _ text: String, limit: Int, offset: Int, sources: [String]?, for viewer: User? = nil, preparingPlayback: Bool = true
    ) async throws -> SearchResult {
        let (trimmed, selected) = try federated.prepare(text, sources: sources)
        // Read while the sources search.
        async let collections = collectionsOrNone(trimmed, offset: offset, selected: selected, viewer: viewer)
        let answer = try await federated.search(
            text, limit: limit, offset: offset, sources: sources, preparingPlayback: preparingPlayback)
        return SearchResult(
            query: answer.query, tracks: try await viewing.tracks(answer.tracks, for: viewer?.id), sources: answer.sources,
            collections: await collections)
    }
}

/// The answer to one search across sources.
public struct SearchResult: Sendable {
    public var query: String
    public var tracks: [TrackView]
    public var sources: [SourceReport]
    /// The best artists and albums (none past the first page).
    public var collections: SearchCollections
}
