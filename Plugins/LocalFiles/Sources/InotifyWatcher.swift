#if canImport(Glibc)
import Glibc
import Foundation
import Synchronization

/// Watches a folder tree with inotify and yields once per burst of changes.
///
/// Hand-written on Glibc because none of the listed packages wraps inotify. New folders
/// get watches as they appear (their contents count as a change, so files copied in along
/// with the folder are picked up by the rescan that follows). A burst ends when no event
/// has come for `debounce`; a long copy still yields at least every `maximumDelay`.
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
    func changes() -> AsyncStream<Void> {
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
        IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE_SELF | IN_ATTRIB)

    private func run(fd: Int32, continuation: AsyncStream<Void>.Continuation) {
        var folders: [Int32: String] = [:]
        addTree(root, fd: fd, folders: &folders)
        let clock = ContinuousClock()
        var burstStart: ContinuousClock.Instant?
        var lastEvent = clock.now
        let bufferSize = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferSize, alignment: 8)
        defer { buffer.deallocate() }

        while !stopped.load(ordering: .relaxed) {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 200)
            if ready > 0 {
                let count = read(fd, buffer, bufferSize)
                if count > 0 {
                    handleEvents(buffer, count: count, fd: fd, folders: &folders)
                    lastEvent = clock.now
                    if burstStart == nil { burstStart = lastEvent }
                }
            }
            if let start = burstStart {
                let now = clock.now
                if now - lastEvent >= debounce || now - start >= maximumDelay {
                    burstStart = nil
                    continuation.yield()
                }
            }
        }
    }

    private func handleEvents(
        _ buffer: UnsafeMutableRawPointer, count: Int, fd: Int32, folders: inout [Int32: String]
    ) {
        var offset = 0
        let headerSize = MemoryLayout<inotify_event>.size
        while offset + headerSize <= count {
            let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
            let nameStart = buffer.advanced(by: offset + headerSize)
            let name = event.len > 0 ? String(cString: nameStart.assumingMemoryBound(to: CChar.self)) : ""
            offset += headerSize + Int(event.len)

            if event.mask & UInt32(IN_IGNORED) != 0 {
                folders[event.wd] = nil
                continue
            }
            let isFolder = event.mask & UInt32(IN_ISDIR) != 0
            let created = event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0
            if isFolder, created, let parent = folders[event.wd], !name.hasPrefix(".") {
                addTree(parent + "/" + name, fd: fd, folders: &folders)
            }
        }
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
