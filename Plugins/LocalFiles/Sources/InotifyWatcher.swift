#if canImport(Glibc)
import Glibc
import Foundation
import SourceAPI
import Synchronization

/// Watches a folder tree with inotify and yields once per burst of changes, with the
/// folders they touched.
///
/// Hand-written on Glibc because none of the listed packages wraps inotify. New folders
/// get watches as they appear, and count as changed as a whole (files copied in along with
/// the folder, before its watch existed, are picked up by the rescan that follows). A
/// burst ends when no event has come for `debounce`; a long copy still yields at least
/// every `maximumDelay`. Lost events (a full queue) or a library folder that is itself
/// moved, deleted or unmounted yield `.everything`.
final class InotifyWatcher: Sendable {
    private let root: String
    private let debounce: Duration
    private let maximumDelay: Duration
    private let stopped = Atomic<Bool>(false)

    init(root: String, debounce: Duration, maximumDelay: Duration = .seconds(10)) {
        self.root = root
        self.debounce = debounce
        self.maximumDelay = maximumDelay
    }

    /// Starts watching on a thread of its own; the stream ends when its consumer goes away.
    func changes() -> AsyncStream<LibraryChange> {
        AsyncStream { continuation in
            let fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
            guard fd >= 0 else {
                continuation.finish()
                return
            }
            continuation.onTermination = { [self] _ in stopped.store(true, ordering: .relaxed) }
            let thread = Thread { [self] in
                self.run(fd: fd, continuation: continuation)
                close(fd)
                continuation.finish()
            }
            thread.name = "inotify \(root)"
            thread.start()
        }
    }

    private static let mask = UInt32(
        IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB)

    private func run(fd: Int32, continuation: AsyncStream<LibraryChange>.Continuation) {
        var folders: [Int32: String] = [:]
        addTree(root, fd: fd, folders: &folders)
        var change: LibraryChange?
        let clock = ContinuousClock()
        var burstStart: ContinuousClock.Instant?
        var lastEvent = clock.now
        let bufferSize = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferSize, alignment: 8)
        defer { buffer.deallocate() }

        while !stopped.load(ordering: .relaxed) {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            // Wakes when the quiet time of a burst is over, not up to 200 ms later: that is
            // part of the time from a file landing to its being searchable.
            var timeout: Int32 = 200
            if burstStart != nil {
                let left = (lastEvent + debounce) - clock.now
                timeout = Int32(max(1, min(200, left / .milliseconds(1))))
            }
            let ready = poll(&poller, 1, timeout)
            if ready > 0 {
                let count = read(fd, buffer, bufferSize)
                if count > 0 {
                    let found = handleEvents(buffer, count: count, fd: fd, folders: &folders)
                    change = change.map { $0.merged(with: found) } ?? found
                    if case .within(let scopes) = change { change = .within(Set(LibraryScope.normalized(scopes))) }
                    lastEvent = clock.now
                    if burstStart == nil { burstStart = lastEvent }
                }
            }
            if let start = burstStart {
                let now = clock.now
                if now - lastEvent >= debounce || now - start >= maximumDelay {
                    burstStart = nil
                    // Events of hidden files only change nothing the library holds.
                    if let change, change != .within([]) { continuation.yield(change) }
                    change = nil
                }
            }
        }
    }

    /// Reads a buffer of events: the parts of the library they changed.
    private func handleEvents(
        _ buffer: UnsafeMutableRawPointer, count: Int, fd: Int32, folders: inout [Int32: String]
    ) -> LibraryChange {
        var scopes = Set<LibraryScope>()
        var everything = false
        var offset = 0
        let headerSize = MemoryLayout<inotify_event>.size
        while offset + headerSize <= count {
            let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
            let nameStart = buffer.advanced(by: offset + headerSize)
            let name = event.len > 0 ? String(cString: nameStart.assumingMemoryBound(to: CChar.self)) : ""
            offset += headerSize + Int(event.len)

            if event.mask & UInt32(IN_Q_OVERFLOW | IN_UNMOUNT) != 0 {
                everything = true
                continue
            }
            let folder = folders[event.wd]
            if event.mask & UInt32(IN_IGNORED) != 0 {
                folders[event.wd] = nil
                if folder == root { everything = true }
                continue
            }
            guard let folder else { continue }
            if event.mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                // The library folder itself went away; any other folder's parent reports it.
                if folder == root { everything = true }
                continue
            }
            // Hidden files and folders are not part of the library (the walk skips them).
            guard !name.isEmpty, !name.hasPrefix("."), let parent = relative(folder) else { continue }
            let child = parent.isEmpty ? name : parent + "/" + name
            if event.mask & UInt32(IN_ISDIR) != 0 {
                // A folder that appeared, went or was renamed: everything below it changed.
                scopes.insert(LibraryScope(folder: child, recursive: true))
                if event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    addTree(folder + "/" + name, fd: fd, folders: &folders)
                }
            } else {
                scopes.insert(LibraryScope(folder: parent, recursive: false))
                // A symbolic link to a folder is no folder to inotify: a new one brings a
                // tree (to walk and watch), a removed one takes its tree away.
                if event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, Self.isFolder(folder + "/" + name) {
                    scopes.insert(LibraryScope(folder: child, recursive: true))
                    addTree(folder + "/" + name, fd: fd, folders: &folders)
                } else if event.mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0, !AudioFormat.isAudio(name),
                          FolderImage.rank(of: name) == nil {
                    scopes.insert(LibraryScope(folder: child, recursive: true))
                }
            }
        }
        return everything ? .everything : .within(Set(LibraryScope.normalized(scopes)))
    }

    /// Whether `path` is a folder, or a link to one.
    private static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// A watched folder's path relative to the root (`""` for the root itself).
    private func relative(_ folder: String) -> String? {
        if folder == root { return "" }
        guard folder.hasPrefix(root + "/") else { return nil }
        return String(folder.dropFirst(root.count + 1))
    }

    /// Adds a watch on `path` and every folder below it.
    private func addTree(_ path: String, fd: Int32, folders: inout [Int32: String]) {
        var pending = [path]
        var seen = Set<String>()
        while let folder = pending.popLast() {
            guard let resolved = realpathString(folder), seen.insert(resolved).inserted else { continue }
            let wd = inotify_add_watch(fd, folder, Self.mask)
            guard wd >= 0 else { continue }
            folders[wd] = folder
            guard let directory = opendir(folder) else { continue }
            while let item = readdir(directory) {
                let name = withUnsafePointer(to: item.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
                }
                if name.hasPrefix(".") { continue }
                let child = folder + "/" + name
                var info = stat()
                if stat(child, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { pending.append(child) }
            }
            closedir(directory)
        }
    }

    private func realpathString(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
#endif
