/// One set of lyrics of an item: timed lines (synced) or lines in reading order.
public struct Lyrics: Sendable, Hashable {
    /// Where the lyrics were found.
    public enum Origin: String, Sendable, Hashable {
        /// A sidecar file next to the audio (`Song.lrc` beside `Song.mp3`).
        case sidecar
        /// Tags inside the audio file (ID3v2 USLT/SYLT, Xiph LYRICS, MP4 ©lyr).
        case embedded
    }

    public var origin: Origin
    /// An ISO 639 code (`eng`, `de`) when the source names a valid one, else nil.
    public var language: String?
    /// Every line has a `start`.
    public var isSynced: Bool
    /// Milliseconds to apply to every start (LRC's `[offset:]`): positive means the lines
    /// show sooner.
    public var offsetMilliseconds: Int
    public var lines: [LyricsLine]

    public init(origin: Origin, language: String? = nil, isSynced: Bool, offsetMilliseconds: Int = 0, lines: [LyricsLine]) {
        self.origin = origin
        self.language = language
        self.isSynced = isSynced
        self.offsetMilliseconds = offsetMilliseconds
        self.lines = lines
    }
}

/// One line of lyrics.
public struct LyricsLine: Sendable, Hashable {
    /// Milliseconds from the start of the track, for synced lyrics; nil otherwise.
    public var start: Int?
    public var text: String

    public init(start: Int? = nil, text: String) {
        self.start = start
        self.text = text
    }
}

/// A provider that can find the lyrics of its items.
public protocol LyricsProviding: SourceProvider {
    /// Every set of lyrics the item has, synced ones first; `[]` when it has none. Blocking
    /// work (file reads) is bounded by the provider. Same errors as `resolve`.
    func lyrics(for ref: RemoteRef) async throws -> [Lyrics]
}
