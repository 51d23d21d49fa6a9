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

/// A part of a library: the files directly in one folder, or everything below it.
public struct LibraryScope: Sendable, Hashable {
    /// Relative to the library root, `/`-separated; `""` is the root itself.
    public var folder: String
    /// Every file below `folder`, at any depth, not only those directly in it.
    public var recursive: Bool

    public init(folder: String, recursive: Bool) {
        self.folder = folder
        self.recursive = recursive
    }

    /// Whether the file at `path` (relative to the root) lies in this part. Paths are
    /// compared byte for byte, as the file system names them.
    public func contains(_ path: String) -> Bool {
        guard let rest = Self.remainder(of: path, below: folder) else { return false }
        return !rest.isEmpty && (recursive || !rest.contains(UInt8(ascii: "/")))
    }

    /// The same parts without those that another recursive part already covers, in a fixed order.
    public static func normalized(_ scopes: some Sequence<LibraryScope>) -> [LibraryScope] {
        let all = Set(scopes)
        let trees = all.filter(\.recursive)
        return all.filter { scope in
            !trees.contains { tree in tree != scope && remainder(of: scope.folder, below: tree.folder) != nil }
                && !trees.contains { tree in tree != scope && tree.folder == scope.folder }
        }
        .sorted { $0.folder == $1.folder ? !$0.recursive && $1.recursive : $0.folder < $1.folder }
    }

    /// What follows `folder/` in `path` (all of it below the root), or `nil` when `path`
    /// is not below `folder`.
    private static func remainder(of path: String, below folder: String) -> Substring.UTF8View? {
        let bytes = Substring(path).utf8
        if folder.isEmpty { return bytes }
        guard bytes.starts(with: folder.utf8) else { return nil }
        let rest = bytes.dropFirst(folder.utf8.count)
        guard rest.first == UInt8(ascii: "/") else { return nil }
        return rest.dropFirst()
    }
}

/// What changed in a watched library since the last notice.
public enum LibraryChange: Sendable, Equatable {
    /// Anything may have changed (events were lost, the folder was replaced or unmounted):
    /// the whole library must be walked.
    case everything
    /// Only files in these parts changed.
    case within(Set<LibraryScope>)

    /// Both changes at once.
    public func merged(with other: LibraryChange) -> LibraryChange {
        switch (self, other) {
        case (.within(let a), .within(let b)): .within(a.union(b))
        default: .everything
        }
    }
}

/// A provider whose items are files on this machine that the host scans into its catalog.
///
/// The host drives the scan (what changed, batching, progress); the provider knows the
/// folder layout and the file formats.
public protocol LibraryScanning: SourceProvider {
    /// Walks the library and lists its audio files without opening them.
    func listEntries() throws -> LibraryListing

    /// Lists the audio files of these parts only, without opening them (a folder that is
    /// gone lists nothing). What a watched change costs: the parts, not the library.
    func listEntries(in scopes: [LibraryScope]) throws -> LibraryListing

    /// Reads the tags of one file. Blocking and thread-safe: the host calls it from
    /// several threads at once. Throws for a file that is not readable audio.
    func readMetadata(of entry: LibraryEntry) throws -> TrackMetadata
}

extension LibraryScanning {
    /// The whole listing, filtered: correct for any provider, as dear as a whole walk.
    public func listEntries(in scopes: [LibraryScope]) throws -> LibraryListing {
        var listing = try listEntries()
        listing.entries.removeAll { entry in !scopes.contains { $0.contains(entry.path) } }
        return listing
    }
}

/// A library provider that notices changes by itself.
public protocol LibraryWatching: LibraryScanning {
    /// Yields each time the library changed (already debounced), with the parts that
    /// changed, until the stream's consumer is cancelled. New folders are watched as they
    /// appear.
    func changes() -> AsyncStream<LibraryChange>

    /// How often the host should rescan anyway, in case an event was missed; `nil` for never.
    var safetyRescanInterval: Duration? { get }
}
