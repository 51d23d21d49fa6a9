import SourceAPI

/// yt-dlp used on one item page: resolve its metadata (`-J`) and stream its audio (`-o -`).
/// Shared by every provider whose items are pages yt-dlp understands.
public struct YtDlpItemTool: Sendable {
    public var executable: String
    public var resolveTimeout: Duration
    /// yt-dlp's `-f` selection.
    public var audioFormat: String
    /// The item page, with `{id}` where the remote id goes.
    public var pageURL: String
    /// What the provider's ids look like; checked before any command runs.
    public var idRule: RemoteIDRule
    /// The type the provider's audio usually has (the cache reads the real one from the bytes).
    public var contentType: String

    public init(
        executable: String, resolveTimeout: Duration, audioFormat: String, pageURL: String, idRule: RemoteIDRule,
        contentType: String
    ) {
        self.executable = executable
        self.resolveTimeout = resolveTimeout
        self.audioFormat = audioFormat
        self.pageURL = pageURL
        self.idRule = idRule
        self.contentType = contentType
    }

    public func url(of ref: RemoteRef) -> String {
        pageURL.replacingOccurrences(of: "{id}", with: ref.id)
    }

    /// `resolve` for a provider: checks the reference, then asks yt-dlp.
    public func resolve(_ ref: RemoteRef, for provider: ProviderID) async throws -> TrackMetadata {
        try idRule.check(ref, provider: provider)
        return try await resolve(ref, url: url(of: ref))
    }

    /// `fetch` for a provider: checks the reference, then streams from yt-dlp.
    public func fetch(_ ref: RemoteRef, for provider: ProviderID) throws -> AudioSource {
        try idRule.check(ref, provider: provider)
        return fetch(ref, url: url(of: ref), contentType: contentType)
    }

    /// Whether yt-dlp runs at all: nil when it does, otherwise what is wrong.
    public func healthProblem() async -> String? {
        do {
            let output = try await ChildProcess(executable: executable, arguments: ["--version"]).collect(timeout: .seconds(20))
            return output.status == 0 ? nil : "\(executable) --version failed: \(output.standardError.suffix(200))"
        } catch {
            return "\(error)"
        }
    }

    /// Metadata of the item at `url`; `.notFound(ref)` when yt-dlp says it does not exist.
    public func resolve(_ ref: RemoteRef, url: String) async throws -> TrackMetadata {
        let output = try await ChildProcess(
            executable: executable, arguments: ["-J", "--no-playlist", "-q", "--no-warnings", "--", url]
        ).collect(timeout: resolveTimeout)
        return try YtDlpFailure.checkedJSON(output, ref: ref).metadata
    }

    /// The audio of the item at `url`, streamed from yt-dlp's standard output. The URL comes
    /// after `--`, so it can never be read as an option.
    public func fetch(_ ref: RemoteRef, url: String, contentType: String) -> AudioSource {
        let process = ChildProcess(
            executable: executable,
            arguments: ["-f", audioFormat, "-o", "-", "--no-playlist", "-q", "--no-warnings", "--no-progress", "--", url])
        let bytes = process.streamOutput { status, standardError in
            YtDlpFailure.error(for: ref, status: status, standardError: standardError)
        }
        return .stream(contentType: contentType, expectedLength: nil, bytes: bytes)
    }
}
