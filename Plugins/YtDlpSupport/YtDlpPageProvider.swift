import SourceAPI

/// A provider whose items are pages yt-dlp understands: resolve, fetch and the health
/// check come from its `itemTool`, so such a provider writes only its search.
public protocol YtDlpPageProvider: SourceProvider {
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
}
