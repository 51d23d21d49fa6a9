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
///
/// A linked folder is followed only when its real path lies inside `roots` (the library or
/// its `allowed_roots`): a link to `/` or to someone's home is reported, never walked.
/// Linked files are listed; reading them applies the same rule (`LocalFilesProvider`).
struct LibraryWalker {
    let root: String
    let roots: LibraryRoots

    init(root: String, roots: LibraryRoots? = nil) {
        self.root = root
        self.roots = roots ?? LibraryRoots(library: root)
    }

    /// Lists the whole library.
    func walk() -> LibraryListing { walk(from: [LibraryScope(folder: "", recursive: true)]) }

    /// Lists only these parts of the library: a part's folder that is gone, hidden, or
    /// (through a link) outside the roots lists nothing.
    func walk(_ scopes: [LibraryScope]) -> LibraryListing {
        let realRoots = roots.resolved()
        let reachable = LibraryScope.normalized(scopes).filter { scope in
            if scope.folder.isEmpty { return true }
            let parts = scope.folder.split(separator: "/", omittingEmptySubsequences: false)
            guard !parts.contains(where: { $0.isEmpty || $0.utf8.first == UInt8(ascii: ".") }) else { return false }
            // Reached through a linked folder, a part must still lead inside the roots.
            guard let real = LibraryRoots.realPath(root + "/" + scope.folder) else { return false }
            return roots.contains(realPath: real, roots: realRoots)
        }
        return walk(from: reachable, realRoots: realRoots)
    }

    private func walk(from scopes: [LibraryScope], realRoots: [String]? = nil) -> LibraryListing {
        var entries: [LibraryEntry] = []
        var problems: [String] = []
        var folders: [String] = []
        var visited = Set<FolderIdentity>()
        var pending = scopes.reversed().map { (relative: $0.folder, recursive: $0.recursive) }
        // Resolved once per walk: a link's target is compared with these.
        let realRoots = realRoots ?? roots.resolved()

        while let (relative, recursive) = pending.popLast() {
            let absolute = relative.isEmpty ? root : root + "/" + relative
            // The folder is opened once; its entries are then looked up relative to it
            // (fstatat), so the kernel does not resolve the whole path again for each file.
            let folder = open(absolute, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard folder >= 0 else {
                // A part of a partial walk may be gone by now: that is no problem.
                if relative.isEmpty || (errno != ENOENT && errno != ENOTDIR) {
                    problems.append("\(display(relative)): cannot open folder (\(errnoText()))")
                }
                continue
            }
            var info = stat()
            guard fstat(folder, &info) == 0 else {
                problems.append("\(display(relative)): cannot read (\(errnoText()))")
                close(folder)
                continue
            }
            guard visited.insert(FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else {
                problems.append("\(display(relative)): symbolic link loop, not followed")
                close(folder)
                continue
            }
            guard let directory = fdopendir(folder) else {
                problems.append("\(display(relative)): cannot open folder (\(errnoText()))")
                close(folder)
                continue
            }
            folders.append(relative)
            var audioHere: [LibraryEntry] = []
            var bestImage: (rank: Int, path: String)?
            var subfolders: [String] = []
            while let item = readdir(directory) {
                guard let name = Self.name(of: item) else {
                    problems.append("\(display(relative)): a file name that is not valid UTF-8 was skipped")
                    continue
                }
                if name.utf8.first == UInt8(ascii: ".") { continue }
                let type = item.pointee.d_type
                let isAudio = AudioFormat.isAudio(name)
                let imageRank = isAudio ? nil : FolderImage.rank(of: name)
                // What readdir already tells needs no stat: a plain file that is neither audio
                // nor a cover, and, in a walk that does not go down, any folder.
                if type == UInt8(DT_REG), !isAudio, imageRank == nil { continue }
                if type == UInt8(DT_DIR), !recursive { continue }
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                if type == UInt8(DT_DIR) {
                    subfolders.append(childRelative)
                    continue
                }
                var childInfo = stat()
                guard fstatat(folder, name, &childInfo, 0) == 0 else {
                    // A dangling link or a file removed while we walk: not an error worth stopping for.
                    continue
                }
                switch childInfo.st_mode & S_IFMT {
                case S_IFDIR:
                    guard recursive else { continue }
                    if Self.mayBeLink(item), let outside = outsideTarget(absolute + "/" + name, realRoots: realRoots) {
                        problems.append(
                            "\(childRelative): a link to the folder \(outside), outside the library folder and allowed_roots: "
                                + "not followed (list that folder in the source's allowed_roots option to include it)")
                        continue
                    }
                    subfolders.append(childRelative)
                case S_IFREG:
                    if isAudio {
                        let nanoseconds = Int64(childInfo.st_mtim.tv_sec) * 1_000_000_000 + Int64(childInfo.st_mtim.tv_nsec)
                        audioHere.append(LibraryEntry(
                            path: childRelative, size: Int64(childInfo.st_size), modifiedNanoseconds: nanoseconds))
                    } else if let rank = imageRank, rank < (bestImage?.rank ?? .max) {
                        bestImage = (rank, childRelative)
                    }
                default:
                    continue
                }
            }
            closedir(directory)
            for subfolder in subfolders { pending.append((subfolder, true)) }
            if let image = bestImage?.path {
                for index in audioHere.indices { audioHere[index].folderImage = image }
            }
            entries.append(contentsOf: audioHere)
        }
        entries.sort { $0.path < $1.path }
        return LibraryListing(entries: entries, problems: problems, folders: folders.sorted())
    }

    /// Whether a directory entry may be a symbolic link. `readdir`'s type is free; only a
    /// file system that does not fill it in costs an `lstat`.
    private static func mayBeLink(_ item: UnsafeMutablePointer<dirent>) -> Bool {
        let type = item.pointee.d_type
        return type == UInt8(DT_LNK) || type == UInt8(DT_UNKNOWN)
    }

    /// The real path of a linked folder that lies outside the roots, or `nil` when it is
    /// inside them (or is no link at all).
    private func outsideTarget(_ path: String, realRoots: [String]) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return nil }
        guard let real = LibraryRoots.realPath(path) else { return path }
        return roots.contains(realPath: real, roots: realRoots) ? nil : real
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
