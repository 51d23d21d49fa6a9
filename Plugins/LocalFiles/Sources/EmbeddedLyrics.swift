import CTagLib
import SourceAPI

/// Lyrics inside an audio file, read with TagLib: ID3v2 USLT (text), SYLT (timed lines in
/// milliseconds) and the TXXX frames tools write instead of USLT (`UNSYNCEDLYRICS`, `USLT`,
/// `LYRICS`), Xiph `LYRICS`/`UNSYNCEDLYRICS`, MP4 `©lyr`. A text that is LRC (taggers often
/// embed an .lrc file's content) comes back synced.
enum EmbeddedLyrics {
    /// Every set of lyrics embedded in `path`; `[]` when none or the file cannot be read.
    static func read(path: String) -> [Lyrics] {
        var raw = ms_lyrics()
        guard ms_read_lyrics(path, LyricsText.maximumBytes, LyricsText.maximumLines, &raw) == MS_OK else { return [] }
        defer { ms_lyrics_free(&raw) }
        guard let entries = raw.entries else { return [] }
        return UnsafeBufferPointer(start: entries, count: raw.count).compactMap(lyrics(of:))
    }

    private static func lyrics(of entry: ms_lyrics_entry) -> Lyrics? {
        let language = withUnsafeBytes(of: entry.language) { bytes in
            LyricsLanguage.code(String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self))
        }
        if entry.synced == 0 {
            guard let text = entry.text else { return nil }
            return LRCParser.parse(String(cString: text), origin: .embedded, language: language)
        }
        guard let lines = entry.lines else { return nil }
        let timed = UnsafeBufferPointer(start: lines, count: entry.line_count).map { line in
            // SYLT texts often begin with the line break that starts their line.
            LyricsLine(start: Int(line.start_ms), text: LyricsText.clean(line.text.map { String(cString: $0) } ?? ""))
        }
        let ordered = timed.enumerated().sorted { ($0.element.start ?? 0, $0.offset) < ($1.element.start ?? 0, $1.offset) }.map(\.element)
        return ordered.isEmpty ? nil : Lyrics(origin: .embedded, language: language, isSynced: true, lines: ordered)
    }
}
