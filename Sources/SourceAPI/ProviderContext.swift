import Foundation

/// What the host gives a provider when it builds one.
public struct ProviderContext: Sendable {
    /// The installation's data folder (`library/`, `cache/`, `db/` live under it).
    public var dataDirectory: URL
    /// The catalog, for providers that own a scanned library.
    public var index: any LibraryIndex

    public init(dataDirectory: URL, index: any LibraryIndex) {
        self.dataDirectory = dataDirectory
        self.index = index
    }

    /// The default library folder: `<data>/library`.
    public var libraryDirectory: URL { dataDirectory.appendingPathComponent("library", isDirectory: true) }
}
