/// The host's catalog, as a provider that owns a scanned library sees it.
///
/// A library provider does not keep its own index: the host stores what the provider's
/// scan reported and answers searches over it. The host hands this to providers through
/// `ProviderContext`, so a provider never depends on the host's modules.
public protocol LibraryIndex: Sendable {
    /// Catalogued items of `provider` matching the query, best first.
    func search(_ query: SearchQuery, in provider: ProviderID) async throws -> [TrackCandidate]
}
