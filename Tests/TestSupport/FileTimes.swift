#if canImport(Glibc)
import Glibc
#endif

/// Rewrites a file's content while keeping its exact modification time (to the
/// nanosecond), which `FileManager.setAttributes` cannot do.
public enum FileTimes {
    public static func keepingModificationTime(of path: String, _ change: () throws -> Void) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { throw FixtureError(message: "cannot stat \(path)") }
        try change()
        var times = [info.st_atim, info.st_mtim]
        guard utimensat(AT_FDCWD, path, &times, 0) == 0 else { throw FixtureError(message: "cannot set times of \(path)") }
    }
}
