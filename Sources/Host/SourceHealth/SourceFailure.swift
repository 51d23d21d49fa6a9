import SourceAPI

/// A source that failed, said twice: a short plain sentence for everyone who uses the
/// server, and the raw detail (tool output, file paths, source URLs) for the admin page and
/// the log only. A person searching needs to know that YouTube is not answering, not
/// yt-dlp's traceback, and the traceback can name folders and addresses of this server.
public struct SourceFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The provider id (`youtube`).
    public var source: String
    /// What a person reads: no tool output, no paths, no URLs.
    public var summary: String
    /// What went wrong in full, for admins.
    public var detail: String

    public var description: String { summary }

    /// What the source was asked to do, for the sentence.
    public enum Action: Sendable {
        case search, download
    }

    /// The failure of `provider` doing `action`, classified from its error: a refusal (rate
    /// limit, bot check), no network, an item gone, a tool not set up, or anything else.
    public init(provider: any SourceProvider, action: Action, error: any Error) {
        self.init(source: provider.id.rawValue, name: provider.displayName, action: action, error: error)
    }

    init(source: String, name: String, action: Action, error: any Error) {
        self.source = source
        let detail = (error as? SourceFailure)?.detail ?? "\(error)"
        self.detail = detail
        let who = Self.capitalized(name)
        let lower = detail.lowercased()
        let whatFailed = action == .search ? "could not be searched right now" : "could not deliver this track right now"
        if case ProviderError.notFound = error {
            summary = "\(who) no longer has this track"
        } else if lower.contains("429") || lower.contains("too many requests") {
            summary = "\(who) is refusing requests from this server for now (HTTP 429, too many requests); try again later"
        } else if lower.contains("403") || lower.contains("sign in to confirm") || lower.contains("not a bot") {
            summary = "\(who) is refusing requests from this server for now (HTTP 403); try again later"
        } else if Self.networkSigns.contains(where: lower.contains) {
            summary = "\(who) could not be reached: check this server's internet connection"
        } else if lower.contains("no such file or directory") || lower.contains("not found at") || lower.contains("command not found") {
            summary = "\(who) is not set up correctly on this server; an admin can see why on the admin page"
        } else {
            summary = "\(who) \(whatFailed); try again later"
        }
    }

    /// A source that did not answer within its deadline.
    static func timeout(source: String, name: String, after limit: Duration) -> SourceFailure {
        let seconds = Double(limit / .milliseconds(1)) / 1000
        let text = "\(capitalized(name)) did not answer within \(seconds.formatted(.number.precision(.fractionLength(0...1)))) s"
        return SourceFailure(source: source, summary: text, detail: text)
    }

    init(source: String, summary: String, detail: String) {
        self.source = source
        self.summary = summary
        self.detail = detail
    }

    /// What the tools print when this machine cannot reach the source.
    static let networkSigns = [
        "name or service not known", "temporary failure in name resolution", "network is unreachable",
        "no route to host", "connection refused", "connection reset", "timed out", "getaddrinfo failed",
        "failed to resolve", "unable to connect",
    ]

    static func capitalized(_ name: String) -> String {
        name.prefix(1).uppercased() + name.dropFirst()
    }
}
