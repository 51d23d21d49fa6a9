import Foundation

/// Lyrics text as it arrives from a sidecar file or a tag: anyone's bytes. Made safe to keep
/// and show before it is parsed: UTF-8 decoded with U+FFFD for what is not UTF-8, no byte
/// order mark, no control characters, lines of bounded length.
enum LyricsText {
    /// The most of a sidecar file read, and of embedded text kept: a song's lyrics are a few
    /// KiB, so anything near this is not lyrics.
    static let maximumBytes = 512 * 1024
    /// The most lines kept of one set of lyrics (a long song has a few hundred).
    static let maximumLines = 5_000
    /// The most characters kept of one line.
    static let maximumLineLength = 1_000

    /// `bytes` decoded as UTF-8, invalid sequences replaced (never refused: a file written
    /// in Latin-1 still shows its ASCII letters).
    static func decode(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(maximumBytes), as: UTF8.self)
    }

    /// The lines of `text`, split at CR LF, CR or LF, each cleaned by `clean`; at most
    /// `maximumLines` of them.
    static func lines(of text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var lastWasCR = false
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        for scalar in scalars {
            if lines.count >= maximumLines { return lines }
            if scalar == "\n" && lastWasCR {
                lastWasCR = false
                continue
            }
            lastWasCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                lines.append(clean(String(current)))
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty, lines.count < maximumLines { lines.append(clean(String(current))) }
        return lines
    }

    /// One line without control characters (C0, DEL, C1; a tab becomes a space), without
    /// surrounding white space, cut at `maximumLineLength` characters.
    static func clean(_ line: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            if scalar == "\t" {
                kept.append(" ")
            } else if scalar.properties.generalCategory != .control {
                kept.append(scalar)
            }
        }
        let trimmed = String(kept).trimmingCharacters(in: .whitespaces)
        return trimmed.count > maximumLineLength ? String(trimmed.prefix(maximumLineLength)) : trimmed
    }
}
