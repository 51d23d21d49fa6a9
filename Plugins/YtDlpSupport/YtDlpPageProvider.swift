import SourceAPI

/// A provider whose items are pages yt-dlp understands: resolve, fetch, preparing search
/// hits, stopping the resident extractor and the health check come from its `itemTool`, so
/// such a provider writes only its search.
public protocol YtDlpPageProvider: PlaybackPreparing {
    var itemTool: YtDlpItemTool { get }
}

extension YtDlpPageProvider {
    public func resolve(_ ref: RemoteRef) async throws -> TrackMetadata {
        try await itemTool.resolve(ref, for: id)
    }

    public func fetch(_ ref: RemoteRef) async throws -> AudioSource {
        try itemTool.fetch(ref, for: id)
    }

    public func healthProblem() async -> String? {
        await itemTool.healthProblem()
    }

    public var preparedHitsPerSearch: Int { itemTool.preparedHits }

    public func preparePlayback(of refs: [RemoteRef]) async {
        await itemTool.prepare(refs, for: id)
    }

    public func shutdown() async {
        await itemTool.shutdown()
    }
}
