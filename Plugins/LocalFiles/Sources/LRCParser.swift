import Foundation
import SourceAPI

/// Reads LRC, the text format of synced lyrics: `[mm:ss.xx]` stamps before a line (several
/// for a line sung more than once), `[offset:+/-ms]`, and metadata tags (`[ar:]`, `[ti:]`,
/// `[al:]`, `[by:]`...) that are skipped. Text with no stamp at all is plain lyrics, line by
/// line: tags often hold plain text and LRC alike, so both go through here.
///
/// Hand-written rather than with a regular expression: the grammar is a few bracket forms,
/// and a scanner bounds its own work on hostile input (a line of a million `[`).
enum LRCParser {
    /// The most stamps read before one line.
    static let maximumStampsPerLine = 100
    /// An `[offset:]` beyond an hour is not a correction of timing.
    static let maximumOffset = 3_600_000

    /// The lyrics in `text` (already decoded), or nil when it holds no line of text.
    static func parse(_ text: String, origin: Lyrics.Origin, language: String? = nil) -> Lyrics? {
        var timed: [LyricsLine] = []
        var plain: [String] = []
        var offset = 0
        var tagLanguage: String?
        for line in LyricsText.lines(of: text) {
            if timed.count >= LyricsText.maximumLines { break }
            let (stamps, rest) = leadingStamps(of: line)
            if !stamps.isEmpty {
                let words = withoutWordStamps(rest).trimmingCharacters(in: .whitespaces)
                for start in stamps where timed.count < LyricsText.maximumLines {
                    timed.append(LyricsLine(start: start, text: words))
                }
            } else if let (key, value) = metadataTag(line) {
                switch key {
                case "offset":
                    if let milliseconds = Int(value.trimmingCharacters(in: .whitespaces)), abs(milliseconds) <= maximumOffset {
                        offset = milliseconds
                    }
                case "la", "lang":
                    tagLanguage = LyricsLanguage.code(value)
                default:
                    break
                }
            } else {
                plain.append(line)
            }
        }
        if !timed.isEmpty {
            // Stable: lines stamped alike keep the file's order. Lines without a stamp in a
            // synced file are not lyrics (comments, garbage) and are left out.
            let ordered = timed.enumerated().sorted { ($0.element.start ?? 0, $0.offset) < ($1.element.start ?? 0, $1.offset) }
            return Lyrics(
                origin: origin, language: tagLanguage ?? language, isSynced: true, offsetMilliseconds: offset,
                lines: ordered.map(\.element))
        }
        guard let first = plain.firstIndex(where: { !$0.isEmpty }), let last = plain.lastIndex(where: { !$0.isEmpty }) else {
            return nil
        }
        return Lyrics(
            origin: origin, language: tagLanguage ?? language, isSynced: false,
            lines: plain[first...last].map { LyricsLine(text: $0) })
    }

    /// The stamps at the start of `line` (`[00:12.00][01:30.00]Chorus` gives 12000 and
    /// 90000), and what follows them.
    static func leadingStamps(of line: String) -> (stamps: [Int], rest: Substring) {
        var rest = Substring(line)
        var stamps: [Int] = []
        while stamps.count < maximumStampsPerLine, rest.first == "[", let close = rest.firstIndex(of: "]"),
              let milliseconds = timestamp(rest[rest.index(after: rest.startIndex)..<close])
        {
            stamps.append(milliseconds)
            rest = rest[rest.index(after: close)...].drop { $0 == " " }
        }
        return (stamps, rest)
    }

    /// `mm:ss`, `mm:ss.f`, `mm:ss.ff`, `mm:ss.fff` (also `mm:ss:ff`), minutes of 1 to 3
    /// digits and seconds below 60, in milliseconds; nil for anything else.
    static func timestamp(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, (1...3).contains(parts[0].count), parts[0].allSatisfy(\.isASCIIDigit),
              let minutes = Int(parts[0])
        else { return nil }
        var secondsText = parts[1]
        var fractionText: Substring = ""
        if parts.count == 3 {
            fractionText = parts[2]
        } else if let dot = secondsText.firstIndex(of: ".") {
            fractionText = secondsText[secondsText.index(after: dot)...]
            secondsText = secondsText[..<dot]
            guard !fractionText.isEmpty else { return nil }
        }
        guard (1...2).contains(secondsText.count), secondsText.allSatisfy(\.isASCIIDigit), let seconds = Int(secondsText), seconds < 60,
              fractionText.count <= 3, fractionText.allSatisfy(\.isASCIIDigit)
        else { return nil }
        // ".5" is half a second, ".05" five hundredths, ".005" five milliseconds.
        let fraction = fractionText.isEmpty ? 0 : (Int(fractionText) ?? 0) * [100, 10, 1][fractionText.count - 1]
        return (minutes * 60 + seconds) * 1000 + fraction
    }

    /// A whole line `[key:value]` whose key is letters (or `#`): `("offset", "+250")`.
    static func metadataTag(_ line: String) -> (key: String, value: Substring)? {
        guard line.first == "[", line.last == "]", let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[line.index(after: line.startIndex)..<colon]
        guard !key.isEmpty, key.count <= 20, key.allSatisfy({ ($0.isASCII && $0.isLetter) || $0 == "#" }) else { return nil }
        return (key.lowercased(), line[line.index(after: colon)..<line.index(before: line.endIndex)])
    }

    /// The text without enhanced LRC's word stamps (`<00:12.34>`), which karaoke files put
    /// between words.
    static func withoutWordStamps(_ text: Substring) -> String {
        guard text.contains("<") else { return String(text) }
        var result = ""
        var rest = text
        while let open = rest.firstIndex(of: "<") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: ">"), timestamp(after[..<close]) != nil {
                rest = after[after.index(after: close)...]
            } else {
                result.append("<")
                rest = after
            }
        }
        result += rest
        return result.replacingOccurrences(of: "  ", with: " ")
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
