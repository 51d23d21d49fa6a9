import SourceAPI

/// Offers each remote source the top hits of a search that are not cached yet, so that it
/// resolves them before anyone clicks (`PlaybackPreparing`). A hit in the cache plays from
/// disk and is not offered; a source that wants none is not asked.
struct PlaybackWarmup: Sendable {
    let providers: [ConfiguredProvider]

    /// Returns once each source has the hits in line; the work itself goes on behind.
    func prepare(_ tracks: [Track]) async {
        for configured in providers {
            guard let provider = configured.provider as? any PlaybackPreparing else { continue }
            let depth = provider.preparedHitsPerSearch
            guard depth > 0 else { continue }
            let top = tracks.lazy.filter { $0.ref.provider == provider.id }.prefix(depth)
            let refs = Array(top.filter { !$0.isCached }.map(\.ref))
            if !refs.isEmpty { await provider.preparePlayback(of: refs) }
        }
    }
}
