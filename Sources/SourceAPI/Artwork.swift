/// Cover art bytes and their type.
public struct Artwork: Sendable, Hashable {
    public var bytes: [UInt8]
    public var contentType: String

    public init(bytes: [UInt8], contentType: String) {
        self.bytes = bytes
        self.contentType = contentType
    }

    /// The image type from the first bytes, for pictures stored without one.
    public static func sniffContentType(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if bytes.starts(with: [0x52, 0x49, 0x46, 0x46]) && bytes.count > 12 && bytes[8...11].elementsEqual([0x57, 0x45, 0x42, 0x50]) {
            return "image/webp"
        }
        return "image/jpeg"
    }
}

/// A provider that can hand out cover art for its items.
public protocol ArtworkProviding: SourceProvider {
    /// The item's picture (embedded in the file first, then the folder's image), or `nil`.
    func artwork(for ref: RemoteRef) async throws -> Artwork?
}
