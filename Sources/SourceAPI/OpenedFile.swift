#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file opened for reading, with what the open descriptor itself says of it: its
/// real path, size and modification time.
///
/// Everything is asked of the descriptor (`fstat`, and `/proc/self/fd` for the path), not
/// of the name it was opened by, so no one can swap a symbolic link between a check and the
/// read: the bytes served are those of the file that was checked. Closed when released.
public final class OpenedFile: Sendable {
    public let descriptor: Int32
    /// The absolute path of the file, every symbolic link resolved.
    public let realPath: String
    public let size: Int64
    /// Modification time in nanoseconds since 1970.
    public let modifiedNanoseconds: Int64

    /// Opens `path` (following symbolic links) and refuses anything but a regular file.
    ///
    /// `O_NONBLOCK` makes opening a FIFO or a device return at once instead of waiting for a
    /// writer; such a descriptor is refused by the `fstat` check right after.
    public init(path: String) throws(OpenedFileError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard descriptor >= 0 else { throw .cannotOpen(reason: Self.errnoText()) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = Self.errnoText()
            close(descriptor)
            throw .cannotOpen(reason: reason)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw .notRegularFile
        }
        guard let realPath = Self.path(of: descriptor) else {
            let reason = Self.errnoText()
            close(descriptor)
            throw .cannotOpen(reason: "cannot tell where it is (\(reason))")
        }
        self.descriptor = descriptor
        self.realPath = realPath
        size = Int64(info.st_size)
        #if canImport(Darwin)
        modifiedNanoseconds = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        modifiedNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes from `offset` (fewer at the end of the file). Blocking.
    public func read(at offset: Int64, count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: max(0, count)) { buffer, initialized in
            initialized = max(0, pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset)))
        }
    }

    private static func path(of descriptor: Int32) -> String? {
        #if canImport(Darwin)
        var buffer = [CChar](repeating: 0, count: Int(MAXPATHLEN))
        guard fcntl(descriptor, F_GETPATH, &buffer) != -1 else { return nil }
        return String(cString: buffer)
        #else
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/fd/\(descriptor)", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        buffer[length] = 0
        // A file deleted since it was opened reads as "/path (deleted)": not a path to allow.
        let path = String(cString: buffer)
        return path.hasPrefix("/") && !path.hasSuffix(" (deleted)") ? path : nil
        #endif
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// Why a file could not be opened as a regular file.
public enum OpenedFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(reason: String)
    /// A folder, a device, a FIFO or a socket.
    case notRegularFile

    public var description: String {
        switch self {
        case .cannotOpen(let reason): "cannot open the file: \(reason)"
        case .notRegularFile: "not a regular file"
        }
    }
}
