import CTagLib
import SourceAPI

/// Why a file could not be read as audio.
public enum LocalFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAudio(path: String)
    case corrupt(path: String)
    case empty(path: String)
    /// A symbolic link whose real path lies outside the library and `allowed_roots`.
    case outsideLibrary(path: String, target: String)
    /// A FIFO, a device or a folder where a file was expected.
    case notRegularFile(path: String)

    public var description: String {
        switch self {
        case .notAudio(let path): "\(path): not a recognised audio file (empty, unreadable or an unknown type)"
        case .corrupt(let path): "\(path): the audio is damaged or has no playable length"
        case .empty(let path): "\(path): the file is empty (an interrupted copy?)"
        case .outsideLibrary(let path, let target):
            "\(path): a link to \(target), outside the library folder and allowed_roots: not read "
                + "(list that folder in the source's allowed_roots option to include it)"
        case .notRegularFile(let path): "\(path): not a regular file (a device, a pipe or a folder): not read"
        }
    }
}

/// Embedded tags of one audio file, read with TagLib through the CTagLib shim.
struct TagLibTags {
    var title: String?
    var artist: String?
    var album: String?
    var albumArtist: String?
    var genre: String?
    var year: Int?
    var trackNumber: Int?
    var discNumber: Int?
    var duration: Double
    var bitrate: Int?
    var hasEmbeddedCover: Bool

    /// Reads `path`. `displayPath` is what errors show (the library-relative path).
    static func read(path: String, displayPath: String) throws -> TagLibTags {
        var raw = ms_tags()
        let status = ms_read_tags(path, &raw)
        defer { ms_tags_free(&raw) }
        switch status {
        case MS_OK: break
        case MS_INVALID: throw LocalFileError.corrupt(path: displayPath)
        default: throw LocalFileError.notAudio(path: displayPath)
        }
        return TagLibTags(
            title: string(raw.title), artist: string(raw.artist), album: string(raw.album),
            albumArtist: string(raw.album_artist), genre: string(raw.genre),
            year: positive(raw.year), trackNumber: positive(raw.track_number), discNumber: positive(raw.disc_number),
            duration: Double(raw.duration_ms) / 1000, bitrate: positive(raw.bitrate_kbps),
            hasEmbeddedCover: raw.has_cover != 0)
    }

    /// The first embedded picture of `path`, if it is one this server sends (its type is
    /// read from its bytes; the MIME type the file declares is ignored) and not larger than
    /// `Artwork.maximumBytes`.
    static func embeddedCover(path: String) -> Artwork? {
        var length = 0
        guard let bytes = ms_read_cover(path, Artwork.maximumBytes, &length) else { return nil }
        defer { ms_free(bytes) }
        return Artwork(sniffing: Array(UnsafeBufferPointer(start: bytes, count: length)))
    }

    private static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        let value = String(cString: pointer)
        return value.isEmpty ? nil : value
    }

    private static func positive(_ value: Int32) -> Int? { value > 0 ? Int(value) : nil }
}
