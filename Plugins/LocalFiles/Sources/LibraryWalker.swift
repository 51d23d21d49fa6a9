#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SourceAPI

/// Walks a library folder and lists its audio files with size and modification time,
/// without opening them.
///
/// Written on POSIX calls rather than `FileManager.enumerator` because the walk must
/// follow symbolic links to folders (people link other disks into their library) while
/// refusing loops, and needs `stat` data for every file: one `stat` per entry, no more.
struct LibraryWalker {
    let root: String

    func walk() -> LibraryListing {
        var entries: [LibraryEntry] = []
        var problems: [String] = []
        var folders: [String] = []
        var visited = Set<FolderIdentity>()
        var pending: [String] = [""]

        while let relative = pending.popLast() {
            let absolute = relative.isEmpty ? root : root + "/" + relative
            var info = stat()
            guard stat(absolute, &info) == 0 else {
                problems.append("\(display(relative)): cannot read (\(errnoText()))")
                continue
            }
            guard visited.insert(FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else {
                problems.append("\(display(relative)): symbolic link loop, not followed")
                continue
            }
            guard let directory = opendir(absolute) else {
                problems.append("\(display(relative)): cannot open folder (\(errnoText()))")
                continue
            }
            folders.append(relative)
            var audioHere: [LibraryEntry] = []
            var bestImage: (rank: Int, path: String)?
            while let item = readdir(directory) {
                guard let name = Self.name(of: item) else {
                    problems.append("\(display(relative)): a file name that is not valid UTF-8 was skipped")
                    continue
                }
                if name.hasPrefix(".") { continue }
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                var childInfo = stat()
                guard stat(absolute + "/" + name, &childInfo) == 0 else {
                    // A dangling link or a file removed while we walk: not an error worth stopping for.
                    continue
                }
                switch childInfo.st_mode & S_IFMT {
                case S_IFDIR:
                    pending.append(childRelative)
                case S_IFREG:
                    if AudioFormat.isAudio(name) {
                        let nanoseconds = Int64(childInfo.st_mtim.tv_sec) * 1_000_000_000 + Int64(childInfo.st_mtim.tv_nsec)
                        audioHere.append(LibraryEntry(
                            path: childRelative, size: Int64(childInfo.st_size), modifiedNanoseconds: nanoseconds))
                    } else if let rank = FolderImage.rank(of: name), rank < (bestImage?.rank ?? .max) {
                        bestImage = (rank, childRelative)
                    }
                default:
                    continue
                }
            }
            closedir(directory)
            if let image = bestImage?.path {
                for index in audioHere.indices { audioHere[index].folderImage = image }
            }
            entries.append(contentsOf: audioHere)
        }
        entries.sort { $0.path < $1.path }
        return LibraryListing(entries: entries, problems: problems, folders: folders.sorted())
    }

    private static func name(of item: UnsafeMutablePointer<dirent>) -> String? {
        withUnsafePointer(to: item.pointee.d_name) { tuple in
            tuple.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { pointer in
                // "." and ".." come back as themselves and are skipped with the hidden files.
                String(validatingCString: pointer)
            }
        }
    }

    private func display(_ relative: String) -> String { relative.isEmpty ? "library root \(root)" : relative }

    private func errnoText() -> String { String(cString: strerror(errno)) }
}

private struct FolderIdentity: Hashable {
    let device: UInt64
    let inode: UInt64
}
