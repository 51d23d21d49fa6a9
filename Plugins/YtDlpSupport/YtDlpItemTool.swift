import Foundation
import SourceAPI

/// yt-dlp used on one item page: resolve its metadata and stream its audio. Shared by every
/// provider whose items are pages yt-dlp understands.
///
/// With a resident extractor (the default) yt-dlp stays loaded in a resident process that
/// resolves the page with the command's own options, and the selected format is downloaded
/// here; the top hits of a search are resolved beforehand. When that process cannot start,
/// or the format is not a plain download, the yt-dlp command runs as before (`-J` to
/// resolve, `-o -` to stream).
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
    /// The resident extractor with its prepared items; nil: the command for everything.
    let resolver: ItemResolver?
    /// Top search hits prepared per search.
    public let preparedHits: Int

    public init(
        executable: String, resolveTimeout: Duration, audioFormat: String, pageURL: String, idRule: RemoteIDRule,
        contentType: String, resident: ResidentExtractorOptions = .off
    ) {
        self.executable = executable
        self.resolveTimeout = resolveTimeout
        self.audioFormat = audioFormat
        self.pageURL = pageURL
        self.idRule = idRule
        self.contentType = contentType
        if resident.enabled, let python = resident.interpreter(for: executable), let script = Self.bundledExtractorPath() {
            let located = ResidentExtractorOptions.locate(executable).map { ["--yt-dlp", $0] } ?? []
            let warmURL = pageURL.replacingOccurrences(of: "{id}", with: "aaaaaaaaaaa")
            // The warm-up page goes in the environment: a command line naming the media host
            // would look like a download to whoever lists processes.
            let command = ChildProcess(
                executable: python, arguments: ["-u", script] + located + ["--"] + Self.sharedOptions(audioFormat: audioFormat),
                environment: ["MYSPOTIFY_EXTRACTOR_WARM_URL": warmURL])
            var poolSettings = ExtractorPool.Settings()
            poolSettings.workers = resident.processes
            var settings = ItemResolver.Settings()
            settings.timeout = resolveTimeout
            resolver = ItemResolver(pool: ExtractorPool(command: command, settings: poolSettings), settings: settings)
            preparedHits = resident.processes >= 2 ? resident.preparedHits : 0
        } else {
            resolver = nil
            preparedHits = 0
        }
    }

    /// The options the command and the resident extractor share, so that both select the
    /// same format the same way: the command adds where its output goes and the URL.
    static func sharedOptions(audioFormat: String) -> [String] {
        ["-f", audioFormat, "--no-playlist", "-q", "--no-warnings"]
    }

    /// The extractor script shipped as a resource of this module.
    static func bundledExtractorPath() -> String? {
        Bundle.module.url(forResource: "ytdlp_extractor", withExtension: "py")?.path
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
    /// What the resident extractor finds is kept for a play that follows.
    public func resolve(_ ref: RemoteRef, url: String) async throws -> TrackMetadata {
        if let resolver {
            do {
                return try await resolver.item(for: ref, url: url, timeout: resolveTimeout, consume: false).item.info.metadata
            } catch is ExtractorUnavailable {
                // The command below.
            } catch {
                throw Self.providerError(error, ref: ref)
            }
        }
        let output = try await ChildProcess(
            executable: executable, arguments: ["-J", "--no-playlist", "-q", "--no-warnings", "--", url]
        ).collect(timeout: resolveTimeout)
        return try YtDlpFailure.checkedJSON(output, ref: ref).metadata
    }

    /// The audio of the item at `url`: the selected format downloaded here when the resident
    /// extractor resolved it (or had it prepared), else yt-dlp's standard output.
    public func fetch(_ ref: RemoteRef, url: String, contentType: String) -> AudioSource {
        guard let resolver else {
            return .stream(contentType: contentType, expectedLength: nil, bytes: commandBytes(ref, url: url))
        }
        let bytes = ByteRelay.stream { relay in
            try await self.download(ref, url: url, resolver: resolver, relay: relay)
        }
        return .stream(contentType: contentType, expectedLength: nil, bytes: bytes)
    }

    /// Starts resolving the first `preparedHits` of `refs` in the background (those not
    /// resolved or under way already); returns at once.
    public func prepare(_ refs: [RemoteRef], for provider: ProviderID) async {
        guard let resolver, preparedHits > 0 else { return }
        let valid = refs.filter { ref in (try? idRule.check(ref, provider: provider)) != nil }
        await resolver.prepare(valid.prefix(preparedHits).map { (ref: $0, url: url(of: $0)) })
    }

    /// Stops the resident extractor's processes.
    public func shutdown() async {
        await resolver?.stop()
    }

    /// yt-dlp's standard output. The URL comes after `--`, so it can never be read as an option.
    func commandBytes(_ ref: RemoteRef, url: String) -> AsyncThrowingStream<[UInt8], any Error> {
        let process = ChildProcess(
            executable: executable, arguments: Self.sharedOptions(audioFormat: audioFormat) + ["-o", "-", "--no-progress", "--", url])
        return process.streamOutput { status, standardError in
            YtDlpFailure.error(for: ref, status: status, standardError: standardError)
        }
    }

    private func download(_ ref: RemoteRef, url: String, resolver: ItemResolver, relay: ByteRelay) async throws {
        var answer: (item: ExtractedItem, prepared: Bool)
        do {
            answer = try await resolver.item(for: ref, url: url, timeout: resolveTimeout, consume: true)
        } catch is ExtractorUnavailable {
            return try await relay.forward(commandBytes(ref, url: url))
        } catch {
            throw Self.providerError(error, ref: ref)
        }
        while true {
            guard let media = answer.item.media else {
                // Not one plain file (merged formats, HLS...): yt-dlp's own downloader.
                return try await relay.forward(commandBytes(ref, url: url))
            }
            do {
                return try await MediaDownload.send(media, ref: ref, to: relay)
            } catch is MediaDownload.Refused where answer.prepared {
                // A prepared URL the media host no longer serves: resolve it afresh, once.
                do {
                    answer = try await resolver.item(for: ref, url: url, timeout: resolveTimeout, consume: true, fresh: true)
                } catch is ExtractorUnavailable {
                    return try await relay.forward(commandBytes(ref, url: url))
                } catch {
                    throw Self.providerError(error, ref: ref)
                }
            } catch let refused as MediaDownload.Refused {
                if refused.status == 404 || refused.status == 410 { throw ProviderError.notFound(ref) }
                throw ProviderError.unavailable("\(refused) for \(ref)")
            }
        }
    }

    /// What the resident extractor's failures mean to the host, as the command's would.
    static func providerError(_ error: any Error, ref: RemoteRef) -> any Error {
        switch error {
        case let failure as ExtractorAnswerFailure:
            return YtDlpFailure.error(for: ref, status: "resident extractor", standardError: String(failure.message.suffix(400)))
        case ExtractorProcess.Failure.timedOut(let timeout):
            return ProviderError.unavailable("yt-dlp gave no answer for \(ref) within \(timeout) and was stopped")
        case ExtractorProcess.Failure.ended(let reason), ExtractorProcess.Failure.cannotStart(let reason):
            return ProviderError.unavailable("the yt-dlp extractor failed while resolving \(ref): \(reason)")
        default:
            return error
        }
    }
}
