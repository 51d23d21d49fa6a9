/// A source of music: the local library, YouTube, SoundCloud...
///
/// A provider answers three questions, as Mopidy's backends do: what matches a search,
/// what one item is, and where its audio comes from. Everything else (the catalog,
/// caching, users) is the host's business. Optional abilities are separate protocols
/// (`LibraryScanning`, `LibraryWatching`) that the host discovers with `as?`.
public protocol SourceProvider: Sendable {
    /// The instance name from `plugins.json`; also the `source_type` of its tracks.
    var id: ProviderID { get }
    var capabilities: ProviderCapabilities { get }
    /// What people call this source in messages ("YouTube", "your library"). The id by default.
    var displayName: String { get }

    /// Items matching a free-text query, best first, at most `query.limit`.
    func search(_ query: SearchQuery) async throws -> [TrackCandidate]

    /// Full metadata for one item. Throws `ProviderError.notFound` for an unknown ref and
    /// `ProviderError.invalidReference` for one this provider could never have issued.
    func resolve(_ ref: RemoteRef) async throws -> TrackMetadata

    /// The audio of one item. Same errors as `resolve`.
    func fetch(_ ref: RemoteRef) async throws -> AudioSource

    /// A cheap self-check for `myspotify providers` and the admin page: `nil` when healthy,
    /// otherwise what is wrong and what to do about it.
    func healthProblem() async -> String?

    /// Stops what the provider runs in the background (helper processes), at shutdown.
    func shutdown() async
}

extension SourceProvider {
    public var displayName: String { id.rawValue }
    public func healthProblem() async -> String? { nil }
    public func shutdown() async {}
}
