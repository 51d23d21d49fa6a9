/// What a provider can do, so the host knows how to treat its tracks.
public struct ProviderCapabilities: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Answers free-text search.
    public static let search = ProviderCapabilities(rawValue: 1 << 0)
    /// Owns a library of files on this machine that the host scans into the catalog.
    public static let library = ProviderCapabilities(rawValue: 1 << 1)
    /// Serves audio from elsewhere: the host's shared cache keeps a copy of what it plays.
    public static let remote = ProviderCapabilities(rawValue: 1 << 2)
}
