/// Cover art bytes and their type.
public struct Artwork: Sendable, Hashable {
    public var bytes: [UInt8]
    public var contentType: String

    public init(bytes: [UInt8], contentType: String) {
        self.bytes = bytes
        self.contentType = contentType
    }

    /// Artwork whose type is read from its bytes, or `nil` when they are not a picture this
    /// server sends (see `ImageFormat`). What a file declares (an ID3 frame's MIME type, a
    /// file name) is never trusted: an SVG or HTML "cover" would run script in the browser.
    public init?(sniffing bytes: [UInt8]) {
        guard let format = ImageFormat(sniffing: bytes) else { return nil }
        self.init(bytes: bytes, contentType: format.contentType)
    }

    /// The largest picture read from a file (embedded or a folder image): a cover is rarely
    /// above a few MiB, and a hostile file must not make the server hold hundreds.
    public static let maximumBytes = 16 * 1024 * 1024
}

/// The raster formats a cover may be served as, each recognised by its magic number.
public enum ImageFormat: String, Sendable, CaseIterable {
    case jpeg, png, gif, webp

    /// The format of `bytes`, or `nil` for anything else (SVG, HTML, XML, unknown bytes).
    public init?(sniffing bytes: [UInt8]) {
        func has(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && bytes[offset..<offset + prefix.count].elementsEqual(prefix)
        }
        if has([0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if has([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if has(Array("GIF87a".utf8)) || has(Array("GIF89a".utf8)) {
            self = .gif
        } else if has(Array("RIFF".utf8)) && has(Array("WEBP".utf8), at: 8) {
            self = .webp
        } else {
            return nil
        }
    }

    /// The MIME type it is served as.
    public var contentType: String { "image/\(rawValue)" }
}

/// A provider that can hand out cover art for its items.
public protocol ArtworkProviding: SourceProvider {
    /// The item's picture (embedded in the file first, then the folder's image), or `nil`.
    /// Return only artwork made with `Artwork(sniffing:)`; the host checks the bytes again.
    func artwork(for ref: RemoteRef) async throws -> Artwork?
}
