/// One file of a library as a directory walk sees it, before it is opened.
public struct LibraryEntry: Sendable, Hashable {
    /// Path relative to the library root, `/`-separated.
    public var path: String
    public var size: Int64
    /// Modification time in nanoseconds since 1970, as `stat` reports it.
    public var modifiedNanoseconds: Int64
    /// The folder's cover image (`cover.jpg`, `folder.png`...), relative to the root, if any.
    /// Part of the walk, so adding a cover to a folder is noticed without opening its files.
    public var folderImage: String?

    public init(path: String, size: Int64, modifiedNanoseconds: Int64, folderImage: String? = nil) {
        self.path = path
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.folderImage = folderImage
    }
}

/// What a walk of the library found: the audio files and what it could not read.
public struct LibraryListing: Sendable {
    public var entries: [LibraryEntry]
    /// Folders that could not be read, and symbolic-link loops that were not followed.
    public var problems: [String]
    /// Every folder walked, relative to the root (`""` for the root), for watchers.
    public var folders: [String]

    public init(entries: [LibraryEntry], problems: [String] = [], folders: [String] = []) {
        self.entries = entries
        self.problems = problems
        self.folders = folders
    }
}

/// A provider whose items are files on this machine that the host scans into its catalog.
///
/// The host drives the scan (what changed, batching, progress); the provider knows the
/// folder layout and the file formats.
public protocol LibraryScanning: SourceProvider {
    /// Walks the library and lists its audio files without opening them.
    func listEntries() throws -> LibraryListing

    /// Reads the tags of one file. Blocking and thread-safe: the host calls it from
    /// several threads at once. Throws for a file that is not readable audio.
    func readMetadata(of entry: LibraryEntry) throws -> TrackMetadata
}

/// A library provider that notices changes by itself.
public protocol LibraryWatching: LibraryScanning {
    /// Yields once each time the library changed (already debounced), until the stream's
    /// consumer is cancelled. New folders are watched as they appear.
    func changes() -> AsyncStream<Void>

    /// How often the host should rescan anyway, in case an event was missed; `nil` for never.
    var safetyRescanInterval: Duration? { get }
}
